import AsyncSupport
import HTTPTypes
import Hummingbird
import Prometheus
import ServerMetrics

/// Encoded `/search` answers, keyed by the query's normalized words.
///
/// An answer depends only on the words and the binary's Unicode data, so it
/// never goes stale while the server runs. The first request for some words
/// goes through the generated, spec-checked handler; repeats are written
/// from here, skipping the OpenAPI decoding and JSON encoding.
final class AnswerCache: Sendable {
    struct Answer: Sendable {
        let etag: String
        let body: ByteBuffer
    }

    /// At most `capacity` answers, starting over when full.
    private let answers: StartOverCache<Answer>
    /// Answers bigger than this are not kept (q=cjk is 5 MB).
    static let largestBody = 64 * 1024
    private let hits: Prometheus.Counter?
    private let misses: Prometheus.Counter?
    private let entries: Prometheus.Gauge?

    /// With `metrics`, lookups and size are counted there; the gzip forms' cache is not counted.
    init(capacity: Int, metrics: ServerMetrics? = nil) {
        answers = StartOverCache(maxEntries: capacity)
        hits = metrics?.counter(
            "mojifinder", "answer_cache_hits", help: "/search requests answered from the answer cache.")
        misses = metrics?.counter(
            "mojifinder", "answer_cache_misses",
            help: "/search requests the answer cache could not answer (first requests, large answers).")
        entries = metrics?.gauge("mojifinder", "answer_cache_entries", help: "Answers in the answer cache.")
    }

    /// The answer for `key`, counted as a hit or a miss.
    func lookUp(_ key: String) -> Answer? {
        let answer = answers.value(for: key)
        if answer == nil { misses?.increment() } else { hits?.increment() }
        return answer
    }

    func store(_ answer: Answer, for key: String) {
        guard answer.body.readableBytes <= Self.largestBody else { return }
        entries?.set(Int64(answers.store(answer, for: key)))
    }
}

/// Serves repeated `/search` queries from an `AnswerCache`, with the same
/// `ETag`, `Cache-Control` and `If-None-Match` behaviour as the handler.
/// Anything it cannot answer (a bad or missing `q`, a first request) goes on
/// to the generated code unchanged.
struct AnswerCacheMiddleware<Context: RequestContext>: RouterMiddleware {
    let cache: AnswerCache

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.method == .get, request.uri.path == "/search",
            case .success(let search) = SearchRequest.parse(request.uri.description)
        else { return try await next(request, context) }
        let key = search.answerKey
        if let answer = cache.lookUp(key) {
            if SearchCaching.isNotModified(ifNoneMatch: request.headers[.ifNoneMatch], etag: answer.etag) {
                return Response(status: .notModified, headers: Self.headers(answer.etag))
            }
            var headers = Self.headers(answer.etag)
            headers[.contentType] = "application/json; charset=utf-8"
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: answer.body))
        }
        var response = try await next(request, context)
        guard response.status == .ok, let etag = response.headers[.eTag],
            let length = response.body.contentLength, length <= AnswerCache.largestBody
        else { return response }
        let collector = BodyCollector()
        try await response.body.write(collector)
        response.body = .init(byteBuffer: collector.buffer)
        cache.store(.init(etag: etag, body: collector.buffer), for: key)
        return response
    }

    static func headers(_ etag: String) -> HTTPFields {
        [.eTag: etag, .cacheControl: SearchCaching.cacheControl]
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
