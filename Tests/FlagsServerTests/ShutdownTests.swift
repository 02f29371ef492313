import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// SIGTERM to `flags-server` while requests wait out their delay.
@Suite("flags-server graceful shutdown", .timeLimit(.minutes(2)))
struct FlagsServerShutdownTests {
    /// Sends `count` requests at once, calls `whileInFlight` once the server
    /// has them all, and returns curl's exit code and the statuses.
    func withDelayedRequests(
        _ count: Int, base: String, whileInFlight: () async throws -> Void
    ) async throws -> (exitCode: Int32?, statuses: [Int]) {
        try await withThrowingTaskGroup(of: (exitCode: Int32?, statuses: [Int]).self) { group in
            let urls = Array(repeating: "\(base)/flags/br/br.gif", count: count)
            group.addTask { try await curlParallel(urls, maxTime: 60) }
            let deadline = ContinuousClock.now + .seconds(30)
            while metricValue(try await curlGet("\(base)/metrics"), "flags_server_requests_in_flight") != Double(count)
            {
                guard ContinuousClock.now < deadline else { throw TestFailure("the requests never were all in flight") }
                try await Task.sleep(for: .milliseconds(50))
            }
            try await whileInFlight()
            return try await group.next() ?? (nil, [])
        }
    }

    @Test("requests mid-delay are answered, new connections are refused meanwhile, exit 0")
    func answersRequestsInFlight() async throws {
        let (server, base) = try await launchFlagsServer(["--delay", "15", "--grace-period", "60"])
        defer { server.signal(SIGKILL) }

        let result = try await withDelayedRequests(3, base: base) {
            server.signal(SIGTERM)
            // Still draining (the delay has seconds to run): the process runs,
            // but a new connection is refused.
            try await Task.sleep(for: .milliseconds(300))
            let late = try await curlParallel(["\(base)/ping"], maxTime: 5)
            #expect(late.exitCode == 7, "a new connection was not refused: \(late)")
            #expect(!server.hasExited, "the server exited before answering its requests")
        }
        #expect(result.exitCode == 0 && result.statuses == [200, 200, 200], "\(result)")
        #expect((try await server.wait().exitCode ?? -1) == 0, "output: \(server.output)")
    }

    @Test("requests still delayed after the grace period are cut, not left hanging")
    func cutsRequestsAfterGracePeriod() async throws {
        let (server, base) = try await launchFlagsServer(["--delay", "120", "--grace-period", "1"])
        defer { server.signal(SIGKILL) }

        let started = ContinuousClock.now
        let result = try await withDelayedRequests(2, base: base) { server.signal(SIGTERM) }
        // Cut: the connections close without an answer long before the 120 s
        // delay or curl's own 60 s limit (exit code 28).
        #expect(ContinuousClock.now - started < .seconds(50))
        #expect(result.exitCode != 0 && result.exitCode != 28, "\(result)")
        #expect(result.statuses == [0, 0], "\(result)")
        #expect((try await server.wait(limit: .seconds(20)).exitCode ?? -1) == 0, "output: \(server.output)")
        #expect(!server.output.contains("could not serve"))
    }
}
