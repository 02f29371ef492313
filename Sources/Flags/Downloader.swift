import AsyncHTTPClient
import AsyncSupport
import Foundation
import NIOCore
import TextSupport
import _NIOFileSystem

/// How one flag ended up. `cancelled` is a request stopped by Ctrl-C: it is
/// neither a success nor an error of the server.
public enum DownloadStatus: String, Sendable, Codable {
    case ok
    case notFound = "not_found"
    case error
    case cancelled
}

/// The outcome of one code: what the progress bar, counters and verbose lines consume.
public struct DownloadResult: Sendable, Equatable, Codable {
    public var code: String
    public var status: DownloadStatus
    /// `OK`, `not found: <url>`, `HTTP error 418 - I'm a teapot`, ...
    public var detail: String
    /// The file name saved in the destination folder, when saved.
    public var file: String?
    /// Requests made for this code, retries and the metadata request included.
    public var requests: Int
}

/// What every download needs besides the codes; the timeouts are the chapter's.
public struct DownloadSettings: Sendable {
    public var baseURL: String
    public var destination: String
    public var countryNames: Bool
    public var skipExisting: Bool
    public var retries: Int
    public var flagTimeout: Double
    public var metadataTimeout: Double
    public var retryBaseDelay: Double
    /// The longest wait before a retry, whatever the backoff or `Retry-After` says.
    public var maxRetryDelay: Double

    public init(
        baseURL: String, destination: String = "downloaded", countryNames: Bool = false,
        skipExisting: Bool = false, retries: Int = 0, flagTimeout: Double = 6.1,
        metadataTimeout: Double = 3.1, retryBaseDelay: Double = 0.5, maxRetryDelay: Double = 30
    ) {
        self.baseURL = baseURL
        self.destination = destination
        self.countryNames = countryNames
        self.skipExisting = skipExisting
        self.retries = retries
        self.flagTimeout = flagTimeout
        self.metadataTimeout = metadataTimeout
        self.retryBaseDelay = retryBaseDelay
        self.maxRetryDelay = maxRetryDelay
    }

    /// The wait before the retry that follows `attempt` (1 for the first
    /// request): the server's `Retry-After` when it is a number of seconds,
    /// else `retryBaseDelay` doubled per attempt; never above `maxRetryDelay`.
    /// A server's value is untrusted text, so it goes through
    /// `Duration.seconds(clamping:to:)` and cannot trap.
    public func retryDelay(afterAttempt attempt: Int, retryAfter: String?) -> Duration {
        Flags.retryDelay(
            retryAfter: retryAfter, attempt: attempt, base: retryBaseDelay, cap: .seconds(clamping: maxRetryDelay))
    }
}

/// The most retries `flags --retries` accepts.
public let maxRetries = 10

/// The chapter's cap on `-m`.
public let maxConcurrentRequestsCap = 1000

/// One `HTTPClient` for a whole run, shut down however `body` ends. The pool
/// allows at least `maxRequests` connections to the one host, or requests
/// would queue in the client instead of running.
public func withFlagsClient<Result: Sendable>(
    maxRequests: Int, _ body: (HTTPClient) async throws -> Result
) async throws -> Result {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, maxRequests))
    // A refused connection is an error at once, as with httpx (and curl without
    // --retry-connrefused); AHC's default would keep retrying until the deadline.
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.redirectConfiguration = .follow(max: 10, allowCycles: false)
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let result: Result
    do {
        result = try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
    return result
}

/// One request of a job: the flag, then (with `--country-names`) the
/// metadata, each run in a concurrency slot of its own.
enum Step: Sendable {
    case flag(code: String)
    case country(code: String, image: ByteBuffer, requests: Int)
}

enum StepOutput: Sendable {
    case finished(DownloadResult)
    case needsCountry(Step)
}

/// What a request came back with, after retries.
enum FetchOutcome: Sendable {
    case body(ByteBuffer)
    case notFound(url: String)
    case failed(String)
    case cancelled
}

/// No flag or metadata file comes near this; a bigger answer is an error, not a file.
let maximumBodyBytes = 16 << 20

/// Statuses worth another try, as curl's `--retry` has them.
let transientStatuses: Set<UInt> = [408, 429, 500, 502, 503, 504]

struct Downloader: Sendable {
    let client: HTTPClient
    let settings: DownloadSettings

    func url(_ code: String, _ file: String) -> String {
        "\(settings.baseURL)/\(code.lowercased())/\(file)"
    }

    /// GET with status classification (the part httpx does with
    /// `raise_for_status`) and opt-in retries with exponential backoff.
    func fetch(_ url: String, timeout: Double) async -> (FetchOutcome, requests: Int) {
        var attempt = 0
        while true {
            attempt += 1
            var retryAfter: String?
            let failure: String
            let transient: Bool
            do {
                let response = try await client.execute(
                    HTTPClientRequest(url: url), timeout: TimeAmount(Duration.seconds(clamping: timeout)))
                let code = response.status.code
                if (200..<300).contains(code) {
                    return (.body(try await response.body.collect(upTo: maximumBodyBytes)), attempt)
                }
                // Read the short error body so the connection can be reused.
                _ = try? await response.body.collect(upTo: 1 << 20)
                if code == 404 { return (.notFound(url: url), attempt) }
                failure = "HTTP error \(code) - \(response.status.reasonPhrase)"
                transient = transientStatuses.contains(code)
                retryAfter = response.headers.first(name: "retry-after")
            } catch is NIOTooManyBytesError {
                return (.failed("the answer is over the \(maximumBodyBytes >> 20) MiB limit"), attempt)
            } catch {
                if Task.isCancelled { return (.cancelled, attempt) }
                if let error = error as? HTTPClientError, error == .deadlineExceeded || error == .readTimeout {
                    failure = "timed out after \(timeout)s"
                    transient = true
                } else {
                    failure = "\(error)"
                    transient = false
                }
            }
            guard transient, attempt <= settings.retries else { return (.failed(failure), attempt) }
            do {
                try await Task.sleep(for: settings.retryDelay(afterAttempt: attempt, retryAfter: retryAfter))
            } catch {
                return (.cancelled, attempt)
            }
        }
    }

    func run(_ step: Step) async -> StepOutput {
        switch step {
        case .flag(let code):
            let file = "\(code).gif"
            if settings.skipExisting, !settings.countryNames, await isSaved(file) {
                return .finished(
                    .init(code: code, status: .ok, detail: "OK (already present)", file: file, requests: 0))
            }
            let (outcome, requests) = await fetch(url(code, "\(code.lowercased()).gif"), timeout: settings.flagTimeout)
            guard case .body(let image) = outcome else {
                return .finished(result(code, outcome, requests))
            }
            if settings.countryNames {
                return .needsCountry(.country(code: code, image: image, requests: requests))
            }
            return .finished(await save(image, code: code, file: file, requests: requests))
        case .country(let code, let image, let previous):
            let (outcome, requests) = await fetch(url(code, "metadata.json"), timeout: settings.metadataTimeout)
            guard case .body(let body) = outcome else {
                return .finished(result(code, outcome, previous + requests))
            }
            guard let country = Self.countryName(in: body) else {
                return .finished(
                    .init(
                        code: code, status: .error, detail: "metadata.json has no country name",
                        file: nil, requests: previous + requests))
            }
            let file = Self.fileName(forCountry: country)
            if settings.skipExisting, await isSaved(file) {
                return .finished(
                    .init(
                        code: code, status: .ok, detail: "OK (already present)", file: file,
                        requests: previous + requests))
            }
            return .finished(await save(image, code: code, file: file, requests: previous + requests))
        }
    }

    func result(_ code: String, _ outcome: FetchOutcome, _ requests: Int) -> DownloadResult {
        switch outcome {
        case .body: .init(code: code, status: .ok, detail: "OK", file: nil, requests: requests)
        case .notFound(let url):
            .init(code: code, status: .notFound, detail: "not found: \(url)", file: nil, requests: requests)
        case .failed(let message): .init(code: code, status: .error, detail: message, file: nil, requests: requests)
        case .cancelled: .init(code: code, status: .cancelled, detail: "cancelled", file: nil, requests: requests)
        }
    }

    static func countryName(in body: ByteBuffer) -> String? {
        struct Metadata: Decodable { var country: String }
        return try? JSONDecoder().decode(Metadata.self, from: Data(body.readableBytesView)).country
    }

    /// Spaces become `_` as in the chapter; a `/` could name another folder, so it goes too.
    static func fileName(forCountry country: String) -> String {
        country.replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "/", with: "_") + ".gif"
    }

    func isSaved(_ file: String) async -> Bool {
        let info = try? await FileSystem.shared.info(forFileAt: FilePath(settings.destination).appending(file))
        return info.map { $0.type == .regular && $0.size > 0 } ?? false
    }

    /// Written off the cooperative pool by `_NIOFileSystem`, under a temporary
    /// name that becomes `file` only once every byte is written: a failure or
    /// a cancellation leaves no partial file behind.
    func save(_ image: ByteBuffer, code: String, file: String, requests: Int) async -> DownloadResult {
        do {
            _ = try await FileSystem.shared.withFileHandle(
                forWritingAt: FilePath(settings.destination).appending(file),
                options: .newFile(replaceExisting: true)
            ) { handle in
                try await handle.write(contentsOf: image, toAbsoluteOffset: 0)
            }
            return .init(code: code, status: .ok, detail: "OK", file: file, requests: requests)
        } catch {
            if Task.isCancelled {
                return .init(code: code, status: .cancelled, detail: "cancelled", file: nil, requests: requests)
            }
            return .init(
                code: code, status: .error, detail: "could not save \(file): \(reason(error))", file: nil,
                requests: requests)
        }
    }
}

func createDestination(_ path: String) async throws {
    try await FileSystem.shared.createDirectory(
        at: FilePath(path), withIntermediateDirectories: true, permissions: nil)
}

/// Runs every job with at most `maxRequests` requests in flight and hands
/// each finished code to `onResult` in completion order, on the caller's
/// task (the `as_completed` loop). Returns the results in completion order.
/// When the calling task is cancelled, requests in flight are cancelled and
/// come back as `.cancelled`; no new request starts.
public func supervisor(
    codes: [String], client: HTTPClient, settings: DownloadSettings, maxRequests: Int,
    onResult: (DownloadResult) async -> Void = { _ in }
) async throws -> [DownloadResult] {
    try await createDestination(settings.destination)
    let downloader = Downloader(client: client, settings: settings)
    var results: [DownloadResult] = []
    results.reserveCapacity(codes.count)
    // Codes whose flag arrived and whose metadata step is queued, with their requests so far.
    var awaitingCountry: [String: Int] = [:]
    await forEachConcurrently(
        codes.map { Step.flag(code: $0) },
        limit: max(1, min(maxRequests, maxConcurrentRequestsCap, codes.count)),
        work: { await downloader.run($0) },
        handle: { (output: StepOutput) -> [Step] in
            switch output {
            case .needsCountry(let next):
                if case .country(let code, _, let requests) = next { awaitingCountry[code] = requests }
                return [next]
            case .finished(let result):
                awaitingCountry[result.code] = nil
                results.append(result)
                await onResult(result)
                return []
            }
        })
    // Ctrl-C stops queued steps from starting: a code whose flag had arrived
    // is cancelled, not lost from the report.
    for (code, requests) in awaitingCountry.sorted(by: { $0.key < $1.key }) {
        let result = DownloadResult(
            code: code, status: .cancelled, detail: "cancelled before its metadata request", file: nil,
            requests: requests)
        results.append(result)
        await onResult(result)
    }
    return results
}

/// The simpler `gather` form of the chapter's first asyncio downloader: the
/// same bounded run, but the results come back in submission order (the
/// order of `codes`). `onResult` still sees each one as it finishes.
public func downloadGathered(
    codes: [String], client: HTTPClient, settings: DownloadSettings, maxRequests: Int,
    onResult: (DownloadResult) async -> Void = { _ in }
) async throws -> [DownloadResult] {
    let finished = try await supervisor(
        codes: codes, client: client, settings: settings, maxRequests: maxRequests, onResult: onResult)
    let byCode = Dictionary(finished.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
    // A code has no result only when cancellation stopped its job before it started.
    return codes.map { code in
        byCode[code] ?? DownloadResult(code: code, status: .cancelled, detail: "not started", file: nil, requests: 0)
    }
}

/// The system's reason, such as "No space left on device", rather than the
/// whole text of `_NIOFileSystem`'s error.
func reason(_ error: any Error) -> String {
    if let error = error as? FileSystemError, let call = error.cause as? FileSystemError.SystemCallError {
        return "\(call.errno) (\(call.systemCall))"
    }
    return "\(error)"
}
