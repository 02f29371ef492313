import AsyncSupport
import CharIndex
import HTTPTypes
import Hummingbird
import OpenAPIRuntime

extension ValidationProblem {
    static func invalidQuery(_ name: String, value: String, _ error: QueryError) -> ValidationProblem {
        ValidationProblem(type: "value_error", loc: ["query", name], msg: "Value error, \(error)", input: value)
    }
}

/// A `/search` request's parameters, checked: the parsed query, whether the
/// answer has details, and the raw `q` (the last one counts, as in FastAPI).
struct SearchRequest: Sendable {
    var q: String
    var query: Query
    var prefix: Bool
    var details: Bool

    init(q: String, prefix: Bool, details: Bool) throws(QueryError) {
        self.q = q
        self.query = try Query(q, prefix: prefix)
        self.prefix = prefix
        self.details = details
    }

    /// Identifies the answer: two requests with the same key get the same bytes.
    var answerKey: String { query.canonicalKey + (details ? "\u{0}details" : "") }

    /// Reads `q`, `prefix` and `fields` from a raw request target, as FastAPI
    /// would validate them.
    static func parse(_ target: String) -> Result<SearchRequest, ValidationProblem> {
        let q: String
        let prefix: Bool
        let details: Bool
        switch (queryValues("q", in: target), queryValues("prefix", in: target), queryValues("fields", in: target)) {
        case (.failure(let problem), _, _), (_, .failure(let problem), _), (_, _, .failure(let problem)):
            return .failure(problem)
        case (.success(let qs), .success(let prefixes), .success(let fields)):
            guard let value = qs.last else { return .failure(.missing("q")) }
            let limit = ValidationProblem.maxQueryLength
            if let long = qs.first(where: { $0.unicodeScalars.count > limit }) {
                return .failure(.tooLong("q", value: long, limit: limit))
            }
            q = value
            switch prefixes.last.map({ $0.lowercased() }) {
            // As FastAPI: an empty value is not a boolean.
            case nil, "false", "0", "no", "off", "f", "n": prefix = false
            case "true", "1", "yes", "on", "t", "y": prefix = true
            case .some: return .failure(.notBoolean("prefix", value: prefixes.last ?? ""))
            }
            switch fields.last {
            case nil, "name": details = false
            case "details": details = true
            case .some(let other): return .failure(.notOneOf("fields", value: other, ["name", "details"]))
            }
        }
        do {
            return .success(try SearchRequest(q: q, prefix: prefix, details: details))
        } catch {
            return .failure(.invalidQuery("q", value: q, error))
        }
    }

    /// The canonical target handed to the generated decoder, which rejects a
    /// bare `q` (no `=`) and repeated parameters.
    var canonicalTarget: String {
        "/search?q=" + percentEncode(q) + "&prefix=\(prefix)&fields=" + (details ? "details" : "name")
    }
}

/// The boundary between HTTP and the generated `/search` code. It checks `q`
/// first and answers a bad one with FastAPI's 422 body (the generated decoder
/// would read a malformed escape as an empty string and throw on a missing
/// `q`), hands the generated code one canonical `q`, and writes `ETag` and
/// `Cache-Control` literally.
struct QueryValidationMiddleware: ServerMiddleware {
    func intercept(
        _ request: HTTPRequest,
        body: HTTPBody?,
        metadata: ServerRequestMetadata,
        operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard operationID == "search" else { return try await next(request, body, metadata) }
        let search: SearchRequest
        switch SearchRequest.parse(request.path ?? "") {
        case .failure(let problem): return Self.unprocessable(problem)
        case .success(let parsed): search = parsed
        }
        var canonical = request
        canonical.path = search.canonicalTarget
        var (response, responseBody) = try await next(canonical, body, metadata)
        // The runtime writes header values URI-encoded (`public%2C%20max-age…`);
        // ETag and Cache-Control are meant literally.
        for name in [HTTPField.Name.eTag, .cacheControl] {
            if let value = response.headerFields[name], let literal = percentDecoded(value[...]) {
                response.headerFields[name] = literal
            }
        }
        return (response, responseBody)
    }

    static func unprocessable(_ problem: ValidationProblem) -> (HTTPResponse, HTTPBody?) {
        var response = HTTPResponse(status: .init(code: 422, reasonPhrase: "Unprocessable Content"))
        response.headerFields[.contentType] = "application/json"
        return (response, HTTPBody(problem.json))
    }
}

/// Gives every error answer a JSON body, FastAPI style (`{"detail":"Not Found"}`),
/// and turns a request the generated code could not decode into a 400 rather
/// than the 500 Hummingbird gives an unknown error.
struct BadRequestMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as HTTPResponseError {
            let status = error.status
            if status.code < 500 {
                var response = Self.detail(status, error.status.reasonPhrase)
                // The `Allow` of a 405, for one.
                if let error = error as? HTTPError { response.headers.append(contentsOf: error.headers) }
                return response
            }
            throw error
        } catch let error as ServerError {
            context.logger.info("undecodable request: \(error.causeDescription)")
            return Self.detail(.badRequest, "Bad Request: \(error.causeDescription)")
        }
    }

    static func detail(_ status: HTTPResponse.Status, _ message: String) -> Response {
        Response(
            status: status,
            headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: "{\"detail\":\(jsonStringLiteral(message))}"))
        )
    }
}
