import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM to `mojifinder web` while wrk loads it.
@Suite("mojifinder web, graceful shutdown under load", .timeLimit(.minutes(2)))
struct WebShutdownTests {
    @Test("SIGTERM during a wrk run: every answer is a 200, none times out, exit 0 in the grace period, port closed")
    func sigtermUnderLoad() async throws {
        let wrk = try requireProgram("wrk", package: "wrk")
        let server = try BackgroundProcess(
            product: "mojifinder", ["web", "--port", "0", "--log-level", "notice", "--grace-period", "10"])
        defer { server.signal(SIGKILL) }
        let port = try await server.waitForNumber(#"listening on http://127\.0\.0\.1:(\d+)"#)
        let url = "http://127.0.0.1:\(port)/search?q=cat"

        async let load = runProcess(wrk, ["-t1", "-c8", "-d5s", "--timeout", "20s", url], timeout: .seconds(60))
        // Let wrk get going, then stop the server under it.
        try await Task.sleep(for: .seconds(2))
        server.signal(SIGTERM)
        let status = (try await server.wait(limit: .seconds(20)).exitCode ?? -1)
        let report = try await load

        #expect(status == 0, "output: \(server.output)")
        let requests = report.standardOutput.firstMatch(of: /(\d+) requests in/).flatMap { Int($0.1) } ?? 0
        #expect(requests > 0, "wrk: \(report.standardOutput)")
        // Every request the server took was answered in full: no error status, no timeout.
        #expect(!report.standardOutput.contains("Non-2xx"), "wrk: \(report.standardOutput)")
        let timeouts = report.standardOutput.firstMatch(of: /timeout (\d+)/).flatMap { Int($0.1) } ?? 0
        #expect(timeouts == 0, "wrk: \(report.standardOutput)")
        // After the exit, the port refuses connections.
        let curl = try requireProgram("curl", package: "curl")
        let late = try await runProcess(curl, ["-sS", "--max-time", "5", url])
        #expect(late.exitCode == 7, "curl: \(late.combinedOutput)")  // 7: could not connect
    }
}
