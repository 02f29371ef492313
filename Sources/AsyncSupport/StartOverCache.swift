import Synchronization

/// A bounded dictionary shared between tasks, for answers that never go stale
/// (they depend only on the key and the binary's data). Bounded by entries, by
/// a cost such as bytes, or both; when the next value would not fit, it starts
/// over: simple, and a server's popular keys come back quickly.
public final class StartOverCache<Value: Sendable>: Sendable {
    @usableFromInline struct Contents {
        @usableFromInline var values: [String: Value] = [:]
        @usableFromInline var cost = 0
        @usableFromInline init() {}
    }

    /// At most this many values; 0 keeps nothing.
    public let maxEntries: Int
    /// At most this total cost; a value costing more than this is not kept.
    public let maxCost: Int
    private let cost: @Sendable (Value) -> Int
    @usableFromInline let contents = Mutex(Contents())

    public init(maxEntries: Int = .max, maxCost: Int = .max, cost: @escaping @Sendable (Value) -> Int = { _ in 0 }) {
        self.maxEntries = max(0, maxEntries)
        self.maxCost = max(0, maxCost)
        self.cost = cost
    }

    public var count: Int { contents.withLock { $0.values.count } }
    public var totalCost: Int { contents.withLock { $0.cost } }

    // Inlinable, so that a server's lookup is specialized for its `Value`:
    // unspecialized, each one looked up generic metadata at run time.
    @inlinable public func value(for key: String) -> Value? {
        contents.withLock { $0.values[key] }
    }

    /// Keeps `value` unless it alone is over the bounds; returns the count after.
    @discardableResult
    public func store(_ value: Value, for key: String) -> Int {
        let size = cost(value)
        return contents.withLock { contents in
            guard maxEntries > 0, size <= maxCost else { return contents.values.count }
            if let old = contents.values[key] {
                contents.cost -= cost(old)
            } else if contents.values.count >= maxEntries {
                contents = Contents()
            }
            if contents.cost + size > maxCost { contents = Contents() }
            contents.values[key] = value
            contents.cost += size
            return contents.values.count
        }
    }
}
