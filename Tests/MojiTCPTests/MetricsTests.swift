import Foundation
import TestSupport
import Testing

/// `mojifinder tcp --metrics-port`: Prometheus metrics over HTTP, scraped from a live process.
@Suite("mojifinder tcp --metrics-port", .timeLimit(.minutes(2)))
struct TCPMetricsTests {
    @Test("connections, refusals, queries, long lines, idle disconnects and the latency histogram move")
    func countersMove() async throws {
        let server = try BackgroundProcess(
            product: "mojifinder",
            [
                "tcp", "--port", "0", "--metrics-port", "0", "--max-connections", "1", "--idle-timeout", "6",
                "--max-line-length", "16",
            ])
        defer { server.signal(SIGKILL) }
        let port = try await server.waitForNumber(#"Serving on 127\.0\.0\.1:(\d+)\."#)
        let metricsPort = try await server.waitForNumber(#"Metrics on http://127\.0\.0\.1:(\d+)/metrics"#)
        let url = "http://127.0.0.1:\(metricsPort)/metrics"
        /// Polls until `name` reaches `value`: the server counts a close after the client sees it.
        func waitFor(_ name: String, _ value: Double) async throws -> String {
            let deadline = ContinuousClock.now + .seconds(15)
            var text = ""
            while ContinuousClock.now < deadline {
                text = try await curlGet(url)
                if metricValue(text, name) == value { return text }
                try await Task.sleep(for: .milliseconds(50))
            }
            throw TestFailure("\(name) never reached \(value):\n\(text)")
        }

        try await withClient(port: port) { (client: inout Client) async throws in
            // The prompt: this session holds the one connection allowed.
            _ = try await client.read()
            // A second client is over the limit. No scrape in this block: the
            // session must not stay silent for the idle timeout.
            let refused = try await withClient(port: port) { (other: inout Client) async throws in
                try await other.readToEnd()
            }
            #expect(refused.hasPrefix("Server busy"))
            try await client.send("cat face\r\n")
            _ = try await client.read()
            try await client.send(String(repeating: "x", count: 40) + "\r\n")
            #expect(try await client.readToEnd().hasPrefix("Line too long"))
        }
        _ = try await waitFor("mojifinder_tcp_connections_open", 0)
        // A silent client is dropped after the idle timeout (6 s: long enough
        // that the first session, busy but slow on a loaded machine, is not).
        try await withClient(port: port) { (client: inout Client) async throws in
            _ = try await client.read()
            #expect(try await client.readToEnd().hasPrefix("Idle for"))
        }
        let text = try await waitFor("mojifinder_tcp_idle_disconnects_total", 1)
        #expect(metricValue(text, "mojifinder_tcp_connections_total") == 3)
        #expect(metricValue(text, "mojifinder_tcp_connections_refused_total") == 1)
        #expect(metricValue(text, "mojifinder_tcp_queries_answered_total") == 1)
        #expect(metricValue(text, "mojifinder_tcp_lines_too_long_total") == 1)
        #expect(metricValue(text, "mojifinder_tcp_query_duration_seconds_count") == 1)
        #expect(text.contains(#"mojifinder_tcp_query_duration_seconds_bucket{le="0.00005"}"#))
    }

    @Test("without --metrics-port the process listens on one port only")
    func noMetricsPortByDefault() async throws {
        let server = try BackgroundProcess(product: "mojifinder", ["tcp", "--port", "0"])
        defer { server.signal(SIGKILL) }
        let port = try await server.waitForNumber(#"Serving on 127\.0\.0\.1:(\d+)\."#)
        let ports = try await listeningPorts(of: server.pid)
        #expect(ports == [port], "listening: \(ports)")

        let withMetrics = try BackgroundProcess(product: "mojifinder", ["tcp", "--port", "0", "--metrics-port", "0"])
        defer { withMetrics.signal(SIGKILL) }
        let searchPort = try await withMetrics.waitForNumber(#"Serving on 127\.0\.0\.1:(\d+)\."#)
        let metricsPort = try await withMetrics.waitForNumber(#"Metrics on http://127\.0\.0\.1:(\d+)/metrics"#)
        let both = try await listeningPorts(of: withMetrics.pid)
        #expect(both == Set([searchPort, metricsPort]), "listening: \(both)")
    }
}

/// The TCP ports process `pid` listens on, as `ss` reports the holders of
/// each listening socket. Sockets this test process holds too (descriptors
/// the child inherited from the test runner) are not the child's own.
func listeningPorts(of pid: Int32) async throws -> Set<Int> {
    let ss = try requireProgram("ss", package: "iproute2")
    let result = try await runProcess(ss, ["-Hltnp"])
    var ports: Set<Int> = []
    for line in result.standardOutput.split(separator: "\n") {
        guard line.contains("pid=\(pid),"), !line.contains("pid=\(getpid()),") else { continue }
        // State, Recv-Q, Send-Q, then the local address: 127.0.0.1:PORT
        let fields = line.split(separator: " ", omittingEmptySubsequences: true)
        if fields.count > 3, let port = fields[3].split(separator: ":").last.flatMap({ Int($0) }) {
            ports.insert(port)
        }
    }
    return ports
}
