/// A set of Unicode code points kept as sorted, disjoint, non-adjacent ranges.
///
/// Names come in long runs (97,000 `CJK UNIFIED IDEOGRAPH-…` in a row), so
/// ranges keep the index small and make intersection linear in the number of runs.
public struct ScalarSet: Sendable, Equatable {
    /// Sorted, disjoint, non-adjacent closed ranges.
    public private(set) var ranges: [ClosedRange<UInt32>]

    public init() { ranges = [] }

    /// Builds the set from code points given in ascending order.
    public init(ascending values: some Sequence<UInt32>) {
        ranges = []
        for value in values { appendAscending(value) }
    }

    init(ranges: [ClosedRange<UInt32>]) { self.ranges = ranges }

    /// The union of `ranges`, given in any order: one sort and merge, where a
    /// union per set would copy the growing result each time.
    init(merging ranges: [ClosedRange<UInt32>]) {
        self.init()
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) { appendAscending(range) }
    }

    public var isEmpty: Bool { ranges.isEmpty }
    /// How many members are Unicode scalars: what iterating yields.
    public var count: Int {
        ranges.reduce(0) { total, range in
            let low = Int(range.lowerBound)
            let high = Int(range.upperBound)
            let surrogates = max(0, min(high, 0xDFFF) - max(low, 0xD800) + 1)
            let beyondUnicode = max(0, high - max(low, 0x11_0000) + 1)
            return total + (high - low + 1) - surrogates - beyondUnicode
        }
    }

    /// Adds a code point larger than every member.
    mutating func appendAscending(_ value: UInt32) {
        if let last = ranges.last, last.upperBound &+ 1 == value {
            ranges[ranges.count - 1] = last.lowerBound...value
        } else if ranges.last.map({ $0.upperBound < value }) ?? true {
            ranges.append(value...value)
        }
    }

    mutating func appendAscending(_ range: ClosedRange<UInt32>) {
        if let last = ranges.last, last.upperBound &+ 1 >= range.lowerBound {
            ranges[ranges.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
        } else {
            ranges.append(range)
        }
    }

    public func intersection(_ other: ScalarSet) -> ScalarSet {
        if other.covers(self) { return self }
        if covers(other) { return other }
        // A few ranges against many, as when a short query meets a prefix's
        // large set: look each one up instead of walking the long list.
        if ranges.count * 16 < other.ranges.count { return probing(other) }
        if other.ranges.count * 16 < ranges.count { return other.probing(self) }
        var result = ScalarSet()
        var i = 0
        var j = 0
        while i < ranges.count, j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            let low = max(a.lowerBound, b.lowerBound)
            let high = min(a.upperBound, b.upperBound)
            if low <= high { result.ranges.append(low...high) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return result
    }

    public func union(_ other: ScalarSet) -> ScalarSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var result = ScalarSet()
        var i = 0
        var j = 0
        while i < ranges.count || j < other.ranges.count {
            let next: ClosedRange<UInt32>
            if j == other.ranges.count || (i < ranges.count && ranges[i].lowerBound <= other.ranges[j].lowerBound) {
                next = ranges[i]
                i += 1
            } else {
                next = other.ranges[j]
                j += 1
            }
            result.appendAscending(next)
        }
        return result
    }

    public func contains(_ value: UInt32) -> Bool {
        let index = firstRange(endingAtOrAbove: value, from: 0)
        return index < ranges.count && ranges[index].contains(value)
    }

    /// Whether this set is one range holding every member of `other`.
    private func covers(_ other: ScalarSet) -> Bool {
        guard ranges.count == 1, let first = other.ranges.first, let last = other.ranges.last else { return false }
        return ranges[0].lowerBound <= first.lowerBound && last.upperBound <= ranges[0].upperBound
    }

    /// The intersection, found by a binary search in `other` for each of
    /// this set's ranges: for a set with far fewer ranges than `other`.
    private func probing(_ other: ScalarSet) -> ScalarSet {
        var result = ScalarSet()
        var j = 0
        for range in ranges {
            j = other.firstRange(endingAtOrAbove: range.lowerBound, from: j)
            while j < other.ranges.count, other.ranges[j].lowerBound <= range.upperBound {
                let found = other.ranges[j]
                result.ranges.append(max(found.lowerBound, range.lowerBound)...min(found.upperBound, range.upperBound))
                if found.upperBound > range.upperBound { break }
                j += 1
            }
        }
        return result
    }

    /// The index of the first range at or after `start` whose upper bound is
    /// at least `value`, or `ranges.count` if there is none.
    private func firstRange(endingAtOrAbove value: UInt32, from start: Int) -> Int {
        var low = start
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension ScalarSet {
    /// The members in code-point order, walked range by range: a front end
    /// writes each one out, so no array of a large answer (a one-letter
    /// prefix finds 7,000) is ever made. Every member is a valid scalar,
    /// because only named scalars are ever inserted; other values are skipped.
    @inlinable public var scalars: Scalars { Scalars(ranges: ranges) }

    // Inlinable, so that a front end in another module walks the ranges in
    // its own loop instead of calling `next()` across modules for each scalar.
    public struct Scalars: Sequence, Sendable {
        @usableFromInline let ranges: [ClosedRange<UInt32>]

        @inlinable init(ranges: [ClosedRange<UInt32>]) { self.ranges = ranges }

        @inlinable public func makeIterator() -> Iterator { Iterator(ranges) }
        public var underestimatedCount: Int { ScalarSet(ranges: ranges).count }
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let ranges: [ClosedRange<UInt32>]
        @usableFromInline var nextRange = 0
        // The rest of the current range, value...end; empty when value > end.
        @usableFromInline var value: UInt32 = 1
        @usableFromInline var end: UInt32 = 0

        @inlinable init(_ ranges: [ClosedRange<UInt32>]) { self.ranges = ranges }

        @inlinable public mutating func next() -> Unicode.Scalar? {
            while true {
                if value <= end {
                    let current = value
                    value &+= 1
                    if let scalar = Unicode.Scalar(current) { return scalar }
                    continue
                }
                guard nextRange < ranges.count else { return nil }
                value = ranges[nextRange].lowerBound
                end = ranges[nextRange].upperBound
                nextRange += 1
            }
        }
    }
}
