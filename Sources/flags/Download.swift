import AsyncSupport
import Flags
import FlagsServer
import Foundation
import UnixSignals

/// Downloads from `site`; without one, from LOCAL when something answers at
/// localhost:8000, else from the built-in flags server started in this
/// process. Ctrl-C cancels the downloads in flight and the report of what
/// finished is still printed. Returns the exit status (130 after Ctrl-C).
func download(_ request: FlagsRun, from site: FlagsSite?) async -> Int32 {
    var builtIn: RunningFlagsServer?
    let resolved: FlagsSite
    if let site {
        resolved = site
    } else if await somethingAnswers(host: "127.0.0.1", port: 8000) {
        resolved = .local
    } else {
        do {
            let server = try await startFlagsServer(FlagsServerOptions())
            builtIn = server
            resolved = FlagsSite(label: "LOCAL", baseURL: server.baseURL)
            let note = "Nothing answers at localhost:8000; serving the built-in flags in-process at \(server.baseURL)\n"
            writeUnbuffered(note, to: request.json ? STDERR_FILENO : STDOUT_FILENO)
        } catch {
            writeUnbuffered("flags: could not start the built-in flags server: \(error)\n", to: STDERR_FILENO)
            return 1
        }
    }
    let summary = await cancellingOnInterrupt { await runFlags(request, site: resolved) }
    await builtIn?.stop()
    return summary.exitStatus
}

/// Runs `work` in a task of its own that SIGINT (Ctrl-C) cancels instead of
/// killing the process. The signal is trapped only while `work` runs.
func cancellingOnInterrupt<Result: Sendable>(
    _ work: @escaping @Sendable () async -> Result
) async -> Result {
    // Trapped before `work` starts, so an early Ctrl-C is not lost.
    let interrupts = await UnixSignalsSequence(trapping: .sigint)
    let task = Task { await work() }
    return await withTaskGroup(of: Void.self) { group in
        group.addTask {
            // Ends when the group is cancelled below; a second Ctrl-C changes nothing.
            for await _ in interrupts { task.cancel() }
        }
        let result = await task.value
        group.cancelAll()
        return result
    }
}
