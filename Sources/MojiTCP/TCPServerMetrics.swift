import Prometheus
import ServerMetrics

/// What `mojifinder tcp` counts; `--metrics-port` serves it as Prometheus text.
struct TCPServerMetrics: Sendable {
    let connectionsOpen: Gauge
    let connectionsTotal: Counter
    let connectionsRefused: Counter
    let queriesAnswered: Counter
    let linesTooLong: Counter
    let idleDisconnects: Counter
    let queryLatency: DurationHistogram

    init(_ metrics: ServerMetrics) {
        let namespace = "mojifinder_tcp"
        connectionsOpen = metrics.gauge(namespace, "connections_open", help: "Client sessions open now.")
        connectionsTotal = metrics.counter(
            namespace, "connections", help: "Connections accepted, refused ones included.")
        connectionsRefused = metrics.counter(
            namespace, "connections_refused", help: "Connections refused at --max-connections.")
        queriesAnswered = metrics.counter(
            namespace, "queries_answered", help: "Queries answered with results and a status line.")
        linesTooLong = metrics.counter(
            namespace, "lines_too_long", help: "Sessions closed for a line over --max-line-length.")
        idleDisconnects = metrics.counter(
            namespace, "idle_disconnects", help: "Sessions closed after --idle-timeout of silence.")
        queryLatency = metrics.secondsHistogram(
            namespace, "query_duration", buckets: ServerMetrics.latencyBuckets,
            help: "Time to search and write one answer.")
    }
}
