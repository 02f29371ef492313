// libFuzzer target: what `flags` does with a server's `Retry-After` header
// and with the `--server` text a user types.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let text = String(decoding: bytes.dropFirst(), as: UTF8.self)
    // The first byte plays the attempt number, some of them far too large.
    let attempt = Int(bytes[0]) * (bytes[0] > 200 ? 1 << 40 : 1)
    for base in [0.5, Double(text) ?? 0.5] {
        for header in [text, nil] {
            let delay = retryDelay(retryAfter: header, attempt: attempt, base: base)
            if delay < .zero || delay > maximumRetryDelay { fatalError("delay \(delay) for \(text.debugDescription)") }
        }
    }
    if let site = try? FlagsSite.parse(text) {
        let lower = site.baseURL.lowercased()
        if site.baseURL.hasSuffix("/") || !(lower.hasPrefix("http://") || lower.hasPrefix("https://")) {
            fatalError("base URL \(site.baseURL.debugDescription) from \(text.debugDescription)")
        }
    }
    return 0
}
