/// How many queries may be in flight: TCP's congestion control (RFC 5681)
/// applied to DNS queries. The window starts small and doubles every round
/// trip (one more per answer) until the first loss; after that it grows by
/// about one per window of answers, and each loss halves it. It never exceeds
/// `ceiling` (the user's `--limit`) and never falls below one.
struct CongestionWindow: Sendable, Equatable {
    /// Queries sent before anything is known about the server: few enough
    /// that no server drops them, as TCP's initial window (RFC 6928).
    static let initialSize = 10

    let ceiling: Int
    private var size: Double
    /// Below it the window doubles per round trip (slow start), above it it grows linearly.
    private var threshold: Double
    private var sends: UInt64 = 0
    /// Sends numbered below this were out when the window last shrank: their
    /// loss was caused by the old window, so it does not shrink it again.
    private var recoveryPoint: UInt64 = 0

    init(ceiling: Int, initialSize: Int = Self.initialSize) {
        self.ceiling = max(1, ceiling)
        size = Double(min(max(1, initialSize), self.ceiling))
        threshold = Double(self.ceiling)
    }

    /// Queries that may be in flight now.
    var allowed: Int { Int(size) }

    /// Numbers a send (first or repeated), for `lost(send:)`.
    mutating func sent() -> UInt64 {
        defer { sends += 1 }
        return sends
    }

    mutating func answered() {
        size = min(Double(ceiling), size < threshold ? size + 1 : size + 1 / size)
    }

    /// A send went unanswered for its whole retransmission timeout.
    mutating func lost(send: UInt64) {
        guard send >= recoveryPoint else { return }
        size = max(1, (size / 2).rounded(.down))
        threshold = size
        recoveryPoint = sends
    }
}
