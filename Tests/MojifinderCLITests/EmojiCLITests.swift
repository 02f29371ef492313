import EmojiIndex
import Foundation
import TestSupport
import Testing

/// `mojifinder emoji`, `identify` by grapheme cluster, the hints, and the
/// chapter's name search kept byte for byte.
@Suite struct EmojiCLITests {
    static func mojifinder(_ arguments: [String]) async throws -> ProcessOutput {
        try await runProduct("mojifinder", arguments, timeout: .seconds(60))
    }

    /// Recorded from mojifinder 0.2.0, before the emoji layer: the name search is unchanged.
    @Test func theNameSearchIsByteIdenticalOnARecordedSetOfQueries() async throws {
        struct Case: Decodable {
            var arguments: [String]
            var status: Int32
            var stdout: String
        }
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("fixtures/name-searches.json")
        let cases = try JSONDecoder().decode([Case].self, from: Data(contentsOf: url))
        #expect(cases.count > 30)
        for recorded in cases {
            let run = try await Self.mojifinder(recorded.arguments)
            #expect(run.exitCode == recorded.status, "\(recorded.arguments)")
            #expect(run.standardOutput == recorded.stdout, "\(recorded.arguments)")
        }
    }

    @Test func everyRGISequenceIdentifiesAsOneLineWithItsName() async throws {
        let sequences = EmojiNames(.english).allEmoji().filter { $0.emoji.unicodeScalars.count > 1 }
        #expect(sequences.count > 1000)
        let run = try await Self.mojifinder(["identify", sequences.map(\.emoji).joined()])
        #expect(run.exitCode == 0)
        let lines = run.standardOutput.split(separator: "\n").map(String.init)
        #expect(lines.count == sequences.count + 1)
        for (line, emoji) in zip(lines, sequences) where line.split(separator: "\t").last.map(String.init) != emoji.name
        {
            Issue.record("\(line) is not \(emoji.name)")
            break
        }
    }

    @Test func identifyShowsSequencesAsOneLineAndTheirPartsWithScalars() async throws {
        let run = try await Self.mojifinder(["identify", "👨‍👩‍👧🇵🇹👍🏽1️⃣"])
        #expect(
            run.standardOutput == """
                U+1F468 U+200D U+1F469 U+200D U+1F467\t👨‍👩‍👧\tfamily: man, woman, girl
                U+1F1F5 U+1F1F9\t🇵🇹\tflag: Portugal
                U+1F44D U+1F3FD\t👍🏽\tthumbs up: medium skin tone
                U+0031 U+FE0F U+20E3\t1️⃣\tkeycap: 1
                \(String(repeating: "─", count: 66)) 4 found

                """)
        let parts = try await Self.mojifinder(["identify", "--scalars", "👍🏽"])
        #expect(parts.standardOutput.contains("\n  U+1F3FD\t🏽\tEMOJI MODIFIER FITZPATRICK TYPE-4\n"))
        let json = try await Self.mojifinder(["identify", "--json", "🇵🇹"])
        #expect(
            json.standardOutput
                == "[\n{\"emoji\":\"🇵🇹\",\"name\":\"flag: Portugal\",\"code\":\"U+1F1F5 U+1F1F9\",\"group\":\"Flags\",\"subgroup\":\"country-flag\"}\n]\n"
        )
        let portuguese = try await Self.mojifinder(["identify", "--lang", "pt", "🇵🇹"])
        #expect(portuguese.standardOutput.hasPrefix("U+1F1F5 U+1F1F9\t🇵🇹\tbandeira: Portugal\n"))
    }

    @Test func invisibleCharactersGetAVisibleStandIn() async throws {
        let run = try await Self.mojifinder(["identify", "a\u{200D} \u{301}\u{FE0F}"])
        let shown = run.standardOutput.split(separator: "\n").dropLast().map { $0.split(separator: "\t")[1] }
        #expect(shown == ["a", "⬚", "␣", "◌\u{301}", "⬚"])
    }

    @Test(arguments: [
        (["smile"], "😃"), (["portugal"], "🇵🇹"), (["flag", "portugal"], "🇵🇹"), (["family"], "👪"),
        (["--lang", "pt", "sorriso"], "😄"), (["--lang", "de", "Daumen"], "👍"), (["--lang", "ja", "親指"], "👍"),
        (["--lang", "pt-PT", "bandeira", "portugal"], "🇵🇹"), (["--prefix", "flag", "portu"], "🇵🇹"),
    ])
    func emojiFindsByCLDRNamesAndKeywords(arguments: [String], expected: String) async throws {
        let run = try await Self.mojifinder(["emoji"] + arguments)
        #expect(run.exitCode == 0)
        let found = run.standardOutput.split(separator: "\n").dropLast().map { String($0.split(separator: "\t")[1]) }
        #expect(found.contains(expected), "\(arguments): \(found)")
    }

    @Test func tonesAreFoldedUnlessAsked() async throws {
        let folded = try await Self.mojifinder(["emoji", "thumbs", "up"])
        #expect(folded.standardOutput.hasPrefix("U+1F44D\t👍\tthumbs up\n"))
        #expect(!folded.standardOutput.contains("🏽"))
        let tones = try await Self.mojifinder(["emoji", "--tones", "thumbs", "up"])
        #expect(tones.standardOutput.contains("U+1F44D U+1F3FD\t👍🏽\tthumbs up: medium skin tone\n"))
    }

    @Test func anUnknownLanguageIsAUsageErrorThatSaysHowToListThem() async throws {
        let run = try await Self.mojifinder(["emoji", "--lang", "xx", "smile"])
        #expect(run.exitCode == 64)
        #expect(run.standardError.contains("mojifinder emoji --list-languages"))
        let list = try await Self.mojifinder(["emoji", "--list-languages"])
        #expect(list.standardOutput.contains("\npt\tPortuguese\tportuguês\n"))
        #expect(list.standardOutput.split(separator: "\n").count == EmojiLocale.all.count)
    }

    @Test func aNameSearchThatFindsNothingSaysWhatWould() async throws {
        let run = try await Self.mojifinder(["portugal"])
        #expect(run.standardOutput == String(repeating: "─", count: 66) + " 0 found\n")
        #expect(run.standardError == "0 found; mojifinder emoji portugal finds 1\n")
        let prefix = try await Self.mojifinder(["catf"])
        #expect(
            prefix.standardError.isEmpty || prefix.standardError.hasPrefix("0 found; mojifinder --prefix catf finds"))
    }

    @Test func versionNamesTheEmojiAndCLDRVersions() async throws {
        let run = try await Self.mojifinder(["--version"])
        #expect(run.standardOutput.hasSuffix("; Emoji \(EmojiLookup.emojiVersion); CLDR \(EmojiLookup.cldrVersion))\n"))
    }
}
