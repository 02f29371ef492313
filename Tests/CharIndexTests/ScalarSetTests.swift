import CharIndex
import Testing

/// Intersection and union take shortcuts (one covering range, a few ranges
/// looked up among many); each is checked against plain sets of numbers.
@Suite struct ScalarSetTests {
    /// Numbers from a fixed seed, so that a failure can be replayed.
    struct Numbers {
        var state: UInt64
        mutating func next(below limit: UInt32) -> UInt32 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt32(truncatingIfNeeded: state >> 33) % limit
        }
    }

    /// About `runs` runs of consecutive values below `limit`.
    func randomSet(runs: Int, limit: UInt32, numbers: inout Numbers) -> Set<UInt32> {
        var values = Set<UInt32>()
        for _ in 0..<runs {
            let start = numbers.next(below: limit)
            for value in start..<min(limit, start + 1 + numbers.next(below: 6)) { values.insert(value) }
        }
        return values
    }

    func scalarSet(_ values: Set<UInt32>) -> ScalarSet { ScalarSet(ascending: values.sorted()) }

    @Test func intersectionAndUnionMatchPlainSets() {
        var numbers = Numbers(state: 13)
        // Sizes in ranges: equal, one far smaller than the other, either way round, empty.
        for (runsA, runsB) in [(50, 50), (2, 400), (400, 2), (1, 1000), (0, 30), (30, 0), (5, 5)] {
            for _ in 0..<20 {
                let a = randomSet(runs: runsA, limit: 3000, numbers: &numbers)
                let b = randomSet(runs: runsB, limit: 3000, numbers: &numbers)
                #expect(scalarSet(a).intersection(scalarSet(b)) == scalarSet(a.intersection(b)), "\(runsA) \(runsB)")
                #expect(scalarSet(a).union(scalarSet(b)) == scalarSet(a.union(b)), "\(runsA) \(runsB)")
            }
        }
    }

    @Test func oneCoveringRangeKeepsTheOtherSet() {
        var numbers = Numbers(state: 21)
        let values = randomSet(runs: 300, limit: 3000, numbers: &numbers)
        let all = ScalarSet(ascending: 0..<3000)
        let some = ScalarSet(ascending: 100..<200)
        #expect(scalarSet(values).intersection(all) == scalarSet(values))
        #expect(all.intersection(scalarSet(values)) == scalarSet(values))
        #expect(scalarSet(values).intersection(some) == scalarSet(values.filter { (100..<200).contains($0) }))
    }

    @Test func iterationSkipsValuesThatAreNotScalars() {
        let set = ScalarSet(ascending: [0x41, 0xD7FF, 0xD800, 0xDFFF, 0xE000, 0x10FFFF, 0x110000])
        #expect(set.scalars.map(\.value) == [0x41, 0xD7FF, 0xE000, 0x10FFFF])
        #expect(set.count == 4)
        #expect(Array(ScalarSet().scalars).isEmpty)
        #expect(ScalarSet().count == 0)
    }

    @Test func iterationYieldsEveryMemberInOrder() {
        var numbers = Numbers(state: 34)
        for runs in [0, 1, 7, 300] {
            let values = randomSet(runs: runs, limit: 3000, numbers: &numbers)
            let set = scalarSet(values)
            #expect(set.scalars.map(\.value) == values.sorted(), "\(runs)")
            #expect(set.count == values.count, "\(runs)")
        }
        // Ranges that hold surrogates or end at the last code point.
        let wide = ScalarSet(ascending: Array(0xD7F0...0xE00F) + Array(0x10_FFF0...0x11_0005))
        #expect(
            wide.scalars.map(\.value) == Array(0xD7F0...0xD7FF) + Array(0xE000...0xE00F) + Array(0x10_FFF0...0x10_FFFF))
        #expect(wide.count == 48)
    }

    @Test func answerListsLiteralsThenFoundCharacters() {
        let answer = SearchAnswer(listed: ["\u{1F431}", "a", "\u{1F431}"], found: ScalarSet(ascending: [0x41, 0x42]))
        #expect(answer.map(\.value) == [0x1F431, 0x61, 0x1F431, 0x41, 0x42])
        #expect(answer.count == 5)
        #expect(!answer.isEmpty)
        #expect(SearchAnswer().isEmpty && SearchAnswer().count == 0)
    }
}
