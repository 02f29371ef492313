import ArgumentParser
import AsyncSupport
import Hummingbird
import Logging
import MojiWeb

struct Web: AsyncParsableCommand, AppArguments {
    static let configuration = CommandConfiguration(
        abstract: "Serve the search page and a JSON API over HTTP.",
        discussion: """
            Open http://127.0.0.1:8000 for the page; GET /search?q=cat%20face answers \
            JSON; /docs describes the API (OpenAPI document at /openapi.json). \
            Stops gracefully on SIGINT or SIGTERM.
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

    var hostname: String { host }
    var logLevel: Logger.Level { Logger.Level(rawValue: logLevelName) ?? .info }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard cacheEntries >= 0 else { throw ValidationError("--cache-entries must be 0 or more.") }
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
