import CoreMetrics
import Prometheus

/// One server's metrics in its own Prometheus registry, so that several
/// servers in one process (the tests, `flags-server --preset all`) keep
/// separate numbers.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    /// Backs the swift-metrics API (Hummingbird's `MetricsMiddleware`) inside `scope`.
    public let factory: PrometheusMetricsFactory

    /// The media type of the Prometheus text format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    public init() {
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Request durations of a local server: from 50 µs up to a flags-server delay.
        factory.defaultDurationHistogramBuckets = Self.latencyBuckets + [.seconds(2.5), .seconds(5), .seconds(10)]
        self.registry = registry
        self.factory = factory
    }

    /// Prometheus histogram buckets for fast answers: 50 µs … 1 s.
    public static let latencyBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500),
        .milliseconds(1), .milliseconds(2.5), .milliseconds(5), .milliseconds(10), .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
    ]

    /// Runs `operation` with this server's factory bound to the task, so the
    /// metrics that code using the global API creates in it, and in its child
    /// tasks, land in this registry rather than in the process's.
    public func scope<Result: Sendable>(_ operation: () async throws -> Result) async throws -> Result {
        try await withMetricsFactory(factory) { try await operation() }
    }

    /// The registry in the Prometheus text format.
    public func exposition() -> String { registry.emitToString() }
}

/// The server's own metrics, named `<namespace>_<name>_<unit>` as Prometheus
/// expects, each with its `# HELP` line.
extension ServerMetrics {
    public func counter(_ namespace: String, _ name: String, help: String) -> Prometheus.Counter {
        registry.makeCounter(
            descriptor: MetricNameDescriptor(namespace: namespace, metricName: name, unitName: "total", helpText: help))
    }

    public func gauge(_ namespace: String, _ name: String, help: String) -> Prometheus.Gauge {
        registry.makeGauge(
            descriptor: MetricNameDescriptor(namespace: namespace, metricName: name, unitName: "", helpText: help))
    }

    public func secondsHistogram(_ namespace: String, _ name: String, buckets: [Duration], help: String)
        -> Prometheus.DurationHistogram
    {
        registry.makeDurationHistogram(
            descriptor: MetricNameDescriptor(
                namespace: namespace, metricName: name, unitName: "seconds", helpText: help),
            buckets: buckets)
    }
}
