import Testing

@testable import EmojiIndex

@Suite struct IdentifyTests {
    let english = EmojiNames(.english)

    @Test func everyRGIEmojiIdentifiesAsItselfWithItsEnglishName() {
        let all = english.allEmoji()
        #expect(all.count == 3655)
        for emoji in all {
            #expect(emoji.emoji.count == 1, "\(emoji.name) is one grapheme cluster")
            guard let character = emoji.emoji.first else { continue }
            #expect(english.identify(character) == emoji)
            #expect(!emoji.name.isEmpty)
        }
    }

    @Test func englishNamesAreThoseOfEmojiTest() {
        // CLDR 41's English names agree with emoji-test.txt wherever CLDR has one.
        let table = EmojiTable.shared
        for emoji in english.allEmoji() where table.base(of: emoji.order) == nil {
            #expect(emoji.name == table.englishName(emoji.order))
        }
    }

    @Test(arguments: [
        ("👨‍👩‍👧", "family: man, woman, girl", "People & Body", "family"),
        ("🇵🇹", "flag: Portugal", "Flags", "country-flag"),
        ("👍🏽", "thumbs up: medium skin tone", "People & Body", "hand-fingers-closed"),
        ("1️⃣", "keycap: 1", "Symbols", "keycap"),
        ("😀", "grinning face", "Smileys & Emotion", "face-smiling"),
    ])
    func knownEmoji(_ text: String, _ name: String, _ group: String, _ subgroup: String) throws {
        let emoji = try #require(text.first.flatMap { english.identify($0) })
        #expect(emoji.emoji == text)
        #expect(emoji.name == name)
        #expect(emoji.group == group)
        #expect(emoji.subgroup == subgroup)
    }

    @Test func unqualifiedAndMinimallyQualifiedFormsAreTheirRGIEmoji() {
        // 1⃣ (no U+FE0F), ☺ (text style) and 👁‍🗨 (U+FE0F missing in the middle).
        #expect(english.identify("1\u{20E3}")?.emoji == "1\u{FE0F}\u{20E3}")
        #expect(english.identify("\u{263A}")?.emoji == "\u{263A}\u{FE0F}")
        #expect(english.identify("\u{1F441}\u{200D}\u{1F5E8}")?.emoji == "\u{1F441}\u{FE0F}\u{200D}\u{1F5E8}\u{FE0F}")
        #expect(english.identify("1\u{20E3}")?.codePoints == ["1", "\u{FE0F}", "\u{20E3}"])
    }

    @Test func nonEmojiAreNotIdentified() {
        for character: Character in ["a", "€", "\u{1F3FB}", "🇦🇦", "e\u{301}", "\u{FE0F}"] {
            #expect(english.identify(character) == nil)
        }
    }

    @Test func namesInOtherLocales() throws {
        let portuguese = try #require(EmojiLocale("pt"))
        let german = try #require(EmojiLocale("de"))
        let japanese = try #require(EmojiLocale("ja"))
        #expect(EmojiLookup.identify("🇵🇹", locale: portuguese)?.name == "bandeira: Portugal")
        #expect(EmojiLookup.identify("👍🏽", locale: german)?.name == "Daumen hoch: mittlere Hautfarbe")
        #expect(EmojiLookup.identify("👍", locale: japanese)?.name == "サムズアップ")
    }
}
