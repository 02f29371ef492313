import AsyncSupport
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one output formatter of blogdom and domaincheck.
public enum ProbeReport {
    public enum Style: Sendable {
        /// `+ domain`, `- domain`, `! domain reason`.
        case blogdom
        /// Found at the left, not found two tabs in, errors as `! domain reason`.
        case domaincheck
        /// One JSON object per line: `{"domain":…,"status":…}` plus `"reason"` for errors.
        case json
    }

    public static func header(_ style: Style) -> [String] {
        style == .domaincheck ? ["FOUND\t\tNOT FOUND", "=====\t\t========="] : []
    }

    public static func line(_ result: ProbeResult, style: Style) -> String {
        switch (style, result.status) {
        case (.blogdom, .found): "+ \(result.domain)"
        case (.blogdom, .notFound): "- \(result.domain)"
        case (.domaincheck, .found): result.domain
        case (.domaincheck, .notFound): "\t\t\(result.domain)"
        // A name never starts with "!", so error lines cannot be mistaken for either column.
        case (.blogdom, .error(let reason)), (.domaincheck, .error(let reason)): "! \(result.domain) \(reason)"
        case (.json, .found): #"{"domain":\#(jsonStringLiteral(result.domain)),"status":"found"}"#
        case (.json, .notFound): #"{"domain":\#(jsonStringLiteral(result.domain)),"status":"not found"}"#
        case (.json, .error(let reason)):
            #"{"domain":\#(jsonStringLiteral(result.domain)),"status":"error","reason":\#(jsonStringLiteral(reason))}"#
        }
    }
}

/// How to run a batch of probes; the commands fill it from their options.
public struct ProbeOptions: Sendable {
    public var limit: Int
    /// `HOST[:PORT]` of a DNS server, or nil for the system resolver.
    public var nameserver: String?
    /// Seconds to wait for each DNS answer before asking again.
    public var timeout: Double
    public var retries: Int

    /// Threads for blocking getaddrinfo calls, at most.
    public static let maxSystemThreads = 64

    public init(limit: Int = 100, nameserver: String? = nil, timeout: Double = 2, retries: Int = 2) {
        self.limit = limit
        self.nameserver = nameserver
        self.timeout = timeout
        self.retries = retries
    }
}

/// Probes `domains` and writes one formatted line per result, in completion
/// order. Returns whether any probe ended in an error.
public func runProbes(
    _ domains: [String],
    options: ProbeOptions,
    style: ProbeReport.Style,
    write: (String) -> Void
) async throws(DomainProbeError) -> Bool {
    guard options.limit >= 1 else { throw .usage("--limit must be at least 1") }
    guard options.timeout > 0, options.timeout <= 3600 else {
        throw .usage("--timeout must be a number of seconds above 0 and at most 3600")
    }
    var nameserver: NameserverResolver?
    if let text = options.nameserver {
        let address = try NameserverResolver.address(text)
        do {
            nameserver = try await NameserverResolver.connect(
                to: address, timeout: .milliseconds(Int64(options.timeout * 1000)), retries: options.retries)
        } catch {
            throw .badNameserver("cannot open a UDP socket for \(text): \(error)")
        }
    }
    // getaddrinfo blocks a thread per lookup, so the system resolver gets a
    // pool of its own sized for the limit instead of NIO's small shared one.
    var pool: NIOThreadPool?
    if nameserver == nil {
        let threads = NIOThreadPool(numberOfThreads: min(options.limit, ProbeOptions.maxSystemThreads))
        threads.start()
        pool = threads
    }
    let resolver: any Resolver = nameserver ?? SystemResolver(pool: pool ?? .singleton)
    var anyError = false
    for line in ProbeReport.header(style) { write(line) }
    for await result in multiProbe(domains, limit: options.limit, using: resolver) {
        anyError = anyError || result.isError
        write(ProbeReport.line(result, style: style))
    }
    await nameserver?.close()
    try? await pool?.shutdownGracefully()
    return anyError
}

/// Reads one name per line from a file, or from standard input for `-`,
/// on the blocking pool. Blank lines and `#` comments are skipped.
public func readNames(from path: String) async throws(DomainProbeError) -> [String] {
    let text: String
    do {
        text = try await NIOThreadPool.singleton.runIfActive { () throws(DomainProbeError) -> String in
            let fd = path == "-" ? 0 : open(path, O_RDONLY)
            guard fd >= 0 else {
                throw .usage("cannot read \(path): \(String(cString: strerror(errno)))")
            }
            defer { if fd != 0 { close(fd) } }
            var bytes: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let count = read(fd, &chunk, chunk.count)
                if count == 0 { break }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw .usage("cannot read \(path): \(String(cString: strerror(errno)))")
                }
                bytes.append(contentsOf: chunk[..<count])
            }
            return String(decoding: bytes, as: UTF8.self)
        }
    } catch let error as DomainProbeError {
        throw error
    } catch {
        throw .usage("cannot read \(path): \(error)")
    }
    return text.split(whereSeparator: \.isNewline)
        .map { $0.trimmingCharacters() }
        .filter { !$0.isEmpty && !$0.hasPrefix("#") }
}

extension Substring {
    func trimmingCharacters() -> String {
        var s = self
        while let first = s.first, first.isWhitespace { s.removeFirst() }
        while let last = s.last, last.isWhitespace { s.removeLast() }
        return String(s)
    }
}

/// Unbuffered line output, so each result shows up the moment it completes,
/// even through a pipe.
public enum Console {
    public static func out(_ line: String) { writeUnbuffered(line + "\n") }
    public static func err(_ line: String) { writeUnbuffered(line + "\n", to: 2) }
}
