import CharIndex
import EmojiIndex
import MojiAnswers
import TextSupport

/// The search behind `/search`: normalizes a query to its words, answers it
/// from the index, and names the answer with an ETag.
public struct Finder: Sendable {
    public let index: InvertedIndex
    /// The Unicode version of the index's names, such as `17.0`: ETags start with it.
    public let unicodeVersion: String
    /// The hash of what every ETag starts with, computed once.
    private let etagSeed: FNV1a

    public init(index: InvertedIndex, unicodeVersion: String) {
        self.index = index
        self.unicodeVersion = unicodeVersion
        var seed = FNV1a()
        seed.add(unicodeVersion)
        seed.add("\u{0}\(index.range.lowerBound)-\(index.range.upperBound)\u{0}\(index.wordCount)")
        etagSeed = seed
    }

    /// The answer to `query`, in the order `InvertedIndex.search(_:)` gives.
    public func search(_ query: Query) -> SearchAnswer {
        index.search(query)
    }

    /// A strong ETag for the answer named by `key`: an answer depends only
    /// on the query and on the Unicode data compiled into this binary. Word
    /// order and repeats do not change the key, so `cat face` and `FACE cat`
    /// share one ETag.
    public func etag(for key: AnswerKey) -> String {
        var hash = etagSeed
        hash.add("\u{0}")
        hash.add(key.query)
        switch key.form {
        case .names, .lines: break
        case .details: hash.add("\u{0}details")
        // The emoji data's versions too: a new binary with new names gets new tags.
        case .emoji, .identify:
            hash.add("\u{0}\(key.form.rawValue)\u{0}\(EmojiLookup.emojiVersion)\u{0}\(EmojiLookup.cldrVersion)")
        }
        let hex = String(hash.value, radix: 16)
        return "\"u\(unicodeVersion)-\(String(repeating: "0", count: 16 - hex.count))\(hex)\""
    }
}
