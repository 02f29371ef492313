/// How many queries may be in flight: TCP's congestion control (RFC 5681)
/// applied to DNS queries. The window starts small and doubles every round
/// trip (one more per answer) in slow start. Slow start ends at the first
/// loss, or before any loss when round trips start to rise (HyStart++,
/// RFC 9406): a rising round trip means the server's queue is growing, and
/// the next doublings may overflow its receive buffer in one burst. After
/// slow start the window grows by about one per window of answers, and each
/// loss halves it. It never exceeds `ceiling` (the user's `--limit`) and
/// never falls below one.
struct CongestionWindow: Sendable, Equatable {
    /// Queries sent before anything is known about the server: few enough
    /// that no server drops them, as TCP's initial window (RFC 6928).
    static let initialSize = 10

    // HyStart++ (RFC 9406). A round is a window's worth of answers: the
    // window when the round starts. The minimum round trip of a round is
    // compared with the last round's once the round has `samplesPerRound`
    // samples (N_RTT_SAMPLE); a minimum over several samples ignores late answers.

    /// Samples a round needs before it is compared with the last (N_RTT_SAMPLE).
    static let samplesPerRound = 8

    /// The smallest rise of the minimum round trip that ends slow start
    /// (RFC 9406's MIN_RTT_THRESH is 4 ms, for the Internet, whose round trips
    /// jitter by milliseconds). A DNS server on the same host or network
    /// answers in tens of microseconds, so a round trip is mostly its queue:
    /// queries ahead × its time per query (dnsmasq on loopback: 10,000
    /// lookups in about 0.3 s, some 30 µs each). In slow start the first
    /// answers of a round waited behind the queue of the round before, so
    /// the round's minimum rises by about a quarter of the current window ×
    /// the time per query. At 30 µs a query a 4 ms rise comes at a window of
    /// about 600 and 1 ms at about 160; dnsmasq's default receive buffer
    /// holds about 230 queries, and a server twice as fast would overflow it
    /// before even 1 ms shows. 100 µs ends slow start at a window of 20 to 160
    /// for servers from 30 µs down to 2.5 µs a query, and is meant to stay
    /// above the jitter of the fastest of eight answers on a local network.
    static let minimumDelayIncrease: Duration = .microseconds(100)
    /// The largest rise that is ever required (MAX_RTT_THRESH, as RFC 9406).
    static let maximumDelayIncrease: Duration = .milliseconds(16)
    /// Between the two, the rise required is this fraction of the last
    /// round's minimum (MIN_RTT_DIVISOR, as RFC 9406), so a slower path needs
    /// a proportionally larger rise.
    static let delayIncreaseDivisor = 8

    let ceiling: Int
    private var size: Double
    /// Below it the window doubles per round trip (slow start), above it it grows linearly.
    private var threshold: Double
    private var sends: UInt64 = 0
    /// Sends numbered below this were out when the window last shrank: their
    /// loss was caused by the old window, so it does not shrink it again.
    private var recoveryPoint: UInt64 = 0

    /// Answers left in the current slow-start round.
    private var roundAnswersLeft: Int
    /// Round-trip samples in the current round, and their minimum.
    private var roundSamples = 0
    private var roundMinimum: Duration?
    private var lastRoundMinimum: Duration?

    init(ceiling: Int, initialSize: Int = Self.initialSize) {
        self.ceiling = max(1, ceiling)
        size = Double(min(max(1, initialSize), self.ceiling))
        threshold = Double(self.ceiling)
        roundAnswersLeft = Int(size)
    }

    /// Queries that may be in flight now.
    var allowed: Int { Int(size) }

    /// The rise of a round's minimum round trip, over the last round's
    /// minimum `last`, that ends slow start: `last` / 8, clamped to
    /// 100 µs ... 16 ms.
    static func delayIncreaseThreshold(after last: Duration) -> Duration {
        max(minimumDelayIncrease, min(last / delayIncreaseDivisor, maximumDelayIncrease))
    }

    /// Numbers a send (first or repeated), for `lost(send:)`.
    mutating func sent() -> UInt64 {
        defer { sends += 1 }
        return sends
    }

    /// A query was answered. `rtt` is its round trip, or nil when the query
    /// was sent more than once: the answer may be to any of its sends, so its
    /// round trip is unknown (Karn's rule). Such answers count toward the
    /// round and grow the window, but are no sample.
    mutating func answered(rtt: Duration?) {
        guard size < threshold else {
            size = min(Double(ceiling), size + 1 / size)
            return
        }
        size = min(Double(ceiling), size + 1)
        if let rtt, rtt >= .zero {
            roundMinimum = min(roundMinimum ?? rtt, rtt)
            roundSamples += 1
            if roundSamples >= Self.samplesPerRound, let last = lastRoundMinimum, let current = roundMinimum,
                current >= last + Self.delayIncreaseThreshold(after: last)
            {
                // Straight to congestion avoidance, not RFC 9406's
                // Conservative Slow Start (a quarter of slow start's growth
                // for five more rounds, back to slow start if round trips
                // fall). Here the rise is the server's queue itself: a local
                // network adds almost nothing else. Five more rounds at 1.25×
                // would triple the window after its queue showed, and from an
                // exit near 80 that fills dnsmasq's buffer, the very burst
                // loss this exit avoids. A false exit (the client busy
                // elsewhere delays a whole round's answers) costs only
                // linear growth from there, and local rounds last about a
                // millisecond or less.
                threshold = size
                return
            }
        }
        roundAnswersLeft -= 1
        if roundAnswersLeft <= 0 {
            lastRoundMinimum = roundMinimum
            roundMinimum = nil
            roundSamples = 0
            roundAnswersLeft = allowed
        }
    }

    /// A send went unanswered for its whole retransmission timeout.
    mutating func lost(send: UInt64) {
        guard send >= recoveryPoint else { return }
        size = max(1, (size / 2).rounded(.down))
        threshold = size
        recoveryPoint = sends
    }
}
