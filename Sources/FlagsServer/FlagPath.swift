import AsyncSupport
import _NIOFileSystem

/// Parsing of the part of a path after `/flags/`.
enum FlagPath {
    /// The decoded segments after `/flags/`, or nil when a segment could climb
    /// out of the served folder or name something hidden: `..`, `.`, empty,
    /// a leading dot, or a slash, backslash or NUL hidden by percent-encoding.
    static func segments(of path: String) -> [String]? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        guard parts.first == "flags" else { return nil }
        parts = parts.dropFirst()
        if parts.count > 1, parts.last == "" { parts = parts.dropLast() }  // "/flags/zz/" names the folder zz
        var segments: [String] = []
        for part in parts {
            guard let decoded = percentDecoded(part), !decoded.isEmpty,
                !decoded.hasPrefix("."),
                !decoded.contains(where: { $0 == "/" || $0 == "\\" || $0 == "\0" }),
                FilePath.Component(decoded) != nil
            else { return nil }
            segments.append(decoded)
        }
        return segments.isEmpty ? nil : segments
    }
}
