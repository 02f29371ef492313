import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mojifinder web` as a user runs it: the built binary in its own process.
@Suite("mojifinder web, the command")
struct CommandTests {

    @Test(
        "--port 0 logs the bound port; SIGTERM and SIGINT stop it gracefully with status 0",
        arguments: [SIGTERM, SIGINT])
    func gracefulStop(signal: Int32) async throws {
        let server = try BackgroundProcess(product: "mojifinder", ["web", "--port", "0", "--log-level", "notice"])
        // The start line is the only way to learn the port.
        let port = try #require(
            try await server.waitForOutput(#"listening on http://127\.0\.0\.1:(\d+)"#).flatMap { Int($0) },
            "no start line: \(server.standardOutput)\(server.standardError)")
        #expect(port > 0 && port != 8080)
        let answer = try await rawGet(port: port, target: Array("/search?q=cat%20face".utf8))
        #expect(answer.status == 200)

        server.signal(signal)
        let ended = try await server.wait(limit: .seconds(10))
        #expect(ended.exitCode == 0, "stopped by the signal instead of shutting down: \(ended)")
    }
}
