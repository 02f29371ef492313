import CharIndex
import CharIndexData
import MojiAnswers
import Testing

@testable import MojiTCP

@Suite("mojifinder tcp: characters, code points and ranges", .timeLimit(.minutes(1)))
struct QueryFormsTests {
    /// The index's answer to `text` as the server writes it.
    func answer(_ text: String) throws -> String {
        SearchReport.text(for: InvertedIndex.unicode.search(try Query(text)), lineEnding: "\r\n") + "?> "
    }

    @Test("a pasted character, a code point and a range are listed; prefix stays off")
    func forms() async throws {
        try await withServer { port, _ in
            try await withClient(port: port) { client in
                #expect(try await client.read() == "?> ")
                try await client.send("é🐱\r\n")
                let identified = try await client.read()
                #expect(identified == (try answer("é🐱")))
                #expect(identified.hasPrefix("U+00E9\té\tLATIN SMALL LETTER E WITH ACUTE\r\nU+1F431\t🐱\tCAT FACE\r\n"))
                try await client.send("U+2190..U+2193\r\n")
                let arrows = try await client.read()
                #expect(arrows == (try answer("U+2190..U+2193")))
                #expect(arrows.contains(" 4 found\r\n"))
                try await client.send("cat fa\r\n")
                #expect(try await client.read() == String(repeating: "─", count: 66) + " 0 found\r\n?> ")
            }
        }
    }

    @Test("a range past the limit gets one line telling the limit; the session goes on")
    func rangeLimit() async throws {
        try await withServer { port, log in
            try await withClient(port: port) { client in
                #expect(try await client.read() == "?> ")
                try await client.send("U+0000..U+10FFFF\r\n")
                let reply = try await client.read()
                #expect(reply.hasPrefix("Error: "))
                #expect(reply.contains("at most \(Query.defaultRangeLimit)"))
                #expect(reply.hasSuffix("\r\n?> "))
                #expect(reply.components(separatedBy: "\r\n").count == 2)
                try await client.send("cat face\r\n")
                #expect("?> " + (try await client.read()) == catFaceTranscript)
            }
            #expect(try await log.waitForLine(startingWith: "Close "))
        }
    }
}
