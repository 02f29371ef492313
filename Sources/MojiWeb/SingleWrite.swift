import HTTPTypes
import Hummingbird

/// Turns a small response body back into one buffer, so the server sends the
/// head and the body in one write. Hummingbird's `MetricsMiddleware` wraps
/// every body in a closure, and then the head is flushed on its own: a
/// process killed between the two writes would leave nginx with a head it has
/// already forwarded and so cannot retry on another instance.
struct SingleWriteMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var response = try await next(request, context)
        guard let length = response.body.contentLength, length <= EncodedAnswer.largestCached else { return response }
        // Writing into the collector also runs the metrics' post-write closure.
        let collector = BodyCollector()
        try await response.body.write(collector)
        response.body = .init(byteBuffer: collector.buffer)
        return response
    }
}

/// Keeps the bytes a response body writes.
final class BodyCollector: ResponseBodyWriter {
    var buffer = ByteBuffer()

    func write(_ buffer: ByteBuffer) async throws {
        var buffer = buffer
        self.buffer.writeBuffer(&buffer)
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
