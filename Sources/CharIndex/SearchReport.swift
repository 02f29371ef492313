/// The text form of search results, shared by the CLI and the TCP server.
public enum SearchReport {
    /// `U+1F431<TAB>🐱<TAB>CAT FACE`
    public static func line(for scalar: Unicode.Scalar) -> String {
        "U+\(InvertedIndex.hex(scalar.value))\t\(Character(scalar))\t\(scalar.properties.name ?? "")"
    }

    /// 66 box-drawing dashes, then the count: `──…── 10 found`.
    public static func status(count: Int) -> String {
        String(repeating: "\u{2500}", count: 66) + " \(count) found"
    }

    /// Result lines then the status line, each ending in `lineEnding`.
    public static func text(for scalars: [Unicode.Scalar], lineEnding: String = "\n") -> String {
        var text = ""
        for scalar in scalars { text += line(for: scalar) + lineEnding }
        return text + status(count: scalars.count) + lineEnding
    }
}
