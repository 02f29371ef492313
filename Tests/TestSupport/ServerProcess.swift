import Foundation
import Synchronization

/// A long-running product (a server) in its own process, with its standard
/// output and error collected as they come. Stop it with `signal` and
/// `waitForExit`; `terminateIfRunning` in a `defer` never leaves it behind.
public final class ServerProcess: Sendable {
    /// What the pipe and termination handlers write, shared with them.
    private final class State: Sendable {
        let output = Mutex("")
        let exitStatus = Mutex<Int32?>(nil)
    }
    private let process: Process
    private let state = State()

    public var pid: Int32 { process.processIdentifier }
    public var hasExited: Bool { state.exitStatus.withLock { $0 != nil } }
    public var output: String { state.output.withLock { $0 } }

    /// Starts the built product `name` with `arguments`.
    public init(product name: String, _ arguments: [String]) throws {
        process = Process()
        process.executableURL = URL(fileURLWithPath: try builtProduct(name))
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let state = self.state
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            if data.isEmpty {
                handle.readabilityHandler = nil
            } else {
                state.output.withLock { $0 += String(decoding: data, as: UTF8.self) }
            }
        }
        process.terminationHandler = { process in
            state.exitStatus.withLock { $0 = process.terminationReason == .exit ? process.terminationStatus : -1 }
        }
        try process.run()
    }

    /// The first integer captured by `pattern`'s first group in the output,
    /// waiting up to `timeout` for it (a port from a start line).
    public func waitForNumber(_ pattern: String, timeout: Duration = .seconds(20)) async throws -> Int {
        let regex = try Regex(pattern)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = output.firstMatch(of: regex), match.count > 1,
                let text = match[1].substring, let number = Int(text)
            {
                return number
            }
            guard !hasExited else { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("no match for \(pattern) in the output: \(output.debugDescription)")
    }

    public func signal(_ number: Int32) { kill(process.processIdentifier, number) }

    /// The exit status; -1 when a signal ended the process. Throws after `timeout`.
    public func waitForExit(timeout: Duration = .seconds(30)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let status = state.exitStatus.withLock({ $0 }) { return status }
            try await Task.sleep(for: .milliseconds(20))
        }
        throw TestFailure("the process did not exit within \(timeout); output: \(output.debugDescription)")
    }

    public func terminateIfRunning() {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
    }
}

/// The sum of the samples of `name` in a Prometheus text exposition whose
/// labels include every one of `labels` (`key="value"`); nil when there is none.
public func metricValue(_ exposition: String, _ name: String, _ labels: [String] = []) -> Double? {
    var total: Double?
    for line in exposition.split(separator: "\n") where !line.hasPrefix("#") {
        guard line.hasPrefix(name), let space = line.lastIndex(of: " "),
            let value = Double(line[line.index(after: space)...])
        else { continue }
        let series = line[..<space]
        let rest = series.dropFirst(name.count)
        guard rest.isEmpty || rest.hasPrefix("{") else { continue }
        guard labels.allSatisfy({ series.contains($0) }) else { continue }
        total = (total ?? 0) + value
    }
    return total
}

/// GETs every one of `urls` at once from one curl process (its start-up is
/// slow on a loaded machine; the requests should overlap): curl's exit code
/// (0; 7 when a connection is refused; 52 or 56 when one is closed without an
/// answer; 28 at `maxTime`) and the HTTP statuses in completion order, 0 for
/// a request without an answer.
public func curlParallel(_ urls: [String], maxTime: Int = 30) async throws -> (exitCode: Int32?, statuses: [Int]) {
    let curl = try requireProgram("curl", package: "curl")
    var arguments = ["-s", "--parallel", "--parallel-immediate", "--parallel-max", "100"]
    arguments += ["-w", "%{http_code}\\n", "--max-time", "\(maxTime)"]
    for url in urls { arguments += ["-o", "/dev/null", url] }
    let result = try await runProcess(curl, arguments, timeout: .seconds(maxTime + 10))
    return (result.exitCode, result.standardOutput.split(separator: "\n").map { Int($0) ?? 0 })
}

/// GET `url` with curl; the body, or a failure naming the status.
public func curlGet(_ url: String) async throws -> String {
    let curl = try requireProgram("curl", package: "curl")
    let result = try await runProcess(curl, ["-sS", "--fail", "--max-time", "20", url], timeout: .seconds(30))
    guard result.exitCode == 0 else { throw TestFailure("curl \(url): \(result.combinedOutput)") }
    return result.standardOutput
}
