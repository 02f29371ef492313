import Foundation
import Testing

/// Runs the built `mojifinder` executable as a user would.
@Suite struct MojifinderCLITests {
    struct Run { let status: Int32; let stdout: String; let stderr: String }

    static func mojifinder(_ arguments: [String]) throws -> Run {
        // The test runner lives in the same build folder as the executables.
        let binDir = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let process = Process()
        process.executableURL = binDir.appendingPathComponent("mojifinder")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func catFacePrintsTenLinesAndStatus() throws {
        let run = try Self.mojifinder(["cat", "face"])
        #expect(run.status == 0)
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 12)  // 10 results, the status line, and the final newline
        #expect(lines[0] == "U+1F431\t🐱\tCAT FACE")
        #expect(lines[3] == "U+1F63A\t😺\tSMILING CAT FACE WITH OPEN MOUTH")
        #expect(lines[9] == "U+1F640\t🙀\tWEARY CAT FACE")
        #expect(lines[10] == String(repeating: "─", count: 66) + " 10 found")
        #expect(lines[11] == "")
    }

    @Test func searchSubcommandIsTheDefault() throws {
        #expect(try Self.mojifinder(["search", "cat", "face"]).stdout == Self.mojifinder(["cat", "face"]).stdout)
    }

    @Test func noWordsIsAUsageError() throws {
        for arguments in [[], ["search"], ["search", " "]] {
            let run = try Self.mojifinder(arguments)
            #expect(run.status == 2)
            #expect(run.stdout == "Please give one or more words to search.\n")
        }
    }

    @Test func noMatchPrintsZeroFound() throws {
        let run = try Self.mojifinder(["brillig"])
        #expect(run.status == 0)
        #expect(run.stdout == String(repeating: "─", count: 66) + " 0 found\n")
    }

    @Test func helpExplainsTheTool() throws {
        let run = try Self.mojifinder(["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("Find Unicode characters by the words in their names"))
        #expect(run.stdout.contains("search"))
    }
}
