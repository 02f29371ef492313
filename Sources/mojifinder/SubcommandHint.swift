/// A search for one word that finds nothing, where the word looks like a
/// subcommand mistyped or named otherwise (`webb`, `serve`), gets a hint on
/// stderr: the search itself and its status line stay as they are.
enum SubcommandHint {
    static let subcommands = ["search", "identify", "web", "tcp"]
    /// Words people use for a subcommand.
    static let synonyms = [
        "serve": "web", "server": "web", "http": "web", "www": "web", "html": "web", "page": "web",
        "telnet": "tcp", "nc": "tcp", "netcat": "tcp", "socket": "tcp",
        "find": "search", "lookup": "search", "name": "identify", "what": "identify", "id": "identify",
    ]

    static func hint(for words: [String]) -> String? {
        guard words.count == 1, let word = words.first?.lowercased() else { return nil }
        let meant =
            synonyms[word]
            ?? subcommands.first { $0 != word && editDistance($0, word) <= (word.count > 4 ? 2 : 1) }
        return meant.map { "No character name has '\(word)'. Did you mean `mojifinder \($0)`? (mojifinder --help)" }
    }

    /// Levenshtein distance, for words of a few letters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
