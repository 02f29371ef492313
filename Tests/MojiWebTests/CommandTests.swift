import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `mojifinder web` as a user runs it: the built binary in its own process.
@Suite("mojifinder web, the command")
struct CommandTests {

    @Test(
        "--port 0 logs the bound port; SIGTERM and SIGINT stop it gracefully with status 0",
        arguments: [SIGTERM, SIGINT])
    func gracefulStop(signal: Int32) async throws {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("mojiweb-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let handle = try FileHandle(forWritingTo: log)
        defer { try? handle.close() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try builtProduct("mojifinder"))
        process.arguments = ["web", "--port", "0", "--log-level", "notice"]
        process.standardOutput = handle
        process.standardError = handle
        let exited = AsyncStream<Int32>.makeStream()
        process.terminationHandler = {
            exited.continuation.yield($0.terminationStatus)
            exited.continuation.finish()
        }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // The start line is the only way to learn the port.
        let port: Int = try await withTimeout(.seconds(15), "the start line") {
            while true {
                let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
                if let range = text.range(of: #"listening on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression),
                    let port = Int(text[range].split(separator: ":").last ?? "")
                {
                    return port
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        #expect(port > 0 && port != 8000)
        let answer = try await rawGet(port: port, target: Array("/search?q=cat%20face".utf8))
        #expect(answer.status == 200)

        kill(process.processIdentifier, signal)
        let status = try await withTimeout(.seconds(10), "exit after signal \(signal)") {
            var iterator = exited.stream.makeAsyncIterator()
            return await iterator.next() ?? -1
        }
        #expect(status == 0)
        #expect(process.terminationReason == .exit, "stopped by the signal instead of shutting down")
    }
}
