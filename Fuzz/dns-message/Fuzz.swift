// libFuzzer target: the DNS message decoder reads whatever a nameserver (or
// anyone who can send a UDP packet to the probe's port) sends.

/// The bytes libFuzzer chose.
func input(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOne(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = input(data, size)
    // Never traps: either a message or a thrown `malformedMessage`.
    guard let message = try? DNSMessage.decode(bytes) else { return 0 }
    // Names that are plain ASCII survive re-encoding exactly (the encoder
    // never compresses, and other bytes are replaced when decoded as UTF-8).
    let labels = message.questions.flatMap(\.name) + message.answers.flatMap(\.name)
    guard labels.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) else { return 0 }
    guard let again = try? DNSMessage.decode(message.encoded()) else {
        fatalError("a decoded message does not decode after encoding: \(message)")
    }
    if again != message { fatalError("round trip changed the message: \(message) -> \(again)") }
    return 0
}
