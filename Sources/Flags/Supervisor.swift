import AsyncHTTPClient
import AsyncSupport

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
