import ArgumentParser
import AsyncSupport
import CharIndex
import CharIndexData
import CommandLineSupport
import Hummingbird
import ListenCheck
import Logging
import MojiWeb
import MojifinderServerOptions
import ServerMetrics
import ServiceLifecycle
import TextSupport

/// `mojifinder web`, run in place of `mojifinder` once it has checked the options.
struct Web: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration.web

    @OptionGroup var options: WebCommandOptions

    var hostname: String { options.host }
    var port: Int { options.port }
    var logLevel: Logger.Level { options.logLevel }
    var cacheEntries: Int { options.cacheEntries }
    var backlog: Int { options.listen.backlog }

    func run() async throws {
        try await CannotListen.check(host: hostname, port: port)
        OpenFileLimit.raiseToHardLimit()
        let metrics = ServerMetrics()
        // The index is loaded now, not on the first request.
        let finder = Finder(index: .unicodePreloaded, unicodeVersion: InvertedIndex.unicodeVersion)
        let app = try buildApplication(self, finder: finder, metrics: metrics)
        var logger = Logger(label: "mojifinder-web")
        logger.logLevel = .error
        var configuration = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: [.sigterm, .sigint], logger: logger)
        configuration.maximumGracefulShutdownDuration = .seconds(clamping: options.gracePeriod)
        let group = ServiceGroup(configuration: configuration)
        do {
            try await metrics.scope { try await group.run() }
        } catch is CancellationError {
            // The grace period ran out and the requests left were cut: still a requested stop.
        }
        // The stop line, at notice as the start line is.
        if options.logLevel <= .notice { LogLineWriter.standardOutput.append("Server shut down.") }
        await LogLineWriter.standardOutput.flush()
    }
}
