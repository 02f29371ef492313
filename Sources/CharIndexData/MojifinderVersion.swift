import AsyncSupport
import CharIndex

extension PackageVersion {
    /// mojifinder's `--version` and its web server's `/version`: the package
    /// version and the Unicode version of the names it searches.
    public static let withUnicodeNames = "\(description) (Unicode \(InvertedIndex.unicodeVersion) names)"
}
