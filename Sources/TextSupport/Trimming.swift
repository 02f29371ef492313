extension StringProtocol {
    /// This text without the characters at both ends for which `isTrimmed`
    /// holds: spaces around a header value, dots around a TLD, white space
    /// around a line. The one trimming helper of the package.
    public func trimming(_ isTrimmed: (Character) -> Bool) -> SubSequence {
        guard let first = firstIndex(where: { !isTrimmed($0) }), let last = lastIndex(where: { !isTrimmed($0) })
        else { return self[endIndex...] }
        return self[first...last]
    }
}

/// A space or a horizontal tab: the optional white space around HTTP header values (RFC 9110).
public func isHeaderSpace(_ character: Character) -> Bool { character == " " || character == "\t" }
