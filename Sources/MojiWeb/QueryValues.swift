import TextSupport

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
        var out = "{\"detail\":[{\"type\":\(JSONString.literal(type)),\"loc\":["
        out += loc.map(JSONString.literal).joined(separator: ",")
        out += "],\"msg\":\(JSONString.literal(msg)),\"input\":\(input.map(JSONString.literal) ?? "null")"
        if let maxLength { out += ",\"ctx\":{\"max_length\":\(maxLength)}" }
        return out + "}]}"
    }
}

/// The values of the query parameters `names` in a raw request target such
/// as `/search?q=cat%20face&prefix=1`, found in one scan and decoded as HTML
/// forms do (`+` is a space), in the order they appear; or the problem with
/// the first of `names` (in the order of `names`) that has a malformed value,
/// that value being the first malformed one of its name.
func queryValues(_ names: [String], in target: String) -> Result<QueryValues, ValidationProblem> {
    var values = QueryValues(names: names)
    // Kept for the earliest name only: the answer is then that problem.
    var first: (index: Int, problem: ValidationProblem)?
    forEachQueryPair(in: target) { pair in
        let equals = pair.firstIndex(of: "=")
        let name = equals.map { pair[..<$0] } ?? pair
        guard let index = names.firstIndex(where: { $0 == name }) else { return }
        let raw = equals.map { pair[pair.index(after: $0)...] } ?? ""
        if let value = percentDecoded(raw, plusIsSpace: true) {
            values.values[index].append(value)
        } else if index < first?.index ?? names.count {
            first = (index, .notUnicode(names[index], raw: String(raw)))
        }
    }
    if let first { return .failure(first.problem) }
    return .success(values)
}

/// The values of a request's query parameters, by name. A route asks for a
/// few names, so they are looked up in order rather than hashed.
struct QueryValues: Sendable {
    let names: [String]
    var values: [[String]]

    init(names: [String]) {
        self.names = names
        values = Array(repeating: [], count: names.count)
    }

    /// The values of `name`, in the order they appear; nil for a name not asked for.
    subscript(name: String) -> [String]? {
        names.firstIndex(of: name).map { values[$0] }
    }
}

/// Calls `body` with each `name=value` pair after the first `?`, empty ones
/// left out, without collecting them. An ASCII target, as a well-formed one
/// is, is cut by bytes; any other by characters, where a combining mark after
/// `&` joins it into one.
func forEachQueryPair(in target: String, _ body: (Substring) -> Void) {
    guard target.utf8.allSatisfy({ $0 < 0x80 }) else {
        guard let mark = target.firstIndex(of: "?") else { return }
        for pair in target[target.index(after: mark)...].split(separator: "&") { body(pair) }
        return
    }
    let bytes = target.utf8
    guard let mark = bytes.firstIndex(of: UInt8(ascii: "?")) else { return }
    func isAmpersand(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "&") }
    forEachRun(of: bytes[bytes.index(after: mark)...], separatedBy: isAmpersand) { pair in
        body(Substring(pair))
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
