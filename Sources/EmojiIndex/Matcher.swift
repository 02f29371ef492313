/// What one entry's text says about the query: which query words its name
/// holds, which its name or keywords hold, whether its name is the query.
struct Masks {
    var name: UInt64 = 0
    var all: UInt64 = 0
    var equal = false

    /// 0 for a name equal to the query, 1 for a name with every word, 2 for
    /// a match through keywords, nil for no match.
    func tier(full: UInt64) -> Int? {
        if equal { return 0 }
        if name == full { return 1 }
        return all == full ? 2 : nil
    }
}

/// The query's folded words, matched against names and keyword words.
struct Matcher {
    let query: FoldedWords
    let prefix: Bool
    /// Every query word's bit.
    let full: UInt64
    private var scratch = FoldedWords()

    init(query: FoldedWords, prefix: Bool) {
        self.query = query
        self.prefix = prefix
        full = query.count == 64 ? ~0 : (1 << UInt64(query.count)) - 1
    }

    /// The bits of the query words that `word` is (or, for the last word
    /// with `prefix`, starts with).
    func bits(_ word: some Collection<UInt8>) -> UInt64 {
        var bits: UInt64 = 0
        for index in 0..<query.count where matches(index, word) { bits |= 1 << UInt64(index) }
        return bits
    }

    private func matches(_ index: Int, _ word: some Collection<UInt8>) -> Bool {
        let wanted = query.word(index)
        return prefix && index == query.count - 1 ? word.starts(with: wanted) : word.elementsEqual(wanted)
    }

    /// The masks of a name and its keyword words (folded, space-separated).
    mutating func masks(name: UnsafeBufferPointer<UInt8>, keywords: UnsafeBufferPointer<UInt8>) -> Masks {
        var masks = Masks()
        let nameMayMatch = mayHoldAQueryWord(name, folded: false)
        // Most entries of a search hold no query word anywhere: done before any split.
        guard nameMayMatch || mayHoldAQueryWord(keywords, folded: true) else { return masks }
        if nameMayMatch {
            scratch.removeAll()
            scratch.append(name)
            for index in 0..<scratch.count { masks.name |= bits(scratch.word(index)) }
        }
        masks.all = masks.name
        var start = 0
        for end in 0...keywords.count where end == keywords.count || keywords[end] == UInt8(ascii: " ") {
            if end > start { masks.all |= bits(keywords[start..<end]) }
            start = end + 1
        }
        masks.equal = nameMayMatch && masks.name == full && isQuery(scratch)
        return masks
    }

    /// False when `text` is ASCII and no query word is in it, even as part
    /// of a word, once folded (`folded`: it already is). Plain loops over
    /// the query's bytes: it runs for every entry of a search.
    private func mayHoldAQueryWord(_ text: UnsafeBufferPointer<UInt8>, folded: Bool) -> Bool {
        if !folded {
            for byte in text where byte >= 0x80 { return true }
        }
        return query.bytes.withUnsafeBufferPointer { bytes in
            var start = 0
            for end in query.ends {
                if Self.contains(text, UnsafeBufferPointer(rebasing: bytes[start..<end]), folded: folded) {
                    return true
                }
                start = end
            }
            return false
        }
    }

    private static func contains(_ text: UnsafeBufferPointer<UInt8>, _ word: UnsafeBufferPointer<UInt8>, folded: Bool)
        -> Bool
    {
        guard let first = word.first, word.count <= text.count else { return false }
        let last = text.count - word.count
        if folded {
            // Folded text holds the first byte as it is: memchr jumps to each candidate.
            var start = 0
            while start <= last, let found = text.first(first, in: start..<last + 1) {
                if (1..<word.count).allSatisfy({ text[found + $0] == word[$0] }) { return true }
                start = found + 1
            }
            return false
        }
        return FoldedWords.ascii.withUnsafeBufferPointer { ascii in
            for start in 0...last where ascii[Int(text[start])] == first {
                var offset = 1
                while offset < word.count, ascii[Int(text[start + offset])] == word[offset] { offset += 1 }
                if offset == word.count { return true }
            }
            return false
        }
    }

    /// The masks of a name without keywords: a derived variant's, whose
    /// keywords are its base's and its tones'.
    mutating func masks(name: String) -> Masks {
        var name = name
        return name.withUTF8 { masks(name: $0, keywords: UnsafeBufferPointer(start: nil, count: 0)) }
    }

    /// The name mask of a tone's name or a separator.
    mutating func nameMask(of text: String) -> UInt64 { masks(name: text).name }

    /// Whether `words` are the query's words in order (the last a prefix, with `prefix`).
    private func isQuery(_ words: FoldedWords) -> Bool {
        words.count == query.count && (0..<query.count).allSatisfy { matches($0, words.word($0)) }
    }
}
