import Synchronization
import Testing

// snippet: sliding-window
/// `forEachConcurrently` at its core: `limit` children, then one more as each
/// ends; each output is handled on the caller's task as it comes.
func boundedForEach<Element: Sendable, Output: Sendable>(
    _ elements: [Element], limit: Int,
    work: @escaping @Sendable (Element) async -> Output, handle: (Output) async -> Void
) async {
    await withTaskGroup(of: Output.self) { group in
        var pending = elements.makeIterator()
        func startNext() -> Bool {
            guard !Task.isCancelled, let element = pending.next() else { return false }
            group.addTask { await work(element) }
            return true
        }
        for _ in 0..<max(1, limit) where !startNext() { break }
        while let output = await group.next() {
            await handle(output)
            _ = startNext()
        }
    }
}
// end-snippet

@Suite struct CoreHelperGuideTests {
    @Test func theSlidingWindowKeepsAtMostLimitInFlightAndHandlesEveryOutput() async {
        let inFlight = Mutex((now: 0, most: 0))
        var handled: [Int] = []
        await boundedForEach(Array(1...20), limit: 3) { (number: Int) -> Int in
            inFlight.withLock {
                $0.now += 1
                $0.most = max($0.most, $0.now)
            }
            try? await Task.sleep(for: .milliseconds(number % 4))
            inFlight.withLock { $0.now -= 1 }
            return number * 10
        } handle: { output in
            handled.append(output)
        }
        #expect(handled.sorted() == (1...20).map { $0 * 10 })
        #expect(inFlight.withLock { $0.most } <= 3)
        var none: [Int] = []
        await boundedForEach([Int](), limit: 0) {
            $0
        } handle: {
            none.append($0)
        }
        #expect(none.isEmpty)
    }
}
