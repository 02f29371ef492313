import AsyncHTTPClient
import FlagsServer
import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import TestSupport

struct Fetched: Sendable {
    var status: Int
    var headers: HTTPHeaders
    var body: [UInt8]
    var text: String { String(decoding: body, as: UTF8.self) }
}

/// Runs `body` with a client allowed `connections` connections to one host
/// (AsyncHTTPClient's default is 8), and always shuts it down.
func withClient<T: Sendable>(
    connections: Int = 16, _ body: (HTTPClient) async throws -> T
) async throws -> T {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = connections
    configuration.timeout = .init(connect: .seconds(20), read: .seconds(30))
    let client = HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    do {
        let result = try await body(client)
        try await client.shutdown()
        return result
    } catch {
        try? await client.shutdown()
        throw error
    }
}

func fetch(_ client: HTTPClient, _ url: String, method: HTTPMethod = .GET) async throws -> Fetched {
    var request = HTTPClientRequest(url: url)
    request.method = method
    let response = try await client.execute(request, timeout: .seconds(30))
    let body = try await response.body.collect(upTo: 16 << 20)
    return Fetched(status: Int(response.status.code), headers: response.headers, body: Array(buffer: body))
}

/// Sends the request line exactly as given, which no URL-parsing client
/// guarantees, and returns the whole raw response.
func rawRequest(port: Int, path: String, method: String = "GET") async throws -> String {
    let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .connectTimeout(.seconds(10))
        .connect(host: "127.0.0.1", port: port) { channel in
            channel.eventLoop.makeCompletedFuture {
                try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
            }
        }
    return try await channel.executeThenClose { inbound, outbound in
        try await outbound.write(
            ByteBuffer(string: "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"))
        var text = ""
        for try await chunk in inbound {
            text += String(buffer: chunk)
        }
        return text
    }
}

func statusCode(ofRaw response: String) -> Int? {
    let parts = response.prefix(while: { $0 != "\r" }).split(separator: " ")
    return parts.count >= 2 ? Int(parts[1]) : nil
}
