#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#else
    import Darwin
#endif

/// A port another program already listens on: said in one line that names
/// the address and the way out, before a server starts and prints anything.
public struct PortInUse: Error, CustomStringConvertible {
    public let address: String
    /// The option that chooses the port, such as `--port` or `--metrics-port`.
    public let option: String

    public var description: String {
        "\(address) is already in use; choose another port with \(option) N, or \(option) 0 for any free port."
    }

    /// Throws when `port` on the numeric address `host` cannot be bound
    /// because something listens there. Port 0, a host name (resolved later
    /// by the server) and any other failure pass: the server reports those.
    public static func check(host: String, port: Int, option: String = "--port") throws(PortInUse) {
        guard port > 0, port <= 65535, addressInUse(host: host, port: UInt16(port)) else { return }
        let shown = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
        throw PortInUse(address: shown, option: option)
    }

    /// Binds a socket the way the servers do (SO_REUSEADDR, so a port left in
    /// TIME_WAIT counts as free) and reports only EADDRINUSE.
    private static func addressInUse(host: String, port: UInt16) -> Bool {
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
            return false
        }
        #if canImport(Darwin)
            let fd = socket(family, SOCK_STREAM, 0)
        #else
            let fd = socket(family, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { return false }
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
        return result != 0 && errno == EADDRINUSE
    }
}
