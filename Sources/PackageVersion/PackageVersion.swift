/// The package's version, defined here once: every tool's `--version`, the
/// servers' `Server` header and their `/version` answer read it.
public enum PackageVersion {
    /// Also the newest entry of CHANGELOG.md.
    public static let current = "0.3.0"

    /// What `TOOL --version` prints and a server's `/version` answers:
    /// `flags 0.3.0 (AsyncNetTools)`, or with the versions of the data the
    /// tool carries, `mojifinder 0.3.0 (AsyncNetTools; Unicode 17.0 names)`.
    public static func description(of tool: String, data: [String] = []) -> String {
        "\(tool) \(current) (\((["AsyncNetTools"] + data).joined(separator: "; ")))"
    }

    /// The HTTP `Server` header of a tool's server: `mojifinder/0.3.0`.
    public static func serverHeader(_ tool: String) -> String { "\(tool)/\(current)" }
}
