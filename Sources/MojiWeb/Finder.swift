import CharIndex
import CharIndexData

/// The search behind `/search`: normalizes a query to its words, answers it
/// from the index, and names the answer with an ETag.
public struct Finder: Sendable {
    public let index: InvertedIndex

    public init(index: InvertedIndex) {
        self.index = index
    }

    /// The answer to `query`, in the order `InvertedIndex.search(_:)` gives.
    public func search(_ query: Query) -> SearchAnswer {
        index.search(query)
    }

    /// A strong ETag for the answer named by `key` (a `SearchRequest.answerKey`):
    /// an answer depends only on the query and on the Unicode data compiled
    /// into this binary. Word order and repeats do not change the key, so
    /// `cat face` and `FACE cat` share one ETag.
    public func etag(key: String) -> String {
        var hash = FNV1a()
        hash.add(InvertedIndex.unicodeVersion)
        hash.add("\u{0}\(index.range.lowerBound)-\(index.range.upperBound)\u{0}\(index.wordCount)")
        hash.add("\u{0}" + key)
        let hex = String(hash.value, radix: 16)
        return "\"u\(InvertedIndex.unicodeVersion)-\(String(repeating: "0", count: 16 - hex.count))\(hex)\""
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
