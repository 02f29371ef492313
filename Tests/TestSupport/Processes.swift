import Foundation
import Subprocess

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// The path of `name`, an executable product that `swift build --build-tests`
/// put in the same folder as the test runner.
public func builtProduct(_ name: String) throws -> String {
    let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
    let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent(name).path }
    guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
        throw TestFailure("no built \(name) at \(candidates); run swift build --build-tests first")
    }
    return found
}

/// The path of `program` on PATH, or a failure naming the Debian package
/// that `scripts/test` installs for it.
public func requireProgram(_ program: String, package: String) throws -> String {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for directory in path.split(separator: ":") {
        let candidate = "\(directory)/\(program)"
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    throw TestFailure("\(program) is not installed; install \(package) (bash scripts/test does this on Debian as root)")
}

/// How a finished program ended and what it printed.
public struct ProcessOutput: Sendable {
    /// The exit status, or nil when a signal ended it.
    public let exitCode: Int32?
    /// The signal that ended it, or nil when it exited.
    public let signal: Int32?
    public let standardOutput: String
    public let standardError: String

    /// Both streams, for checks that do not care which one a line went to.
    public var combinedOutput: String { standardOutput + standardError }
}

/// Runs `executable` (a path) to completion with `arguments` and `input` on
/// its standard input, and kills it if it outlives `timeout`. With
/// `signal`, sends that signal once `after` has passed (a user's Ctrl-C).
public func runProcess(
    _ executable: String,
    _ arguments: [String],
    input: String = "",
    workingDirectory: String? = nil,
    environment: [String: String] = [:],
    signal: (number: Int32, after: Duration)? = nil,
    timeout: Duration = .seconds(60)
) async throws -> ProcessOutput {
    let command = ([executable] + arguments).joined(separator: " ")
    let overrides = Dictionary(
        uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), String?.some($0.value)) })
    let result = try await withTimeout(timeout, command) {
        try await Subprocess.run(
            .path(FilePath(executable)),
            arguments: Arguments(arguments),
            environment: .inherit.updating(overrides),
            workingDirectory: workingDirectory.map { FilePath($0) },
            input: .string(input),
            output: .string(limit: 64 << 20),
            error: .string(limit: 64 << 20)
        ) { execution in
            guard let signal else { return }
            try await Task.sleep(for: signal.after)
            // The program may have ended already; then there is nobody to signal.
            try? execution.send(signal: Signal(rawValue: signal.number))
        }
    }
    var exitCode: Int32?
    var signalled: Int32?
    switch result.terminationStatus {
    case .exited(let code): exitCode = code
    case .signaled(let number): signalled = number
    }
    return ProcessOutput(
        exitCode: exitCode, signal: signalled,
        standardOutput: result.standardOutput, standardError: result.standardError)
}

/// Runs the built product `name`, as `runProcess` does.
public func runProduct(
    _ name: String,
    _ arguments: [String],
    input: String = "",
    workingDirectory: String? = nil,
    environment: [String: String] = [:],
    signal: (number: Int32, after: Duration)? = nil,
    timeout: Duration = .seconds(60)
) async throws -> ProcessOutput {
    try await runProcess(
        try builtProduct(name), arguments, input: input, workingDirectory: workingDirectory,
        environment: environment, signal: signal, timeout: timeout)
}

/// A new empty folder under the system's temporary folder, for one test.
public func makeTemporaryDirectory(_ prefix: String = "asyncnettools") throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}
