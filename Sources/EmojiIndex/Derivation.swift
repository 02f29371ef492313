/// The names of skin-tone variants, which the data leaves out where CLDR's
/// derived name is the base emoji's name, a separator and the tones' names
/// (`thumbs up: medium skin tone`, `Daumen hoch: mittlere Hautfarbe`,
/// `kiss: woman, man, light skin tone, dark skin tone`), and whose keywords
/// are the base's plus the tones'. That holds for 87% of the 248,115
/// variant entries (1,785 variants in 139 locales); scripts/gen-emoji-data
/// stores the others, and each locale's separators. Variants are 31 of the
/// 46 MB of CLDR's names and keywords for RGI emoji; the data's text is 12 MB.
extension LocaleBlock {
    /// A variant's name: its base's name, then each tone's name after its separator.
    func derivedName(baseName: String, tones: [Int]) -> String {
        var copy = baseName
        let qualified = !qualifierMark.isEmpty && copy.withUTF8 { $0.contains(qualifierMark) }
        var name = baseName
        // One tone after separator 0 or 1; two after 2 and 3, or 4 and 5 (`separators`).
        let joins = tones.count == 1 ? [qualified ? 1 : 0] : qualified ? [4, 5] : [2, 3]
        for (join, tone) in zip(joins, tones)
        where toneNames.indices.contains(tone) {
            name += separators[join] + toneNames[tone]
        }
        return name
    }
}

enum SkinTone {
    /// The distinct skin tones of an emoji (0 for U+1F3FB ... 4 for U+1F3FF),
    /// in order: a couple of one tone names it once.
    static func tones(of emoji: String) -> [Int] {
        var tones: [Int] = []
        for scalar in emoji.unicodeScalars where (0x1F3FB...0x1F3FF).contains(scalar.value) {
            let tone = Int(scalar.value - 0x1F3FB)
            if !tones.contains(tone) { tones.append(tone) }
        }
        return tones
    }
}
