/// The query in one line of a session: the bytes decoded as UTF-8 and
/// stripped as Python's `str.strip` does, or nil when they are not UTF-8.
/// Free of NIO so the fuzzer builds it alone.
func sessionQuery(from line: some Collection<UInt8>) -> String? {
    let decoded =
        line.withContiguousStorageIfAvailable { String(validating: $0, as: UTF8.self) }
        ?? String(validating: line, as: UTF8.self)
    guard let text = decoded else { return nil }
    // Most lines start and end with a printable ASCII character: nothing to strip.
    if let first = text.utf8.first, let last = text.utf8.last, (0x21...0x7E).contains(first),
        (0x21...0x7E).contains(last)
    {
        return text
    }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !isSpace($0) }),
        let last = scalars.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(scalars[first...last])
}

/// Python's `str.strip` also strips the information separators U+001C…U+001F.
/// ASCII is decided here: the Unicode property lookup was a busy server's
/// largest cost in reading a line.
private func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    let value = scalar.value
    if value < 0x80 { return value == 0x20 || (0x09...0x0D).contains(value) || (0x1C...0x1F).contains(value) }
    return scalar.properties.isWhitespace
}
