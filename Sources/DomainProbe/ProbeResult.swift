/// What one lookup found out about a name.
///
/// The chapter's `probe` returns a bool, so a resolver failure reads as "free
/// domain". Here failures are a case of their own.
public enum ProbeStatus: Sendable, Hashable {
    /// The name resolves to at least one address.
    case found
    /// The DNS says the name does not exist (NXDOMAIN, EAI_NONAME), or it has no address.
    case notFound
    /// We could not tell: timeout, SERVFAIL, REFUSED, EAI_AGAIN, an invalid name...
    case error(String)
}

public struct ProbeResult: Sendable, Hashable {
    public let domain: String
    public let status: ProbeStatus

    public init(domain: String, status: ProbeStatus) {
        self.domain = domain
        self.status = status
    }

    public var isError: Bool {
        if case .error = status { return true }
        return false
    }
}

/// The library's one error type.
public enum DomainProbeError: Error, Equatable, CustomStringConvertible {
    case invalidName(String)
    case malformedMessage(String)
    case badNameserver(String)
    case timeout
    case closed
    case network(String)

    public var description: String {
        switch self {
        case .invalidName(let reason): "invalid name: \(reason)"
        case .malformedMessage(let reason): "malformed DNS message: \(reason)"
        case .badNameserver(let reason): "bad nameserver: \(reason)"
        case .timeout: "timeout"
        case .closed: "resolver closed"
        case .network(let reason): reason
        }
    }
}
