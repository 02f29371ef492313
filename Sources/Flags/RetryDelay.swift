import AsyncSupport

/// The longest wait between two tries, whatever the server asks for.
let maximumRetryDelay = Duration.seconds(60)

/// How long to wait before try `attempt + 1`: the server's `Retry-After` in
/// seconds when it sends a number, else `base` doubled per attempt; never
/// more than a minute. A server may send anything (`nan`, `1e300`, `-5`, an
/// HTTP date), so nothing here can trap.
func retryDelay(retryAfter header: String?, attempt: Int, base: Double) -> Duration {
    if let header, let seconds = Double(header.trimmingSpaces) {
        return .seconds(clamping: seconds, to: maximumRetryDelay)
    }
    let doublings = min(max(attempt - 1, 0), 62)
    return .seconds(clamping: base * Double(1 << doublings), to: maximumRetryDelay)
}

extension String {
    fileprivate var trimmingSpaces: Substring {
        let trimmed = drop { $0 == " " || $0 == "\t" }
        return trimmed.dropLast(trimmed.reversed().prefix { $0 == " " || $0 == "\t" }.count)
    }
}
