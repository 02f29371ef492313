import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The first contact with the servers: the README's tour leaves every server
/// running, and a port in use is said in one line.
@Suite(.serialized) struct PortTests {
    /// A socket listening on 127.0.0.1 on a free port, closed at the end.
    final class Listener {
        let fd: Int32
        let port: Int

        init() throws {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            self.fd = fd
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let bound = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                    bind(fd, pointer, length) == 0 && listen(fd, 8) == 0
                        && getsockname(fd, pointer, &length) == 0
                }
            }
            guard bound else { throw TestFailure("cannot listen: errno \(errno)") }
            port = Int(UInt16(bigEndian: address.sin_port))
        }

        deinit { close(fd) }
    }

    /// The run failed before the server started: nothing on stdout, `line` alone on stderr, exit 1.
    func expectOneLineError(_ run: ProcessOutput, _ line: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(run.exitCode == 1, sourceLocation: sourceLocation)
        #expect(run.standardOutput.isEmpty, "\(run.standardOutput)", sourceLocation: sourceLocation)
        #expect(run.standardError == "Error: \(line)\n", sourceLocation: sourceLocation)
    }

    @Test(arguments: [
        ("mojifinder", ["web", "--port"], "--port"),
        ("mojifinder", ["tcp", "--port"], "--port"),
        ("mojifinder", ["tcp", "--port", "0", "--metrics-port"], "--metrics-port"),
        ("flags-server", ["--port"], "--port"),
    ])
    func aPortInUseIsOneLineThatNamesItAndTheWayOut(product: String, arguments: [String], option: String)
        async throws
    {
        let taken = try Listener()
        let run = try await runProduct(product, arguments + ["\(taken.port)"], timeout: .seconds(30))
        expectOneLineError(
            run,
            "127.0.0.1:\(taken.port) is already in use; choose another port with \(option) N, or \(option) 0 for any free port."
        )
    }

    /// An address that is not this machine's (TEST-NET-1, RFC 5737) and a name
    /// that never resolves (`.invalid`, RFC 6761): one line each, exit 1.
    @Test(arguments: [("mojifinder", ["web"]), ("mojifinder", ["tcp"]), ("flags-server", [])])
    func aHostThatCannotBeListenedOnIsOneLine(product: String, arguments: [String]) async throws {
        let foreign = try await runProduct(
            product, arguments + ["--host", "192.0.2.1", "--port", "0"], timeout: .seconds(30))
        expectOneLineError(
            foreign,
            "192.0.2.1 is not an address of this machine; choose one with --host, such as 127.0.0.1 (the default) or 0.0.0.0 for every address."
        )
        let unknown = try await runProduct(
            product, arguments + ["--host", "nonexistent.invalid", "--port", "0"], timeout: .seconds(30))
        expectOneLineError(unknown, "Cannot resolve host 'nonexistent.invalid'.")
    }

    /// A name is checked as the server will bind it: `localhost`, whose first
    /// address here is 127.0.0.1, on a port taken there.
    @Test(arguments: [("mojifinder", ["web"]), ("mojifinder", ["tcp"]), ("flags-server", [])])
    func aPortInUseByNameIsOneLine(product: String, arguments: [String]) async throws {
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var first: UnsafeMutablePointer<addrinfo>?
        try #require(getaddrinfo("localhost", nil, &hints, &first) == 0)
        defer { freeaddrinfo(first) }
        try #require(first?.pointee.ai_family == AF_INET, "localhost resolves to IPv6 first on this machine")
        let taken = try Listener()
        let run = try await runProduct(
            product, arguments + ["--host", "localhost", "--port", "\(taken.port)"], timeout: .seconds(30))
        expectOneLineError(
            run,
            "127.0.0.1:\(taken.port) is already in use; choose another port with --port N, or --port 0 for any free port."
        )
    }

    /// `mojifinder web` and `flags-server --preset all` on their default ports
    /// at once, as the README's tour starts them (on 127.0.0.3, to keep clear
    /// of anything else on this machine).
    @Test func theDefaultPortsDoNotCollide() async throws {
        let web = try BackgroundProcess(try builtProduct("mojifinder"), ["web", "--host", "127.0.0.3"])
        defer { web.signal(SIGTERM) }
        let flags = try BackgroundProcess(try builtProduct("flags-server"), ["--preset", "all", "--host", "127.0.0.3"])
        defer { flags.signal(SIGTERM) }
        let tcp = try BackgroundProcess(try builtProduct("mojifinder"), ["tcp", "--host", "127.0.0.3"])
        defer { tcp.signal(SIGTERM) }
        #expect(try await web.waitForOutput("listening on http://127.0.0.3:8080") != nil, "\(web.output)")
        #expect(try await tcp.waitForOutput("Serving on 127.0.0.3:2323") != nil, "\(tcp.output)")
        for port in [8000, 8001, 8002] {
            #expect(
                try await flags.waitForOutput("Serving flags at http://127.0.0.3:\(port)/flags") != nil,
                "\(flags.output)")
        }
        #expect(!web.hasExited && !flags.hasExited && !tcp.hasExited)
    }
}
