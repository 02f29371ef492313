/// Splits a character name or a query into index words: uppercased, with `-`
/// read as a space, split on whitespace. Names and queries go through the same
/// function, so `cat-face`, `CAT FACE` and ` cat  face ` all look up the same words.
public func tokenize(_ text: some StringProtocol) -> [String] {
    text.uppercased()
        .split(whereSeparator: { $0 == "-" || $0.isWhitespace })
        .map(String.init)
}
