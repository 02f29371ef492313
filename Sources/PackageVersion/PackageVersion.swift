/// The package's version, defined here once: every tool's `--version`, the
/// servers' `Server` header and their `/version` answer read it.
public enum PackageVersion {
    /// Also the newest entry of CHANGELOG.md.
    public static let current = "0.2.0"

    /// What `--version` prints: `AsyncNetTools 0.2.0`.
    public static let description = "AsyncNetTools \(current)"

    /// The HTTP `Server` header of a tool's server: `mojifinder/0.2.0`.
    public static func serverHeader(_ tool: String) -> String { "\(tool)/\(current)" }
}

extension PackageVersion {
    /// mojifinder's `--version` and its web server's `/version`: the package
    /// version and the Unicode version of the names it searches.
    public static func description(unicodeNames version: String) -> String {
        "\(description) (Unicode \(version) names)"
    }
}
