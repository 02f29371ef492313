/// The chapter's three test servers.
public enum FlagsServerPreset: String, CaseIterable, Sendable {
    /// A plain static server on port 8000.
    case local
    /// A random delay of 0.5 to 5 s before each response, on port 8001.
    case delay
    /// A 0.5 s delay and 25 % of requests answered 418, on port 8002.
    case error
}

/// How one flags server behaves.
public struct FlagsServerOptions: Sendable {
    public var host: String
    /// 0 binds an ephemeral port.
    public var port: Int
    /// Seconds to wait before each `/flags` response, drawn uniformly; nil is none.
    public var delay: ClosedRange<Double>?
    /// The share of `/flags` requests answered `418 I'm a teapot`, from 0 to 1.
    public var errorRate: Double
    /// Serve `DIR/flags/<cc>/<cc>.gif` and `metadata.json` instead of the built-in set.
    public var directory: String?
    /// Makes delays and errors reproducible.
    public var seed: UInt64?
    /// Log each request as the chapter's slow server does (`AD delay: 0.53s`).
    public var verbose: Bool
    /// Connections the kernel queues until they are accepted (listen(2)'s
    /// backlog; the kernel caps it at net.core.somaxconn), 1 to 65535.
    public var backlog: Int

    public init(
        host: String = "127.0.0.1", port: Int = 0, delay: ClosedRange<Double>? = nil, errorRate: Double = 0,
        directory: String? = nil, seed: UInt64? = nil, verbose: Bool = false, backlog: Int = 4096
    ) {
        self.host = host
        self.port = port
        self.delay = delay
        self.errorRate = errorRate
        self.directory = directory
        self.seed = seed
        self.verbose = verbose
        self.backlog = backlog
    }

    /// The chapter's parameters and port for a preset.
    public static func preset(_ preset: FlagsServerPreset) -> FlagsServerOptions {
        switch preset {
        case .local: FlagsServerOptions(port: 8000)
        case .delay: FlagsServerOptions(port: 8001, delay: 0.5...5.0)
        case .error: FlagsServerOptions(port: 8002, delay: 0.5...0.5, errorRate: 0.25)
        }
    }

    /// Checks the options, so that a bad value is a clear error rather than a crash.
    public func validate() throws(FlagsServerError) {
        guard (0...65535).contains(port) else {
            throw .invalidOption("port must be between 0 and 65535, not \(port)")
        }
        guard !host.isEmpty else { throw .invalidOption("host must not be empty") }
        if let delay {
            guard delay.lowerBound >= 0, delay.upperBound.isFinite, delay.upperBound <= 3600 else {
                throw .invalidOption("delay must be between 0 and 3600 seconds, not \(delay)")
            }
        }
        guard errorRate >= 0, errorRate <= 1 else {
            throw .invalidOption("error rate must be between 0 and 1, not \(errorRate)")
        }
        guard (1...65535).contains(backlog) else {
            throw .invalidOption("backlog must be between 1 and 65535, not \(backlog)")
        }
    }
}

/// What a server has seen on its `/flags` routes.
public struct FlagsServerStats: Sendable, Codable, Equatable {
    /// Requests started since the server started or the stats were reset.
    public var requests: Int
    /// Requests whose response has not been produced yet (the delay included).
    public var inFlight: Int
    /// The most requests in flight at one time.
    public var maxInFlight: Int

    public init(requests: Int = 0, inFlight: Int = 0, maxInFlight: Int = 0) {
        self.requests = requests
        self.inFlight = inFlight
        self.maxInFlight = maxInFlight
    }
}

/// The library's one error type.
public enum FlagsServerError: Error, Equatable, CustomStringConvertible {
    case invalidOption(String)
    case directoryNotFound(String)
    case startFailed(String)

    public var description: String {
        switch self {
        case .invalidOption(let message): "invalid option: \(message)"
        case .directoryNotFound(let path): "directory not found: \(path)"
        case .startFailed(let message): "could not start the server: \(message)"
        }
    }
}
