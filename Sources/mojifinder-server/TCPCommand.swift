import ArgumentParser
import AsyncSupport
import CharIndex
import CharIndexData
import CommandLineSupport
import ListenCheck
import Logging
import MojiTCP
import MojifinderServerOptions
import NIOCore
import ServerMetrics
import ServiceLifecycle
import TextSupport

/// `mojifinder tcp`, run in place of `mojifinder` once it has checked the options.
struct TCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration.tcp

    @OptionGroup var options: TCPCommandOptions

    func run() async throws {
        let (host, port, metricsPort) = (options.host, options.port, options.metricsPort)
        try await CannotListen.check(host: host, port: port)
        OpenFileLimit.raiseToHardLimit()
        if let metricsPort { try await CannotListen.check(host: host, port: metricsPort, option: "--metrics-port") }
        writeUnbuffered("Building index.\n")
        let limits = TCPServer.Limits(
            maxLineLength: options.maxLineLength,
            idleTimeout: TimeAmount(Duration.seconds(clamping: options.idleTimeout)),
            maxConnections: options.maxConnections,
            backlog: options.listen.backlog
        )
        let metrics = ServerMetrics()
        // Without --metrics-port nobody can read the counts, so none are kept
        // (counting and timing each query was 3 % of a busy server's CPU).
        let server = TCPServer(
            index: InvertedIndex.unicodePreloaded, host: host, port: port, limits: limits,
            log: .lines(label: "mojifinder.tcp", level: options.logLevel),
            metrics: metricsPort == nil ? nil : TCPServerMetrics(metrics))
        var logger = Logger(label: "mojifinder.tcp")
        logger.logLevel = .critical
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: server)]
        if let metricsPort {
            let listener = metricsListener(
                metrics, host: host, port: metricsPort, backlog: options.listen.backlog, logger: logger
            ) { port in
                writeUnbuffered("Metrics on http://\(host):\(port)/metrics\n")
            }
            services.append(.init(service: listener))
        }
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: services,
                gracefulShutdownSignals: [.sigint, .sigterm],
                logger: logger
            )
        )
        do {
            try await group.run()
        } catch let error as MojiTCPError {
            writeUnbuffered("Error: \(error)\n", to: StandardStream.error)
            throw ExitCode.failure
        }
        // After the log lines, and like them never blocking: a stdout nobody reads must not keep the server alive.
        LogLineWriter.standardOutput.append("Server shut down.")
        await LogLineWriter.standardOutput.flush()
    }
}
