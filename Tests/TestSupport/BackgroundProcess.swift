import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A program left running while a test talks to it (a server, a download to
/// interrupt): its standard output and error go to files the test can read
/// at any time, and the test signals it and waits for it by pid.
public final class BackgroundProcess: Sendable {
    public let process: Process
    private let outputFile: URL
    private let errorFile: URL

    /// Starts `executable` (a path) with `environment` added to the test's own.
    public init(
        _ executable: String, _ arguments: [String], environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) throws {
        let folder = FileManager.default.temporaryDirectory
        let name = "background-\(UUID().uuidString)"
        outputFile = folder.appendingPathComponent("\(name).out")
        errorFile = folder.appendingPathComponent("\(name).err")
        _ = FileManager.default.createFile(atPath: outputFile.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.currentDirectoryURL = workingDirectory.map { URL(fileURLWithPath: $0) }
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: outputFile)
        process.standardError = try FileHandle(forWritingTo: errorFile)
        try process.run()
    }

    /// Starts the built product `name`.
    public convenience init(
        product name: String, _ arguments: [String], environment: [String: String] = [:],
        workingDirectory: String? = nil
    ) throws {
        try self.init(try builtProduct(name), arguments, environment: environment, workingDirectory: workingDirectory)
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
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
                let exited = !self.process.isRunning
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

    public var pid: Int32 { process.processIdentifier }
    public var hasExited: Bool { !process.isRunning }
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
        if process.isRunning { kill(process.processIdentifier, number) }
    }

    /// Waits for the program to end, killing it (and throwing) after `limit`.
    public func wait(limit: Duration = .seconds(30)) async throws -> ProcessOutput {
        do {
            try await withTimeout(limit, "\(process.executableURL?.lastPathComponent ?? "process") to exit") {
                while self.process.isRunning { try await Task.sleep(for: .milliseconds(20)) }
            }
        } catch {
            signal(SIGKILL)
            throw error
        }
        let signaled = process.terminationReason == .uncaughtSignal
        return ProcessOutput(
            exitCode: signaled ? nil : process.terminationStatus, signal: signaled ? process.terminationStatus : nil,
            standardOutput: standardOutput, standardError: standardError)
    }
}
