import EmojiIndexData

/// One locale's emoji names and keywords, ready to identify and search:
/// its block and its parents' down to English, unpacked once on creation
/// (about 1 ms for a packed locale; English is read in place).
public struct EmojiNames: Sendable {
    public let locale: EmojiLocale
    /// The locale's block first, then its parents'; a corrupt block is left out.
    let chain: [LocaleBlock]
    /// The derivation's separators and tone names: the locale's own header.
    let header: LocaleBlock?

    public init(_ locale: EmojiLocale) {
        self.locale = locale
        var chain: [LocaleBlock] = []
        var next: Int? = locale.index
        // A chain is a few locales long; a list of them is cheaper than a set.
        var seen: [Int] = []
        let locales = LocaleDirectory.shared.locales
        while let index = next, locales.indices.contains(index), !seen.contains(index) {
            seen.append(index)
            if let block = LocaleBlock(locales[index]) { chain.append(block) }
            next = locales[index].parent
        }
        self.chain = chain
        header = chain.first
    }

    /// The RGI emoji that `character` is, in any qualification (`1⃣` is
    /// `1️⃣`), or nil when it is none.
    public func identify(_ character: Character) -> RGIEmoji? {
        var key: [UInt8] = []
        for scalar in character.unicodeScalars where scalar.value != 0xFE0F {
            UTF8.encode(scalar) { key.append($0) }
        }
        guard !key.isEmpty, let ordinal = EmojiTable.shared.ordinal(ofKey: key) else { return nil }
        return emoji(ordinal, name: name(ordinal))
    }

    /// The name of an emoji in this locale: the first block that has it,
    /// else for a skin-tone variant its base's name with the tones, else
    /// the English name of emoji-test.txt.
    func name(_ ordinal: Int) -> String {
        let table = EmojiTable.shared
        for block in chain {
            if let entry = block.entry(ordinal) { return entry.name.isEmpty ? table.englishName(ordinal) : entry.name }
        }
        if let base = table.base(of: ordinal), let header {
            return header.derivedName(baseName: name(base), tones: SkinTone.tones(of: table.emojiString(ordinal)))
        }
        return table.englishName(ordinal)
    }

    /// Every RGI emoji in Unicode's order, named in this locale.
    public func allEmoji() -> [RGIEmoji] {
        var sources = NameSources(repeating: .none, count: EmojiTable.shared.count)
        for (index, block) in chain.enumerated() {
            block.forEachEntry { ordinal, _, name, _ in
                guard sources.indices.contains(ordinal) else { return false }
                if !sources[ordinal].isFound { sources[ordinal] = NameSource(block: index, name: name) }
                return true
            }
        }
        return sources.indices.map { emoji($0, name: name($0, sources)) }
    }

    /// Per ordinal, where a pass over the blocks found its entry.
    typealias NameSources = [NameSource]

    /// The block's place in `chain` (-1: in none) and the name's bytes there
    /// (empty: the English name). Small and not optional: a search keeps one
    /// per emoji, and a tuple's metadata costs a process a look-up at start.
    struct NameSource {
        private var blockIndex: Int32
        private var start: Int32
        private var end: Int32

        static let none = NameSource(blockIndex: -1, start: 0, end: 0)

        private init(blockIndex: Int32, start: Int32, end: Int32) {
            (self.blockIndex, self.start, self.end) = (blockIndex, start, end)
        }

        /// A block's text is far below 2 GiB, so its offsets fit 32 bits.
        init(block: Int, name: Range<Int>) {
            self.init(
                blockIndex: Int32(clamping: block), start: Int32(clamping: name.lowerBound),
                end: Int32(clamping: name.upperBound))
        }

        var isFound: Bool { blockIndex >= 0 }
        var block: Int { Int(blockIndex) }
        var name: Range<Int> { Int(start)..<Int(max(start, end)) }
    }

    /// An emoji's name from where a pass found it, without reading the blocks again.
    func name(_ ordinal: Int, _ sources: NameSources) -> String {
        let table = EmojiTable.shared
        let source = sources[ordinal]
        if source.isFound, chain.indices.contains(source.block), !source.name.isEmpty {
            return chain[source.block].text.withBytes { $0.string(source.name) }
        }
        if !source.isFound, let base = table.base(of: ordinal), let header {
            return header.derivedName(
                baseName: name(base, sources), tones: SkinTone.tones(of: table.emojiString(ordinal)))
        }
        return table.englishName(ordinal)
    }

    func emoji(_ ordinal: Int, name: String) -> RGIEmoji {
        let table = EmojiTable.shared
        return RGIEmoji(
            emoji: table.emojiString(ordinal), name: name, group: table.group(ordinal),
            subgroup: table.subgroup(ordinal), order: ordinal)
    }
}

extension EmojiTable {
    static let shared = EmojiTable(.literal(EmojiDataText.emoji))
}
