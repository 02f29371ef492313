import EmojiIndexData

/// A CLDR locale with emoji names and keywords, such as `pt` or `pt_PT`.
public struct EmojiLocale: Sendable, Hashable, CustomStringConvertible {
    /// CLDR's code, with underscores: `pt_PT`.
    public let code: String
    /// The locale's name in English (`European Portuguese`), from CLDR.
    public let englishName: String
    /// The locale's name in its own language (`português europeu`), from CLDR.
    public let nativeName: String
    /// Its line in the locale directory, which is also its block's number.
    let index: Int
    /// The line of the locale it inherits from, or nil for English, which
    /// falls back to emoji-test.txt's names.
    let parent: Int?
    /// The size of its block unpacked, or 0 when the block is plain text.
    let packedSize: Int

    public var description: String { code }

    /// English, the root every other locale falls back to.
    public static var english: EmojiLocale {
        LocaleDirectory.shared.locales.first { $0.code == "en" } ?? LocaleDirectory.shared.fallback
    }

    /// Every locale, sorted by code.
    public static var all: [EmojiLocale] { LocaleDirectory.shared.locales }

    /// The locale with this code: `pt`, `pt_PT`, `pt-PT` and `PT-pt` all name the
    /// same one. Nil when CLDR has no emoji annotations for it.
    public init?(_ code: String) {
        guard let found = LocaleDirectory.shared.locale(code) else { return nil }
        self = found
    }

    init(code: String, englishName: String, nativeName: String, index: Int, parent: Int?, packedSize: Int) {
        (self.code, self.englishName, self.nativeName) = (code, englishName, nativeName)
        (self.index, self.parent, self.packedSize) = (index, parent, packedSize)
    }
}

/// The locale directory, parsed once: a line per locale,
/// `code<tab>parent line or -<tab>packed size or 0<tab>English name<tab>own name`.
struct LocaleDirectory: Sendable {
    let locales: [EmojiLocale]
    /// Stands for English should the data lack it (it never does): no block, English names only.
    let fallback = EmojiLocale(
        code: "en", englishName: "English", nativeName: "English", index: -1, parent: nil, packedSize: 0)

    static let shared = LocaleDirectory(.literal(EmojiDataText.locales))

    init(_ text: DataText) {
        var lines: [(code: String, parent: Int?, size: Int, english: String, native: String)] = []
        text.withBytes { bytes in
            var line = 0
            while line < bytes.count {
                let end = bytes.lineEnd(from: line)
                let fields = bytes.fields(line..<end)
                line = end + 1
                guard fields.count == 5, !fields[0].isEmpty, let size = bytes.decimal(fields[2]) else { continue }
                lines.append(
                    (
                        bytes.string(fields[0]), bytes.decimal(fields[1]), size, bytes.string(fields[3]),
                        bytes.string(fields[4])
                    ))
            }
        }
        locales = lines.enumerated().map { index, line in
            // A parent is another line of the directory; chains also stop at a repeat (EmojiNames).
            let parent = line.parent.flatMap { lines.indices.contains($0) && $0 != index ? $0 : nil }
            return EmojiLocale(
                code: line.code, englishName: line.english, nativeName: line.native, index: index, parent: parent,
                packedSize: line.size)
        }
    }

    func locale(_ code: String) -> EmojiLocale? {
        let wanted = Self.normalized(code)
        return locales.first { Self.normalized($0.code) == wanted }
    }

    /// Lowercase ASCII with `_` for `-`: BCP 47 tags and CLDR codes compare equal.
    private static func normalized(_ code: String) -> [UInt8] {
        code.utf8.map { byte in
            if byte == UInt8(ascii: "-") { return UInt8(ascii: "_") }
            return (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 32 : byte
        }
    }
}
