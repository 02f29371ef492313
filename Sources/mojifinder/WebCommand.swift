import ArgumentParser
import AsyncSupport
import Hummingbird
import Logging
import MojiWeb
import ServerMetrics
import ServiceLifecycle

struct Web: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(
        abstract: "Serve the search page and a JSON API over HTTP.",
        discussion: """
            Open http://127.0.0.1:8000 for the page; GET /search?q=cat%20face answers \
            JSON; /docs describes the API (OpenAPI document at /openapi.json); \
            /metrics has the Prometheus metrics. On SIGINT or SIGTERM it stops \
            accepting, finishes the requests it has and exits 0; requests still \
            running after the grace period are cut.
            """
    )

    @Option(name: .long, help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "Port to listen on; 0 picks a free one (the start line shows it).")
    var port = 8000

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info (logs every request), notice (start and stop only), warning, error or critical.")
    var logLevelName = "info"

    @Option(name: .long, help: "How many encoded /search answers to keep in memory; 0 turns the cache off.")
    var cacheEntries = 1024

    @Option(help: "Seconds to finish the requests in progress after SIGINT or SIGTERM before cutting them.")
    var gracePeriod = 10.0

    var hostname: String { host }
    var logLevel: Logger.Level { Logger.Level(rawValue: logLevelName) ?? .info }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard cacheEntries >= 0 else { throw ValidationError("--cache-entries must be 0 or more.") }
        guard gracePeriod >= 0, gracePeriod.isFinite else { throw ValidationError("--grace-period must be 0 or more.") }
        guard Logger.Level(rawValue: logLevelName) != nil else {
            throw ValidationError(
                "--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let metrics = ServerMetrics()
        let app = try buildApplication(self, metrics: metrics)
        var logger = Logger(label: "mojifinder-web")
        logger.logLevel = .error
        var configuration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(clamping: gracePeriod)
        let group = ServiceGroup(configuration: configuration)
        do {
            try await metrics.scope { try await group.run() }
        } catch is CancellationError {
            // The grace period ran out and the requests left were cut: still a requested stop.
        }
    }
}
