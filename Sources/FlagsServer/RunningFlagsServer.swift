import ServiceLifecycle

/// A flags server started in this process.
public final class RunningFlagsServer: Sendable {
    /// The port it listens on (the bound one when 0 was asked).
    public let port: Int
    public let host: String
    /// Where the flags are: `http://<host>:<port>/flags`.
    public var baseURL: String { "http://\(hostForURL):\(port)/flags" }

    private let state: FlagsServerState
    private let group: ServiceGroup
    private let runner: Task<Void, Never>

    init(host: String, port: Int, state: FlagsServerState, group: ServiceGroup, runner: Task<Void, Never>) {
        self.host = host
        self.port = port
        self.state = state
        self.group = group
        self.runner = runner
    }

    private var hostForURL: String { host.contains(":") ? "[\(host)]" : host }

    public func stats() async -> FlagsServerStats { state.stats() }

    public func resetStats() async { state.resetStats() }

    /// Stops accepting, lets requests in flight finish, and returns once the port is closed.
    public func stop() async {
        await group.triggerGracefulShutdown()
        await runner.value
    }
}

/// Starts a server, runs `body` with it, and stops it however `body` ends:
/// the scoped form, like an `async with` block around the server.
@discardableResult
public func withFlagsServer<T>(
    _ options: FlagsServerOptions = FlagsServerOptions(), _ body: (RunningFlagsServer) async throws -> T
) async throws -> T {
    let server = try await startFlagsServer(options)
    do {
        let result = try await body(server)
        await server.stop()
        return result
    } catch {
        await server.stop()
        throw error
    }
}
