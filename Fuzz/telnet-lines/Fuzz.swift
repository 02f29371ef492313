// libFuzzer target: what a TCP client sends to `mojifinder tcp` goes through
// the Telnet parser, then is cut into lines, each stripped into a query.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    // The first byte says where the stream is split into two reads.
    let split = 1 + Int(bytes[0]) % bytes.count
    let stream = bytes[1...]

    var whole = TelnetParser()
    var wholeOutput: [UInt8] = []
    let wholeInterrupted = whole.feed(stream) { wholeOutput.append($0) }

    var parts = TelnetParser()
    var partsOutput: [UInt8] = []
    let cut = min(split, stream.count)
    var partsInterrupted = parts.feed(stream.prefix(cut)) { partsOutput.append($0) }
    if !partsInterrupted { partsInterrupted = parts.feed(stream.dropFirst(cut)) { partsOutput.append($0) } }

    // Reads may split a sequence anywhere: the result must not depend on where.
    if wholeInterrupted != partsInterrupted || wholeOutput != partsOutput {
        fatalError("split at \(cut) changed the result: \(wholeOutput) vs \(partsOutput)")
    }
    if wholeOutput.count > stream.count { fatalError("output longer than input") }
    if !stream.contains(255), !wholeInterrupted, wholeOutput != Array(stream) {
        fatalError("bytes without IAC were changed")
    }
    // Each line becomes a stripped query or nil (not UTF-8): never a trap.
    for line in wholeOutput.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
        if let query = sessionQuery(from: line), let first = query.unicodeScalars.first,
            let last = query.unicodeScalars.last,
            first.properties.isWhitespace || last.properties.isWhitespace
        {
            fatalError("query not stripped: \(query.debugDescription)")
        }
    }
    return 0
}
