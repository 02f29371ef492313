import ArgumentParser
import AsyncSupport
import CharIndex
import CharIndexData
import MojiWeb

@main
struct Mojifinder: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find Unicode characters by the words in their names.",
        discussion: """
            Every character from U+0020 to U+10FFFF with a name is indexed by the \
            words of its name. A query lists words; the result is the characters \
            whose names contain all of them, in code-point order. `search` is the \
            default subcommand; `web` and `tcp` serve the same searches.

            Exit status: 0; 64 on a usage error (bad options, no words); 1 when a \
            server cannot listen.

            Examples:
              mojifinder cat face
              mojifinder web --port 8080
              mojifinder tcp --port 2323
            """,
        version: PackageVersion.withUnicodeNames,
        subcommands: [Search.self, Web.self, TCP.self],
        defaultSubcommand: Search.self
    )
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the characters whose names contain all the given words.",
        discussion: """
            Prints one line per character, U+XXXX<tab>char<tab>NAME, in code-point \
            order, then a status line: a rule and 'N found'. Exits 64 when no word is given.

            Examples:
              mojifinder cat face
              mojifinder search chess black
              mojifinder search thumbs-up
            """
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
