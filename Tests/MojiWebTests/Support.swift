import CharIndex
import CharIndexData
import Foundation
import Hummingbird
import HummingbirdTesting
import MojiWeb
import NIOCore
import NIOPosix
import TestSupport
import Testing

/// The finder that `mojifinder web` serves.
let unicodeFinder = Finder(index: .unicodePreloaded, unicodeVersion: InvertedIndex.unicodeVersion)

/// The application exactly as `mojifinder web --port 0` builds it.
func makeApp(cacheEntries: Int = 1024) throws -> some ApplicationProtocol {
    try buildApplication(
        WebOptions(hostname: "127.0.0.1", port: 0, logLevel: .warning, cacheEntries: cacheEntries),
        finder: unicodeFinder)
}

/// What the CLI prints for `query`, as `(char, name)` pairs: the API must agree.
func cliResults(_ query: String) -> [[String: String]] {
    InvertedIndex.unicode.search(query).map { ["char": String(Character($0)), "name": $0.properties.name ?? ""] }
}

func decodeResults(_ buffer: ByteBuffer) throws -> [[String: String]] {
    try JSONDecoder().decode([[String: String]].self, from: Data(buffer: buffer))
}

func jsonObject(_ text: String) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
}

/// The package root, for files the tests read or run.
let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Sends `bytes` as they are over a new TCP connection to 127.0.0.1:`port`
/// and returns everything the server sends back until it closes. Lets a test
/// put bytes in the request target that no HTTP client library would send.
func rawExchange(port: Int, bytes: [UInt8]) async throws -> [UInt8] {
    try await withTimeout(.seconds(10), "raw exchange") {
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        return try await channel.executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(bytes: bytes))
            var received: [UInt8] = []
            for try await chunk in inbound { received += Array(buffer: chunk) }
            return received
        }
    }
}

/// A raw HTTP/1.1 answer split into status, headers and body.
struct RawResponse {
    var status: Int
    var head: String
    var body: String

    init(_ bytes: [UInt8]) throws {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else { throw TestFailure("incomplete response: \(text)") }
        head = String(text[..<split.lowerBound])
        body = String(text[split.upperBound...])
        status = Int(head.split(separator: " ").dropFirst().first ?? "") ?? 0
    }
}

func rawGet(port: Int, target: [UInt8], method: String = "GET") async throws -> RawResponse {
    let request =
        Array("\(method) ".utf8) + target
        + Array(" HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8)
    return try RawResponse(try await rawExchange(port: port, bytes: request))
}
