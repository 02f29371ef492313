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

/// Additive increase, multiplicative decrease, counted in events.
@Suite struct CongestionWindowTests {
    @Test func startsSmallAndNeverAboveTheCeiling() {
        #expect(CongestionWindow(ceiling: 1000).allowed == CongestionWindow.initialSize)
        #expect(CongestionWindow(ceiling: 4).allowed == 4)
        var window = CongestionWindow(ceiling: 25)
        for _ in 0..<100 { window.answered() }
        #expect(window.allowed == 25)
    }

    @Test func doublesPerWindowOfAnswersUntilTheFirstLoss() {
        var window = CongestionWindow(ceiling: 1000)
        for _ in 0..<10 { window.answered() }
        #expect(window.allowed == 20)
        for _ in 0..<20 { window.answered() }
        #expect(window.allowed == 40)
    }

    @Test func aLossHalvesThenGrowthIsAboutOnePerWindow() {
        var window = CongestionWindow(ceiling: 1000)
        for _ in 0..<30 { window.answered() }
        let send = window.sent()
        window.lost(send: send)
        #expect(window.allowed == 20)
        for _ in 0..<20 { window.answered() }
        #expect(window.allowed == 20 || window.allowed == 21)
        for _ in 0..<21 { window.answered() }
        #expect(window.allowed == 22 || window.allowed == 21)
    }

    @Test func lossesFromTheSameBurstHalveOnce() {
        var window = CongestionWindow(ceiling: 1000)
        for _ in 0..<30 { window.answered() }
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
        window.answered()
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
