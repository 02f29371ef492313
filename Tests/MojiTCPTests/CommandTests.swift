import Foundation
import NIOCore
import TestSupport
import Testing

@Suite("mojifinder tcp command", .timeLimit(.minutes(1)))
struct TCPCommandTests {
    @Test("SIGINT prints 'Server shut down.', closes connections and exits 0", arguments: [SIGINT, SIGTERM])
    func signalShutdown(signal: Int32) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try builtProduct("mojifinder"))
        process.arguments = ["tcp", "--port", "0"]
        let stdout = Pipe()
        process.standardOutput = stdout
        let exited = AsyncStream.makeStream(of: Int32.self)
        process.terminationHandler = { exited.continuation.yield($0.terminationStatus) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        let lines = AsyncStream.makeStream(of: String.self)
        stdout.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
                lines.continuation.finish()
            } else {
                lines.continuation.yield(String(decoding: data, as: UTF8.self))
            }
        }
        var output = ""
        var port: Int?
        for await chunk in lines.stream {
            output += chunk
            if let range = output.range(of: #"Serving on 127\.0\.0\.1:(\d+)\."#, options: .regularExpression) {
                port = Int(output[range].dropFirst("Serving on 127.0.0.1:".count).dropLast())
                break
            }
        }
        let bound = try #require(port, "no 'Serving on' line in \(output.debugDescription)")
        #expect(output.hasPrefix("Building index.\n"))

        try await withClient(port: bound) { (client: inout Client) async throws in
            #expect(try await client.read() == "?> ")
            kill(process.processIdentifier, signal)
            #expect(try await client.readToEnd() == "")
        }
        var statuses = exited.stream.makeAsyncIterator()
        #expect(await statuses.next() == 0)
        // Stop at the last line rather than at EOF: a child process that another
        // test starts meanwhile may hold a copy of the pipe open.
        if !output.hasSuffix("Server shut down.\n") {
            for await chunk in lines.stream {
                output += chunk
                if output.hasSuffix("Server shut down.\n") { break }
            }
        }
        #expect(output.hasSuffix("Server shut down.\n"))
        #expect(output.contains("Close 127.0.0.1:"))
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

    @Test("a port in use exits 1 with an error on stderr")
    func portInUse() async throws {
        try await withServer { port, _ in
            let result = try await runProduct("mojifinder", ["tcp", "--port", "\(port)"])
            #expect(result.exitCode == 1)
        }
    }
}
