import CharIndex
import CharIndexData
import CompressNIO
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MojiWeb
import Testing

/// `/search` beyond exact words: prefix, identify, code points, details, gzip.
@Suite("MojiWeb search forms")
struct SearchFormsTests {
    /// The index's answer to `text`, as the API's `(char, name)` pairs.
    func expected(_ text: String, prefix: Bool = false) throws -> [[String: String]] {
        InvertedIndex.unicode.search(try Query(text, prefix: prefix)).map {
            ["char": String(Character($0)), "name": $0.displayName]
        }
    }

    @Test("prefix=true lets the last word match a prefix; without it the words are exact")
    func prefix() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=cat%20fa&prefix=true", method: .get) { response in
                #expect(response.status == .ok)
                let found = try decodeResults(response.body)
                #expect(found == (try expected("cat fa", prefix: true)))
                #expect(found.contains(["char": "🐱", "name": "CAT FACE"]))
            }
            for flag in ["", "&prefix=false", "&prefix=0"] {
                try await client.execute(uri: "/search?q=cat%20fa\(flag)", method: .get) { response in
                    #expect(String(buffer: response.body) == "[]")
                }
            }
            let exact = try await client.execute(uri: "/search?q=cat%20fa", method: .get) { $0.headers[.eTag] }
            try await client.execute(uri: "/search?q=cat%20fa&prefix=yes", method: .get) { response in
                #expect(response.headers[.eTag] != exact)
                let found = try decodeResults(response.body)
                #expect(found == (try expected("cat fa", prefix: true)))
            }
        }
    }

    @Test("A pasted character is identified: /search?q=🐱 is CAT FACE; é🐱 lists both in order")
    func identify() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=%F0%9F%90%B1", method: .get) { response in
                #expect(String(buffer: response.body) == #"[{"char":"🐱","name":"CAT FACE"}]"#)
            }
            try await client.execute(uri: "/search?q=%C3%A9%F0%9F%90%B1%C3%A9", method: .get) { response in
                let found = try decodeResults(response.body)
                #expect(found.map { $0["char"] } == ["é", "🐱", "é"])
                #expect(found[0]["name"] == "LATIN SMALL LETTER E WITH ACUTE")
            }
            try await client.execute(uri: "/search?q=%07", method: .get) { response in
                let found = try decodeResults(response.body)
                #expect(found == [["char": "\u{7}", "name": "<control-0007>"]])
            }
        }
    }

    @Test("U+XXXX and U+XXXX..U+YYYY list code points; past 4096 is a 422 naming q")
    func codePoints() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=U%2B2190..U%2B2193", method: .get) { response in
                let found = try decodeResults(response.body)
                #expect(found.map { $0["char"] } == ["←", "↑", "→", "↓"])
                #expect(found == (try expected("U+2190..U+2193")))
            }
            try await client.execute(uri: "/search?q=u%2B1f431", method: .get) { response in
                #expect(String(buffer: response.body) == #"[{"char":"🐱","name":"CAT FACE"}]"#)
            }
            for (query, type) in [("U%2B0000..U%2B1000", "value_error"), ("U%2B12", "value_error")] {
                try await client.execute(uri: "/search?q=\(query)", method: .get) { response in
                    #expect(response.status.code == 422)
                    let body = try #require(try jsonObject(String(buffer: response.body)) as? [String: Any])
                    let detail = try #require((body["detail"] as? [[String: Any]])?.first)
                    #expect(detail["type"] as? String == type)
                    #expect(detail["loc"] as? [String] == ["query", "q"])
                    #expect((detail["msg"] as? String)?.hasPrefix("Value error, ") == true)
                }
            }
            try await client.execute(uri: "/search?q=U%2B0000..U%2B1000", method: .get) { response in
                #expect(String(buffer: response.body).contains("at most 4096"))
            }
        }
    }

    @Test("fields=details adds code, category, age, utf8 and html; bad prefix or fields are 422")
    func details() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/search?q=%F0%9F%90%B1&fields=details", method: .get) { response in
                let found = try #require(try jsonObject(String(buffer: response.body)) as? [[String: String]])
                let cat = ScalarDetails("🐱")
                #expect(
                    found == [
                        [
                            "char": cat.char, "name": cat.name, "code": cat.code, "category": cat.category,
                            "age": try #require(cat.age), "utf8": cat.utf8, "html": cat.html,
                        ]
                    ])
            }
            try await client.execute(uri: "/search?q=%F0%9F%90%B1&fields=name", method: .get) { response in
                #expect(String(buffer: response.body) == #"[{"char":"🐱","name":"CAT FACE"}]"#)
            }
            // As in FastAPI, an empty value is neither a boolean nor one of the fields (the /docs page leaves them out).
            for (query, name, type) in [
                ("prefix=maybe", "prefix", "bool_parsing"), ("fields=all", "fields", "enum"),
                ("prefix=", "prefix", "bool_parsing"), ("fields=", "fields", "enum"),
            ] {
                try await client.execute(uri: "/search?q=cat&\(query)", method: .get) { response in
                    #expect(response.status.code == 422)
                    let body = try #require(try jsonObject(String(buffer: response.body)) as? [String: Any])
                    let detail = try #require((body["detail"] as? [[String: Any]])?.first)
                    #expect(detail["type"] as? String == type)
                    #expect(detail["loc"] as? [String] == ["query", name])
                }
            }
        }
    }

    @Test("Answers over 1 kB are gzip for clients that accept it, with their own ETag", arguments: [0, 1024])
    func gzip(cacheEntries: Int) async throws {
        try await makeApp(cacheEntries: cacheEntries).test(.router) { client in
            let plain = try await client.execute(uri: "/search?q=arrow", method: .get) { response in
                #expect(response.headers[.vary] == "Accept-Encoding")
                #expect(response.headers[.contentEncoding] == nil)
                // The headers of a plain answer, in the order they have always had.
                let names = response.headers.map(\.name.canonicalName).filter { $0 != "date" && $0 != "server" }
                #expect(names == ["etag", "cache-control", "content-type", "content-length", "vary"])
                #expect(response.headers[.contentLength] == String(response.body.readableBytes))
                return (body: response.body, etag: try #require(response.headers[.eTag]))
            }
            #expect(plain.body.readableBytes > 1024)
            let accept: HTTPFields = [.acceptEncoding: "br;q=1.0, gzip;q=0.8"]
            // Twice: the second answer may come from the cache.
            for _ in 0..<2 {
                let gzipETag = try await client.execute(uri: "/search?q=arrow", method: .get, headers: accept) {
                    response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == "gzip")
                    #expect(response.headers[.vary] == "Accept-Encoding")
                    #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                    var body = response.body
                    #expect(body.readableBytes < plain.body.readableBytes / 2)
                    #expect(try body.decompress(with: .gzip()) == plain.body)
                    return try #require(response.headers[.eTag])
                }
                #expect(gzipETag == String(plain.etag.dropLast()) + "-gzip\"")
                // Each form revalidates with its own ETag.
                for etag in [gzipETag, plain.etag] {
                    var headers = accept
                    headers[.ifNoneMatch] = etag
                    try await client.execute(uri: "/search?q=arrow", method: .get, headers: headers) { response in
                        #expect(response.status == .notModified)
                        #expect(response.headers[.eTag] == etag)
                        #expect(response.headers[.vary] == "Accept-Encoding")
                    }
                }
                try await client.execute(uri: "/search?q=arrow", method: .get, headers: [.ifNoneMatch: gzipETag]) {
                    response in
                    #expect(response.status == .ok)
                    #expect(response.headers[.contentEncoding] == nil)
                }
            }
            for refusal in ["gzip;q=0", "identity", "*;q=0", "br"] {
                try await client.execute(uri: "/search?q=arrow", method: .get, headers: [.acceptEncoding: refusal]) {
                    response in
                    #expect(response.headers[.contentEncoding] == nil, "\(refusal)")
                    #expect(response.body == plain.body)
                }
            }
            // Small answers stay as they are.
            try await client.execute(uri: "/search?q=cat%20face", method: .get, headers: accept) { response in
                #expect(response.headers[.contentEncoding] == nil)
                #expect(response.headers[.vary] == "Accept-Encoding")
                let found = try decodeResults(response.body)
                #expect(found == cliResults("cat face"))
            }
        }
    }
}
