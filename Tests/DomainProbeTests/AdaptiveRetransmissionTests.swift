import NIOCore
import TestSupport
import Testing

@testable import DomainProbe

/// RFC 6298's arithmetic, with the round trips given by the test.
@Suite struct RTTEstimatorTests {
    @Test func beforeAnyAnswerTheWaitIsTheCeiling() {
        let estimator = RTTEstimator(ceiling: .seconds(2))
        #expect(estimator.timeout(afterSends: 1) == .seconds(2))
        #expect(estimator.timeout(afterSends: 3) == .seconds(2))
    }

    @Test func smoothedRoundTripAndVariation() {
        var estimator = RTTEstimator(ceiling: .seconds(2))
        estimator.record(.milliseconds(100))
        // SRTT = R, RTTVAR = R/2: 100 + 4 × 50 ms.
        #expect(estimator.smoothed == .milliseconds(100) && estimator.variation == .milliseconds(50))
        #expect(estimator.timeout(afterSends: 1) == .milliseconds(300))
        estimator.record(.milliseconds(200))
        // RTTVAR = 3/4 × 50 + 1/4 × |100 - 200| = 62.5; SRTT = 7/8 × 100 + 1/8 × 200 = 112.5.
        #expect(estimator.variation == .microseconds(62_500))
        #expect(estimator.smoothed == .microseconds(112_500))
        #expect(estimator.timeout(afterSends: 1) == .microseconds(362_500))
    }

    @Test func floorDoublingAndCeiling() {
        var estimator = RTTEstimator(ceiling: .milliseconds(100))
        estimator.record(.microseconds(200))
        #expect(estimator.timeout(afterSends: 1) == RTTEstimator.defaultFloor)
        #expect(estimator.timeout(afterSends: 2) == RTTEstimator.defaultFloor * 2)
        #expect(estimator.timeout(afterSends: 3) == RTTEstimator.defaultFloor * 4)
        #expect(estimator.timeout(afterSends: 5) == .milliseconds(100))
        #expect(estimator.timeout(afterSends: 1_000) == .milliseconds(100))
    }

    @Test func aCeilingBelowTheFloorWins() {
        var estimator = RTTEstimator(ceiling: .milliseconds(1))
        estimator.record(.microseconds(10))
        #expect(estimator.timeout(afterSends: 1) == .milliseconds(1))
    }

    @Test func steadyRoundTripsNarrowTheVariation() {
        var estimator = RTTEstimator(ceiling: .seconds(2))
        for _ in 0..<50 { estimator.record(.milliseconds(40)) }
        #expect(estimator.smoothed == .milliseconds(40))
        #expect(estimator.timeout(afterSends: 1) < .milliseconds(41))
        #expect(estimator.timeout(afterSends: 1) >= .milliseconds(40))
    }
}

/// `count` answers, each with the round trip `rtt` (nil: the query was sent more than once).
private func answer(_ window: inout CongestionWindow, _ count: Int, rtt: Duration?) {
    for _ in 0..<count { window.answered(rtt: rtt) }
}

/// A round trip that does not change: no queue builds up.
private let steady = Duration.microseconds(50)

/// Slow start, its end when round trips rise (HyStart++), additive increase
/// and multiplicative decrease, counted in events.
@Suite struct CongestionWindowTests {
    @Test func startsSmallAndNeverAboveTheCeiling() {
        #expect(CongestionWindow(ceiling: 1000).allowed == CongestionWindow.initialSize)
        #expect(CongestionWindow(ceiling: 4).allowed == 4)
        var window = CongestionWindow(ceiling: 25)
        answer(&window, 100, rtt: steady)
        #expect(window.allowed == 25)
    }

    @Test func doublesPerWindowOfAnswersUntilTheFirstLoss() {
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 10, rtt: steady)
        #expect(window.allowed == 20)
        answer(&window, 20, rtt: steady)
        #expect(window.allowed == 40)
    }

    @Test func steadyRoundTripsKeepDoublingUpToTheCeiling() {
        var window = CongestionWindow(ceiling: 1000)
        var sizes: [Int] = []
        for _ in 0..<8 {
            // Jitter within each round; the fastest answer of each round is the same.
            for i in 0..<window.allowed { window.answered(rtt: steady + .microseconds(10 * (i % 5))) }
            sizes.append(window.allowed)
        }
        #expect(sizes == [20, 40, 80, 160, 320, 640, 1000, 1000])
    }

    @Test func risingRoundTripsEndSlowStartBeforeAnyLoss() {
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 10, rtt: steady)
        #expect(window.allowed == 20)
        // The next round's answers waited behind a queue: the eighth of them
        // is enough to judge the round, and slow start ends there.
        answer(&window, 8, rtt: .microseconds(400))
        #expect(window.allowed == 28)
        answer(&window, 12, rtt: .microseconds(400))
        #expect(window.allowed == 28, "no longer one more per answer")
        // About one more per window of answers, as after a loss.
        answer(&window, 29, rtt: .microseconds(400))
        #expect(window.allowed == 29)
        // Slow start does not come back when round trips fall again.
        answer(&window, 30, rtt: steady)
        #expect(window.allowed == 30)
    }

    @Test func theRiseThatEndsSlowStartScalesWithTheRoundTrip() {
        // An eighth of the last round's fastest answer, from 100 µs to 16 ms.
        #expect(CongestionWindow.delayIncreaseThreshold(after: .microseconds(40)) == .microseconds(100))
        #expect(CongestionWindow.delayIncreaseThreshold(after: .milliseconds(2)) == .microseconds(250))
        #expect(CongestionWindow.delayIncreaseThreshold(after: .milliseconds(40)) == .milliseconds(5))
        #expect(CongestionWindow.delayIncreaseThreshold(after: .seconds(1)) == .milliseconds(16))
        // On a 40 ms path a rise of just under 5 ms is jitter ...
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 10, rtt: .milliseconds(40))
        answer(&window, 20, rtt: .milliseconds(40) + .microseconds(4_999))
        #expect(window.allowed == 40)
        // ... and the next rise, over an eighth of 44.999 ms, ends slow start.
        answer(&window, 40, rtt: .milliseconds(51))
        #expect(window.allowed == 48)
        // On loopback a rise under 100 µs is jitter too.
        var local = CongestionWindow(ceiling: 1000)
        answer(&local, 10, rtt: .microseconds(40))
        answer(&local, 20, rtt: .microseconds(139))
        #expect(local.allowed == 40)
    }

    @Test func answersWithoutARoundTripAreNoSample() {
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 10, rtt: steady)
        // Seven samples are too few to judge a round, however late they are;
        // answers to queries sent more than once still grow the window.
        answer(&window, 7, rtt: .milliseconds(5))
        answer(&window, 13, rtt: nil)
        #expect(window.allowed == 40)
        answer(&window, 40, rtt: nil)
        #expect(window.allowed == 80)
    }

    @Test func karnsRuleNoRoundTripFromAQuerySentAgain() {
        let sent = NIODeadline.uptimeNanoseconds(1_000_000)
        let answered = sent + TimeAmount.microseconds(250)
        func roundTrip(sends: Int) -> Duration? {
            DNSClientHandler.roundTrip(sends: sends, firstSent: sent, answeredAt: answered)
        }
        #expect(roundTrip(sends: 1) == Duration.microseconds(250))
        #expect(roundTrip(sends: 2) == nil)
        #expect(roundTrip(sends: 3) == nil)
    }

    /// A server that answers one query at a time, `perQuery` each, `oneWay`
    /// away: the round trip is mostly its queue, as on loopback. The client
    /// sends whenever the window has room; answers come back in the order
    /// sent. Returns the longest queue at the server and the final window.
    private func simulate(perQuery: Duration, oneWay: Duration, answers total: Int, roundTrips: Bool = true)
        -> (longestQueue: Int, window: Int)
    {
        var window = CongestionWindow(ceiling: 1000)
        var queries: [(sent: Duration, answered: Duration)] = []
        var next = 0
        // The first query not yet done by the server when the latest arrives.
        var unfinished = 0
        var serverFree = Duration.zero
        var longestQueue = 0
        var now = Duration.zero
        while next < total {
            while queries.count < total, queries.count - next < window.allowed {
                let arrival = now + oneWay
                serverFree = max(arrival, serverFree) + perQuery
                queries.append((sent: now, answered: serverFree + oneWay))
                while queries[unfinished].answered - oneWay <= arrival { unfinished += 1 }
                longestQueue = max(longestQueue, queries.count - unfinished)
            }
            now = queries[next].answered
            window.answered(rtt: roundTrips ? now - queries[next].sent : nil)
            next += 1
        }
        return (longestQueue, window.allowed)
    }

    /// dnsmasq's default receive buffer holds about 230 queries; slow start
    /// must end before its queue gets there, for servers from dnsmasq's pace
    /// on loopback (about 30 µs a query) to one twelve times faster.
    @Test(arguments: [30_000, 10_000, 5_000, 2_500])
    func slowStartEndsBeforeALocalServersQueueFillsItsBuffer(nanosecondsPerQuery: Int) {
        let perQuery = Duration.nanoseconds(nanosecondsPerQuery)
        let run = simulate(perQuery: perQuery, oneWay: .microseconds(10), answers: 2_000)
        #expect(run.longestQueue < 230)
        #expect(run.window < 230)
        // Without round trips, slow start runs to the ceiling and the queue with it.
        let blind = simulate(perQuery: perQuery, oneWay: .microseconds(10), answers: 2_000, roundTrips: false)
        #expect(blind.longestQueue > 900 && blind.window == 1000)
    }

    @Test func aLossHalvesThenGrowthIsAboutOnePerWindow() {
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 30, rtt: steady)
        let send = window.sent()
        window.lost(send: send)
        #expect(window.allowed == 20)
        answer(&window, 20, rtt: steady)
        #expect(window.allowed == 20 || window.allowed == 21)
        answer(&window, 21, rtt: steady)
        #expect(window.allowed == 22 || window.allowed == 21)
    }

    @Test func aLossAfterSlowStartEndedStillHalves() {
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 10, rtt: steady)
        answer(&window, 20, rtt: .microseconds(400))
        #expect(window.allowed == 28)
        window.lost(send: window.sent())
        #expect(window.allowed == 14)
    }

    @Test func lossesFromTheSameBurstHalveOnce() {
        var window = CongestionWindow(ceiling: 1000)
        answer(&window, 30, rtt: steady)
        let burst = (0..<40).map { _ in window.sent() }
        for send in burst { window.lost(send: send) }
        #expect(window.allowed == 20)
        // A send made after the cut is lost too: the smaller window is still too big.
        window.lost(send: window.sent())
        #expect(window.allowed == 10)
    }

    @Test func neverBelowOne() {
        var window = CongestionWindow(ceiling: 1000)
        for _ in 0..<20 { window.lost(send: window.sent()) }
        #expect(window.allowed == 1)
        window.answered(rtt: steady)
        #expect(window.allowed >= 1)
    }
}

/// The client against a server that loses queries, and against dnsmasq under bursts.
@Suite struct AdaptiveRetransmissionTests {
    @Test func lostQueriesAreSentAgainAfterMilliseconds() async throws {
        let responder = try await Responder.start(dropShare: 0.3, seed: 12)
        defer { Task { await responder.stop() } }
        let timeout = Duration.seconds(30)
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(responder.address), timeout: timeout, retries: 2)
        defer { Task { await resolver.close() } }
        let names = (0..<200).map { $0 % 2 == 0 ? "n\($0).test" : "nx\($0).test" }
        let start = ContinuousClock.now
        let results = try await allResults(names, limit: 100, using: resolver, seconds: 120)
        let elapsed = ContinuousClock.now - start
        #expect(results.count == 200)
        // NXDOMAIN is an answer: never an error.
        for result in results {
            #expect(result.status == (result.domain.hasPrefix("nx") ? .notFound : .found), "\(result)")
        }
        let counts = responder.snapshot
        #expect(counts.dropped > 30, "the seeded drops happened")
        #expect(counts.received >= 200 + counts.dropped, "every dropped query was sent again")
        #expect(counts.received < 1_000, "re-sends back off")
        // The old client waited the whole --timeout before each re-send. The
        // waits now follow the round trip (about 1-2 s for the run on an idle
        // machine, where the window shrinks to a few queries at this loss
        // rate); a loaded machine stretches round trips, not to 30 s.
        let gaps = counts.resendGaps.sorted()
        #expect(!gaps.isEmpty && gaps[gaps.count / 2] < timeout / 30, "median gap between sends")
        #expect(elapsed < timeout, "took \(elapsed)")
    }

    /// dnsmasq drops part of a burst of 1,000 queries; every name must still be
    /// told. One limit at a time: each run keeps a core busy for a moment.
    @Test(.serialized, arguments: [100, 1000])
    func tenThousandNamesAgainstDnsmasq(limit: Int) async throws {
        try await withDnsmasq { server in
            let resolver = try await NameserverResolver.connect(
                to: try NameserverResolver.address(server.address), maxInFlight: limit)
            defer { Task { await resolver.close() } }
            let names = (0..<10_000).map { $0 % 2 == 0 ? "n\($0).found.test" : "n\($0).test" }
            var counts: [ProbeStatus: Int] = [:]
            for await result in multiProbe(names, limit: limit, using: resolver) {
                counts[result.status, default: 0] += 1
            }
            #expect(counts == [.found: 5_000, .notFound: 5_000])
        }
    }
}
