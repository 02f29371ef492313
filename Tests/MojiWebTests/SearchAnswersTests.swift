import CharIndex
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import MojiWeb

/// One answer of `fixtures/search-answers.json`, recorded from the server
/// that answered `/search` through the generated OpenAPI handler and
/// `JSONEncoder` (`python/record_search_answers.py`).
struct RecordedAnswer: Decodable {
    /// The raw request, `Connection: close` included.
    var request: String
    /// Status line and headers, without `Date`.
    var head: String
    /// The body, base64.
    var body: String

    static func all() throws -> [RecordedAnswer] {
        let url = packageRoot.appendingPathComponent("Tests/MojiWebTests/fixtures/search-answers.json")
        return try JSONDecoder().decode([RecordedAnswer].self, from: Data(contentsOf: url))
    }
}

/// A raw answer split as the recorder splits it: the head without `Date`, and the body bytes.
func headAndBody(_ bytes: [UInt8]) -> (head: String, body: [UInt8]) {
    let end = Array("\r\n\r\n".utf8)
    guard
        let split = (0...max(0, bytes.count - end.count)).first(where: { bytes[$0..<$0 + end.count].elementsEqual(end) }
        )
    else { return (String(decoding: bytes, as: UTF8.self), []) }
    let lines = String(decoding: bytes[..<split], as: UTF8.self).components(separatedBy: "\r\n")
    let head = lines.filter { !$0.lowercased().hasPrefix("date:") }.joined(separator: "\r\n")
    return (head, Array(bytes[(split + end.count)...]))
}

@Suite("/search answers, byte for byte")
struct SearchAnswersTests {
    /// Status line, headers and body of every recorded request, with and
    /// without the answer cache; with it, each request is sent twice, so the
    /// second answer comes from the cache.
    @Test("Every recorded answer is given again, byte for byte", arguments: [0, 4096])
    func recordedAnswers(cacheEntries: Int) async throws {
        let recorded = try RecordedAnswer.all()
        #expect(recorded.count > 100)
        try await makeApp(cacheEntries: cacheEntries).test(.live) { client in
            let port = try #require(client.port)
            for _ in 1...(cacheEntries > 0 ? 2 : 1) {
                for entry in recorded {
                    let request = entry.request.prefix { $0 != "\r" }
                    let (head, body) = headAndBody(try await rawExchange(port: port, bytes: Array(entry.request.utf8)))
                    #expect(head == entry.head, "\(request)")
                    let expected = try #require(Data(base64Encoded: entry.body))
                    #expect(Data(body) == expected, "\(request): \(String(decoding: body.prefix(300), as: UTF8.self))")
                }
            }
        }
    }

    /// The spec's `CharName`, filled in as the former generated handler did.
    static func charName(_ scalar: Unicode.Scalar, details: Bool) -> Components.Schemas.CharName {
        let all = ScalarDetails(scalar)
        guard details else { return .init(char: all.char, name: all.name) }
        return .init(
            char: all.char, name: all.name, code: all.code, category: all.category, age: all.age, utf8: all.utf8,
            html: all.html)
    }

    @Test("AnswerJSON writes what JSONEncoder wrote for the spec's [CharName], for every scalar")
    func everyScalar() throws {
        let details = false
        let json = AnswerJSON()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let scalars = (0...0x10_FFFF).compactMap(Unicode.Scalar.init)
        // In slices, so a difference names its scalar and memory stays small.
        for start in stride(from: 0, to: scalars.count, by: 4096) {
            let slice = scalars[start..<min(start + 4096, scalars.count)]
            let written = Data(buffer: json.body(for: slice, details: details))
            guard written != (try encoder.encode(slice.map { Self.charName($0, details: details) })) else { continue }
            let first = try #require(
                slice.first { scalar in
                    Data(buffer: json.body(for: [scalar], details: details))
                        != (try? encoder.encode([Self.charName(scalar, details: details)]))
                })
            Issue.record(
                "U+\(String(first.value, radix: 16)): \(String(buffer: json.body(for: [first], details: details)))")
            return
        }
    }

    /// `fields=details` has the CLI's one shape: the spec's fields, in the
    /// CLI's key order, `age` null when unassigned.
    @Test("Details decode as the spec's [CharName], for every scalar, in the CLI's key order")
    func everyScalarWithDetails() throws {
        let json = AnswerJSON()
        let scalars = (0...0x10_FFFF).compactMap(Unicode.Scalar.init)
        for start in stride(from: 0, to: scalars.count, by: 4096) {
            let slice = scalars[start..<min(start + 4096, scalars.count)]
            let decoded = try JSONDecoder().decode(
                [Components.Schemas.CharName].self, from: Data(buffer: json.body(for: slice, details: true)))
            #expect(
                decoded == slice.map { Self.charName($0, details: true) },
                "from U+\(String(slice[slice.startIndex].value, radix: 16))")
        }
        let unassigned = String(buffer: json.body(for: ["\u{378}"], details: true))
        #expect(
            unassigned
                == #"[{"char":"\#u{378}","name":"<unassigned-0378>","code":"U+0378","category":"Cn","age":null,"utf8":"CD B8","html":"&#x0378;"}]"#
        )
    }

    @Test("Answers decode as the spec's [CharName]")
    func specTypes() async throws {
        try await makeApp().test(.router) { client in
            for query in ["cat%20face", "cat%20face&fields=details", "U%2B0000..U%2B0020%20%2F", "xyzzy"] {
                try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                    #expect(response.status == .ok)
                    let found = try JSONDecoder().decode(
                        [Components.Schemas.CharName].self, from: Data(buffer: response.body))
                    #expect(found.allSatisfy { ($0.code != nil) == query.hasSuffix("details") }, "\(query)")
                }
            }
        }
    }
}
