import CharIndex
import MojiAnswers
import NIOCore

/// The bytes of one answer, built a chunk at a time: the result lines, then
/// the status line and the prompt. A session asks for the next chunk only
/// when the client has taken the previous ones, so a slow reader of a long
/// answer holds back the building, not the memory.
struct AnswerChunks {
    /// How many results the answer has; the log and the metrics count them.
    let count: Int
    private var rest: Rest

    private enum Rest {
        case lines(SearchAnswer.Iterator, remaining: Int, perChunk: Int)
        case bytes(ByteBuffer)
        case done
    }

    /// An answer whose bytes are already built, such as one from the cache.
    init(bytes: ByteBuffer, count: Int) {
        self.count = count
        rest = .bytes(bytes)
    }

    /// The answer to `results`, `linesPerChunk` result lines per chunk.
    init(results: SearchAnswer, linesPerChunk: Int = 256) {
        count = results.count
        rest = .lines(results.makeIterator(), remaining: count, perChunk: max(1, linesPerChunk))
    }

    var isFinished: Bool {
        if case .done = rest { return true }
        return false
    }

    /// The next chunk; nil once the prompt was given.
    mutating func next() -> ByteBuffer? {
        switch rest {
        case .done:
            return nil
        case .bytes(let bytes):
            rest = .done
            return bytes
        case .lines(var results, let remaining, let perChunk):
            let lines = min(remaining, perChunk)
            var chunk = ByteBuffer()
            for _ in 0..<lines {
                guard let scalar = results.next() else { break }
                chunk.writeString(SearchReport.line(for: scalar))
                chunk.writeString(Messages.crlf)
            }
            if remaining == lines {
                chunk.writeString(SearchReport.status(count: count))
                chunk.writeString(Messages.crlf)
                chunk.writeString(Messages.prompt)
                rest = .done
            } else {
                rest = .lines(results, remaining: remaining - lines, perChunk: perChunk)
            }
            return chunk
        }
    }

    /// All the remaining bytes in one buffer.
    mutating func joined() -> ByteBuffer {
        var all = ByteBuffer()
        while var chunk = next() { all.writeBuffer(&chunk) }
        return all
    }
}
