import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn and reaped with waitpid by its
/// pid, for programs a test leaves running (servers, dnsmasq).
///
/// Foundation's `Process` is not used: under the parallel test runner its
/// `isRunning` missed children exiting, children it started could ignore
/// SIGTERM, and AddressSanitizer reports a heap overflow in its `run()`
/// (docs/reliability.md). swift-subprocess runs the programs a test waits for.
public struct SpawnedProcess: Sendable {
    public enum Output: Sendable {
        /// A file, created or truncated.
        case file(String)
        /// A descriptor of the test's own, such as the write end of a pipe.
        case descriptor(Int32)
    }

    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
    }

    public let pid: pid_t

    /// Starts `path` with `environment` added to the test's own, in
    /// `workingDirectory`, with standard input from /dev/null. No other
    /// descriptor of the test leaks into the child: a long-lived child
    /// holding another test's pipe would keep that test's reader waiting.
    public static func spawn(
        _ path: String, _ arguments: [String], environment: [String: String] = [:],
        workingDirectory: String? = nil, stdout: Output, stderr: Output
    ) throws -> SpawnedProcess {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        for (target, output) in [(Int32(1), stdout), (2, stderr)] {
            switch output {
            case .file(let file):
                posix_spawn_file_actions_addopen(&actions, target, file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            case .descriptor(let fd): posix_spawn_file_actions_adddup2(&actions, fd, target)
            }
        }
        // (glibc ignores closing a descriptor that is not open.)
        let openDescriptors = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        for fd in 3...max(3, openDescriptors.compactMap { Int32($0) }.max() ?? 3) {
            posix_spawn_file_actions_addclose(&actions, fd)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Children start with no blocked signals and default handlers.
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var all = sigset_t()
        sigfillset(&all)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let merged = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        // Swift's Glibc module lacks posix_spawn_file_actions_addchdir_np;
        // coreutils' env changes the folder and execs the program, same pid.
        let (program, programArguments) =
            workingDirectory.map { ("/usr/bin/env", ["--chdir=\($0)", path] + arguments) } ?? (path, arguments)
        let argv = ([program] + programArguments).map { strdup($0) } + [nil]
        let envp = merged.map { strdup("\($0)=\($1)") } + [nil]
        defer { for pointer in argv + envp { free(pointer) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, program, &actions, &attributes, argv, envp)
        guard code == 0 else { throw TestFailure("cannot start \(path): \(String(cString: strerror(code)))") }
        return SpawnedProcess(pid: pid)
    }

    /// How the child ended (reaping it), or nil while it runs.
    public func poll() -> Termination? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 ? .exited(-1) : nil }
        if status & 0x7f == 0 { return .exited((status >> 8) & 0xff) }
        return .signaled(status & 0x7f)
    }

    /// Waits for the child to end; kills it and throws after `limit`.
    public func wait(limit: Duration) async throws -> Termination {
        let deadline = ContinuousClock.now + limit
        while true {
            if let termination = poll() { return termination }
            if ContinuousClock.now > deadline {
                kill()
                throw TestFailure("process \(pid) did not end within \(limit)")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    public func signal(_ number: Int32) { _ = Glibc.kill(pid, number) }

    /// SIGKILL, then reaps it.
    public func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
