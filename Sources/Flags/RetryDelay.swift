import TextSupport

/// The longest wait between two tries that any setting allows.
let maximumRetryDelay = Duration.seconds(60)

/// How long to wait before the try after `attempt` (1 for the first request):
/// the server's `Retry-After` when it is a number of seconds, else `base`
/// doubled per attempt; never more than `cap`, itself at most a minute. A
/// server may send anything (`nan`, `1e300`, `-5`, an HTTP date), so nothing
/// here can trap. The one place that decides a retry's wait.
func retryDelay(retryAfter header: String?, attempt: Int, base: Double, cap: Duration = maximumRetryDelay) -> Duration {
    let limit = min(cap, maximumRetryDelay)
    // RFC 9110: delay-seconds is 1*DIGIT; an HTTP date, "nan" or "1e9" falls back to the backoff.
    if let text = header?.trimming(isHeaderSpace), !text.isEmpty,
        text.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
        let seconds = Double(text)
    {
        return .seconds(clamping: seconds, to: limit)
    }
    let doublings = min(max(attempt - 1, 0), 62)
    return .seconds(clamping: base * Double(sign: .plus, exponent: doublings, significand: 1), to: limit)
}
