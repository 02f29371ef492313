import AsyncHTTPClient

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
