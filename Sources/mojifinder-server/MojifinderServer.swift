import ArgumentParser
import CharIndex
import CharIndexData
import MojiAnswers

/// The servers of `mojifinder`: `mojifinder web` and `mojifinder tcp` check
/// their options and run this program in their place, so that a search from
/// the shell does not load the HTTP and TCP stacks.
@main
struct MojifinderServer: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mojifinder-server",
        abstract: "The servers behind 'mojifinder web' and 'mojifinder tcp'.",
        discussion: """
            'mojifinder web' and 'mojifinder tcp' run this program, installed next to \
            mojifinder, in their own place (same process, same arguments); use those \
            commands. It takes the same options.

            Examples:
              mojifinder web --port 8080
              mojifinder tcp --port 2323
            """,
        version: mojifinderVersion(unicodeNames: InvertedIndex.unicodeVersion),
        subcommands: [Web.self, TCP.self]
    )
}
