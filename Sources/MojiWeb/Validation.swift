import AsyncSupport
import HTTPTypes
import Hummingbird
import OpenAPIRuntime

/// One entry of a FastAPI validation error body:
/// `{"detail":[{"type":…,"loc":["query","q"],"msg":…,"input":…}]}`.
///
/// Written by hand rather than by `JSONEncoder` so that the bytes are exactly
/// FastAPI's, key order and `"input":null` included.
struct ValidationProblem: Error, Sendable, Equatable {
    var type: String
    var loc: [String]
    var msg: String
    /// `nil` encodes as JSON `null`, as FastAPI does for a missing field.
    var input: String?
    var maxLength: Int?

    static let maxQueryLength = 1000

    static func missing(_ name: String) -> ValidationProblem {
        ValidationProblem(type: "missing", loc: ["query", name], msg: "Field required", input: nil)
    }

    static func notUnicode(_ name: String, raw: String) -> ValidationProblem {
        ValidationProblem(
            type: "string_unicode", loc: ["query", name],
            msg:
                "Input should be a valid string, unable to parse raw data as a unicode string (bad percent-encoding or not UTF-8)",
            input: raw)
    }

    static func tooLong(_ name: String, value: String, limit: Int) -> ValidationProblem {
        ValidationProblem(
            type: "string_too_long", loc: ["query", name],
            msg: "String should have at most \(limit) characters", input: value, maxLength: limit)
    }

    var json: String {
        var out = "{\"detail\":[{\"type\":\(jsonStringLiteral(type)),\"loc\":["
        out += loc.map(jsonStringLiteral).joined(separator: ",")
        out += "],\"msg\":\(jsonStringLiteral(msg)),\"input\":\(input.map(jsonStringLiteral) ?? "null")"
        if let maxLength { out += ",\"ctx\":{\"max_length\":\(maxLength)}" }
        return out + "}]}"
    }
}

/// The values of the query parameter `name` in a raw request target such as
/// `/search?q=cat%20face`, decoded as HTML forms do (`+` is a space), or the
/// problem with them.
func queryValues(_ name: String, in target: String) -> Result<[String], ValidationProblem> {
    guard let mark = target.firstIndex(of: "?") else { return .success([]) }
    var values: [String] = []
    for pair in target[target.index(after: mark)...].split(separator: "&", omittingEmptySubsequences: true) {
        let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
        guard parts[0] == name[...] else { continue }
        let raw = parts.count > 1 ? parts[1] : ""
        guard let value = percentDecoded(raw, plusIsSpace: true) else {
            return .failure(.notUnicode(name, raw: String(raw)))
        }
        values.append(value)
    }
    return .success(values)
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

/// `text` with every byte but the unreserved ones (RFC 3986) percent-encoded.
func percentEncode(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "_"), UInt8(ascii: "~"):
            out.unicodeScalars.append(Unicode.Scalar(byte))
        default:
            let hex = String(byte, radix: 16, uppercase: true)
            out += byte < 16 ? "%0" + hex : "%" + hex
        }
    }
    return out
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
                return Self.detail(status, error.status.reasonPhrase)
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
