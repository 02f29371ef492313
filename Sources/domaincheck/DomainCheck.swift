import ArgumentParser
import AsyncSupport
import DomainProbeCLI
import PackageVersion

@main
struct DomainCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domaincheck",
        abstract: "Check which short Python keywords are taken as domains under a TLD.",
        // The options are in --help; a usage line listing them all would wrap.
        usage: "domaincheck [<options>] <tld>",
        discussion: """
            Prints 'FOUND<tab><tab>NOT FOUND', then each domain as its lookup \
            completes: found names at the left, names that do not exist two tabs \
            in, and lookups that failed as '! domain reason', so a broken network \
            never looks like free domains. \
            Exit status: 0, or 1 when any lookup failed; 64 on a usage error.

            Examples:
              domaincheck COM.BR
              domaincheck dev --names my-names.txt
              domaincheck test --nameserver 127.0.0.1:5353 --json
            """,
        version: PackageVersion.description(of: "domaincheck")
    )

    @Argument(help: "Top-level domain, e.g. COM.BR (dots at both ends are ignored).")
    var tld: String?

    @Option(
        help: "Probe the names in this file (one per line; '-' for stdin; default: the short Python keywords).",
        completion: .file())
    var names: String?

    @OptionGroup var options: ProbeOptions

    @Flag(help: "Print one JSON object per line instead of columns.")
    var json = false

    static func main() async { await probeCommandMain() }

    func validate() throws {
        guard let tld, !tld.allSatisfy({ $0 == "." }) else {
            throw ValidationError("Please provide a TLD. Example: domaincheck COM.BR")
        }
        try checkTLD(tld)
    }

    func run() async throws {
        guard let tld else { return }  // validate() refused a missing TLD
        var labels = shortKeywords
        if let names { labels = try await readNames(from: names) }
        let anyError = try await runProbes(
            domains(labels, tld: tld), options: options, style: json ? .json : .domaincheck
        ) {
            writeUnbuffered($0 + "\n")
        }
        if anyError { throw ExitCode(1) }
    }
}
