import AsyncHTTPClient
import FlagCountries
import Foundation
import NIOCore
import NIOHTTP1
import PackageVersion
import TestSupport
import Testing

@testable import FlagsServer

@Suite struct CountryDataTests {
    @Test func theChaptersCodes() {
        let codes = CountryData.codes
        #expect(codes.count == 194)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(codes.first == "AD" && codes.last == "ZW")
        #expect(codes.allSatisfy { $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
        // The book's list has no Dominican Republic but has Taiwan and Vatican City.
        #expect(!codes.contains("DO") && codes.contains("TW") && codes.contains("VA"))
        #expect(CountryData.name(for: "us") == "United States")
        #expect(CountryData.name(for: "GB") == "United Kingdom")
        #expect(CountryData.name(for: "XX") == nil)
        #expect(BuiltInFlags.gif(for: "xx") == nil)
    }

    @Test func everyGIFDecodesAndIsDistinct() throws {
        var seen = Set<[UInt8]>()
        for code in CountryData.codes {
            let gif = try #require(BuiltInFlags.gif(for: code))
            #expect(Array(gif.prefix(6)) == Array("GIF89a".utf8))
            #expect(gif.last == 0x3B)
            let image = try decodeGIF(gif)
            #expect(image.width == FlagDrawing.width && image.height == FlagDrawing.height)
            // The bottom strip spells the code in ten binary cells.
            let letters = code.unicodeScalars.map { Int($0.value) - 65 }
            let bits = letters[0] << 5 | letters[1]
            let y = image.height - 1
            for cell in 0..<10 {
                let x = cell * image.width / 10 + 2
                let black = image.palette[Int(image.pixels[y * image.width + x])] == [0, 0, 0]
                #expect(black == ((bits >> (9 - cell)) & 1 == 1), "cell \(cell) of \(code)")
            }
            seen.insert(image.pixels)
        }
        #expect(seen.count == 194)
    }

    @Test func lzwSurvivesAFullTable() throws {
        // Noise fills the 4,096-entry table, so the encoder must widen to 12 bits and clear.
        var generator = SplitMix64(seed: 7)
        let pixels = (0..<(200 * 200)).map { _ in UInt8(generator.next() % 8) }
        let palette: [(UInt8, UInt8, UInt8)] = (0..<8).map { (index: Int) in
            (UInt8(index * 30), UInt8(index), UInt8(255 - index))
        }
        let gif = GIFEncoder.encode(width: 200, height: 200, palette: palette, pixels: pixels)
        let image = try decodeGIF(gif)
        #expect(image.pixels == pixels)
    }
}

@Suite struct FlagsServerTests {
    @Test func servesEveryBuiltInFlagAndItsMetadata() async throws {
        try await withFlagsServer { server in
            try await withClient(connections: 8) { client in
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for code in CountryData.codes {
                        group.addTask {
                            let cc = code.lowercased()
                            let gif = try await fetch(client, "\(server.baseURL)/\(cc)/\(cc).gif")
                            #expect(gif.status == 200)
                            #expect(gif.headers.first(name: "content-type") == "image/gif")
                            #expect(gif.body == BuiltInFlags.gif(for: code))
                            #expect(Array(gif.body.prefix(6)) == Array("GIF89a".utf8) && gif.body.last == 0x3B)
                            _ = try decodeGIF(gif.body)

                            let meta = try await fetch(client, "\(server.baseURL)/\(cc)/metadata.json")
                            #expect(meta.status == 200)
                            #expect(meta.headers.first(name: "content-type") == "application/json")
                            let json = try JSONSerialization.jsonObject(with: Data(meta.body)) as? [String: String]
                            #expect(json?["iso_cc"] == code)
                            #expect(json?["country"] == CountryData.name(for: code))
                            #expect(json?["tld_cc"] == (code == "GB" ? ".uk" : ".\(cc)"))
                        }
                    }
                    try await group.waitForAll()
                }
            }
            let stats = await server.stats()
            #expect(stats.requests == 2 * 194)
            #expect(stats.inFlight == 0)
            #expect((1...8).contains(stats.maxInFlight))
        }
    }

    @Test func metadataMatchesTheBooksShape() {
        let json = String(decoding: CountryData.metadataJSON(for: "ad")!, as: UTF8.self)
        #expect(json == #"{"tld_cc": ".ad", "iso_cc": "AD", "country": "Andorra"}"#)
    }

    @Test func unknownPathsAre404() async throws {
        try await withFlagsServer { server in
            try await withClient { client in
                let base = "http://127.0.0.1:\(server.port)"
                for path in [
                    "/flags/xx/xx.gif", "/flags/xx/metadata.json", "/flags/ad/ae.gif", "/flags/AD/AD.gif",
                    "/flags/ad/ad.png", "/flags/ad", "/flags/ad/ad.gif/more", "/flags/abc/abc.gif", "/flags",
                    "/elsewhere",
                ] {
                    let response = try await fetch(client, base + path)
                    #expect(response.status == 404, "\(path)")
                }
            }
        }
    }

    @Test func headAnswersHeadersWithoutABody() async throws {
        try await withFlagsServer { server in
            try await withClient { client in
                let response = try await fetch(client, "\(server.baseURL)/br/br.gif", method: .HEAD)
                #expect(response.status == 200)
                #expect(response.body.isEmpty)
                #expect(response.headers.first(name: "content-type") == "image/gif")
                #expect(response.headers.first(name: "content-length") == "\(BuiltInFlags.gif(for: "BR")!.count)")
                let missing = try await fetch(client, "\(server.baseURL)/xx/xx.gif", method: .HEAD)
                #expect(missing.status == 404)
            }
        }
    }

    @Test func headWorksWhereverGetDoes() async throws {
        try await withFlagsServer { server in
            for path in ["/ping", "/stats", "/flags/ad/metadata.json"] {
                let get = try await rawRequest(port: server.port, path: path)
                let head = try await rawRequest(port: server.port, path: path, method: "HEAD")
                #expect(statusCode(ofRaw: head) == statusCode(ofRaw: get), "\(path)")
                #expect(head.hasSuffix("\r\n\r\n"), "HEAD \(path) sent a body: \(head)")
                let bodyLength =
                    get.utf8.count - (get.range(of: "\r\n\r\n").map { get[..<$0.upperBound].utf8.count } ?? 0)
                #expect(head.lowercased().contains("content-length: \(bodyLength)\r\n"), "\(path): \(head)")
            }
        }
    }

    @Test(arguments: [
        ("POST", "/ping", "GET, HEAD"), ("DELETE", "/flags/ad/ad.gif", "GET, HEAD"), ("PUT", "/stats", "GET, HEAD"),
        ("GET", "/stats/reset", "POST"), ("TRACE", "/flags", "GET, HEAD"), ("QUERY", "/flags/ad/x/y", "GET, HEAD"),
    ])
    func otherMethodsAre405WithAllow(method: String, path: String, allow: String) async throws {
        try await withFlagsServer { server in
            let response = try await rawRequest(port: server.port, path: path, method: method)
            #expect(statusCode(ofRaw: response) == 405, "\(method) \(path): \(response)")
            #expect(
                response.lowercased().contains("allow: \(allow.lowercased())\r\n"), "\(method) \(path): \(response)")
            let unknown = try await rawRequest(port: server.port, path: "/elsewhere", method: method)
            #expect(statusCode(ofRaw: unknown) == 404)
        }
    }

    @Test func directoryModeServesAFolder() async throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let folder = root.appendingPathComponent("flags/zz")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let gif = Data([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 1, 2, 3, 0x3B])
        try gif.write(to: folder.appendingPathComponent("zz.gif"))
        try Data(#"{"country": "Zedland"}"#.utf8).write(to: folder.appendingPathComponent("metadata.json"))
        try Data("notes".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("secret".utf8).write(to: root.appendingPathComponent("secret.txt"))

        try await withFlagsServer(FlagsServerOptions(directory: root.path)) { server in
            try await withClient { client in
                let image = try await fetch(client, "\(server.baseURL)/zz/zz.gif")
                #expect(image.status == 200)
                #expect(image.body == Array(gif))
                #expect(image.headers.first(name: "content-type") == "image/gif")
                let meta = try await fetch(client, "\(server.baseURL)/zz/metadata.json")
                #expect(meta.text == #"{"country": "Zedland"}"#)
                #expect(meta.headers.first(name: "content-type") == "application/json")
                let notes = try await fetch(client, "\(server.baseURL)/zz/notes.txt")
                #expect(notes.headers.first(name: "content-type")?.hasPrefix("text/plain") == true)
                // The built-in set is not mixed in, and folders and missing files are 404.
                for path in ["/ad/ad.gif", "/zz/missing.gif", "/zz", "/zz/"] {
                    #expect(try await fetch(client, server.baseURL + path).status == 404, "\(path)")
                }
            }
        }
    }

    @Test func directoryModeRefusesAMissingFolder() async throws {
        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("no-such-\(UUID())").path
        await #expect(throws: FlagsServerError.directoryNotFound(missing)) {
            _ = try await startFlagsServer(FlagsServerOptions(directory: missing))
        }
    }

    /// A slash followed by a combining accent is one Character that is not
    /// "/": the check must look at bytes. So must the hidden-file check.
    @Test func segmentsAreCheckedByTheByte() {
        #expect(FlagPath.segments(of: "/flags/zz%2F%CC%81x/x.gif") == nil)
        #expect(FlagPath.segments(of: "/flags/zz/.%CC%81hidden") == nil)
        #expect(FlagPath.segments(of: "/flags/zz/%5C%CC%81x") == nil)
        #expect(FlagPath.segments(of: "/flags/zz/%C3%A9.gif") == ["zz", "é.gif"])
    }

    @Test func pathTraversalIsRefused() async throws {
        let root = try makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        try FileManager.default.createDirectory(
            at: root.appendingPathComponent("flags/zz"), withIntermediateDirectories: true)
        try Data("top secret".utf8).write(to: root.appendingPathComponent("secret.txt"))
        try Data("hidden".utf8).write(to: root.appendingPathComponent("flags/zz/.hidden"))
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("flags/zz/link.gif").path, withDestinationPath: "../../secret.txt")
        try FileManager.default.createSymbolicLink(
            atPath: root.appendingPathComponent("flags/up").path, withDestinationPath: "..")

        try await withFlagsServer(FlagsServerOptions(directory: root.path)) { server in
            let attempts = [
                "/flags/../secret.txt", "/flags/zz/../../secret.txt", "/flags/%2e%2e/secret.txt",
                "/flags/zz/..%2f..%2fsecret.txt", "/flags/zz/%2e%2e%2f%2e%2e%2fsecret.txt", "/flags/./../secret.txt",
                "/flags/zz/..%5c..%5csecret.txt", "/flags/zz/.hidden", "/flags/zz/%00secret.txt",
                "/flags/zz/link.gif", "/flags/up/secret.txt",
            ]
            for path in attempts {
                let response = try await rawRequest(port: server.port, path: path)
                let status = statusCode(ofRaw: response)
                #expect(status == 400 || status == 404, "\(path): \(response.prefix(40))")
                #expect(!response.contains("top secret") && !response.contains("hidden"), "\(path)")
            }
            // Each attempt reached the flags route as sent, rather than being rewritten on the way.
            #expect(await server.stats().requests == attempts.count)
        }
    }

    @Test func statsRoutes() async throws {
        try await withFlagsServer { server in
            try await withClient { client in
                for _ in 0..<3 { _ = try await fetch(client, "\(server.baseURL)/fr/fr.gif") }
                let stats = try await fetch(client, "http://127.0.0.1:\(server.port)/stats")
                #expect(stats.headers.first(name: "content-type") == "application/json")
                let decoded = try JSONDecoder().decode(FlagsServerStats.self, from: Data(stats.body))
                #expect(decoded == FlagsServerStats(requests: 3, inFlight: 0, maxInFlight: 1))
                let reset = try await fetch(client, "http://127.0.0.1:\(server.port)/stats/reset", method: .POST)
                #expect(reset.status == 200)
                #expect(await server.stats() == FlagsServerStats())
                _ = try await fetch(client, "\(server.baseURL)/fr/fr.gif")
                await server.resetStats()
                #expect(await server.stats() == FlagsServerStats())
            }
        }
    }

    @Test func serverHeaderAndVersionRouteCarryThePackageVersion() async throws {
        try await withFlagsServer { server in
            try await withClient { client in
                let flag = try await fetch(client, "\(server.baseURL)/fr/fr.gif")
                #expect(flag.headers.first(name: "server") == "flags-server/\(PackageVersion.current)")
                let version = try await fetch(client, "http://127.0.0.1:\(server.port)/version")
                #expect(version.status == 200)
                #expect(version.text == "flags-server \(PackageVersion.current) (AsyncNetTools)\n")
            }
        }
    }

    @Test func errorsAre418WithAShortBody() async throws {
        try await withFlagsServer(FlagsServerOptions(errorRate: 1)) { server in
            try await withClient { client in
                let response = try await fetch(client, "\(server.baseURL)/ad/ad.gif")
                #expect(response.status == 418)
                #expect(!response.body.isEmpty && response.body.count < 100)
                // /stats is never delayed nor failed.
                #expect(try await fetch(client, "http://127.0.0.1:\(server.port)/stats").status == 200)
            }
        }
    }

    @Test func stopClosesThePort() async throws {
        let server = try await startFlagsServer(FlagsServerOptions())
        #expect(server.baseURL == "http://127.0.0.1:\(server.port)/flags")
        #expect(statusCode(ofRaw: try await rawRequest(port: server.port, path: "/flags/ad/ad.gif")) == 200)
        await server.stop()
        await #expect(throws: (any Error).self) {
            _ = try await rawRequest(port: server.port, path: "/flags/ad/ad.gif")
        }
    }

    @Test func stopWaitsForRequestsInFlightAndClosesIdleConnections() async throws {
        let server = try await startFlagsServer(FlagsServerOptions(delay: 0.5...0.5))
        try await withClient { client in
            // An idle keep-alive connection, then a request still waiting on its delay.
            #expect(try await fetch(client, "\(server.baseURL)/ad/ad.gif").status == 200)
            async let slow = fetch(client, "\(server.baseURL)/ae/ae.gif")
            // Stop only once the server holds that request (a fixed sleep raced a loaded machine).
            let deadline = ContinuousClock.now + .seconds(20)
            while await server.stats().requests < 2, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(10))
            }
            let start = ContinuousClock.now
            await server.stop()
            #expect(ContinuousClock.now - start < .seconds(15))  // a hang, not a slow machine
            #expect(try await slow.status == 200)
            #expect(await server.stats().inFlight == 0)
        }
        await #expect(throws: (any Error).self) {
            _ = try await rawRequest(port: server.port, path: "/flags/ad/ad.gif")
        }
    }

    @Test func aBusyPortIsAClearError() async throws {
        try await withFlagsServer { server in
            await #expect {
                _ = try await startFlagsServer(FlagsServerOptions(port: server.port))
            } throws: { error in
                guard case .startFailed = error as? FlagsServerError else { return false }
                return true
            }
        }
    }

    @Test func badOptionsAreRejected() async throws {
        for options in [
            FlagsServerOptions(errorRate: 1.5), FlagsServerOptions(port: 70000),
            FlagsServerOptions(delay: -1...1), FlagsServerOptions(errorRate: -0.1), FlagsServerOptions(backlog: 0),
            FlagsServerOptions(backlog: 65536),
        ] {
            await #expect(throws: FlagsServerError.self) { _ = try await startFlagsServer(options) }
        }
    }

    @Test func presetsHaveTheChaptersParameters() {
        let local = FlagsServerOptions.preset(.local)
        #expect(local.port == 8000 && local.delay == nil && local.errorRate == 0)
        let delay = FlagsServerOptions.preset(.delay)
        #expect(delay.port == 8001 && delay.delay == 0.5...5.0 && delay.errorRate == 0)
        let error = FlagsServerOptions.preset(.error)
        #expect(error.port == 8002 && error.delay == 0.5...0.5 && error.errorRate == 0.25)
        #expect(FlagsServerPreset.allCases.map(\.rawValue) == ["local", "delay", "error"])
    }
}

/// The tests that time things or load the server, one at a time so that the
/// 2,000-connection burst does not skew the delay measurements.
@Suite(.serialized) struct FlagsServerTimingTests {
    @Test func seededErrorRateIsReproducible() async throws {
        let options = FlagsServerOptions(errorRate: 0.25, seed: 2024)
        // The outcomes are fixed by the seed: replay the same draws here.
        var generator = SplitMix64(seed: 2024)
        var expected = 0
        for _ in 0..<1000 {
            _ = generator.next()
            if Double(generator.next() >> 11) / Double(1 << 53) < 0.25 { expected += 1 }
        }
        #expect((200...300).contains(expected))

        func countErrors() async throws -> (teapots: Int, ok: Int) {
            try await withFlagsServer(options) { server in
                try await withClient(connections: 20) { client in
                    try await withThrowingTaskGroup(of: Int.self) { group in
                        for index in 0..<1000 {
                            let cc = CountryData.codes[index % 194].lowercased()
                            group.addTask { try await fetch(client, "\(server.baseURL)/\(cc)/\(cc).gif").status }
                        }
                        var teapots = 0
                        var ok = 0
                        for try await status in group {
                            if status == 418 { teapots += 1 } else if status == 200 { ok += 1 }
                        }
                        return (teapots, ok)
                    }
                }
            }
        }
        // Run concurrently, so the order differs, yet the count does not.
        let first = try await countErrors()
        let second = try await countErrors()
        #expect(first.teapots == expected)
        #expect(first.teapots + first.ok == 1000)
        #expect(second.teapots == expected && second.ok == first.ok)
    }

    @Test func delaysStayWithinTheirBounds() async throws {
        let bounds = 0.1...0.3
        // Sequential requests take the seeded draws in order: replay them here.
        var generator = SplitMix64(seed: 11)
        let expected = (0..<8).map { _ in
            let fraction = Double(generator.next() >> 11) / Double(1 << 53)
            _ = generator.next()
            return bounds.lowerBound + (bounds.upperBound - bounds.lowerBound) * fraction
        }
        #expect(expected.allSatisfy { bounds.contains($0) })
        #expect(expected.max()! - expected.min()! > 0.05, "a uniform draw spreads out: \(expected)")
        try await withFlagsServer(FlagsServerOptions(delay: bounds, seed: 11)) { server in
            try await withClient { client in
                for delay in expected {
                    let start = ContinuousClock.now
                    let status = try await fetch(client, "\(server.baseURL)/jp/jp.gif").status
                    let elapsed = ContinuousClock.now - start
                    #expect(status == 200)
                    #expect(elapsed >= .seconds(delay), "waited \(elapsed) for a delay of \(delay)")
                    // Generous: other suites may load both cores meanwhile.
                    #expect(elapsed < .seconds(delay + 3), "waited \(elapsed) for a delay of \(delay)")
                }
            }
        }
    }

    @Test func twoThousandDelayedRequestsOverlap() async throws {
        // Long enough that all 2,000 connections open while the first waits,
        // even with other suites loading both cores (at 3 s, 1,716 did once).
        let delay = 10.0
        try await withFlagsServer(FlagsServerOptions(delay: delay...delay)) { server in
            let start = ContinuousClock.now
            // One plain connection per request: a light client, so the test measures the server.
            let statuses = try await withThrowingTaskGroup(of: Int?.self) { group in
                for index in 0..<2000 {
                    let cc = CountryData.codes[index % 194].lowercased()
                    group.addTask {
                        statusCode(ofRaw: try await rawRequest(port: server.port, path: "/flags/\(cc)/\(cc).gif"))
                    }
                }
                return try await group.reduce(into: [Int?]()) { $0.append($1) }
            }
            let elapsed = ContinuousClock.now - start
            #expect(statuses.count == 2000 && statuses.allSatisfy { $0 == 200 })
            // About one delay plus the time to open 2,000 connections on two cores;
            // serving them one after another would take 6,000 s.
            #expect(elapsed < .seconds(delay + 7 * testTimeScale), "\(elapsed)")
            let stats = await server.stats()
            #expect(stats.requests == 2000)
            // All of them were waiting at once.
            #expect(stats.maxInFlight == 2000, "\(stats)")
            #expect(stats.inFlight == 0)
        }
    }
}
