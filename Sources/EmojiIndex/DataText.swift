#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// UTF-8 text of the data, either a literal read where the binary holds it or
/// bytes decoded at run time. Both cases are values, so the type is Sendable
/// without any unchecked promise; readers borrow the bytes for one closure.
enum DataText: Sendable {
    case literal(StaticString)
    case owned([UInt8])

    func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        switch self {
        case .literal(let text):
            // A literal of one scalar has no UTF-8 form in place; the data never is one.
            guard text.hasPointerRepresentation else { return body(UnsafeBufferPointer(start: nil, count: 0)) }
            return text.withUTF8Buffer(body)
        case .owned(let bytes):
            return bytes.withUnsafeBufferPointer(body)
        }
    }
}

/// Reading lines and tab-separated fields of a byte buffer. Every scan stops
/// at the end of the buffer, so malformed text gives wrong fields, never a
/// read out of bounds.
extension UnsafeBufferPointer<UInt8> {
    static let newline = UInt8(ascii: "\n")
    static let tab = UInt8(ascii: "\t")

    /// The end of the line starting at `start`: its newline, or the end of the text.
    func lineEnd(from start: Int) -> Int { first(Self.newline, in: start..<count) ?? count }

    /// The first `byte` in `range`, or nil.
    func first(_ byte: UInt8, in range: Range<Int>) -> Int? {
        let range = range.clamped(to: 0..<count)
        guard let base = baseAddress, !range.isEmpty else { return nil }
        // memchr: the data's lines are scanned at every start, a byte loop is several times slower.
        guard let found = memchr(base + range.lowerBound, Int32(byte), range.count) else { return nil }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }

    /// The tab-separated fields of `line`, as strings. Not an array of
    /// ranges: the first `[Range<Int>]` of a process has the runtime look up
    /// `Int: Comparable` among every conformance of the program.
    func fields(_ line: Range<Int>) -> [String] {
        var fields: [String] = []
        var start = line.lowerBound
        for position in line where self[position] == Self.tab {
            fields.append(string(start..<position))
            start = position + 1
        }
        fields.append(string(start..<line.upperBound))
        return fields
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: self[range.clamped(to: 0..<count)]), as: UTF8.self)
    }

    /// The decimal number in `range`, or nil when it is not one (or too large).
    func decimal(_ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count <= 9 else { return nil }
        var value = 0
        for position in range {
            let digit = Int(self[position]) - Int(UInt8(ascii: "0"))
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }

    /// Whether `part` occurs in the text.
    func contains(_ part: [UInt8]) -> Bool {
        guard part.count <= count else { return false }
        return (0...(count - part.count)).contains { start in
            part.indices.allSatisfy { self[start + $0] == part[$0] }
        }
    }
}
