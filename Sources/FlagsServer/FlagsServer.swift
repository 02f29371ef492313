import AsyncSupport
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import _NIOFileSystem

/// A flags server started in this process.
public final class RunningFlagsServer: Sendable {
    /// The port it listens on (the bound one when 0 was asked).
    public let port: Int
    public let host: String
    /// Where the flags are: `http://<host>:<port>/flags`.
    public var baseURL: String { "http://\(hostForURL):\(port)/flags" }

    private let state: FlagsServerState
    private let group: ServiceGroup
    private let runner: Task<Void, Never>

    init(host: String, port: Int, state: FlagsServerState, group: ServiceGroup, runner: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.state = state
        self.group = group
        self.runner = runner
    }

    private var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

    public func stats() async -> FlagsServerStats { state.stats() }

    public func resetStats() async { state.resetStats() }

    /// Stops accepting, lets requests in flight finish, and returns once the port is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await runner.value
    }

    /// Stops at once, like a killed process: the port and every connection close
    /// without answering the requests in flight. For testing clients mid-run.
    public func kill() async {
        runner.cancel()
        await runner.value
    }
}

/// Starts a server and returns once it is listening.
public func startFlagsServer(_ options: FlagsServerOptions) async throws -> RunningFlagsServer {
    try options.validate()
    let state = try await FlagsServerState(options: options)
    let (bound, continuation) = AsyncStream.makeStream(of: Result<Int, any Error>.self)
    // In-process servers are stopped and killed by their owner; nothing to report but failures to start, which throw.
    let app = makeApplication(state: state, logger: silentLogger) { channel in
        continuation.yield(.success(channel.localAddress?.port ?? options.port))
    }
    let group = ServiceGroup(configuration: .init(services: [app], logger: quietLogger))
    let runner = Task {
        do {
            try await group.run()
            continuation.yield(.failure(FlagsServerError.startFailed("the server stopped before it listened")))
        } catch {
            continuation.yield(.failure(FlagsServerError.startFailed("\(error)")))
        }
        continuation.finish()
    }
    for await result in bound {
        let port = try result.get()
        return RunningFlagsServer(host: options.host, port: port, state: state, group: group, runner: runner)
    }
    // Only a cancelled caller gets here: do not leave the server running behind it.
    await group.triggerGracefulShutdown()
    await runner.value
    throw CancellationError()
}

/// Runs servers until SIGINT or SIGTERM, then shuts them down gracefully.
/// `announce` is called with each base URL once that server listens.
public func serveFlags(_ servers: [FlagsServerOptions], announce: @escaping @Sendable (String) -> Void) async throws {
    var apps: [any Service] = []
    for options in servers {
        try options.validate()
        let state = try await FlagsServerState(options: options)
        apps.append(
            makeApplication(state: state, logger: quietLogger) { channel in
                let port = channel.localAddress?.port ?? options.port
                let host = options.host.contains(":") ? "[\(options.host)]" : options.host
                announce("http://\(host):\(port)/flags")
            })
    }
    let group = ServiceGroup(
        configuration: .init(services: apps, gracefulShutdownSignals: [.sigint, .sigterm], logger: quietLogger))
    try await group.run()
}

private let silentLogger: Logger = {
    var logger = Logger(label: "flags-server")
    logger.logLevel = .critical
    return logger
}()

private let quietLogger: Logger = {
    var logger = Logger(label: "flags-server")
    logger.logLevel = .error
    return logger
}()

func makeApplication(
    state: FlagsServerState, logger: Logger, onServerRunning: @escaping @Sendable (any Channel) async -> Void
) -> some Service {
    let router = Router()
    router.get("/stats") { _, _ in try jsonResponse(state.stats()) }
    router.post("/stats/reset") { _, _ in
        state.resetStats()
        return try jsonResponse(state.stats())
    }
    // A fixed answer with no flag logic, the baseline for benchmarks.
    router.get("/ping") { _, _ in "pong\n" }
    router.get("/flags/**") { request, _ in try await state.respond(to: request) }
    // The same answer without its body; the router does not derive HEAD for a catch-all route.
    router.head("/flags/**") { request, _ in
        let response = try await state.respond(to: request)
        var headers = response.headers
        headers[.contentLength] = response.body.contentLength.map(String.init) ?? "0"
        return Response(status: response.status, headers: headers, body: .init())
    }
    router.get("/flags") { _, _ in Response(status: .notFound) }
    return Application(
        router: router,
        configuration: .init(
            address: .hostname(state.options.host, port: state.options.port),
            serverName: nil,
            // Room for a client that opens thousands of connections at once.
            backlog: 4096
        ),
        onServerRunning: onServerRunning,
        logger: logger
    )
}

private func jsonResponse(_ stats: FlagsServerStats) throws -> Response {
    let data = try JSONEncoder().encode(stats)
    return Response(
        status: .ok, headers: [.contentType: "application/json"],
        body: .init(byteBuffer: ByteBuffer(bytes: data)))
}

/// One server's content, counters and random draws.
final class FlagsServerState: Sendable {
    let options: FlagsServerOptions
    /// The resolved root of `--directory`, or nil for the built-in set.
    private let root: String?
    private let counters = Mutex(FlagsServerStats())
    private let random: Mutex<SplitMix64>
    private let logger: Logger?

    init(options: FlagsServerOptions) async throws {
        self.options = options
        if let directory = options.directory {
            let path = FilePath(directory)
            guard let info = try await FileSystem.shared.info(forFileAt: path), info.type == .directory else {
                throw FlagsServerError.directoryNotFound(directory)
            }
            self.root = path.lexicallyNormalized().string
        } else {
            self.root = nil
        }
        self.random = Mutex(SplitMix64(seed: options.seed ?? UInt64.random(in: .min ... .max)))
        if options.verbose {
            var logger = Logger(label: "flags-server") { _ in MessageLogHandler() }
            logger.logLevel = .info
            self.logger = logger
        } else {
            self.logger = nil
        }
    }

    func stats() -> FlagsServerStats { counters.withLock { $0 } }

    func resetStats() {
        counters.withLock { $0 = FlagsServerStats(requests: 0, inFlight: $0.inFlight, maxInFlight: $0.inFlight) }
    }

    /// Every request draws both numbers, whatever happens to it, so that with a
    /// seed the outcomes over N requests are the same whatever their order.
    private func draw() -> (delay: Double, isError: Bool) {
        guard options.delay != nil || options.errorRate > 0 else { return (0, false) }
        return random.withLock { generator in
            let delayFraction = Double(generator.next() >> 11) / Double(1 << 53)
            let errorFraction = Double(generator.next() >> 11) / Double(1 << 53)
            let delay = options.delay.map { $0.lowerBound + ($0.upperBound - $0.lowerBound) * delayFraction } ?? 0
            return (delay, errorFraction < options.errorRate)
        }
    }

    func respond(to request: Request) async throws -> Response {
        counters.withLock {
            $0.requests += 1
            $0.inFlight += 1
            $0.maxInFlight = max($0.maxInFlight, $0.inFlight)
        }
        defer { counters.withLock { $0.inFlight -= 1 } }

        let (delay, isError) = draw()
        let segments = FlagPath.segments(of: request.uri.path)
        var label: String { segments?.first?.uppercased() ?? "??" }
        if delay > 0 {
            logger?.info("\(label) delay: \(String(format: "%.2f", delay))s")
            try await Task.sleep(for: .seconds(delay))
        }
        if isError {
            logger?.info("\(label) error: 418 I'm a teapot")
            return textResponse(.init(code: 418, reasonPhrase: "I'm a teapot"), "I'm a teapot: simulated error\n")
        }
        guard let segments else { return textResponse(.badRequest, "Bad path\n") }
        guard let (bytes, contentType) = try await content(at: segments) else {
            return textResponse(.notFound, "Not found\n")
        }
        return Response(
            status: .ok, headers: [.contentType: contentType],
            body: .init(byteBuffer: bytes))
    }

    private func content(at segments: [String]) async throws -> (ByteBuffer, String)? {
        guard let root else {
            // The built-in set: exactly /flags/<cc>/<cc>.gif and /flags/<cc>/metadata.json.
            guard segments.count == 2, let cc = segments.first, let flag = BuiltInFlags.byCode[cc] else { return nil }
            switch segments[1] {
            case flag.gifName: return (flag.gif, "image/gif")
            case "metadata.json": return (flag.metadata, "application/json")
            default: return nil
            }
        }
        // FlagPath.segments already refused anything that is not a valid single component.
        // Symbolic links below the root are refused too: one could point anywhere.
        var path = FilePath(root)
        var info: FileInfo?
        for component in ["flags"] + segments {
            guard let next = FilePath.Component(component) else { return nil }
            path.append(next)
            info = try? await FileSystem.shared.info(forFileAt: path, infoAboutSymbolicLink: true)
            guard let info, info.type != .symlink else { return nil }
        }
        guard info?.type == .regular else { return nil }
        let bytes = try await FileSystem.shared.withFileHandle(forReadingAt: path) { handle in
            try await handle.readToEnd(maximumSizeAllowed: .mebibytes(64))
        }
        let fileExtension = path.extension ?? ""
        let type = MediaType.getMediaType(forExtension: fileExtension)?.description ?? "application/octet-stream"
        return (bytes, type)
    }

    private func textResponse(_ status: HTTPResponse.Status, _ text: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// The built-in set as ready-made buffers, keyed by the lowercase code of the path.
enum BuiltInFlags {
    struct Flag: Sendable {
        var gifName: String
        var gif: ByteBuffer
        var metadata: ByteBuffer
    }

    static let byCode: [String: Flag] = Dictionary(
        uniqueKeysWithValues: CountryData.codes.map { code in
            let cc = code.lowercased()
            return (
                cc,
                Flag(
                    gifName: "\(cc).gif", gif: ByteBuffer(bytes: CountryData.gif(for: code)!),
                    metadata: ByteBuffer(bytes: CountryData.metadataJSON(for: code)!))
            )
        })
}

/// Parsing of the part of a path after `/flags/`.
enum FlagPath {
    /// The decoded segments after `/flags/`, or nil when a segment could climb
    /// out of the served folder or name something hidden: `..`, `.`, empty,
    /// a leading dot, or a slash, backslash or NUL hidden by percent-encoding.
    static func segments(of path: String) -> [String]? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard parts.first == "flags" else { return nil }
        parts = parts.dropFirst()
        if parts.count > 1, parts.last == "" { parts = parts.dropLast() }  // "/flags/zz/" names the folder zz
        var segments: [String] = []
        for part in parts {
            guard let decoded = percentDecoded(part), !decoded.isEmpty,
                !decoded.hasPrefix("."),
                !decoded.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }),
                FilePath.Component(decoded) != nil
            else { return nil }
            segments.append(decoded)
        }
        return segments.isEmpty ? nil : segments
    }
}

/// Writes just the message, one line per request, like the chapter's server.
struct MessageLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        writeLine(event.message.description)
    }
}

/// Writes a line to standard output at once, unbuffered, so that a reader of a
/// pipe sees each line as it happens, and lines from many tasks never interleave.
public func writeLine(_ line: String) {
    writeUnbuffered(line + "\n")
}
