/// Text split into words and folded (lowercase, without diacritics), the
/// way scripts/gen-emoji-data folded the keywords it stores: split on
/// whitespace, punctuation and controls; format characters (a ZWNJ inside
/// a Persian word) dropped; each scalar folded by `FoldTable`.
///
/// One buffer reused for every name a search reads, so that folding 2,000
/// names allocates nothing after the first few.
struct FoldedWords {
    private(set) var bytes: [UInt8] = []
    /// Where each word ends in `bytes`; a word starts where the previous ends.
    private(set) var ends: [Int] = []

    var count: Int { ends.count }

    func word(_ index: Int) -> ArraySlice<UInt8> {
        bytes[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
    }

    /// Appends the words of `text` (UTF-8), from the data or from a query.
    mutating func append(_ text: UnsafeBufferPointer<UInt8>, fromData: Bool = true) {
        var wordStart = bytes.count
        var position = 0
        while position < text.count {
            let byte = text[position]
            var separates = true
            if byte < 0x80 {
                position += 1
                let folded = Self.ascii[Int(byte)]
                if folded != 0 {
                    bytes.append(folded)
                    separates = false
                }
            } else if let (scalar, length) = Self.scalar(in: text, at: position) {
                let start = position
                position += length
                let reading = FoldTable.reading(scalar, fromData: fromData)
                switch reading {
                case .separator: break
                case .kept: bytes.append(contentsOf: text[start..<position])
                case .folded(let index): bytes.append(contentsOf: FoldTable.folded(index))
                case .lowercased(let lower): bytes.append(contentsOf: lower.utf8)
                }
                separates = reading == .separator
            } else {
                position += 1  // not UTF-8: a separator
            }
            if separates {
                if bytes.count > wordStart { ends.append(bytes.count) }
                wordStart = bytes.count
            }
        }
        if bytes.count > wordStart { ends.append(bytes.count) }
    }

    /// Appends the words of a query's text.
    mutating func append(query text: String) {
        var text = text
        text.withUTF8 { append($0, fromData: false) }
    }

    /// Appends the words of a text of the data (a tone's name, a separator).
    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// Whether a scalar of the data separates words.
    static func isSeparator(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? ascii[Int(scalar.value)] == 0 : FoldTable.reading(scalar, fromData: true) == .separator
    }

    /// Per ASCII byte, its lowercase, or 0 when it separates words
    /// (whitespace, punctuation, controls: gen-emoji-data's `is_separator`).
    /// Written out rather than read from `FoldTable`, which a search of
    /// ASCII names then never parses; a test holds the two to agree.
    static let ascii: [UInt8] = (0..<128).map { value in
        let byte = UInt8(value)
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte + 32
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): return byte
        // The ASCII symbols (Unicode's S categories) are parts of words.
        case UInt8(ascii: "$"), UInt8(ascii: "+"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: ">"),
            UInt8(ascii: "^"), UInt8(ascii: "`"), UInt8(ascii: "|"), UInt8(ascii: "~"):
            return byte
        default: return 0
        }
    }

    /// The scalar whose UTF-8 starts at `position`, and its length; nil when
    /// the bytes there are not well-formed UTF-8.
    static func scalar(in text: UnsafeBufferPointer<UInt8>, at position: Int) -> (Unicode.Scalar, Int)? {
        let lead = text[position]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 0
        guard length > 0, position + length <= text.count else { return nil }
        var value = UInt32(lead) & (0x7F >> UInt32(length))
        for offset in 1..<length {
            let next = text[position + offset]
            guard next & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(next & 0x3F)
        }
        // Overlong forms and surrogates are not scalars; `Unicode.Scalar` refuses the latter.
        let shortest: UInt32 = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000
        guard value >= shortest, let scalar = Unicode.Scalar(value) else { return nil }
        return (scalar, length)
    }
}
