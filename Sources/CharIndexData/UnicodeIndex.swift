import CharIndex

extension InvertedIndex {
    /// The index of every named scalar from U+0020 to U+10FFFF, read from the
    /// table that the `EmbedCharIndex` plugin generated at build time from
    /// the same standard library names that `InvertedIndex(names:)` uses.
    public static let unicode: InvertedIndex = generatedTable.withUTF8Buffer {
        InvertedIndex(encoded: $0)
    }

    /// The Unicode version of the names in `unicode`, such as `16.0`, found by
    /// `charindex-gen` at build time.
    public static let unicodeVersion: String = generatedUnicodeVersion
}
