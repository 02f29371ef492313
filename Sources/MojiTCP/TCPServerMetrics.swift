import CoreMetrics

/// What `mojifinder tcp` counts, through the swift-metrics API: the program
/// that serves them (`--metrics-port`) chooses the backend.
public struct TCPServerMetrics: Sendable {
    public static let namespace = "mojifinder_tcp"

    public let connectionsOpen: Meter
    public let connectionsTotal: Counter
    public let connectionsRefused: Counter
    public let queriesAnswered: Counter
    public let linesTooLong: Counter
    public let idleDisconnects: Counter
    public let queryLatency: Timer

    public init(
        connectionsOpen: Meter, connectionsTotal: Counter, connectionsRefused: Counter, queriesAnswered: Counter,
        linesTooLong: Counter, idleDisconnects: Counter, queryLatency: Timer
    ) {
        self.connectionsOpen = connectionsOpen
        self.connectionsTotal = connectionsTotal
        self.connectionsRefused = connectionsRefused
        self.queriesAnswered = queriesAnswered
        self.linesTooLong = linesTooLong
        self.idleDisconnects = idleDisconnects
        self.queryLatency = queryLatency
    }

    /// The metrics made by the factory bound to the task, or the process's.
    public init() {
        let name = { (metric: String) in "\(Self.namespace)_\(metric)" }
        self.init(
            connectionsOpen: Meter(label: name("connections_open")),
            connectionsTotal: Counter(label: name("connections_total")),
            connectionsRefused: Counter(label: name("connections_refused_total")),
            queriesAnswered: Counter(label: name("queries_answered_total")),
            linesTooLong: Counter(label: name("lines_too_long_total")),
            idleDisconnects: Counter(label: name("idle_disconnects_total")),
            queryLatency: Timer(label: name("query_duration_seconds")))
    }
}

extension Timer {
    func record(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        recordNanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
