/// An independent GIF reader for the tests: it parses the blocks and runs a
/// textbook LZW decoder, so an encoder bug shows up as a failure here.
struct DecodedGIF {
    var width: Int
    var height: Int
    var palette: [[UInt8]]
    var pixels: [UInt8]
}

enum GIFDecodeError: Error { case bad(String) }

func decodeGIF(_ bytes: [UInt8]) throws -> DecodedGIF {
    var position = 0
    func byte() throws -> UInt8 {
        guard position < bytes.count else { throw GIFDecodeError.bad("truncated at \(position)") }
        defer { position += 1 }
        return bytes[position]
    }
    func le16() throws -> Int { Int(try byte()) | Int(try byte()) << 8 }

    guard bytes.count > 13, Array(bytes[0..<6]) == Array("GIF89a".utf8) else { throw GIFDecodeError.bad("header") }
    position = 6
    let width = try le16()
    let height = try le16()
    let packed = try byte()
    _ = try byte()
    _ = try byte()
    var palette: [[UInt8]] = []
    if packed & 0x80 != 0 {
        for _ in 0..<(1 << (Int(packed & 7) + 1)) { palette.append([try byte(), try byte(), try byte()]) }
    }
    guard try byte() == 0x2C else { throw GIFDecodeError.bad("no image descriptor") }
    _ = try le16()
    _ = try le16()
    let imageWidth = try le16()
    let imageHeight = try le16()
    guard try byte() == 0 else { throw GIFDecodeError.bad("unexpected local table or interlace") }
    let minimumCodeSize = Int(try byte())
    var data: [UInt8] = []
    while true {
        let size = Int(try byte())
        if size == 0 { break }
        for _ in 0..<size { data.append(try byte()) }
    }
    guard try byte() == 0x3B, position == bytes.count else { throw GIFDecodeError.bad("trailer") }

    // LZW decoding.
    let clear = 1 << minimumCodeSize
    let end = clear + 1
    var table: [[UInt8]] = []
    func resetTable() {
        table = (0..<clear).map { [UInt8($0)] }
        table.append([])  // clear
        table.append([])  // end
    }
    resetTable()
    var codeSize = minimumCodeSize + 1
    var bitPosition = 0
    func readCode() throws -> Int {
        var code = 0
        for bit in 0..<codeSize {
            let index = bitPosition / 8
            guard index < data.count else { throw GIFDecodeError.bad("data ran out") }
            if data[index] >> (bitPosition % 8) & 1 == 1 { code |= 1 << bit }
            bitPosition += 1
        }
        return code
    }
    var pixels: [UInt8] = []
    var previous: [UInt8]? = nil
    while true {
        let code = try readCode()
        if code == clear {
            resetTable()
            codeSize = minimumCodeSize + 1
            previous = nil
            continue
        }
        if code == end { break }
        let entry: [UInt8]
        if code < table.count {
            entry = table[code]
            if let previous { table.append(previous + [entry[0]]) }
        } else if code == table.count, let previous {
            entry = previous + [previous[0]]
            table.append(entry)
        } else {
            throw GIFDecodeError.bad("code \(code) beyond table \(table.count)")
        }
        pixels += entry
        previous = entry
        if table.count == 1 << codeSize && codeSize < 12 { codeSize += 1 }
    }
    guard imageWidth == width, imageHeight == height, pixels.count == width * height else {
        throw GIFDecodeError.bad("\(pixels.count) pixels for \(width)x\(height)")
    }
    return DecodedGIF(width: width, height: height, palette: palette, pixels: pixels)
}
