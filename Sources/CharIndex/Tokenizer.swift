import TextSupport

/// Splits a character name or a query into index words: uppercased, with `-`
/// read as a space, split on whitespace. Names and queries go through the same
/// function, so `cat-face`, `CAT FACE` and ` cat  face ` all look up the same words.
public func tokenize(_ text: some StringProtocol) -> [String] {
    var words: [String] = []
    if appendASCIIWords(of: text.utf8, to: &words) { return words }
    return text.uppercased()
        .split(whereSeparator: { $0 == "-" || $0.isWhitespace })
        .map(String.init)
}

/// `tokenize` of an ASCII text, byte by byte, appended to `words`: every name
/// and most queries are ASCII, and their characters are their bytes. Each
/// word is written once, uppercased, into its string. False, with nothing
/// appended, for any other text.
func appendASCIIWords(of utf8: some Collection<UInt8>, to words: inout [String]) -> Bool {
    guard utf8.allSatisfy({ $0 < 0x80 }) else { return false }
    func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || isASCIIWhitespace(byte) }
    forEachRun(of: utf8, separatedBy: isSeparator) { word in
        words.append(
            String(unsafeUninitializedCapacity: word.count) { buffer in
                for (offset, byte) in word.enumerated() {
                    buffer[offset] = (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) ? byte - 0x20 : byte
                }
                return word.count
            })
    }
    return true
}

/// The ASCII characters that `Character.isWhitespace` holds to be white space.
@inlinable
public func isASCIIWhitespace(_ byte: UInt8) -> Bool {
    byte == UInt8(ascii: " ") || (0x09...0x0D).contains(byte)
}
