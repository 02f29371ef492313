/// The index's storage: one text line per word, `WORD payload\n`, sorted by
/// word, where the payload lists the word's code-point ranges as base-32
/// varints (gap since the previous range, then length − 1).
///
/// After the words come the short-prefix lines, `~P payload\n`: for each
/// one- or two-letter prefix P of a word, the union of the sets of every word
/// starting with P. A one-letter prefix starts up to 2,053 words, and merging
/// their sets at every query made prefix search 17 to 53 times slower than
/// exact search. `~` sorts after every character of a name (names are ASCII),
/// so the words stay one sorted run.
///
/// Text rather than binary so that the build-time generator can embed it in a
/// Swift string literal, which the compiler reads in milliseconds, where an
/// array literal of the same size would take minutes to type-check.
///
/// Two ways to read it. As loaded, nothing is copied or decoded: a lookup is
/// a binary search over the text's bytes and decodes one line, which is all
/// a one-query process such as `mojifinder cat face` needs (copying the
/// 540 kB table and indexing its lines was a fifth of that process).
/// `preloaded()` decodes every line once, for a server, where decoding each
/// word's line again at every query was most of the search's cost.
struct CompactTable: Sendable {
    private let text: TableText
    /// Where the short-prefix lines start: the end of the word lines.
    private let wordsEnd: Int
    /// Every line decoded, when preloaded.
    private let decoded: Decoded?

    private struct Decoded {
        /// Each word's set.
        var words: [String: ScalarSet] = [:]
        /// The set of each short prefix, keyed without its `~`.
        var prefixes: [String: ScalarSet] = [:]
    }

    /// Starts the key of a short-prefix line.
    static let prefixMarker = UInt8(ascii: "~")
    /// Prefixes up to this many letters have a line of their own.
    static let shortPrefixLength = 2

    /// A table read in place from the bytes of a string literal.
    init(static literal: StaticString) {
        self.init(text: TableText(literal))
    }

    /// A table over a copy of `encoded`.
    init(encoded: some Collection<UInt8>) {
        self.init(text: TableText(copying: encoded))
    }

    private init(text: TableText, decoded: Decoded? = nil) {
        self.text = text
        self.decoded = decoded
        wordsEnd = [Self.prefixMarker].withUnsafeBufferPointer { text.firstLine(notBelow: $0, in: 0..<text.count) }
    }

    /// This table with every line decoded, so that a lookup only finds a set.
    func preloaded() -> CompactTable {
        var decoded = Decoded()
        var line = 0
        while line < text.count {
            let (key, payload, next) = text.split(lineAt: line)
            if line < wordsEnd {
                decoded.words[text.string(key)] = text.decode(payload)
            } else {
                decoded.prefixes[text.string(key.dropFirst())] = text.decode(payload)
            }
            line = next
        }
        return CompactTable(text: text, decoded: decoded)
    }

    /// The number of word lines: counted in the text unless preloaded, so
    /// that reading the table in place costs nothing up front.
    var wordCount: Int { decoded?.words.count ?? text.lineCount(in: 0..<wordsEnd) }

    /// The set for `word`, which must already be an index word (uppercased).
    func entries(_ word: String) -> ScalarSet {
        if let decoded { return decoded.words[word] ?? ScalarSet() }
        var word = word
        return word.withUTF8 { key in
            guard let payload = text.find(key, in: 0..<wordsEnd) else { return ScalarSet() }
            return text.decode(payload)
        }
    }

    /// The union of the sets of every word starting with `prefix` (an index
    /// word, uppercased): one precomputed set for a prefix of one or two
    /// letters, else the union over the run of the sorted table that the
    /// prefix starts, found by binary search.
    func entries(prefix: String) -> ScalarSet {
        let isShort = (1...Self.shortPrefixLength).contains(prefix.utf8.count)
        if isShort, let decoded, let set = decoded.prefixes[prefix] { return set }
        var prefix = prefix
        return prefix.withUTF8 { key in
            if isShort, decoded == nil {
                let lineKey = [Self.prefixMarker] + key
                let payload = lineKey.withUnsafeBufferPointer { text.find($0, in: wordsEnd..<text.count) }
                if let payload { return text.decode(payload) }
            }
            // Also reached when no word has a short prefix, at the cost of one binary search.
            return union(ofWordsStartingWith: key)
        }
    }

    private func union(ofWordsStartingWith key: UnsafeBufferPointer<UInt8>) -> ScalarSet {
        var runs: [CodePointRun] = []
        var line = text.firstLine(notBelow: key, in: 0..<wordsEnd)
        while line < wordsEnd {
            let (word, payload, next) = text.split(lineAt: line)
            guard text.bytes[word].starts(with: key) else { break }
            text.decode(payload, into: &runs)
            line = next
        }
        return ScalarSet(merging: runs)
    }

    /// Every word with its set, in word order (for tests and tools).
    func allEntries() -> [(word: String, set: ScalarSet)] {
        var entries: [(word: String, set: ScalarSet)] = []
        var line = 0
        while line < wordsEnd {
            let (word, payload, next) = text.split(lineAt: line)
            entries.append((text.string(word), text.decode(payload)))
            line = next
        }
        return entries
    }

    /// Encodes word sets into the table's text form: the words in order, then
    /// the short-prefix lines.
    static func encode(_ entries: [(word: String, set: ScalarSet)]) -> String {
        var prefixRuns: [String: [CodePointRun]] = [:]
        for (word, set) in entries {
            for length in 1...shortPrefixLength where length <= word.utf8.count {
                let key = String(decoding: [prefixMarker] + word.utf8.prefix(length), as: UTF8.self)
                prefixRuns[key, default: []] += set.runs
            }
        }
        let prefixLines = prefixRuns.map { (word: $0.key, set: ScalarSet(merging: $0.value)) }
        var out: [UInt8] = []
        for (word, set) in (entries + prefixLines).sorted(by: { $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) })
        {
            out.append(contentsOf: word.utf8)
            out.append(UInt8(ascii: " "))
            var next: UInt32 = 0
            for run in set.runs {
                VarintAlphabet.append(run.first - next, to: &out)
                VarintAlphabet.append(run.last - run.first, to: &out)
                next = run.last + 2
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }
}
