import ArgumentParser
import AsyncSupport
import DomainProbeCLI
import PackageVersion

@main
struct Blogdom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "blogdom",
        abstract: "Look for a short domain for a Python blog.",
        // The options are in --help; a usage line listing them all would wrap.
        usage: "blogdom [<options>]",
        discussion: """
            Probes every Python keyword of at most 4 characters, lowercased, under \
            the TLD, and prints each result as soon as it arrives: '+ domain' when \
            the name resolves, '- domain' when it does not exist, and \
            '! domain reason' when the lookup failed (timeout, SERVFAIL, ...). \
            Exit status: 0, or 1 when any lookup failed; 64 on a usage error.

            Examples:
              blogdom
              blogdom --tld org --limit 10
              blogdom --nameserver 127.0.0.1:5353 --timeout 1
            """,
        version: PackageVersion.description(of: "blogdom")
    )

    @Option(help: "Top-level domain to probe under, such as dev or com.br.")
    var tld = "dev"

    @OptionGroup var options: ProbeOptions

    static func main() async { await probeCommandMain() }

    func validate() throws { try checkTLD(tld) }

    func run() async throws {
        let anyError = try await runProbes(domains(shortKeywords, tld: tld), options: options, style: .blogdom) {
            writeUnbuffered($0 + "\n")
        }
        if anyError { throw ExitCode(1) }
    }
}
