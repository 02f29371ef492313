import AsyncSupport
import NIOCore
import NIOPosix
import TextSupport

/// Everything the `flags` command line asks for, already validated.
public struct FlagsRun: Sendable {
    public var codes: [String]
    public var maxRequests: Int
    public var verbose: Bool
    public var json: Bool
    public var gather: Bool
    public var settings: DownloadSettings

    public init(
        codes: [String], maxRequests: Int = 5, verbose: Bool = false, json: Bool = false,
        gather: Bool = false, settings: DownloadSettings
    ) {
        self.codes = codes
        self.maxRequests = maxRequests
        self.verbose = verbose
        self.json = json
        self.gather = gather
        self.settings = settings
    }

    /// `min(max_req, cap, number of codes)`, as the chapter computes it.
    public var concurrency: Int { max(1, min(maxRequests, maxConcurrentRequestsCap, codes.count)) }
}

/// Runs a whole `flags` download from `site`: the supervisor loop with its
/// reports (the progress bar, counters and verbose lines are all fed from
/// the completion loop). Cancelling the calling task (Ctrl-C) cancels the
/// requests in flight; the report of what finished is still printed, and
/// the summary is marked interrupted.
public func runFlags(_ run: FlagsRun, site: FlagsSite) async -> FlagsSummary {
    var run = run
    run.settings.baseURL = site.baseURL
    var summary = FlagsSummary(site: site.label, baseURL: site.baseURL)
    if !run.json, !run.gather {
        writeUnbuffered(FlagsReport.initial(site: site, codes: run.codes, concurrency: run.concurrency) + "\n")
    }
    let start = ContinuousClock.now
    let showBar = !run.verbose && !run.gather && StandardStream.isTerminal(StandardStream.error)
    var bar = ProgressBar(total: run.codes.count, start: start)
    var savedAny = false
    func onResult(_ result: DownloadResult) {
        if run.gather {
            if result.status == .ok, !run.json {
                writeUnbuffered(result.code + " ")
                savedAny = true
            }
        } else if run.verbose, !run.json {
            writeUnbuffered(FlagsReport.verbose(result) + "\n")
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
        for result in results.sorted(by: { $0.code < $1.code })
        where !(result.status == .cancelled && result.requests == 0 && run.gather) {
            summary.count(result)
        }
    } catch {
        writeUnbuffered(
            "flags: could not create \(run.settings.destination): \(reason(error))\n", to: StandardStream.error)
        summary.errors = max(summary.errors, 1)
    }
    if showBar, bar.done > 0 { bar.finish() }
    let elapsed = ContinuousClock.now - start
    summary.elapsed = elapsed.inSeconds
    summary.interrupted = Task.isCancelled
    if run.json {
        writeUnbuffered(FlagsReport.json(summary) + "\n")
    } else if run.gather {
        if savedAny { writeUnbuffered("\n") }
        writeUnbuffered(FlagsReport.gathered(summary) + "\n")
        if summary.interrupted || summary.notFound + summary.errors > 0 {
            writeUnbuffered(FlagsReport.final(summary) + "\n")
        }
    } else {
        writeUnbuffered(FlagsReport.final(summary) + "\n")
    }
    return summary
}
