/// The main table: every fully-qualified emoji in Unicode's order, with its
/// group, subgroup and English name (emoji-test.txt), or for a skin-tone
/// variant the emoji it varies. Parsed once per process into offsets
/// (some 50 µs for 3,655 lines); the text itself stays where it is.
struct EmojiTable: Sendable {
    /// One line of the table, as offsets into its text.
    private struct Entry {
        var emoji: Range<Int32>
        /// Empty for a variant, whose name is derived.
        var englishName: Range<Int32>
        /// The ordinal of a skin-tone variant's base, or -1.
        var base: Int32
        var group: Int16
        var subgroup: Int16
    }

    let text: DataText
    /// Per ordinal, in Unicode's order: one array, so that a line costs one append.
    private var entries: [Entry] = []
    private(set) var groups: [String] = []
    private(set) var subgroups: [String] = []

    /// How many emoji the table holds.
    var count: Int { entries.count }

    init(_ text: DataText) {
        self.text = text
        entries.reserveCapacity(4096)
        text.withBytes { bytes in
            var line = 0
            while line < bytes.count {
                let end = bytes.lineEnd(from: line)
                let tab = bytes.first(Self.tab, in: line..<end)
                parse(line..<end, tabs: (tab, tab.flatMap { bytes.first(Self.tab, in: $0 + 1..<end) }), in: bytes)
                line = end + 1
            }
        }
    }

    private static let newline = UInt8(ascii: "\n")
    private static let tab = UInt8(ascii: "\t")

    private mutating func parse(_ line: Range<Int>, tabs: (Int?, Int?), in bytes: UnsafeBufferPointer<UInt8>) {
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
        // The text is far below 2 GiB, so offsets fit 32 bits.
        guard let tab = tabs.0, tab > line.lowerBound, line.upperBound <= Int(Int32.max) else { return }
        let second = tabs.1
        var base: Int32 = -1
        if let second, let back = bytes.decimal(second + 1..<line.upperBound), back > 0, back <= entries.count {
            base = Int32(entries.count - back)
        }
        let nameEnd = base >= 0 ? tab + 1 : second ?? line.upperBound
        entries.append(
            Entry(
                emoji: Int32(line.lowerBound)..<Int32(tab), englishName: Int32(tab + 1)..<Int32(nameEnd), base: base,
                group: Int16(clamping: max(groups.count - 1, 0)), subgroup: Int16(clamping: max(subgroups.count - 1, 0))
            ))
    }

    private func emojiRange(_ ordinal: Int) -> Range<Int> { Self.widened(entries[ordinal].emoji) }

    private func englishNameRange(_ ordinal: Int) -> Range<Int> { Self.widened(entries[ordinal].englishName) }

    private static func widened(_ range: Range<Int32>) -> Range<Int> { Int(range.lowerBound)..<Int(range.upperBound) }

    /// The base of a skin-tone variant, or nil.
    func base(of ordinal: Int) -> Int? {
        let base = entries[ordinal].base
        return base >= 0 ? Int(base) : nil
    }

    func emojiString(_ ordinal: Int) -> String { text.withBytes { $0.string(emojiRange(ordinal)) } }

    func englishName(_ ordinal: Int) -> String { text.withBytes { $0.string(englishNameRange(ordinal)) } }

    func group(_ ordinal: Int) -> String {
        let group = Int(entries[ordinal].group)
        return groups.indices.contains(group) ? groups[group] : ""
    }

    func subgroup(_ ordinal: Int) -> String {
        let subgroup = Int(entries[ordinal].subgroup)
        return subgroups.indices.contains(subgroup) ? subgroups[subgroup] : ""
    }

    /// The ordinal of the emoji whose scalars, without U+FE0F, are `key`
    /// (also without it): so a minimally-qualified or unqualified form finds
    /// its fully-qualified emoji. A linear scan that mostly stops at the
    /// first byte, cheaper than building a dictionary for one look-up.
    func ordinal(ofKey key: [UInt8]) -> Int? {
        text.withBytes { bytes in
            entries.indices.first { Self.equalIgnoringFE0F(bytes, emojiRange($0), key) }
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
        text.withBytes {
            body(UnsafeBufferPointer(rebasing: $0[englishNameRange(ordinal).clamped(to: 0..<$0.count)]))
        }
    }
}
