import EmojiIndexData

/// One locale's own names and keywords: what it does not inherit.
///
/// Its text: a line of the five skin tones' names; a line of the six
/// separators that join a base name and tones (see `Derivation`) and the
/// mark of a qualified name; then one line per entry,
/// `GAP<tab>name<tab>word word`, GAP the distance from the previous entry's
/// ordinal (the first's from -1), the name empty when it is the English
/// name of the main table, the words folded keywords that are not words of
/// the name. Packed blocks are base64 of raw DEFLATE.
struct LocaleBlock: Sendable {
    private static let tab = UInt8(ascii: "\t")
    let text: DataText
    let toneNames: [String]
    /// One tone after a plain name, after a qualified one; two tones after a
    /// plain name (before and between them), after a qualified one.
    let separators: [String]
    /// Appears in a qualified name ("kiss: woman, man"): `:` in most locales.
    let qualifierMark: [UInt8]
    private let entriesStart: Int

    /// The block of `locale`, unpacked; nil when it is corrupt.
    init?(_ locale: EmojiLocale) {
        let literal = EmojiDataText.block(locale.index)
        guard locale.packedSize > 0 else {
            self.init(text: .literal(literal))
            return
        }
        let unpacked = DataText.literal(literal).withBytes { packed in
            Base64.decode(packed).flatMap { bytes in
                bytes.withUnsafeBufferPointer { Inflate.decompress($0, size: locale.packedSize) }
            }
        }
        guard let unpacked else { return nil }
        self.init(text: .owned(unpacked))
    }

    /// Reads the two header lines; nil when they are not there.
    init?(text: DataText) {
        let header: (tones: [String], separators: [String], start: Int)? = text.withBytes { bytes in
            let tonesEnd = bytes.lineEnd(from: 0)
            guard tonesEnd < bytes.count else { return nil }
            let separatorsEnd = bytes.lineEnd(from: tonesEnd + 1)
            return (
                bytes.fields(0..<tonesEnd),
                bytes.fields(tonesEnd + 1..<separatorsEnd),
                separatorsEnd + 1
            )
        }
        guard let header, header.tones.count == 5, header.separators.count == 7 else { return nil }
        self.text = text
        toneNames = header.tones
        separators = Array(header.separators.prefix(6))
        qualifierMark = Array(header.separators[6].utf8)
        entriesStart = header.start
    }

    /// Calls `body` with each entry's ordinal, name and keyword words, in
    /// ordinal order, while it returns true. Lines that do not parse, or whose
    /// ordinal is not above the previous one, are skipped.
    func forEachEntry(_ body: (Int, UnsafeBufferPointer<UInt8>, Range<Int>, Range<Int>) -> Bool) {
        text.withBytes { bytes in
            var line = entriesStart
            var ordinal = -1
            while line < bytes.count {
                let end = bytes.lineEnd(from: line)
                let start = line
                line = end + 1
                guard let nameStart = bytes.first(Self.tab, in: start..<end).map({ $0 + 1 }),
                    let wordsStart = bytes.first(Self.tab, in: nameStart..<end).map({ $0 + 1 }),
                    let gap = bytes.decimal(start..<nameStart - 1), gap > 0
                else { continue }
                ordinal += gap
                guard body(ordinal, bytes, nameStart..<wordsStart - 1, wordsStart..<end) else { return }
            }
        }
    }

    /// The entry for `ordinal`, if this block has one.
    func entry(_ wanted: Int) -> (name: String, words: [UInt8])? {
        var found: (name: String, words: [UInt8])?
        forEachEntry { ordinal, bytes, name, words in
            if ordinal == wanted { found = (bytes.string(name), Array(bytes[words])) }
            return ordinal < wanted
        }
        return found
    }
}
