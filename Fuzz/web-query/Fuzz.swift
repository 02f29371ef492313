// libFuzzer target: the query string of `GET /search?...` (and of `/emoji`
// and `/identify`) as any client sends it, through the percent decoder and
// through `SearchRequest.parse` and `EmojiRequest.parse`, the one validation
// each request gets.

import CharIndex
import EmojiIndex
import TextSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    switch queryValues(["q"], in: "/search?" + text) {
    case .success(let values):
        for value in values["q"] ?? [] {
            // What the decoder returns, encoded again, decodes to itself.
            if percentDecoded(percentEncode(value)[...]) != value {
                fatalError("percent round trip changed \(value.debugDescription)")
            }
        }
    case .failure(let problem):
        if problem.type != "string_unicode" { fatalError("unexpected problem \(problem)") }
        // The 422 body is built by hand: it must at least be balanced.
        let json = problem.json
        if !json.hasPrefix("{\"detail\":[{") || !json.hasSuffix("}]}") { fatalError("bad 422 body \(json)") }
    }
    checkSearchRequest("/search?" + text)
    checkEmojiRequest("/emoji?" + text)
    // Any text, encoded, decodes back to itself (with and without '+' as space).
    if percentDecoded(percentEncode(text)[...]) != text
        || percentDecoded(percentEncode(text)[...], plusIsSpace: true) != text
    {
        fatalError("percentEncode/percentDecoded disagree on \(text.debugDescription)")
    }
    return 0
}

/// A request either parses, to the last `q` and a key that depends only on
/// what the answer depends on, or fails with a 422 body that is JSON-shaped.
func checkSearchRequest(_ target: String) {
    switch SearchRequest.parse(target) {
    case .success(let request):
        guard case .success(let values) = queryValues(["q"], in: target), values["q"]?.last == request.q else {
            fatalError("parsed q is not the last q of \(target.debugDescription)")
        }
        if request.q.unicodeScalars.count > ValidationProblem.maxQueryLength { fatalError("a too long q was accepted") }
        guard case .success(let again) = SearchRequest.parse(target),
            again.query.canonicalKey == request.query.canonicalKey,
            again.details == request.details
        else {
            fatalError("parsing \(target.debugDescription) twice differs")
        }
    case .failure(let problem):
        let json = problem.json
        if !json.hasPrefix("{\"detail\":[{") || !json.hasSuffix("}]}") { fatalError("bad 422 body \(json)") }
    }
}

/// `/emoji` and `/identify` either parse, to a locale that exists and the
/// last `q`, or fail with a JSON-shaped 422 body; an accepted text is
/// identified and searched without a crash.
func checkEmojiRequest(_ target: String) {
    for options in [true, false] {
        switch EmojiRequest.parse(target, options: options) {
        case .success(let request):
            if EmojiLocale(request.locale.code) == nil { fatalError("parsed an unknown locale") }
            let names = EmojiNames(request.locale)
            _ = names.search([request.q], prefix: request.prefix, tones: request.tones)
            for character in request.q.prefix(64) { _ = names.identify(character) }
        case .failure(let problem):
            let json = problem.json
            if !json.hasPrefix("{\"detail\":[{") || !json.hasSuffix("}]}") { fatalError("bad 422 body \(json)") }
        }
    }
}
