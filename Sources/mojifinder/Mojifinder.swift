import ArgumentParser
import AsyncSupport
import CharIndex
import CharIndexData
import CommandLineSupport
import EmojiIndex
import MojiAnswers
import MojifinderServerOptions
import TextSupport

/// A plain `ParsableCommand`: `search` starts no concurrency runtime, and
/// `web` and `tcp` hand over to `mojifinder-server` from the main thread.
/// Every command names itself: a name derived from the type costs a
/// reflective look-up at each start.
@main
struct Mojifinder: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mojifinder",
        abstract: "Find Unicode characters by the words in their names.",
        discussion: """
            Every character from U+0020 to U+10FFFF with a name is indexed by the \
            words of its name. A query lists words; the result is the characters \
            whose names contain all of them, in code-point order. Other tokens \
            are listed first, in query order: U+1F431 or a range U+2190..U+2193 \
            lists those code points, and a token with characters outside A-Z, 0-9 \
            and '-' (such as 🐱) lists each of its characters. `search` is the \
            default subcommand; `emoji` searches emoji by their CLDR names and \
            keywords in any of \(EmojiLocale.count) languages; `identify` lists what a text \
            is made of, an emoji sequence as one line; `web` and `tcp` serve the \
            same searches.

            Exit status: 0; 64 on a usage error (bad options, no words, a bad \
            code point or range); 1 when a server cannot listen.

            Examples:
              mojifinder cat face
              mojifinder emoji smile
              mojifinder identify '👍🏽🇵🇹'
              mojifinder web --port 8080
              mojifinder tcp --port 2323
            """,
        version: mojifinderVersion(unicodeNames: InvertedIndex.unicodeVersion),
        subcommands: subcommands,
        defaultSubcommand: Search.self
    )

    static let subcommands: [any ParsableCommand.Type] = [
        Search.self, EmojiSearch.self, Identify.self, Web.self, TCP.self,
    ]

    static func main() {
        if PlainWords.answer(Array(CommandLine.arguments.dropFirst())) { return }
        main(nil)
    }
}

/// `--json`: the answer as JSON details instead of text lines.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print a JSON array of objects: char, name, code, category, age, utf8, html.")
    var json = false
}

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Print the characters whose names contain all the given words.",
        discussion: """
            Prints one line per character, U+XXXX<tab>char<tab>NAME, in code-point \
            order, then a status line: a rule and 'N found'. Exits 64 when no word is given.

            Examples:
              mojifinder cat face
              mojifinder search --prefix cat fa
              mojifinder U+2190..U+2193 (at most \(Query.defaultRangeLimit) code points)
            """
    )

    @Flag(help: "Let the last word match the start of a word (cat fa finds CAT FACE).")
    var prefix = false

    @OptionGroup var output: OutputOptions

    @Argument(help: "Words to look for, in any case ('-' counts as a space), characters, or U+XXXX[..U+YYYY].")
    var words: [String] = []

    func run() throws {
        let query: Query
        do {
            query = try Query(words.joined(separator: " "), prefix: prefix)
        } catch {
            throw ValidationError("\(error)")
        }
        // Checked here, not in validate(): as the default subcommand, Search
        // would otherwise report this before an unknown option.
        guard !query.isEmpty else { throw ValidationError("Please give one or more words to search.") }
        Self.answer(query, words: words, json: output.json)
    }

    /// Prints the answer to `query`, typed as `words`, and on no result a hint on stderr.
    static func answer(_ query: Query, words: [String], json: Bool) {
        let answer = InvertedIndex.unicode.search(query)
        writeUnbuffered(json ? SearchReport.json(for: answer) : SearchReport.text(for: answer))
        if answer.isEmpty, let hint = SubcommandHint.hint(for: words) ?? Self.hint(for: query, words: words) {
            writeUnbuffered(hint + "\n", to: 2)
        }
    }
}

extension Search {
    /// What would find something when the name search finds nothing: the
    /// emoji search, or `--prefix`.
    static func hint(for query: Query, words: [String]) -> String? {
        guard !query.words.isEmpty, query.listed.isEmpty else { return nil }
        let text = words.joined(separator: " ")
        let emoji = EmojiLookup.search(query.words).count
        if emoji > 0 { return "0 found; mojifinder emoji \(text) finds \(emoji)" }
        guard query.prefix == nil, let prefixed = try? Query(text, prefix: true) else { return nil }
        let found = InvertedIndex.unicode.search(prefixed).count
        return found > 0 ? "0 found; mojifinder --prefix \(text) finds \(found)" : nil
    }
}

struct Identify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "identify",
        abstract: "List what a text is made of, in order, repeats included.",
        discussion: """
            An emoji sequence (a family, a flag, a skin tone, a keycap) is one line: \
            its code points, the emoji and its CLDR name. Every other character is \
            listed code point by code point with its Unicode name; an invisible one \
            is shown by a stand-in: ␣ a space, ◌ under a combining mark, ⬚ a format \
            character such as ZERO WIDTH JOINER.

            Examples:
              mojifinder identify 'é🐱'
              mojifinder identify --scalars '👍🏽'
              mojifinder identify --lang pt '🇵🇹'
            """
    )

    @Flag(help: "Also list the code points of each emoji sequence, under it.")
    var scalars = false

    @OptionGroup var language: LanguageOption

    @Flag(
        help:
            "Print a JSON array: emoji sequences as {emoji, name, code, group, subgroup}, other characters as in search --json."
    )
    var json = false

    @Argument(help: "Text whose characters to list; several arguments are listed in turn.")
    var text: [String] = []

    func run() throws {
        // Checked here, not in validate(), so that an unknown option is reported as such.
        guard text.contains(where: { !$0.isEmpty }) else { throw ValidationError("Please give some text to identify.") }
        let parts = IdentifiedPart.parts(of: text.joined(), names: EmojiNames(try language.locale()))
        writeUnbuffered(json ? jsonArray(parts) : lines(parts))
    }

    func lines(_ parts: [IdentifiedPart]) -> String {
        var out = ""
        var count = 0
        for part in parts {
            count += 1
            switch part {
            case .scalar(let scalar): out += SearchReport.visibleLine(for: scalar) + "\n"
            case .emoji(let emoji, let pasted):
                out += EmojiReport.line(for: emoji, text: pasted) + "\n"
                if scalars {
                    out += pasted.unicodeScalars.map { "  " + SearchReport.visibleLine(for: $0) + "\n" }.joined()
                }
            }
        }
        return out + SearchReport.status(count: count) + "\n"
    }

    func jsonArray(_ parts: [IdentifiedPart]) -> String {
        let bytes = JSONArray.bytes(parts, linePerElement: true) { $0.appendJSON(to: &$1, scalars: scalars) }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// `mojifinder web`: checks the options here, then runs `mojifinder-server`
/// with the same arguments in place of this process.
struct Web: ParsableCommand {
    static let configuration = CommandConfiguration.web

    @OptionGroup var options: WebCommandOptions

    func run() throws { try runServer() }
}

/// `mojifinder tcp`: checks the options here, then runs `mojifinder-server`
/// with the same arguments in place of this process.
struct TCP: ParsableCommand {
    static let configuration = CommandConfiguration.tcp

    @OptionGroup var options: TCPCommandOptions

    func run() throws { try runServer() }
}

/// The servers live in `mojifinder-server` (installed next to this program),
/// whose commands are these two with the same options: it gets this
/// process's arguments as they are and takes over its process id, streams
/// and signals.
private func runServer() throws -> Never {
    do {
        try SiblingProgram("mojifinder-server").replaceProcess(arguments: Array(CommandLine.arguments.dropFirst()))
    } catch {
        throw ServerNotRunnable(reason: "\(error)")
    }
}

/// Says how to get the server, since `swift run mojifinder` builds only this program.
struct ServerNotRunnable: Error, CustomStringConvertible {
    let reason: String
    var description: String {
        "\(reason). Build it with `swift build --product mojifinder-server` (scripts/install installs both)."
    }
}
