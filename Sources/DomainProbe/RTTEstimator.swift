/// The retransmission timeout of RFC 6298, applied to DNS queries: a smoothed
/// round-trip time (SRTT) and its variation (RTTVAR), learned from answered
/// queries, give the wait before a query is sent again.
struct RTTEstimator: Sendable, Equatable {
    /// The shortest wait before a re-send. Against a local dnsmasq a 5 ms
    /// floor re-sent queries whose answers were only waiting for a CPU on a
    /// loaded machine; from 10 ms on most re-sends replaced real drops
    /// (docs/benchmarks.md), and a real drop still costs milliseconds.
    static let defaultFloor: Duration = .milliseconds(10)

    /// The longest wait for one answer: the user's `--timeout`.
    let ceiling: Duration
    let floor: Duration
    private(set) var smoothed: Duration?
    private(set) var variation: Duration = .zero

    init(ceiling: Duration, floor: Duration = defaultFloor) {
        self.ceiling = ceiling
        self.floor = min(floor, ceiling)
    }

    /// Takes the round trip of a query answered on its first send (Karn's
    /// rule: an answer after a re-send could answer either send).
    mutating func record(_ sample: Duration) {
        guard sample >= .zero else { return }
        guard let smoothed else {
            smoothed = sample
            variation = sample / 2
            return
        }
        let error = smoothed > sample ? smoothed - sample : sample - smoothed
        variation = variation * 3 / 4 + error / 4
        self.smoothed = smoothed * 7 / 8 + sample / 8
    }

    /// The wait after the `sends`-th send of one query: SRTT + 4·RTTVAR, at
    /// least `floor`, doubled for each earlier send, at most `ceiling`.
    /// Before any answer there is nothing to go by but the ceiling.
    func timeout(afterSends sends: Int) -> Duration {
        guard let smoothed else { return ceiling }
        var wait = max(floor, smoothed + variation * 4)
        var doublings = sends - 1
        while doublings > 0 && wait < ceiling {
            wait = wait * 2
            doublings -= 1
        }
        return min(wait, ceiling)
    }
}
