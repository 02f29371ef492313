import AsyncSupport
import CharIndex
import CharIndexData
import EmojiIndex
import MojiAnswers

/// The commands people type most, `mojifinder WORDS` and `mojifinder emoji
/// [--lang CODE] WORDS`, with no other option: answered without the argument
/// parser, whose reflection over every command's options was a third of a
/// search's start. Anything else (another option, a subcommand, an unknown
/// language, a word the search rejects, no word at all) goes to the parser,
/// which answers as it always has.
enum PlainWords {
    /// Answers `arguments` (without the program's name) when they are plain
    /// words for a search or an emoji search; false when the parser must.
    static func answer(_ arguments: [String]) -> Bool {
        guard let first = arguments.first else { return false }
        if first == "emoji" {
            var words = Array(arguments.dropFirst())
            var locale = EmojiLocale.english
            if words.count >= 2, words[0] == "--lang" {
                guard let chosen = EmojiLocale(words[1]) else { return false }
                locale = chosen
                words.removeFirst(2)
            }
            guard plain(words), EmojiSearch.hasAWord(words) else { return false }
            EmojiSearch.answer(EmojiNames(locale).search(words), json: false)
            return true
        }
        guard plain(arguments), !commandNames.contains(first),
            let query = try? Query(spaced(arguments)), !query.isEmpty
        else { return false }
        Search.answer(query, words: arguments, json: false)
        return true
    }

    /// No option among them: the parser would read a leading `-` as one.
    private static func plain(_ words: [String]) -> Bool { !words.contains { $0.hasPrefix("-") } }

    /// The names the parser takes as a subcommand in first place. Spelled out:
    /// reading them from the subcommands' configurations, or keeping them in a
    /// `Set`, cost a tenth of a search's start in the runtime's first look-ups
    /// of those types. A test holds this list to the parser's.
    static let commandNames = ["search", "emoji", "identify", "web", "tcp", "help"]

    /// The words joined by spaces, without the generic `joined(separator:)`,
    /// whose first call costs a look-up of its collection's associated types.
    private static func spaced(_ words: [String]) -> String {
        var text = ""
        var first = true
        for word in words {
            if !first { text += " " }
            text += word
            first = false
        }
        return text
    }
}
