import AsyncSupport
import Flags
import FlagsServer
import UnixSignals

#if canImport(FoundationEssentials)
    import FoundationEssentials
#else
    import Foundation
#endif

/// Downloads from `site`; without one, from LOCAL when localhost:8000
/// answers as a flags server, else from the built-in flags server started in
/// this process, with a line saying why. Ctrl-C cancels the downloads in
/// flight and the report of what finished is still printed. Returns the exit
/// status (130 after Ctrl-C).
func download(_ request: FlagsRun, from site: FlagsSite?) async -> Int32 {
    var builtIn: RunningFlagsServer?
    let resolved: FlagsSite
    if let site {
        resolved = site
    } else {
        let local = localSite()
        let probe = await probeFlagsServer(at: local.baseURL)
        if case .flagsServer = probe {
            resolved = local
        } else {
            do {
                let server = try await startFlagsServer(FlagsServerOptions())
                builtIn = server
                resolved = FlagsSite(label: "LOCAL", baseURL: server.baseURL)
                let note = "\(probe); serving the built-in flags in-process at \(server.baseURL)\n"
                writeUnbuffered(note, to: request.json ? StandardStream.error : StandardStream.output)
            } catch {
                writeUnbuffered(
                    "flags: could not start the built-in flags server: \(error)\n", to: StandardStream.error)
                return 1
            }
        }
    }
    let summary = await cancellingOnInterrupt { await runFlags(request, site: resolved) }
    await builtIn?.stop()
    return summary.exitStatus
}

/// LOCAL, or the base URL in `FLAGS_LOCAL_URL`: the tests point it at a
/// server of their own, since port 8000 may be taken on the machine running them.
func localSite() -> FlagsSite {
    guard let url = ProcessInfo.processInfo.environment["FLAGS_LOCAL_URL"], !url.isEmpty else { return .local }
    return (try? FlagsSite.parse(url)).map { FlagsSite(label: "LOCAL", baseURL: $0.baseURL) } ?? .local
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
