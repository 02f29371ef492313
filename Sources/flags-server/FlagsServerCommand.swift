import ArgumentParser
import AsyncSupport
import CommandLineSupport
import FlagsServer
import ListenCheck
import PackageVersion
import TextSupport

@main
struct FlagsServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags-server",
        abstract: "Serve flag images and metadata for the flag downloaders, with optional delays and errors.",
        // The options are in --help; a usage line listing them all would wrap.
        usage: "flags-server [<options>]",
        discussion: """
            Presets: local (port 8000), delay (8001, 0.5-5.0 s delays), error (8002, 0.5 s delays and 25 % of \
            requests answered 418 I'm a teapot), all (the three at once). Explicit options override the preset. \
            Routes: GET/HEAD /flags/<cc>/<cc>.gif, /flags/<cc>/metadata.json, GET /stats, POST /stats/reset, \
            GET /version, GET /metrics (Prometheus).
            On SIGINT or SIGTERM it stops accepting and answers the requests it has; requests still delayed \
            after the grace period are cut.
            Exit status: 0 after SIGINT or SIGTERM, 1 when it cannot serve, 64 on bad options.

            Examples:
              flags-server
              flags-server --preset all
              flags-server --preset error --seed 1 --port 0 --verbose
            """,
        version: PackageVersion.description(of: "flags-server")
    )

    @Option(
        help: "local (port 8000), delay (8001), error (8002) or all (the three).",
        completion: .list(["local", "delay", "error", "all"]))
    var preset: String = "local"

    @Option(help: "Address to bind (default: 127.0.0.1).")
    var host: String?

    @Option(
        parsing: .unconditional,
        help: "Port to listen on, 0-65535; 0 picks a free one (default: the preset's, 8000, 8001 or 8002).")
    var port: Int?

    @Option(
        parsing: .unconditional,
        help: "Delay before each response in seconds, MIN or MIN-MAX, 0-3600 (default: the preset's).")
    var delay: String?

    @Option(
        name: .customLong("error-rate"), parsing: .unconditional,
        help: "Share of requests answered 418, 0-1 (default: the preset's, 0 or 0.25)."
    )
    var errorRate: Double?

    @Option(
        help: "Serve DIR/flags/<cc>/<cc>.gif and metadata.json (default: the built-in flags).",
        completion: .directory)
    var directory: String?

    @Option(
        parsing: .unconditional, help: "Seed for reproducible delays and errors, 0-2^64-1 (default: random).",
        transform: { text in
            guard let seed = UInt64(text) else {
                throw ValidationError("--seed must be between 0 and 2^64-1; got \(text)")
            }
            return seed
        })
    var seed: UInt64?

    @Flag(help: "Log each request's delay and errors.")
    var verbose = false

    @Option(
        parsing: .unconditional,
        help: "Seconds to answer the requests in progress after SIGINT or SIGTERM before cutting them, 0-86,400.")
    var gracePeriod = 10.0

    @OptionGroup var listen: BacklogOption

    func validate() throws {
        if let port { try OptionRange.check("--port", port, in: 0...65535) }
        if let errorRate { try OptionRange.check("--error-rate", errorRate, in: 0...1) }
        try OptionRange.check("--grace-period", gracePeriod, in: 0...86_400)
        _ = try delay.map(Self.parseDelay)
        _ = try presets()
    }

    func presets() throws -> [FlagsServerPreset] {
        if preset.lowercased() == "all" {
            guard port == nil else { throw ValidationError("--port cannot be used with --preset all") }
            return FlagsServerPreset.allCases
        }
        guard let one = FlagsServerPreset(rawValue: preset.lowercased()) else {
            throw ValidationError("--preset must be local, delay, error or all; got '\(preset)'")
        }
        return [one]
    }

    func run() async throws {
        let presets = try presets()
        OpenFileLimit.raiseToHardLimit()
        let parsedDelay = try delay.map(Self.parseDelay)
        var servers: [FlagsServerOptions] = []
        for preset in presets {
            var options = FlagsServerOptions.preset(preset)
            if let host { options.host = host }
            if let port { options.port = port }
            if let parsedDelay { options.delay = parsedDelay }
            if let errorRate { options.errorRate = errorRate }
            options.directory = directory
            options.seed = seed
            options.verbose = verbose
            options.backlog = listen.backlog
            do {
                try options.validate()
            } catch {
                throw ValidationError(error.description)
            }
            // --preset all cannot take --port: the way out is one preset at a time.
            try await CannotListen.check(
                host: options.host, port: options.port, option: presets.count > 1 ? "--preset P --port" : "--port")
            servers.append(options)
        }
        do {
            try await serveFlags(servers, gracePeriod: .seconds(clamping: gracePeriod)) { url in
                writeUnbuffered("Serving flags at \(url)\n")
            }
            await LogLineWriter.standardOutput.flush()
        } catch let error as FlagsServerError {
            throw ValidationError(error.description)
        } catch {
            // A port in use, for example: a runtime failure, not a usage error.
            throw ServeFailure(description: "could not serve: \(error)")
        }
    }

    /// `0.5` or `0.5-5`: a delay of seconds, fixed or drawn from a range.
    static func parseDelay(_ text: String) throws -> ClosedRange<Double> {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let numbers = parts.compactMap { Double($0) }
        guard (1...2).contains(parts.count), numbers.count == parts.count, let low = numbers.first,
            let high = numbers.last, low >= 0, low <= high, high <= 3600
        else {
            throw ValidationError("--delay must be MIN or MIN-MAX seconds with 0 <= MIN <= MAX <= 3600; got '\(text)'")
        }
        return low...high
    }
}

/// A failure while serving; ArgumentParser prints it and exits with status 1.
struct ServeFailure: Error, CustomStringConvertible {
    let description: String
}
