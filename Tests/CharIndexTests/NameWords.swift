import CharIndex
import Testing

/// Every named scalar with the words of its name, read from the standard
/// library independently of the index code. Made once for all the tests that
/// compare the index with a plain scan: in a debug build one pass over the
/// code space costs about a second, and the suite runs beside servers whose
/// handlers need the same two cores.
struct NamedScalar: Sendable {
    let value: UInt32
    /// Every word, as exact search matches them.
    let words: [String]
    /// The words a prefix can match: all but one that spells the scalar's own
    /// code point (`4E00` in `CJK UNIFIED IDEOGRAPH-4E00`), which the index
    /// matches only when complete.
    let prefixable: [String]
}

let namedScalars: [NamedScalar] = InvertedIndex.fullRange.compactMap { value in
    guard let name = Unicode.Scalar(value)?.properties.name else { return nil }
    let digits = String(value, radix: 16, uppercase: true)
    let ownCode = String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    let words = name.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init)
    return NamedScalar(value: value, words: words, prefixable: words.filter { $0 != ownCode })
}

/// The values, ascending, of the named scalars whose name words satisfy `matches`.
func scan(where matches: ([String]) -> Bool) -> [UInt32] {
    namedScalars.filter { matches($0.words) }.map(\.value)
}

/// The suites that check the index against `namedScalars`, one test at a
/// time. Each test is seconds of CPU in a debug build; run side by side they
/// would hold both cooperative threads, and the in-process servers of the
/// other suites could not answer within their timeouts.
@Suite(.serialized) enum NameScans {}
