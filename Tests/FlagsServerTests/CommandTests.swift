import Foundation
import Synchronization
import TestSupport
import Testing

/// The `flags-server` executable, run as a user would.
@Suite struct CommandTests {
    final class Output: Sendable {
        private let text = Mutex("")
        func append(_ data: Data) { text.withLock { $0 += String(decoding: data, as: UTF8.self) } }
        var value: String { text.withLock { $0 } }
    }

    /// A running `flags-server`, with its standard output and error collected as they come.
    struct Running {
        let process: Process
        let output: Output

        /// Waits up to `timeout` for the output to satisfy `condition`.
        func wait(for timeout: Duration = .seconds(20), until condition: (String) -> Bool) async throws -> String {
            let deadline = ContinuousClock.now + timeout
            while ContinuousClock.now < deadline {
                let text = output.value
                if condition(text) { return text }
                try await Task.sleep(for: .milliseconds(20))
            }
            Issue.record("timed out; output so far: \(output.value)")
            return output.value
        }

        /// Never leave a server behind when a test fails early.
        func terminateIfRunning() {
            if process.isRunning {
                process.terminate()
                process.waitUntilExit()
            }
        }

        /// Sends `signal` and waits for the exit status.
        func stop(with signal: Int32 = SIGINT) async throws -> Int32 {
            kill(process.processIdentifier, signal)
            let deadline = ContinuousClock.now + .seconds(20)
            while process.isRunning && ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
            if process.isRunning {
                process.terminate()
                Issue.record("flags-server did not stop after signal \(signal)")
            }
            process.waitUntilExit()
            return process.terminationStatus
        }
    }

    static func launch(_ arguments: [String]) throws -> Running {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try builtProduct("flags-server"))
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let output = Output()
        pipe.fileHandleForReading.readabilityHandler = { handle in output.append(handle.availableData) }
        try process.run()
        return Running(process: process, output: output)
    }

    static func ports(in text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Serving flags at http://") else { return nil }
            return line.split(separator: ":").last.flatMap { Int($0.prefix(while: \.isNumber)) }
        }
    }

    @Test func verboseLogsEachDelay() async throws {
        let server = try Self.launch(["--port", "0", "--delay", "0.05", "--verbose"])
        defer { server.terminateIfRunning() }
        let started = try await server.wait { !Self.ports(in: $0).isEmpty }
        let port = try #require(Self.ports(in: started).first)
        #expect(statusCode(ofRaw: try await rawRequest(port: port, path: "/flags/ad/ad.gif")) == 200)
        _ = try await server.wait { $0.contains("AD delay: 0.05s") }
        #expect(try await server.stop() == 0)
    }

    /// `--verbose` logs a line per simulated error; nobody reads them.
    @Test func unreadStdoutStillAnswers1000Requests() async throws {
        let server = try await UnreadOutputServer(
            "flags-server", ["--port", "0", "--error-rate", "1", "--verbose"],
            portPrefix: "Serving flags at http://127.0.0.1:")
        let statuses = try await withClient { client in
            var statuses: [Int: Int] = [:]
            for _ in 0..<1000 {
                statuses[
                    try await fetch(client, "http://127.0.0.1:\(server.port)/flags/ad/ad.gif").status, default: 0] += 1
            }
            return statuses
        }
        #expect(statuses == [418: 1000])
        #expect(try await server.stop(with: SIGTERM) == 0)
    }

    @Test func presetAllServesThreePorts() async throws {
        // 127.0.0.2 keeps the chapter's fixed ports clear of anything on 127.0.0.1.
        let server = try Self.launch(["--preset", "all", "--host", "127.0.0.2", "--seed", "3"])
        defer { server.terminateIfRunning() }
        let started = try await server.wait { Self.ports(in: $0).count == 3 }
        #expect(Self.ports(in: started).sorted() == [8000, 8001, 8002], "\(started)")
        let statuses = try await withClient { client in
            try await withThrowingTaskGroup(of: (Int, Int).self) { group in
                for port in [8000, 8002] {
                    group.addTask { (port, try await fetch(client, "http://127.0.0.2:\(port)/flags/gb/gb.gif").status) }
                }
                return try await group.reduce(into: [Int: Int]()) { $0[$1.0] = $1.1 }
            }
        }
        #expect(statuses[8000] == 200)
        #expect(statuses[8002] == 200 || statuses[8002] == 418)
        #expect(try await server.stop(with: SIGTERM) == 0)
    }

    @Test(arguments: [
        ["--error-rate", "2"], ["--preset", "nope"], ["--delay", "3-1"], ["--delay", "x"], ["--port", "-1"],
        ["--preset", "all", "--port", "9000"], ["--directory", "/no/such/folder/anywhere"],
    ])
    func usageErrorsExit64(arguments: [String]) async throws {
        var full = arguments
        // Never the fixed port 8000: if an argument were wrongly accepted, the server would start on a free port.
        if !arguments.contains("--port") && !arguments.contains("all") { full += ["--port", "0"] }
        let server = try Self.launch(full)
        defer { server.terminateIfRunning() }
        let deadline = ContinuousClock.now + .seconds(20)
        while server.process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        if server.process.isRunning {
            server.process.terminate()
            Issue.record("flags-server kept running with \(arguments)")
        }
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 64, "\(arguments): \(server.output.value)")
        #expect(server.output.value.contains("Error"), "\(arguments): \(server.output.value)")
    }
}
