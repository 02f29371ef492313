/// Maps each word of the Unicode character names to the characters whose
/// names contain it, and answers queries by intersecting those sets.
///
/// A value type with immutable storage, so one index can be shared by every
/// task of a server without locks.
public struct InvertedIndex: Sendable {
    /// The scalars the chapter's index covers: U+0020 through U+10FFFF.
    public static let fullRange: ClosedRange<UInt32> = 0x20...0x10FFFF

    /// The code points this index answers for.
    public let range: ClosedRange<UInt32>
    private let table: CompactTable

    /// Builds the index by asking the standard library for each scalar's name,
    /// as the chapter's `InvertedIndex.__init__` does. This takes a few hundred
    /// milliseconds over the full range; `InvertedIndex.unicode` (target
    /// `CharIndexData`) is the same index precomputed at build time.
    public init(names range: ClosedRange<UInt32> = InvertedIndex.fullRange) {
        self.init(encoded: Array(Self.encodeNames(in: range).utf8), range: range)
    }

    /// An index over a table made by `encodeNames(in: range)`.
    public init(encoded: some Collection<UInt8>, range: ClosedRange<UInt32> = InvertedIndex.fullRange) {
        self.init(table: CompactTable(encoded: encoded), range: range)
    }

    /// An index over a table made by `encodeNames(in:)` and embedded as a
    /// string literal, read in place: nothing is copied or decoded until a
    /// query needs it, which suits a process that answers one query.
    public init(embedded table: StaticString) {
        self.init(table: CompactTable(static: table), range: Self.fullRange)
    }

    /// This index with every word's set decoded once, now: a few milliseconds
    /// and about 3 MB, after which a query only finds and intersects sets.
    /// For a server.
    public func preloaded() -> InvertedIndex {
        InvertedIndex(table: table.preloaded(), range: range)
    }

    private init(table: CompactTable, range: ClosedRange<UInt32>) {
        self.range = range
        self.table = table
    }

    /// How many distinct words the table holds (before range restriction).
    public var wordCount: Int { table.wordCount }

    /// The characters whose names contain `word`.
    public func entries(_ word: String) -> ScalarSet {
        let word = word.uppercased()
        return table.entries(word).union(Self.selfNamed(word, in: range))
    }

    /// The characters with a name word starting with `prefix`, among `within`
    /// when given. A word is its own prefix, so `selfNamed` counts too.
    public func entries(prefix: String, within: ScalarSet? = nil) -> ScalarSet {
        let prefix = prefix.uppercased()
        let found = table.entries(prefix: prefix).union(Self.selfNamed(prefix, in: range))
        return within.map { $0.intersection(found) } ?? found
    }

    /// The characters whose names contain every word of `query`, in
    /// code-point order. An empty query finds nothing.
    public func search(_ query: String) -> [Unicode.Scalar] {
        Array(search(words: tokenize(query), prefix: nil).scalars)
    }

    /// The answer to `query`: its literal characters and code points in
    /// query order, then the characters whose names match its words, in
    /// code-point order. Every front end answers through this.
    public func search(_ query: Query) -> SearchAnswer {
        guard !query.words.isEmpty || query.prefix != nil else { return SearchAnswer(listed: query.listed) }
        return SearchAnswer(listed: query.listed, found: search(words: query.words, prefix: query.prefix))
    }

    private func search(words: [String], prefix: String?) -> ScalarSet {
        var result: ScalarSet?
        for word in words {
            let found = entries(word)
            result = result.map { $0.intersection(found) } ?? found
            if result?.isEmpty == true { return ScalarSet() }
        }
        guard let prefix else { return result ?? ScalarSet() }
        return entries(prefix: prefix, within: result)
    }

    /// Every word with its characters, in word order.
    public func allEntries() -> [(word: String, set: ScalarSet)] {
        table.allEntries()
    }
}

extension InvertedIndex {
    /// The table text for every named scalar in `range`: the chapter's
    /// algorithm, run by the build-time generator, plus the set of each one-
    /// and two-letter prefix (see `CompactTable`).
    ///
    /// Names such as `CJK UNIFIED IDEOGRAPH-4E00` end in their own code point.
    /// That word belongs to exactly one character, and 110,000 of them would
    /// triple the table, so they are left out here and recomputed on lookup
    /// by `selfNamed`.
    public static func encodeNames(in range: ClosedRange<UInt32>) -> String {
        var words: [String: [UInt32]] = [:]
        for value in range {
            guard let name = Unicode.Scalar(value)?.properties.name else { continue }
            let ownHex = hex(value)
            var seen = Set<String>()
            for word in tokenize(name) where word != ownHex && seen.insert(word).inserted {
                words[word, default: []].append(value)
            }
        }
        return CompactTable.encode(words.map { ($0.key, ScalarSet(ascending: $0.value)) })
    }

    /// The one character, if any, whose name contains `word` as its own code point.
    static func selfNamed(_ word: String, in range: ClosedRange<UInt32>) -> ScalarSet {
        guard (4...6).contains(word.utf8.count), let value = UInt32(word, radix: 16),
            range.contains(value), hex(value) == word,
            let name = Unicode.Scalar(value)?.properties.name,
            tokenize(name).contains(word)
        else { return ScalarSet() }
        return ScalarSet(ascending: [value])
    }

    /// At least four uppercase hex digits, as in `U+0041` and in names.
    public static func hex(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: true)
        return digits.count >= 4 ? digits : String(repeating: "0", count: 4 - digits.count) + digits
    }
}
