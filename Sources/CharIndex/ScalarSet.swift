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

    public var isEmpty: Bool { ranges.isEmpty }
    public var count: Int { ranges.reduce(0) { $0 + $1.count } }

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
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].contains(value)
    }

    /// The members in code-point order. Every member is a valid scalar,
    /// because only named scalars are ever inserted.
    public var scalars: [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(count)
        for range in ranges {
            for value in range { if let scalar = Unicode.Scalar(value) { result.append(scalar) } }
        }
        return result
    }
}
