import TextSupport

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
