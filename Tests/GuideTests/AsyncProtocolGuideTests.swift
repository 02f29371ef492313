import AsyncSupport
import Testing

/// A database that records the statements it is sent.
actor Database {
    private(set) var statements: [String] = []

    func execute(_ statement: String) { statements.append(statement) }
}

// snippet: async-with
// Left out: `Database`, an actor whose `execute(_:)` appends to its `statements`.
/// `async with connection.transaction():` with no `async with`, and no
/// `defer` that may await: the scope is a closure, and the teardown (COMMIT or
/// ROLLBACK) is awaited however the body ends, as in `withFlagsClient`.
func withTransaction<Value>(on database: Database, _ body: () async throws -> Value) async throws -> Value {
    await database.execute("BEGIN")
    do {
        let value = try await body()
        await database.execute("COMMIT")
        return value
    } catch {
        await database.execute("ROLLBACK")
        throw error
    }
}
// end-snippet

// snippet: async-iterator
/// `__aiter__` and `__anext__`: an `AsyncSequence` makes an iterator whose
/// `next()` is async; returning nil plays the part of `StopAsyncIteration`.
struct Countdown: AsyncSequence {
    let start: Int

    func makeAsyncIterator() -> Iterator { Iterator(current: start) }

    struct Iterator: AsyncIteratorProtocol {
        var current: Int

        mutating func next() async -> Int? {
            guard current > 0 else { return nil }
            await Task.yield()  // where a real iterator would wait for I/O
            defer { current -= 1 }
            return current
        }
    }
}
// end-snippet

// snippet: async-generator
/// An async generator: `body` yields into the stream from a producer task,
/// the shape of `completionOrder`. Dropping the stream, or cancelling the
/// task that reads it, cancels the producer.
func asyncGenerator<Element: Sendable>(
    _ body: @escaping @Sendable (AsyncStream<Element>.Continuation) async -> Void
) -> AsyncStream<Element> {
    let (stream, continuation) = AsyncStream.makeStream(of: Element.self)
    let producer = Task {
        await body(continuation)
        continuation.finish()
    }
    continuation.onTermination = { _ in producer.cancel() }
    return stream
}

/// `async def countdown(n)` with `yield` inside.
func countdown(from start: Int) -> AsyncStream<Int> {
    asyncGenerator { continuation in
        for n in stride(from: start, to: 0, by: -1) {
            await Task.yield()
            continuation.yield(n)
        }
    }
}
// end-snippet

// snippet: type-hints
/// `async def total(numbers: AsyncIterable[int]) -> int`
func total(of numbers: some AsyncSequence<Int, Never>) async -> Int {
    var sum = 0
    for await n in numbers { sum += n }
    return sum
}

/// `Callable[[], Awaitable[int]]` in, `asyncio.Task[int]` out; `Never` says
/// the task cannot fail.
func started(_ work: @escaping @Sendable () async -> Int) -> Task<Int, Never> {
    Task { await work() }
}
// end-snippet

@Suite("guide: async with, async for, async generators", .timeLimit(.minutes(1)))
struct AsyncProtocolGuideTests {
    @Test func transactionCommitsOrRollsBack() async throws {
        // snippet: async-with-use
        // Left out: `Database`, as above; `RequestFailed`, an `Error` with a `code: Int`.
        let database = Database()
        try await withTransaction(on: database) {
            await database.execute("INSERT INTO flags VALUES ('BR')")
        }
        await #expect(throws: RequestFailed.self) {
            try await withTransaction(on: database) { throw RequestFailed(code: 418) }
        }
        #expect(
            await database.statements == ["BEGIN", "INSERT INTO flags VALUES ('BR')", "COMMIT", "BEGIN", "ROLLBACK"])
        // end-snippet
    }

    @Test func asyncFor() async {
        // snippet: async-for
        var seen: [Int] = []
        for await n in Countdown(start: 3) { seen.append(n) }  // async for n in Countdown(3)
        #expect(seen == [3, 2, 1])
        var iterator = Countdown(start: 1).makeAsyncIterator()  // aiter(...)
        #expect(await iterator.next() == 1)  // await anext(iterator)
        #expect(await iterator.next() == nil)
        // end-snippet
    }

    @Test func leavingTheLoopCancelsTheWorkInFlight() async {
        // snippet: async-for-break
        // Leaving a `for await` loop early releases the stream, which cancels
        // the work still in flight (a stream still held in a variable would
        // keep it running).
        let started = Counter()
        let cancelled = Counter()
        let slowAfterTheFirst: @Sendable (Int) async -> Int = { n in
            started.increment()
            guard n > 0 else { return n }
            do { try await Task.sleep(for: .seconds(3600)) } catch { cancelled.increment() }
            return n
        }
        for await first in completionOrder(0..<100, limit: 3, work: slowAfterTheFirst) {
            #expect(first == 0)
            break
        }
        #expect(await eventually { started.value > 1 && cancelled.value == started.value - 1 })
        #expect(started.value < 100)
        // end-snippet
    }

    @Test func asyncGenerators() async {
        var values: [Int] = []
        for await n in countdown(from: 3) { values.append(n) }
        #expect(values == [3, 2, 1])
    }

    @Test func aStreamRunsAheadOfItsReader() async {
        // snippet: stream-runs-ahead
        // A generator runs only when asked for its next value. A producer task
        // runs at once and buffers what it yields until it is read (a
        // `bufferingPolicy` caps the buffer by dropping values).
        let made = Counter()
        let eager = asyncGenerator { (continuation: AsyncStream<Int>.Continuation) in
            for _ in 1...5 { continuation.yield(made.increment()) }
        }
        #expect(await eventually { made.value == 5 })  // all made, none read yet
        var values: [Int] = []
        for await n in eager { values.append(n) }
        #expect(values == [1, 2, 3, 4, 5])
        // `AsyncStream(unfolding:)` is the lazy form: one call per `next()`.
        let lazy = AsyncStream(unfolding: { made.increment() })
        var iterator = lazy.makeAsyncIterator()
        _ = await iterator.next()
        _ = await iterator.next()
        #expect(made.value == 7)
        // end-snippet
    }

    @Test func asyncComprehension() async {
        // snippet: async-comprehension
        // `[domain async for domain, found in multi_probe(names) if found]`:
        // `filter` and `map` on the async sequence, then `reduce(into:)`
        // (or a `for await` loop that appends).
        let zone: Set<String> = ["for.dev", "if.dev"]
        let names = ["def.dev", "for.dev", "if.dev", "not.dev"]
        let found = await completionOrder(names, limit: 3) { name in await probe(name, in: zone) }
            .filter { $0.found }
            .map { $0.domain }
            .reduce(into: [String]()) { $0.append($1) }
        #expect(found.sorted() == ["for.dev", "if.dev"])  // sorted: completion order varies
        // end-snippet
    }

    @Test func typeHints() async {
        #expect(await total(of: Countdown(start: 3)) == 6)
        #expect(await total(of: countdown(from: 4)) == 10)
        #expect(await started { 6 * 7 }.value == 42)
    }
}
