import AsyncSupport
import CharIndex
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

    static func invalidQuery(_ name: String, value: String, _ error: QueryError) -> ValidationProblem {
        ValidationProblem(type: "value_error", loc: ["query", name], msg: "Value error, \(error)", input: value)
    }

    static func notBoolean(_ name: String, value: String) -> ValidationProblem {
        ValidationProblem(
            type: "bool_parsing", loc: ["query", name],
            msg: "Input should be a valid boolean, unable to interpret input",
            input: value)
    }

    static func notOneOf(_ name: String, value: String, _ allowed: [String]) -> ValidationProblem {
        let choices = allowed.map { "'\($0)'" }
        let listed = choices.dropLast().joined(separator: ", ") + " or " + (choices.last ?? "")
        return ValidationProblem(type: "enum", loc: ["query", name], msg: "Input should be \(listed)", input: value)
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
            // Empty counts as absent: a form (the /docs page) sends empty fields.
            case nil, "", "false", "0", "no", "off", "f", "n": prefix = false
            case "true", "1", "yes", "on", "t", "y": prefix = true
            case .some: return .failure(.notBoolean("prefix", value: prefixes.last ?? ""))
            }
            switch fields.last {
            case nil, "", "name": details = false
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
