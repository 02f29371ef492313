extension InvertedIndex {
    /// The newest Unicode version among the standard library's scalars, such
    /// as `16.0`: the version of the names an index built here holds. It scans
    /// 1.1 million scalars, so `charindex-gen` runs it once at build time and
    /// programs read `InvertedIndex.unicodeVersion` (target `CharIndexData`).
    public static func newestUnicodeVersionOfNames() -> String {
        var newest = (major: 0, minor: 0)
        for value in 0...UInt32(0x10FFFF) {
            guard let age = Unicode.Scalar(value)?.properties.age else { continue }
            if age.major > newest.major || (age.major == newest.major && age.minor > newest.minor) {
                newest = (age.major, age.minor)
            }
        }
        return "\(newest.major).\(newest.minor)"
    }
}
