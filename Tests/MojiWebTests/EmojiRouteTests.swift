import EmojiIndex
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import MojiWeb
import Testing

@Suite("MojiWeb /emoji, /identify and /emoji/languages")
struct EmojiRouteTests {
    func objects(_ buffer: ByteBuffer) throws -> [[String: String?]] {
        try JSONDecoder().decode([[String: String?]].self, from: Data(buffer: buffer))
    }

    @Test(
        "GET /emoji finds by CLDR names and keywords, in any language",
        arguments: [
            ("q=portugal", "🇵🇹", "flag: Portugal"), ("q=flag%20portugal", "🇵🇹", "flag: Portugal"),
            ("q=sorriso&lang=pt", "😄", "rosto risonho com olhos sorridentes"), ("q=Daumen&lang=de", "👍", "Daumen hoch"),
            ("q=flag%20portu&prefix=true", "🇵🇹", "flag: Portugal"), ("q=family", "👪", "family"),
        ])
    func emoji(query: String, emoji: String, name: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/emoji?\(query)", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.eTag] != nil)
                let found = try objects(response.body)
                #expect(found.contains { $0["emoji"] == emoji && $0["name"] == name }, "\(found.prefix(5))")
                #expect(found.allSatisfy { Set($0.keys) == ["emoji", "name", "code", "group", "subgroup"] })
            }
        }
    }

    @Test("Skin tones are folded unless tones=true")
    func tones() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/emoji?q=thumbs%20up", method: .get) { response in
                let found = try objects(response.body).map { $0["emoji"] }
                #expect(found == ["👍"])
            }
            try await client.execute(uri: "/emoji?q=thumbs%20up&tones=1", method: .get) { response in
                let found = try objects(response.body)
                #expect(found.count == 6)
            }
        }
    }

    @Test("GET /identify lists a sequence as one part and other characters by code point")
    func identify() async throws {
        try await makeApp().test(.router) { client in
            let text = "👨‍👩‍👧é".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            try await client.execute(uri: "/identify?q=\(text)", method: .get) { response in
                #expect(response.status == .ok)
                let parts = try objects(response.body)
                #expect(parts.count == 2)
                #expect(parts.first?["name"] == "family: man, woman, girl")
                #expect(parts.first?["code"] == "U+1F468 U+200D U+1F469 U+200D U+1F467")
                #expect(parts.last?["char"] == "é" && parts.last?["category"] == "Ll")
            }
        }
    }

    @Test(
        "Bad parameters are FastAPI's 422",
        arguments: [
            ("/emoji", "missing"), ("/emoji?q=x&lang=zz", "value_error"), ("/emoji?q=x&prefix=maybe", "bool_parsing"),
            ("/identify?lang=pt", "missing"), ("/identify?q=%FF", "string_unicode"),
        ])
    func unprocessable(uri: String, type: String) async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .unprocessableContent)
                #expect(
                    String(buffer: response.body).contains(#""type":"\#(type)""#), "\(String(buffer: response.body))")
            }
        }
    }

    @Test("ETag, 304, gzip and HEAD as /search has them")
    func caching() async throws {
        try await makeApp().test(.router) { client in
            let etag = try await client.execute(uri: "/emoji?q=smile", method: .get) { $0.headers[.eTag] }
            let tag = try #require(etag)
            try await client.execute(uri: "/emoji?q=smile", method: .get, headers: [.ifNoneMatch: tag]) { response in
                #expect(response.status == .notModified)
            }
            try await client.execute(uri: "/emoji?q=face", method: .get, headers: [.acceptEncoding: "gzip"]) {
                #expect($0.headers[.contentEncoding] == "gzip")
                #expect($0.headers[.vary] == "Accept-Encoding")
            }
            try await client.execute(uri: "/emoji?q=smile", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            let other = try await client.execute(uri: "/emoji?q=smile&lang=pt", method: .get) { $0.headers[.eTag] }
            #expect(other != etag)
        }
    }

    @Test("GET /emoji/languages lists every CLDR locale with its names")
    func languages() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/emoji/languages", method: .get) { response in
                let languages = try objects(response.body)
                #expect(languages.count > 100)
                #expect(languages.contains { $0["code"] == "pt" && $0["nativeName"] == "português" })
            }
        }
    }

    @Test("The OpenAPI document's lang values are the binary's languages")
    func specLanguages() async throws {
        try await makeApp().test(.router) { client in
            try await client.execute(uri: "/openapi.json", method: .get) { response in
                let spec = try #require(try jsonObject(String(buffer: response.body)) as? [String: Any])
                let paths = try #require(spec["paths"] as? [String: [String: Any]])
                for path in ["/emoji", "/identify"] {
                    let get = try #require(paths[path]?["get"] as? [String: Any])
                    let parameters = try #require(get["parameters"] as? [[String: Any]])
                    let lang = try #require(parameters.first { $0["name"] as? String == "lang" })
                    let values = (lang["schema"] as? [String: Any])?["enum"] as? [String]
                    #expect(values == EmojiLocale.all.map(\.code), "\(path)")
                }
            }
        }
    }
}
