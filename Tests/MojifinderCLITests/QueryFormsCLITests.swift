import Foundation
import TestSupport
import Testing

/// `--prefix`, `identify`, code points, ranges and `--json`, run as a user would.
@Suite struct QueryFormsCLITests {
    static func lines(_ run: ProcessOutput) -> [Substring] {
        run.standardOutput.split(separator: "\n", omittingEmptySubsequences: false)
    }

    @Test func prefixFindsCatFacesBeforeTheWordIsComplete() async throws {
        let prefix = try await MojifinderCLITests.mojifinder(["search", "--prefix", "cat", "fa"])
        #expect(prefix.exitCode == 0)
        #expect(Self.lines(prefix).contains("U+1F431\t🐱\tCAT FACE"))
        // Every exact `cat face` line is among them.
        let exact = try await MojifinderCLITests.mojifinder(["cat", "face"])
        for line in Self.lines(exact).dropLast(2) { #expect(Self.lines(prefix).contains(line)) }
        let withoutFlag = try await MojifinderCLITests.mojifinder(["cat", "fa"])
        #expect(withoutFlag.standardOutput == String(repeating: "─", count: 66) + " 0 found\n")
    }

    @Test func identifyListsEveryScalarInOrder() async throws {
        let run = try await MojifinderCLITests.mojifinder(["identify", "é🐱é\u{7}"])
        #expect(run.exitCode == 0)
        #expect(
            Self.lines(run) == [
                "U+00E9\té\tLATIN SMALL LETTER E WITH ACUTE", "U+1F431\t🐱\tCAT FACE",
                "U+00E9\té\tLATIN SMALL LETTER E WITH ACUTE", "U+0007\t\u{2407}\t<control-0007>",
                Substring(String(repeating: "─", count: 66) + " 4 found"), "",
            ])
        let words = try await MojifinderCLITests.mojifinder(["identify", "ab"])
        #expect(Self.lines(words).count == 4)  // a, b, status, final newline: identify never searches names
        let none = try await MojifinderCLITests.mojifinder(["identify"])
        #expect(none.exitCode == 64)
        #expect(none.standardError.contains("Please give some text to identify."))
    }

    @Test func pastedCharactersAreIdentifiedBySearchToo() async throws {
        let run = try await MojifinderCLITests.mojifinder(["🐱"])
        #expect(Self.lines(run).first == "U+1F431\t🐱\tCAT FACE")
    }

    @Test func rangeListsFifteenLines() async throws {
        let run = try await MojifinderCLITests.mojifinder(["U+2042..U+2050"])
        #expect(run.exitCode == 0)
        let lines = Self.lines(run)
        #expect(lines.count == 17)  // 15 scalars, the status line, the final newline
        #expect(lines.first?.hasPrefix("U+2042\t") == true)
        #expect(lines[14].hasPrefix("U+2050\t"))
        #expect(lines[15].hasSuffix(" 15 found"))
        let single = try await MojifinderCLITests.mojifinder(["u+1f431"])
        #expect(Self.lines(single).first == "U+1F431\t🐱\tCAT FACE")
    }

    @Test func rangePastTheLimitIsAUsageError() async throws {
        for token in ["U+0000..U+1000", "U+12", "U+110000"] {
            let run = try await MojifinderCLITests.mojifinder([token])
            #expect(run.exitCode == 64, "\(token)")
            #expect(run.standardOutput == "")
            #expect(run.standardError.hasPrefix("Error: '\(token)'"))
        }
        let capped = try await MojifinderCLITests.mojifinder(["U+0000..U+1000"])
        #expect(capped.standardError.contains("at most 4096"))
    }

    @Test func jsonHasTheDetailsOfEachResult() async throws {
        for arguments in [["search", "--json", "cat", "face"], ["identify", "--json", "🐱"]] {
            let run = try await MojifinderCLITests.mojifinder(arguments)
            #expect(run.exitCode == 0)
            let decoded = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
            let objects = try #require(decoded as? [[String: Any]])
            let first = try #require(objects.first)
            #expect(first["char"] as? String == "🐱")
            #expect(first["name"] as? String == "CAT FACE")
            #expect(first["code"] as? String == "U+1F431")
            #expect(first["category"] as? String == "So")
            #expect(first["age"] as? String == "6.0")
            #expect(first["utf8"] as? String == "F0 9F 90 B1")
            #expect(first["html"] as? String == "&#x1F431;")
        }
        let count = try await MojifinderCLITests.mojifinder(["search", "--json", "cat", "face"])
        let objects = try JSONSerialization.jsonObject(with: Data(count.standardOutput.utf8)) as? [Any]
        #expect(objects?.count == 10)
        let empty = try await MojifinderCLITests.mojifinder(["--json", "brillig"])
        #expect(empty.standardOutput == "[]\n")
    }
}
