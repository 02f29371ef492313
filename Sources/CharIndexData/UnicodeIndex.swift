import CharIndex

extension InvertedIndex {
    /// The index of every named scalar from U+0020 to U+10FFFF, read from the
    /// table that the `EmbedCharIndex` plugin generated at build time from
    /// the same standard library names that `InvertedIndex(names:)` uses.
    /// Read in place, for a process that answers a query or two.
    public static let unicode = InvertedIndex(embedded: generatedTable)

    /// `unicode` with every set decoded once, on first use: for a server.
    public static let unicodePreloaded = unicode.preloaded()

    /// The Unicode version of the names in `unicode`, such as `16.0`, found by
    /// `charindex-gen` at build time.
    public static let unicodeVersion: String = generatedUnicodeVersion
}
