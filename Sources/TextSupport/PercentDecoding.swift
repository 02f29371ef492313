/// Percent-decodes `text` (RFC 3986), with `+` as a space when
/// `plusIsSpace` (HTML forms); nil for a malformed escape or bytes that are
/// not UTF-8. Bytes already outside ASCII pass through. The one decoder of
/// the package: the web query and the flags-server path both use it.
public func percentDecoded(_ text: Substring, plusIsSpace: Bool = false) -> String? {
    let utf8 = text.utf8
    // Never more bytes than the text: decoded into scratch space, then
    // validated once into the string (no heap at all for a short query).
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, utf8.count)) { bytes -> String? in
        var count = 0
        var iterator = utf8.makeIterator()
        func hexValue(_ byte: UInt8?) -> UInt8? {
            switch byte {
            case let b? where (0x30...0x39).contains(b): b - 0x30
            case let b? where (0x41...0x46).contains(b): b - 0x41 + 10
            case let b? where (0x61...0x66).contains(b): b - 0x61 + 10
            default: nil
            }
        }
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+") where plusIsSpace: bytes[count] = UInt8(ascii: " ")
            case UInt8(ascii: "%"):
                guard let high = hexValue(iterator.next()), let low = hexValue(iterator.next()) else { return nil }
                bytes[count] = high << 4 | low
            default: bytes[count] = byte
            }
            count += 1
        }
        return String(validating: UnsafeBufferPointer(rebasing: bytes[..<count]), as: UTF8.self)
    }
}
