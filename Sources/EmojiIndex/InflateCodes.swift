/// The bits of a DEFLATE stream, least significant first, read through a
/// 64-bit buffer; nil once the input runs out.
struct BitReader {
    let input: UnsafeBufferPointer<UInt8>
    private var position = 0
    private var buffer: UInt64 = 0
    private var available = 0

    init(input: UnsafeBufferPointer<UInt8>) { self.input = input }

    /// The next `count` bits (0...16) as a number.
    mutating func bits(_ count: Int) -> Int? {
        while available < count {
            guard position < input.count else { return nil }
            buffer |= UInt64(input[position]) << UInt64(available)
            position += 1
            available += 8
        }
        let value = Int(buffer & ((1 << UInt64(count)) - 1))
        buffer >>= UInt64(count)
        available -= count
        return value
    }

    /// Drops the bits left in the current byte (a stored block starts on a byte).
    mutating func alignToByte() {
        let drop = available % 8
        buffer >>= UInt64(drop)
        available -= drop
    }
}

/// A canonical Huffman code, decoded as `puff.c` does: bit by bit, comparing
/// against the first code of each length. Codes up to 9 bits long, most of
/// a literal table, are decoded in one look-up of `fast` instead.
struct Huffman: Sendable {
    /// How many codes have each length, 0...15.
    private let counts: [Int]
    /// The symbols in code order.
    private let symbols: [Int]
    /// For each 9-bit input (first bit lowest): the symbol and code length, or 0 when longer.
    private let fast: [UInt32]
    private static let fastBits = 9

    static let empty = Huffman(counts: [Int](repeating: 0, count: 16), symbols: [], fast: [])

    private init(counts: [Int], symbols: [Int], fast: [UInt32]) {
        (self.counts, self.symbols, self.fast) = (counts, symbols, fast)
    }

    /// The code with these lengths per symbol, or nil when it is over-subscribed.
    init?(_ lengths: ArraySlice<UInt8>) {
        var counts = [Int](repeating: 0, count: 16)
        for length in lengths { counts[Int(length & 15)] += 1 }
        var left = 1
        for length in 1...15 {
            left = left * 2 - counts[length]
            if left < 0 { return nil }
        }
        var offsets = [Int](repeating: 0, count: 16)
        for length in 1..<15 { offsets[length + 1] = offsets[length] + counts[length] }
        var symbols = [Int](repeating: 0, count: lengths.count)
        for (symbol, length) in lengths.enumerated() where length != 0 {
            symbols[offsets[Int(length & 15)]] = symbol
            offsets[Int(length & 15)] += 1
        }
        counts[0] = 0
        self.init(counts: counts, symbols: symbols, fast: Self.fastTable(counts: counts, symbols: symbols))
    }

    /// Walks every code of up to `fastBits` bits and fills the entries it prefixes.
    private static func fastTable(counts: [Int], symbols: [Int]) -> [UInt32] {
        var fast = [UInt32](repeating: 0, count: 1 << fastBits)
        var code = 0
        var index = 0
        for length in 1...fastBits {
            for _ in 0..<counts[length] {
                // Codes are sent first bit first: the table index is the code reversed.
                var reversed = 0
                for bit in 0..<length where code & (1 << (length - 1 - bit)) != 0 { reversed |= 1 << bit }
                var entry = reversed
                while entry < fast.count {
                    fast[entry] = UInt32(symbols[index]) << 4 | UInt32(length)
                    entry += 1 << length
                }
                code += 1
                index += 1
            }
            code <<= 1
        }
        return fast
    }

    func decode(_ reader: inout BitReader) -> Int? {
        if let peek = reader.peek(Self.fastBits), !fast.isEmpty {
            let entry = fast[peek]
            if entry != 0 {
                _ = reader.bits(Int(entry & 15))
                return Int(entry >> 4)
            }
        }
        var code = 0
        var first = 0
        var index = 0
        for length in 1...15 {
            guard let bit = reader.bits(1) else { return nil }
            code |= bit
            let count = counts[length]
            if code - first < count {
                return symbols.indices.contains(index + code - first) ? symbols[index + code - first] : nil
            }
            index += count
            first = (first + count) << 1
            code <<= 1
        }
        return nil
    }
}

extension BitReader {
    /// The next `count` bits without consuming them, or nil near the end of the input.
    mutating func peek(_ count: Int) -> Int? {
        var copy = self
        return copy.bits(count)
    }
}
