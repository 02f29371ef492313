import CharIndex
import CharIndexData
import Testing

/// Every one- and two-letter prefix a query can have: A–Z and 0–9.
private let shortPrefixes: [String] = {
    let letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".map(String.init)
    return letters + letters.flatMap { first in letters.map { first + $0 } }
}()

/// The straightforward answer: for each one- and two-letter prefix, the
/// values among `scalars` with a name word starting with it, ascending.
private func valuesByShortPrefix(_ scalars: [NamedScalar]) -> [String: [UInt32]] {
    var found: [String: [UInt32]] = [:]
    for scalar in scalars {
        let value = scalar.value
        for word in scalar.prefixable {
            for length in 1...2 where length <= word.count {
                let prefix = String(word.prefix(length))
                if found[prefix]?.last != value { found[prefix, default: []].append(value) }
            }
        }
    }
    return found
}

extension NameScans {
    /// Compares prefix search, which answers short prefixes from sets made at
    /// build time, with the straightforward answer from the names themselves.
    @Suite struct PrefixSearchTests {
        let index = InvertedIndex.unicode

        @Test func everyShortPrefixAloneMatchesTheNames() {
            let expected = valuesByShortPrefix(namedScalars)
            for prefix in shortPrefixes {
                let found = index.search(Query(words: [], prefix: prefix)).map(\.value)
                #expect(found == expected[prefix, default: []], "\(prefix)")
            }
            #expect(expected.count > 600)  // most two-letter prefixes start some word
        }

        @Test(arguments: [
            ["CAT"], ["ARROW"], ["GREEK"], ["SIGN"], ["WITH"], ["BLACK"], ["FACE"], ["LATIN", "SMALL", "LETTER"],
            ["CJK", "IDEOGRAPH"], ["MATHEMATICAL", "BOLD"], ["DIGIT"], ["BRILLIG"],
        ])
        func everyShortPrefixAfterCommonWordsMatchesTheNames(words: [String]) {
            let candidates = namedScalars.filter { scalar in words.allSatisfy(scalar.words.contains) }
            let expected = valuesByShortPrefix(candidates)
            for prefix in shortPrefixes {
                let found = index.search(Query(words: words, prefix: prefix)).map(\.value)
                #expect(found == expected[prefix, default: []], "\(words) \(prefix)")
            }
        }

        @Test func prefixesAgreeInAnIndexBuiltForARange() {
            for range: ClosedRange<UInt32> in [0x20...0x7F, 0x370...0x3FF, 0x1F400...0x1F4FF] {
                let built = InvertedIndex(names: range)  // its own table, prefix lines included
                let expected = valuesByShortPrefix(namedScalars.filter { range.contains($0.value) })
                for prefix in shortPrefixes {
                    let want = expected[prefix, default: []]
                    #expect(built.search(Query(words: [], prefix: prefix)).map(\.value) == want, "\(range) \(prefix)")
                }
            }
        }

        @Test func longerPrefixesStillMatchTheNames() {
            for (words, prefix) in [
                ([], "LET"), (["CAT"], "FAC"), (["ARROW"], "LEFTW"), (["LATIN"], "SMAL"), ([], "ZZZ"),
            ] {
                let expected = namedScalars.filter { scalar in
                    words.allSatisfy(scalar.words.contains) && scalar.prefixable.contains { $0.hasPrefix(prefix) }
                }
                let found = index.search(Query(words: words, prefix: prefix)).map(\.value)
                #expect(found == expected.map(\.value), "\(words) \(prefix)")
            }
        }

        @Test func theShortPrefixLinesAreNotWords() {
            #expect(index.allEntries().allSatisfy { !$0.word.hasPrefix("~") })
            #expect(index.entries("~A").isEmpty)
            #expect(index.search("~a").isEmpty)
            #expect(index.entries(prefix: "~").isEmpty)
            #expect(index.wordCount == index.allEntries().count)
        }
    }
}
