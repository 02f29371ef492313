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

    @Test("the start line once, one access line per request with status and duration, and a stop line")
    func logLines() async throws {
        let server = try BackgroundProcess(product: "mojifinder", ["web", "--port", "0"])
        let port = try #require(
            try await server.waitForOutput(#"listening on http://127\.0\.0\.1:(\d+)"#).flatMap { Int($0) },
            "no start line: \(server.output)")
        #expect(try await rawGet(port: port, target: Array("/search?q=cat".utf8)).status == 200)
        #expect(try await rawGet(port: port, target: Array("/nope".utf8)).status == 404)
        server.signal(SIGTERM)
        let ended = try await server.wait(limit: .seconds(10))
        #expect(ended.exitCode == 0)
        let lines = ended.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.filter { $0.contains("listening on") }.count == 1, "\(lines)")
        #expect(
            lines.contains { $0.wholeMatch(of: /"GET \/search\?q=cat HTTP\/1.1" 200 \d+\.\d\d ms/) != nil }, "\(lines)")
        #expect(lines.contains { $0.wholeMatch(of: /"GET \/nope HTTP\/1.1" 404 \d+\.\d\d ms/) != nil }, "\(lines)")
        #expect(lines.last == "Server shut down.", "\(lines)")
    }
}
