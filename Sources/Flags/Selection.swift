import FlagCountries

/// The one error type of the `Flags` library: a server or a country code
/// given as text that does not parse.
public enum FlagsError: Error, Equatable, CustomStringConvertible {
    case unknownServer(String)
    case invalidCode(String)

    public var description: String {
        switch self {
        case .unknownServer(let label):
            "unknown server \(label.debugDescription); use LOCAL, DELAY, ERROR, REMOTE or a base URL"
        case .invalidCode(let code): "invalid country code \(code.debugDescription); give A-Z or AA-ZZ"
        }
    }
}

/// Where the flags come from: one of the chapter's labels or a base URL.
public struct FlagsSite: Sendable, Equatable {
    public var label: String
    public var baseURL: String

    public static let local = FlagsSite(label: "LOCAL", baseURL: "http://localhost:8000/flags")
    public static let delay = FlagsSite(label: "DELAY", baseURL: "http://localhost:8001/flags")
    public static let error = FlagsSite(label: "ERROR", baseURL: "http://localhost:8002/flags")
    public static let remote = FlagsSite(label: "REMOTE", baseURL: "https://www.fluentpython.com/data/flags")

    public init(label: String, baseURL: String) {
        self.label = label
        self.baseURL = baseURL
    }

    /// A label (any case) or an `http(s)://` base URL; a trailing `/` is dropped.
    public static func parse(_ text: String) throws(FlagsError) -> FlagsSite {
        switch text.uppercased() {
        case "LOCAL": return .local
        case "DELAY": return .delay
        case "ERROR": return .error
        case "REMOTE": return .remote
        default: break
        }
        var url = text
        while url.hasSuffix("/") { url.removeLast() }
        // A host must follow the scheme: "https:////" is no URL (found by scripts/fuzz).
        let lower = url.lowercased()
        let scheme = ["http://", "https://"].first { lower.hasPrefix($0) }
        guard let scheme, let host = url.dropFirst(scheme.count).first, host != "/" else {
            throw .unknownServer(text)
        }
        return FlagsSite(label: "Custom", baseURL: url)
    }
}

public enum FlagCodes {
    /// The 20 most populous countries, the chapter's default selection.
    public static let mostPopulous = "CN IN US ID BR PK NG BD RU JP MX PH VN ET EG DE IR TR CD FR"
        .split(separator: " ").map(String.init)

    /// Every code from AA to ZZ.
    public static var every: [String] {
        let letters = (UInt8(ascii: "A")...UInt8(ascii: "Z")).map { Character(UnicodeScalar($0)) }
        return letters.flatMap { first in letters.map { String([first, $0]) } }
    }

    /// The codes the command line asks for: explicit codes (a single letter
    /// stands for the 26 codes starting with it), `all` for the chapter's 194
    /// countries, `every` for AA...ZZ; sorted, unique, cut to `limit` (below 1: none).
    public static func select(
        _ arguments: [String], all: Bool = false, every: Bool = false, limit: Int? = nil
    ) throws(FlagsError) -> [String] {
        var codes = Set<String>()
        if every { codes.formUnion(Self.every) }
        if all { codes.formUnion(CountryData.codes) }
        for argument in arguments {
            let code = argument.uppercased()
            guard (1...2).contains(code.count), code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
                throw .invalidCode(argument)
            }
            if code.count == 1 {
                codes.formUnion(Self.every.filter { $0.hasPrefix(code) })
            } else {
                codes.insert(code)
            }
        }
        if codes.isEmpty && arguments.isEmpty && !all && !every { codes.formUnion(mostPopulous) }
        let sorted = codes.sorted()
        return Array(sorted.prefix(max(limit ?? sorted.count, 0)))
    }
}
