import AsyncSupport
import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Every built executable and subcommand, run as a new user would first run
/// it: help, no arguments, an unknown option, and each numeric option at
/// hostile values. No run may die by a signal; a value outside the documented
/// range is a usage error (status 64) naming the option; a value inside it
/// is accepted, and a server that starts answers one client and stops
/// gracefully on SIGTERM.
@Suite("CLI robustness", .timeLimit(.minutes(10)))
struct CLIRobustnessTests {
    @Test func helpNoArgumentsAndUnknownOptions() async throws {
        var runs: [Run] = []
        for command in commands {
            for help in ["--help", "-h"] {
                runs.append(Run(command, command.subcommand + [help], expect: .help))
            }
            runs.append(Run(command, command.subcommand + ["help"], expect: .anyEnd))
            runs.append(Run(command, command.arguments().filter { !command.positional.contains($0) }, expect: .anyEnd))
            runs.append(
                Run(command, command.arguments() + ["--no-such-option"], expect: .refusal(naming: "--no-such-option")))
        }
        try await check(runs)
    }

    @Test func numericOptionsAtHostileValues() async throws {
        var runs: [Run] = []
        for command in commands {
            for option in command.numericOptions {
                for value in hostileValues {
                    let arguments = command.arguments(varying: option.name, to: value)
                    runs.append(
                        Run(
                            command, arguments,
                            expect: option.accepts(value) ? .accepted : .refusal(naming: option.name)))
                }
            }
        }
        #expect(runs.count >= 150)
        try await check(runs)
    }

    /// Runs every run, four at a time, and records each problem as an issue.
    func check(_ runs: [Run]) async throws {
        let clients = try Clients()
        let workingDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("cli-\(UUID())")
        try FileManager.default.createDirectory(at: workingDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: workingDirectory) }
        var problems: [String] = []
        await forEachConcurrently(runs, limit: 4) { run in
            do {
                return try await run.problems(clients: clients, workingDirectory: workingDirectory.path)
            } catch {
                return ["\(run): \(error)"]
            }
        } handle: { (found: [String]) in
            problems += found
        }
        for problem in problems { Issue.record(Comment(rawValue: problem)) }
    }
}

/// The programs that play the client of a server under test.
struct Clients: Sendable {
    let curl: String
    let netcat: String

    init() throws {
        curl = try requireProgram("curl", package: "curl")
        netcat = try requireProgram("nc", package: "netcat-openbsd")
    }

    /// One request or query line; returns a problem, or nil when it was answered.
    func visit(_ server: ServerKind, port: Int) async throws -> String? {
        let answer: ProcessOutput
        let expected: String
        switch server {
        case .web, .flagsServer:
            answer = try await runProcess(
                curl, ["-sS", "-f", "-m", "20", "http://127.0.0.1:\(port)\(server.path)"], timeout: .seconds(30))
            expected = server == .web ? "ok" : "requests"
        case .tcp:
            answer = try await runProcess(
                netcat, ["-N", "-w", "20", "127.0.0.1", "\(port)"], input: "cat face\n", timeout: .seconds(30))
            expected = "CAT FACE"
        }
        guard answer.exitCode == 0, answer.standardOutput.contains(expected) else {
            return "the client got no answer: \(answer.exitCode.map(String.init) ?? "signal") \(answer.combinedOutput)"
        }
        return nil
    }
}

struct Run: Sendable, CustomStringConvertible {
    enum Expectation: Sendable {
        /// Exit 0 with the usage text.
        case help
        /// Any ordinary end: 0, 1 or 64.
        case anyEnd
        /// A value in range: a server starts, a client runs (0 or 1), never 64.
        case accepted
        /// Exit 64 with a message naming the option.
        case refusal(naming: String)
    }

    let command: Command
    let arguments: [String]
    let expect: Expectation

    init(_ command: Command, _ arguments: [String], expect: Expectation) {
        self.command = command
        self.arguments = arguments
        self.expect = expect
    }

    var description: String { ([command.tool] + arguments.map { $0.debugDescription }).joined(separator: " ") }

    /// Runs it; a server that announces its port gets one client, then SIGTERM.
    func problems(clients: Clients, workingDirectory: String) async throws -> [String] {
        let process = try BackgroundProcess(
            product: command.tool, arguments,
            // flags without -s: nothing at this address, so it serves its built-in flags.
            environment: ["FLAGS_LOCAL_URL": "http://127.0.0.1:9/flags"], workingDirectory: workingDirectory)
        var problems: [String] = []
        if let server = command.server,
            let port = try await process.waitForOutput(server.startLine, limit: .seconds(90)).flatMap({ Int($0) })
        {
            if case .refusal = expect { problems.append("started a server instead of refusing") }
            if let problem = try await clients.visit(server, port: port) { problems.append(problem) }
            process.signal(SIGTERM)
            let end = try await process.wait(limit: .seconds(60))
            if end.exitCode != 0 { problems.append("did not stop gracefully on SIGTERM: \(Self.describe(end))") }
            return problems.map { "\(self): \($0)" }
        }
        let end = try await process.wait(limit: .seconds(90))
        let output = end.combinedOutput
        if end.signal != nil { problems.append("died: \(Self.describe(end))") }
        switch expect {
        case .help:
            if end.exitCode != 0 || !end.standardOutput.contains("USAGE:") {
                problems.append("no help: \(Self.describe(end))")
            }
        case .anyEnd:
            if let code = end.exitCode, ![0, 1, 64].contains(code) { problems.append("ended \(Self.describe(end))") }
        case .accepted:
            if command.server != nil {
                problems.append("accepted, but no server started: \(Self.describe(end))")
            } else if end.exitCode != 0 && end.exitCode != 1 {
                problems.append("refused a value in range: \(Self.describe(end))")
            }
        case .refusal(let option):
            if end.exitCode != 64 { problems.append("not a usage error: \(Self.describe(end))") }
            if !output.contains(option) { problems.append("the message does not name \(option): \(output)") }
        }
        return problems.map { "\(self): \($0)" }
    }

    static func describe(_ end: ProcessOutput) -> String {
        let how = end.signal.map { "signal \($0)" } ?? "status \(end.exitCode ?? -1)"
        return "\(how); \(end.combinedOutput.suffix(600))"
    }
}
