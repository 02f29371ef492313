import Foundation
import NIOCore
import TestSupport
import Testing

@Suite("mojifinder tcp command", .timeLimit(.minutes(1)))
struct TCPCommandTests {
    @Test("SIGINT prints 'Server shut down.', closes connections and exits 0", arguments: [SIGINT, SIGTERM])
    func signalShutdown(signal: Int32) async throws {
        let server = try BackgroundProcess(product: "mojifinder", ["tcp", "--port", "0"])
        let bound = try #require(
            try await server.waitForOutput(#"Serving on 127\.0\.0\.1:(\d+)\."#).flatMap { Int($0) },
            "no 'Serving on' line in \(server.standardOutput.debugDescription)")
        #expect(server.standardOutput.hasPrefix("Building index.\n"))
        // mojifinder ran mojifinder-server in its place: the signal below goes to the server itself.
        let program = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(server.pid)/exe")
        #expect(program.hasSuffix("/mojifinder-server"))

        try await withClient(port: bound) { (client: inout Client) async throws in
            #expect(try await client.read() == "?> ")
            server.signal(signal)
            #expect(try await client.readToEnd() == "")
        }
        let ended = try await server.wait()
        #expect(ended.exitCode == 0)
        #expect(ended.standardOutput.hasSuffix("Server shut down.\n"))
        #expect(ended.standardOutput.contains("Close 127.0.0.1:"))
    }

    @Test("with stdout a pipe nobody reads, it still answers 1,000 queries and stops on SIGTERM")
    func unreadStdout() async throws {
        let server = try await UnreadOutputServer(
            "mojifinder", ["tcp", "--port", "0"], portPrefix: "Serving on 127.0.0.1:")
        // Each query logs two lines, so the one-page pipe is full long before the end.
        try await withClient(port: server.port) { (client: inout Client) async throws in
            #expect(try await client.read() == "?> ")
            for number in 0..<1000 {
                let query = number.isMultiple(of: 2) ? "cat face" : "chess black"
                try await client.send(query + "\r\n")
                let answer = try await client.read()
                guard answer == expectedAnswer(query) else {
                    Issue.record("query \(number): \(answer.debugDescription)")
                    return
                }
            }
        }
        #expect(try await server.stop(with: SIGTERM) == 0)
    }

    @Test("--log-level notice keeps the start line and drops the per-query and per-connection lines")
    func quietLog() async throws {
        let server = try BackgroundProcess(product: "mojifinder", ["tcp", "--port", "0", "--log-level", "notice"])
        let bound = try #require(
            try await server.waitForOutput(#"Serving on 127\.0\.0\.1:(\d+)\."#).flatMap { Int($0) },
            "no 'Serving on' line in \(server.standardOutput.debugDescription)")
        try await withClient(port: bound) { (client: inout Client) async throws in
            #expect(try await client.read() == "?> ")
            try await client.send("cat face\r\n")
            #expect(try await client.read() == expectedAnswer("cat face"))
        }
        server.signal(SIGTERM)
        let ended = try await server.wait()
        #expect(ended.exitCode == 0)
        let lines = ended.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.first == "Building index.")
        #expect(lines.dropFirst().first?.hasPrefix("Serving on 127.0.0.1:") == true)
        #expect(lines.last == "Server shut down.")
        #expect(lines.count == 3, "\(lines)")
    }

    @Test("an unknown --log-level is a usage error naming the levels", arguments: ["tcp", "web"])
    func badLogLevel(subcommand: String) async throws {
        for level in ["loud", "", "INFO ", "notice "] {
            let result = try await runProduct("mojifinder", [subcommand, "--port", "0", "--log-level", level])
            #expect(result.exitCode == 64, "\(level.debugDescription): \(result)")
            #expect(result.standardError.contains("--log-level must be one of: trace, debug, info, notice"))
        }
    }

    @Test("a port in use exits 1 with an error on stderr")
    func portInUse() async throws {
        try await withServer { port, _ in
            let result = try await runProduct("mojifinder", ["tcp", "--port", "\(port)"])
            #expect(result.exitCode == 1)
        }
    }
}
