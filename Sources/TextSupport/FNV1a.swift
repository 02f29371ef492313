/// 64-bit FNV-1a: small, and stable across runs and platforms (unlike
/// `Hasher`), for ETags and for images drawn from a code.
public struct FNV1a: Sendable {
    public private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325

    public init() {}

    public mutating func add(_ bytes: some Sequence<UInt8>) {
        for byte in bytes {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01B3
        }
    }

    public mutating func add(_ text: String) { add(text.utf8) }
}
