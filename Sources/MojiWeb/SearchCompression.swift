import CompressNIO
import HTTPTypes
import Hummingbird

/// Sends `/search` answers over `SearchCaching.smallestCompressed` bytes
/// gzip-compressed (zlib through CompressNIO) to clients that accept gzip,
/// with the gzip form's own ETag; adds `Vary: Accept-Encoding` to every
/// `/search` answer, compressed or not.
struct SearchCompressionMiddleware<Context: RequestContext>: RouterMiddleware {
    let finder: Finder
    /// gzip bodies, keyed by the identity form's ETag.
    let compressed: AnswerCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        if request.method == .head, request.uri.path == "/search" {
            // HEAD answers what GET would, headers and all, with no body.
            var head = request.head
            head.method = .get
            let get = Request(head: head, body: request.body)
            return try await handle(get, context: context, next: next).createHeadResponse()
        }
        guard request.method == .get, request.uri.path == "/search" else { return try await next(request, context) }
        guard SearchCaching.acceptsGzip(request.headers[.acceptEncoding]) else {
            return Self.varying(try await next(request, context))
        }
        // A repeat is answered from the gzip cache without searching again,
        // unless the client revalidates the identity form it holds.
        if case .success(let search) = SearchRequest.parse(request.uri.description) {
            let etag = finder.etag(key: search.answerKey)
            if let answer = compressed.lookUp(etag),
                !SearchCaching.isNotModified(ifNoneMatch: request.headers[.ifNoneMatch], etag: etag)
            {
                return Self.gzipResponse(answer, ifNoneMatch: request.headers[.ifNoneMatch])
            }
        }
        var response = Self.varying(try await next(request, context))
        guard response.status == .ok, let etag = response.headers[.eTag] else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        var body = collector.buffer
        guard body.readableBytes > SearchCaching.smallestCompressed else {
            response.body = .init(byteBuffer: body)
            return response
        }
        let answer = AnswerCache.Answer(etag: SearchCaching.gzipETag(etag), body: try body.compress(with: .gzip()))
        compressed.store(answer, for: etag)
        return Self.gzipResponse(answer, ifNoneMatch: request.headers[.ifNoneMatch])
    }

    static func varying(_ response: Response) -> Response {
        var response = response
        response.headers[.vary] = "Accept-Encoding"
        return response
    }

    static func gzipResponse(_ answer: AnswerCache.Answer, ifNoneMatch: String?) -> Response {
        var headers: HTTPFields = [
            .eTag: answer.etag, .cacheControl: SearchCaching.cacheControl, .vary: "Accept-Encoding",
        ]
        if SearchCaching.isNotModified(ifNoneMatch: ifNoneMatch, etag: answer.etag) {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = "application/json; charset=utf-8"
        headers[.contentEncoding] = "gzip"
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: answer.body))
    }
}
