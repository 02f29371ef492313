/// The main table: every fully-qualified emoji in Unicode's order, with its
/// group, subgroup and English name (emoji-test.txt), or for a skin-tone
/// variant the emoji it varies. Parsed once per process into offsets
/// (about 0.5 ms for 3,655 lines); the text itself stays where it is.
struct EmojiTable: Sendable {
    let text: DataText
    /// Per ordinal: the emoji's bytes, its English name's bytes (empty for a variant).
    private(set) var emoji: [Range<Int>] = []
    private(set) var englishNames: [Range<Int>] = []
    /// Per ordinal: the base of a skin-tone variant, or nil.
    private(set) var bases: [Int?] = []
    private(set) var groupOf: [Int] = []
    private(set) var subgroupOf: [Int] = []
    private(set) var groups: [String] = []
    private(set) var subgroups: [String] = []

    /// How many emoji the table holds.
    var count: Int { emoji.count }

    init(_ text: DataText) {
        self.text = text
        text.withBytes { bytes in
            var line = 0
            while line < bytes.count {
                let end = bytes.lineEnd(from: line)
                parse(line..<end, in: bytes)
                line = end + 1
            }
        }
    }

    private mutating func parse(_ line: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>) {
        guard let first = line.first.map({ bytes[$0] }) else { return }
        let rest = line.dropFirst()
        if first == UInt8(ascii: "=") {
            groups.append(bytes.string(rest))
            return
        }
        if first == UInt8(ascii: "+") {
            subgroups.append(bytes.string(rest))
            return
        }
        // `EMOJI<tab>English name` or, for a variant, `EMOJI<tab><tab>N`, N lines back to its base.
        guard let tab = bytes.first(UInt8(ascii: "\t"), in: line), tab > line.lowerBound else { return }
        let second = bytes.first(UInt8(ascii: "\t"), in: tab + 1..<line.upperBound)
        var base: Int? = nil
        if let second, let back = bytes.decimal(second + 1..<line.upperBound), back > 0, back <= emoji.count {
            base = emoji.count - back
        }
        emoji.append(line.lowerBound..<tab)
        englishNames.append(tab + 1..<(base == nil ? second ?? line.upperBound : tab + 1))
        bases.append(base)
        groupOf.append(max(groups.count - 1, 0))
        subgroupOf.append(max(subgroups.count - 1, 0))
    }

    func emojiString(_ ordinal: Int) -> String { text.withBytes { $0.string(emoji[ordinal]) } }

    func englishName(_ ordinal: Int) -> String { text.withBytes { $0.string(englishNames[ordinal]) } }

    func group(_ ordinal: Int) -> String { groups.indices.contains(groupOf[ordinal]) ? groups[groupOf[ordinal]] : "" }

    func subgroup(_ ordinal: Int) -> String {
        subgroups.indices.contains(subgroupOf[ordinal]) ? subgroups[subgroupOf[ordinal]] : ""
    }

    /// The ordinal of the emoji whose scalars, without U+FE0F, are `key`
    /// (also without it): so a minimally-qualified or unqualified form finds
    /// its fully-qualified emoji. A linear scan that mostly stops at the
    /// first byte, cheaper than building a dictionary for one look-up.
    func ordinal(ofKey key: [UInt8]) -> Int? {
        text.withBytes { bytes in
            emoji.indices.first { Self.equalIgnoringFE0F(bytes, emoji[$0], key) }
        }
    }

    /// U+FE0F in UTF-8.
    static let variationSelector16: [UInt8] = [0xEF, 0xB8, 0x8F]

    private static func equalIgnoringFE0F(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ key: [UInt8])
        -> Bool
    {
        var position = range.lowerBound
        var index = 0
        while position < range.upperBound {
            if bytes[position] == 0xEF, position + 2 < range.upperBound, bytes[position + 1] == 0xB8,
                bytes[position + 2] == 0x8F
            {
                position += 3
                continue
            }
            guard index < key.count, key[index] == bytes[position] else { return false }
            position += 1
            index += 1
        }
        return index == key.count
    }
}

extension EmojiTable {
    /// Calls `body` with the bytes of an emoji's English name (empty for a variant).
    func withEnglishName<R>(_ ordinal: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        text.withBytes { body(UnsafeBufferPointer(rebasing: $0[englishNames[ordinal].clamped(to: 0..<$0.count)])) }
    }
}
