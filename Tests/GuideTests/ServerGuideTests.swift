import ArgumentParser
import AsyncSupport
import NIOCore
import NIOPosix
import Testing

// snippet: asyncio-run
/// `asyncio.run(main())`: an executable marks this type `@main`, and the
/// runtime, already running the cooperative pool, parses the arguments and
/// awaits `run()` as the root task. Options are checked in `validate()`.
struct Blogdom: AsyncParsableCommand {
    @Option(help: "Most lookups in flight.") var limit = 3
    @Argument(help: "Names to look up.") var names: [String]

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1; got \(limit)") }
    }

    func run() async throws {
        let zone: Set<String> = ["for.dev", "if.dev"]
        for await (domain, found) in completionOrder(names, limit: limit, work: { await probe($0, in: zone) }) {
            writeUnbuffered("\(found ? "+" : "-") \(domain)\n")
        }
    }
}
// end-snippet

// snippet: bootstraps
/// `asyncio.start_server`'s socket: a listening channel on a free loopback
/// port, whose connections arrive as `NIOAsyncChannel`s of bytes.
func listen() async throws -> NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never> {
    try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
}

/// `asyncio.open_connection`: the client's end, the same kind of channel.
func connect(to port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
    try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
}
// end-snippet

@Suite("guide: servers, streams and interruption", .timeLimit(.minutes(1)))
struct ServerGuideTests {
    @Test func echoOverLoopback() async throws {
        // snippet: echo-server
        // An echo server in the shape of NIO's NIOTCPEchoServer: each
        // connection is served by a child task of a discarding group.
        let server = try await listen()
        let port = try #require(server.channel.localAddress?.port)
        let serving = Task {
            try await withThrowingDiscardingTaskGroup { group in
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        group.addTask {
                            try? await connection.executeThenClose { inbound, outbound in
                                for try await bytes in inbound {
                                    try await outbound.write(bytes)  // write + drain in one call
                                }
                            }
                        }
                    }
                }
            }
        }
        // end-snippet
        // snippet: echo-client
        // Left out: `server` and `port`, from the echo server above.
        let client = try await connect(to: port)
        let echoed = try await client.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: "cat face\n"))
            var received = ByteBuffer()
            for try await bytes in inbound {
                received.writeImmutableBuffer(bytes)
                if received.readableBytes >= 9 { break }
            }
            return String(buffer: received)
        }
        #expect(echoed == "cat face\n")
        // Stop accepting by closing the listening socket: the loop ends once it
        // has taken every connection already accepted. (Cancelling `serving`
        // could drop one of those unclosed, which NIO traps on.)
        try await server.channel.close()
        // end-snippet
        _ = await serving.result
    }

    @Test func writeWaitsForASlowReader() async throws {
        let writes = Counter()
        let server = try await listen()
        let port = try #require(server.channel.localAddress?.port)
        // snippet: write-back-pressure
        // Left out: `server`, a `listen()` channel; `port`, its port; `writes`, a `Counter`;
        // `settledValue(of:)`, a counter's value once above 0 and still for a second (nil after 30 s).
        // `writer.write(data)` only fills a buffer and `await writer.drain()`
        // waits while it is too full. `outbound.write` does both, so this
        // server, writing 256 MiB to a client that reads nothing, stops at the
        // write once the socket buffers are full.
        let serving = Task {
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    try? await connection.executeThenClose { _, outbound in
                        let chunk = ByteBuffer(repeating: 0x2A, count: 64 * 1024)
                        for _ in 0..<4096 {
                            try await outbound.write(chunk)
                            writes.increment()
                        }
                    }
                }
            }
        }
        let client = try await connect(to: port)
        try await client.executeThenClose { inbound, _ in
            let stalled = try #require(await settledValue(of: writes))
            #expect(stalled < 4096)  // the writer waits in `write`
            var reader = inbound.makeAsyncIterator()
            while writes.value == stalled, try await reader.next() != nil {}
            #expect(writes.value > stalled)  // reading let it go on
        }
        // end-snippet
        try await server.channel.close()
        _ = await serving.result
    }

    @Test func asyncioRun() async throws {
        // snippet: asyncio-run-use
        let command = try Blogdom.parse(["--limit", "2", "for.dev", "def.dev"])  // as `@main` does
        #expect(command.limit == 2 && command.names == ["for.dev", "def.dev"])
        try await command.run()  // prints "+ for.dev" and "- def.dev", in completion order
        #expect(throws: (any Error).self) { try Blogdom.parse(["--limit", "0", "for.dev"]) }
        // end-snippet
        do {
            _ = try Blogdom.parse(["--limit", "0", "for.dev"])
        } catch {
            #expect(Blogdom.message(for: error) == "--limit must be at least 1; got 0")
        }
    }

    @Test func cancellationPlaysKeyboardInterrupt() async {
        let twoFinished = Gates<String>()
        // snippet: keyboard-interrupt
        // Left out: `twoFinished`, a `Gates<String>`.
        // `except KeyboardInterrupt` around the `as_completed` loop: in `flags`
        // SIGINT cancels the task running the downloads; here the test does,
        // once two flags have arrived. No new request starts, the ones in
        // flight see the cancellation, and what finished is still reported.
        let codes = ["BR", "CN", "IN", "US", "ID", "PK", "NG", "BD"]
        let downloads = Task {
            var statuses: [String: String] = [:]
            await forEachConcurrently(
                codes, limit: 3,
                work: { (code: String) -> (code: String, status: String) in
                    if code == "BR" || code == "CN" { return (code, "ok") }
                    do {
                        try await Task.sleep(for: .seconds(3600))  // a server that never answers
                        return (code, "ok")
                    } catch {
                        return (code, "cancelled")
                    }
                },
                handle: { (result: (code: String, status: String)) -> Void in
                    statuses[result.code] = result.status
                    if statuses.count == 2 { twoFinished.open("BR and CN") }
                })
            return statuses
        }
        await twoFinished.wait(for: "BR and CN")
        downloads.cancel()  // what the SIGINT handler does
        let statuses = await downloads.value
        #expect(statuses["BR"] == "ok" && statuses["CN"] == "ok")
        #expect(statuses.values.filter { $0 == "cancelled" }.count == statuses.count - 2)
        #expect(statuses.count < codes.count)  // the rest never started
        // end-snippet
    }
}

/// The value of `counter` once it is above zero and has not moved for a
/// second, or nil if that does not happen within 30 seconds.
private func settledValue(of counter: Counter) async -> Int? {
    let deadline = ContinuousClock.now + .seconds(30)
    var last = counter.value
    var unchangedSince = ContinuousClock.now
    while ContinuousClock.now < deadline {
        try? await Task.sleep(for: .milliseconds(50))
        let now = counter.value
        if now != last {
            last = now
            unchangedSince = .now
        } else if now > 0, ContinuousClock.now - unchangedSince >= .seconds(1) {
            return now
        }
    }
    return nil
}
