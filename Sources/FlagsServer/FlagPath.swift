import TextSupport

/// Parsing of the part of a path after `/flags/`. Plain Swift, so the fuzzer builds it alone.
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
            // Bytes, not Characters: "/" followed by a combining accent is one
            // Character that is not "/", yet the file system sees the slash.
            guard let decoded = percentDecoded(part), let first = decoded.utf8.first, first != UInt8(ascii: "."),
                !decoded.utf8.contains(where: { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") || $0 == 0 })
            else { return nil }
            segments.append(decoded)
        }
        return segments.isEmpty ? nil : segments
    }
}
