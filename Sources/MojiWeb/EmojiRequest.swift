import EmojiIndex

// Free of Hummingbird and NIO, as SearchRequest is, for the fuzz target.

/// A `/emoji` or `/identify` request's parameters, checked as FastAPI would.
struct EmojiRequest: Sendable {
    var q: String
    var locale: EmojiLocale
    var prefix: Bool
    var tones: Bool

    /// What the answer depends on: the text, the locale and the options.
    var answerText: String { "\(locale.code)\u{0}\(prefix)\u{0}\(tones)\u{0}\(q)" }

    /// Reads `q`, `lang`, and for `/emoji` `prefix` and `tones`, from a raw request target.
    static func parse(_ target: String, options: Bool) -> Result<EmojiRequest, ValidationProblem> {
        let names = options ? ["q", "lang", "prefix", "tones"] : ["q", "lang"]
        let parameters: QueryValues
        switch queryValues(names, in: target) {
        case .failure(let problem): return .failure(problem)
        case .success(let values): parameters = values
        }
        let q: String
        switch requiredQ(parameters) {
        case .failure(let problem): return .failure(problem)
        case .success(let value): q = value
        }
        let code = parameters["lang"]?.last ?? "en"
        guard let locale = EmojiLocale(code) else {
            return .failure(
                ValidationProblem(
                    type: "value_error", loc: ["query", "lang"],
                    msg: "Value error, unknown language '\(code)'; GET /emoji/languages lists them", input: code))
        }
        var request = EmojiRequest(q: q, locale: locale, prefix: false, tones: false)
        for (name, flag) in [("prefix", \EmojiRequest.prefix), ("tones", \EmojiRequest.tones)] where options {
            switch booleanValue(name, parameters[name] ?? []) {
            case .failure(let problem): return .failure(problem)
            case .success(let value): request[keyPath: flag] = value
            }
        }
        return .success(request)
    }
}
