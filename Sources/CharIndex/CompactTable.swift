/// The index's storage: one text line per word, `WORD payload\n`, sorted by
/// word, where the payload lists the word's code-point ranges as base-32
/// varints (gap since the previous range, then length − 1).
///
/// Text rather than binary so that the build-time generator can embed it in a
/// Swift string literal, which the compiler reads in milliseconds, where an
/// array literal of the same size would take minutes to type-check.
struct CompactTable: Sendable {
    private let bytes: [UInt8]
    private let lineStarts: [Int32]

    init(encoded: some Collection<UInt8>) {
        bytes = Array(encoded)
        var starts: [Int32] = []
        starts.reserveCapacity(bytes.count / 8)
        var atLineStart = true
        for (offset, byte) in bytes.enumerated() {
            if atLineStart { starts.append(Int32(offset)) }
            atLineStart = byte == UInt8(ascii: "\n")
        }
        lineStarts = starts
    }

    var wordCount: Int { lineStarts.count }

    /// The set for `word`, which must already be an index word (uppercased).
    func entries(_ word: String) -> ScalarSet {
        var word = word
        return word.withUTF8 { key in
            guard let payload = find(key) else { return ScalarSet() }
            return decode(payload)
        }
    }

    /// The union of the sets of every word starting with `prefix` (an index
    /// word, uppercased), each first intersected with `within` when given.
    /// The words form one run of the sorted table, found by binary search.
    func entries(prefix: String, within: ScalarSet?) -> ScalarSet {
        var prefix = prefix
        return prefix.withUTF8 { key in
            var ranges: [ClosedRange<UInt32>] = []
            var line = firstLine(notBelow: key)
            while line < lineStarts.count {
                let (word, payload) = split(line: line)
                guard bytes[word].starts(with: key) else { break }
                let set = decode(payload)
                ranges += (within.map { set.intersection($0) } ?? set).ranges
                line += 1
            }
            // One sort and merge instead of a union per word.
            ranges.sort { $0.lowerBound < $1.lowerBound }
            var result = ScalarSet()
            for range in ranges { result.appendAscending(range) }
            return result
        }
    }

    /// The first line whose word is not below `key`.
    private func firstLine(notBelow key: UnsafeBufferPointer<UInt8>) -> Int {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            if compare(bytes[split(line: mid).word], key) == .less { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Every word with its set, in word order (for tests and tools).
    func allEntries() -> [(word: String, set: ScalarSet)] {
        lineStarts.indices.map { line in
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

    private func find(_ key: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var low = 0
        var high = lineStarts.count
        while low < high {
            let mid = (low + high) / 2
            let (word, payload) = split(line: mid)
            switch compare(bytes[word], key) {
            case .equal: return payload
            case .less: low = mid + 1
            case .greater: high = mid
            }
        }
        return nil
    }

    private enum Order { case less, equal, greater }

    private func compare(_ a: ArraySlice<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Order {
        for (x, y) in zip(a, b) where x != y { return x < y ? .less : .greater }
        return a.count == b.count ? .equal : (a.count < b.count ? .less : .greater)
    }

    private func decode(_ payload: Range<Int>) -> ScalarSet {
        var ranges: [ClosedRange<UInt32>] = []
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
        return ScalarSet(ranges: ranges)
    }

    /// Encodes sorted word sets into the table's text form.
    static func encode(_ entries: [(word: String, set: ScalarSet)]) -> String {
        var out: [UInt8] = []
        for (word, set) in entries.sorted(by: { $0.word.utf8.lexicographicallyPrecedes($1.word.utf8) }) {
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
