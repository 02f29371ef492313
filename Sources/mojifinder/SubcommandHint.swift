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

    /// Optimal string alignment distance (Levenshtein with adjacent
    /// transpositions, so `tpc` is one edit from `tcp`), for words of a few letters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
