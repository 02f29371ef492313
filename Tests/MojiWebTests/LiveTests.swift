import CharIndex
import CharIndexData
import Foundation
import Hummingbird
import HummingbirdTesting
import MojiWeb
import PackageVersion
import Testing

@Suite("MojiWeb live server")
struct LiveTests {
    @Test("Over a real socket: search, 422, caching headers")
    func liveSearch() async throws {
        try await makeApp().test(.live) { client in
            let port = try #require(client.port)
            #expect(port != 8080)
            try await client.execute(uri: "/search?q=cat%20face", method: .get) { response in
                #expect(response.status == .ok)
                let found = try decodeResults(response.body)
                #expect(found == cliResults("cat face"))
                #expect(response.headers[.eTag] != nil)
            }
            let missing = try await rawGet(port: port, target: Array("/search".utf8))
            #expect(missing.status == 422)
            #expect(
                missing.body
                    == #"{"detail":[{"type":"missing","loc":["query","q"],"msg":"Field required","input":null}]}"#)
        }
    }

    /// Request targets no client library would send: each must get a 4xx with
    /// a JSON body or a normal result, and the server must go on serving.
    @Test(
        "Raw bad bytes in the request target never give a 5xx",
        arguments: [
            Array("/search?q=%ZZ".utf8),
            Array("/search?q=%".utf8),
            Array("/search?q=%FF%FE".utf8),
            Array("/search?q=".utf8) + [0xFF, 0xFE, 0x80],  // raw bytes that are not UTF-8
            Array("/search?q=".utf8) + Array("é😺".utf8),  // raw UTF-8, not percent-encoded
            Array("/search?q=".utf8) + Array(repeating: UInt8(ascii: "a"), count: 10_240),
            Array("/search?q=".utf8) + Array(String(repeating: "cat%20", count: 1_700).utf8),
            Array("/search?q=cat&q=face&q".utf8),
            Array("/search?&&=&q=cat%20face&".utf8),
        ])
    func rawBadInput(target: [UInt8]) async throws {
        try await makeApp().test(.live) { client in
            let port = try #require(client.port)
            let response = try await rawGet(port: port, target: target)
            let shown = String(decoding: target.prefix(60), as: UTF8.self)
            #expect((200..<500).contains(response.status), "\(shown) → \(response.head)")
            #expect(
                response.head.lowercased().contains("content-type: application/json"), "\(shown) → \(response.head)")
            #expect((try? jsonObject(response.body)) != nil, "\(shown) → body \(response.body.prefix(200))")
            // The server is still serving.
            let after = try await rawGet(port: port, target: Array("/search?q=cat%20face".utf8))
            #expect(after.status == 200)
        }
    }

    @Test("The Server header and /version carry the package version and the Unicode version")
    func liveVersion() async throws {
        try await makeApp().test(.live) { client in
            let version = try await client.execute(uri: "/version", method: .get)
            let expected =
                "mojifinder \(PackageVersion.current) (AsyncNetTools; Unicode \(InvertedIndex.unicodeVersion) names; Emoji 15.0; CLDR 41)\n"
            #expect(version.status == .ok && String(buffer: version.body) == expected)
            #expect(version.headers[.server] == "mojifinder/\(PackageVersion.current)")
            // /health keeps its fixed body.
            let health = try await client.execute(uri: "/health", method: .get)
            #expect(String(buffer: health.body) == "ok\n")
        }
    }

    @Test("If-None-Match over the socket gives 304 with no body")
    func liveNotModified() async throws {
        try await makeApp().test(.live) { client in
            let etag = try await client.execute(uri: "/search?q=cat", method: .get) { try #require($0.headers[.eTag]) }
            try await client.execute(uri: "/search?q=CAT", method: .get, headers: [.ifNoneMatch: etag]) { response in
                #expect(response.status == .notModified)
                #expect(response.body.readableBytes == 0)
            }
        }
    }
}
