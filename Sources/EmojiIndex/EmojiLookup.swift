import EmojiIndexData

/// The emoji layer of mojifinder: RGI emoji sequences (Unicode's
/// emoji-test.txt) named and searched in every CLDR locale that has emoji
/// annotations. The data is compiled in; nothing is read until asked for,
/// and then only the locale asked for.
public enum EmojiLookup {
    /// The Unicode Emoji version of the sequences and English names: `15.0`.
    public static let emojiVersion = EmojiDataText.emojiVersion
    /// The CLDR version of the other names and the keywords: `41`.
    public static let cldrVersion = EmojiDataText.cldrVersion

    /// Every locale, sorted by code.
    public static var locales: [EmojiLocale] { EmojiLocale.all }

    /// The RGI emoji that `character` is, named in `locale`.
    public static func identify(_ character: Character, locale: EmojiLocale = .english) -> RGIEmoji? {
        EmojiNames(locale).identify(character)
    }

    /// RGI emoji whose name or keywords in `locale` hold every word; see `EmojiNames.search`.
    public static func search(
        _ words: [String], locale: EmojiLocale = .english, prefix: Bool = false, tones: Bool = false
    ) -> [RGIEmoji] {
        EmojiNames(locale).search(words, prefix: prefix, tones: tones)
    }
}
