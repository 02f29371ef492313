import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A built server started with its standard output on a pipe that the test
/// stops reading once the server has printed its port: from then on the pipe
/// fills and stays full, as when an operator pipes a server into a command
/// that hangs. The pipe buffer is shrunk to one page so a few kilobytes of
/// log lines fill it.
public final class UnreadOutputServer {
    public let port: Int
    private let child: SpawnedProcess
    /// The read end, kept open until the server is gone, so it never sees EPIPE.
    private let readEnd: Int32
    private var ended: SpawnedProcess.Termination?

    /// Starts `product` and reads its output only until a line holds
    /// `portPrefix` followed by the port number.
    public init(_ product: String, _ arguments: [String], portPrefix: String) async throws {
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else { throw TestFailure("pipe failed: errno \(errno)") }
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }  // no other child inherits them
        // F_SETPIPE_SZ (Linux): the smallest pipe buffer, one page.
        _ = fcntl(ends[1], 1031, 4096)
        _ = fcntl(ends[0], F_SETFL, O_NONBLOCK)
        let child: SpawnedProcess
        do {
            child = try SpawnedProcess.spawn(
                try builtProduct(product), arguments, stdout: .descriptor(ends[1]), stderr: .file("/dev/null"))
        } catch {
            close(ends[0])
            close(ends[1])
            throw error
        }
        close(ends[1])
        self.child = child
        self.readEnd = ends[0]
        var seen: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        let deadline = ContinuousClock.now + .seconds(60)
        var found: Int?
        while found == nil, ContinuousClock.now < deadline {
            let count = read(ends[0], &buffer, buffer.count)
            if count > 0 {
                seen += buffer[0..<count]
                found = Self.port(after: portPrefix, in: String(decoding: seen, as: UTF8.self))
            } else if count == 0 || child.poll() != nil {
                break  // the server ended
            } else {
                try await Task.sleep(for: .milliseconds(20))
            }
        }
        // From here on nobody reads the pipe.
        guard let found else {
            child.kill()
            close(ends[0])
            throw TestFailure(
                "\(product) printed no '\(portPrefix)PORT': \(String(decoding: seen, as: UTF8.self).debugDescription)")
        }
        self.port = found
    }

    /// Sends `signal` and returns the exit status (minus the signal number if
    /// a signal ended it); kills the server and throws if it is still running
    /// after `timeout`.
    public func stop(with signal: Int32 = SIGTERM, timeout: Duration = .seconds(30)) async throws -> Int32 {
        child.signal(signal)
        let termination: SpawnedProcess.Termination
        do {
            termination = try await child.wait(limit: timeout)
        } catch {
            throw TestFailure("the server did not stop within \(timeout) of signal \(signal)")
        }
        ended = termination
        switch termination {
        case .exited(let code): return code
        case .signaled(let number): return -number
        }
    }

    /// Kills the server if a test ends early.
    deinit {
        if ended == nil, child.poll() == nil { child.kill() }
        close(readEnd)
    }

    private static func port(after prefix: String, in text: String) -> Int? {
        guard let range = text.range(of: prefix) else { return nil }
        return Int(text[range.upperBound...].prefix(while: \.isNumber))
    }
}
