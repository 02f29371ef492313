// Times building the full index (what a server does at start) two ways, and a
// few queries. Run it on a release build: scripts/bench-mojifinder-cli.
// `charindex-bench --prefix [QUERY...]` times prefix search against exact
// search of the same queries instead (goal: at most 2x for a one-letter last
// word), twice: the search alone (the answer as ranges, with its count), and
// the search plus a walk over every character of the answer, which every
// front end then does; with queries given, only those, which is handy under
// `perf record`.
import CharIndex
import CharIndexData

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

func median(_ samples: [Duration]) -> Duration { samples.sorted()[samples.count / 2] }

@discardableResult
func measure(_ label: String, runs: Int, _ body: () -> Int) -> Duration {
    var samples: [Duration] = []
    var check = 0
    let clock = ContinuousClock()
    for _ in 0..<runs {
        let start = clock.now
        check &+= body()
        samples.append(clock.now - start)
    }
    let (seconds, attoseconds) = median(samples).components
    // Microseconds with two decimals: a small query takes about one.
    let centimicros = Int(seconds) * 100_000_000 + Int(attoseconds / 10_000_000_000)
    let fraction = String(centimicros % 100)
    let micros = "\(centimicros / 100).\(String(repeating: "0", count: 2 - fraction.count))\(fraction)"
    print("\(label): median \(micros) µs over \(runs) runs (check \(check))")
    return median(samples)
}

/// Visits every character of an answer, as a front end printing it does.
func walk(_ answer: SearchAnswer) -> Int {
    var sum = 0
    for scalar in answer { sum &+= Int(scalar.value) }
    return sum
}

func rounded(_ ratio: Double) -> Double { (ratio * 100).rounded() / 100 }

let arguments = CommandLine.arguments.dropFirst()
if arguments.first == "--prefix" {
    let index = InvertedIndex.unicodePreloaded  // as the servers, where search as you type happens
    // One-letter last words, alone and after other words, then longer ones.
    let given = Array(arguments.dropFirst())
    let texts = given.isEmpty ? ["cat f", "arrow l", "latin small letter a", "a", "f", "cat fa", "greek al"] : given
    for text in texts {
        let exact = try Query(text)
        let prefix = try Query(text, prefix: true)
        let exactTime = measure("exact  \"\(text)\"", runs: 1001) { index.search(exact).count }
        let prefixTime = measure("prefix \"\(text)\"", runs: 1001) { index.search(prefix).count }
        let exactWalk = measure("exact  \"\(text)\" + walk", runs: 1001) { walk(index.search(exact)) }
        let prefixWalk = measure("prefix \"\(text)\" + walk", runs: 1001) { walk(index.search(prefix)) }
        print(
            "  ratio prefix/exact for \"\(text)\": search \(rounded(prefixTime / exactTime))x, with walk \(rounded(prefixWalk / exactWalk))x\n"
        )
    }
    exit(0)
}

// The generated table, each run from scratch (the statics are initialised
// only once): read in place, as `InvertedIndex.unicode` does (nothing is
// decoded until a query), and preloaded, as the servers do at start.
let encoded = Array(InvertedIndex.encodeNames(in: InvertedIndex.fullRange).utf8)
measure("full index from the table, in place, then one search", runs: 51) {
    InvertedIndex(encoded: encoded).search("cat face").count
}
measure("full index from the table, every set decoded (a server's start)", runs: 11) {
    InvertedIndex(encoded: encoded).preloaded().search("cat face").count
}
measure("full index from standard library names (the chapter's way)", runs: 5) {
    InvertedIndex(names: InvertedIndex.fullRange).wordCount
}
for (label, index) in [("in place", InvertedIndex.unicode), ("preloaded", InvertedIndex.unicodePreloaded)] {
    for query in ["cat face", "cat", "a", "letter", "cjk"] {
        measure("search \"\(query)\" (\(label))", runs: 201) { index.search(query).count }
    }
}
