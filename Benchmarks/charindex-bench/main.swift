// Times building the full index (what a server does at start) two ways, and a
// few queries. Run it on a release build: scripts/bench-mojifinder-cli.
import CharIndex
import CharIndexData

func median(_ samples: [Duration]) -> Duration { samples.sorted()[samples.count / 2] }

func measure(_ label: String, runs: Int, _ body: () -> Int) {
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
