/// A raw DEFLATE (RFC 1951) decoder, for the locale blocks that
/// scripts/gen-emoji-data packs with Python's zlib: the text of every
/// language is 12 MB, packed 2.7 MB. Written after zlib's `puff.c`, with a
/// look-up table for short codes: careful rather than fast, yet about 0.7 ms
/// (base64 included) for Japanese, 89 kB unpacked.
///
/// Input is untrusted in the sense that matters (Fuzz/emoji-data): every read
/// is bounds-checked, and the output may not exceed the size the locale
/// directory gives, so a corrupt stream returns nil, never traps or grows.
enum Inflate {
    /// The largest block is 0.3 MB: a size far beyond is corruption, not worth the memory.
    static let maximumSize = 1 << 24

    /// The bytes `input` decodes to, or nil unless it is a complete stream of exactly `size` bytes.
    static func decompress(_ input: UnsafeBufferPointer<UInt8>, size: Int) -> [UInt8]? {
        guard (0...maximumSize).contains(size) else { return nil }
        var reader = BitReader(input: input)
        var out: [UInt8] = []
        out.reserveCapacity(size)
        var last = false
        while !last {
            guard let final = reader.bits(1), let type = reader.bits(2) else { return nil }
            last = final == 1
            switch type {
            case 0: guard stored(&reader, into: &out, size: size) else { return nil }
            case 1: guard codes(&reader, fixedTables.literal, fixedTables.distance, &out, size) else { return nil }
            case 2:
                guard let (literal, distance) = dynamicTables(&reader),
                    codes(&reader, literal, distance, &out, size)
                else { return nil }
            default: return nil
            }
        }
        return out.count == size ? out : nil
    }

    private static func stored(_ reader: inout BitReader, into out: inout [UInt8], size: Int) -> Bool {
        reader.alignToByte()
        guard let length = reader.bits(16), let complement = reader.bits(16), length == ~complement & 0xFFFF,
            out.count + length <= size
        else { return false }
        for _ in 0..<length {
            guard let byte = reader.bits(8) else { return false }
            out.append(UInt8(byte))
        }
        return true
    }

    private static let lengthBase: [Int] = [
        3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227,
        258,
    ]
    private static let lengthExtra: [Int] = [
        0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
    ]
    private static let distanceBase: [Int] = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    private static let distanceExtra: [Int] = [
        0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
    ]

    /// Literals, lengths and distances until the end-of-block symbol.
    private static func codes(
        _ reader: inout BitReader, _ literal: Huffman, _ distance: Huffman, _ out: inout [UInt8], _ size: Int
    ) -> Bool {
        while true {
            guard let symbol = literal.decode(&reader) else { return false }
            if symbol < 256 {
                guard out.count < size else { return false }
                out.append(UInt8(symbol))
            } else if symbol == 256 {
                return true
            } else {
                let index = symbol - 257
                guard index < lengthBase.count, let extra = reader.bits(lengthExtra[index]),
                    let code = distance.decode(&reader), code < distanceBase.count,
                    let distanceBits = reader.bits(distanceExtra[code])
                else { return false }
                let length = lengthBase[index] + extra
                let back = distanceBase[code] + distanceBits
                guard back <= out.count, out.count + length <= size else { return false }
                // Byte by byte: a copy may overlap the bytes it produces.
                for _ in 0..<length { out.append(out[out.count - back]) }
            }
        }
    }

    private static let fixedTables: (literal: Huffman, distance: Huffman) = {
        var lengths = [UInt8](repeating: 8, count: 288)
        for symbol in 144..<256 { lengths[symbol] = 9 }
        for symbol in 256..<280 { lengths[symbol] = 7 }
        let distances = [UInt8](repeating: 5, count: 30)
        return (Huffman(lengths[...]) ?? Huffman.empty, Huffman(distances[...]) ?? Huffman.empty)
    }()

    /// The order in which a dynamic block lists its code-length code lengths.
    private static let lengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]

    private static func dynamicTables(_ reader: inout BitReader) -> (Huffman, Huffman)? {
        guard let literals = reader.bits(5).map({ $0 + 257 }), let distances = reader.bits(5).map({ $0 + 1 }),
            let codeLengths = reader.bits(4).map({ $0 + 4 }), literals <= 286, distances <= 30
        else { return nil }
        var lengthLengths = [UInt8](repeating: 0, count: 19)
        for index in 0..<codeLengths {
            guard let length = reader.bits(3) else { return nil }
            lengthLengths[lengthOrder[index]] = UInt8(length)
        }
        guard let lengthCode = Huffman(lengthLengths[...]) else { return nil }
        var lengths: [UInt8] = []
        while lengths.count < literals + distances {
            guard let symbol = lengthCode.decode(&reader) else { return nil }
            var repeated: UInt8 = 0
            var times = 0
            switch symbol {
            case 0..<16:
                lengths.append(UInt8(symbol))
                continue
            case 16:
                guard let previous = lengths.last, let extra = reader.bits(2) else { return nil }
                (repeated, times) = (previous, 3 + extra)
            case 17:
                guard let extra = reader.bits(3) else { return nil }
                times = 3 + extra
            default:
                guard let extra = reader.bits(7) else { return nil }
                times = 11 + extra
            }
            guard lengths.count + times <= literals + distances else { return nil }
            lengths += repeatElement(repeated, count: times)
        }
        guard lengths[256] != 0, let literal = Huffman(lengths[0..<literals]),
            let distance = Huffman(lengths[literals...])
        else { return nil }
        return (literal, distance)
    }
}
