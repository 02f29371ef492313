/// The answer to a `Query`: its listed characters in query order, then the
/// characters found by name in code-point order.
///
/// The found part stays a set of ranges until a front end walks it, so a
/// search costs its lookups and intersections, not the size of its answer.
public struct SearchAnswer: Sequence, Sendable {
    /// Literal characters and code points, in query order, repeats included.
    public let listed: [Unicode.Scalar]
    /// The characters whose names match the query's words.
    public let found: ScalarSet

    public init(listed: [Unicode.Scalar] = [], found: ScalarSet = ScalarSet()) {
        self.listed = listed
        self.found = found
    }

    public var count: Int { listed.count + found.count }
    public var isEmpty: Bool { listed.isEmpty && found.isEmpty }
    public var underestimatedCount: Int { count }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let listed: [Unicode.Scalar]
        @usableFromInline var listedIndex = 0
        @usableFromInline var found: ScalarSet.Iterator

        @inlinable init(listed: [Unicode.Scalar], found: ScalarSet.Iterator) {
            self.listed = listed
            self.found = found
        }

        @inlinable public mutating func next() -> Unicode.Scalar? {
            guard listedIndex < listed.count else { return found.next() }
            listedIndex += 1
            return listed[listedIndex - 1]
        }
    }

    // Inlinable, as `ScalarSet.Iterator` is: front ends in other modules walk
    // answers in their own loops instead of calling `next()` for each scalar.
    @inlinable public func makeIterator() -> Iterator {
        Iterator(listed: listed, found: found.scalars.makeIterator())
    }
}
