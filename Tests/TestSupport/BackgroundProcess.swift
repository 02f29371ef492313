import Foundation
import Synchronization

#if canImport(Glibc)
    import Glibc
#endif

/// A program left running while a test talks to it (a server, a download to
/// interrupt): its standard output and error go to files the test can read
/// at any time, and the test signals it and waits for it by pid.
public final class BackgroundProcess: Sendable {
    private let child: SpawnedProcess
    private let name: String
    private let outputFile: URL
    private let errorFile: URL
    /// Set once the child is reaped: waitpid answers only once.
    private let termination = Mutex<SpawnedProcess.Termination?>(nil)

    /// Starts `executable` (a path) with `environment` added to the test's own.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) throws {
        let folder = FileManager.default.temporaryDirectory
        let file = "background-\(UUID().uuidString)"
        outputFile = folder.appendingPathComponent("\(file).out")
        errorFile = folder.appendingPathComponent("\(file).err")
        name = URL(fileURLWithPath: executable).lastPathComponent
        child = try SpawnedProcess.spawn(
            executable, arguments, environment: environment, workingDirectory: workingDirectory,
            stdout: .file(outputFile.path), stderr: .file(errorFile.path))
    }

    /// Starts the built product `name`.
    public convenience init(
        product name: String, _ arguments: [String], environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) throws {
        try self.init(try builtProduct(name), arguments, environment: environment, workingDirectory: workingDirectory)
    }

    deinit {
        if !hasExited { child.kill() }
        try? FileManager.default.removeItem(at: outputFile)
        try? FileManager.default.removeItem(at: errorFile)
    }

    public var standardOutput: String { (try? String(contentsOf: outputFile, encoding: .utf8)) ?? "" }
    public var standardError: String { (try? String(contentsOf: errorFile, encoding: .utf8)) ?? "" }

    /// The first capture group of `pattern` (a regular expression) in the
    /// output of both streams, once it appears; nil when the program exits
    /// without printing it. Throws when neither happens within `limit`.
    public func waitForOutput(_ pattern: String, limit: Duration = .seconds(30)) async throws -> String? {
        let regex = try NSRegularExpression(pattern: pattern)
        return try await withTimeout(limit, "output matching \(pattern)") {
            while true {
                let exited = self.hasExited
                let text = self.standardOutput + self.standardError
                let range = NSRange(text.startIndex..., in: text)
                if let match = regex.firstMatch(in: text, range: range) {
                    let group = match.numberOfRanges > 1 ? match.range(at: 1) : match.range
                    return Range(group, in: text).map { String(text[$0]) }
                }
                if exited { return nil }
                try await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    public var pid: Int32 { child.pid }

    /// Reaps the child if it has ended.
    public var hasExited: Bool {
        termination.withLock { ended in
            if ended == nil { ended = child.poll() }
            return ended != nil
        }
    }

    /// Both streams, for checks that do not care which one a line went to.
    public var output: String { standardOutput + standardError }

    /// The integer in the first capture group of `pattern` (a port from a
    /// start line), once it appears in the output.
    public func waitForNumber(_ pattern: String, limit: Duration = .seconds(30)) async throws -> Int {
        guard let text = try await waitForOutput(pattern, limit: limit), let number = Int(text) else {
            throw TestFailure("no number for \(pattern) in the output: \(output.debugDescription)")
        }
        return number
    }

    public func signal(_ number: Int32) {
        if !hasExited { child.signal(number) }
    }

    /// Waits for the program to end, killing it (and throwing) after `limit`.
    public func wait(limit: Duration = .seconds(30)) async throws -> ProcessOutput {
        do {
            try await withTimeout(limit, "\(name) to exit") {
                while !self.hasExited { try await Task.sleep(for: .milliseconds(20)) }
            }
        } catch {
            signal(SIGKILL)
            throw error
        }
        let ended = termination.withLock { $0 }
        var exitCode: Int32?
        var signal: Int32?
        switch ended {
        case .exited(let code): exitCode = code
        case .signaled(let number): signal = number
        case nil: break
        }
        return ProcessOutput(
            exitCode: exitCode, signal: signal, standardOutput: standardOutput, standardError: standardError)
    }
}
