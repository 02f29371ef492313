import TextSupport

/// Draws the built-in flags: three stripes in colours derived from the code,
/// over a strip of ten black and white cells that spell the code's two letters
/// in binary, so no two codes can ever share an image.
enum FlagDrawing {
    static let width = 60
    static let height = 40
    private static let stripeHeight = 32  // the code strip fills the rest

    // Colours common on real flags; the stripes pick three distinct ones.
    private static let colours: [(UInt8, UInt8, UInt8)] = [
        (0xCE, 0x11, 0x26), (0x00, 0x24, 0x7D), (0x00, 0x7A, 0x3D), (0xFC, 0xD1, 0x16),
        (0xFF, 0xFF, 0xFF), (0x00, 0x00, 0x00), (0xEF, 0x7D, 0x00), (0x6C, 0xAC, 0xE4),
        (0x8D, 0x1B, 0x3D), (0x00, 0x9B, 0x77), (0xD5, 0x2B, 0x1E), (0x3A, 0x75, 0xC4),
    ]

    static func gif(for code: String) -> [UInt8] {
        let letters = code.uppercased().unicodeScalars.map { Int($0.value) - 65 }
        precondition(letters.count == 2 && letters.allSatisfy { (0..<26).contains($0) })
        var hash = FNV1a()
        hash.add(letters.map { UInt8($0 + 65) })
        var generator = SplitMix64(seed: hash.value)

        // Palette: 0 white, 1 black (the code strip), 2...4 the stripes, 5...7 unused black.
        var picks: [Int] = []
        while picks.count < 3 {
            let pick = Int(generator.next() % UInt64(colours.count))
            if !picks.contains(pick) { picks.append(pick) }
        }
        var palette: [(UInt8, UInt8, UInt8)] = [(0xFF, 0xFF, 0xFF), (0, 0, 0)]
        palette += picks.map { colours[$0] }
        palette += Array(repeating: (0, 0, 0), count: 8 - palette.count)

        let vertical = generator.next() & 1 == 1
        let bits = letters[0] << 5 | letters[1]  // ten bits
        var pixels = [UInt8](repeating: 0, count: width * height)
        for y in 0..<height {
            for x in 0..<width {
                let index: Int
                if y < stripeHeight {
                    index = 2 + (vertical ? x * 3 / width : y * 3 / stripeHeight)
                } else {
                    let cell = x * 10 / width
                    index = (bits >> (9 - cell)) & 1 == 1 ? 1 : 0
                }
                pixels[y * width + x] = UInt8(index)
            }
        }
        return GIFEncoder.encode(width: width, height: height, palette: palette, pixels: pixels)
    }
}

/// A minimal GIF89a writer: one image, a global table of 8 colours, LZW data.
enum GIFEncoder {
    static func encode(width: Int, height: Int, palette: [(UInt8, UInt8, UInt8)], pixels: [UInt8]) -> [UInt8] {
        precondition(palette.count == 8 && pixels.count == width * height)
        var out: [UInt8] = Array("GIF89a".utf8)
        func le16(_ value: Int) { out += [UInt8(value & 0xFF), UInt8(value >> 8 & 0xFF)] }
        le16(width)
        le16(height)
        out += [0xF2, 0, 0]  // global table of 2^(2+1) colours, 8 bits per primary
        for (r, g, b) in palette { out += [r, g, b] }
        out.append(0x2C)  // image descriptor
        le16(0)
        le16(0)
        le16(width)
        le16(height)
        out.append(0)  // no local table, not interlaced
        let minimumCodeSize = 3
        out.append(UInt8(minimumCodeSize))
        let data = lzw(pixels, minimumCodeSize: minimumCodeSize)
        var start = 0
        while start < data.count {  // sub-blocks of at most 255 bytes
            let end = min(start + 255, data.count)
            out.append(UInt8(end - start))
            out += data[start..<end]
            start = end
        }
        out.append(0)  // block terminator
        out.append(0x3B)  // trailer
        return out
    }

    /// Variable-width LZW as GIF wants it: codes packed least significant bit
    /// first, the width growing as the table fills, a clear code when it is full.
    static func lzw(_ pixels: [UInt8], minimumCodeSize: Int) -> [UInt8] {
        let clearCode = 1 << minimumCodeSize
        let endCode = clearCode + 1
        var codeSize = minimumCodeSize + 1
        var nextCode = endCode + 1
        var table: [Int: Int] = [:]
        var out: [UInt8] = []
        var bitBuffer = 0
        var bitCount = 0

        func emit(_ code: Int) {
            bitBuffer |= code << bitCount
            bitCount += codeSize
            while bitCount >= 8 {
                out.append(UInt8(bitBuffer & 0xFF))
                bitBuffer >>= 8
                bitCount -= 8
            }
            // The decoder widens its codes one step behind the encoder's table.
            if nextCode > (1 << codeSize) - 1 && codeSize < 12 {
                codeSize += 1
            }
        }

        emit(clearCode)
        guard var prefix = pixels.first.map(Int.init) else {
            emit(endCode)
            if bitCount > 0 { out.append(UInt8(bitBuffer & 0xFF)) }
            return out
        }
        for pixel in pixels.dropFirst() {
            let key = prefix << 8 | Int(pixel)
            if let code = table[key] {
                prefix = code
                continue
            }
            emit(prefix)
            if nextCode < 4096 {
                table[key] = nextCode
                nextCode += 1
            } else {
                emit(clearCode)
                table.removeAll(keepingCapacity: true)
                codeSize = minimumCodeSize + 1
                nextCode = endCode + 1
            }
            prefix = Int(pixel)
        }
        emit(prefix)
        emit(endCode)
        if bitCount > 0 { out.append(UInt8(bitBuffer & 0xFF)) }
        return out
    }
}

/// A small, fast, seedable generator (Steele, Lea and Flood's SplitMix64).
struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
