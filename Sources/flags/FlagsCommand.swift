import ArgumentParser
import AsyncSupport
import CommandLineSupport
import Flags
import PackageVersion

@main
struct FlagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Download flag images concurrently (Fluent Python, chapter 21: flags, flags2, flags3).",
        discussion: """
            With no codes, downloads the 20 most populous countries. Without -s, uses the LOCAL \
            server at localhost:8000 when a flags server answers there, or else the built-in flags server in-process.
            Exit status: 0 all downloaded or not found, 1 any error, 64 usage error, 130 interrupted.

            Examples:
              flags
              flags -v -m 20 B
              flags -a -s DELAY -m 100
            """,
        version: PackageVersion.description(of: "flags")
    )

    @Argument(help: "Country codes: AA-ZZ, or one letter for the 26 codes starting with it.")
    var codes: [String] = []

    @Flag(name: .shortAndLong, help: "Get all the chapter's 194 country codes.")
    var all = false

    @Flag(name: .shortAndLong, help: "Get every code from AA to ZZ (676).")
    var every = false

    @Option(
        name: .shortAndLong, parsing: .unconditional,
        help: "Limit to the first N codes, 1-676 (default: all the selected codes).")
    var limit: Int?

    @Option(
        name: [.short, .customLong("max-req")], parsing: .unconditional, help: "Maximum concurrent requests, 1-1000.")
    var maxReq = 5

    @Option(
        name: .shortAndLong,
        help: "Server: LOCAL, DELAY, ERROR, REMOTE or an http(s) base URL (default: LOCAL, or the built-in server).",
        completion: .list(["LOCAL", "DELAY", "ERROR", "REMOTE"]))
    var server: String?

    @Flag(name: .shortAndLong, help: "Print one line per flag instead of the progress bar.")
    var verbose = false

    @Flag(help: "Also fetch metadata.json and save each flag under its country name.")
    var countryNames = false

    @Flag(help: "Use the gather version: results in submission order, codes printed as saved.")
    var gather = false

    @Option(help: "Folder to save the flags in (created if missing).", completion: .directory)
    var dest = "downloaded"

    @Flag(help: "Print one JSON summary object instead of the reports.")
    var json = false

    @Flag(help: "Skip flags already saved in the destination folder.")
    var skipExisting = false

    @Option(
        parsing: .unconditional, help: "Retry timeouts and 408/429/500/502/503/504 up to N times with backoff, 0-10.")
    var retries = 0

    func validate() throws {
        try OptionRange.check("--max-req", maxReq, in: 1...maxConcurrentRequestsCap)
        if let limit { try OptionRange.check("--limit", limit, in: 1...FlagCodes.every.count) }
        try OptionRange.check("--retries", retries, in: 0...maxRetries)
    }

    /// Usage errors, from parsing or from `run`, print the chapter's
    /// `*** Usage error:` line and exit 64 as in every tool; help exits 0.
    static func main() async {
        do {
            let command = try parse()
            try await command.run()
        } catch {
            if exitCode(for: error) == .validationFailure { usageError(message(for: error)) }
            exit(withError: error)
        }
    }

    static func usageError(_ message: String) -> Never {
        // On stderr: `flags --json | jq` reads only the summary.
        writeUnbuffered("*** Usage error: \(message)\nUsage: \(usageString())\nSee flags --help.\n", to: 2)
        exit(withError: ExitCode.validationFailure)
    }

    func run() async throws {
        let selected: [String]
        let site: FlagsSite?
        do {
            selected = try FlagCodes.select(codes, all: all, every: every, limit: limit)
            site = try server.map { text throws(FlagsError) in try FlagsSite.parse(text) }
        } catch {
            throw ValidationError(error.description)
        }
        let request = FlagsRun(
            codes: selected, maxRequests: maxReq, verbose: verbose, json: json, gather: gather,
            settings: DownloadSettings(
                baseURL: "", destination: dest, countryNames: countryNames, skipExisting: skipExisting,
                retries: retries))
        let status = await download(request, from: site)
        if status != 0 { throw ExitCode(status) }
    }
}
