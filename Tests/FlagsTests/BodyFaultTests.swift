import Flags
import Foundation
import Hummingbird
import NIOCore
import TestSupport
import Testing

/// Servers that lie about or overdo the body: the answer is an error or the
/// declared bytes, never a file that is not what the server declared.
@Suite("flags: bodies that lie", .timeLimit(.minutes(1)))
struct BodyFaultTests {
    @Test func aBodyOverTheLimitIsAnErrorAndNoFile() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let server = try await TestHTTPServer.start { _, _ in
            Response(status: .ok, body: .init(byteBuffer: ByteBuffer(repeating: 0x47, count: (16 << 20) + 1)))
        }
        let results = try await downloadAll(
            ["BR"], settings: DownloadSettings(baseURL: server.baseURL, destination: dir.path), maxRequests: 1)
        await server.stop()
        #expect(results.map(\.status) == [.error])
        #expect(results.first?.detail == "the answer is over the 16 MiB limit")
        #expect(try files(in: dir).isEmpty)
    }

    /// Fewer bytes than `Content-Length`, then the connection closes.
    @Test func aShortBodyIsAnErrorAndNoFile() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let answer = "HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 100\r\n\r\nGIF89a"
        let results = try await withRawHTTPServer(answer: answer) { baseURL in
            try await downloadAll(
                ["BR"], settings: DownloadSettings(baseURL: baseURL, destination: dir.path), maxRequests: 1)
        }
        #expect(results.map(\.status) == [.error])
        #expect(try files(in: dir).isEmpty)
    }

    /// More bytes than `Content-Length`: the message ends where the server
    /// said it does, as in curl; the rest is not part of the file.
    @Test func bytesPastContentLengthAreNotSaved() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let answer =
            "HTTP/1.1 200 OK\r\nContent-Type: image/gif\r\nContent-Length: 6\r\n\r\nGIF89a"
            + String(repeating: "X", count: 4096)
        let results = try await withRawHTTPServer(answer: answer) { baseURL in
            try await downloadAll(
                ["BR"], settings: DownloadSettings(baseURL: baseURL, destination: dir.path), maxRequests: 1)
        }
        #expect(results.map(\.status) == [.ok])
        let saved = try [UInt8](Data(contentsOf: dir.appendingPathComponent("BR.gif")))
        #expect(saved == Array("GIF89a".utf8))
    }

    /// The destination cannot be made (a file stands where a folder should):
    /// the system's reason in one line, exit status 1. A full disk and a
    /// read-only folder need mounts, so `scripts/fault-matrix flags` shows those.
    @Test func anUnusableDestinationGivesTheSystemsReasonAndExit1() async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let file = dir.appendingPathComponent("file")
        try Data("x".utf8).write(to: file)
        let server = try await startFlakyServer(failures: 0)
        let output = try await runFlagsBinary(
            ["-s", server.baseURL, "--dest", file.appendingPathComponent("sub").path, "AD"], in: dir)
        await server.stop()
        #expect(output.exitCode == 1)
        #expect(output.standardError.contains("could not create \(file.path)/sub: Not a directory (mkdir)"))
    }
}

/// A raw server on a free loopback port that answers every connection with
/// `answer` as soon as the request head has arrived, then closes it: a
/// Python process, since no HTTP library sends a wrong `Content-Length`.
func withRawHTTPServer<T: Sendable>(answer: String, _ body: (_ baseURL: String) async throws -> T) async throws -> T {
    let script = """
        import socket, sys
        server = socket.create_server(("127.0.0.1", 0))
        print(server.getsockname()[1], flush=True)
        while True:
            client, _ = server.accept()
            head = b""
            while b"\\r\\n\\r\\n" not in head:
                chunk = client.recv(4096)
                if not chunk:
                    break
                head += chunk
            client.sendall(sys.argv[1].encode())
            client.close()
        """
    let server = try BackgroundProcess(try requireProgram("python3", package: "python3"), ["-c", script, answer])
    defer { server.signal(SIGKILL) }
    let port = try await server.waitForNumber("^(\\d+)")
    return try await body("http://127.0.0.1:\(port)/flags")
}
