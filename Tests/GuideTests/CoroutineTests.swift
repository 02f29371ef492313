import Testing

// snippet: native-coroutine
/// `async def probe(domain)`: an async function. Calling it runs it, and only
/// async code may call it, with `await` marking where it may suspend.
func probe(_ domain: String, in zone: Set<String>) async -> (domain: String, found: Bool) {
    let found = await lookUp(domain, in: zone)  // delegation: `await` replaces `yield from`
    return (domain, found)
}

/// Stands in for the resolver: one suspension point, then the answer.
func lookUp(_ name: String, in zone: Set<String>) async -> Bool {
    await Task.yield()
    return zone.contains(name)
}
// end-snippet

/// A flag site in memory: the language constructs need no network.
actor FlagSite {
    struct NotFound: Error { var code: String }
    private let flags: [String: [UInt8]]
    private let countries: [String: String]

    init(flags: [String: [UInt8]], countries: [String: String]) {
        self.flags = flags
        self.countries = countries
    }

    func flag(_ code: String) throws -> [UInt8] {
        guard let image = flags[code] else { throw NotFound(code: code) }
        return image
    }

    func country(_ code: String) throws -> String {
        guard let name = countries[code] else { throw NotFound(code: code) }
        return name
    }
}

// snippet: guidos-trick
// Left out: `FlagSite`, an actor whose `flag(_:)` (image bytes) and `country(_:)` (name) may throw.
/// Read it without `try await` and it is the sequential flags3 step:
/// fetch the flag, fetch the country name, name the file after the country.
func savedName(for code: String, from site: FlagSite) async throws -> String {
    let image = try await site.flag(code)
    let country = try await site.country(code)
    let file = country.split(separator: " ").joined(separator: "_") + ".gif"
    return "\(file) (\(image.count) bytes)"
}
// end-snippet

@Suite("guide: coroutines, awaitables and tasks", .timeLimit(.minutes(1)))
struct CoroutineTests {
    @Test func nativeCoroutineDelegatesWithAwait() async {
        // snippet: await-probe
        let zone: Set<String> = ["for.dev", "if.dev"]
        let hit = await probe("for.dev", in: zone)
        let miss = await probe("def.dev", in: zone)
        #expect(hit.found && hit.domain == "for.dev")
        #expect(!miss.found)
        // end-snippet
    }

    @Test func guidosTrick() async throws {
        let site = FlagSite(flags: ["BR": [0x47, 0x49, 0x46]], countries: ["BR": "Brazil", "CD": "Congo, Dem. Rep."])
        #expect(try await savedName(for: "BR", from: site) == "Brazil.gif (3 bytes)")
        await #expect(throws: FlagSite.NotFound.self) { try await savedName(for: "CD", from: site) }
    }

    @Test func classicCoroutineBecomesAConsumerTask() async {
        // snippet: classic-coroutine
        // A classic coroutine keeps its state between `.send(value)` calls.
        // Swift has no generators: the consumer is a task that reads a stream,
        // and `yield(value)` on the continuation plays `.send(value)`.
        let (values, send) = AsyncStream.makeStream(of: Double.self)
        let averager = Task {
            var total = 0.0
            var count = 0.0
            var averages: [Double] = []
            for await value in values {
                total += value
                count += 1
                averages.append(total / count)
            }
            return averages
        }
        for value in [10.0, 30, 5] { send.yield(value) }
        send.finish()  // `.close()`: the loop ends, the task returns
        #expect(await averager.value == [10, 20, 15])
        // end-snippet
    }

    @Test func yieldFromBecomesForwarding() async {
        // snippet: yield-from
        // `yield from part` in a generator passes on every value of an inner
        // generator; an async generator forwards them with a loop.
        func chained(_ parts: [AsyncStream<Int>]) -> AsyncStream<Int> {
            asyncGenerator { continuation in
                for part in parts {
                    for await value in part { continuation.yield(value) }
                }
            }
        }
        var all: [Int] = []
        for await value in chained([countdown(from: 2), countdown(from: 0), countdown(from: 1)]) { all.append(value) }
        #expect(all == [2, 1, 1])
        // end-snippet
    }

    @Test func awaitables() async {
        let calls = Counter()
        // snippet: awaitables
        // Left out: `calls`, a `Counter`.
        // A coroutine object is made now and run later. Swift has none: a
        // closure holds the call, and nothing runs until it is called.
        let fetchAnswer: @Sendable () async -> Int = {
            calls.increment()
            return 42
        }
        #expect(calls.value == 0)
        // `asyncio.Task`: started at once, awaited later; its value can be
        // awaited again (a coroutine object can be awaited only once).
        let task: Task<Int, Never> = Task { await fetchAnswer() }
        #expect(await task.value == 42)
        #expect(await task.value == 42)
        #expect(calls.value == 1)
        // end-snippet
    }

    @Test func createTaskStartsWithoutAwait() async {
        // snippet: create-task
        // `asyncio.create_task(coro)`: the task is scheduled now and runs
        // while its creator goes on; `await task.value` only collects the result.
        let log = Log()
        let task = Task {
            log.add("task ran")
            return 7
        }
        #expect(await eventually { log.all == ["task ran"] })  // ran before anyone awaited it
        #expect(await task.value == 7)
        // end-snippet
    }

    @Test func taskGroupOwnsItsChildren() async {
        // snippet: task-group
        // Structured tasks: each `addTask` is a `create_task` owned by the
        // group, and the group does not return before every child has ended.
        let squares = await withTaskGroup(of: Int.self) { group in
            for n in 1...3 { group.addTask { n * n } }
            return await group.reduce(0, +)
        }
        #expect(squares == 14)
        // end-snippet
    }

    @Test func childTasksEndWithTheirScope() async {
        let log = Log()
        // snippet: child-cancelled
        // Left out: `log`, a `Log`; `sleepUntilCancelled`, an hour's sleep that logs "child cancelled" if cut short.
        // An asyncio task nobody awaits keeps running after its creator
        // returns. A child task does not outlive its scope: leaving it
        // cancels the child and waits for it to end.
        func answerAtOnce(_ log: Log) async -> String {
            async let _ = sleepUntilCancelled(log)
            return "answered"
        }
        #expect(await answerAtOnce(log) == "answered")
        #expect(log.all == ["child cancelled"])  // already ended when the function returned
        // end-snippet
    }

    @Test func unstructuredTaskOutlivesItsCreator() async {
        let log = Log()
        let gates = Gates<String>()
        // snippet: unstructured-task
        // Left out: `log`, a `Log`; `gates`, a `Gates<String>`.
        // `Task { }` is the unstructured form: like an asyncio task, it runs
        // on after the function that made it returns, even with its handle
        // dropped; only that handle could have cancelled it.
        func startAndForget(_ log: Log) {
            Task {
                await gates.wait(for: "go")
                log.add(Task.isCancelled ? "cancelled" : "still running")
            }
        }
        startAndForget(log)
        gates.open("go")
        #expect(await eventually { log.all == ["still running"] })
        // end-snippet
    }
}

private func sleepUntilCancelled(_ log: Log) async {
    do {
        try await Task.sleep(for: .seconds(3600))
        log.add("child slept an hour")
    } catch {
        log.add("child cancelled")
    }
}
