import ArgumentParser
import AsyncSupport
import CharIndex
import CharIndexData

@main
struct Mojifinder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find Unicode characters by the words in their names.",
        discussion: """
            Every character from U+0020 to U+10FFFF with a name is indexed by the \
            words of its name. A query lists words; the result is the characters \
            whose names contain all of them, in code-point order. \
            Exit status: 0 on success (also when nothing matches), 64 on a usage error \
            (an unknown option, a value out of range, no words to search).
            """,
        subcommands: [Search.self, Web.self, TCP.self],
        defaultSubcommand: Search.self
    )
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the characters whose names contain all the given words.",
        discussion: "Example: mojifinder cat face. Exit status: 0, or 64 when no words are given."
    )

    @Argument(help: "Words to look for, in any case; '-' counts as a space.")
    var words: [String] = []

    func run() throws {
        let query = words.joined(separator: " ")
        // Checked here, not in validate(): as the default subcommand, Search
        // would otherwise report this before an unknown option.
        guard !tokenize(query).isEmpty else { throw ValidationError("Please give one or more words to search.") }
        writeUnbuffered(SearchReport.text(for: InvertedIndex.unicode.search(query)))
    }
}
