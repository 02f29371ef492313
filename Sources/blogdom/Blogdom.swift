import ArgumentParser
import DomainProbe

@main
struct Blogdom: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Look for a short domain for a Python blog.",
        discussion: """
            Probes every Python keyword of at most 4 characters, lowercased, under \
            the TLD, and prints each result as soon as it arrives: '+ domain' when \
            the name resolves, '- domain' when it does not exist, and \
            '! domain reason' when the lookup failed (timeout, SERVFAIL, ...). \
            Exit status: 0, or 1 when any lookup failed; 2 on bad options.
            """
    )

    @Option(help: "Top-level domain to probe under.")
    var tld = "dev"

    @Option(help: "Lookups in flight at most.")
    var limit = 100

    @Option(help: "Ask this DNS server (IP[:PORT]) over UDP instead of the system resolver.")
    var nameserver: String?

    @Option(help: "Seconds to wait for each DNS answer (with --nameserver).")
    var timeout = 2.0

    @Option(help: "Times to ask again after a timeout (with --nameserver).")
    var retries = 2

    func run() async throws {
        let options = ProbeOptions(limit: limit, nameserver: nameserver, timeout: timeout, retries: retries)
        do {
            let anyError = try await runProbes(domains(shortKeywords, tld: tld), options: options, style: .blogdom) { Console.out($0) }
            if anyError { throw ExitCode(1) }
        } catch let error as DomainProbeError {
            Console.err("blogdom: \(error)")
            throw ExitCode(2)
        }
    }
}

