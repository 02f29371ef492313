import AsyncSupport
import TextSupport

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Counts and per-code statuses of one run: the final report and `--json`.
public struct FlagsSummary: Sendable, Codable, Equatable {
    public var site: String
    public var baseURL: String
    public var downloaded = 0
    public var notFound = 0
    public var errors = 0
    public var cancelled = 0
    public var elapsed = 0.0
    public var interrupted = false
    /// Every finished code, sorted by code.
    public var results: [DownloadResult] = []

    public init(site: String, baseURL: String) {
        self.site = site
        self.baseURL = baseURL
    }

    mutating func count(_ result: DownloadResult) {
        switch result.status {
        case .ok: downloaded += 1
        case .notFound: notFound += 1
        case .error: errors += 1
        case .cancelled: cancelled += 1
        }
        results.append(result)
    }

    /// 0 when every flag was downloaded or not found, 1 on any error, 130 after Ctrl-C.
    public var exitStatus: Int32 { interrupted ? 130 : errors > 0 ? 1 : 0 }
}

/// The one output formatter of `flags`: every line the tool prints is made here.
public enum FlagsReport {
    public static func initial(site: FlagsSite, codes: [String], concurrency: Int) -> String {
        let plural = codes.count == 1 ? "" : "s"
        let which =
            if codes.count > 10, let first = codes.first, let last = codes.last {
                "from \(first) to \(last)"
            } else {
                codes.joined(separator: ", ")
            }
        let connections =
            concurrency == 1
            ? "1 connection will be used."
            : "\(concurrency) concurrent connections will be used."
        return """
            \(site.label) site: \(site.baseURL)
            Searching for \(codes.count) flag\(plural): \(which)
            \(connections)
            """
    }

    /// `CN OK`, `XX not found: <url>`, `BR error: HTTP error 418 - I'm a teapot`.
    public static func verbose(_ result: DownloadResult) -> String {
        switch result.status {
        case .ok, .notFound, .cancelled: "\(result.code) \(result.detail)"
        case .error: "\(result.code) error: \(result.detail)"
        }
    }

    public static func final(_ summary: FlagsSummary) -> String {
        func line(_ count: Int, _ singular: String, _ plural: String) -> String {
            NumberText.padded(count, width: 3) + " " + (count == 1 ? singular : plural)
        }
        var lines = [
            String(repeating: "-", count: 20), line(summary.downloaded, "flag downloaded.", "flags downloaded."),
        ]
        if summary.notFound > 0 { lines.append(line(summary.notFound, "not found.", "not found.")) }
        if summary.errors > 0 {
            lines.append(line(summary.errors, "error.", "errors."))
            lines += errorReasons(summary.results)
        }
        if summary.cancelled > 0 || summary.interrupted {
            lines.append(line(summary.cancelled, "cancelled (interrupted).", "cancelled (interrupted)."))
        }
        lines.append("Elapsed time: \(NumberText.fixed(summary.elapsed, decimals: 2))s")
        return lines.joined(separator: "\n")
    }

    /// Why the errors happened, without `-v`: one line per reason, most
    /// frequent first, with the codes it hit: `      AD, BR: connection refused`.
    static func errorReasons(_ results: [DownloadResult], shown: Int = 3) -> [String] {
        var codes: [String: [String]] = [:]
        var order: [String] = []
        for result in results where result.status == .error {
            if codes[result.detail] == nil { order.append(result.detail) }
            codes[result.detail, default: []].append(result.code)
        }
        let ranked = order.enumerated().sorted { a, b in
            let (left, right) = (codes[a.element, default: []].count, codes[b.element, default: []].count)
            return left != right ? left > right : a.offset < b.offset
        }.map(\.element)
        var lines = ranked.prefix(shown).map { reason in
            let hit = codes[reason, default: []]
            let listed = hit.prefix(5).joined(separator: ", ") + (hit.count > 5 ? " and \(hit.count - 5) more" : "")
            return "      \(listed): \(reason)"
        }
        if ranked.count > shown {
            lines.append("      and \(ranked.count - shown) other reasons; -v shows each flag's.")
        }
        return lines
    }

    /// The last line of `--gather`, as the chapter's first asyncio downloader prints it.
    public static func gathered(_ summary: FlagsSummary) -> String {
        "\(summary.downloaded) downloads in \(NumberText.fixed(summary.elapsed, decimals: 2))s"
    }

    public static func json(_ summary: FlagsSummary) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(summary)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// One frame of the tqdm-like bar: `45%|█████     | 9/20 [00:01<00:01, 8.12 flags/s]`.
    public static func progress(done: Int, total: Int, elapsed: Double) -> String {
        let fraction = total == 0 ? 1 : Double(done) / Double(total)
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "█", count: filled) + String(repeating: " ", count: width - filled)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        func clock(_ seconds: Double) -> String {
            let whole = Int(seconds.rounded())
            return NumberText.padded(whole / 60, width: 2, pad: "0") + ":"
                + NumberText.padded(whole % 60, width: 2, pad: "0")
        }
        return NumberText.padded(Int(fraction * 100), width: 3) + "%|" + bar
            + "| \(done)/\(total) [\(clock(elapsed))<\(clock(eta)), \(NumberText.fixed(rate, decimals: 2)) flags/s]"
    }
}

/// Draws the progress bar on stderr, redrawn at most every 0.1 s; fed by
/// the completion loop, so it needs no lock.
struct ProgressBar {
    let total: Int
    let start: ContinuousClock.Instant
    var lastDraw: ContinuousClock.Instant?
    var done = 0

    init(total: Int, start: ContinuousClock.Instant) {
        self.total = total
        self.start = start
    }

    mutating func advance() {
        done += 1
        let now = ContinuousClock.now
        if done == total || lastDraw.map({ now - $0 >= .milliseconds(100) }) ?? true {
            lastDraw = now
            draw(now)
        }
    }

    func draw(_ now: ContinuousClock.Instant) {
        let elapsed = now - start
        let seconds = elapsed.inSeconds
        writeUnbuffered(
            "\r" + FlagsReport.progress(done: done, total: total, elapsed: seconds), to: StandardStream.error)
    }

    func finish() { writeUnbuffered("\n", to: StandardStream.error) }
}
