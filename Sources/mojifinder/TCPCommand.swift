import ArgumentParser
import AsyncSupport
import CharIndex
import CharIndexData
import Foundation
import Logging
import MojiTCP
import NIOCore
import ServerMetrics
import ServiceLifecycle

struct TCP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tcp",
        abstract: "Serve searches over a line-based TCP protocol (for telnet or nc).",
        discussion: """
            Each client gets the prompt '?> ', sends one query per line and gets the \
            result lines and a status line, CRLF-terminated. An empty line repeats \
            the prompt; a line starting with a control character, invalid UTF-8 or \
            EOF ends the session. Ctrl-C or SIGTERM stops the server. With \
            --metrics-port, GET http://HOST:PORT/metrics answers Prometheus metrics.
            """
    )

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free port).")
    var port = 2323

    @Option(help: "Longest accepted line in bytes; a longer line closes the session.")
    var maxLineLength = 1024

    @Option(help: "Seconds a client may stay silent before it is disconnected.")
    var idleTimeout = 300.0

    @Option(help: "Most concurrent connections; more are refused with a message.")
    var maxConnections = 1000

    @Option(help: "Also serve Prometheus metrics over HTTP at /metrics on this port (0 picks a free one).")
    var metricsPort: Int?

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        if let metricsPort, !(0...65535).contains(metricsPort) {
            throw ValidationError("--metrics-port must be between 0 and 65535.")
        }
        guard maxLineLength > 0 else { throw ValidationError("--max-line-length must be positive.") }
        guard idleTimeout > 0, idleTimeout.isFinite else { throw ValidationError("--idle-timeout must be positive.") }
        guard maxConnections > 0 else { throw ValidationError("--max-connections must be positive.") }
    }

    func run() async throws {
        writeUnbuffered("Building index.\n")
        let limits = TCPServer.Limits(
            maxLineLength: maxLineLength,
            idleTimeout: TimeAmount(Duration.seconds(clamping: idleTimeout)),
            maxConnections: maxConnections
        )
        let metrics = ServerMetrics()
        let server = TCPServer(index: InvertedIndex.unicode, host: host, port: port, limits: limits, metrics: metrics)
        var logger = Logger(label: "mojifinder.tcp")
        logger.logLevel = .critical
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [.init(service: server)]
        if let metricsPort {
            let host = self.host
            let listener = metricsListener(metrics, host: host, port: metricsPort, logger: logger) { port in
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
            writeUnbuffered("Error: \(error)\n", to: STDERR_FILENO)
            throw ExitCode.failure
        }
        writeUnbuffered("Server shut down.\n")
    }
}
