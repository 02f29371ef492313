/// A host name checked against RFC 1035/1123 before any query goes out.
public struct DomainName: Sendable, Hashable, CustomStringConvertible {
    /// Lowercased labels, without the root.
    public let labels: [String]

    public var description: String { labels.joined(separator: ".") }

    /// Accepts one trailing dot (the root); rejects empty labels, labels over
    /// 63 bytes, names over 253 bytes, and anything outside letters, digits
    /// and inner hyphens (LDH).
    public init(_ text: String) throws(DomainProbeError) {
        var body = Substring(text)
        if body.last == "." { body.removeLast() }
        guard !body.isEmpty else { throw .invalidName("empty name") }
        guard body.utf8.count <= 253 else {
            throw .invalidName("name is \(body.utf8.count) bytes long, over 253")
        }
        var labels: [String] = []
        for label in body.split(separator: ".", omittingEmptySubsequences: false) {
            guard !label.isEmpty else { throw .invalidName("empty label in '\(text)'") }
            guard label.utf8.count <= 63 else {
                throw .invalidName("label '\(label.prefix(20))…' is \(label.utf8.count) bytes long, over 63")
            }
            for scalar in label.unicodeScalars {
                let ok =
                    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
                    || ("0"..."9").contains(scalar) || scalar == "-"
                guard ok else {
                    let shown =
                        scalar.properties.isWhitespace || scalar.value < 0x20
                        ? "U+" + String(scalar.value, radix: 16, uppercase: true) : String(scalar)
                    throw .invalidName("character '\(shown)' in '\(label)' is not a letter, digit or hyphen")
                }
            }
            guard label.first != "-", label.last != "-" else {
                throw .invalidName("label '\(label)' starts or ends with a hyphen")
            }
            labels.append(label.lowercased())
        }
        self.labels = labels
    }
}
