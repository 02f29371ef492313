import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A crowd that connects at once while the server is busy with it: every
/// client is accepted within seconds and no request waits past wrk's
/// time-out. Before the servers accepted in batches, thousands of
/// busy connections left the accept loop a few turns a second, and clients
/// waited in the kernel's queue long enough to time out.
/// Its load keeps both cores busy: `scripts/test` runs it in a process of its own.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct CrowdTests {
    /// Enough that the server is busy with them (fewer under a sanitizer, whose build is slower).
    static let clients = Int(1000 / testTimeScale)
    /// wrk's time-out: twice the fair wait of a debug build that other tests
    /// keep busy (about 800 answers a second for 1,000 clients). An
    /// unaccepted client waits longer: the loop took 30 a second.
    static let timeout = Int(4 * testTimeScale)

    /// The HTTP servers among `BacklogTests.servers`.
    static let servers = BacklogTests.servers.filter { $0.product == "flags-server" || $0.arguments.first == "web" }

    /// A path the server answers with 200.
    static func path(for server: BacklogTests.Server) -> String {
        server.product == "flags-server" ? "/flags/br/br.gif" : "/search?q=cat%20face"
    }

    @Test(arguments: servers)
    func aCrowdIsAcceptedAndAnswered(server: BacklogTests.Server) async throws {
        let wrk = try requireProgram("wrk", package: "wrk")
        let ss = try requireProgram("ss", package: "iproute2")
        let process = try BackgroundProcess(product: server.product, server.arguments)
        defer { process.signal(SIGKILL) }
        let port = try await process.waitForNumber(server.startLines[0], limit: .seconds(60))
        // wrk holds a descriptor per client: raised in its own shell, as root may.
        let command =
            "ulimit -n \(Self.clients + 1024) && exec \(wrk) -t2 -c\(Self.clients) -d8s --timeout \(Self.timeout)s "
            + "http://127.0.0.1:\(port)\(Self.path(for: server))"
        async let load = runProcess("/bin/sh", ["-c", command], timeout: .seconds(60))
        // Three seconds in, every client that connected has been accepted.
        try await Task.sleep(for: .seconds(3))
        let sockets = try await runProcess(ss, ["-Hltn"], timeout: .seconds(30))
        let waiting = BacklogTests.acceptQueue(of: port, in: sockets.standardOutput)
        let report = try await load

        #expect(report.exitCode == 0, "\(server): \(report.combinedOutput)")
        let requests = report.standardOutput.firstMatch(of: /(\d+) requests in/).flatMap { Int($0.1) } ?? 0
        #expect(requests > Self.clients, "\(server): \(report.standardOutput)")
        #expect(!report.standardOutput.contains("Socket errors"), "\(server): \(report.standardOutput)")
        #expect(waiting == 0, "\(server): \(waiting.map(String.init) ?? "no socket") waiting to be accepted")
        process.signal(SIGTERM)
        let end = try await process.wait(limit: .seconds(30))
        #expect(end.exitCode == 0, "\(server): \(end.combinedOutput)")
    }
}
