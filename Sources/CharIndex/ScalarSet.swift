/// A set of Unicode code points kept as sorted, disjoint, non-adjacent ranges.
///
/// Names come in long runs (97,000 `CJK UNIFIED IDEOGRAPH-…` in a row), so
/// ranges keep the index small and make intersection linear in the number of runs.
public struct ScalarSet: Sendable, Equatable {
    /// Sorted, disjoint, non-adjacent runs.
    @usableFromInline private(set) var runs: [CodePointRun]

    /// Sorted, disjoint, non-adjacent closed ranges.
    public var ranges: [ClosedRange<UInt32>] { runs.map { $0.first...$0.last } }

    public init() { runs = [] }

    /// Builds the set from code points given in ascending order.
    public init(ascending values: some Sequence<UInt32>) {
        runs = []
        for value in values { appendAscending(value) }
    }

    init(runs: [CodePointRun]) { self.runs = runs }

    /// The union of `runs`, given in any order: one sort and merge, where a
    /// union per set would copy the growing result each time.
    init(merging runs: [CodePointRun]) {
        self.init()
        for run in runs.sorted(by: { $0.first < $1.first }) { appendAscending(run) }
    }

    public var isEmpty: Bool { runs.isEmpty }
    /// How many members are Unicode scalars: what iterating yields.
    public var count: Int {
        runs.reduce(0) { total, run in
            let low = Int(run.first)
            let high = Int(run.last)
            let surrogates = max(0, min(high, 0xDFFF) - max(low, 0xD800) + 1)
            let beyondUnicode = max(0, high - max(low, 0x11_0000) + 1)
            return total + (high - low + 1) - surrogates - beyondUnicode
        }
    }

    /// Adds a code point larger than every member.
    mutating func appendAscending(_ value: UInt32) {
        if let last = runs.last, last.last &+ 1 == value {
            runs[runs.count - 1].last = value
        } else if runs.last.map({ $0.last < value }) ?? true {
            runs.append(CodePointRun(value, value))
        }
    }

    mutating func appendAscending(_ run: CodePointRun) {
        if let last = runs.last, last.last &+ 1 >= run.first {
            runs[runs.count - 1].last = max(last.last, run.last)
        } else {
            runs.append(run)
        }
    }

    public func intersection(_ other: ScalarSet) -> ScalarSet {
        if other.covers(self) { return self }
        if covers(other) { return other }
        // A few ranges against many, as when a short query meets a prefix's
        // large set: look each one up instead of walking the long list.
        if runs.count * 16 < other.runs.count { return probing(other) }
        if other.runs.count * 16 < runs.count { return other.probing(self) }
        var result = ScalarSet()
        var i = 0
        var j = 0
        while i < runs.count, j < other.runs.count {
            let a = runs[i]
            let b = other.runs[j]
            let low = max(a.first, b.first)
            let high = min(a.last, b.last)
            if low <= high { result.runs.append(CodePointRun(low, high)) }
            if a.last < b.last { i += 1 } else { j += 1 }
        }
        return result
    }

    public func union(_ other: ScalarSet) -> ScalarSet {
        if other.isEmpty { return self }
        if isEmpty { return other }
        var result = ScalarSet()
        var i = 0
        var j = 0
        while i < runs.count || j < other.runs.count {
            let next: CodePointRun
            if j == other.runs.count || (i < runs.count && runs[i].first <= other.runs[j].first) {
                next = runs[i]
                i += 1
            } else {
                next = other.runs[j]
                j += 1
            }
            result.appendAscending(next)
        }
        return result
    }

    public func contains(_ value: UInt32) -> Bool {
        let index = firstRun(endingAtOrAbove: value, from: 0)
        return index < runs.count && runs[index].first <= value && value <= runs[index].last
    }

    /// Whether this set is one range holding every member of `other`.
    private func covers(_ other: ScalarSet) -> Bool {
        guard runs.count == 1, let first = other.runs.first, let last = other.runs.last else { return false }
        return runs[0].first <= first.first && last.last <= runs[0].last
    }

    /// The intersection, found by a binary search in `other` for each of
    /// this set's ranges: for a set with far fewer ranges than `other`.
    private func probing(_ other: ScalarSet) -> ScalarSet {
        var result = ScalarSet()
        var j = 0
        for run in runs {
            j = other.firstRun(endingAtOrAbove: run.first, from: j)
            while j < other.runs.count, other.runs[j].first <= run.last {
                let found = other.runs[j]
                result.runs.append(CodePointRun(max(found.first, run.first), min(found.last, run.last)))
                if found.last > run.last { break }
                j += 1
            }
        }
        return result
    }

    /// The index of the first run at or after `start` whose last member is
    /// at least `value`, or `runs.count` if there is none.
    private func firstRun(endingAtOrAbove value: UInt32, from start: Int) -> Int {
        var low = start
        var high = runs.count
        while low < high {
            let mid = (low + high) / 2
            if runs[mid].last < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

extension ScalarSet {
    /// The members in code-point order, walked run by run: a front end
    /// writes each one out, so no array of a large answer (a one-letter
    /// prefix finds 7,000) is ever made. Every member is a valid scalar,
    /// because only named scalars are ever inserted; other values are skipped.
    @inlinable public var scalars: Scalars { Scalars(runs: runs) }

    // Inlinable, so that a front end in another module walks the ranges in
    // its own loop instead of calling `next()` across modules for each scalar.
    public struct Scalars: Sequence, Sendable {
        @usableFromInline let runs: [CodePointRun]

        @inlinable init(runs: [CodePointRun]) { self.runs = runs }

        @inlinable public func makeIterator() -> Iterator { Iterator(runs) }
        public var underestimatedCount: Int { ScalarSet(runs: runs).count }
    }

    public struct Iterator: IteratorProtocol {
        @usableFromInline let runs: [CodePointRun]
        @usableFromInline var nextRun = 0
        // The rest of the current run, value...end; empty when value > end.
        @usableFromInline var value: UInt32 = 1
        @usableFromInline var end: UInt32 = 0

        @inlinable init(_ runs: [CodePointRun]) { self.runs = runs }

        @inlinable public mutating func next() -> Unicode.Scalar? {
            while true {
                if value <= end {
                    let current = value
                    value &+= 1
                    if let scalar = Unicode.Scalar(current) { return scalar }
                    continue
                }
                guard nextRun < runs.count else { return nil }
                value = runs[nextRun].first
                end = runs[nextRun].last
                nextRun += 1
            }
        }
    }
}

/// The code points first...last of a set. Not a `ClosedRange<UInt32>`: the
/// first array of a generic range in a process has the runtime look up
/// `UInt32: Comparable` among every conformance of the program, which was
/// 3 % of a one-search `mojifinder` process.
@usableFromInline struct CodePointRun: Sendable, Equatable {
    @usableFromInline var first: UInt32
    @usableFromInline var last: UInt32

    @inlinable init(_ first: UInt32, _ last: UInt32) {
        self.first = first
        self.last = last
    }
}
