/// Percent-decodes `text` (RFC 3986), with `+` as a space when
/// `plusIsSpace` (HTML forms); nil for a malformed escape or bytes that are
/// not UTF-8. Bytes already outside ASCII pass through. The one decoder of
/// the package: the web query and the flags-server path both use it.
public func percentDecoded(_ text: Substring, plusIsSpace: Bool = false) -> String? {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(text.utf8.count)
    var iterator = text.utf8.makeIterator()
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
        case UInt8(ascii: "+") where plusIsSpace: bytes.append(UInt8(ascii: " "))
        case UInt8(ascii: "%"):
            guard let high = hexValue(iterator.next()), let low = hexValue(iterator.next()) else { return nil }
            bytes.append(high << 4 | low)
        default: bytes.append(byte)
        }
    }
    return String(validating: bytes, as: UTF8.self)
}
