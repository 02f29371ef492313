import Flags
import FlagsServer
import Foundation
import Hummingbird
import Logging
import NIOCore
import Synchronization
import TestSupport

func files(in dir: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
}

/// The library's supervisor with its own client, as `flags` runs it.
func downloadAll(
    _ codes: [String], settings: DownloadSettings, maxRequests: Int
) async throws -> [DownloadResult] {
    try await withFlagsClient(maxRequests: maxRequests) { client in
        try await supervisor(codes: codes, client: client, settings: settings, maxRequests: maxRequests)
    }
}

func counts(_ results: [DownloadResult]) -> [DownloadStatus: Int] {
    results.reduce(into: [:]) { $0[$1.status, default: 0] += 1 }
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

/// Runs the built `flags` in `directory`; with `interruptAfter`, sends it
/// SIGINT then, as a user's Ctrl-C.
func runFlagsBinary(
    _ arguments: [String], in directory: URL, timeout: Double = 30, interruptAfter: Double? = nil
) async throws -> ProcessOutput {
    try await runProduct(
        "flags", arguments, workingDirectory: directory.path,
        signal: interruptAfter.map { (SIGINT, .seconds($0)) }, timeout: .seconds(timeout))
}

/// A `flags-server` process on a free port, so a test can kill it for real
/// (SIGKILL closes every socket at once, unlike a graceful stop).
func spawnFlagsServer(_ arguments: [String], in directory: URL) async throws -> (Process, baseURL: String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: try builtProduct("flags-server"))
    process.arguments = ["--port", "0"] + arguments
    let out = directory.appendingPathComponent(".server-\(UUID().uuidString)")
    FileManager.default.createFile(atPath: out.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    try process.run()
    let prefix = "Serving flags at "
    for _ in 0..<500 {
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        if let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) {
            return (process, String(line.dropFirst(prefix.count)))
        }
        guard process.isRunning else { break }
        try await Task.sleep(for: .milliseconds(20))
    }
    process.terminate()
    throw TestFailure("flags-server did not announce its URL")
}

// MARK: - A server that answers 503 a few times before it serves the flag

/// Serves every flag, but answers `503` with `Retry-After: 0` to the first
/// `failures` requests; counts requests.
final class FlakyServer: Sendable {
    let port: Int
    private let counter: Counter
    private let task: Task<Void, any Error>

    var baseURL: String { "http://127.0.0.1:\(port)/flags" }

    var requests: Int { counter.value.load(ordering: .relaxed) }

    private init(port: Int, counter: Counter, task: Task<Void, any Error>) {
        self.port = port
        self.counter = counter
        self.task = task
    }

    static func start(failures: Int, status: HTTPResponse.Status = .serviceUnavailable) async throws -> FlakyServer {
        let counter = Counter()
        let router = Router()
        router.get("/flags/:cc/:file") { _, context -> Response in
            let cc = context.parameters.get("cc")?.uppercased() ?? ""
            let number = counter.value.wrappingAdd(1, ordering: .relaxed).newValue
            if number <= failures {
                return Response(status: status, headers: [.retryAfter: "0"])
            }
            guard let gif = BuiltInFlags.gif(for: cc) else { return Response(status: .notFound) }
            return Response(
                status: .ok, headers: [.contentType: "image/gif"],
                body: .init(byteBuffer: ByteBuffer(bytes: gif)))
        }
        let (bound, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "flaky-server")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0), serverName: nil),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger)
        let task = Task { try await app.runService(gracefulShutdownSignals: []) }
        var port = 0
        for await value in bound {
            port = value
            break
        }
        return FlakyServer(port: port, counter: counter, task: task)
    }

    func stop() async {
        task.cancel()
        _ = await task.result
    }
}

/// Boxes the atomic so the route closure can share it.
final class Counter: Sendable {
    let value = Atomic<Int>(0)
}
