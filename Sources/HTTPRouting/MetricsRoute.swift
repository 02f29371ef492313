import Hummingbird
import ServerMetrics

extension Router {
    /// Answers `GET /metrics` with `metrics` in the Prometheus text format.
    /// Add it before the middleware, so a scrape is neither logged nor
    /// counted in the route metrics it reports.
    public func addMetricsRoute(_ metrics: ServerMetrics) {
        get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: ServerMetrics.contentType, .cacheControl: "no-store"],
                body: .init(byteBuffer: ByteBuffer(bytes: metrics.registry.emitToBuffer())))
        }
    }
}
