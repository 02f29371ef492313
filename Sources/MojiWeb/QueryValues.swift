import AsyncSupport

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
