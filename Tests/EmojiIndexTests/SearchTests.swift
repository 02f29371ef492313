import EmojiIndex
import Testing

@Suite struct SearchTests {
    func found(_ words: String, _ code: String = "en", prefix: Bool = false, tones: Bool = false) -> [String] {
        guard let locale = EmojiLocale(code) else { return [] }
        let query = words.split(separator: " ").map(String.init)
        return EmojiLookup.search(query, locale: locale, prefix: prefix, tones: tones).map(\.emoji)
    }

    @Test func smileFindsTheSmilingFaces() {
        let smile = found("smile")
        for emoji in ["😃", "😄", "😁", "😆", "🙂", "😊"] { #expect(smile.contains(emoji), "\(emoji)") }
        // CLDR 41 gives 😀 the keywords face, grin, grinning face: `smil` as a prefix finds it no more.
        #expect(!smile.contains("😀"))
        #expect(found("grin").prefix(2) == ["😀", "😁"])
    }

    @Test func flagsByCountryName() {
        #expect(found("portugal") == ["🇵🇹"])
        #expect(found("flag portugal") == ["🇵🇹"])
        #expect(found("Flag: PORTUGAL") == ["🇵🇹"])
        #expect(found("flag").count > 250)
    }

    @Test func familyFindsTheFamilySequences() {
        let family = found("family")
        #expect(family.first == "👪")
        #expect(family.contains("👨‍👩‍👧"))
        #expect(family.contains("👩‍👩‍👦‍👦"))
        #expect(found("family woman girl").contains("👨‍👩‍👧"))
    }

    @Test func rankingNameThenNameWordsThenKeywords() {
        // 🐈 is named `cat`; the others hold the word in their names, in Unicode's order.
        #expect(found("cat") == ["🐈", "😺", "😸", "😹", "😻", "😼", "😽", "🙀", "😿", "😾", "🐱", "🐈‍⬛"])
        // 🐱 is named `cat face`; the cat faces have both words only with their keywords.
        #expect(found("cat face") == ["🐱", "😺", "😸", "😹", "😻", "😼", "😽", "🙀", "😿", "😾"])
        // `smile` is in 😼's name and only in 😃's keywords.
        let smile = found("smile")
        #expect(smile.firstIndex(of: "😼") ?? .max < smile.firstIndex(of: "😃") ?? -1)
        #expect(found("thumbs up").first == "👍")
    }

    @Test func keywordsInPortugueseGermanAndJapanese() {
        #expect(found("sorriso", "pt").contains("😄"))
        #expect(found("SORRISO", "pt-BR").isEmpty)  // no such locale
        #expect(found("Daumen", "de").contains("👍"))
        #expect(found("daumen hoch", "de").first == "👍")
        #expect(found("gluck", "de").contains("🍀"))  // Glück, without the umlaut
        #expect(found("親指", "ja").contains("👍"))
        #expect(found("笑顔", "ja").first == "😄")
        #expect(found("bandeira portugal", "pt") == ["🇵🇹"])
    }

    @Test func skinTonesFoldUnderTheirBase() {
        #expect(found("thumbs up").filter { $0.hasPrefix("👍") } == ["👍"])
        let toned = found("thumbs up", tones: true)
        #expect(toned.prefix(6) == ["👍", "👍🏻", "👍🏼", "👍🏽", "👍🏾", "👍🏿"])
        #expect(found("thumbs up medium", tones: true).contains("👍🏽"))
        #expect(!found("thumbs up dark", tones: true).contains("👍🏻"))
        // Without tones, a query that only a variant answers finds its base.
        #expect(found("thumbs up dark").contains("👍"))
        #expect(found("Daumen hoch mittlere Hautfarbe", "de", tones: true).first == "👍🏽")
    }

    @Test func prefixMatchesTheLastWord() {
        #expect(found("portu").isEmpty)
        #expect(found("portu", prefix: true) == ["🇵🇹"])
        #expect(found("flag portu", prefix: true) == ["🇵🇹"])
        #expect(found("fla portugal", prefix: true).isEmpty)  // only the last word is a prefix
    }

    @Test func emptyAndHopelessQueriesFindNothing() {
        #expect(found("").isEmpty)
        #expect(EmojiLookup.search([" ", ":", "…"]).isEmpty)
        #expect(found("brillig").isEmpty)
        #expect(EmojiLookup.search(Array(repeating: "cat", count: 65)).isEmpty)
    }
}
