import ArgumentParser
import NIOCore
import NIOPosix

/// Load client for `mojifinder tcp`: many concurrent sessions sending queries,
/// or many idle sessions held open for a soak. Loopback by default. With
/// `--fixed-answer-server` or `--mix-answer-server` it is instead one of the
/// benchmark's floors: a line server that answers from bytes made before.
@main
struct MojiTCPLoad: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "moji-tcp-load",
        abstract: "Load a mojifinder tcp server and report queries/s and latency percentiles."
    )

    @Option(help: "Server address.") var host = "127.0.0.1"
    @Option(help: "Server port.") var port = 2323
    @Option(help: "Concurrent connections.") var connections = 100
    @Option(help: "Queries per connection (load mode).") var queries = 200
    @Option(
        help: "Soak mode: hold the connections open this many seconds, each sending a query every --interval seconds.")
    var soak: Int?
    @Option(help: "Seconds between the queries of one connection in soak mode.") var interval = 10
    @Flag(
        help:
            "Serve instead of load: answer every line on --host and --port (0 picks a free one) with a fixed 1.8 kB answer, until killed."
    )
    var fixedAnswerServer = false
    @Flag(
        help:
            "Serve instead of load, like --fixed-answer-server, but answer each query of the load's mix with the bytes mojifinder tcp sends for it, made at start: the same payload."
    )
    var mixAnswerServer = false

    static let words = [
        "cat face", "chess black", "sun", "moon", "heart", "arrow up", "smiling", "hand", "snow", "music",
    ]

    func run() async throws {
        if fixedAnswerServer || mixAnswerServer {
            try await FixedAnswerServer.serve(
                host: host, port: port, answers: mixAnswerServer ? try Self.mixAnswers() : [:])
            return
        }
        let address = try SocketAddress(ipAddress: host, port: port)
        let connections = self.connections
        let queries = self.queries
        let soak = self.soak
        let interval = self.interval
        let clock = ContinuousClock()
        let start = clock.now
        var latencies: [Duration] = []
        var failures = 0
        var failureExamples: [String] = []
        try await withThrowingTaskGroup(of: Result<[Duration], any Error>.self) { group in
            for n in 0..<connections {
                group.addTask {
                    do {
                        let channel = try await Self.connect(address)
                        return .success(
                            try await channel.executeThenClose { inbound, outbound in
                                var session = Session(input: inbound.makeAsyncIterator(), output: outbound)
                                try await session.readAnswer()
                                var times: [Duration] = []
                                if let soak {
                                    // Idle sessions: spread the queries over each interval.
                                    let end = clock.now + .seconds(soak)
                                    var next = clock.now + .milliseconds((n * interval * 1000) / max(connections, 1))
                                    while next < end {
                                        try await Task.sleep(until: next, clock: clock)
                                        times.append(try await session.query(Self.words[n % Self.words.count]))
                                        next += .seconds(interval)
                                    }
                                } else {
                                    for q in 0..<queries {
                                        times.append(try await session.query(Self.words[(n + q) % Self.words.count]))
                                    }
                                }
                                return times
                            })
                    } catch {
                        return .failure(error)
                    }
                }
            }
            for try await result in group {
                switch result {
                case .success(let times): latencies += times
                case .failure(let error):
                    failures += 1
                    if failureExamples.count < 3 { failureExamples.append("\(error)") }
                }
            }
        }
        let elapsed = clock.now - start
        latencies.sort()
        func percentile(_ p: Double) -> String {
            guard !latencies.isEmpty else { return "n/a" }
            let d = latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))]
            return "\(rounded(milliseconds(d), places: 3)) ms"
        }
        let seconds = milliseconds(elapsed) / 1000
        print("connections: \(connections), queries answered: \(latencies.count), failed connections: \(failures)")
        let rate = (Double(latencies.count) / seconds).rounded()
        print("elapsed: \(rounded(seconds, places: 2)) s, queries/s: \(Int(rate))")
        print("latency p50: \(percentile(0.50)), p99: \(percentile(0.99)), max: \(percentile(1.0))")
        for example in failureExamples { print("failure: \(example)") }
        if failures > 0 { throw ExitCode.failure }
    }

    static func connect(_ address: SocketAddress) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connect(to: address) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }
}

func milliseconds(_ d: Duration) -> Double {
    Double(d.components.seconds) * 1e3 + Double(d.components.attoseconds) / 1e15
}

func rounded(_ x: Double, places: Int) -> Double {
    var scale = 1.0
    for _ in 0..<places { scale *= 10 }
    return (x * scale).rounded() / scale
}

struct LoadError: Error, CustomStringConvertible {
    let description: String
}

/// One client session: a query is answered when the prompt comes back.
struct Session {
    var input: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let output: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Sends a query and returns the time until its whole answer arrived.
    mutating func query(_ text: String) async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try await output.write(ByteBuffer(string: text + "\r\n"))
        let answer = try await readAnswer()
        // The status line comes last, just before the prompt: no text search needed.
        guard answer.readableBytesView.suffix(statusEnd.count).elementsEqual(statusEnd) else {
            throw LoadError(description: "answer without status line")
        }
        return clock.now - start
    }

    /// How every answer ends: its status line's end, then the prompt.
    private let statusEnd = Array(" found\r\n?> ".utf8)

    /// Reads until the prompt `?> ` ends the received bytes.
    @discardableResult
    mutating func readAnswer() async throws -> ByteBuffer {
        guard var received = try await input.next() else {
            throw LoadError(description: "server closed the connection")
        }
        // Most answers come in one read, and are then not copied.
        while !received.readableBytesView.suffix(3).elementsEqual("?> ".utf8) {
            guard var chunk = try await input.next() else {
                throw LoadError(description: "server closed the connection")
            }
            received.writeBuffer(&chunk)
        }
        return received
    }
}
