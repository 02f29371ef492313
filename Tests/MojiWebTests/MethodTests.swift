import Testing

@Suite("MojiWeb HTTP methods")
struct MethodTests {
    /// The header lines without `Date`, which changes from one answer to the next.
    static func headers(_ response: RawResponse) -> [String] {
        response.head.split(separator: "\r\n").dropFirst().map { $0.lowercased() }.filter { !$0.hasPrefix("date:") }
            .sorted()
    }

    @Test(
        "HEAD answers GET's status and headers, Content-Length included, with no body",
        arguments: ["/", "/docs", "/openapi.json", "/openapi.yaml", "/health", "/search?q=cat%20face", "/search"])
    func headMirrorsGet(target: String) async throws {
        try await makeApp().test(.live) { client in
            let port = try #require(client.port)
            let get = try await rawGet(port: port, target: Array(target.utf8))
            let head = try await rawGet(port: port, target: Array(target.utf8), method: "HEAD")
            #expect(head.status == get.status)
            #expect(head.body.isEmpty)
            #expect(Self.headers(head) == Self.headers(get))
            #expect(Self.headers(head).contains("content-length: \(get.body.utf8.count)"))
        }
    }

    @Test(
        "Another method on a known path is 405 with Allow; an unknown path stays 404",
        arguments: ["POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "QUERY", "PROPFIND"])
    func undeclaredMethods(method: String) async throws {
        try await makeApp().test(.live) { client in
            let port = try #require(client.port)
            for target in ["/search?q=cat", "/", "/openapi.json", "/health"] {
                let response = try await rawGet(port: port, target: Array(target.utf8), method: method)
                #expect(response.status == 405, "\(method) \(target)")
                #expect(Self.headers(response).contains("allow: get, head"), "\(method) \(target): \(response.head)")
                #expect(response.body == #"{"detail":"Method Not Allowed"}"#)
            }
            let unknown = try await rawGet(port: port, target: Array("/nowhere".utf8), method: method)
            #expect(unknown.status == 404)
        }
    }
}
