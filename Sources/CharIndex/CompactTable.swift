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
struct CompactTable: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int32]
    /// The number of word lines; the short-prefix lines follow them.
    private(set) var wordCount = 0
    /// The one-letter prefix sets, indexed by the letter's byte, decoded once
    /// here rather than at each query: they are the largest (up to 2,400
    /// ranges), and a search as you type meets them first.
    private var oneLetterSets: [ScalarSet?] = []

    /// Starts the key of a short-prefix line.
    static let prefixMarker = UInt8(ascii: "~")
    /// Prefixes up to this many letters have a line of their own.
    static let shortPrefixLength = 2

    init(encoded: some Collection<UInt8>) {
        bytes = Array(encoded)
        let starts = bytes.withUnsafeBufferPointer(Self.lineStarts)
        lineStarts = starts
        wordCount = [Self.prefixMarker].withUnsafeBufferPointer { firstLine(notBelow: $0, in: 0..<starts.count) }
        var sets = [ScalarSet?](repeating: nil, count: 256)
        for line in wordCount..<starts.count {
            let (key, payload) = split(line: line)
            // `~X`, the line of the one-letter prefix X.
            if key.count == 2 { sets[Int(bytes[key.upperBound - 1])] = decode(payload) }
        }
        oneLetterSets = sets
    }

    /// Where each line of `text` starts. A plain loop over the buffer, which
    /// the optimizer keeps free of per-byte checks: this scan of 540 kB was
    /// the largest part of loading the index in a `mojifinder cat face` process.
    private static func lineStarts(_ text: UnsafeBufferPointer<UInt8>) -> [Int32] {
        guard !text.isEmpty else { return [] }
        var starts: [Int32] = [0]
        starts.reserveCapacity(text.count / 16)
        for offset in 0..<(text.count - 1) where text[offset] == UInt8(ascii: "\n") {
            starts.append(Int32(offset + 1))
        }
        return starts
    }

    private var wordLines: Range<Int> { 0..<wordCount }

    /// The set for `word`, which must already be an index word (uppercased).
    func entries(_ word: String) -> ScalarSet {
        var word = word
        return word.withUTF8 { key in
            guard let payload = find(key, in: wordLines) else { return ScalarSet() }
            return decode(payload)
        }
    }

    /// The union of the sets of every word starting with `prefix` (an index
    /// word, uppercased): one precomputed set for a prefix of one or two
    /// letters, else the union over the run of the sorted table that the
    /// prefix starts, found by binary search.
    func entries(prefix: String) -> ScalarSet {
        var prefix = prefix
        return prefix.withUTF8 { key in
            if key.count == 1, let set = oneLetterSets[Int(key[0])] { return set }
            if (1...Self.shortPrefixLength).contains(key.count) {
                let lineKey = [Self.prefixMarker] + key
                let payload = lineKey.withUnsafeBufferPointer { find($0, in: wordCount..<lineStarts.count) }
                if let payload { return decode(payload) }
            }
            // Also reached when no word has a short prefix, at the cost of one binary search.
            return union(ofWordsStartingWith: key)
        }
    }

    private func union(ofWordsStartingWith key: UnsafeBufferPointer<UInt8>) -> ScalarSet {
        var ranges: [ClosedRange<UInt32>] = []
        var line = firstLine(notBelow: key, in: wordLines)
        while line < wordCount {
            let (word, payload) = split(line: line)
            guard bytes[word].starts(with: key) else { break }
            decode(payload, into: &ranges)
            line += 1
        }
        return ScalarSet(merging: ranges)
    }

    /// The first line in `lines` whose key is not below `key`.
    private func firstLine(notBelow key: UnsafeBufferPointer<UInt8>, in lines: Range<Int>) -> Int {
        var low = lines.lowerBound
        var high = lines.upperBound
        while low < high {
            let mid = (low + high) / 2
            if compare(bytes[split(line: mid).word], key) == .less { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Every word with its set, in word order (for tests and tools).
    func allEntries() -> [(word: String, set: ScalarSet)] {
        wordLines.map { line in
            let (word, payload) = split(line: line)
            return (String(decoding: bytes[word], as: UTF8.self), decode(payload))
        }
    }

    private func split(line: Int) -> (word: Range<Int>, payload: Range<Int>) {
        let start = Int(lineStarts[line])
        let end = line + 1 < lineStarts.count ? Int(lineStarts[line + 1]) - 1 : bytes.count - 1
        var space = start
        while bytes[space] != UInt8(ascii: " ") { space += 1 }
        return (start..<space, (space + 1)..<end)
    }

    private func find(_ key: UnsafeBufferPointer<UInt8>, in lines: Range<Int>) -> Range<Int>? {
        let line = firstLine(notBelow: key, in: lines)
        guard line < lines.upperBound else { return nil }
        let (word, payload) = split(line: line)
        return compare(bytes[word], key) == .equal ? payload : nil
    }

    private enum Order { case less, equal, greater }

    private func compare(_ a: ArraySlice<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Order {
        for (x, y) in zip(a, b) where x != y { return x < y ? .less : .greater }
        return a.count == b.count ? .equal : (a.count < b.count ? .less : .greater)
    }

    private func decode(_ payload: Range<Int>) -> ScalarSet {
        var ranges: [ClosedRange<UInt32>] = []
        decode(payload, into: &ranges)
        return ScalarSet(ranges: ranges)
    }

    /// Appends the ranges of `payload` to `ranges`.
    private func decode(_ payload: Range<Int>, into ranges: inout [ClosedRange<UInt32>]) {
        var position = payload.lowerBound
        var next: UInt32 = 0
        func varint() -> UInt32 {
            var value: UInt32 = 0
            while true {
                let digit = VarintAlphabet.decode[Int(bytes[position])]
                position += 1
                value = value << 5 | UInt32(digit & 31)
                if digit & 32 == 0 { return value }
            }
        }
        while position < payload.upperBound {
            let start = next + varint()
            let end = start + varint()
            ranges.append(start...end)
            next = end + 2  // ranges are never adjacent, so the smallest gap is 1
        }
    }

    /// Encodes word sets into the table's text form: the words in order, then
    /// the short-prefix lines.
    static func encode(_ entries: [(word: String, set: ScalarSet)]) -> String {
        var prefixRanges: [String: [ClosedRange<UInt32>]] = [:]
        for (word, set) in entries {
            for length in 1...shortPrefixLength where length <= word.utf8.count {
                let key = String(decoding: [prefixMarker] + word.utf8.prefix(length), as: UTF8.self)
                prefixRanges[key, default: []] += set.ranges
            }
        }
        let prefixLines = prefixRanges.map { (word: $0.key, set: ScalarSet(merging: $0.value)) }
        var out: [UInt8] = []
        for (word, set) in (entries + prefixLines).sorted(by: { $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) })
        {
            out.append(contentsOf: word.utf8)
            out.append(UInt8(ascii: " "))
            var next: UInt32 = 0
            for range in set.ranges {
                VarintAlphabet.append(range.lowerBound - next, to: &out)
                VarintAlphabet.append(range.upperBound - range.lowerBound, to: &out)
                next = range.upperBound + 2
            }
            out.append(UInt8(ascii: "\n"))
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Base-32 digits, most significant first: the last digit of a number comes
/// from one alphabet, the others from a second. Neither contains a quote,
/// backslash, `#`, space or newline, so the text is safe in a raw string literal.
enum VarintAlphabet {
    static let last = Array("abcdefghijklmnopqrstuvwxyz012345".utf8)
    static let more = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ6789+/".utf8)

    /// Byte → digit value, with bit 5 set for a digit that is not the last.
    static let decode: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 256)
        for (value, byte) in last.enumerated() { table[Int(byte)] = UInt8(value) }
        for (value, byte) in more.enumerated() { table[Int(byte)] = UInt8(value) | 32 }
        return table
    }()

    static func append(_ value: UInt32, to out: inout [UInt8]) {
        var digits: [UInt8] = [last[Int(value & 31)]]
        var rest = value >> 5
        while rest > 0 {
            digits.append(more[Int(rest & 31)])
            rest >>= 5
        }
        out.append(contentsOf: digits.reversed())
    }
}
