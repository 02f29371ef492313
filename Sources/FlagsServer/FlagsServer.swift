import HTTPRouting
import Hummingbird
import Logging
import NIOCore
import PackageVersion
import ServerMetrics
import ServiceLifecycle

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Starts a server and returns once it is listening.
public func startFlagsServer(_ options: FlagsServerOptions) async throws -> RunningFlagsServer {
    try options.validate()
    let state = try await FlagsServerState(options: options)
    let (bound, continuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
    // In-process servers are stopped by their owner; nothing to report but failures to start, which throw.
    let app = makeApplication(state: state, logger: flagsServerLogger(level: .critical)) { channel in
        continuation.yield(.success(channel.localAddress?.port ?? options.port))
    }
    let group = ServiceGroup(
        configuration: .init(
            services: [MetricsScopedService(app, metrics: state.metrics)], logger: flagsServerLogger(level: .error)))
    let runner = Task {
        do {
            try await group.run()
            continuation.yield(.failure(FlagsServerError.startFailed("the server stopped before it listened")))
        } catch {
            continuation.yield(.failure(FlagsServerError.startFailed("\(error)")))
        }
        continuation.finish()
    }
    for await result in bound {
        let port = try result.get()
        return RunningFlagsServer(host: options.host, port: port, state: state, group: group, runner: runner)
    }
    // Only a cancelled caller gets here: do not leave the server running behind it.
    await group.triggerGracefulShutdown()
    await runner.value
    throw CancellationError()
}

/// Runs servers until SIGINT or SIGTERM, then shuts them down gracefully:
/// they stop accepting and answer the requests they have; requests still
/// running (a long `--delay`) after `gracePeriod` are cut.
/// `announce` is called with each base URL once that server listens.
public func serveFlags(
    _ servers: [FlagsServerOptions], gracePeriod: Duration = .seconds(10),
    announce: @escaping @Sendable (String) -> Void
) async throws {
    var apps: [any Service] = []
    for options in servers {
        try options.validate()
        let state = try await FlagsServerState(options: options)
        let app = makeApplication(state: state, logger: flagsServerLogger(level: .error)) { channel in
            let port = channel.localAddress?.port ?? options.port
            let host = options.host.contains(":") ? "[\(options.host)]" : options.host
            announce("http://\(host):\(port)/flags")
        }
        apps.append(MetricsScopedService(app, metrics: state.metrics))
    }
    var configuration = ServiceGroupConfiguration(
        services: apps, gracefulShutdownSignals: [.sigint, .sigterm], logger: flagsServerLogger(level: .error))
    configuration.maximumGracefulShutdownDuration = gracePeriod
    do {
        try await ServiceGroup(configuration: configuration).run()
    } catch is CancellationError {
        // The grace period ran out and the requests left were cut: still a requested stop.
    }
}

func makeApplication(
    state: FlagsServerState, logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void
) -> some Service {
    // HEAD wherever GET works; /flags/** declares its own below.
    let router = Router(options: .autoGenerateHeadEndpoints)
    // Before the middleware: a scrape is not counted in the route metrics.
    router.addMetricsRoute(state.metrics)
    router.add(middleware: MetricsMiddleware())
    router.get("/stats") { _, _ in try jsonResponse(state.stats()) }
    router.post("/stats/reset") { _, _ in
        state.resetStats()
        return try jsonResponse(state.stats())
    }
    // A fixed answer with no flag logic, the baseline for benchmarks.
    router.get("/ping") { _, _ in "pong\n" }
    router.get("/version") { _, _ in "\(PackageVersion.description(of: "flags-server"))\n" }
    router.get("/flags/**") { request, _ in try await state.respond(to: request) }
    // The same answer without its body; the router does not derive HEAD for a catch-all route.
    router.head("/flags/**") { request, _ in
        let response = try await state.respond(to: request)
        var headers = response.headers
        headers[.contentLength] = response.body.contentLength.map(String.init) ?? "0"
        return Response(status: response.status, headers: headers, body: .init())
    }
    router.get("/flags") { _, _ in Response(status: .notFound) }
    router.answerUndeclaredMethods()
    return Application(
        router: router,
        server: .http1(configuration: .init(idleTimeout: idleConnectionTimeout)),
        configuration: .init(
            address: .hostname(state.options.host, port: state.options.port),
            serverName: PackageVersion.serverHeader("flags-server"),
            backlog: state.options.backlog
        ),
        onServerRunning: { channel in
            await CrowdAccept.install(on: channel, logger: logger)
            await onServerRunning(channel)
        },
        logger: logger
    )
}

private func jsonResponse(_ stats: FlagsServerStats) throws -> Response {
    let data = try JSONEncoder().encode(stats)
    return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}
