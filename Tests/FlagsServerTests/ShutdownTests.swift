import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM to `flags-server` while requests wait out their delay.
@Suite("flags-server graceful shutdown", .timeLimit(.minutes(2)))
struct FlagsServerShutdownTests {
    /// Starts `count` requests and returns once the server has them all in flight.
    func startDelayedRequests(
        _ count: Int, base: String, in group: inout ThrowingTaskGroup<(exitCode: Int32?, status: Int), any Error>
    ) async throws {
        for _ in 0..<count {
            group.addTask { try await curlStatus("\(base)/flags/br/br.gif", maxTime: 60) }
        }
        let deadline = ContinuousClock.now + .seconds(15)
        while ContinuousClock.now < deadline {
            let inFlight = metricValue(try await curlGet("\(base)/metrics"), "flags_server_requests_in_flight")
            if inFlight == Double(count) { return }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw TestFailure("the requests never were all in flight")
    }

    @Test("requests mid-delay are answered, new connections are refused meanwhile, exit 0")
    func answersRequestsInFlight() async throws {
        let (server, base) = try await launchFlagsServer(["--delay", "3", "--grace-period", "30"])
        defer { server.terminateIfRunning() }

        let results = try await withThrowingTaskGroup(of: (exitCode: Int32?, status: Int).self) { group in
            try await startDelayedRequests(3, base: base, in: &group)
            server.signal(SIGTERM)
            // Still draining: the process runs, but a new connection is refused.
            try await Task.sleep(for: .milliseconds(300))
            let late = try await curlStatus("\(base)/ping", maxTime: 5)
            #expect(!server.hasExited, "the server exited before answering its requests")
            #expect(late.exitCode == 7, "a new connection was not refused: \(late)")
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.map(\.status) == [200, 200, 200], "\(results)")
        #expect(try await server.waitForExit() == 0, "output: \(server.output)")
    }

    @Test("requests still delayed after the grace period are cut, not left hanging")
    func cutsRequestsAfterGracePeriod() async throws {
        let (server, base) = try await launchFlagsServer(["--delay", "120", "--grace-period", "1"])
        defer { server.terminateIfRunning() }

        let started = ContinuousClock.now
        let results = try await withThrowingTaskGroup(of: (exitCode: Int32?, status: Int).self) { group in
            try await startDelayedRequests(2, base: base, in: &group)
            server.signal(SIGTERM)
            return try await group.reduce(into: []) { $0.append($1) }
        }
        // Cut: the connection closes (curl 52 or 56) long before the 120 s delay
        // or curl's own 60 s limit (28).
        #expect(ContinuousClock.now - started < .seconds(45))
        for result in results {
            #expect(result.exitCode != 28 && result.exitCode != 0, "\(results)")
        }
        let status = try await server.waitForExit(timeout: .seconds(20))
        #expect(status == 0, "output: \(server.output)")
        #expect(!server.output.contains("could not serve"))
    }
}
