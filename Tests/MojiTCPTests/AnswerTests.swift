import CharIndex
import CharIndexData
import NIOCore
import Testing

@testable import MojiTCP

@Suite("mojifinder tcp: built answers, the answer cache and pipelined lines", .timeLimit(.minutes(1)))
struct AnswerTests {
    @Test("an answer built in chunks has the bytes of one built whole", arguments: [1, 7, 256])
    func chunks(linesPerChunk: Int) throws {
        let results = InvertedIndex.unicode.search(try Query("chess"))
        #expect(results.count > 7)
        var chunks = AnswerChunks(results: results, linesPerChunk: linesPerChunk)
        var pieces: [ByteBuffer] = []
        while let chunk = chunks.next() { pieces.append(chunk) }
        #expect(chunks.isFinished)
        #expect(pieces.count == (results.count + linesPerChunk - 1) / linesPerChunk)
        #expect(pieces.map { String(buffer: $0) }.joined() == expectedAnswer("chess"))
    }

    @Test("the server answers from its cache with the bytes it built")
    func cachedAnswer() {
        let server = TCPServer(index: InvertedIndex.unicode, log: .lines(label: "test") { _ in })
        var first = server.answer(to: "cat face")
        #expect(server.answers.count == 1)
        var second = server.answer(to: "cat face")
        #expect(server.answers.count == 1)
        #expect(String(buffer: first.joined()) == catFaceTranscript.dropFirst(3).description)
        #expect(String(buffer: second.joined()) == catFaceTranscript.dropFirst(3).description)
        // The same words in another order or case share the one answer.
        var reordered = server.answer(to: "FACE  cat cat")
        #expect(server.answers.count == 1)
        // Each line as typed finds it again without a parse, sharing its bytes.
        #expect(server.answersByLine.count == 2)
        var again = server.answer(to: "FACE  cat cat")
        #expect(String(buffer: again.joined()) == catFaceTranscript.dropFirst(3).description)
        #expect(String(buffer: reordered.joined()) == catFaceTranscript.dropFirst(3).description)
        // A query the index cannot answer gets its one error line.
        var range = server.answer(to: "U+0000..U+FFFF")
        #expect(range.count == 0)
        #expect(String(buffer: range.joined()).hasPrefix("Error: 'U+0000..U+FFFF' lists too many code points"))
    }

    @Test("answers longer than the cached ones are built for each request, never kept")
    func longAnswerNotKept() {
        let server = TCPServer(index: InvertedIndex.unicode, log: .lines(label: "test") { _ in })
        var answer = server.answer(to: "cjk")
        #expect(answer.count > TCPServer.largestCachedAnswer)
        #expect(server.answers.count == 0)
        #expect(server.answersByLine.count == 0)
        #expect(String(buffer: answer.joined()) == expectedAnswer("cjk"))
    }

    @Test("the cache never holds more bytes than its capacity")
    func cacheBounded() {
        let server = TCPServer(
            index: InvertedIndex.unicode, log: .lines(label: "test") { _ in }, answerCacheBytes: 1000)
        for word in ["cat", "dog", "sun", "moon", "chess", "face", "arrow", "heart"] {
            var answer = server.answer(to: word)
            #expect(String(buffer: answer.joined()) == expectedAnswer(word))
            #expect(server.answers.totalCost <= 1000)
            #expect(server.answersByLine.totalCost <= 1000)
        }
        let none = TCPServer(index: InvertedIndex.unicode, log: .lines(label: "test") { _ in }, answerCacheBytes: 0)
        _ = none.answer(to: "cat face")
        #expect(none.answers.count == 0)
        #expect(none.answersByLine.count == 0)
    }

    @Test("lines sent in one packet are all answered, in order, and logged in pairs")
    func pipelined() async throws {
        try await withServer { port, log in
            let queries = ["cat face", "", "chess black", "sun", "a", "moon", "cat face"]
            try await withClient(port: port) { client in
                #expect(try await client.read() == "?> ")
                try await client.send(queries.map { $0 + "\r\n" }.joined())
                for query in queries {
                    let expected = query.isEmpty ? "?> " : expectedAnswer(query)
                    let answer = try await client.read(through: query.isEmpty ? "?> " : " found\r\n?> ")
                    #expect(answer == expected, "\(query)")
                }
            }
            #expect(try await log.waitForLine(startingWith: "Close "))
            let session = log.all.filter { $0.hasPrefix(" From ") || $0.hasPrefix("   To ") }
            let expected = queries.flatMap { $0.isEmpty ? [" From "] : [" From ", "   To "] }
            #expect(session.map { String($0.prefix(6)) } == expected)
        }
    }
}
