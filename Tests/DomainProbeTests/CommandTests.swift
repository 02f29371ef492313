import DomainProbeCLI
import Foundation
import TestSupport
import Testing

/// Runs the real executables; names under `test` come from a real dnsmasq.
@Suite struct CommandTests {
    static let taken = ["and.test", "def.test", "for.test", "try.test"]

    @Test func blogdomMarksEachDomain() async throws {
        try await withDnsmasq(found: Self.taken) { server in
            let run = try await runProduct("blogdom", ["--tld", ".test.", "--nameserver", server.address])
            #expect(run.exitCode == 0, "\(run.standardError)")
            let lines = run.standardOutput.split(separator: "\n").map(String.init)
            let expected = shortKeywords.map { name in
                Self.taken.contains("\(name).test") ? "+ \(name).test" : "- \(name).test"
            }
            #expect(lines.count == 18)
            #expect(Set(lines) == Set(expected))
        }
    }

    @Test func blogdomErrorsAreMarkedAndExitOne() async throws {
        try await withDnsmasq { server in
            let run = try await runProduct("blogdom", ["--tld", "example", "--nameserver", server.address])
            #expect(run.exitCode == 1)
            #expect(
                run.standardOutput.split(separator: "\n").allSatisfy {
                    $0.hasPrefix("! ") && $0.hasSuffix(".example REFUSED")
                })
        }
    }

    @Test func domaincheckColumns() async throws {
        try await withDnsmasq(found: Self.taken) { server in
            let run = try await runProduct("domaincheck", ["test", "--nameserver", server.address, "--limit", "3"])
            #expect(run.exitCode == 0, "\(run.standardError)")
            let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(
                String.init)
            #expect(Array(lines.prefix(2)) == ["FOUND\t\tNOT FOUND", "=====\t\t========="])
            let body = Set(lines.dropFirst(2))
            #expect(
                body == Set(shortKeywords.map { Self.taken.contains("\($0).test") ? "\($0).test" : "\t\t\($0).test" }))
        }
    }

    @Test func domaincheckNamesFromStdinAsJSONWithErrors() async throws {
        try await withDnsmasq { server in
            let run = try await runProduct(
                "domaincheck", ["test.", "--names", "-", "--json", "--nameserver", server.address],
                input: "found\n\n# comment\n  nope  \nbad_name\n")
            #expect(run.exitCode == 1)
            let lines = Set(run.standardOutput.split(separator: "\n").map(String.init))
            #expect(
                lines == [
                    #"{"domain":"found.test","status":"found"}"#,
                    #"{"domain":"nope.test","status":"not found"}"#,
                    #"{"domain":"bad_name.test","status":"error","reason":"invalid name: character '_' in 'bad_name' is not a letter, digit or hyphen"}"#,
                ])
        }
    }

    @Test func domaincheckNamesFileWithSystemResolver() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("names-\(UUID()).txt")
        try "something\nelse\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try await runProduct("domaincheck", ["invalid", "--names", file.path])
        #expect(run.exitCode == 0, "\(run.standardError)")
        #expect(run.standardOutput.hasPrefix("FOUND\t\tNOT FOUND\n=====\t\t=========\n"))
        #expect(
            Set(run.standardOutput.split(separator: "\n").dropFirst(2)) == [
                "\t\tsomething.invalid", "\t\telse.invalid",
            ])
    }

    @Test func domaincheckWithoutTLD() async throws {
        for arguments in [[], ["..."]] {
            let run = try await runProduct("domaincheck", arguments)
            #expect(run.exitCode == 64)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains("Please provide a TLD. Example: domaincheck COM.BR\n"))
        }
    }

    @Test func usageErrorsExit64() async throws {
        let badServer = try await runProduct("domaincheck", ["dev", "--nameserver", "dns.example"])
        #expect(badServer.exitCode == 64)
        #expect(badServer.standardError.contains("bad nameserver"))
        let missingFile = try await runProduct("domaincheck", ["dev", "--names", "/nonexistent/names.txt"])
        #expect(missingFile.exitCode == 64)
        #expect(missingFile.standardError.contains("cannot read /nonexistent/names.txt"))
        let badLimit = try await runProduct("blogdom", ["--limit", "0"])
        #expect(badLimit.exitCode == 64)
        #expect(badLimit.standardError.contains("--limit must be between 1 and 10000; got 0"))
        let badTimeout = try await runProduct("domaincheck", ["dev", "--timeout", "nan"])
        #expect(badTimeout.exitCode == 64)
        #expect(badTimeout.standardError.contains("--timeout must be"))
        #expect(badTimeout.standardOutput.isEmpty)
    }

    /// What ArgumentParser itself rejects has the same status, 64.
    @Test func malformedOptionsExit64() async throws {
        for (tool, arguments) in [("blogdom", ["--limit", "abc"]), ("domaincheck", ["dev", "--timeout", "-1"])] {
            let run = try await runProduct(tool, arguments)
            #expect(run.exitCode == 64, "\(tool) \(arguments)")
            #expect(run.standardOutput.isEmpty)
        }
    }
}

/// The bound that `--timeout`'s help promises, held against a server that never answers.
@Suite struct SilentNameserverTests {
    @Test(arguments: [(timeout: "1", retries: "0"), (timeout: "1", retries: "1")])
    func aRunWithEveryNameInFlightEndsWithinTheBound(timeout: String, retries: String) async throws {
        // Every query dropped unread: a server that never answers.
        let silent = try await Responder.start(dropShare: 1)
        defer { Task { await silent.stop() } }
        let start = ContinuousClock.now
        let run = try await runProduct(
            "domaincheck",
            ["test", "--nameserver", silent.address, "--timeout", timeout, "--retries", retries, "--json"])
        let elapsed = ContinuousClock.now - start
        let bound = Duration.seconds(Int(timeout) ?? 0) * ((Int(retries) ?? 0) + 1)
        #expect(run.exitCode == 1)
        let lines = run.standardOutput.split(separator: "\n")
        #expect(lines.count == 18)
        #expect(lines.allSatisfy { $0.hasSuffix(#""status":"error","reason":"timeout"}"#) }, "\(lines)")
        // The margin covers starting the process and a loaded machine, not another round of waits.
        #expect(elapsed >= bound && elapsed < bound + .seconds(2.5), "took \(elapsed) for a bound of \(bound)")
    }
}
