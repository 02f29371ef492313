import NIOCore
import NIOPosix

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// The address a server binds for `host`: a numeric one as it is, a name
/// resolved to its first address as NIO's `bind(host:port:)` resolves it,
/// on NIO's thread pool, since a lookup may block.
public func bindAddress(host: String, port: Int) async throws -> SocketAddress {
    if let address = try? SocketAddress(ipAddress: host, port: port) { return address }
    return try await NIOThreadPool.singleton.runIfActive {
        try SocketAddress.makeAddressResolvingHost(host, port: port)
    }
}

/// Why a server cannot listen where it was asked, said in one line that
/// names the address and the way out, before the server starts and prints
/// anything: a port in use, an address that is not this machine's, a host
/// name that does not resolve.
public struct CannotListen: Error, CustomStringConvertible {
    public let description: String

    /// "Cannot resolve host 'NAME'.", as `mojifinder tcp` says it.
    static func unknownHost(_ host: String) -> CannotListen {
        CannotListen(description: "Cannot resolve host '\(host)'.")
    }

    /// Throws when the server could not listen on `port` of `host`: a name
    /// that does not resolve, something already listening there, or an
    /// address that is not this machine's, checked on the address that
    /// `bindAddress` gives. Any other failure passes: the server reports it.
    /// `option` chooses the port, such as `--port` or `--metrics-port`.
    public static func check(host: String, port: Int, option: String = "--port") async throws(CannotListen) {
        guard (0...65535).contains(port) else { return }
        let address: String
        do {
            guard let ip = try await bindAddress(host: host, port: port).ipAddress else { return }
            address = ip
        } catch {
            throw unknownHost(host)
        }
        let shown = address.contains(":") ? "[\(address)]:\(port)" : "\(address):\(port)"
        switch bindError(host: address, port: UInt16(port)) {
        case EADDRINUSE where port > 0:
            throw CannotListen(
                description:
                    "\(shown) is already in use; choose another port with \(option) N, or \(option) 0 for any free port."
            )
        case EADDRNOTAVAIL:
            throw CannotListen(
                description:
                    "\(address) is not an address of this machine; choose one with --host, such as 127.0.0.1 (the default) or 0.0.0.0 for every address."
            )
        default:
            return
        }
    }

    /// Binds a socket the way the servers do (SO_REUSEADDR, so a port left in
    /// TIME_WAIT counts as free) and gives the errno of a failure, or 0.
    private static func bindError(host: String, port: UInt16) -> Int32 {
        var v4 = sockaddr_in()
        var v6 = sockaddr_in6()
        let family: Int32
        if inet_pton(AF_INET, host, &v4.sin_addr) == 1 {
            family = AF_INET
            v4.sin_family = sa_family_t(AF_INET)
            v4.sin_port = port.bigEndian
        } else if inet_pton(AF_INET6, host, &v6.sin6_addr) == 1 {
            family = AF_INET6
            v6.sin6_family = sa_family_t(AF_INET6)
            v6.sin6_port = port.bigEndian
        } else {
            return 0
        }
        #if canImport(Darwin)
            let fd = socket(family, SOCK_STREAM, 0)
        #else
            let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return 0 }
        defer { close(fd) }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        let result: Int32
        if family == AF_INET {
            result = withUnsafePointer(to: &v4) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        } else {
            result = withUnsafePointer(to: &v6) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        }
        return result == 0 ? 0 : errno
    }
}
