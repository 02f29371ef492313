import CharIndex
import CharIndexData
import Foundation
import Logging
import MojiAnswers
import NIOCore
import NIOPosix
import Synchronization
import TestSupport
import Testing

@testable import MojiTCP

/// Collects the server's log lines so tests can check them.
final class MessageLog: Sendable {
    private let lines = Mutex<[String]>([])

    var logger: Logger { .lines(label: "test") { line in self.lines.withLock { $0.append(line) } } }
    var all: [String] { lines.withLock { $0 } }

    /// Polls until a line with `prefix` shows up; false after the timeout.
    func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(5)) async throws -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if all.contains(where: { $0.hasPrefix(prefix) }) { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}

/// Runs `body` against a live server on a free loopback port, then stops the
/// server by cancellation. Everything is bounded by `timeout`.
func withServer<T: Sendable>(
    limits: TCPServer.Limits = TCPServer.Limits(),
    timeout: Duration = .seconds(20),
    _ body: @escaping @Sendable (_ port: Int, _ log: MessageLog) async throws -> T
) async throws -> T {
    let log = MessageLog()
    let (ports, portSink) = AsyncStream.makeStream(of: Int.self)
    let server = TCPServer(index: InvertedIndex.unicode, host: "127.0.0.1", port: 0, limits: limits, log: log.logger)
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask {
            defer { portSink.finish() }
            try await server.serve { port in portSink.yield(port) }
            return nil
        }
        var portIterator = ports.makeAsyncIterator()
        guard let port = await portIterator.next() else {
            try await group.waitForAll()
            throw TestFailure("server did not bind")
        }
        group.addTask { try await body(port, log) }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw TestFailure("test body")
        }
        while let result = try await group.next() {
            if let result {
                group.cancelAll()
                return result
            }
        }
        throw TestFailure("server stopped early")
    }
}

/// A test client on a real socket: sends bytes and reads until a marker or EOF.
struct Client {
    var input: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    let output: NIOAsyncChannelOutboundWriter<ByteBuffer>
    var pending: [UInt8] = []

    mutating func send(_ text: String) async throws { try await output.write(ByteBuffer(string: text)) }
    mutating func send(bytes: [UInt8]) async throws { try await output.write(ByteBuffer(bytes: bytes)) }

    /// Everything up to and including the first `marker`; throws on EOF first.
    mutating func read(through marker: String = "?> ") async throws -> String {
        let needle = Array(marker.utf8)
        while true {
            if let range = pending.firstRange(of: needle) {
                let text = String(decoding: pending[..<range.upperBound], as: UTF8.self)
                pending.removeSubrange(..<range.upperBound)
                return text
            }
            guard let chunk = try await input.next() else {
                throw TestFailure(
                    "EOF before \(marker.debugDescription); got \(String(decoding: pending, as: UTF8.self).debugDescription)"
                )
            }
            pending += chunk.readableBytesView
        }
    }

    /// Reads at least `count` bytes.
    mutating func read(atLeast count: Int) async throws -> [UInt8] {
        while pending.count < count, let chunk = try await input.next() { pending += chunk.readableBytesView }
        defer { pending = [] }
        return pending
    }

    /// Everything until the server closes the connection.
    mutating func readToEnd() async throws -> String {
        do {
            while let chunk = try await input.next() { pending += chunk.readableBytesView }
        } catch let error as IOError where error.errnoCode == ECONNRESET {
            // A reset after the server's last bytes still ends the session.
        }
        defer { pending = [] }
        return String(decoding: pending, as: UTF8.self)
    }
}

/// Connects to the server and runs `body` with a client; closes afterwards.
func withClient<T: Sendable>(
    port: Int,
    receiveBuffer: Int? = nil,
    _ body: (inout Client) async throws -> T
) async throws -> T {
    var bootstrap = ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
    if let receiveBuffer {
        bootstrap = bootstrap.channelOption(.socketOption(.so_rcvbuf), value: SocketOptionValue(receiveBuffer))
    }
    let channel = try await bootstrap.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: port)) { channel in
        channel.eventLoop.makeCompletedFuture {
            try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
        }
    }
    return try await channel.executeThenClose { inbound, outbound in
        var client = Client(input: inbound.makeAsyncIterator(), output: outbound)
        return try await body(&client)
    }
}

/// The text the server sends for a query: results, status, then the prompt.
func expectedAnswer(_ query: String) -> String {
    SearchReport.text(for: InvertedIndex.unicode.search(query), lineEnding: "\r\n") + "?> "
}

/// The client name the server logs for a local port.
func clientName(_ port: Int) -> String { "127.0.0.1:\(port)" }
