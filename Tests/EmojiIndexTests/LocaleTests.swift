import Testing

@testable import EmojiIndex

@Suite struct LocaleTests {
    @Test func codesAreFoundInAnySpelling() {
        #expect(EmojiLocale("pt")?.code == "pt")
        for spelling in ["pt_PT", "pt-PT", "PT-pt", "pt_pt"] {
            #expect(EmojiLocale(spelling)?.code == "pt_PT", "\(spelling)")
        }
        #expect(EmojiLocale("zh-hant-hk")?.code == "zh_Hant_HK")
    }

    @Test func unknownCodesAreNil() {
        for code in ["", "xx", "pt_BR_x", "en_US", "root", "pt PT", "English"] {
            #expect(EmojiLocale(code) == nil, "\(code)")
        }
    }

    @Test func theListHasEveryLocaleWithDisplayNames() throws {
        let locales = EmojiLookup.locales
        #expect(locales.count > 130)
        #expect(EmojiLocale.count == locales.count)
        #expect(locales.map(\.code) == locales.map(\.code).sorted())
        let portugal = try #require(EmojiLocale("pt_PT"))
        #expect(portugal.englishName == "European Portuguese")
        #expect(portugal.nativeName == "português europeu")
        #expect(EmojiLocale("ja")?.nativeName == "日本語")
        #expect(EmojiLocale.english.code == "en")
    }

    @Test func everyBlockUnpacksAndHasAHeader() {
        for locale in EmojiLookup.locales {
            let block = LocaleBlock(locale)
            #expect(block != nil, "\(locale.code)")
            #expect(block?.toneNames.count == 5)
        }
    }

    @Test func regionalLocalesInheritFromTheirParent() throws {
        let australian = try #require(EmojiLocale("en_AU"))
        let portugal = try #require(EmojiLocale("pt_PT"))
        // en_AU says tyre where en says tire, and has everything else from en.
        #expect(EmojiLookup.search(["tyre"], locale: australian).map(\.emoji).contains("🛞"))
        #expect(!EmojiLookup.search(["tyre"], locale: .english).map(\.emoji).contains("🛞"))
        #expect(EmojiLookup.identify("🐱", locale: australian)?.name == "cat face")
        #expect(EmojiLookup.identify("🇵🇹", locale: portugal)?.name == "bandeira: Portugal")
    }

    @Test func versionsAreThoseOfTheData() {
        #expect(EmojiLookup.emojiVersion == "15.0")
        #expect(EmojiLookup.cldrVersion == "41")
    }
}
