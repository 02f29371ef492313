import CompressNIO
import HTTPTypes
import Hummingbird
import MojiAnswers

/// `GET /search` (and so `HEAD`), the API of `openapi.yaml`. It parses the
/// request once, answers from the caches when it can, and otherwise searches
/// and writes the JSON straight into a buffer (`AnswerJSON`). Answers over
/// `SearchCaching.smallestCompressed` bytes go gzip-compressed, with the gzip
/// form's own ETag, to clients that accept gzip; every answer, 422 and 304
/// included, carries `Vary: Accept-Encoding`.
struct SearchRoute: Sendable {
    let finder: Finder
    /// Identity bodies by answer key; nil with `--cache-entries 0`.
    let answers: CountedAnswerCache?
    /// gzip bodies, by the same key.
    let compressed: AnswerCache<EncodedAnswer>
    let json = AnswerJSON()
    /// Each locale's emoji names, for `/emoji` and `/identify`.
    let emojiNames = EmojiNamesByLocale()

    func response(to request: Request) throws -> Response {
        let search: SearchRequest
        switch SearchRequest.parse(request.uri.description) {
        case .failure(let problem): return Self.unprocessable(problem)
        case .success(let parsed): search = parsed
        }
        let key = AnswerKey(search.query, form: search.details ? .details : .names)
        return try respond(to: request, key: key) {
            json.body(for: finder.search(search.query), details: search.details)
        }
    }

    /// The one way a JSON answer goes out, for `/search`, `/emoji` and
    /// `/identify`: from the caches when it can, with its ETag, a 304 for a
    /// copy the client holds, and gzip when accepted; `build` makes the body
    /// only when no cache has it.
    func respond(to request: Request, key: AnswerKey, build: () -> ByteBuffer) throws -> Response {
        let ifNoneMatch = request.headers[.ifNoneMatch]
        let gzip = SearchCaching.acceptsGzip(request.headers[.acceptEncoding])
        var etag: String?
        if gzip {
            // A repeat is answered from the gzip cache without searching again,
            // unless the client revalidates the identity form it holds.
            let tag = finder.etag(for: key)
            if let answer = compressed.answer(for: key),
                !SearchCaching.isNotModified(ifNoneMatch: ifNoneMatch, etag: tag)
            {
                return Self.gzipResponse(answer, ifNoneMatch: ifNoneMatch)
            }
            etag = tag
        }
        let answer: EncodedAnswer
        if let cached = answers?.lookUp(key) {
            answer = cached
        } else {
            let tag = etag ?? finder.etag(for: key)
            if SearchCaching.isNotModified(ifNoneMatch: ifNoneMatch, etag: tag) { return Self.notModified(tag) }
            answer = EncodedAnswer(etag: tag, body: build())
            answers?.store(answer, for: key)
        }
        if SearchCaching.isNotModified(ifNoneMatch: ifNoneMatch, etag: answer.etag) {
            return Self.notModified(answer.etag)
        }
        guard gzip, answer.body.readableBytes > SearchCaching.smallestCompressed else {
            // Every header in the order `varying` gives, in one go: this is every plain answer's path.
            let headers: HTTPFields = [
                .eTag: answer.etag, .cacheControl: SearchCaching.cacheControl,
                .contentType: "application/json; charset=utf-8",
                .contentLength: String(answer.body.readableBytes), .vary: "Accept-Encoding",
            ]
            return Response(status: .ok, headers: headers, body: .init(byteBuffer: answer.body))
        }
        var body = answer.body
        let zipped = EncodedAnswer(
            etag: SearchCaching.gzipETag(answer.etag), body: try body.compress(with: .gzip()))
        if zipped.body.readableBytes <= EncodedAnswer.largestCached { compressed.store(zipped, for: key) }
        return Self.gzipResponse(zipped, ifNoneMatch: ifNoneMatch)
    }

    /// `Vary` last, after the `Content-Length` a `Response` adds, as the
    /// answers have always been.
    static func varying(_ response: Response) -> Response {
        var response = response
        response.headers[.vary] = "Accept-Encoding"
        return response
    }

    static func notModified(_ etag: String) -> Response {
        varying(Response(status: .notModified, headers: [.eTag: etag, .cacheControl: SearchCaching.cacheControl]))
    }

    /// FastAPI's 422 for a bad query.
    static func unprocessable(_ problem: ValidationProblem) -> Response {
        varying(
            Response(
                status: .unprocessableContent, headers: [.contentType: "application/json"],
                body: .init(byteBuffer: ByteBuffer(string: problem.json))))
    }

    static func gzipResponse(_ answer: EncodedAnswer, ifNoneMatch: String?) -> Response {
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
