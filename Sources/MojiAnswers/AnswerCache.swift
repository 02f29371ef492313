import CharIndex
import Synchronization

/// Names one answer: the query's canonical key (word order and repeats do not
/// count, so `cat face` and `FACE cat` share it) and the form it is written in.
public struct AnswerKey: Hashable, Sendable {
    /// How an answer is written out.
    public enum Form: String, Sendable {
        /// The TCP session's result lines, status line and prompt.
        case lines
        /// The API's `[{"char":…,"name":…}]`.
        case names
        /// The API's `fields=details`.
        case details
        /// The API's `/emoji` answers.
        case emoji
        /// The API's `/identify` answers.
        case identify
    }

    /// What the answer depends on besides its form: a name query's
    /// `canonicalKey`, or the words and options of an emoji search.
    public let query: String
    public let form: Form

    public init(_ query: Query, form: Form) {
        self.init(query.canonicalKey, form: form)
    }

    /// A key for any answer that depends only on `query` and the binary's data.
    public init(_ query: String, form: Form) {
        self.query = query
        self.form = form
    }
}

/// The one cache of built answers, shared between the tasks or event loops
/// of a server. An answer depends only on its key and the binary's data, so
/// it never goes stale. Bounded by entries, by a cost such as bytes, or both;
/// when the next answer would not fit, it starts over: simple, and a server's
/// popular queries come back quickly.
public final class AnswerCache<Answer: Sendable>: Sendable {
    @usableFromInline struct Contents {
        @usableFromInline var answers: [AnswerKey: Answer] = [:]
        @usableFromInline var cost = 0
        @usableFromInline init() {}
    }

    /// At most this many answers; 0 keeps nothing.
    public let maxEntries: Int
    /// At most this total cost; an answer costing more than this is not kept.
    public let maxCost: Int
    private let cost: @Sendable (Answer) -> Int
    @usableFromInline let contents = Mutex(Contents())

    public init(maxEntries: Int = .max, maxCost: Int = .max, cost: @escaping @Sendable (Answer) -> Int = { _ in 0 }) {
        self.maxEntries = max(0, maxEntries)
        self.maxCost = max(0, maxCost)
        self.cost = cost
    }

    public var count: Int { contents.withLock { $0.answers.count } }
    public var totalCost: Int { contents.withLock { $0.cost } }

    // Inlinable, so that a server's lookup is specialized for its `Answer`:
    // unspecialized, each one looked up generic metadata at run time.
    @inlinable public func answer(for key: AnswerKey) -> Answer? {
        contents.withLock { $0.answers[key] }
    }

    /// Keeps `answer` unless it alone is over the bounds; returns the count after.
    @discardableResult
    public func store(_ answer: Answer, for key: AnswerKey) -> Int {
        let size = cost(answer)
        return contents.withLock { contents in
            guard maxEntries > 0, size <= maxCost else { return contents.answers.count }
            if let old = contents.answers[key] {
                contents.cost -= cost(old)
            } else if contents.answers.count >= maxEntries {
                contents = Contents()
            }
            if contents.cost + size > maxCost { contents = Contents() }
            contents.answers[key] = answer
            contents.cost += size
            return contents.answers.count
        }
    }
}
