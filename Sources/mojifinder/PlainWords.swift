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
        if first == EmojiSearch.configuration.commandName {
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
            let query = try? Query(arguments.joined(separator: " ")), !query.isEmpty
        else { return false }
        Search.answer(query, words: arguments, json: false)
        return true
    }

    /// No option among them: the parser would read a leading `-` as one.
    private static func plain(_ words: [String]) -> Bool { !words.contains { $0.hasPrefix("-") } }

    /// The names the parser takes as a subcommand in first place, read from
    /// the subcommands themselves: the root's configuration is not built
    /// here, its help text being the costliest part of it.
    static let commandNames: Set<String> = {
        var names: Set<String> = ["help"]
        for command in Mojifinder.subcommands {
            if let name = command.configuration.commandName { names.insert(name) }
        }
        return names
    }()
}
