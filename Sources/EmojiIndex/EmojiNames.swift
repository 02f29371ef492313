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
        var sources = NameSources(repeating: nil, count: EmojiTable.shared.count)
        for (index, block) in chain.enumerated() {
            block.forEachEntry { ordinal, _, name, _ in
                guard sources.indices.contains(ordinal) else { return false }
                if sources[ordinal] == nil { sources[ordinal] = (index, name) }
                return true
            }
        }
        return sources.indices.map { emoji($0, name: name($0, sources)) }
    }

    /// Per ordinal, where a pass over the blocks found its entry: the block's
    /// place in `chain` and the name's bytes there (empty: the English name).
    typealias NameSources = [(block: Int, name: Range<Int>)?]

    /// An emoji's name from where a pass found it, without reading the blocks again.
    func name(_ ordinal: Int, _ sources: NameSources) -> String {
        let table = EmojiTable.shared
        if let source = sources[ordinal], chain.indices.contains(source.block), !source.name.isEmpty {
            return chain[source.block].text.withBytes { $0.string(source.name) }
        }
        if sources[ordinal] == nil, let base = table.base(of: ordinal), let header {
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
