// Times building the full index (what a server does at start) two ways, and a
// few queries. Run it on a release build: scripts/bench-mojifinder-cli.
// `charindex-bench --prefix` times prefix search against exact search of the
// same queries instead (goal: at most 2x for a one-letter last word).
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
    let micros = Int(seconds) * 1_000_000 + Int(attoseconds / 1_000_000_000_000)
    let fraction = String(micros % 1000)
    let ms = "\(micros / 1000).\(String(repeating: "0", count: 3 - fraction.count))\(fraction)"
    print("\(label): median \(ms) ms over \(runs) runs (check \(check))")
    return median(samples)
}

if CommandLine.arguments.dropFirst().contains("--prefix") {
    let index = InvertedIndex.unicode
    // One-letter last words, alone and after other words, then longer ones.
    for text in ["cat f", "arrow l", "latin small letter a", "a", "f", "cat fa", "greek al"] {
        let exact = try Query(text)
        let prefix = try Query(text, prefix: true)
        let exactTime = measure("exact  \"\(text)\"", runs: 201) { index.search(exact).count }
        let prefixTime = measure("prefix \"\(text)\"", runs: 201) { index.search(prefix).count }
        let ratio = prefixTime / exactTime
        print("  ratio prefix/exact for \"\(text)\": \((ratio * 100).rounded() / 100)x\n")
    }
    exit(0)
}

// The generated table, decoded the way InvertedIndex.unicode decodes it, but
// each run from scratch (the static itself is initialised only once).
let encoded = Array(InvertedIndex.encodeNames(in: InvertedIndex.fullRange).utf8)
measure("full index from the embedded table", runs: 51) {
    InvertedIndex(encoded: encoded).wordCount
}
measure("full index from standard library names (the chapter's way)", runs: 5) {
    InvertedIndex(names: InvertedIndex.fullRange).wordCount
}
let index = InvertedIndex.unicode
for query in ["cat face", "cat", "a", "letter", "cjk"] {
    measure("search \"\(query)\"", runs: 201) { index.search(query).count }
}
