import CharIndex
import MojiAnswers
import Testing

@Suite struct AnswerCacheTests {
    func key(_ text: String, _ form: AnswerKey.Form = .lines) throws -> AnswerKey {
        AnswerKey(try Query(text), form: form)
    }

    @Test func boundedByEntriesStartsOverWhenFull() throws {
        let cache = AnswerCache<Int>(maxEntries: 3)
        for n in 0..<3 { cache.store(n, for: try key("k\(n)")) }
        #expect(cache.store(30, for: try key("k0")) == 3)  // replacing a key never starts over
        #expect(cache.answer(for: try key("k0")) == 30)
        #expect(cache.store(4, for: try key("k4")) == 1)
        let (k1, k4) = (try key("k1"), try key("k4"))
        #expect(cache.answer(for: k1) == nil && cache.answer(for: k4) == 4)
        #expect(AnswerCache<Int>(maxEntries: 0).store(1, for: try key("x")) == 0)
    }

    @Test func boundedByCost() throws {
        let cache = AnswerCache<String>(maxCost: 10) { $0.utf8.count }
        cache.store("12345", for: try key("a"))
        cache.store("1234", for: try key("b"))
        #expect(cache.totalCost == 9)
        cache.store("12", for: try key("b"))  // replaces: 5 + 2
        #expect(cache.totalCost == 7 && cache.count == 2)
        cache.store("1234", for: try key("c"))  // 11 would not fit: starts over
        #expect(cache.totalCost == 4 && cache.count == 1)
        cache.store("12345678901", for: try key("d"))  // over the whole bound: not kept
        let d = try key("d")
        #expect(cache.answer(for: d) == nil && cache.totalCost == 4)
    }

    @Test func theSameQueryInAnotherOrderOrCaseSharesItsKey() throws {
        #expect(try key("cat face") == key("FACE cat"))
        #expect(try key("cat cat face") == key("face cat"))
        #expect(try key("cat face", .names) != key("cat face", .details))
        #expect(try key("cat face") != key("cat face", .names))
        #expect(try key("cat fa") != AnswerKey(Query("cat fa", prefix: true), form: .lines))
    }
}
