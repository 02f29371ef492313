import TextSupport

/// A query parsed once for every front end: name words, literal characters
/// to identify, and code points or ranges to list.
///
/// Each whitespace-separated token is read as one of:
/// - `U+1F431` or `U+2042..U+2050` (case-insensitive, 4 to 6 hex digits):
///   code points to list;
/// - only A–Z, a–z, 0–9 and `-` (the alphabet of Unicode names): name words,
///   `-` counting as a space;
/// - anything else, such as `🐱` or `é!`: literal characters, each scalar listed.
public struct Query: Sendable, Hashable {
    /// Most code points that ranges may list in one query.
    public static let defaultRangeLimit = 4096

    /// Literal characters and code points, in query order, repeats included.
    public var listed: [Unicode.Scalar] = []
    /// Name words that must match exactly, uppercased, in query order.
    public var words: [String] = []
    /// With prefix search, the last name word: it matches any word starting with it.
    public var prefix: String?

    public init(listed: [Unicode.Scalar] = [], words: [String] = [], prefix: String? = nil) {
        self.listed = listed
        self.words = words
        self.prefix = prefix
    }

    /// Parses `text`. With `prefix`, the last name word matches as a prefix.
    /// Throws when a `U+` token is malformed or the ranges list more than
    /// `rangeLimit` code points.
    public init(_ text: String, prefix: Bool = false, rangeLimit: Int = Query.defaultRangeLimit)
        throws(QueryError)
    {
        var rangeCount = 0
        func read(_ token: Substring) throws(QueryError) {
            if Self.isCodePointToken(token) {
                let range = try Self.codePoints(token)
                // Counted before listing, so U+0000..U+10FFFF costs nothing.
                let low = max(range.lowerBound, 0xD800)
                let high = min(range.upperBound, 0xDFFF)
                rangeCount += range.count - (low <= high ? Int(high - low) + 1 : 0)
                guard rangeCount <= rangeLimit else {
                    throw .tooManyCodePoints(token: String(token), limit: rangeLimit)
                }
                listed += range.compactMap(Unicode.Scalar.init)
            } else if token.utf8.allSatisfy(Self.isNameByte) {
                // Name bytes are ASCII, so the words are always appended.
                _ = appendASCIIWords(of: token.utf8, to: &words)
            } else {
                listed += token.unicodeScalars
            }
        }
        try Self.forEachToken(of: text, read)
        if prefix, let last = words.popLast() { self.prefix = last }
    }

    /// `U+` or `u+` first: compared as bytes, which a generic `hasPrefix` on a
    /// substring is not.
    static func isCodePointToken(_ token: Substring) -> Bool {
        var bytes = token.utf8.makeIterator()
        let u = bytes.next()
        return (u == UInt8(ascii: "U") || u == UInt8(ascii: "u")) && bytes.next() == UInt8(ascii: "+")
    }

    /// Calls `body` with each whitespace-separated token of `text`, in order,
    /// without collecting them. An ASCII text, as most queries are, is cut by
    /// bytes: its characters are its bytes (CR LF, one character, is white
    /// space either way).
    static func forEachToken(
        of text: String, _ body: (Substring) throws(QueryError) -> Void
    ) throws(QueryError) {
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            for token in text.split(whereSeparator: \.isWhitespace) { try body(token) }
            return
        }
        try forEachRun(of: text.utf8, separatedBy: isASCIIWhitespace) { token throws(QueryError) in
            try body(Substring(token))
        }
    }

    /// Whether the query asks for nothing (no words, characters or code points).
    public var isEmpty: Bool { listed.isEmpty && words.isEmpty && prefix == nil }

    /// A text that two queries share exactly when their answers are the same:
    /// listed scalars in order, then the words sorted without repeats (their
    /// order and repeats cannot change an intersection), then the prefix.
    public var canonicalKey: String {
        var key = ""
        for scalar in listed {
            if !key.isEmpty { key += " " }
            key += "U+" + InvertedIndex.hex(scalar.value)
        }
        key += "\u{0}"
        // Sorted, then each word once: a query has a few words, so no set is built.
        var previous: String?
        for word in words.sorted() where word != previous {
            if previous != nil { key += " " }
            key += word
            previous = word
        }
        if let prefix { key += "\u{0}" + prefix + "*" }
        return key
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"):
            true
        default: false
        }
    }

    /// `U+XXXX` or `U+XXXX..U+YYYY` as a range of code points.
    static func codePoints(_ token: Substring) throws(QueryError) -> ClosedRange<UInt32> {
        let parts = token.split(separator: "..", maxSplits: 1, omittingEmptySubsequences: false)
        var bounds: [UInt32] = []
        for part in parts {
            let digits = part.dropFirst(2)
            guard part.hasPrefix("U+") || part.hasPrefix("u+"), (4...6).contains(digits.count),
                digits.utf8.allSatisfy({ $0 < 128 && Character(Unicode.Scalar($0)).isHexDigit }),
                let value = UInt32(digits, radix: 16)
            else { throw .malformedCodePoint(token: String(token)) }
            guard value <= 0x10FFFF else { throw .beyondUnicode(token: String(token)) }
            bounds.append(value)
        }
        guard let low = bounds.first, let high = bounds.last, low <= high else {
            throw .emptyRange(token: String(token))
        }
        if parts.count == 1, Unicode.Scalar(low) == nil { throw .surrogate(token: String(token)) }
        return low...high
    }
}

/// Why a query cannot be answered; the description is the message for users.
public enum QueryError: Error, Equatable, CustomStringConvertible {
    case malformedCodePoint(token: String)
    case beyondUnicode(token: String)
    case surrogate(token: String)
    case emptyRange(token: String)
    case tooManyCodePoints(token: String, limit: Int)

    public var description: String {
        switch self {
        case .malformedCodePoint(let token):
            "'\(token)' is not a code point: write U+ and 4 to 6 hex digits (U+1F431), or a range U+2190..U+2193."
        case .beyondUnicode(let token): "'\(token)' is beyond U+10FFFF, the last Unicode code point."
        case .surrogate(let token): "'\(token)' is a surrogate code point, not a character."
        case .emptyRange(let token): "'\(token)' is an empty range: the first code point must not exceed the last."
        case .tooManyCodePoints(let token, let limit):
            "'\(token)' lists too many code points: at most \(limit) in one query."
        }
    }
}
