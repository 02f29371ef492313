import CoreMetrics
import MojiTCP
import ServerMetrics

extension TCPServerMetrics {
    /// The TCP server's metrics in `metrics`' registry, each with its `# HELP` line.
    init(_ metrics: ServerMetrics) {
        let namespace = TCPServerMetrics.namespace
        func counter(_ name: String, _ help: String) -> Counter {
            Counter(label: name, dimensions: [], handler: metrics.counter(namespace, name, help: help))
        }
        self.init(
            connectionsOpen: Meter(
                label: "connections_open", dimensions: [],
                handler: metrics.gauge(namespace, "connections_open", help: "Client sessions open now.")),
            connectionsTotal: counter("connections", "Connections accepted, refused ones included."),
            connectionsRefused: counter("connections_refused", "Connections refused at --max-connections."),
            queriesAnswered: counter("queries_answered", "Queries answered with results and a status line."),
            linesTooLong: counter("lines_too_long", "Sessions closed for a line over --max-line-length."),
            idleDisconnects: counter("idle_disconnects", "Sessions closed after --idle-timeout of silence."),
            queryLatency: Timer(
                label: "query_duration", dimensions: [],
                handler: metrics.secondsHistogram(
                    namespace, "query_duration", buckets: ServerMetrics.latencyBuckets,
                    help: "Time to search and write one answer.")))
    }
}
