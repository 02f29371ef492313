import ArgumentParser
import AsyncSupport
import EmojiIndex
import MojiAnswers

/// `--lang CODE`: the CLDR locale whose names and keywords are searched and shown.
struct LanguageOption: ParsableArguments {
    @Option(
        name: .customLong("lang"),
        help: "CLDR language of the names and keywords, such as pt, de, ja or pt_PT (--list-languages lists them).",
        completion: .custom { _, _, _ in EmojiLocale.all.map(\.code) })
    var code = "en"

    /// The locale, or a usage error that says how to list them.
    func locale() throws -> EmojiLocale {
        guard let locale = EmojiLocale(code) else {
            throw ValidationError(
                "unknown language '\(code)': `mojifinder emoji --list-languages` lists the \(EmojiLocale.count) codes"
            )
        }
        return locale
    }
}

struct EmojiSearch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emoji",
        abstract: "Find RGI emoji by the words of their CLDR names and keywords.",
        discussion: """
            Prints one line per emoji, its code points<tab>emoji<tab>CLDR name, then \
            the status line. First the emoji whose name is the query, then those \
            whose name has every word, then those found through keywords; ties in \
            Unicode's emoji order. Skin-tone variants count as their base emoji \
            unless --tones is given. Emoji \(EmojiLookup.emojiVersion), names and keywords from \
            CLDR \(EmojiLookup.cldrVersion).

            Examples:
              mojifinder emoji smile
              mojifinder emoji flag portugal
              mojifinder emoji --lang pt sorriso
              mojifinder emoji --tones thumbs up
            """
    )

    @Flag(help: "Let the last word match the start of a word (flag po finds the flags of Poland and Portugal).")
    var prefix = false

    @Flag(help: "List every skin-tone variant too.")
    var tones = false

    @Flag(help: "List the language codes for --lang, with their names, and exit.")
    var listLanguages = false

    @OptionGroup var language: LanguageOption

    @Flag(help: "Print a JSON array of objects: emoji, name, code, group, subgroup.")
    var json = false

    @Argument(help: "Words of the emoji's name or keywords, in any case.")
    var words: [String] = []

    func run() throws {
        if listLanguages {
            writeUnbuffered(EmojiLocale.all.map { "\($0.code)\t\($0.englishName)\t\($0.nativeName)\n" }.joined())
            return
        }
        let locale = try language.locale()
        // Checked here, not in validate(), so that an unknown option is reported as such.
        guard Self.hasAWord(words) else { throw ValidationError("Please give one or more words to search.") }
        Self.answer(EmojiNames(locale).search(words, prefix: prefix, tones: tones), json: json)
    }

    /// Whether `words` hold something to search: not only spaces.
    static func hasAWord(_ words: [String]) -> Bool { words.contains { !$0.allSatisfy(\.isWhitespace) } }

    static func answer(_ found: [RGIEmoji], json: Bool) {
        writeUnbuffered(json ? EmojiReport.json(for: found) : EmojiReport.text(for: found))
    }
}
