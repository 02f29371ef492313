import AsyncSupport
import HTTPTypes
import Hummingbird
import OpenAPIRuntime

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
        let values: [String]
        switch queryValues("q", in: request.path ?? "") {
        case .failure(let problem): return Self.unprocessable(problem)
        case .success(let found): values = found
        }
        // The last `q` counts, as in FastAPI.
        guard let value = values.last else { return Self.unprocessable(.missing("q")) }
        let limit = ValidationProblem.maxQueryLength
        if let long = values.first(where: { $0.unicodeScalars.count > limit }) {
            return Self.unprocessable(.tooLong("q", value: long, limit: limit))
        }
        // Hand the generated decoder one canonical `q`: it rejects a bare
        // `q` (no `=`) and a repeated one.
        var canonical = request
        canonical.path = "/search?q=" + percentEncode(value)
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
