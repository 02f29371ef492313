import ArgumentParser
import CommandLineSupport

/// The options blogdom and domaincheck share, included in each with `@OptionGroup`.
public struct ProbeOptions: ParsableArguments, Sendable {
    @Option(help: "Lookups in flight at most, 1-10,000.")
    public var limit = 100

    @Option(help: "Ask this DNS server, IP[:PORT] (port 1-65535, default 53), over UDP (default: the system resolver).")
    public var nameserver: String?

    @Option(help: "Seconds to wait for each DNS answer with --nameserver, 0.001-3600.")
    public var timeout = 2.0

    @Option(help: "Times to ask again after a timeout with --nameserver, 0-10.")
    public var retries = 2

    public init() {}

    public func validate() throws {
        try OptionRange.check("--limit", limit, in: 1...10_000)
        try OptionRange.check("--timeout", timeout, in: 0.001...3600)
        try OptionRange.check("--retries", retries, in: 0...10)
    }
}
