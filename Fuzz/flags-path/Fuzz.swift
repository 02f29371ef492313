// libFuzzer target: the path of a request to `flags-server`, which names a
// file under the served folder in directory mode.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    guard let data, size > 0 else { return 0 }
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    guard let segments = FlagPath.segments(of: "/flags/" + text) else { return 0 }
    if segments.isEmpty { fatalError("empty segment list for \(text.debugDescription)") }
    for segment in segments {
        // One plain file-name component each, never a way out or a hidden file.
        let bytes = Array(segment.utf8)
        if bytes.isEmpty || bytes[0] == UInt8(ascii: ".") || bytes.contains(UInt8(ascii: "/"))
            || bytes.contains(UInt8(ascii: "\\")) || bytes.contains(0)
        {
            fatalError("unsafe segment \(segment.debugDescription) from \(text.debugDescription)")
        }
    }
    return 0
}
