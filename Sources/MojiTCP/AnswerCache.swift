import AsyncSupport
import NIOCore

/// Answers already built, keyed by the query: repeats are written from here,
/// and every session sending the same query shares one buffer. Bounded by
/// bytes, starting over when full (`StartOverCache`).
final class AnswerCache: Sendable {
    struct Answer: Sendable {
        let bytes: ByteBuffer
        let count: Int
    }

    private let answers: StartOverCache<Answer>

    /// At most this many answer bytes are kept; 0 keeps nothing.
    init(byteCapacity: Int) {
        answers = StartOverCache(maxCost: byteCapacity) { $0.bytes.readableBytes }
    }

    var count: Int { answers.count }
    var bytes: Int { answers.totalCost }

    func answer(for query: String) -> Answer? { answers.value(for: query) }

    /// Keeps `answer` unless it is bigger than the whole cache.
    func store(_ answer: Answer, for query: String) { answers.store(answer, for: query) }
}
