import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Answers one question about a checked name.
public protocol Resolver: Sendable {
    func resolve(_ name: DomainName) async -> ProbeStatus
}

/// The operating system's resolver: `getaddrinfo`, so `/etc/hosts` and
/// nsswitch apply. The call blocks, so it runs on NIO's blocking thread pool
/// (as asyncio's `loop.getaddrinfo` runs it in an executor), never on the
/// cooperative pool.
public struct SystemResolver: Resolver {
    let pool: NIOThreadPool

    public init(pool: NIOThreadPool = .singleton) {
        self.pool = pool
    }

    public func resolve(_ name: DomainName) async -> ProbeStatus {
        let host = name.description
        do {
            return try await pool.runIfActive { Self.lookUp(host) }
        } catch {
            return .error("thread pool unavailable: \(error)")
        }
    }

    /// glibc's EAI_NODATA ("no address associated with hostname"), which
    /// Swift's Glibc module does not export.
    static let eaiNoData: Int32 = -5

    static func lookUp(_ host: String) -> ProbeStatus {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
            hints.ai_socktype = SOCK_STREAM
        #else
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let code = getaddrinfo(host, nil, &hints, &list)
        if let list { freeaddrinfo(list) }
        switch code {
        case 0:
            return .found
        case EAI_NONAME, eaiNoData:
            return .notFound
        case EAI_SYSTEM:
            return .error("getaddrinfo: \(String(cString: strerror(errno)))")
        default:
            return .error("getaddrinfo: \(String(cString: gai_strerror(code)))")
        }
    }
}
