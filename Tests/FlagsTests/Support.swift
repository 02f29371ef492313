import Flags
import FlagsServer
import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization
import TestSupport

func files(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
}

/// The library's supervisor with its own client, as `flags` runs it. The
/// chapter's timeouts (6.1 s and 3.1 s) become 60 s unless the test sets its
/// own: beside the other suites, this process's two cooperative threads and
/// event loops lag by a second or more, and a test not about timeouts must not
/// fail on them.
func downloadAll(
    _ codes: [String], settings: DownloadSettings, maxRequests: Int
) async throws -> [DownloadResult] {
    let chapter = DownloadSettings(baseURL: settings.baseURL)
    var settings = settings
    if settings.flagTimeout == chapter.flagTimeout { settings.flagTimeout = 60 }
    if settings.metadataTimeout == chapter.metadataTimeout { settings.metadataTimeout = 60 }
    return try await withFlagsClient(maxRequests: maxRequests) { client in
        try await supervisor(codes: codes, client: client, settings: settings, maxRequests: maxRequests)
    }
}

func counts(_ results: [DownloadResult]) -> [DownloadStatus: Int] {
    results.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
}

/// The distinct details of the results that are errors, for a failed expectation's message.
func errorDetails(_ results: [DownloadResult]) -> String {
    Set(results.filter { $0.status == .error }.map(\.detail)).sorted().joined(separator: "; ")
}

/// Every file in `dir` is a whole flag: named `<CC>.gif` and equal to what the server serves.
func expectOnlyCompleteFlags(in dir: URL) throws -> Int {
    var count = 0
    for name in try files(in: dir) {
        guard name.hasSuffix(".gif"), name.count == 6 else {
            throw TestFailure("unexpected file \(name) in \(dir.path)")
        }
        let code = String(name.prefix(2))
        let bytes = try [UInt8](Data(contentsOf: dir.appendingPathComponent(name)))
        guard bytes == BuiltInFlags.gif(for: code) else { throw TestFailure("\(name) differs from the served flag") }
        count += 1
    }
    return count
}

// MARK: - Running the `flags` executable

/// Runs the built `flags` in `directory` with `environment` added to the
/// test's own; with `interruptAfter`, sends it SIGINT then, as a user's Ctrl-C.
func runFlagsBinary(
    _ arguments: [String], in directory: URL, environment: [String: String] = [:], timeout: Double = 30,
    interruptAfter: Double? = nil
) async throws -> ProcessOutput {
    try await runProduct(
        "flags", arguments, workingDirectory: directory.path, environment: environment,
        signal: interruptAfter.map { (SIGINT, .seconds($0)) }, timeout: .seconds(timeout))
}

/// A `flags-server` process on a free port, so a test can kill it for real
/// (SIGKILL closes every socket at once, unlike a graceful stop).
func spawnFlagsServer(_ arguments: [String]) async throws -> (BackgroundProcess, baseURL: String) {
    let server = try BackgroundProcess(product: "flags-server", ["--port", "0"] + arguments)
    guard let url = try await server.waitForOutput("Serving flags at (.*)") else {
        throw TestFailure("flags-server did not announce its URL: \(server.standardError)")
    }
    return (server, url)
}

// MARK: - HTTP servers of the tests' own making

/// A Hummingbird server on a free loopback port that answers every GET and
/// HEAD with `respond(path, number)`, `number` counting requests from 1.
final class TestHTTPServer: Sendable {
    let port: Int
    private let counter: Counter
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)/flags" }

    var requests: Int { counter.value.load(ordering: .relaxed) }

    private init(port: Int, counter: Counter, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.counter = counter
        self.group = group
        self.task = task
    }

    static func start(
        _ respond: @escaping @Sendable (_ path: String, _ number: Int) async throws -> Response
    ) async throws -> TestHTTPServer {
        let counter = Counter()
        let router = Router()
        let route: @Sendable (Request, BasicRequestContext) async throws -> Response = { request, _ in
            try await respond(request.uri.path, counter.value.wrappingAdd(1, ordering: .relaxed).newValue)
        }
        router.get("**", use: route)
        router.head("**", use: route)
        let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "test-http-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let group = ServiceGroup(services: [app], gracefulShutdownSignals: [], logger: logger)
        let task = Task { try await group.run() }
        var port = 0
        for await value in bound {
            port = value
            break
        }
        return TestHTTPServer(port: port, counter: counter, group: group, task: task)
    }

    /// A graceful stop: cancelling a Hummingbird server instead can drop a
    /// connection it accepted but had not started, which NIO traps on.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = await task.result
    }
}

/// The built-in flag of the code in `/flags/<cc>/<cc>.gif`, or 404.
func flagResponse(_ path: String) -> Response {
    let cc = path.split(separator: "/").dropFirst().first.map { $0.uppercased() } ?? ""
    guard let gif = BuiltInFlags.gif(for: cc) else { return Response(status: .notFound) }
    return Response(
        status: .ok, headers: [.contentType: "image/gif"], body: .init(byteBuffer: ByteBuffer(bytes: gif)))
}

/// Serves every flag, but answers `status` (503) with `Retry-After:
/// retryAfter` to the first `failures` requests.
func startFlakyServer(
    failures: Int, status: HTTPResponse.Status = .serviceUnavailable, retryAfter: String = "0"
) async throws -> TestHTTPServer {
    try await TestHTTPServer.start { path, number in
        number <= failures ? Response(status: status, headers: [.retryAfter: retryAfter]) : flagResponse(path)
    }
}

/// Boxes the atomic so the route closure can share it.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
