import AsyncSupport
import Testing

@Suite struct StartOverCacheTests {
    @Test func boundedByEntriesStartsOverWhenFull() {
        let cache = StartOverCache<Int>(maxEntries: 3)
        for n in 0..<3 { cache.store(n, for: "k\(n)") }
        #expect(cache.store(30, for: "k0") == 3)  // replacing a key never starts over
        #expect(cache.value(for: "k0") == 30)
        #expect(cache.store(4, for: "k4") == 1)
        #expect(cache.value(for: "k1") == nil && cache.value(for: "k4") == 4)
        #expect(StartOverCache<Int>(maxEntries: 0).store(1, for: "x") == 0)
    }

    @Test func boundedByCost() {
        let cache = StartOverCache<String>(maxCost: 10) { $0.utf8.count }
        cache.store("12345", for: "a")
        cache.store("1234", for: "b")
        #expect(cache.totalCost == 9)
        cache.store("12", for: "b")  // replaces: 5 + 2
        #expect(cache.totalCost == 7 && cache.count == 2)
        cache.store("1234", for: "c")  // 11 would not fit: starts over
        #expect(cache.totalCost == 4 && cache.count == 1)
        cache.store("12345678901", for: "d")  // over the whole bound: not kept
        #expect(cache.value(for: "d") == nil && cache.totalCost == 4)
    }
}
