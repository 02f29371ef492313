import AsyncSupport
import Hummingbird
import Prometheus
import ServerMetrics

/// Encoded `/search` answers, keyed by the query's normalized words.
///
/// An answer depends only on the words and the binary's Unicode data, so it
/// never goes stale while the server runs. Repeats are sent from here,
/// skipping the search and the JSON encoding.
final class AnswerCache: Sendable {
    struct Answer: Sendable {
        let etag: String
        let body: ByteBuffer
    }

    /// At most `capacity` answers, starting over when full.
    private let answers: StartOverCache<Answer>
    /// Answers bigger than this are not kept (q=cjk is 5 MB).
    static let largestBody = 64 * 1024
    private let hits: Prometheus.Counter?
    private let misses: Prometheus.Counter?
    private let entries: Prometheus.Gauge?

    /// With `metrics`, lookups and size are counted there; the gzip forms' cache is not counted.
    init(capacity: Int, metrics: ServerMetrics? = nil) {
        answers = StartOverCache(maxEntries: capacity)
        hits = metrics?.counter(
            "mojifinder", "answer_cache_hits", help: "/search requests answered from the answer cache.")
        misses = metrics?.counter(
            "mojifinder", "answer_cache_misses",
            help: "/search requests the answer cache could not answer (first requests, large answers).")
        entries = metrics?.gauge("mojifinder", "answer_cache_entries", help: "Answers in the answer cache.")
    }

    /// The answer for `key`, counted as a hit or a miss.
    func lookUp(_ key: String) -> Answer? {
        let answer = answers.value(for: key)
        if answer == nil { misses?.increment() } else { hits?.increment() }
        return answer
    }

    func store(_ answer: Answer, for key: String) {
        guard answer.body.readableBytes <= Self.largestBody else { return }
        entries?.set(Int64(answers.store(answer, for: key)))
    }
}
