import DomainProbe
import TestSupport
import Testing

@Suite struct SystemResolverTests {
    @Test func localhostIsFound() async {
        #expect(await probe("localhost") == ProbeResult(domain: "localhost", status: .found))
    }

    @Test func invalidTLDIsNotFound() async {
        // RFC 6761 reserves .invalid: resolvers must answer NXDOMAIN.
        #expect(await probe("something.invalid").status == .notFound)
    }

    @Test func malformedNameIsAnErrorNotNotFound() async {
        let result = await probe("bad..name")
        #expect(result.status == .error("invalid name: empty label in 'bad..name'"))
    }
}

@Suite struct NameserverResolverTests {
    @Test func dnsmasqAnswersAreTold() async throws {
        try await withDnsmasq { server in
            let resolver = try await NameserverResolver.connect(
                to: try NameserverResolver.address(server.address), timeout: .seconds(1), retries: 1)
            defer { Task { await resolver.close() } }
            #expect(await probe("found.test", using: resolver).status == .found)
            #expect(await probe("www.found.test", using: resolver).status == .found)
            // Only an AAAA record: found by the second question.
            #expect(await probe("v6.test", using: resolver).status == .found)
            #expect(await probe("nope.test", using: resolver).status == .notFound)
            // Outside dnsmasq's authority and with no upstream: REFUSED, an error.
            #expect(await probe("python.org", using: resolver).status == .error("REFUSED"))
        }
    }

    @Test func servfailIsAnError() async throws {
        let responder = try await Responder.start()
        defer { Task { await responder.stop() } }
        let resolver = try await NameserverResolver.connect(to: try NameserverResolver.address(responder.address))
        defer { Task { await resolver.close() } }
        #expect(await probe("servfail.test", using: resolver).status == .error("SERVFAIL"))
    }

    @Test func strayAndMalformedPacketsAreIgnored() async throws {
        let responder = try await Responder.start()
        defer { Task { await responder.stop() } }
        let resolver = try await NameserverResolver.connect(to: try NameserverResolver.address(responder.address))
        defer { Task { await resolver.close() } }
        #expect(await probe("noisy.test", using: resolver).status == .found)
    }

    /// Before any answer the wait is the whole --timeout, so a silent server
    /// gets the first send and `retries` more, and the question ends after
    /// timeout × (retries + 1).
    @Test func silentServerTimesOutAfterRetries() async throws {
        let silent = try await Responder.start()
        defer { Task { await silent.stop() } }
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(silent.address), timeout: .milliseconds(200), retries: 2)
        defer { Task { await resolver.close() } }
        let start = ContinuousClock.now
        let result = try await withTimeout(.seconds(10), "lookup") { await probe("silent.test", using: resolver) }
        let elapsed = ContinuousClock.now - start
        #expect(result.status == .error("timeout"))
        // 3 sends (first try and two retries); 2 when a loaded machine runs the
        // last re-send's timer after the deadline, which then ends the query.
        #expect((2...3).contains(silent.snapshot.received))
        #expect(elapsed >= .milliseconds(580) && elapsed < .seconds(8))
    }

    /// The responder answers only when the question comes a second time, and
    /// with the first send's ID: the re-send keeps the ID, so that answer counts.
    @Test func lateAnswerToAnEarlierTryCounts() async throws {
        let responder = try await Responder.start()
        defer { Task { await responder.stop() } }
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(responder.address), timeout: .milliseconds(300), retries: 10)
        defer { Task { await resolver.close() } }
        let result = try await withTimeout(.seconds(10), "lookup") { await probe("late.test", using: resolver) }
        #expect(result.status == .found)
        #expect(responder.snapshot.received >= 2)
    }

    @Test func closedResolverAnswersAtOnce() async throws {
        let silent = try await Responder.start()
        defer { Task { await silent.stop() } }
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(silent.address), timeout: .seconds(30), retries: 0)
        await resolver.close()
        let result = try await withTimeout(.seconds(5), "lookup") { await probe("late.test", using: resolver) }
        #expect(result.status == .error("resolver closed"))
    }

    @Test func cancellingEndsLookupsInFlight() async throws {
        let silent = try await Responder.start()
        defer { Task { await silent.stop() } }
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(silent.address), timeout: .seconds(30), retries: 0)
        defer { Task { await resolver.close() } }
        let lookup = Task { await probe("silent.test", using: resolver) }
        try await Task.sleep(for: .milliseconds(100))
        lookup.cancel()
        let result = try await withTimeout(.seconds(5), "lookup") { await lookup.value }
        #expect(result.status == .error("cancelled"))
    }

    @Test func invalidNamesSendNothing() async throws {
        let silent = try await Responder.start()
        defer { Task { await silent.stop() } }
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(silent.address), timeout: .seconds(5), retries: 0)
        defer { Task { await resolver.close() } }
        for name in ["a..test", String(repeating: "x", count: 64) + ".test", "under_score.test", ""] {
            guard case .error(let reason) = await probe(name, using: resolver).status else {
                Issue.record("\(name) was not an error")
                continue
            }
            #expect(reason.hasPrefix("invalid name"))
        }
        try await Task.sleep(for: .milliseconds(100))
        #expect(silent.snapshot.received == 0)
    }

    @Test(arguments: [
        ("127.0.0.1", "127.0.0.1", 53), ("127.0.0.1:5353", "127.0.0.1", 5353),
        ("::1", "::1", 53), ("[::1]:5300", "::1", 5300),
    ])
    func nameserverAddresses(_ text: String, _ ip: String, _ port: Int) throws {
        let address = try NameserverResolver.address(text)
        #expect(address.ipAddress == ip && address.port == port)
    }

    @Test(arguments: ["dns.google", "127.0.0.1:x", "127.0.0.1:70000", "[::1]5300", ""])
    func badNameserverAddresses(_ text: String) {
        #expect(throws: DomainProbeError.self) { try NameserverResolver.address(text) }
    }
}

@Suite struct MultiProbeTests {
    @Test func resultsArriveInCompletionOrder() async throws {
        let responder = try await Responder.start()
        defer { Task { await responder.stop() } }
        let resolver = try await NameserverResolver.connect(to: try NameserverResolver.address(responder.address))
        defer { Task { await resolver.close() } }
        let names = ["d600.test", "d50.test", "d400.test", "d200.test", "bad..test"]
        let order = try await allResults(names, limit: 10, using: resolver).map(\.domain)
        #expect(order == ["bad..test", "d50.test", "d200.test", "d400.test", "d600.test"])
    }

    /// At most `limit` lookups run; the resolver's window (`maxInFlight`)
    /// holds too when more lookups are waiting for it.
    @Test(arguments: [(limit: 4, maxInFlight: 100), (limit: 12, maxInFlight: 3)])
    func neverMoreThanLimitInFlight(limit: Int, maxInFlight: Int) async throws {
        let responder = try await Responder.start()
        defer { Task { await responder.stop() } }
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(responder.address), maxInFlight: maxInFlight)
        defer { Task { await resolver.close() } }
        let names = (0..<12).map { "d\(150 + $0 % 4 * 10).n\($0).test" }
        let results = try await allResults(names, limit: limit, using: resolver)
        #expect(Set(results.map(\.domain)) == Set(names))
        #expect(results.allSatisfy { $0.status == .found })
        #expect(responder.snapshot.maxOutstanding == min(limit, maxInFlight))
    }

    @Test func manyLookupsShareOneSocketAgainstDnsmasq() async throws {
        try await withDnsmasq { server in
            let resolver = try await NameserverResolver.connect(to: try NameserverResolver.address(server.address))
            defer { Task { await resolver.close() } }
            let found = (0..<300).map { "n\($0).found.test" }
            let missing = (0..<300).map { "n\($0).test" }
            var counts: [ProbeStatus: Int] = [:]
            for await result in multiProbe(found + missing, limit: 200, using: resolver) {
                counts[result.status, default: 0] += 1
                #expect(result.status == (result.domain.hasSuffix("found.test") ? .found : .notFound))
            }
            #expect(counts == [.found: 300, .notFound: 300])
        }
    }

    /// The chapter's async comprehension `[d async for d, found in multi_probe(...) if found]`.
    @Test func asyncComprehensionWithFilterAndMap() async throws {
        try await withDnsmasq { server in
            let resolver = try await NameserverResolver.connect(to: try NameserverResolver.address(server.address))
            defer { Task { await resolver.close() } }
            let names = ["a.found.test", "b.test", "c.found.test", "d.test", "python.org"]
            var taken: [String] = []
            for await domain in multiProbe(names, limit: 5, using: resolver).filter({ $0.status == .found }).map(
                \.domain)
            {
                taken.append(domain)
            }
            #expect(taken.sorted() == ["a.found.test", "c.found.test"])
        }
    }
}
