import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServerMetrics
import Synchronization
import TextSupport
import _NIOFileSystem

/// One server's content, counters and random draws.
final class FlagsServerState: Sendable {
    let options: FlagsServerOptions
    /// The resolved root of `--directory`, or nil for the built-in set.
    private let root: String?
    private let counters = Mutex(FlagsServerStats())
    private let random: Mutex<SplitMix64>
    private let logger: Logger?
    let metrics: ServerMetrics
    private let delaysInjected: Prometheus.Counter
    private let errorsInjected: Prometheus.Counter
    private let inFlight: Prometheus.Gauge

    init(options: FlagsServerOptions, metrics: ServerMetrics = ServerMetrics()) async throws {
        self.options = options
        self.metrics = metrics
        delaysInjected = metrics.counter(
            "flags_server", "delays_injected", help: "/flags requests held back by --delay.")
        errorsInjected = metrics.counter(
            "flags_server", "errors_injected", help: "/flags requests answered 418 by --error-rate.")
        inFlight = metrics.gauge(
            "flags_server", "requests_in_flight", help: "/flags requests not answered yet, delays included.")
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
        self.logger = options.verbose ? requestLogger() : nil
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
        inFlight.increment()
        defer {
            counters.withLock { $0.inFlight -= 1 }
            inFlight.decrement()
        }

        let (delay, isError) = draw()
        let segments = FlagPath.segments(of: request.uri.path)
        var label: String { segments?.first?.uppercased() ?? "??" }
        if delay > 0 {
            delaysInjected.increment()
            logger?.info("\(label) delay: \(NumberText.fixed(delay, decimals: 2))s")
            try await Task.sleep(for: .seconds(clamping: delay))
        }
        if isError {
            errorsInjected.increment()
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
