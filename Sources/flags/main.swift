import ArgumentParser
import Flags

@main
struct FlagsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flags",
        abstract: "Download flag images concurrently (Fluent Python, chapter 21: flags, flags2, flags3).",
        discussion: """
            With no codes, downloads the 20 most populous countries. Without -s, uses the LOCAL \
            server at localhost:8000, or the built-in flags server in-process when nothing answers there.
            Exit status: 0 all downloaded or not found, 1 any error, 2 usage error, 130 interrupted.
            """
    )

    @Argument(help: "Country codes: AA-ZZ, or one letter for the 26 codes starting with it.")
    var codes: [String] = []

    @Flag(name: .shortAndLong, help: "Get all the chapter's 194 country codes.")
    var all = false

    @Flag(name: .shortAndLong, help: "Get every code from AA to ZZ (676).")
    var every = false

    @Option(name: .shortAndLong, help: "Limit to the first N codes.")
    var limit: Int?

    @Option(name: [.short, .customLong("max-req")], help: "Maximum concurrent requests (cap 1000).")
    var maxReq = 5

    @Option(name: .shortAndLong, help: "Server: LOCAL, DELAY, ERROR, REMOTE or a base URL.")
    var server: String?

    @Flag(name: .shortAndLong, help: "Print one line per flag instead of the progress bar.")
    var verbose = false

    @Flag(help: "Also fetch metadata.json and save each flag under its country name.")
    var countryNames = false

    @Flag(help: "Use the gather version: results in submission order, codes printed as saved.")
    var gather = false

    @Option(help: "Folder to save the flags in (created if missing).")
    var dest = "downloaded"

    @Flag(help: "Print one JSON summary object instead of the reports.")
    var json = false

    @Flag(help: "Skip flags already saved in the destination folder.")
    var skipExisting = false

    @Option(help: "Retry timeouts and 408/429/500/502/503/504 up to N times, with backoff.")
    var retries = 0

    /// Parsing errors exit 2 with the chapter's `*** Usage error:` line, not ArgumentParser's 64.
    static func main() async {
        let command: FlagsCommand
        do {
            command = try parseAsRoot() as! FlagsCommand
        } catch {
            let status = exitCode(for: error)
            guard status == .validationFailure else { exit(withError: error) }
            usageError(message(for: error))
        }
        do {
            try await command.run()
        } catch {
            exit(withError: error)
        }
    }

    static func usageError(_ message: String) -> Never {
        print("*** Usage error: \(message)")
        print("Usage: \(usageString())")
        print("See flags --help.")
        exit(withError: ExitCode(2))
    }

    func run() async throws {
        let request: FlagsRun
        do {
            try FlagsRun.validate(maxRequests: maxReq, retries: retries)
            let selected = try FlagCodes.select(codes, all: all, every: every, limit: limit)
            let site = try server.map { text throws(FlagsError) in try FlagsSite.parse(text) }
            request = FlagsRun(
                codes: selected, site: site, maxRequests: maxReq, verbose: verbose, json: json, gather: gather,
                settings: DownloadSettings(
                    baseURL: "", destination: dest, countryNames: countryNames, skipExisting: skipExisting,
                    retries: retries))
        } catch {
            Self.usageError("\(error)")
        }
        let status = await runFlags(request, handleInterrupt: true)
        if status != 0 { throw ExitCode(status) }
    }
}
