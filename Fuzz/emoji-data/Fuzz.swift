// libFuzzer target: the bytes EmojiIndex reads from its embedded data, as if
// corrupted: the base64 and raw DEFLATE of a packed locale block, a block's
// lines, the main table, the locale directory and the UTF-8 of names. The
// first two bytes give the size DEFLATE must produce, so that a valid
// stream (the corpus holds real blocks) can decode.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 2 else { return 0 }
    let input = UnsafeBufferPointer(start: data, count: size)
    let expected = Int(input[0]) << 8 | Int(input[1])
    let stream = UnsafeBufferPointer(rebasing: input[2...])
    if let out = Inflate.decompress(stream, size: expected), out.count != expected {
        fatalError("inflate returned \(out.count) bytes, not \(expected)")
    }
    if let bytes = Base64.decode(input) {
        let letters = input.filter { $0 != UInt8(ascii: "\n") && $0 != UInt8(ascii: "=") }.count
        if bytes.count != letters * 6 / 8 { fatalError("base64 gave \(bytes.count) bytes for \(letters) letters") }
        _ = bytes.withUnsafeBufferPointer { Inflate.decompress($0, size: expected) }
    }
    checkBlock(Array(input))
    checkTables(Array(input))
    return 0
}

/// A block's entries come in rising ordinals, and its names derive without trapping.
func checkBlock(_ bytes: [UInt8]) {
    guard let block = LocaleBlock(text: .owned(bytes)) else { return }
    var last = -1
    block.forEachEntry { ordinal, text, name, words in
        if ordinal <= last { fatalError("ordinal \(ordinal) after \(last)") }
        last = ordinal
        var folded = FoldedWords()
        folded.append(UnsafeBufferPointer(rebasing: text[name]))
        folded.append(UnsafeBufferPointer(rebasing: text[words]), fromData: false)
        _ = block.derivedName(baseName: text.string(name), tones: [ordinal % 5, 4])
        return ordinal < 100_000
    }
}

/// The main table's bases come before their variants; a directory's parents are other lines.
func checkTables(_ bytes: [UInt8]) {
    let table = EmojiTable(.owned(bytes))
    for ordinal in 0..<table.count {
        if let base = table.base(of: ordinal), base >= ordinal || base < 0 { fatalError("base \(base) of \(ordinal)") }
        _ = table.emojiString(ordinal) + table.englishName(ordinal) + table.group(ordinal) + table.subgroup(ordinal)
    }
    _ = table.ordinal(ofKey: Array(bytes.prefix(16)))
    for locale in LocaleDirectory(.owned(bytes)).locales {
        if let parent = locale.parent, parent == locale.index { fatalError("\(locale.code) is its own parent") }
    }
}
