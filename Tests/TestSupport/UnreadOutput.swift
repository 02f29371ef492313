import Foundation
import Synchronization

/// A built server started with its standard output on a pipe that the test
/// stops reading once the server has printed its port: from then on the pipe
/// fills and stays full, as when an operator pipes a server into a command
/// that hangs. The pipe buffer is shrunk to one page so a few kilobytes of
/// log lines fill it.
public final class UnreadOutputServer {
    public let port: Int
    private let process: Process
    private let pipe: Pipe

    /// Starts `product` and reads its output only until a line holds
    /// `portPrefix` followed by the port number.
    public init(_ product: String, _ arguments: [String], portPrefix: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try builtProduct(product))
        process.arguments = arguments
        let pipe = Pipe()
        // F_SETPIPE_SZ (Linux): the smallest pipe buffer, one page.
        _ = fcntl(pipe.fileHandleForWriting.fileDescriptor, 1031, 4096)
        process.standardOutput = pipe
        let seen = Mutex("")
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            seen.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
        self.process = process
        self.pipe = pipe
        let deadline = ContinuousClock.now + .seconds(60)
        var found: Int?
        while found == nil, ContinuousClock.now < deadline, process.isRunning {
            found = seen.withLock { Self.port(after: portPrefix, in: $0) }
            if found == nil { try await Task.sleep(for: .milliseconds(20)) }
        }
        // From here on nobody reads the pipe.
        pipe.fileHandleForReading.readabilityHandler = nil
        guard let found else {
            if process.isRunning { process.terminate() }
            throw TestFailure("\(product) printed no '\(portPrefix)PORT': \(seen.withLock { $0 }.debugDescription)")
        }
        self.port = found
    }

    /// Sends `signal` and returns the exit status; kills the server and
    /// throws if it is still running after `timeout`.
    public func stop(with signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        kill(process.processIdentifier, signal)
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        guard !process.isRunning else {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            throw TestFailure("the server did not stop within \(timeout) of signal \(signal)")
        }
        // Keeps the pipe open until the server is gone, so it never sees EPIPE.
        withExtendedLifetime(pipe) {}
        return process.terminationReason == .exit ? process.terminationStatus : -process.terminationStatus
    }

    /// Kills the server if a test ends early.
    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }

    private static func port(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }
}
