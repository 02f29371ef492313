/// Calls `body` with each run of `bytes` between separators, in order, empty
/// runs left out: the pieces `split(whereSeparator:)` gives, without an array
/// of them. The query parsers cut ASCII text this way on every request.
@inlinable
public func forEachRun<Bytes: Collection<UInt8>, Failure: Error>(
    of bytes: Bytes, separatedBy isSeparator: (UInt8) -> Bool,
    _ body: (Bytes.SubSequence) throws(Failure) -> Void
) throws(Failure) {
    var start = bytes.startIndex
    while let first = bytes[start...].firstIndex(where: { !isSeparator($0) }) {
        let end = bytes[first...].firstIndex(where: isSeparator) ?? bytes.endIndex
        try body(bytes[first..<end])
        start = end
    }
}
