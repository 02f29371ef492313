import CharIndex
import CharIndexData
import Testing

@Suite struct QueryParsingTests {
    @Test func wordsAreUppercasedAndHyphensSplit() throws {
        let query = try Query("cat-face Smiling")
        #expect(query.words == ["CAT", "FACE", "SMILING"])
        #expect(query.listed.isEmpty && query.prefix == nil)
    }

    @Test func prefixTakesTheLastWord() throws {
        let query = try Query("cat fa", prefix: true)
        #expect(query.words == ["CAT"])
        #expect(query.prefix == "FA")
        #expect(try Query("cat fa").prefix == nil)
    }

    @Test func tokensOutsideTheNameAlphabetAreLiteral() throws {
        #expect(try Query("é🐱").listed == ["é", "🐱"])
        #expect(try Query("a🐱a b").listed == ["a", "🐱", "a"])  // the whole token, repeats included
        #expect(try Query("a🐱a b").words == ["B"])
        #expect(try Query("#").listed == ["#"])
    }

    @Test func codePointsAndRangesAreCaseInsensitive() throws {
        #expect(try Query("U+1F431").listed == ["🐱"])
        #expect(try Query("u+1f431").listed == ["🐱"])
        #expect(try Query("U+2042..U+2050").listed.map(\.value) == Array(0x2042...0x2050))
        #expect(try Query("u+0041..U+0043 U+0041").listed == ["A", "B", "C", "A"])
    }

    @Test func rangesSkipSurrogates() throws {
        #expect(try Query("U+D7FF..U+E000").listed.map(\.value) == [0xD7FF, 0xE000])
    }

    @Test(arguments: ["U+12", "U+1234567", "U+12G4", "U+", "U+0041..", "U+0041..0042", "U+0041...U+0042"])
    func malformedCodePointsAreErrors(token: String) {
        #expect(throws: QueryError.malformedCodePoint(token: token)) { try Query(token) }
    }

    @Test func otherCodePointErrors() {
        #expect(throws: QueryError.beyondUnicode(token: "U+110000")) { try Query("U+110000") }
        #expect(throws: QueryError.surrogate(token: "U+D800")) { try Query("U+D800") }
        #expect(throws: QueryError.emptyRange(token: "U+0042..U+0041")) { try Query("U+0042..U+0041") }
    }

    @Test func rangesAreCappedAcrossTheQuery() throws {
        #expect(try Query("U+0000..U+0FFF").listed.count == Query.defaultRangeLimit)
        #expect(throws: QueryError.tooManyCodePoints(token: "U+0000..U+1000", limit: 4096)) {
            try Query("U+0000..U+1000")
        }
        #expect(throws: QueryError.tooManyCodePoints(token: "U+1000", limit: 4096)) {
            try Query("U+0000..U+0FFF U+1000")
        }
        #expect(throws: QueryError.tooManyCodePoints(token: "U+0000..U+10FFFF", limit: 10)) {
            try Query("U+0000..U+10FFFF", rangeLimit: 10)
        }
        let error = QueryError.tooManyCodePoints(token: "U+0000..U+1000", limit: 4096)
        #expect(error.description.contains("at most 4096"))
    }

    /// ASCII texts are cut byte by byte; the words must be the ones a cut by
    /// characters gives, for every kind of white space and for texts that are not ASCII.
    @Test(arguments: [
        "cat face", " cat\tface\r\n", "CAT-face--smiling", "a\u{0B}b\u{0C}c\u{1C}d", "\r\n\r\n", "", "-",
        "zz9 u+0041", "caf\u{E9} x", "x\u{85}y\u{A0}z", "a \u{301}b",
    ])
    func wordsAreTheOnesACutByCharactersGives(_ text: String) throws {
        let byCharacters = text.uppercased().split { $0 == "-" || $0.isWhitespace }.map(String.init)
        #expect(tokenize(text) == byCharacters)
    }

    @Test func everyASCIIWhiteSpaceSeparatesTokens() throws {
        #expect(try Query("cat\u{0B}face\u{0C}smiling\r\nsun").words == ["CAT", "FACE", "SMILING", "SUN"])
        // U+001C is not white space for Swift: the token is literal.
        #expect(try Query("a\u{1C}b").listed == ["a", "\u{1C}", "b"])
        #expect(try Query("a\u{85}b cat").words == ["A", "B", "CAT"])
    }

    @Test func canonicalKeyIgnoresWordOrderButNotListOrder() throws {
        #expect(try Query("cat face").canonicalKey == Query("FACE cat cat").canonicalKey)
        #expect(try Query("é🐱").canonicalKey != Query("🐱é").canonicalKey)
        #expect(try Query("cat fa", prefix: true).canonicalKey != Query("cat fa").canonicalKey)
        #expect(try Query("").isEmpty)
    }
}

extension NameScans {
    @Suite struct QuerySearchTests {
        let index = InvertedIndex.unicode

        @Test func exactQueriesAnswerAsBefore() throws {
            for text in ["cat face", "letter", "cjk unified ideograph 4e00", "brillig"] {
                #expect(Array(index.search(try Query(text))) == index.search(text), "\(text)")
            }
        }

        @Test func prefixMatchesTheStartOfTheLastWord() throws {
            let found = index.search(try Query("cat fa", prefix: true)).map(\.value)
            let expected = scan { words in words.contains("CAT") && words.contains { $0.hasPrefix("FA") } }
            #expect(found == expected)
            #expect(found.contains(0x1F431))
            #expect(index.search(try Query("cat fa")).isEmpty)
        }

        @Test func aOneLetterPrefixAloneMatchesAScan() throws {
            let found = index.search(try Query("q", prefix: true)).map(\.value)
            #expect(found == scan { words in words.contains { $0.hasPrefix("Q") } })
        }

        @Test func aWholeWordIsItsOwnPrefix() throws {
            #expect(index.search(try Query("cat face", prefix: true)).count >= index.search("cat face").count)
            // Names ending in their own code point match it exactly, as in exact search.
            #expect(index.search(try Query("ideograph 4e00", prefix: true)).contains("\u{4E00}"))
        }

        @Test func prefixInAnIndexOfARange() throws {
            let ascii = InvertedIndex(names: 32...127)
            let found = ascii.search(try Query("dol", prefix: true))
            #expect(Array(found) == ["$"])
        }

        @Test func literalsAndCodePointsComeFirstInQueryOrder() throws {
            #expect(index.search(try Query("é🐱")).map(\.value) == [0xE9, 0x1F431])
            let mixed = index.search(try Query("U+2191 cat face 🐱")).map(\.value)
            #expect(mixed == [0x2191, 0x1F431] + index.search("cat face").map(\.value))
        }
    }
}

@Suite struct ScalarDetailsTests {
    @Test func catFaceDetails() {
        let details = ScalarDetails("🐱")
        #expect(details.char == "🐱")
        #expect(details.name == "CAT FACE")
        #expect(details.code == "U+1F431")
        #expect(details.category == "So")
        #expect(details.age == "6.0")
        #expect(details.utf8 == "F0 9F 90 B1")
        #expect(details.html == "&#x1F431;")
    }

    @Test func categoriesAndAgesComeFromTheStandardLibrary() {
        for (scalar, category) in [("A", "Lu"), ("a", "Ll"), ("1", "Nd"), (" ", "Zs"), ("$", "Sc"), ("\u{301}", "Mn")]
            as [(Unicode.Scalar, String)]
        {
            #expect(ScalarDetails(scalar).category == category)
        }
        #expect(ScalarDetails("A").age == "1.1")
        #expect(ScalarDetails("\u{378}").age == nil)
    }

    @Test func unnamedScalarsGetLabels() {
        #expect(Unicode.Scalar(0x07)!.displayName == "<control-0007>")
        #expect(Unicode.Scalar(0xE000)!.displayName == "<private-use-E000>")
        #expect(Unicode.Scalar(0xFFFE)!.displayName == "<noncharacter-FFFE>")
        #expect(Unicode.Scalar(0x378)!.displayName == "<unassigned-0378>")
        #expect(Unicode.Scalar(0x41)!.displayName == "LATIN CAPITAL LETTER A")
    }
}
