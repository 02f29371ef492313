/// The bytes of a `CompactTable`, read where they are, and the reading of
/// its lines: finding one by key, splitting it, decoding its payload.
///
/// Every scan stops at the end of the text, so a malformed table gives wrong
/// sets, never a read out of bounds.
// @unchecked Sendable: `bytes` is never written after `init`, so threads only
// ever read it. It points either into a string literal, which lives as long as
// the process, or into memory that `storage` owns and frees only in its
// `deinit`, once no copy of this value can reach it.
struct TableText: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    private let storage: Storage?

    private final class Storage {
        let bytes: UnsafeMutableBufferPointer<UInt8>
        init(_ bytes: UnsafeMutableBufferPointer<UInt8>) { self.bytes = bytes }
        deinit { bytes.deallocate() }
    }

    private static let newline = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")

    /// The bytes of `literal`, in place: nothing is copied.
    init(_ literal: StaticString) {
        if literal.hasPointerRepresentation {
            self.init(
                bytes: UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount), storage: nil)
        } else {
            self.init(copying: literal.description.utf8)
        }
    }

    init(copying encoded: some Collection<UInt8>) {
        let owned = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: encoded.count)
        _ = owned.initialize(from: encoded)
        self.init(bytes: UnsafeBufferPointer(owned), storage: Storage(owned))
    }

    private init(bytes: UnsafeBufferPointer<UInt8>, storage: Storage?) {
        self.bytes = bytes
        self.storage = storage
    }

    var count: Int { bytes.count }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// How many lines start in `lines`, a range from one line start to another.
    func lineCount(in lines: Range<Int>) -> Int {
        bytes[lines].reduce(0) { $0 + ($1 == Self.newline ? 1 : 0) }
    }

    /// The key and payload of the line starting at `start`, and where the next line starts.
    func split(lineAt start: Int) -> (key: Range<Int>, payload: Range<Int>, next: Int) {
        let keyEnd = self.keyEnd(lineAt: start)
        let end = lineEnd(from: keyEnd)
        return (start..<keyEnd, min(keyEnd + 1, end)..<end, min(end + 1, bytes.count))
    }

    /// The newline at or after `position` (or the end of the text).
    private func lineEnd(from position: Int) -> Int {
        var end = position
        while end < bytes.count, bytes[end] != Self.newline { end += 1 }
        return end
    }

    private func keyEnd(lineAt start: Int) -> Int {
        var end = start
        while end < bytes.count, bytes[end] != Self.space, bytes[end] != Self.newline { end += 1 }
        return end
    }

    /// The start of the first line in `lines` whose key is not below `key`,
    /// or `lines.upperBound`. `lines` runs from one line start to another.
    /// A binary search over the bytes: from the middle byte, back to the
    /// start of its line (lines average 23 bytes).
    func firstLine(notBelow key: UnsafeBufferPointer<UInt8>, in lines: Range<Int>) -> Int {
        var low = lines.lowerBound
        var high = lines.upperBound
        while low < high {
            var start = (low + high) / 2
            while start > low, bytes[start - 1] != Self.newline { start -= 1 }
            let keyEnd = self.keyEnd(lineAt: start)
            if compare(start..<keyEnd, key) == .less {
                low = min(lineEnd(from: keyEnd) + 1, bytes.count)
            } else {
                high = start
            }
        }
        return low
    }

    /// The payload of the line in `lines` whose key is `key`.
    func find(_ key: UnsafeBufferPointer<UInt8>, in lines: Range<Int>) -> Range<Int>? {
        let line = firstLine(notBelow: key, in: lines)
        guard line < lines.upperBound else { return nil }
        let (found, payload, _) = split(lineAt: line)
        return compare(found, key) == .equal ? payload : nil
    }

    enum Order { case less, equal, greater }

    func compare(_ range: Range<Int>, _ key: UnsafeBufferPointer<UInt8>) -> Order {
        for (x, y) in zip(bytes[range], key) where x != y { return x < y ? .less : .greater }
        return range.count == key.count ? .equal : (range.count < key.count ? .less : .greater)
    }

    func decode(_ payload: Range<Int>) -> ScalarSet {
        var runs: [CodePointRun] = []
        decode(payload, into: &runs)
        return ScalarSet(runs: runs)
    }

    /// Appends the runs of `payload` to `runs`.
    func decode(_ payload: Range<Int>, into runs: inout [CodePointRun]) {
        var position = payload.lowerBound
        var next: UInt32 = 0
        func varint() -> UInt32 {
            var value: UInt32 = 0
            while position < payload.upperBound {
                let digit = VarintAlphabet.decode[Int(bytes[position])]
                position += 1
                value = value << 5 | UInt32(digit & 31)
                if digit & 32 == 0 { break }
            }
            return value
        }
        while position < payload.upperBound {
            let start = next &+ varint()
            let end = start &+ varint()
            guard start <= end else { return }
            runs.append(CodePointRun(start, end))
            next = end &+ 2  // runs are never adjacent, so the smallest gap is 1
        }
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
