import EmojiIndexData

/// A CLDR locale with emoji names and keywords, such as `pt` or `pt_PT`.
public struct EmojiLocale: Sendable, Hashable, CustomStringConvertible {
    /// CLDR's code, with underscores: `pt_PT`.
    public let code: String
    /// The locale's name in English (`European Portuguese`), from CLDR.
    public var englishName: String { names.map { $0.string($0.english) } ?? "English" }
    /// The locale's name in its own language (`português europeu`), from CLDR.
    public var nativeName: String { names.map { $0.string($0.native) } ?? "English" }
    /// Where the two names are in the directory's text, read when asked for:
    /// a search needs neither. Nil only for the stand-in English.
    let names: Names?
    /// Its line in the locale directory, which is also its block's number.
    let index: Int
    /// The line of the locale it inherits from, or nil for English, which
    /// falls back to emoji-test.txt's names.
    var parent: Int?
    /// The size of its block unpacked, or 0 when the block is plain text.
    let packedSize: Int

    public var description: String { code }

    /// English, the root every other locale falls back to.
    public static var english: EmojiLocale {
        LocaleDirectory.shared.locales.first { $0.code == "en" } ?? LocaleDirectory.shared.fallback
    }

    /// Every locale, sorted by code.
    public static var all: [EmojiLocale] { LocaleDirectory.shared.locales }

    /// How many locales there are, without reading the directory: a line each.
    public static var count: Int {
        DataText.literal(EmojiDataText.locales).withBytes { bytes in
            var lines = 0
            var start = 0
            while start < bytes.count {
                let end = bytes.lineEnd(from: start)
                if end > start { lines += 1 }
                start = end + 1
            }
            return lines
        }
    }

    /// The locale with this code: `pt`, `pt_PT`, `pt-PT` and `PT-pt` all name the
    /// same one. Nil when CLDR has no emoji annotations for it.
    public init?(_ code: String) {
        guard let found = LocaleDirectory.shared.locale(code) else { return nil }
        self = found
    }

    init(code: String, names: Names?, index: Int, parent: Int?, packedSize: Int) {
        (self.code, self.names) = (code, names)
        (self.index, self.parent, self.packedSize) = (index, parent, packedSize)
    }

    /// A locale is its code: the directory holds each code once.
    public static func == (left: EmojiLocale, right: EmojiLocale) -> Bool { left.code == right.code }

    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    struct Names: Sendable {
        let text: DataText
        let english: Range<Int>
        let native: Range<Int>

        func string(_ range: Range<Int>) -> String { text.withBytes { $0.string(range) } }
    }
}

/// The locale directory, parsed once: a line per locale,
/// `code<tab>parent line or -<tab>packed size or 0<tab>English name<tab>own name`.
struct LocaleDirectory: Sendable {
    let locales: [EmojiLocale]
    /// Stands for English should the data lack it (it never does): no block, English names only.
    let fallback = EmojiLocale(code: "en", names: nil, index: -1, parent: nil, packedSize: 0)

    static let shared = LocaleDirectory(.literal(EmojiDataText.locales))

    init(_ text: DataText) {
        var locales: [EmojiLocale] = []
        text.withBytes { bytes in
            var line = 0
            while line < bytes.count {
                let end = bytes.lineEnd(from: line)
                // The line's tab-separated fields, one after the other, without an array of them.
                var position = line
                func field() -> Range<Int>? {
                    guard position <= end else { return nil }
                    let stop = bytes.first(UInt8(ascii: "\t"), in: position..<end) ?? end
                    defer { position = stop + 1 }
                    return position..<stop
                }
                line = end + 1
                guard let code = field(), let parent = field(), let sizeField = field(), let english = field(),
                    let native = field(), field() == nil, !code.isEmpty, let size = bytes.decimal(sizeField)
                else { continue }
                locales.append(
                    EmojiLocale(
                        code: bytes.string(code),
                        names: EmojiLocale.Names(text: text, english: english, native: native),
                        index: locales.count, parent: bytes.decimal(parent), packedSize: size))
            }
        }
        // A parent is another line of the directory; chains also stop at a repeat (EmojiNames).
        for index in locales.indices {
            if let parent = locales[index].parent, !locales.indices.contains(parent) || parent == index {
                locales[index].parent = nil
            }
        }
        self.locales = locales
    }

    func locale(_ code: String) -> EmojiLocale? {
        let wanted = Self.normalized(code)
        return locales.first { $0.code.utf8.elementsEqual(wanted) { Self.normalized($0) == $1 } }
    }

    /// Lowercase ASCII with `_` for `-`: BCP 47 tags and CLDR codes compare equal.
    private static func normalized(_ code: String) -> [UInt8] { code.utf8.map(normalized) }

    private static func normalized(_ byte: UInt8) -> UInt8 {
        if byte == UInt8(ascii: "-") { return UInt8(ascii: "_") }
        return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
    }
}
