/// Searching one locale's names and keywords.
///
/// Every query word must be a word of the emoji's name or keywords (the last
/// one may be a prefix). Ranked: names equal to the query, then names that
/// hold every word, then matches through keywords; ties in Unicode's order.
/// Each stored entry is read once into masks over the query's words; a
/// skin-tone variant the data leaves out is named and read only when its
/// base's words and its locale's tone names could make it match.
extension EmojiNames {
    /// RGI emoji matching every word of `words` (split and folded as names
    /// are). With `prefix`, the last word matches the start of a word. Without
    /// `tones`, a skin-tone variant counts as its base emoji.
    public func search(_ words: [String], prefix: Bool = false, tones: Bool = false) -> [RGIEmoji] {
        var query = FoldedWords()
        for word in words { query.append(query: word) }
        // A mask holds 64 words, and no name has that many.
        guard query.count > 0, query.count <= 64, let header else { return [] }
        var matcher = Matcher(query: query, prefix: prefix)
        let table = EmojiTable.shared
        var masks = [Masks?](repeating: nil, count: table.count)
        var sources = NameSources(repeating: .none, count: table.count)
        for (index, block) in chain.enumerated() {
            block.forEachEntry { ordinal, bytes, name, keywords in
                guard ordinal < table.count else { return false }
                guard masks[ordinal] == nil else { return true }
                let words = UnsafeBufferPointer(rebasing: bytes[keywords])
                masks[ordinal] =
                    name.isEmpty
                    ? table.withEnglishName(ordinal) { matcher.masks(name: $0, keywords: words) }
                    : matcher.masks(name: UnsafeBufferPointer(rebasing: bytes[name]), keywords: words)
                sources[ordinal] = NameSource(block: index, name: name)
                return true
            }
        }
        let variants = VariantMasks(header, &matcher)
        // Per ordinal shown, its best tier plus 1 (0: not found). Arrays of
        // integers, not a dictionary: its generic types cost a process its
        // first conformance look-ups, tens of microseconds at start.
        var best = [Int](repeating: 0, count: table.count)
        for ordinal in 0..<table.count {
            if masks[ordinal] == nil {
                if let base = table.base(of: ordinal), let baseMasks = masks[base] {
                    masks[ordinal] = variants.masks(of: ordinal, base: baseMasks, &matcher) { name(ordinal, sources) }
                } else {
                    masks[ordinal] = table.withEnglishName(ordinal) {
                        matcher.masks(name: $0, keywords: UnsafeBufferPointer(start: nil, count: 0))
                    }
                }
            }
            guard let tier = masks[ordinal]?.tier(full: matcher.full) else { continue }
            let shown = tones ? ordinal : table.base(of: ordinal) ?? ordinal
            best[shown] = best[shown] == 0 ? tier + 1 : min(best[shown], tier + 1)
        }
        // Tier first, then Unicode's order: one integer per emoji found.
        var found: [Int] = []
        for ordinal in best.indices where best[ordinal] > 0 {
            found.append((best[ordinal] - 1) * table.count + ordinal)
        }
        found.sort()
        return found.map { key in
            let ordinal = key % table.count
            return emoji(ordinal, name: name(ordinal, sources))
        }
    }
}

/// What the locale's tone names add to a derived variant, and when a
/// variant cannot match, so that its name is not even built.
private struct VariantMasks {
    let tones: [UInt64]
    /// All that a variant's name can hold beyond its base's words: a variant
    /// whose base lacks more is skipped. Every word, in a locale whose
    /// separators can glue a tone's name to the word before it (zh: none).
    let any: UInt64

    init(_ header: LocaleBlock, _ matcher: inout Matcher) {
        tones = header.toneNames.map { matcher.nameMask(of: $0) }
        let glues = header.separators.contains { separator in
            guard let first = separator.unicodeScalars.first, let last = separator.unicodeScalars.last else {
                return true
            }
            return !FoldedWords.isSeparator(first) || !FoldedWords.isSeparator(last)
        }
        any = glues ? ~0 : header.separators.reduce(tones.reduce(0, |)) { $0 | matcher.nameMask(of: $1) }
    }

    /// The masks of the variant `ordinal` of an emoji whose masks are `base`;
    /// `name` derives its name. Its words are those of its name, its base's and its tones'.
    func masks(of ordinal: Int, base: Masks, _ matcher: inout Matcher, name: () -> String) -> Masks {
        guard (base.all | any) & matcher.full == matcher.full else { return Masks() }
        var masks = matcher.masks(name: name())
        masks.all = base.all | masks.name
        for tone in SkinTone.tones(of: EmojiTable.shared.emojiString(ordinal)) where tones.indices.contains(tone) {
            masks.all |= tones[tone]
        }
        return masks
    }
}
