import Hummingbird
import MojiAnswers
import Prometheus
import ServerMetrics

/// A `/search` answer as sent: its ETag and its body, identity or gzip.
struct EncodedAnswer: Sendable {
    let etag: String
    let body: ByteBuffer

    /// Bodies bigger than this are not kept (q=cjk is 5 MB).
    static let largestCached = 64 * 1024
}

/// The identity answers' cache with its figures on `/metrics`: hits, misses
/// and entries. (The gzip forms' cache is not counted.)
struct CountedAnswerCache: Sendable {
    let answers: AnswerCache<EncodedAnswer>
    private let hits: Prometheus.Counter?
    private let misses: Prometheus.Counter?
    private let entries: Prometheus.Gauge?

    init(capacity: Int, metrics: ServerMetrics?) {
        answers = AnswerCache(maxEntries: capacity)
        hits = metrics?.counter(
            "mojifinder", "answer_cache_hits", help: "/search requests answered from the answer cache.")
        misses = metrics?.counter(
            "mojifinder", "answer_cache_misses",
            help: "/search requests the answer cache could not answer (first requests, large answers).")
        entries = metrics?.gauge("mojifinder", "answer_cache_entries", help: "Answers in the answer cache.")
    }

    /// The answer for `key`, counted as a hit or a miss.
    func lookUp(_ key: AnswerKey) -> EncodedAnswer? {
        let answer = answers.answer(for: key)
        if answer == nil { misses?.increment() } else { hits?.increment() }
        return answer
    }

    func store(_ answer: EncodedAnswer, for key: AnswerKey) {
        guard answer.body.readableBytes <= EncodedAnswer.largestCached else { return }
        entries?.set(Int64(answers.store(answer, for: key)))
    }
}
