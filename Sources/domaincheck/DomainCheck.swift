import ArgumentParser
import DomainProbe

@main
struct DomainCheck: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "domaincheck",
        abstract: "Check which short Python keywords are taken as domains under a TLD.",
        discussion: """
            Prints 'FOUND<tab><tab>NOT FOUND', then each domain as its lookup \
            completes: found names at the left, names that do not exist two tabs \
            in, and lookups that failed as '! domain reason', so a broken network \
            never looks like free domains. \
            Exit status: 0, or 1 when any lookup failed; 2 on usage errors.
            """
    )

    @Argument(help: "Top-level domain, e.g. COM.BR (dots at both ends are ignored).")
    var tld: String?

    @Option(help: "Probe the names in this file (one per line; '-' for stdin) instead of the keywords.")
    var names: String?

    @Option(help: "Lookups in flight at most.")
    var limit = 100

    @Option(help: "Ask this DNS server (IP[:PORT]) over UDP instead of the system resolver.")
    var nameserver: String?

    @Option(help: "Seconds to wait for each DNS answer (with --nameserver).")
    var timeout = 2.0

    @Option(help: "Times to ask again after a timeout (with --nameserver).")
    var retries = 2

    @Flag(help: "Print one JSON object per line instead of columns.")
    var json = false

    func run() async throws {
        guard let tld, !tld.allSatisfy({ $0 == "." }) else {
            Console.out("Please provide a TLD. Example: domaincheck COM.BR")
            throw ExitCode(2)
        }
        let options = ProbeOptions(limit: limit, nameserver: nameserver, timeout: timeout, retries: retries)
        do {
            var labels = shortKeywords
            if let names { labels = try await readNames(from: names) }
            let anyError = try await runProbes(
                domains(labels, tld: tld), options: options, style: json ? .json : .domaincheck
            ) { Console.out($0) }
            if anyError { throw ExitCode(1) }
        } catch let error as DomainProbeError {
            Console.err("domaincheck: \(error)")
            throw ExitCode(2)
        }
    }
}
