import ArgumentParser
import CommandLineSupport

/// The options blogdom and domaincheck share, included in each with `@OptionGroup`.
public struct ProbeOptions: ParsableArguments, Sendable {
    @Option(
        parsing: .unconditional,
        help:
            "Lookups in flight at most, 1-10,000. With --nameserver a ceiling: the client starts with 10 and adapts to losses."
    )
    public var limit = 100

    @Option(help: "Ask this DNS server, IP[:PORT] (port 1-65535, default 53), over UDP (default: the system resolver).")
    public var nameserver: String?

    @Option(
        parsing: .unconditional,
        help:
            "With --nameserver, the longest wait in seconds before a DNS query is sent again, 0.001-3600; once the server has answered, the wait follows its round trip."
    )
    public var timeout = 2.0

    @Option(
        parsing: .unconditional,
        help:
            "With --nameserver, give up on a question after --timeout × (retries + 1) seconds, 0-10; a server that never answered is asked this many more times."
    )
    public var retries = 2

    public init() {}

    public func validate() throws {
        try OptionRange.check("--limit", limit, in: 1...10_000)
        try OptionRange.check("--timeout", timeout, in: 0.001...3600)
        try OptionRange.check("--retries", retries, in: 0...10)
    }
}
