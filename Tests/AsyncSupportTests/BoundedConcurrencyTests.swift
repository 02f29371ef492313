import AsyncSupport
import Synchronization
import Testing

final class InFlight: Sendable {
    private let state = Mutex((now: 0, peak: 0))
    func enter() {
        state.withLock {
            $0.now += 1
            $0.peak = max($0.peak, $0.now)
        }
    }
    func leave() { state.withLock { $0.now -= 1 } }
    var peak: Int { state.withLock { $0.peak } }
}

@Suite struct BoundedConcurrencyTests {
    @Test func neverExceedsTheLimitAndReachesIt() async {
        let inFlight = InFlight()
        var seen: [Int] = []
        await forEachConcurrently(
            0..<40, limit: 7,
            work: { (n: Int) -> Int in
                inFlight.enter()
                try? await Task.sleep(for: .milliseconds(5 + n % 4))
                inFlight.leave()
                return n
            }, handle: { (n: Int) in seen.append(n) })
        #expect(inFlight.peak == 7)
        #expect(seen.sorted() == Array(0..<40))
    }

    @Test func resultsArriveInCompletionOrder() async {
        var order: [Int] = []
        // Element n sleeps (3 - n) * 40 ms, so the last submitted finishes first.
        for await n in completionOrder(
            [0, 1, 2], limit: 3,
            work: { (n: Int) -> Int in
                try? await Task.sleep(for: .milliseconds((3 - n) * 40))
                return n
            })
        {
            order.append(n)
        }
        #expect(order == [2, 1, 0])
    }

    @Test func followUpsRunAsTheirOwnSteps() async {
        let inFlight = InFlight()
        var finished: [String] = []
        await forEachConcurrently(
            ["a", "b", "c"], limit: 2,
            work: { (step: String) -> String in
                inFlight.enter()
                try? await Task.sleep(for: .milliseconds(10))
                inFlight.leave()
                return step
            },
            handle: { (step: String) -> [String] in
                finished.append(step)
                return step.count == 1 ? [step + "2"] : []
            })
        #expect(finished.sorted() == ["a", "a2", "b", "b2", "c", "c2"])
        #expect(inFlight.peak == 2)
    }

    @Test func cancellationStopsStartingNewWork() async {
        let started = InFlight()
        let task = Task {
            await forEachConcurrently(
                0..<1000, limit: 2,
                work: { (n: Int) -> Int in
                    started.enter()
                    try? await Task.sleep(for: .seconds(10))
                    return n
                }, handle: { (_: Int) in })
        }
        try? await Task.sleep(for: .milliseconds(50))
        task.cancel()
        await task.value
        #expect(started.peak == 2)
    }
}
