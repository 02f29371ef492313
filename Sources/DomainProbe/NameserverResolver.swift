import NIOCore
import NIOPosix

/// A stub DNS client over UDP: one socket, any number of queries in flight,
/// each matched to its response by ID and question.
public final class NameserverResolver: Resolver {
    // Sendable: every stored property is an immutable Sendable value.
    public let server: SocketAddress
    public let timeout: Duration
    public let retries: Int
    private let channel: any Channel

    private init(server: SocketAddress, timeout: Duration, retries: Int, channel: any Channel) {
        self.server = server
        self.timeout = timeout
        self.retries = retries
        self.channel = channel
    }

    /// Parses `HOST[:PORT]` (`[v6]:PORT` for IPv6); the host must be an IP
    /// address, since resolving it would need a resolver.
    public static func address(_ text: String, defaultPort: Int = 53) throws(DomainProbeError) -> SocketAddress {
        var host = Substring(text)
        var port = defaultPort
        if host.first == "[", let close = host.firstIndex(of: "]") {
            let rest = host[host.index(after: close)...]
            host = host[host.index(after: host.startIndex)..<close]
            if !rest.isEmpty {
                guard rest.first == ":", let p = Int(rest.dropFirst()) else {
                    throw .badNameserver("'\(text)': expected [IPv6]:PORT")
                }
                port = p
            }
        } else if host.filter({ $0 == ":" }).count == 1, let colon = host.firstIndex(of: ":") {
            guard let p = Int(host[host.index(after: colon)...]) else {
                throw .badNameserver("'\(text)': port is not a number")
            }
            port = p
            host = host[..<colon]
        }
        guard (1...65535).contains(port) else { throw .badNameserver("'\(text)': port out of range") }
        do {
            return try SocketAddress(ipAddress: String(host), port: port)
        } catch {
            throw .badNameserver("'\(text)' is not an IP address with an optional :PORT")
        }
    }

    /// Opens the client's socket. Call `close()` when done.
    public static func connect(
        to server: SocketAddress,
        timeout: Duration = .seconds(2),
        retries: Int = 2,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> NameserverResolver {
        let bindHost = server.protocol == .inet6 ? "::" : "0.0.0.0"
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .channelOption(.maxMessagesPerRead, value: 64)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DNSClientHandler(server: server))
                }
            }
            .bind(host: bindHost, port: 0)
            .get()
        return NameserverResolver(server: server, timeout: timeout, retries: max(0, retries), channel: channel)
    }

    public func close() async {
        try? await channel.close()
    }

    public func resolve(_ name: DomainName) async -> ProbeStatus {
        // A first; AAAA only for names that exist without an IPv4 address.
        for type in [DNSMessage.RecordType.a, DNSMessage.RecordType.aaaa] {
            if Task.isCancelled { return .error("cancelled") }
            let response: DNSMessage
            do {
                response = try await query(name, type: type)
            } catch {
                return .error(error.description)
            }
            switch response.responseCode {
            case DNSMessage.ResponseCode.noError:
                if !response.answers.isEmpty { return .found }
                if response.truncated { return .error("truncated response without answers") }
            case DNSMessage.ResponseCode.nameError:
                return .notFound
            case DNSMessage.ResponseCode.serverFailure:
                return .error("SERVFAIL")
            case DNSMessage.ResponseCode.refused:
                return .error("REFUSED")
            case let code:
                return .error("response code \(code)")
            }
        }
        return .notFound
    }

    /// One question, sent again after each timeout (`retries` times) with
    /// the same ID, so a late answer to an earlier try still counts.
    public func query(_ name: DomainName, type: UInt16) async throws(DomainProbeError) -> DNSMessage {
        let promise = channel.eventLoop.makePromise(of: DNSMessage.self)
        let pending = PendingQuery(
            question: .init(name: name.labels, type: type),
            timeout: TimeAmount(timeout),
            retries: retries,
            promise: promise
        )
        // A write that never reaches the handler (closed channel) must still
        // end the query. Completing a promise twice is a no-op in NIO.
        let written = channel.eventLoop.makePromise(of: Void.self)
        written.futureResult.whenFailure { _ in promise.fail(DomainProbeError.closed) }
        channel.writeAndFlush(pending, promise: written)
        do {
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                promise.fail(CancellationError())
            }
        } catch let error as DomainProbeError {
            throw error
        } catch is CancellationError {
            throw .network("cancelled")
        } catch {
            throw .closed
        }
    }
}

/// What the client writes into its channel: a question and where to deliver the answer.
struct PendingQuery: Sendable {
    let question: DNSMessage.Question
    let timeout: TimeAmount
    let retries: Int
    let promise: EventLoopPromise<DNSMessage>
}

/// Keeps the table of queries in flight. It lives on the channel's event
/// loop, so the table needs no lock.
final class DNSClientHandler: ChannelDuplexHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundIn = PendingQuery
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private struct InFlight {
        let question: DNSMessage.Question
        let promise: EventLoopPromise<DNSMessage>
        let packet: ByteBuffer
        let timeout: TimeAmount
        var retriesLeft: Int
        var timer: Scheduled<Void>?
    }

    private let server: SocketAddress
    private var inFlight: [UInt16: InFlight] = [:]

    init(server: SocketAddress) {
        self.server = server
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let query = unwrapOutboundIn(data)
        guard inFlight.count < 60_000 else {
            query.promise.fail(DomainProbeError.network("too many queries in flight"))
            promise?.succeed()
            return
        }
        // Random IDs make spoofed answers harder to match.
        var id = UInt16.random(in: .min ... .max)
        while inFlight[id] != nil { id = UInt16.random(in: .min ... .max) }

        var message = DNSMessage(id: id, isResponse: false, questions: [query.question])
        message.recursionDesired = true
        inFlight[id] = InFlight(
            question: query.question, promise: query.promise,
            packet: context.channel.allocator.buffer(bytes: message.encoded()),
            timeout: query.timeout, retriesLeft: query.retries, timer: nil)
        send(id, context: context, promise: promise)
    }

    /// Sends (or re-sends) query `id` and arms its timer.
    private func send(_ id: UInt16, context: ChannelHandlerContext, promise: EventLoopPromise<Void>?) {
        guard let entry = inFlight[id] else { return }
        inFlight[id]?.timer = context.eventLoop.assumeIsolated().scheduleTask(in: entry.timeout) { [weak self] in
            guard let self, var entry = self.inFlight[id] else { return }
            if entry.retriesLeft > 0 {
                entry.retriesLeft -= 1
                self.inFlight[id] = entry
                self.send(id, context: context, promise: nil)
            } else {
                self.inFlight[id] = nil
                entry.promise.fail(DomainProbeError.timeout)
            }
        }
        let envelope = AddressedEnvelope(remoteAddress: server, data: entry.packet)
        context.writeAndFlush(wrapOutboundOut(envelope)).assumeIsolated().whenComplete { [weak self] result in
            // A failed send is a failed query, not one to wait out.
            if case .failure(let error) = result, let self, let entry = self.inFlight.removeValue(forKey: id) {
                entry.timer?.cancel()
                entry.promise.fail(DomainProbeError.network("send failed: \(error)"))
            }
            promise?.completeWith(result)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        // Stray sources, undecodable packets and answers to nothing we asked are dropped.
        guard envelope.remoteAddress == server,
            let message = try? DNSMessage.decode(envelope.data.readableBytesView),
            message.isResponse,
            let entry = inFlight[message.id],
            message.questions.count == 1,
            message.questions[0].matches(entry.question)
        else { return }
        inFlight[message.id] = nil
        entry.timer?.cancel()
        entry.promise.succeed(message)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        // ICMP errors on an unconnected UDP socket are not fatal: the
        // affected query times out and is retried.
    }

    func channelInactive(context: ChannelHandlerContext) {
        let entries = inFlight.values
        inFlight.removeAll()
        for entry in entries {
            entry.timer?.cancel()
            entry.promise.fail(DomainProbeError.closed)
        }
        context.fireChannelInactive()
    }
}
