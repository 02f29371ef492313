import ArgumentParser
import AsyncSupport
import CommandLineSupport
import Hummingbird
import Logging
import MojiWeb

struct Web: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(
        abstract: "Serve the search page and a JSON API over HTTP.",
        discussion: """
            Open http://127.0.0.1:8000 for the page; GET /search?q=cat%20face answers \
            JSON; /docs describes the API (OpenAPI document at /openapi.json). \
            GET /version answers the version. Stops gracefully on SIGINT or SIGTERM.

            Exit status: 0 after SIGINT or SIGTERM; 1 when it cannot listen; 64 on \
            bad options.

            Examples:
              mojifinder web
              mojifinder web --port 0 --log-level notice
              curl 'http://127.0.0.1:8000/search?q=cat%20face'
            """
    )

    @Option(name: .long, help: "Address to listen on: an IP address or a host name.")
    var host = "127.0.0.1"

    @Option(name: .shortAndLong, help: "Port to listen on, 0-65535; 0 picks a free one (the start line shows it).")
    var port = 8000

    @Option(
        name: .customLong("log-level"),
        help: "trace, debug, info (logs every request), notice (start and stop only), warning, error or critical.")
    var logLevelName = "info"

    @Option(
        name: .long, help: "How many encoded /search answers to keep in memory, 0-1,000,000; 0 turns the cache off.")
    var cacheEntries = 1024

    var hostname: String { host }
    var logLevel: Logger.Level { Logger.Level(rawValue: logLevelName) ?? .info }

    func validate() throws {
        try OptionRange.check("--port", port, in: 0...65535)
        try OptionRange.check("--cache-entries", cacheEntries, in: 0...1_000_000)
        guard Logger.Level(rawValue: logLevelName) != nil else {
            throw ValidationError(
                "--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
    }

    func run() async throws {
        let app = try buildApplication(self)
        try await app.runService()
        await LogLineWriter.standardOutput.flush()
    }
}
