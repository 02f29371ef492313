import CharIndex

// Free of Hummingbird and NIO, so that the `web-query` fuzz target builds it.

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

    /// Reads `q`, `prefix` and `fields` from a raw request target, as FastAPI
    /// would validate them.
    static func parse(_ target: String) -> Result<SearchRequest, ValidationProblem> {
        let parameters: QueryValues
        switch queryValues(["q", "prefix", "fields"], in: target) {
        case .failure(let problem): return .failure(problem)
        case .success(let values): parameters = values
        }
        let prefixes = parameters["prefix"] ?? []
        let q: String
        switch requiredQ(parameters) {
        case .failure(let problem): return .failure(problem)
        case .success(let value): q = value
        }
        let prefix: Bool
        switch booleanValue("prefix", prefixes) {
        case .failure(let problem): return .failure(problem)
        case .success(let value): prefix = value
        }
        let details: Bool
        switch parameters["fields"]?.last {
        case nil, "name": details = false
        case "details": details = true
        case .some(let other): return .failure(.notOneOf("fields", value: other, ["name", "details"]))
        }
        do {
            return .success(try SearchRequest(q: q, prefix: prefix, details: details))
        } catch {
            return .failure(.invalidQuery("q", value: q, error))
        }
    }
}

/// The last `q`, required and at most `maxQueryLength` characters in every
/// one of its values, as FastAPI validates it.
func requiredQ(_ parameters: QueryValues) -> Result<String, ValidationProblem> {
    let qs = parameters["q"] ?? []
    guard let q = qs.last else { return .failure(.missing("q")) }
    let limit = ValidationProblem.maxQueryLength
    if let long = qs.first(where: { $0.unicodeScalars.count > limit }) {
        return .failure(.tooLong("q", value: long, limit: limit))
    }
    return .success(q)
}

/// The last value of a boolean parameter as FastAPI reads it; false when absent.
func booleanValue(_ name: String, _ values: [String]) -> Result<Bool, ValidationProblem> {
    switch values.last.map({ $0.lowercased() }) {
    // As FastAPI: an empty value is not a boolean.
    case nil, "false", "0", "no", "off", "f", "n": .success(false)
    case "true", "1", "yes", "on", "t", "y": .success(true)
    case .some: .failure(.notBoolean(name, value: values.last ?? ""))
    }
}
