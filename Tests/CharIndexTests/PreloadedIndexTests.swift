import CharIndex
import CharIndexData
import Testing

/// The table read in place and the table with every set decoded must answer
/// alike: servers use the second, the CLI the first.
@Suite struct PreloadedIndexTests {
    let inPlace = InvertedIndex.unicode
    let preloaded = InvertedIndex.unicodePreloaded

    @Test func everyWordHasTheSameSetBothWays() {
        let entries = inPlace.allEntries()
        #expect(entries.count == inPlace.wordCount)
        #expect(preloaded.wordCount == inPlace.wordCount)
        // `entries` adds the character named by a hex word (`selfNamed`), so
        // compare the two ways with each other and with the raw table set.
        for (word, set) in entries {
            let found = inPlace.entries(word)
            if preloaded.entries(word) != found || found.intersection(set) != set { Issue.record("\(word) differs") }
        }
    }

    @Test func everyPrefixOfUpToThreeLettersHasTheSameSetBothWays() {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-").map(String.init)
        var prefixes = letters
        for first in letters { prefixes += letters.map { first + $0 } }
        prefixes += ["CAT", "LET", "ZZZ", "~", "~A", "", "é"]
        for prefix in prefixes where preloaded.entries(prefix: prefix) != inPlace.entries(prefix: prefix) {
            Issue.record("prefix \(prefix) differs")
        }
        #expect(preloaded.entries(prefix: "A").count > 5_000)
    }

    @Test func prefixLinesAreNotWordsWhenPreloaded() {
        #expect(preloaded.entries("~A").isEmpty)
        #expect(preloaded.entries(prefix: "~").isEmpty)
        #expect(preloaded.allEntries().allSatisfy { !$0.word.hasPrefix("~") })
    }

    @Test func searchesAnswerAlikeAndRestrictionsHold() throws {
        for text in ["cat face", "letter", "cjk unified ideograph 4e00", "brillig", "arrow l", "a"] {
            let query = try Query(text, prefix: text.hasSuffix(" l") || text == "a")
            #expect(Array(preloaded.search(query)) == Array(inPlace.search(query)), "\(text)")
        }
        let ascii = InvertedIndex(names: 32...127).preloaded()
        #expect(ascii.search("sign").map(\.value) == [0x23, 0x24, 0x25, 0x2B, 0x3C, 0x3D, 0x3E])
    }

    @Test func anEmbeddedLiteralIsReadInPlace() {
        // U+0041 is `Cb` (2 × 32 + 1) with a length of `a` (one code point).
        let table: StaticString = "CAT Cba\nDOG Cea\n~C Cba\n~CA Cba\n~D Cea\n~DO Cea\n"
        let index = InvertedIndex(embedded: table)
        #expect(index.wordCount == 2)
        #expect(index.entries("CAT").ranges == [0x41...0x41])
        #expect(index.entries("DOG").ranges == [0x44...0x44])
        #expect(index.entries(prefix: "D").ranges == [0x44...0x44])
        #expect(index.entries(prefix: "DOGS").isEmpty)
        #expect(index.preloaded().entries("DOG").ranges == [0x44...0x44])
        #expect(index.preloaded().entries(prefix: "CA").ranges == [0x41...0x41])
    }

    /// The table is built, not typed, but a broken one must not read out of
    /// bounds: every scan stops at the end of the text.
    @Test func malformedTablesGiveNoCrash() {
        for table in ["", "\n", "CAT", "CAT ", "CAT A", "CAT AAAA\nDOG", "~", " \n \n", "CAT 5\nBAT a\n", "Z a\n~Z"] {
            let index = InvertedIndex(encoded: Array(table.utf8))
            for word in ["CAT", "DOG", "BAT", "Z", ""] {
                _ = index.entries(word)
                _ = index.entries(prefix: word)
                _ = index.preloaded().entries(word)
            }
            _ = index.allEntries()
            _ = index.wordCount
        }
    }
}
