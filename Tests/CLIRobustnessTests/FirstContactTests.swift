import Foundation
import TestSupport
import Testing

/// What a new user meets first: errors that say why, hints, and usage lines
/// that fit a terminal.
@Suite struct FirstContactTests {
    @Test func identifyReportsAnUnknownOptionAsSuch() async throws {
        let run = try await runProduct("mojifinder", ["identify", "--bogus"])
        #expect(run.exitCode == 64)
        #expect(run.standardError.hasPrefix("Error: Unknown option '--bogus'"), "\(run.standardError)")
    }

    @Test(arguments: [("webb", "web"), ("serve", "web"), ("tpc", "tcp"), ("idenitfy", "identify")])
    func aWordLikeASubcommandThatFindsNothingGetsAHint(word: String, meant: String) async throws {
        let run = try await runProduct("mojifinder", [word])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput == String(repeating: "─", count: 66) + " 0 found\n")
        #expect(run.standardError.contains("Did you mean `mojifinder \(meant)`?"), "\(run.standardError)")
    }

    @Test func aWordThatFindsSomethingOrIsNoSubcommandGetsNoHint() async throws {
        for words in [["cat"], ["brillig"], ["cat", "webb"]] {
            let run = try await runProduct("mojifinder", words)
            #expect(run.standardError.isEmpty, "\(words): \(run.standardError)")
        }
    }

    @Test(arguments: ["bad tld", "a..b", "x_y"])
    func aBadTLDIsAUsageErrorBeforeAnyProbe(tld: String) async throws {
        for tool in [["domaincheck", tld], ["blogdom", "--tld", tld]] {
            let run = try await runProduct(tool[0], Array(tool.dropFirst()) + ["--nameserver", "127.0.0.1:9"])
            #expect(run.exitCode == 64, "\(tool): \(run.combinedOutput)")
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.hasPrefix("Error: '\(tld)' is not a top-level domain"), "\(run.standardError)")
        }
    }

    @Test func domaincheckWritesErrorsAsTheOtherToolsDo() async throws {
        let run = try await runProduct("domaincheck", ["test", "--names", "/no/such/file"])
        #expect(run.exitCode == 64)
        #expect(run.standardError == "Error: cannot read /no/such/file: No such file or directory\n")
    }

    @Test(arguments: [
        ["flags-server", "--seed", "-1"], ["mojifinder", "web", "--grace-period", "-1"],
        ["mojifinder", "tcp", "--idle-timeout", "-1"], ["domaincheck", "test", "--timeout", "-1"],
    ])
    func aNegativeNumberIsOutOfRangeNotAMissingValue(arguments: [String]) async throws {
        let run = try await runProduct(arguments[0], Array(arguments.dropFirst()))
        #expect(run.exitCode == 64)
        #expect(run.standardError.contains("must be between"), "\(run.standardError)")
        #expect(!run.standardError.contains("Missing value"))
    }

    /// Every usage line, which every usage error repeats, fits 80 columns.
    @Test(arguments: [
        ["mojifinder"], ["mojifinder", "search"], ["mojifinder", "identify"], ["mojifinder", "web"],
        ["mojifinder", "tcp"], ["flags"], ["flags-server"], ["blogdom"], ["domaincheck"],
    ])
    func usageLinesFitEightyColumns(command: [String]) async throws {
        let run = try await runProduct(command[0], Array(command.dropFirst()) + ["--help"])
        #expect(run.exitCode == 0)
        let usage = run.standardOutput.split(separator: "\n").first { $0.hasPrefix("USAGE:") }
        #expect(usage != nil)
        #expect((usage?.count ?? 999) <= 80, "\(usage ?? "")")
    }
}
