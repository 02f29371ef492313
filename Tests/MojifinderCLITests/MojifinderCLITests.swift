import Foundation
import TestSupport
import Testing

/// Runs the built `mojifinder` executable as a user would.
@Suite struct MojifinderCLITests {
    static func mojifinder(_ arguments: [String]) async throws -> ProcessOutput {
        try await runProduct("mojifinder", arguments, timeout: .seconds(30))
    }

    @Test func catFacePrintsTenLinesAndStatus() async throws {
        let run = try await Self.mojifinder(["cat", "face"])
        #expect(run.exitCode == 0)
        let lines = run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 12)  // 10 results, the status line, and the final newline
        #expect(lines[0] == "U+1F431\t🐱\tCAT FACE")
        #expect(lines[3] == "U+1F63A\t😺\tSMILING CAT FACE WITH OPEN MOUTH")
        #expect(lines[9] == "U+1F640\t🙀\tWEARY CAT FACE")
        #expect(lines[10] == String(repeating: "─", count: 66) + " 10 found")
        #expect(lines[11] == "")
    }

    @Test func searchSubcommandIsTheDefault() async throws {
        let search = try await Self.mojifinder(["search", "cat", "face"])
        #expect(search.standardOutput == (try await Self.mojifinder(["cat", "face"])).standardOutput)
    }

    /// Plain words are answered before the parser runs, from a list of the
    /// subcommand names of its own: `mojifinder NAME cat` must never be the
    /// search for the words "NAME cat", for every name `--help` lists.
    @Test func everySubcommandNameGoesToTheParser() async throws {
        let help = try await Self.mojifinder(["--help"]).standardOutput
        let section = help.split(separator: "SUBCOMMANDS:").last ?? ""
        let names = section.split(separator: "\n").compactMap { line in
            line.wholeMatch(of: #/  ([a-z]+)( .*)?/#).map { String($0.output.1) }
        }
        #expect(Set(names) == ["search", "emoji", "identify", "web", "tcp"])
        for name in names + ["help"] {
            let run = try await Self.mojifinder([name, "cat"])
            let asWords = try await Self.mojifinder(["search", name, "cat"])
            #expect(
                run.exitCode != asWords.exitCode || run.standardOutput != asWords.standardOutput,
                "mojifinder \(name) cat was answered as a search for \(name) cat")
        }
    }

    @Test func noWordsIsAUsageError() async throws {
        for arguments in [[], ["search"], ["search", " "]] {
            let run = try await Self.mojifinder(arguments)
            #expect(run.exitCode == 64)
            #expect(run.standardOutput.isEmpty)
            #expect(run.standardError.contains("Please give one or more words to search."))
        }
    }

    @Test func noMatchPrintsZeroFound() async throws {
        let run = try await Self.mojifinder(["brillig"])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput == String(repeating: "─", count: 66) + " 0 found\n")
    }

    @Test func versionNamesThePackageAndTheUnicodeVersion() async throws {
        for arguments in [["--version"], ["web", "--version"], ["search", "--version"]] {
            let run = try await Self.mojifinder(arguments)
            #expect(run.exitCode == 0)
            let pattern =
                /mojifinder \d+\.\d+\.\d+ \(AsyncNetTools; Unicode \d+\.\d+ names; Emoji \d+\.\d+; CLDR \d+\)\n/
            #expect(run.standardOutput.wholeMatch(of: pattern) != nil, "\(arguments): \(run.standardOutput)")
        }
    }

    /// `web` and `tcp` run `mojifinder-server` from mojifinder's own folder; a
    /// copy of mojifinder alone says so instead of dying or serving nothing.
    @Test func webWithoutItsServerProgramExitsOneAndSaysWhy() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("mojifinder-alone-\(UUID())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alone = folder.appendingPathComponent("mojifinder").path
        try FileManager.default.copyItem(atPath: try builtProduct("mojifinder"), toPath: alone)
        for subcommand in ["web", "tcp"] {
            let run = try await runProcess(alone, [subcommand, "--port", "0"], timeout: .seconds(30))
            #expect(run.exitCode == 1)
            #expect(run.standardOutput.isEmpty)
            #expect(
                run.standardError
                    == "Error: cannot run \(folder.path)/mojifinder-server: No such file or directory."
                    + " Build it with `swift build --product mojifinder-server` (scripts/install installs both).\n")
        }
        // Options are still checked first, as usage errors.
        #expect(try await runProcess(alone, ["web", "--port", "70000"], timeout: .seconds(30)).exitCode == 64)
    }

    @Test func helpExplainsTheTool() async throws {
        let run = try await Self.mojifinder(["--help"])
        #expect(run.exitCode == 0)
        #expect(run.standardOutput.contains("Find Unicode characters by the words in their names"))
        #expect(run.standardOutput.contains("search"))
    }
}
