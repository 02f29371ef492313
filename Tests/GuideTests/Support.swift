import Synchronization

/// Lines recorded by concurrent tasks, in the order they happened.
final class Log: Sendable {
    private let lines = Mutex<[String]>([])

    func add(_ line: String) { lines.withLock { $0.append(line) } }
    var all: [String] { lines.withLock { $0 } }
}

/// A counter that tasks on any thread may bump.
final class Counter: Sendable {
    private let count = Atomic<Int>(0)

    /// Adds one and returns the new count.
    @discardableResult
    func increment() -> Int { count.wrappingAdd(1, ordering: .relaxed).newValue }
    var value: Int { count.load(ordering: .relaxed) }
}

/// Jobs that finish when the test says so: `wait(for:)` suspends until
/// `open(_:)` is called for that key, so the order of completion is chosen by
/// the test instead of by timing.
final class Gates<Key: Hashable & Sendable>: Sendable {
    private struct State {
        var opened: Set<Key> = []
        var waiting: [Key: [CheckedContinuation<Void, Never>]] = [:]
    }
    private let state = Mutex(State())

    func wait(for key: Key) async {
        await withCheckedContinuation { continuation in
            let isOpen = state.withLock { state in
                if state.opened.contains(key) { return true }
                state.waiting[key, default: []].append(continuation)
                return false
            }
            if isOpen { continuation.resume() }
        }
    }

    func open(_ key: Key) {
        let waiters = state.withLock { state in
            state.opened.insert(key)
            return state.waiting.removeValue(forKey: key) ?? []
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// Stand-in requests that count how many run at once. Each one holds its
/// slot until `holdUntil` of them have run together, so a run reaches its
/// limit whatever the timing (and hangs, caught by the time limit, if the
/// limit is lower than `holdUntil`).
final class ConcurrentRequests: Sendable {
    private let state = Mutex((now: 0, peak: 0, finished: 0))
    private let full = Gates<Bool>()
    private let holdUntil: Int

    init(holdUntil: Int) { self.holdUntil = holdUntil }

    func run<Value>(_ value: Value) async -> Value {
        let now = state.withLock { state in
            state.now += 1
            state.peak = max(state.peak, state.now)
            return state.now
        }
        if now >= holdUntil { full.open(true) }
        await full.wait(for: true)
        state.withLock { state in
            state.now -= 1
            state.finished += 1
        }
        return value
    }

    var peak: Int { state.withLock { $0.peak } }
    var finished: Int { state.withLock { $0.finished } }
}

/// Polls `condition` until it holds or `limit` passes; the limit is a
/// safety net against a hang, never the thing under test.
func eventually(within limit: Duration = .seconds(30), _ condition: () -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + limit
    while !condition() {
        guard ContinuousClock.now < deadline else { return false }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return true
}
