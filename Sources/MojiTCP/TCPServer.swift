import AsyncSupport
import CharIndex
import ListenCheck
import Logging
import MojiAnswers
import NIOCore
import NIOExtras
import NIOPosix
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
        /// Connections the kernel queues until they are accepted (listen(2)'s
        /// backlog; the kernel caps it at net.core.somaxconn).
        public var backlog: Int

        public init(
            maxLineLength: Int = 1024, idleTimeout: TimeAmount = .seconds(300), maxConnections: Int = 1000,
            backlog: Int = 4096
        ) {
            self.maxLineLength = maxLineLength
            self.idleTimeout = idleTimeout
            self.maxConnections = maxConnections
            self.backlog = backlog
        }

        func validate() throws {
            guard maxLineLength > 0 else { throw MojiTCPError.invalidLimit("the maximum line length must be positive") }
            guard idleTimeout > .zero else { throw MojiTCPError.invalidLimit("the idle timeout must be positive") }
            guard maxConnections > 0 else { throw MojiTCPError.invalidLimit("the connection limit must be positive") }
            guard (1...65535).contains(backlog) else {
                throw MojiTCPError.invalidLimit("the backlog must be between 1 and 65535")
            }
        }
    }

    public let index: InvertedIndex
    public let host: String
    public let port: Int
    public let limits: Limits
    /// Where the chapter's log lines go: plain lines on stdout by default.
    public let log: Logger
    let group: any EventLoopGroup
    /// nil: the server counts nothing, and reads no clock for latencies.
    let counters: TCPServerMetrics?
    /// Built answers, shared by every session, bounded by bytes.
    let answers: AnswerCache<BuiltAnswer>
    /// The same answers by the line as typed: a repeated line skips parsing
    /// its query, which was a tenth of a busy server's CPU. The answers'
    /// bytes are shared with `answers`; bounded by the same number of bytes.
    let answersByLine: AnswerCache<BuiltAnswer>

    public init(
        index: InvertedIndex,
        host: String = "127.0.0.1",
        port: Int = 2323,
        limits: Limits = Limits(),
        log: Logger = .lines(label: "mojifinder.tcp"),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        metrics: TCPServerMetrics? = TCPServerMetrics(),
        answerCacheBytes: Int = 16 << 20
    ) {
        self.counters = metrics
        self.answers = AnswerCache(maxCost: answerCacheBytes) { $0.bytes.readableBytes }
        self.answersByLine = AnswerCache(maxCost: answerCacheBytes) { $0.bytes.readableBytes }
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
        let open = ConnectionCount()
        let server: NIOAsyncChannel<any Channel, Never>
        do {
            server = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: Int32(limits.backlog))
                // Like asyncio streams, keep answering after the client's EOF, so
                // `printf 'cat\n' | nc -N` gets its answer.
                .childChannelOption(.allowRemoteHalfClosure, value: true)
                .bind(to: address) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try addHandlers(to: channel, open: open)
                        return channel
                    }
                }
        } catch {
            throw MojiTCPError.cannotListen(address: "\(host):\(port)", reason: "\(error)")
        }
        let bound = server.channel.localAddress
        // `notice`, so that it is the one line left at `--log-level notice`.
        log.notice("\(Messages.serving(describe(bound)))")
        onBound(bound?.port ?? port)

        // Cancellation is how the server is asked to stop. It must not reach
        // the accept loop itself: a connection accepted but not yet taken from
        // `connections` would be dropped unclosed, which NIO traps on
        // (swift-nio#3481). So the loop runs in a task of its own, and
        // cancellation closes the listening socket instead; the loop then takes
        // every connection already accepted, and ends the sessions.
        let accepting = Task { try await acceptLoop(server) }
        try await withTaskCancellationHandler {
            try await accepting.value
        } onCancel: {
            server.channel.close(promise: nil)
        }
    }

    /// The pipeline of a new connection: a session, or a refusal past the
    /// connection limit. Runs on the connection's event loop.
    private func addHandlers(to channel: any Channel, open: ConnectionCount) throws {
        let pipeline = channel.pipeline.syncOperations
        let counters = self.counters
        let place = open.enter()
        let admitted = place.countWithIt <= limits.maxConnections
        counters?.connectionsTotal.increment()
        // The handlers give the place back as the connection goes inactive,
        // before "Close" is logged; this is for a channel that never got there.
        channel.closeFuture.whenComplete { _ in place.giveBack() }
        guard admitted else {
            counters?.connectionsRefused.increment()
            let log = self.log
            let limit = limits.maxConnections
            try pipeline.addHandler(
                BusyRefusal(reply: Messages.busyReply(limit: limit), place: place) { client in
                    log.info("\(Messages.refused(client, limit: limit))")
                })
            return
        }
        if let counters {
            counters.connectionsOpen.increment()
            channel.closeFuture.whenComplete { _ in counters.connectionsOpen.decrement() }
        }
        // The session closes the connection when this handler says it has been idle.
        try pipeline.addHandler(IdleStateHandler(readTimeout: limits.idleTimeout))
        try pipeline.addHandler(TelnetFilter())
        // The frame decoder buffers at most one unfinished line
        // (its line ending included; `min` keeps `+ 1` from overflowing).
        let bufferLimit = min(limits.maxLineLength, Int.max - 1) + 1
        try pipeline.addHandler(ByteToMessageHandler(LineBasedFrameDecoder(), maximumBufferSize: bufferLimit))
        try pipeline.addHandler(SessionHandler(server: self, place: place))
    }

    /// Holds every connection until it closes, in a child task that closes it
    /// when cancelled: ending the loop ends the sessions.
    private func acceptLoop(_ server: NIOAsyncChannel<any Channel, Never>) async throws {
        try await withThrowingDiscardingTaskGroup { group in
            try await server.executeThenClose { connections in
                for try await connection in connections {
                    group.addTask {
                        await withTaskCancellationHandler {
                            try? await connection.closeFuture.get()
                        } onCancel: {
                            connection.close(promise: nil)
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
        do {
            return try await bindAddress(host: host, port: port)
        } catch {
            throw MojiTCPError.cannotResolve(host: host)
        }
    }

    /// The line decoded as UTF-8 and stripped, or nil when it is not UTF-8.
    static func query(from line: ByteBuffer) -> String? {
        sessionQuery(from: line.readableBytesView)
    }

    /// Answers with at most this many result lines are kept whole in the
    /// cache (about 130 bytes a line at most); longer ones are built in chunks
    /// for each session that asks.
    static let largestCachedAnswer = 512

    /// The answer to `text`: result lines, status line and prompt. A query
    /// that cannot be answered (a range past the limit) gets one line saying
    /// why, and the session goes on.
    func answer(to text: String) -> AnswerChunks {
        let line = AnswerKey(text, form: .lines)
        if let cached = answersByLine.answer(for: line) {
            return AnswerChunks(bytes: cached.bytes, count: cached.count)
        }
        let query: Query
        do {
            query = try Query(text)
        } catch {
            return AnswerChunks(bytes: ByteBuffer(string: Messages.queryErrorReply(error)), count: 0)
        }
        let key = AnswerKey(query, form: .lines)
        if let cached = answers.answer(for: key) {
            answersByLine.store(cached, for: line)
            return AnswerChunks(bytes: cached.bytes, count: cached.count)
        }
        let results = index.search(query)
        guard results.count <= Self.largestCachedAnswer else { return AnswerChunks(results: results) }
        var chunks = AnswerChunks(results: results, linesPerChunk: results.count)
        let built = BuiltAnswer(bytes: chunks.joined(), count: results.count)
        answers.store(built, for: key)
        answersByLine.store(built, for: line)
        return AnswerChunks(bytes: built.bytes, count: built.count)
    }
}

/// An answer's bytes as the session writes them, and how many results it has.
struct BuiltAnswer: Sendable {
    let bytes: ByteBuffer
    let count: Int
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

/// Open connections, counted as each one is set up and released when it closes.
final class ConnectionCount: Sendable {
    private let value = Atomic<Int>(0)

    /// Counts a new connection: its place, which knows the count including it.
    func enter() -> Place {
        Place(count: self, countWithIt: value.wrappingAdd(1, ordering: .relaxed).newValue)
    }

    /// One connection's place in the count, given back once however many
    /// times `giveBack` is called.
    final class Place: Sendable {
        let countWithIt: Int
        private let count: ConnectionCount
        private let held = Atomic<Bool>(true)

        fileprivate init(count: ConnectionCount, countWithIt: Int) {
            self.count = count
            self.countWithIt = countWithIt
        }

        func giveBack() {
            if held.exchange(false, ordering: .relaxed) { count.value.wrappingSubtract(1, ordering: .relaxed) }
        }
    }
}
