import Foundation
import TestSupport
import Testing

/// `GET /metrics` of a live `flags-server` process.
@Suite("flags-server /metrics", .timeLimit(.minutes(2)))
struct FlagsServerMetricsTests {
    @Test("delays and errors injected, requests in flight and route counts move; /stats is unchanged")
    func countersMove() async throws {
        let (server, base) = try await launchFlagsServer(["--delay", "0.5", "--error-rate", "0.5", "--seed", "7"])
        defer { server.signal(SIGKILL) }

        // The in-flight gauge rising is what FlagsServerShutdownTests wait for
        // (it must reach the number of requests sent); here it must fall back to 0.
        let codes = ["br", "cn", "in", "us", "jp", "fr"]
        let statuses = try await curlParallel(codes.map { "\(base)/flags/\($0)/\($0).gif" }).statuses
        let teapots = statuses.filter { $0 == 418 }.count
        #expect(statuses.count == codes.count && statuses.allSatisfy { $0 == 200 || $0 == 418 }, "\(statuses)")

        let metrics = try await curlGet("\(base)/metrics")
        #expect(metricValue(metrics, "flags_server_delays_injected_total") == Double(codes.count))
        #expect(metricValue(metrics, "flags_server_errors_injected_total") == Double(teapots))
        #expect(metricValue(metrics, "flags_server_requests_in_flight") == 0)
        let route = #"http_route="/flags/**""#
        #expect(metricValue(metrics, "hb_requests", [route]) == Double(codes.count))
        #expect(metricValue(metrics, "hb_requests", [route, #"http_response_status_code="418""#]) == Double(teapots))
        #expect(!metrics.contains(#"http_route="/metrics""#))

        let stats = try await curlGet("\(base)/stats")
        #expect(stats.contains(#""requests":\#(codes.count)"#), "\(stats)")
    }
}
