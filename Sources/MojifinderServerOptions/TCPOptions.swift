import ArgumentParser
import CommandLineSupport
import Logging

extension CommandConfiguration {
    /// `mojifinder tcp`: its name and help, the same in `mojifinder`, which
    /// checks the options and shows the help, and in `mojifinder-server`, which serves.
    public static let tcp = CommandConfiguration(
        commandName: "tcp",
        abstract: "Serve searches over a line-based TCP protocol (for telnet or nc).",
        // The options are in --help; a usage line listing them all would wrap.
        usage: "mojifinder tcp [<options>]",
        discussion: """
            Each client gets the prompt '?> ', sends one query per line and gets the \
            result lines and a status line, CRLF-terminated. An empty line repeats \
            the prompt; a line starting with a control character, invalid UTF-8 or \
            EOF ends the session. Ctrl-C or SIGTERM stops the server. With \
            --metrics-port, GET http://HOST:PORT/metrics answers Prometheus metrics.

            Exit status: 0 after Ctrl-C or SIGTERM; 1 when it cannot listen; 64 on \
            bad options.

            Examples:
              mojifinder tcp
              mojifinder tcp --port 0 --idle-timeout 60 --metrics-port 9102
              nc 127.0.0.1 2323
            """
    )
}

/// The options of `mojifinder tcp`, checked against their documented ranges.
public struct TCPCommandOptions: ParsableArguments, Sendable {
    @Option(help: "Address to listen on: an IP address or a host name.")
    public var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port to listen on, 0-65535; 0 picks a free port.")
    public var port = 2323

    @Option(
        parsing: .unconditional, help: "Longest accepted line in bytes, 1-1,048,576; a longer line closes the session.")
    public var maxLineLength = 1024

    @Option(parsing: .unconditional, help: "Seconds a client may stay silent before it is disconnected, 0.001-86,400.")
    public var idleTimeout = 300.0

    @Option(parsing: .unconditional, help: "Most concurrent connections, 1-100,000; more are refused with a message.")
    public var maxConnections = 1000

    @Option(
        parsing: .unconditional,
        help:
            "Also serve Prometheus metrics over HTTP at /metrics on this port, 0-65535 (0 picks a free one; default: none), with the server's --backlog."
    )
    public var metricsPort: Int?

    @OptionGroup public var listen: BacklogOption

    @Option(
        name: .customLong("log-level"),
        help:
            "trace, debug, info (logs every query and connection), notice (the start and stop lines only), warning, error or critical.",
        completion: .list(["trace", "debug", "info", "notice", "warning", "error", "critical"])
    )
    public var logLevelName = "info"

    public init() {}

    public var logLevel: Logger.Level { LogLevelName.level(logLevelName) }

    public func validate() throws {
        try OptionRange.check("--port", port, in: 0...65535)
        if let metricsPort { try OptionRange.check("--metrics-port", metricsPort, in: 0...65535) }
        try OptionRange.check("--max-line-length", maxLineLength, in: 1...1_048_576)
        try OptionRange.check("--idle-timeout", idleTimeout, in: 0.001...86_400)
        try OptionRange.check("--max-connections", maxConnections, in: 1...100_000)
        try LogLevelName.check(logLevelName)
    }
}
