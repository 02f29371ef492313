import AsyncSupport
import Testing

// snippet: gather
/// `asyncio.gather`: the same bounded run as `as_completed`, with the results
/// put back in submission order at the end, as `downloadGathered` does.
func gather(
    _ codes: [String], limit: Int, onResult: (String) -> Void = { _ in },
    fetch: @escaping @Sendable (String) async -> String
) async -> [String] {
    var byCode: [String: String] = [:]
    await forEachConcurrently(
        codes, limit: limit,
        work: { code in (code: code, body: await fetch(code)) },
        handle: { (finished: (code: String, body: String)) -> Void in
            byCode[finished.code] = finished.body
            onResult(finished.code)
        })
    // A code has no result only when cancellation stopped it before it started.
    return codes.map { byCode[$0] ?? "not started" }
}
// end-snippet

struct RequestFailed: Error {
    var code: Int
}

@Suite("guide: gather, as_completed and semaphores", .timeLimit(.minutes(1)))
struct BoundedConcurrencyGuideTests {
    @Test func asCompletedYieldsInCompletionOrder() async {
        // snippet: as-completed
        // `for coro in asyncio.as_completed(coros)`: each result as soon as it
        // is ready, whatever the order of submission. The gates let the test
        // decide which request finishes next.
        let gates = Gates<String>()
        let results = completionOrder(["BR", "CN", "IN"], limit: 3) { (code: String) -> String in
            await gates.wait(for: code)
            return code
        }
        var finished = results.makeAsyncIterator()
        gates.open("IN")
        #expect(await finished.next() == "IN")
        gates.open("BR")
        #expect(await finished.next() == "BR")
        gates.open("CN")
        #expect(await finished.next() == "CN")
        #expect(await finished.next() == nil)
        // end-snippet
    }

    @Test func gatherPutsResultsBackInSubmissionOrder() async {
        // snippet: gather-order
        let gates = Gates<String>()
        var completed: [String] = []
        gates.open("IN")  // IN answers first, then CN, then BR
        let bodies = await gather(
            ["BR", "CN", "IN"], limit: 3,
            onResult: { code in
                completed.append(code)
                if code == "IN" { gates.open("CN") }
                if code == "CN" { gates.open("BR") }
            },
            fetch: { code in
                await gates.wait(for: code)
                return code.lowercased() + ".gif"
            })
        #expect(completed == ["IN", "CN", "BR"])
        #expect(bodies == ["br.gif", "cn.gif", "in.gif"])
        // end-snippet
    }

    @Test func semaphoreBecomesABoundedGroup() async {
        // snippet: semaphore
        // `asyncio.Semaphore(3)` and `async with semaphore:` in each of 20
        // coroutines made up front become: start 3 requests, then one more
        // each time one finishes. No task ever waits for a permit.
        let requests = ConcurrentRequests(holdUntil: 3)
        await forEachConcurrently(
            1...20, limit: 3, work: { (n: Int) in await requests.run(n) }, handle: { (_: Int) in })
        #expect(requests.peak == 3)
        #expect(requests.finished == 20)
        // end-snippet
    }

    @Test func noPermitToReleaseTwice() async {
        // snippet: bounded-semaphore
        // Left out: `RequestFailed`, an `Error` with a `code: Int`.
        // A semaphore stays right only if every way out of every request
        // releases exactly once; one extra `release()` raises the limit for
        // good, which `BoundedSemaphore` turns into a ValueError. Here a slot
        // is a child task, freed once when the child returns, failed or not.
        let requests = ConcurrentRequests(holdUntil: 3)
        var failures = 0
        await forEachConcurrently(
            1...30, limit: 3,
            work: { (n: Int) -> Result<Int, RequestFailed> in
                let n = await requests.run(n)
                return n.isMultiple(of: 3) ? .failure(RequestFailed(code: n)) : .success(n)
            },
            handle: { (outcome: Result<Int, RequestFailed>) -> Void in
                if case .failure = outcome { failures += 1 }
            })
        #expect(failures == 10)
        #expect(requests.peak == 3)  // ten failures later, never more than 3 at once
        // end-snippet
    }

    @Test func secondRequestRunsInItsOwnSlot() async {
        // snippet: follow-up-steps
        // flags3 takes the semaphore twice per flag, once per request. Here
        // the handler returns the second request as a follow-up, which runs
        // in a slot of its own before the remaining first requests.
        enum Step: Sendable {
            case flag(String)
            case country(String)
        }
        let requests = ConcurrentRequests(holdUntil: 2)
        var saved: [String] = []
        await forEachConcurrently(
            ["BR", "CN", "IN"].map(Step.flag), limit: 2,
            work: { await requests.run($0) },
            handle: { (step: Step) -> [Step] in
                switch step {
                case .flag(let code): return [.country(code)]
                case .country(let code):
                    saved.append(code)
                    return []
                }
            })
        #expect(saved.sorted() == ["BR", "CN", "IN"])
        #expect(requests.peak == 2)
        #expect(requests.finished == 6)
        // end-snippet
    }
}
