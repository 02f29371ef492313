import AsyncSupport
import CharIndex
import CharIndexData
import EmojiIndex
import MojiAnswers

/// The two commands people type most, `mojifinder WORDS` and `mojifinder
/// emoji WORDS`, without options: answered without the argument parser,
/// whose reflection over every command's options was a third of a search's
/// start. Anything else (an option, a subcommand, a word the search rejects,
/// no word at all) goes to the parser, which answers as it always has.
enum PlainWords {
    /// Answers `arguments` (without the program's name) when they are plain
    /// words for a search or an emoji search; false when the parser must.
    static func answer(_ arguments: [String]) -> Bool {
        guard let first = arguments.first, !arguments.contains(where: { $0.hasPrefix("-") }) else { return false }
        if first == EmojiSearch.configuration.commandName {
            let words = Array(arguments.dropFirst())
            guard words.contains(where: { !$0.allSatisfy(\.isWhitespace) }) else { return false }
            EmojiSearch.answer(EmojiNames(.english).search(words), json: false)
            return true
        }
        guard !commandNames.contains(first),
            let query = try? Query(arguments.joined(separator: " ")), !query.isEmpty
        else { return false }
        Search.answer(query, words: arguments, json: false)
        return true
    }

    /// The names the parser takes as a subcommand in first place.
    static let commandNames: Set<String> = {
        var names: Set<String> = ["help"]
        for command in Mojifinder.configuration.subcommands {
            if let name = command.configuration.commandName { names.insert(name) }
        }
        return names
    }()
}
