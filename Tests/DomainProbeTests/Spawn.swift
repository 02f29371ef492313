import Foundation
import TestSupport

#if canImport(Glibc)
    import Glibc
#endif

/// A child process started with posix_spawn and reaped with waitpid.
///
/// Foundation's `Process` was tried first: under the parallel test runner
/// its `isRunning` and `waitUntilExit` did not notice children exiting, and
/// children it started ignored SIGTERM; a plain spawn/wait has neither problem.
struct Child: Sendable {
    let pid: pid_t

    /// Starts `path` with standard input, output and error on the given files.
    static func spawn(_ path: String, _ arguments: [String], stdin: String, stdout: String, stderr: String) throws
        -> Child
    {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, stdin, O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        // Other tests' pipes must not leak into a long-lived dnsmasq: a reader
        // of such a pipe would wait for EOF until dnsmasq ends.
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
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        defer { for argument in argv { free(argument) } }
        var pid: pid_t = 0
        let code = posix_spawn(&pid, path, &actions, &attributes, argv, environ)
        guard code == 0 else { throw TestFailure("cannot start \(path): \(String(cString: strerror(code)))") }
        return Child(pid: pid)
    }

    /// The exit status if the child has ended (reaping it), else nil.
    func poll() -> Int32? {
        var status: Int32 = 0
        let result = waitpid(pid, &status, WNOHANG)
        guard result == pid else { return result < 0 ? -1 : nil }
        if status & 0x7f == 0 { return (status >> 8) & 0xff }  // exited
        return 128 + (status & 0x7f)  // killed by a signal
    }

    /// Waits for the child to end, killing it after `seconds`.
    func wait(seconds: Double) async throws -> Int32 {
        let start = ContinuousClock.now
        while true {
            if let status = poll() { return status }
            if ContinuousClock.now - start > .seconds(seconds) {
                kill()
                throw TestFailure("process \(pid) did not finish in \(seconds) s")
            }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    func kill() {
        _ = Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        _ = waitpid(pid, &status, 0)
    }
}
