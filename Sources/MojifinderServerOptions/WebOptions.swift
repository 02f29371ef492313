import ArgumentParser
import CommandLineSupport
import Logging

extension CommandConfiguration {
    /// `mojifinder web`: its name and help, the same in `mojifinder`, which
    /// checks the options and shows the help, and in `mojifinder-server`, which serves.
    public static let web = CommandConfiguration(
        commandName: "web",
        abstract: "Serve the search page and a JSON API over HTTP.",
        // The options are in --help; a usage line listing them all would wrap.
        usage: "mojifinder web [<options>]",
        discussion: """
            Open http://127.0.0.1:8080 for the page; GET /search?q=cat%20face answers \
            JSON; /docs describes the API (OpenAPI document at /openapi.json); \
            /metrics has the Prometheus metrics; GET /version answers the version. \
            On SIGINT or SIGTERM it stops accepting, finishes the requests it has \
            and exits 0; requests still running after the grace period are cut.

            Exit status: 0 after SIGINT or SIGTERM; 1 when it cannot listen; 64 on \
            bad options.

            Examples:
              mojifinder web
              mojifinder web --port 0 --log-level notice
              curl 'http://127.0.0.1:8080/search?q=cat%20face'
            """
    )
}

/// The options of `mojifinder web`, checked against their documented ranges.
public struct WebCommandOptions: ParsableArguments, Sendable {
    @Option(name: .long, help: "Address to listen on: an IP address or a host name.")
    public var host = "127.0.0.1"

    @Option(
        name: .shortAndLong, parsing: .unconditional,
        help: "Port to listen on, 0-65535; 0 picks a free one (the start line shows it).")
    public var port = 8080

    @Option(
        name: .customLong("log-level"),
        help:
            "trace, debug, info (logs every request), notice (the start and stop lines only), warning, error or critical.",
        completion: .list(["trace", "debug", "info", "notice", "warning", "error", "critical"]))
    public var logLevelName = "info"

    @Option(
        name: .long, parsing: .unconditional,
        help: "How many encoded /search answers to keep in memory, 0-1,000,000; 0 turns the cache off.")
    public var cacheEntries = 1024

    @Option(
        parsing: .unconditional,
        help: "Seconds to finish the requests in progress after SIGINT or SIGTERM before cutting them, 0-86,400.")
    public var gracePeriod = 10.0

    @OptionGroup public var listen: BacklogOption

    public init() {}

    public var logLevel: Logger.Level { LogLevelName.level(logLevelName) }

    public func validate() throws {
        try OptionRange.check("--port", port, in: 0...65535)
        try OptionRange.check("--cache-entries", cacheEntries, in: 0...1_000_000)
        try OptionRange.check("--grace-period", gracePeriod, in: 0...86_400)
        try LogLevelName.check(logLevelName)
    }
}
