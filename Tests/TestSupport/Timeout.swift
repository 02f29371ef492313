import Foundation

/// Runs `body`, throwing `TestFailure` when it takes longer than `limit`;
/// the body is cancelled then. Tests bound every wait with this, with wide
/// margins: a limit says "hung", never "slow".
public func withTimeout<T: Sendable>(
    _ limit: Duration, _ what: String, _ body: @escaping @Sendable () async throws -> T
) async throws -> T {
    let limit = limit * testTimeScale
    return try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: limit)
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let result = first else {
            throw TestFailure("timed out after \(limit): \(what)")
        }
        return result
    }
}

/// `TEST_TIME_SCALE` (default 1) multiplies every limit of `withTimeout`:
/// `scripts/sanitize` sets 4, since an instrumented build is several times slower.
public let testTimeScale: Double = {
    guard let text = ProcessInfo.processInfo.environment["TEST_TIME_SCALE"], let scale = Double(text),
        scale.isFinite, scale >= 1
    else { return 1 }
    return min(scale, 100)
}()
