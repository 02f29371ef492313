import FlagCountries
import FlagsServer
import Foundation
import Hummingbird
import TestSupport
import Testing

@testable import Flags

@Suite("flags: selection and reports")
struct SelectionTests {
    @Test func codesAreExpandedSortedUniqueAndLimited() throws {
        #expect(try FlagCodes.select(["us", "BR", "us"]) == ["BR", "US"])
        let b = try FlagCodes.select(["b"])
        #expect(b.count == 26 && b.first == "BA" && b.last == "BZ")
        #expect(try FlagCodes.select([]) == FlagCodes.mostPopulous.sorted())
        #expect(try FlagCodes.select([], all: true).count == 194)
        #expect(try FlagCodes.select([], every: true).count == 676)
        #expect(try FlagCodes.select([], all: true, limit: 3) == ["AD", "AE", "AF"])
        #expect(try FlagCodes.select(["zz", "a"], limit: 2) == ["AA", "AB"])
        #expect(throws: FlagsError.invalidCode("1A")) { try FlagCodes.select(["1A"]) }
        #expect(throws: FlagsError.invalidCode("ABC")) { try FlagCodes.select(["ABC"]) }
        // The command checks --limit; the library never traps on a limit below 1.
        #expect(try FlagCodes.select([], all: true, limit: 0) == [])
        #expect(try FlagCodes.select(["us"], limit: -1) == [])
    }

    @Test func sitesAreLabelsOrURLs() throws {
        #expect(try FlagsSite.parse("delay") == .delay)
        #expect(try FlagsSite.parse("LOCAL").baseURL == "http://localhost:8000/flags")
        #expect(try FlagsSite.parse("Remote") == .remote)
        #expect(try FlagsSite.parse("http://127.0.0.1:9/flags/").baseURL == "http://127.0.0.1:9/flags")
        #expect(throws: FlagsError.unknownServer("nowhere")) { try FlagsSite.parse("nowhere") }
        // Found by scripts/fuzz (flags-retry): slashes alone are no host.
        for text in ["HTTPS:////", "http:///", "http://", "https:///flags"] {
            #expect(throws: FlagsError.unknownServer(text)) { try FlagsSite.parse(text) }
        }
    }

    @Test func reportsReadLikeTheChapter() {
        let twenty = FlagsReport.initial(site: .local, codes: FlagCodes.mostPopulous.sorted(), concurrency: 20)
        #expect(
            twenty == """
                LOCAL site: http://localhost:8000/flags
                Searching for 20 flags: from BD to VN
                20 concurrent connections will be used.
                """)
        let one = FlagsReport.initial(site: .error, codes: ["BR"], concurrency: 1)
        #expect(one.contains("Searching for 1 flag: BR\n1 connection will be used."))
        #expect(FlagsReport.initial(site: .local, codes: ["BR", "CN"], concurrency: 2).contains("2 flags: BR, CN"))
        var summary = FlagsSummary(site: "LOCAL", baseURL: "")
        summary.downloaded = 1
        summary.errors = 1
        summary.elapsed = 1.234
        #expect(
            FlagsReport.progress(done: 5, total: 20, elapsed: 2).hasPrefix(
                " 25%|██████                  | 5/20 [00:02<00:06, 2.50 flags/s]"))
        #expect(
            FlagsReport.final(summary) == """
                --------------------
                  1 flag downloaded.
                  1 error.
                Elapsed time: 1.23s
                """)
    }

    @Test func countryFileNamesStayInTheDestination() {
        #expect(Downloader.fileName(forCountry: "United States") == "United_States.gif")
        #expect(Downloader.fileName(forCountry: "../etc/passwd") == ".._etc_passwd.gif")
        // A combining mark makes "/\u{301}" one Character; the slash still goes.
        #expect(Downloader.fileName(forCountry: "a/\u{301}b c") == "a_\u{301}b_c.gif")
        #expect(Downloader.fileName(forCountry: "Côte d'Ivoire") == "Côte_d'Ivoire.gif")
    }

    @Test func errorsAreSummarizedByReasonWithoutVerbose() {
        var summary = FlagsSummary(site: "REMOTE", baseURL: "")
        for (code, reason) in [
            ("AD", "connection refused"), ("BR", "HTTP error 418 - I'm a teapot"), ("CN", "connection refused"),
        ] {
            summary.count(DownloadResult(code: code, status: .error, detail: reason, requests: 1))
        }
        let lines = FlagsReport.final(summary).split(separator: "\n").map(String.init)
        #expect(
            Array(lines[2...4]) == [
                "  3 errors.", "      AD, CN: connection refused", "      BR: HTTP error 418 - I'm a teapot",
            ])
        #expect(
            FlagsReport.errorReasons(summary.results, shown: 1).last
                == "      and 1 other reasons; -v shows each flag's.")
    }
}

@Suite("flags: downloads against a live flags server", .timeLimit(.minutes(1)))
struct DownloadTests {
    @Test func allDownloadsAreByteIdenticalToTheServer() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let results = try await withFlagsServer { server in
            try await downloadAll(
                CountryData.codes, settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path),
                maxRequests: 50)
        }
        #expect(counts(results) == [.ok: 194], "\(errorDetails(results))")
        #expect(try expectOnlyCompleteFlags(in: dir) == 194)
    }

    @Test func everyCodeGives194DownloadedAnd482NotFound() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let results = try await withFlagsServer { server in
            try await downloadAll(
                FlagCodes.every, settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path),
                maxRequests: 100)
        }
        #expect(counts(results) == [.ok: 194, .notFound: 482], "\(errorDetails(results))")
        let missing = try #require(results.first { $0.code == "AA" })
        #expect(missing.detail.hasSuffix("/aa/aa.gif") && missing.detail.hasPrefix("not found: http://127.0.0.1:"))
        #expect(try files(in: dir).count == 194)
    }

    @Test func seededErrorServerGivesExactCountsAndExitStatus1() async throws {
        let options = FlagsServerOptions(delay: 0.005...0.02, errorRate: 0.25, seed: 2024)
        func run() async throws -> [DownloadStatus: Int] {
            let dir = try makeTemporaryDirectory("flags-tests")
            let results = try await withFlagsServer(options) { server in
                try await downloadAll(
                    CountryData.codes, settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path),
                    maxRequests: 40)
            }
            #expect(
                results.filter { $0.status == .error }.allSatisfy { $0.detail == "HTTP error 418 - I'm a teapot" },
                "\(errorDetails(results))")
            #expect(try expectOnlyCompleteFlags(in: dir) == results.filter { $0.status == .ok }.count)
            return counts(results)
        }
        let first = try await run()
        let second = try await run()
        #expect(first == second, "a fixed seed gives the same counts whatever the completion order")
        let errors = try #require(first[.error])
        #expect(first[.ok, default: 0] + errors == 194)
        #expect((20...80).contains(errors), "about 25 % of 194")

        // The command line reports the same counts and exits 1.
        let dir = try makeTemporaryDirectory("flags-tests")
        let cli = try await withFlagsServer(options) { server in
            try await runFlagsBinary(["-a", "-m", "40", "-s", server.baseURL, "--dest", "out"], in: dir)
        }
        #expect(cli.exitCode == 1)
        #expect(cli.standardOutput.contains(String(format: "%3d flags downloaded.", first[.ok, default: 0])))
        #expect(cli.standardOutput.contains(String(format: "%3d errors.", errors)))
    }

    @Test(arguments: [1, 7])
    func inFlightRequestsNeverExceedMaxReqAndReachIt(maxRequests: Int) async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let codes = Array(CountryData.codes.prefix(maxRequests * 3))
        // Delays of two seconds leave every slot time to fill even on a loaded machine.
        let stats = try await withFlagsServer(FlagsServerOptions(delay: 2.0...2.1)) { server in
            let results = try await downloadAll(
                codes, settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path),
                maxRequests: maxRequests)
            #expect(counts(results) == [.ok: codes.count], "\(errorDetails(results))")
            return await server.stats()
        }
        #expect(stats.maxInFlight == maxRequests)
        #expect(stats.requests == codes.count)
    }

    @Test func countryNamesNameTheFilesAndTakeTheirOwnPermit() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let codes = ["BR", "CD", "GB", "US"]
        // Delays long enough for both slots to fill even when the event loops lag.
        let (results, stats) = try await withFlagsServer(FlagsServerOptions(delay: 2.0...2.1)) { server in
            let results = try await downloadAll(
                codes,
                settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path, countryNames: true),
                maxRequests: 2)
            return (results, await server.stats())
        }
        #expect(counts(results) == [.ok: 4])
        #expect(results.allSatisfy { $0.requests == 2 })
        #expect(stats.requests == 8 && stats.maxInFlight == 2)
        let expected = codes.map { CountryData.name(for: $0)!.replacingOccurrences(of: " ", with: "_") + ".gif" }
        #expect(try files(in: dir) == expected.sorted())
        #expect(try files(in: dir).contains("United_States.gif"))
        let us = try [UInt8](Data(contentsOf: dir.appendingPathComponent("United_States.gif")))
        #expect(us == BuiltInFlags.gif(for: "US"))
    }

    @Test func aDelayPastTheTimeoutGivesErrorsNotAHang() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        // The server waits 30 s; the client gives up after 0.2 s (wide: wrk load tests may run beside this one).
        // A process, so the test can end it without waiting out the delay.
        let (server, baseURL) = try await spawnFlagsServer(["--delay", "30-31"])
        let start = ContinuousClock.now
        let results = try await downloadAll(
            ["AD", "BR", "CN", "DE", "EG", "FR"],
            settings: DownloadSettings(baseURL: baseURL, destination: dir.path, flagTimeout: 0.2),
            maxRequests: 6)
        let elapsed = ContinuousClock.now - start
        server.signal(SIGKILL)
        _ = try await server.wait()
        #expect(elapsed < .seconds(15), "the 0.2 s timeout ends the requests, not the server's 30 s delay")
        #expect(counts(results) == [.error: 6])
        #expect(results.allSatisfy { $0.detail == "timed out after 0.2s" })
        #expect(try files(in: dir).isEmpty)
    }

    @Test func killingTheServerMidRunGivesErrorsAndNoPartialFiles() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let dest = dir.appendingPathComponent("out")
        let (server, baseURL) = try await spawnFlagsServer(["--delay", "0.15-0.25"])
        let codes = Array(CountryData.codes.prefix(40))
        let settings = DownloadSettings(baseURL: baseURL, destination: dest.path, flagTimeout: 60)
        let downloads = Task { try await downloadAll(codes, settings: settings, maxRequests: 4) }
        // Kill it once some flags are saved, however slow the machine is.
        let deadline = ContinuousClock.now + .seconds(20)
        while ((try? files(in: dest)) ?? []).count < 3, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        server.signal(SIGKILL)
        let start = ContinuousClock.now
        let results = try await downloads.value
        #expect(ContinuousClock.now - start < .seconds(20), "errors come at once, not after the 60 s timeout")
        let tally = counts(results)
        #expect(tally[.error, default: 0] > 0)
        #expect(tally[.ok, default: 0] > 0)
        #expect(tally[.ok, default: 0] + tally[.error, default: 0] == codes.count)
        #expect(try expectOnlyCompleteFlags(in: dest) == tally[.ok, default: 0])
    }

    @Test func gatherReturnsResultsInSubmissionOrder() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let codes = Array(CountryData.codes.prefix(30).reversed()) + ["QQ"]
        let results = try await withFlagsServer(FlagsServerOptions(delay: 0.0...0.05, seed: 3)) { server in
            try await withFlagsClient(maxRequests: 10) { client in
                var completion: [String] = []
                let results = try await downloadGathered(
                    codes: codes, client: client,
                    settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path, flagTimeout: 60),
                    maxRequests: 10
                ) { completion.append($0.code) }
                #expect(completion.sorted() == codes.sorted())
                return results
            }
        }
        #expect(results.map(\.code) == codes)
        #expect(results.last?.status == .notFound)
        #expect(try expectOnlyCompleteFlags(in: dir) == 30)
    }

    @Test func retriesOn503ButNotOn418() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let flaky = try await startFlakyServer(failures: 2)
        let retried = try await downloadAll(
            ["BR"],
            settings: DownloadSettings(baseURL: flaky.baseURL, destination: dir.path, retries: 2, retryBaseDelay: 0.01),
            maxRequests: 1)
        #expect(flaky.requests == 3)
        await flaky.stop()
        #expect(retried.map(\.status) == [.ok] && retried.first?.requests == 3)

        let stubborn = try await startFlakyServer(failures: 5)
        let gaveUp = try await downloadAll(
            ["CN"],
            settings: DownloadSettings(
                baseURL: stubborn.baseURL, destination: dir.path, retries: 1, retryBaseDelay: 0.01),
            maxRequests: 1)
        #expect(stubborn.requests == 2)
        await stubborn.stop()
        #expect(gaveUp.first?.detail == "HTTP error 503 - Service Unavailable")
        #expect(gaveUp.first?.requests == 2)

        let (teapots, stats) = try await withFlagsServer(FlagsServerOptions(errorRate: 1)) { server in
            let results = try await downloadAll(
                ["AD", "BR", "CN"],
                settings: DownloadSettings(
                    baseURL: server.baseURL, destination: dir.path, retries: 3, retryBaseDelay: 0.01),
                maxRequests: 3)
            return (results, await server.stats())
        }
        #expect(counts(teapots) == [.error: 3])
        #expect(teapots.allSatisfy { $0.requests == 1 })
        #expect(stats.requests == 3)
        #expect(try files(in: dir) == ["BR.gif"])
    }

    @Test func timeoutsAreRetriedToo() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let (results, stats) = try await withFlagsServer(FlagsServerOptions(delay: 4.0...4.0)) { server in
            let results = try await downloadAll(
                ["BR"],
                settings: DownloadSettings(
                    baseURL: server.baseURL, destination: dir.path, retries: 2, flagTimeout: 1.2, retryBaseDelay: 0.01),
                maxRequests: 1)
            return (results, await server.stats())
        }
        #expect(results.map(\.status) == [.error])
        #expect(results.first?.detail == "timed out after 1.2s")
        #expect(results.first?.requests == 3)
        // The retries reached the server. On a loaded machine the last one may
        // time out before the server has read it, which is still a timeout.
        #expect((2...3).contains(stats.requests), "\(stats.requests)")
    }

    @Test func skipExistingMakesNoRequestForSavedFlags() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        try await withFlagsServer { server in
            let settings = DownloadSettings(baseURL: server.baseURL, destination: dir.path, skipExisting: true)
            _ = try await downloadAll(["BR", "CN"], settings: settings, maxRequests: 2)
            await server.resetStats()
            let again = try await downloadAll(["BR", "CN", "US"], settings: settings, maxRequests: 2)
            #expect(counts(again) == [.ok: 3])
            #expect(again.filter { $0.requests == 0 }.map(\.code).sorted() == ["BR", "CN"])
            #expect(await server.stats().requests == 1)
        }
        #expect(try expectOnlyCompleteFlags(in: dir) == 3)
    }
}

@Suite("flags: the command line", .timeLimit(.minutes(1)))
struct CommandLineTests {
    @Test(arguments: [
        (["-m", "0"], "*** Usage error: --max-req must be between 1 and 1000; got 0\n"),
        (["-m", "1001"], "*** Usage error: --max-req must be between 1 and 1000; got 1001\n"),
        (["-l", "0"], "*** Usage error: --limit must be between 1 and 676; got 0\n"),
        (["-s", "nowhere"], "*** Usage error: unknown server \"nowhere\""),
        (["1A"], "*** Usage error: invalid country code \"1A\""),
        (["ABC"], "*** Usage error: invalid country code \"ABC\""),
        (["-m", "x"], "*** Usage error: The value 'x' is invalid for '-m"),
        (["--retries", "-1"], "*** Usage error: --retries must be between 0 and 10; got -1\n"),
        (["--retries=-1"], "*** Usage error: --retries must be between 0 and 10; got -1\n"),
        (["--retries", "11"], "*** Usage error: --retries must be between 0 and 10; got 11\n"),
        (["--no-such-option"], "*** Usage error: Unknown option '--no-such-option'"),
    ])
    func usageErrorsExit64(arguments: [String], message: String) async throws {
        let result = try await runFlagsBinary(arguments, in: try makeTemporaryDirectory("flags-tests"), timeout: 10)
        #expect(result.exitCode == 64)
        // On stderr, so that `flags --json | jq` never reads one.
        #expect(result.standardOutput.isEmpty, "stdout: \(result.standardOutput)")
        #expect(result.standardError.hasPrefix(message), "stderr: \(result.standardError)")
        #expect(result.standardError.contains("Usage: flags"))
        #expect(result.standardError.hasSuffix("See flags --help.\n"))
    }

    @Test(arguments: ["--help", "-h"])
    func helpPrintsTheUsageAndExits0(option: String) async throws {
        let result = try await runFlagsBinary([option], in: try makeTemporaryDirectory("flags-tests"), timeout: 10)
        #expect(result.exitCode == 0, "stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("USAGE: flags"))
        #expect(result.standardOutput.contains("--max-req <max-req>"))
        #expect(!result.standardOutput.contains("*** Usage error"))
        #expect(result.standardError.isEmpty)
    }

    @Test func reportsVerboseLinesAndJSON() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        try await withFlagsServer { server in
            let verbose = try await runFlagsBinary(["us", "BR", "cn", "-v", "-s", server.baseURL], in: dir)
            #expect(verbose.exitCode == 0)
            let lines = verbose.standardOutput.split(separator: "\n").map(String.init)
            #expect(
                Array(lines.prefix(3)) == [
                    "Custom site: \(server.baseURL)", "Searching for 3 flags: BR, CN, US",
                    "3 concurrent connections will be used.",
                ])
            #expect(Set(lines[3..<6]) == ["BR OK", "CN OK", "US OK"])
            #expect(lines[6] == String(repeating: "-", count: 20))
            #expect(lines[7] == "  3 flags downloaded.")
            #expect(lines[8].hasPrefix("Elapsed time: ") && lines[8].hasSuffix("s"))
            #expect(try expectOnlyCompleteFlags(in: dir.appendingPathComponent("downloaded")) == 3)

            let missing = try await runFlagsBinary(["xx", "-v", "-s", server.baseURL, "--dest", "other"], in: dir)
            #expect(missing.exitCode == 0)
            #expect(missing.standardOutput.contains("Searching for 1 flag: XX\n1 connection will be used.\n"))
            #expect(missing.standardOutput.contains("XX not found: \(server.baseURL)/xx/xx.gif\n"))
            #expect(missing.standardOutput.contains("  0 flags downloaded.\n  1 not found.\n"))

            let json = try await runFlagsBinary(["-a", "-l", "12", "ZZ", "--json", "-s", server.baseURL], in: dir)
            #expect(json.exitCode == 0)
            let summary = try JSONDecoder().decode(FlagsSummary.self, from: Data(json.standardOutput.utf8))
            #expect(summary.downloaded == 12 && summary.errors == 0 && summary.results.count == 12)
            #expect(summary.results.map(\.code) == Array(CountryData.codes.prefix(12)))
        }
    }

    @Test func gatherPrintsCodesThenTheTotal() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let result = try await withFlagsServer { server in
            try await runFlagsBinary(["--gather", "-s", server.baseURL, "-m", "20"], in: dir)
        }
        #expect(result.exitCode == 0)
        let lines = result.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        #expect(Set(lines[0].split(separator: " ").map(String.init)) == Set(FlagCodes.mostPopulous))
        #expect(lines[1].wholeMatch(of: /20 downloads in \d+\.\d\ds/) != nil)
    }

    @Test func ctrlCCancelsInFlightRequestsReportsAndExits130() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let start = ContinuousClock.now
        let result = try await withFlagsServer(FlagsServerOptions(delay: 0.2...3.0, seed: 11)) { server in
            try await runFlagsBinary(
                ["-a", "-m", "8", "-v", "-s", server.baseURL], in: dir, timeout: 20, interruptAfter: 1.5)
        }
        #expect(ContinuousClock.now - start < .seconds(15))
        #expect(result.exitCode == 130, "stdout: \(result.standardOutput) stderr: \(result.standardError)")
        #expect(result.standardOutput.contains("cancelled (interrupted)."))
        #expect(result.standardOutput.contains("Elapsed time: "))
        let saved = try expectOnlyCompleteFlags(in: dir.appendingPathComponent("downloaded"))
        #expect(result.standardOutput.contains(String(format: "%3d flag", saved)))
        #expect(saved < 194)
    }

    @Test func withoutAServerItStartsTheBuiltInOne() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        // A port that was free a moment ago stands for localhost:8000 with nothing on it.
        let gone = try await TestHTTPServer.start { _, _ in Response(status: .ok) }
        await gone.stop()
        let result = try await runFlagsBinary(
            ["-l", "3"], in: dir, environment: ["FLAGS_LOCAL_URL": gone.baseURL])
        #expect(result.exitCode == 0)
        #expect(
            result.standardOutput.hasPrefix(
                "Nothing answers at 127.0.0.1:\(gone.port); serving the built-in flags in-process at http://127.0.0.1:"
            ), "\(result.standardOutput)")
        #expect(result.standardOutput.contains("  3 flags downloaded."))
        #expect(try expectOnlyCompleteFlags(in: dir.appendingPathComponent("downloaded")) == 3)
    }
}
