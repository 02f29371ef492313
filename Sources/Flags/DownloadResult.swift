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
