import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MojiWeb
import Testing

@Suite("MojiWeb router")
struct RouterTests {
    @Test("GET /search answers the CLI's results as JSON, in code-point order")
    func searchCatFace() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=cat%20face", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
                let found = try decodeResults(response.body)
                #expect(found == cliResults("cat face"))
                #expect(found.count == 10)
                #expect(found.contains(["char": "😺", "name": "SMILING CAT FACE WITH OPEN MOUTH"]))
                let codes = found.compactMap { $0["char"]?.unicodeScalars.first?.value }
                #expect(codes == codes.sorted())
                // Compact, FastAPI-shaped objects: char first, then name.
                #expect(String(buffer: response.body).hasPrefix(#"[{"char":"🐱","name":"CAT FACE"},"#))
            }
        }
    }

    @Test(
        "Words are case-insensitive, '-' is a space, and '+' in a form query is a space",
        arguments: ["CAT+face", "cat-FACE", "face%20%20cat", "%20cat%09face%20"])
    func sameWords(query: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                #expect(response.status == .ok)
                let found = try decodeResults(response.body)
                #expect(found == cliResults("cat face"))
            }
        }
    }

    @Test("An empty or blank q finds nothing", arguments: ["q=", "q=%20%20", "q=+", "q"])
    func emptyQuery(query: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?\(query)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "[]")
            }
        }
    }

    @Test(
        "Encoded # & + are read as characters: listed first, then the words' results",
        arguments: [
            ("cat%20face%20%23", "#"), ("cat%20face%20%26", "&"), ("cat%20face%20%2B", "+"), ("cat%20face&q=%2B", "+"),
        ])
    func encodedPunctuation(query: String, literal: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                #expect(response.status == .ok)
                let found = try decodeResults(response.body)
                let words = query.hasSuffix("%2B") && query.contains("&q=") ? [] : cliResults("cat face")
                let name = try #require(literal.unicodeScalars.first?.properties.name)
                #expect(found == [["char": literal, "name": name]] + words)
            }
        }
    }

    @Test(
        "A missing q gives 422 with FastAPI's body, byte for byte",
        arguments: ["/search", "/search?x=1", "/search?qq=cat"])
    func missingQuery(uri: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status.code == 422)
                #expect(response.headers[.contentType] == "application/json")
                #expect(
                    String(buffer: response.body)
                        == #"{"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]}"#)
            }
        }
    }

    @Test(
        "Malformed percent-encoding and non-UTF-8 bytes give 422 string_unicode",
        arguments: ["%ZZ", "cat%", "cat%4", "%FF", "%C3%28", "%ED%A0%80"])
    func badEncoding(query: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                #expect(response.status.code == 422)
                let body = try #require(try jsonObject(String(buffer: response.body)) as? [String: Any])
                let detail = try #require((body["detail"] as? [[String: Any]])?.first)
                #expect(detail["type"] as? String == "string_unicode")
                #expect(detail["loc"] as? [String] == ["query", "q"])
                #expect(detail["input"] as? String == query)
            }
        }
    }

    @Test("A 10 kB q gives 422 string_too_long; 1000 characters are still searched")
    func longQuery() async throws {
        try await makeApp().test(.router) { client in
            let long = String(repeating: "cat%20", count: 10_240 / 6)
            try await client.execute(uri: "/search?q=\(long)", method: .get) { response in
                #expect(response.status.code == 422)
                let body = try #require(try jsonObject(String(buffer: response.body)) as? [String: Any])
                let detail = try #require((body["detail"] as? [[String: Any]])?.first)
                #expect(detail["type"] as? String == "string_too_long")
                #expect((detail["ctx"] as? [String: Any])?["max_length"] as? Int == 1000)
            }
            let limit = String(repeating: "cat ", count: 250).replacingOccurrences(of: " ", with: "%20")
            try await client.execute(uri: "/search?q=\(limit)", method: .get) { response in
                #expect(response.status == .ok)
                let found = try decodeResults(response.body)
                #expect(found == cliResults("cat"))
            }
        }
    }

    @Test("A repeated q is answered, not a 5xx")
    func repeatedQuery() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=cat&q=face", method: .get) { response in
                #expect(response.status.code < 500)
                #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
            }
        }
    }

    @Test("ETag and Cache-Control; If-None-Match answers 304; the ETag follows the words")
    func caching() async throws {
        try await makeApp().test(.router) { client in
            let etag = try await client.execute(uri: "/search?q=cat%20face", method: .get) { response in
                #expect(response.headers[.cacheControl] == "public, max-age=86400")
                return try #require(response.headers[.eTag])
            }
            #expect(etag.hasPrefix("\"u") && etag.hasSuffix("\""))
            for query in ["FACE%20cat", "cat%20cat%20face", "cat-face"] {
                try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                    #expect(response.headers[.eTag] == etag)
                }
            }
            try await client.execute(uri: "/search?q=cat", method: .get) { response in
                #expect(response.headers[.eTag] != etag)
            }
            for header in [etag, "W/\(etag)", "\"other\", \(etag)", "*"] {
                try await client.execute(
                    uri: "/search?q=face%20cat", method: .get, headers: [.ifNoneMatch: header]
                ) { response in
                    #expect(response.status == .notModified)
                    #expect(response.body.readableBytes == 0)
                    #expect(response.headers[.eTag] == etag)
                    #expect(response.headers[.cacheControl] != nil)
                }
            }
            try await client.execute(uri: "/search?q=cat", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("Answers from the cache are the handler's answers, byte for byte", arguments: [0, 1024])
    func cachedAnswers(cacheEntries: Int) async throws {
        try await makeApp(cacheEntries: cacheEntries).test(.router) { client in
            var seen: [(String, String?, String?)] = []
            for query in ["cat%20face", "face+CAT", "cat-face", "cat%20face"] {
                try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    seen.append(
                        (String(buffer: response.body), response.headers[.eTag], response.headers[.cacheControl]))
                }
            }
            #expect(Set(seen.map(\.0)).count == 1 && Set(seen.map(\.1)).count == 1 && Set(seen.map(\.2)).count == 1)
            let first = try decodeResults(ByteBuffer(string: seen[0].0))
            #expect(first == cliResults("cat face"))
            // Different words, different answers, even once the first is cached.
            try await client.execute(uri: "/search?q=cat%20face%20smiling", method: .get) { response in
                let found = try decodeResults(response.body)
                #expect(found == cliResults("smiling cat face"))
            }
            try await client.execute(uri: "/search", method: .get) { response in
                #expect(response.status.code == 422)
            }
        }
    }

    @Test("The page is one self-contained HTML document that encodes the query")
    func page() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                let html = String(buffer: response.body)
                #expect(html.contains("encodeURIComponent(q)"))
                #expect(!html.contains("src=\"http") && !html.contains("<link"))
            }
        }
    }

    @Test("/docs works offline: nothing loaded from another host")
    func docs() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/docs", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("fetch(\"/openapi.json\")"))
                #expect(!html.contains("http://") && !html.contains("https://") && !html.contains("//cdn"))
            }
        }
    }

    @Test("/openapi.yaml is the target's openapi.yaml; /openapi.json is JSON of the same API")
    func openAPIDocuments() async throws {
        let source = try String(
            contentsOf: packageRoot.appendingPathComponent("Sources/MojiWeb/openapi.yaml"), encoding: .utf8)
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/openapi.yaml", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == source, "run scripts/embed-openapi after editing openapi.yaml")
            }
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                #expect(response.headers[.contentType] == "application/json")
                let spec = try #require(try jsonObject(String(buffer: response.body)) as? [String: Any])
                let paths = try #require(spec["paths"] as? [String: Any])
                #expect(paths.keys.sorted() == ["/emoji", "/emoji/languages", "/identify", "/search"])
            }
        }
    }

    @Test("/health is a fixed answer; unknown paths get a JSON 404")
    func healthAndNotFound() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/health", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "ok\n")
            }
            try await client.execute(uri: "/nowhere", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body) == #"{"detail":"Not Found"}"#)
            }
        }
    }
}
