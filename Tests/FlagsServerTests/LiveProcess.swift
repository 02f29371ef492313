import Foundation
import TestSupport

/// A `flags-server` process on a free loopback port, and its base URL.
func launchFlagsServer(_ arguments: [String]) async throws -> (server: BackgroundProcess, base: String) {
    let server = try BackgroundProcess(product: "flags-server", ["--port", "0"] + arguments)
    do {
        let port = try await server.waitForNumber(#"Serving flags at http://127\.0\.0\.1:(\d+)/flags"#)
        return (server, "http://127.0.0.1:\(port)")
    } catch {
        server.signal(SIGKILL)
        throw error
    }
}
