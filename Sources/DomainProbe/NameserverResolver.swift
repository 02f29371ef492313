import NIOCore
import NIOPosix

/// A stub DNS client over UDP: one socket for every query, each matched to
/// its response by ID and question. How many queries are in flight and when
/// one is sent again adapt to the server (see `DNSClientHandler`).
public final class NameserverResolver: Resolver {
    // Sendable: every stored property is an immutable Sendable value.
    public let server: SocketAddress
    public let timeout: Duration
    public let retries: Int
    public let maxInFlight: Int
    private let channel: any Channel

    private init(server: SocketAddress, timeout: Duration, retries: Int, maxInFlight: Int, channel: any Channel) {
        self.server = server
        self.timeout = timeout
        self.retries = retries
        self.maxInFlight = maxInFlight
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
    ///
    /// - Parameters:
    ///   - timeout: the longest wait for one answer before the query is sent
    ///     again; once the server has answered, the wait follows its round
    ///     trip (`RTTEstimator`), from 10 ms up to this.
    ///   - retries: a question is given up after `timeout × (retries + 1)`;
    ///     a server that never answered gets exactly `retries` re-sends.
    ///   - maxInFlight: the ceiling of the congestion window (1-60,000);
    ///     queries beyond the window wait for a slot.
    public static func connect(
        to server: SocketAddress,
        timeout: Duration = .seconds(2),
        retries: Int = 2,
        maxInFlight: Int = 100,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws -> NameserverResolver {
        let retries = max(0, retries)
        // Sent queries hold distinct 16-bit IDs, so far fewer than 65,536 may be out.
        let maxInFlight = min(max(1, maxInFlight), 60_000)
        let configuration = DNSClientHandler.Configuration(
            server: server, timeout: timeout, retries: retries, maxInFlight: maxInFlight)
        let bindHost = server.protocol == .inet6 ? "::" : "0.0.0.0"
        let channel = try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_rcvbuf), value: 4 << 20)
            .channelOption(.maxMessagesPerRead, value: 64)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(DNSClientHandler(configuration))
                }
            }
            .bind(host: bindHost, port: 0)
            .get()
        return NameserverResolver(
            server: server, timeout: timeout, retries: retries, maxInFlight: maxInFlight, channel: channel)
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

    /// One question, sent when the congestion window has room and again
    /// after each retransmission timeout with the same ID, so a late answer
    /// to an earlier send still counts.
    public func query(_ name: DomainName, type: UInt16) async throws(DomainProbeError) -> DNSMessage {
        let promise = channel.eventLoop.makePromise(of: DNSMessage.self)
        let pending = PendingQuery(question: .init(name: name.labels, type: type), promise: promise)
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
