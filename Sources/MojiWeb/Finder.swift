import CharIndex

/// The search behind `/search`: normalizes a query to its words, answers it
/// from the index, and names the answer with an ETag.
public struct Finder: Sendable {
    public let index: InvertedIndex

    public init(index: InvertedIndex) {
        self.index = index
    }

    /// The query's index words, uppercased, without repeats, sorted. Word
    /// order and repeats cannot change a result (it is an intersection), so
    /// `cat face`, `FACE cat` and `cat cat face` share one ETag and one lookup.
    public static func words(_ query: String) -> [String] {
        Array(Set(tokenize(query))).sorted()
    }

    /// The characters whose names contain all `words`, in code-point order.
    public func search(words: [String]) -> [Unicode.Scalar] {
        index.search(words.joined(separator: " "))
    }

    /// A strong ETag for the answer to `words`: a result depends only on the
    /// words and on the Unicode data compiled into this binary.
    public func etag(words: [String]) -> String {
        var hash = FNV1a()
        hash.add(Finder.unicodeVersion)
        hash.add("\u{0}\(index.range.lowerBound)-\(index.range.upperBound)\u{0}\(index.wordCount)")
        for word in words { hash.add("\u{0}" + word) }
        let hex = String(hash.value, radix: 16)
        return "\"u\(Finder.unicodeVersion)-\(String(repeating: "0", count: 16 - hex.count))\(hex)\""
    }

    /// The newest Unicode version among the standard library's scalars, such
    /// as `16.0`: the version of the names the index was built from.
    public static let unicodeVersion: String = {
        var newest = (major: 0, minor: 0)
        for value in 0...UInt32(0x10FFFF) {
            guard let age = Unicode.Scalar(value)?.properties.age else { continue }
            if age.major > newest.major || (age.major == newest.major && age.minor > newest.minor) {
                newest = (age.major, age.minor)
            }
        }
        return "\(newest.major).\(newest.minor)"
    }()

    /// Whether an `If-None-Match` header value names `etag` (weak
    /// comparison, as RFC 9110 asks for `If-None-Match`).
    public static func ifNoneMatch(_ header: String, matches etag: String) -> Bool {
        header.split(separator: ",").contains { candidate in
            var tag = candidate.trimmingPrefixAndSuffixSpaces()
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag = tag.dropFirst(2) }
            return tag == etag[...]
        }
    }
}

/// 64-bit FNV-1a: small, stable across runs and platforms (unlike `Hasher`).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }
}

extension Substring {
    func trimmingPrefixAndSuffixSpaces() -> Substring {
        var text = self
        while text.first == " " || text.first == "\t" { text = text.dropFirst() }
        while text.last == " " || text.last == "\t" { text = text.dropLast() }
        return text
    }
}
