import AsyncSupport
import CharIndex
import Logging
import NIOCore
import NIOExtras
import NIOPosix
import ServerMetrics
import ServiceLifecycle
import Synchronization

/// The one error type of MojiTCP.
public enum MojiTCPError: Error, CustomStringConvertible, Equatable {
    case cannotResolve(host: String)
    case cannotListen(address: String, reason: String)
    case invalidLimit(String)

    public var description: String {
        switch self {
        case .cannotResolve(let host): "Cannot resolve host '\(host)'."
        case .cannotListen(let address, let reason): "Cannot listen on \(address): \(reason)"
        case .invalidLimit(let what): "Invalid limit: \(what)"
        }
    }
}

/// The chapter's `tcp_mojifinder.py` server on SwiftNIO: a line-based search
/// protocol, one session per connection, with limits for a real network.
public struct TCPServer: Sendable {
    public struct Limits: Sendable {
        /// Longest accepted line in bytes, not counting the line ending.
        public var maxLineLength: Int
        /// A connection that sends nothing for this long is closed.
        public var idleTimeout: TimeAmount
        /// Connections beyond this many are told so and closed.
        public var maxConnections: Int

        public init(maxLineLength: Int = 1024, idleTimeout: TimeAmount = .seconds(300), maxConnections: Int = 1000) {
            self.maxLineLength = maxLineLength
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
        }

        func validate() throws {
            guard maxLineLength > 0 else { throw MojiTCPError.invalidLimit("the maximum line length must be positive") }
            guard idleTimeout > .zero else { throw MojiTCPError.invalidLimit("the idle timeout must be positive") }
            guard maxConnections > 0 else { throw MojiTCPError.invalidLimit("the connection limit must be positive") }
        }
    }

    public let index: InvertedIndex
    public let host: String
    public let port: Int
    public let limits: Limits
    /// Where the chapter's log lines go: plain lines on stdout by default.
    public let log: Logger
    let group: any EventLoopGroup
    let counters: TCPServerMetrics

    public init(
        index: InvertedIndex,
        host: String = "127.0.0.1",
        port: Int = 2323,
        limits: Limits = Limits(),
        log: Logger = .lines(label: "mojifinder.tcp"),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        metrics: ServerMetrics = ServerMetrics()
    ) {
        self.counters = TCPServerMetrics(metrics)
        self.index = index
        self.host = host
        self.port = port
        self.limits = limits
        self.log = log
        self.group = group
    }

    /// Binds, prints the "Serving on" line, calls `onBound` with the bound port,
    /// then serves until the task is cancelled; open connections are closed then.
    public func serve(onBound: @Sendable (Int) -> Void = { _ in }) async throws {
        try limits.validate()
        let address = try await resolve()
        let limits = self.limits
        let idleDisconnects = counters.idleDisconnects
        let server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 1024)
                // Like asyncio streams, keep answering after the client's EOF, so
                // `printf 'cat\n' | nc -N` gets its answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(to: address) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(IdleStateHandler(readTimeout: limits.idleTimeout))
                        try pipeline.addHandler(
                            IdleCloser(notice: Messages.idleReply(limits.idleTimeout)) { idleDisconnects.increment() })
                        try pipeline.addHandler(TelnetFilter())
                        // The frame decoder buffers at most one unfinished line
                        // (its line ending included; `min` keeps `+ 1` from overflowing).
                        let bufferLimit = min(limits.maxLineLength, Int.max - 1) + 1
                        try pipeline.addHandler(
                            ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: bufferLimit))
                        return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                    }
                }
        } catch {
            throw MojiTCPError.cannotListen(address: "\(host):\(port)", reason: "\(error)")
        }
        let bound = server.channel.localAddress
        log.info("\(Messages.serving(describe(bound)))")
        onBound(bound?.port ?? port)

        // Cancellation is how the server is asked to stop. It must not reach
        // the accept loop itself: a connection accepted but not yet taken from
        // `connections` would be dropped unclosed, which NIO traps on
        // (swift-nio#3481). So the loop runs in a task of its own, and
        // cancellation closes the listening socket instead; the loop then takes
        // every connection already accepted, and ends the sessions.
        let open = ConnectionCount()
        let accepting = Task { try await acceptLoop(server, open: open) }
        try await withTaskCancellationHandler {
            try await accepting.value
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    private func acceptLoop(
        _ server: NIOAsyncChannel<NIOAsyncChannel<ByteBuffer, ByteBuffer>, Never>,
        open: ConnectionCount
    ) async throws {
        let limits = self.limits
        let counters = self.counters
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    let admitted = open.enter() <= limits.maxConnections
                    counters.connectionsTotal.increment()
                    group.addTask {
                        defer { open.leave() }
                        if admitted {
                            counters.connectionsOpen.increment()
                            defer { counters.connectionsOpen.decrement() }
                            await session(connection)
                        } else {
                            counters.connectionsRefused.increment()
                            await refuse(connection)
                        }
                    }
                }
            }
            // The listening socket is closed: end the sessions still open.
            group.cancelAll()
        }
    }

    /// A numeric host needs no lookup; a name is resolved off the event loops.
    func resolve() async throws -> SocketAddress {
        if let address = try? SocketAddress(ipAddress: host, port: port) { return address }
        let host = self.host
        let port = self.port
        do {
            return try await NIOThreadPool.singleton.runIfActive {
                try SocketAddress.makeAddressResolvingHost(host, port: port)
            }
        } catch {
            throw MojiTCPError.cannotResolve(host: host)
        }
    }

    /// One client session: prompt, read a line, answer, until the client leaves.
    /// Errors end only this session.
    func session(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let client = describe(connection.channel.remoteAddress)
        do {
            try await connection.executeThenClose { inbound, outbound in
                var lines = inbound.makeAsyncIterator()
                try await outbound.write(ByteBuffer(string: Messages.prompt))
                while true {
                    let line: ByteBuffer
                    var isLast = false
                    do {
                        guard let next = try await lines.next() else { break }
                        line = next
                    } catch let leftover as NIOExtrasErrors.LeftOverBytesError {
                        // EOF after a line without its newline: answer it, like readline.
                        line = leftover.leftOverBytes
                        isLast = true
                    } catch is TelnetInterrupt {
                        break
                    } catch is ByteToMessageDecoderError.PayloadTooLargeError {
                        log.info("\(Messages.lineTooLong(client))")
                        counters.linesTooLong.increment()
                        try await outbound.write(
                            ByteBuffer(string: Messages.lineTooLongReply(limit: limits.maxLineLength)))
                        break
                    }
                    // A whole line can arrive in one read, past the decoder's buffer limit.
                    if line.readableBytes > limits.maxLineLength {
                        log.info("\(Messages.lineTooLong(client))")
                        counters.linesTooLong.increment()
                        try await outbound.write(
                            ByteBuffer(string: Messages.lineTooLongReply(limit: limits.maxLineLength)))
                        break
                    }
                    guard let query = Self.query(from: line) else {
                        log.info("\(Messages.from(client, query: "\u{0}"))")
                        break
                    }
                    log.info("\(Messages.from(client, query: query))")
                    if query.isEmpty {
                        try await outbound.write(ByteBuffer(string: Messages.prompt))
                    } else if let first = query.unicodeScalars.first, first.value < 0x20 {
                        break
                    } else {
                        let started = ContinuousClock.now
                        let count = try await search(query, into: outbound)
                        counters.queryLatency.record(ContinuousClock.now - started)
                        counters.queriesAnswered.increment()
                        log.info("\(Messages.to(client, count: count))")
                    }
                    if isLast { break }
                }
            }
        } catch {
            log.info("\(Messages.error(client, error))")
        }
        log.info("\(Messages.close(client))")
    }

    /// The line decoded as UTF-8 and stripped, or nil when it is not UTF-8.
    static func query(from line: ByteBuffer) -> String? {
        sessionQuery(from: line.readableBytesView)
    }

    /// Writes the result lines, the status line and the prompt in chunks, each
    /// write awaited so a slow reader holds back the search, not the memory.
    /// A query that cannot be answered (a range past the limit) gets one
    /// line saying why, and the session goes on.
    func search(_ query: String, into outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) async throws -> Int {
        let results: [Unicode.Scalar]
        do {
            results = index.search(try Query(query))
        } catch {
            try await outbound.write(ByteBuffer(string: Messages.queryErrorReply(error)))
            return 0
        }
        let chunkSize = 16 * 1024
        var chunk = ByteBuffer()
        chunk.reserveCapacity(chunkSize + 256)
        for scalar in results {
            chunk.writeString(SearchReport.line(for: scalar))
            chunk.writeString(Messages.crlf)
            if chunk.readableBytes >= chunkSize {
                try await outbound.write(chunk)
                chunk = ByteBuffer()
                chunk.reserveCapacity(chunkSize + 256)
            }
        }
        chunk.writeString(SearchReport.status(count: results.count))
        chunk.writeString(Messages.crlf)
        chunk.writeString(Messages.prompt)
        try await outbound.write(chunk)
        return results.count
    }

    /// Tells a client over the limit why, then closes.
    func refuse(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>) async {
        let client = describe(connection.channel.remoteAddress)
        log.info("\(Messages.refused(client, limit: limits.maxConnections))")
        try? await connection.executeThenClose { _, outbound in
            try await outbound.write(ByteBuffer(string: Messages.busyReply(limit: limits.maxConnections)))
        }
    }
}

/// ServiceLifecycle runs the server; graceful shutdown (SIGINT, SIGTERM)
/// cancels `serve`, which closes the listening socket and every open connection.
extension TCPServer: Service {
    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            try await serve()
        }
    }
}

/// Open connections, counted by the accept loop and released by each session task.
final class ConnectionCount: Sendable {
    private let value = Atomic<Int>(0)

    /// Returns the count including the new connection.
    func enter() -> Int { value.wrappingAdd(1, ordering: .relaxed).newValue }
    func leave() { value.wrappingSubtract(1, ordering: .relaxed) }
}
