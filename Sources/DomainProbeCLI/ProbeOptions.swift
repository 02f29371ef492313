import ArgumentParser

/// The options blogdom and domaincheck share, included in each with `@OptionGroup`.
public struct ProbeOptions: ParsableArguments, Sendable {
    @Option(help: "Lookups in flight at most, 1 or more.")
    public var limit = 100

    @Option(help: "Ask this DNS server, IP[:PORT] (port 1-65535, default 53), over UDP (default: the system resolver).")
    public var nameserver: String?

    @Option(help: "Seconds to wait for each DNS answer with --nameserver, above 0 and at most 3600.")
    public var timeout = 2.0

    @Option(help: "Times to ask again after a timeout with --nameserver, 0-10.")
    public var retries = 2

    public init() {}

    public func validate() throws {
        guard limit >= 1 else { throw Self.refusal("--limit", mustBe: "at least 1", got: limit) }
        // Written so that NaN fails too.
        guard timeout > 0, timeout <= 3600 else {
            throw Self.refusal("--timeout", mustBe: "a number of seconds above 0 and at most 3600", got: timeout)
        }
    }

    /// Every refusal of `validate()` has this form, so `isRefusal` can tell it
    /// from ArgumentParser's own messages, none of which starts with an option.
    static func refusal(_ option: String, mustBe rule: String, got value: some CustomStringConvertible)
        -> ValidationError
    {
        ValidationError("\(option) must be \(rule); got \(value)")
    }

    /// Whether ArgumentParser's message for a parse error is a refusal from
    /// `validate()` rather than a malformed command line.
    static func isRefusal(_ message: String) -> Bool {
        message.hasPrefix("--") && message.contains(" must be ")
    }
}
