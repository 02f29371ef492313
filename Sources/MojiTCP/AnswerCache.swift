import NIOCore
import Synchronization

/// Answers already built, keyed by the query. An answer depends only on the
/// query and the binary's Unicode data, so it never goes stale while the
/// server runs; repeats are written from here, and every session sending
/// the same query shares one buffer. Bounded by bytes: when the next answer
/// would not fit, the cache starts over (simple, and a server's popular
/// queries come back quickly).
final class AnswerCache: Sendable {
    struct Answer: Sendable {
        let bytes: ByteBuffer
        let count: Int
    }

    private struct Contents {
        var answers: [String: Answer] = [:]
        var bytes = 0
    }

    /// At most this many answer bytes are kept; 0 keeps nothing.
    let byteCapacity: Int
    private let contents = Mutex(Contents())

    init(byteCapacity: Int) {
        self.byteCapacity = max(0, byteCapacity)
    }

    var count: Int { contents.withLock { $0.answers.count } }
    var bytes: Int { contents.withLock { $0.bytes } }

    func answer(for query: String) -> Answer? {
        contents.withLock { $0.answers[query] }
    }

    /// Keeps `answer` unless it is bigger than the whole cache.
    func store(_ answer: Answer, for query: String) {
        let size = answer.bytes.readableBytes
        guard size <= byteCapacity else { return }
        contents.withLock { contents in
            if let old = contents.answers[query] { contents.bytes -= old.bytes.readableBytes }
            if contents.bytes + size > byteCapacity {
                contents.answers.removeAll(keepingCapacity: true)
                contents.bytes = 0
            }
            contents.answers[query] = answer
            contents.bytes += size
        }
    }
}
