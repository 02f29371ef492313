import ServerMetrics
import ServiceLifecycle

/// Runs a service inside `ServerMetrics.scope`, for a service group that runs
/// several servers with their own metrics (`--preset all`).
struct MetricsScopedService<Wrapped: Service>: Service {
    let service: Wrapped
    let metrics: ServerMetrics

    init(_ service: Wrapped, metrics: ServerMetrics) {
        self.service = service
        self.metrics = metrics
    }

    func run() async throws {
        try await metrics.scope { try await service.run() }
    }
}
