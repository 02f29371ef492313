import Foundation
import TestSupport
import Testing

/// The `flags-server` executable, run as a user would.
@Suite struct CommandTests {
    /// Waits up to 20 s for `server`'s output (both streams) to satisfy `condition`.
    static func output(
        of server: BackgroundProcess, until condition: (String) -> Bool
    ) async throws -> String {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let text = server.standardOutput + server.standardError
            if condition(text) { return text }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("timed out; output so far: \(server.standardOutput)\(server.standardError)")
    }

    static func ports(in text: String) -> [Int] {
        text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("Serving flags at http://") else { return nil }
            return line.split(separator: ":").last.flatMap { Int($0.prefix(while: \.isNumber)) }
        }
    }

    @Test func verboseLogsEachDelay() async throws {
        let server = try BackgroundProcess(product: "flags-server", ["--port", "0", "--delay", "0.05", "--verbose"])
        let started = try await Self.output(of: server) { !Self.ports(in: $0).isEmpty }
        let port = try #require(Self.ports(in: started).first)
        #expect(statusCode(ofRaw: try await rawRequest(port: port, path: "/flags/ad/ad.gif")) == 200)
        _ = try await Self.output(of: server) { $0.contains("AD delay: 0.05s") }
        server.signal(SIGINT)
        #expect(try await server.wait().exitCode == 0)
    }

    /// SIGKILL, as a crash or the OOM killer would: the request waiting on its
    /// delay gets no answer, at once, and the port is closed.
    @Test func killedServerDropsRequestsInFlight() async throws {
        let server = try BackgroundProcess(product: "flags-server", ["--port", "0", "--delay", "10"])
        let started = try await Self.output(of: server) { !Self.ports(in: $0).isEmpty }
        let port = try #require(Self.ports(in: started).first)
        let start = ContinuousClock.now
        async let answer = rawRequest(port: port, path: "/flags/ad/ad.gif")
        try await Task.sleep(for: .milliseconds(300))
        server.signal(SIGKILL)
        let response = (try? await answer) ?? ""
        #expect(statusCode(ofRaw: response) != 200, "\(response)")
        #expect(ContinuousClock.now - start < .seconds(5))
        _ = try await server.wait()
        await #expect(throws: (any Error).self) {
            _ = try await rawRequest(port: port, path: "/flags/ad/ad.gif")
        }
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
        let server = try BackgroundProcess(
            product: "flags-server", ["--preset", "all", "--host", "127.0.0.2", "--seed", "3"])
        let started = try await Self.output(of: server) { Self.ports(in: $0).count == 3 }
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
        server.signal(SIGTERM)
        #expect(try await server.wait().exitCode == 0)
    }

    @Test(arguments: [
        ["--error-rate", "2"], ["--preset", "nope"], ["--delay", "3-1"], ["--delay", "x"], ["--port", "-1"],
        ["--preset", "all", "--port", "9000"], ["--directory", "/no/such/folder/anywhere"],
    ])
    func usageErrorsExit64(arguments: [String]) async throws {
        var full = arguments
        // Never the fixed port 8000: if an argument were wrongly accepted, the server would start on a free port.
        if !arguments.contains("--port") && !arguments.contains("all") { full += ["--port", "0"] }
        let ended = try await BackgroundProcess(product: "flags-server", full).wait(limit: .seconds(20))
        #expect(ended.exitCode == 64, "\(arguments): \(ended.combinedOutput)")
        #expect(ended.combinedOutput.contains("Error"), "\(arguments): \(ended.combinedOutput)")
    }
}
