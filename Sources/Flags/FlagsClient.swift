import AsyncHTTPClient
import NIOCore

/// One `HTTPClient` for a whole run, shut down however `body` ends. The pool
/// allows at least `maxRequests` connections to the one host, or requests
/// would queue in the client instead of running.
public func withFlagsClient<Result: Sendable>(
    maxRequests: Int, _ body: (HTTPClient) async throws -> Result
) async throws -> Result {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool = .init(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(8, maxRequests))
    // A refused connection is an error at once, as with httpx (and curl without
    // --retry-connrefused); AHC's default would keep retrying until the deadline.
    configuration.connectionPool.retryConnectionEstablishment = false
    configuration.redirectConfiguration = .follow(max: 10, allowCycles: false)
    // No tracer is set up, and the default no-op one still parses each URL
    // with Foundation to name a span nobody records.
    configuration.tracing.tracer = nil
    let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    let result: Result
    do {
        result = try await body(client)
    } catch {
        try? await client.shutdown()
        throw error
    }
    try await client.shutdown()
    return result
}
