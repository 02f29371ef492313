/// Splits a character name or a query into index words: uppercased, with `-`
/// read as a space, split on whitespace. Names and queries go through the same
/// function, so `cat-face`, `CAT FACE` and ` cat  face ` all look up the same words.
public func tokenize(_ text: some StringProtocol) -> [String] {
    if let words = asciiWords(text.utf8) { return words }
    return text.uppercased()
        .split(whereSeparator: { $0 == "-" || $0.isWhitespace })
        .map(String.init)
}

/// `tokenize` of an ASCII text, byte by byte: every name and most queries are
/// ASCII, and their characters are their bytes. Nil for any other text.
private func asciiWords(_ utf8: some Collection<UInt8>) -> [String]? {
    var words: [String] = []
    var word: [UInt8] = []
    for byte in utf8 {
        guard byte < 0x80 else { return nil }
        if byte == UInt8(ascii: "-") || isASCIIWhitespace(byte) {
            if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
            word.removeAll(keepingCapacity: true)
        } else {
            word.append((UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 0x20 : byte)
        }
    }
    if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
    return words
}

/// The ASCII characters that `Character.isWhitespace` holds to be white space.
@inlinable
public func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
}
