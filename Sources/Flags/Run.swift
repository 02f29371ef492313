import AsyncHTTPClient
import Dispatch
import FlagsServer
import Foundation
import NIOCore
import NIOPosix

/// Everything the `flags` command line asks for, already validated.
public struct FlagsRun: Sendable {
    public var codes: [String]
    /// `nil`: the LOCAL site, or the built-in server when nothing answers there.
    public var site: FlagsSite?
    public var maxRequests: Int
    public var verbose: Bool
    public var json: Bool
    public var gather: Bool
    public var settings: DownloadSettings

    public init(
        codes: [String], site: FlagsSite?, maxRequests: Int = 5, verbose: Bool = false, json: Bool = false,
        gather: Bool = false, settings: DownloadSettings
    ) {
        self.codes = codes
        self.site = site
        self.maxRequests = maxRequests
        self.verbose = verbose
        self.json = json
        self.gather = gather
        self.settings = settings
    }

    /// Checks the numbers given on the command line.
    public static func validate(maxRequests: Int, retries: Int) throws(FlagsError) {
        if maxRequests < 1 { throw .maxRequestsTooSmall(maxRequests) }
        if retries < 0 { throw .invalidRetries(retries) }
    }

    /// `min(max_req, cap, number of codes)`, as the chapter computes it.
    public var concurrency: Int { max(1, min(maxRequests, maxConcurrentRequestsCap, codes.count)) }
}

/// Whether anything accepts a TCP connection at `host:port` within 0.3 s.
func somethingAnswers(host: String, port: Int) async -> Bool {
    do {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(.milliseconds(300))
            .connect(host: host, port: port).get()
        try? await channel.close()
        return true
    } catch {
        return false
    }
}

/// Runs a whole `flags` command: reports, downloads, exit status. With
/// `handleInterrupt`, Ctrl-C cancels the downloads in flight, the report of
/// what finished is printed, and the status is 130.
public func runFlags(_ run: FlagsRun, handleInterrupt: Bool = false) async -> Int32 {
    var run = run
    var builtIn: RunningFlagsServer?
    let site: FlagsSite
    if let chosen = run.site {
        site = chosen
    } else if await somethingAnswers(host: "127.0.0.1", port: 8000) {
        site = .local
    } else {
        do {
            let server = try await startFlagsServer(FlagsServerOptions())
            builtIn = server
            site = FlagsSite(label: "LOCAL", baseURL: server.baseURL)
            let note = "Nothing answers at localhost:8000; serving the built-in flags in-process at \(server.baseURL)"
            if run.json { writeStandardError(note + "\n") } else { writeStandardOutput(note) }
        } catch {
            writeStandardError("flags: could not start the built-in flags server: \(error)\n")
            return 1
        }
    }
    run.settings.baseURL = site.baseURL

    let finalRun = run
    let downloads = Task { await download(finalRun, site: site) }
    let interrupts = handleInterrupt ? interruptSource(cancelling: downloads) : nil
    let summary = await downloads.value
    interrupts?.cancel()
    await builtIn?.stop()
    return summary.exitStatus
}

/// Ctrl-C cancels `task` instead of killing the process.
func interruptSource(cancelling task: Task<FlagsSummary, Never>) -> DispatchSourceSignal {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { task.cancel() }
    source.resume()
    return source
}

/// The supervisor loop with its reports: the progress bar, counters and
/// verbose lines are all fed from the completion loop.
func download(_ run: FlagsRun, site: FlagsSite) async -> FlagsSummary {
    var summary = FlagsSummary(site: site.label, baseURL: site.baseURL)
    if !run.json, !run.gather {
        writeStandardOutput(FlagsReport.initial(site: site, codes: run.codes, concurrency: run.concurrency))
    }
    let start = ContinuousClock.now
    let showBar = !run.verbose && !run.gather && isatty(STDERR_FILENO) == 1
    var bar = ProgressBar(total: run.codes.count, start: start)
    var savedAny = false
    func onResult(_ result: DownloadResult) {
        if run.gather {
            if result.status == .ok, !run.json {
                writeStandardOutput(result.code + " ", newline: false)
                savedAny = true
            }
        } else if run.verbose, !run.json {
            writeStandardOutput(FlagsReport.verbose(result))
        }
        if showBar { bar.advance() }
    }
    do {
        let results = try await withFlagsClient(maxRequests: run.concurrency) { client in
            run.gather
                ? try await downloadGathered(
                    codes: run.codes, client: client, settings: run.settings, maxRequests: run.concurrency,
                    onResult: onResult)
                : try await supervisor(
                    codes: run.codes, client: client, settings: run.settings, maxRequests: run.concurrency,
                    onResult: onResult)
        }
        for result in results.sorted(by: { $0.code < $1.code }) where !(result.status == .cancelled && result.requests == 0 && run.gather) {
            summary.count(result)
        }
    } catch {
        writeStandardError("flags: could not create \(run.settings.destination): \(error)\n")
        summary.errors = max(summary.errors, 1)
    }
    if showBar, bar.done > 0 { bar.finish() }
    let elapsed = ContinuousClock.now - start
    summary.elapsed = elapsed.inSeconds
    summary.interrupted = Task.isCancelled
    if run.json {
        writeStandardOutput(FlagsReport.json(summary))
    } else if run.gather {
        if savedAny { writeStandardOutput("") }
        writeStandardOutput(FlagsReport.gathered(summary))
        if summary.interrupted || summary.notFound + summary.errors > 0 { writeStandardOutput(FlagsReport.final(summary)) }
    } else {
        writeStandardOutput(FlagsReport.final(summary))
    }
    return summary
}
