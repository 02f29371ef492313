import CharIndex
import CharIndexData
import Testing

/// The chapter's own examples, over the ASCII range it uses in its doctests.
@Suite struct ASCIIRangeTests {
    let index = InvertedIndex(names: 32...127)

    func chars(_ set: ScalarSet) -> String { String(String.UnicodeScalarView(set.scalars)) }

    @Test func dollarIsTheDollarSign() {
        #expect(chars(index.entries("DOLLAR")) == "$")
    }

    @Test func signFindsTheSevenSigns() {
        #expect(chars(index.entries("SIGN")) == "#$%+<=>")
    }

    @Test func aAndSmallIntersectToSmallA() {
        #expect(chars(index.entries("A").intersection(index.entries("SMALL"))) == "a")
    }

    @Test func unknownWordFindsNothing() {
        #expect(index.entries("BRILLIG").isEmpty)
        #expect(index.search("brillig").isEmpty)
    }

    @Test func searchIsCaseInsensitive() {
        #expect(index.search("capital a") == ["A"])
    }

    @Test func emptyOrBlankQueryFindsNothing() {
        #expect(index.search("").isEmpty)
        #expect(index.search("  \t ").isEmpty)
    }

    @Test func hyphenSplitsWords() {
        #expect(index.search("hyphen-minus") == ["-"])
    }
}

@Suite struct FullIndexTests {
    let index = InvertedIndex.unicode

    @Test func catFaceFindsTenCatsInCodePointOrder() {
        let expected: [UInt32] = [0x1F431] + Array(0x1F638...0x1F640)
        #expect(index.search("cat face").map(\.value) == expected)
    }

    @Test func resultsComeInCodePointOrder() {
        let values = index.search("letter").map(\.value)
        #expect(values.count > 1000)
        #expect(values == values.sorted())
    }

    @Test func namesEndingInTheirCodePointAreFound() {
        // U+1F229 is SQUARED CJK UNIFIED IDEOGRAPH-4E00: the word is in its name too.
        #expect(index.search("cjk unified ideograph 4e00") == ["\u{4E00}", "\u{1F229}"])
        #expect(index.search("4E00 squared") == ["\u{1F229}"])
        #expect(index.search("04E00").isEmpty)
        #expect(index.entries("IDEOGRAPH").count > 90_000)
    }

    @Test func hangulSyllablesAreIndexed() {
        #expect(index.search("hangul syllable gag") == ["\u{AC01}"])
    }
}

extension NameScans {
    /// Checks the generated index against a plain scan of every name, written
    /// independently of the index code, for a sample of words of every kind.
    @Suite struct GeneratedIndexTests {
        @Test func entriesMatchAPlainScanOfAllNames() {
            let words = [
                "CAT", "FACE", "A", "LATIN", "SIGN", "IDEOGRAPH", "CJK", "HANGUL", "GAG",
                "4E00", "1F600", "F900", "17000", "TANGUT", "MINUS", "ZERO", "WITH", "EGYPTIAN", "0041",
            ]
            var expected: [String: [UInt32]] = Dictionary(uniqueKeysWithValues: words.map { ($0, []) })
            for scalar in namedScalars {
                for word in words where scalar.words.contains(word) { expected[word, default: []].append(scalar.value) }
            }
            for word in words {
                #expect(InvertedIndex.unicode.entries(word).scalars.map(\.value) == expected[word], "\(word)")
            }
            #expect(expected["0041"] == [])  // no name spells its code point with a leading zero like that
        }
    }
}
