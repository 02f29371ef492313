import HTTPRouting
import Hummingbird
import Logging
import ServerMetrics
import ServiceLifecycle

/// A small HTTP server that answers only `GET /metrics`, for a server that
/// does not speak HTTP itself (`mojifinder tcp --metrics-port`), with the
/// listen backlog of that server.
func metricsListener(
    _ metrics: ServerMetrics, host: String, port: Int, backlog: Int, logger: Logger,
    onServerRunning: @escaping @Sendable (_ port: Int) async -> Void
) -> some Service {
    let router = Router()
    router.addMetricsRoute(metrics)
    return Application(
        router: router,
        configuration: .init(address: .hostname(host, port: port), serverName: nil, backlog: backlog),
        onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? port) },
        logger: logger
    )
}
