import Foundation
import TestSupport
import Testing

/// `GET /metrics` of a live `mojifinder web` process.
@Suite("mojifinder web, /metrics", .timeLimit(.minutes(2)))
struct WebMetricsTests {
    @Test("route counts, durations and the answer cache move; a scrape is neither logged nor counted")
    func countersMove() async throws {
        let server = try BackgroundProcess(product: "mojifinder", ["web", "--port", "0", "--log-level", "info"])
        defer { server.signal(SIGKILL) }
        let port = try await server.waitForNumber(#"listening on http://127\.0\.0\.1:(\d+)"#)
        let base = "http://127.0.0.1:\(port)"

        let before = try await curlGet("\(base)/metrics")
        for _ in 0..<3 { _ = try await curlGet("\(base)/search?q=cat%20face") }
        _ = try await curlGet("\(base)/health")
        let after = try await curlGet("\(base)/metrics")

        let search = [#"http_route="/search""#, #"http_response_status_code="200""#]
        let delta = { (name: String, labels: [String]) in
            (metricValue(after, name, labels) ?? 0) - (metricValue(before, name, labels) ?? 0)
        }
        #expect(delta("hb_requests", search) == 3)
        #expect(delta("http_server_request_duration_count", search) == 3)
        #expect(delta("hb_requests", [#"http_route="/health""#]) == 1)
        // The first query misses and is stored; the two repeats hit.
        #expect(delta("mojifinder_answer_cache_misses_total", []) == 1)
        #expect(delta("mojifinder_answer_cache_hits_total", []) == 2)
        #expect(metricValue(after, "mojifinder_answer_cache_entries") == 1)
        #expect(!after.contains(#"http_route="/metrics""#))
        #expect(after.contains("# TYPE hb_requests counter"))

        // Requests are logged at info, scrapes are not.
        #expect(server.output.contains("/health"))
        #expect(!server.output.contains("/metrics"))
    }
}
