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
    case usage(String)

    public var description: String {
        switch self {
        case .invalidName(let reason): "invalid name: \(reason)"
        case .malformedMessage(let reason): "malformed DNS message: \(reason)"
        case .badNameserver(let reason): "bad nameserver: \(reason)"
        case .timeout: "timeout"
        case .closed: "resolver closed"
        case .network(let reason): reason
        case .usage(let reason): reason
        }
    }
}

/// Python's `keyword.kwlist` (3.11/3.12), kept as data as the chapter's
/// `from keyword import kwlist` does.
public let pythonKeywords: [String] = [
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
    "continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global",
    "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
]

/// The chapter's blog names: keywords of at most 4 characters, lowercased.
public let shortKeywords: [String] = pythonKeywords.filter { $0.count <= 4 }.map { $0.lowercased() }

/// `name.tld` for every name, with dots stripped from both ends of the TLD.
public func domains(_ names: [String], tld: String) -> [String] {
    let suffix = tld.trimmingDots()
    return names.map { suffix.isEmpty ? $0 : "\($0).\(suffix)" }
}

extension String {
    func trimmingDots() -> String {
        var s = Substring(self)
        while s.first == "." { s.removeFirst() }
        while s.last == "." { s.removeLast() }
        return String(s)
    }
}
