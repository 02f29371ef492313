import Synchronization
import Testing

// snippet: wait-for
/// `await asyncio.wait_for(coro, timeout=6.1)`: a race in a throwing task
/// group. The first child to end decides; `cancelAll()` stops the other,
/// which the group would otherwise wait for.
struct TimeoutError: Error {}

func waitFor<T: Sendable>(timeout: Duration, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await work() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TimeoutError()
        }
        defer { group.cancelAll() }
        return try await group.next()!
    }
}
// end-snippet

// snippet: actor-reentrancy
/// An actor runs one of its methods at a time, but only up to an `await`:
/// while `image(for:)` waits for `fetch`, another call runs.
actor FlagCache {
    private var images: [String: String] = [:]
    private(set) var downloads = 0
    private let fetch: @Sendable (String) async -> String

    init(fetch: @escaping @Sendable (String) async -> String) { self.fetch = fetch }

    func image(for code: String) async -> String {
        if let image = images[code] { return image }
        downloads += 1
        let image = await fetch(code)  // a suspension point: other calls run here
        images[code] = image
        return image
    }
}
// end-snippet

// snippet: mutex
/// A lock for a few lines with no `await` inside (import Synchronization):
/// `Mutex` lends its value only inside `withLock`, which cannot suspend.
final class HitCounter: Sendable {
    private let counts = Mutex<[String: Int]>([:])

    func hit(_ word: String) { counts.withLock { $0[word, default: 0] += 1 } }
    func hits(of word: String) -> Int { counts.withLock { $0[word, default: 0] } }
}
// end-snippet

// snippet: sending
/// Not `Sendable`: a class with mutable state and no lock.
final class Draft {
    var lines: [String] = []
}

/// `sending`: the caller gives `draft` up, so it may move into the task even
/// though `Draft` is not `Sendable` (region isolation, SE-0430).
func publish(_ draft: sending Draft) -> Task<Int, Never> {
    Task { draft.lines.count }
}
// end-snippet

// snippet: long-loop
/// A long loop that lets queued jobs run now and then, and stops once its
/// task is cancelled.
func countPrimes(below limit: Int) async throws -> Int {
    var count = 0
    for n in 2..<max(2, limit) {
        if n.isMultiple(of: 10_000) {
            try Task.checkCancellation()
            await Task.yield()
        }
        if !stride(from: 2, through: Int(Double(n).squareRoot()), by: 1).contains(where: { n % $0 == 0 }) {
            count += 1
        }
    }
    return count
}
// end-snippet

@Suite("guide: what an asyncio programmer must relearn", .timeLimit(.minutes(1)))
struct RelearnGuideTests {
    @Test func asyncLetRunsAFewCallsAtOnce() async {
        // snippet: async-let
        // `image, name = await asyncio.gather(get_flag(cc), get_country(cc))`
        // for a fixed few calls: each `async let` starts a child task at
        // once, and the `await` collects them.
        func getFlag(_ code: String) async -> String { code.lowercased() + ".gif" }
        func getCountry(_ code: String) async -> String { code == "BR" ? "Brazil" : "?" }
        async let image = getFlag("BR")
        async let country = getCountry("BR")
        let (file, name) = await (image, country)
        #expect(file == "br.gif" && name == "Brazil")
        // end-snippet
    }

    @Test func gatherIsATaskGroupWithResultsByIndex() async {
        // snippet: gather-by-index
        // `await asyncio.gather(*coros)`: a child task per call, each result
        // put back at its index. A child runs beside the parent, so its
        // closure may not capture what the parent goes on using (`bodies`);
        // the `for await` loop runs on the parent's task, so it may change it.
        func gatherAll(_ codes: [String], fetch: @escaping @Sendable (String) async -> String) async -> [String] {
            await withTaskGroup(of: (Int, String).self) { group in
                for (index, code) in codes.enumerated() {
                    group.addTask { (index, await fetch(code)) }
                }
                var bodies = Array(repeating: "", count: codes.count)
                for await (index, body) in group { bodies[index] = body }
                return bodies
            }
        }
        let bodies = await gatherAll(["BR", "CN", "IN"]) { code in code.lowercased() + ".gif" }
        #expect(bodies == ["br.gif", "cn.gif", "in.gif"])  // submission order, whatever finished first
        // end-snippet
    }

    @Test func aFailingChildCancelsItsSiblings() async {
        // snippet: task-group-fails
        // `async with asyncio.TaskGroup() as tg:` (3.11): when a child fails,
        // the group cancels the others, waits for them, then raises. A
        // throwing group does the same once the error leaves its body, and
        // rethrows that one error (there is no ExceptionGroup).
        struct NotFound: Error {}
        let log = Log()
        await #expect(throws: NotFound.self) {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { throw NotFound() }
                group.addTask {
                    do { try await Task.sleep(for: .seconds(3600)) } catch { log.add("sibling cancelled") }
                }
                for try await _ in group {}  // the first error thrown leaves the body
            }
        }
        #expect(log.all == ["sibling cancelled"])
        // end-snippet
    }

    @Test func cancellationIsAFlagTheTaskChecks() async {
        // snippet: cancellation-flag
        // asyncio's `task.cancel()` raises CancelledError in the task at its
        // next `await`. Swift's `cancel()` sets a flag: the task goes on
        // until it checks, or until it calls code that checks.
        let gates = Gates<String>()
        let log = Log()
        let task = Task {
            await gates.wait(for: "go")  // a wait that does not check
            log.add("cancelled: \(Task.isCancelled)")
            do {
                try Task.checkCancellation()  // throws CancellationError when cancelled
                log.add("went on")
            } catch {
                log.add("stopped: \(error is CancellationError)")
            }
        }
        task.cancel()
        gates.open("go")
        await task.value
        #expect(log.all == ["cancelled: true", "stopped: true"])
        // end-snippet
    }

    @Test func aCancellationHandlerEndsAWaitThatDoesNotCheck() async {
        // snippet: cancellation-handler
        // A wait that does not check needs a handler: it runs at once, on the
        // thread that cancels, while the task is still suspended (so it must
        // be `@Sendable`).
        let gates = Gates<String>()
        let reply = Task {
            await withTaskCancellationHandler {
                await gates.wait(for: "reply")
                return Task.isCancelled ? "gave up" : "answered"
            } onCancel: {
                gates.open("reply")
            }
        }
        reply.cancel()
        #expect(await reply.value == "gave up")
        // end-snippet
    }

    @Test func aGroupThatReturnsWaitsForItsChildren() async {
        // snippet: group-waits
        // A group whose body returns waits for the children still running,
        // and does not cancel them: a race has to call `cancelAll()`.
        let gates = Gates<String>()
        let log = Log()
        let first = await withTaskGroup(of: String.self) { group in
            group.addTask {
                await gates.wait(for: "slow")
                log.add(Task.isCancelled ? "slow cancelled" : "slow finished")
                return "slow"
            }
            group.addTask { "fast" }
            let first = await group.next()
            gates.open("slow")  // the race is decided
            return first
        }
        #expect(first == "fast")
        #expect(log.all == ["slow finished"])  // awaited, never cancelled
        // end-snippet
    }

    @Test func aTimeOutIsARace() async throws {
        // snippet: wait-for-use
        #expect(try await waitFor(timeout: .seconds(6.1)) { "br.gif" } == "br.gif")
        await #expect(throws: TimeoutError.self) {
            try await waitFor(timeout: .milliseconds(10)) { try await Task.sleep(for: .seconds(3600)) }
        }
        // end-snippet
    }

    @Test func actorStateChangesAcrossAnAwait() async {
        // snippet: actor-reentrancy-use
        // Two calls for BR: the second runs while the first waits for its
        // download, finds the cache still empty, and downloads BR again.
        let started = Counter()
        let gates = Gates<String>()
        let cache = FlagCache { code in
            started.increment()
            await gates.wait(for: code)
            return code.lowercased() + ".gif"
        }
        async let first = cache.image(for: "BR")
        async let second = cache.image(for: "BR")
        #expect(await eventually { started.value == 2 })  // both missed the cache
        gates.open("BR")
        #expect(await [first, second] == ["br.gif", "br.gif"])
        #expect(await cache.downloads == 2)
        // end-snippet
    }

    @Test func aMutexGuardsAFewLines() async {
        // snippet: mutex-use
        let counter = HitCounter()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<1000 { group.addTask { counter.hit("cat") } }
        }  // the body returned: the group waited for its 1,000 children
        #expect(counter.hits(of: "cat") == 1000)
        // end-snippet
    }

    @Test func sendingMovesAValueIntoATask() async {
        // snippet: sending-use
        let draft = Draft()
        draft.lines.append("BR")
        let lineCount = publish(draft)  // any use of `draft` after this line would not compile
        #expect(await lineCount.value == 1)
        // end-snippet
    }

    @Test func aLongLoopYieldsAndStopsWhenCancelled() async throws {
        // snippet: long-loop-use
        #expect(try await countPrimes(below: 1000) == 168)
        let endless = Task { try await countPrimes(below: .max) }
        endless.cancel()
        await #expect(throws: CancellationError.self) { try await endless.value }
        // end-snippet
    }
}
