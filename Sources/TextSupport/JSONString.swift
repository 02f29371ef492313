/// The package's one JSON string escaper. The tools write their small
/// fixed-shape JSON by hand (cheaper than an encoder per line), and every
/// string in it goes through here.
///
/// Escapes as Python's `json.dumps(ensure_ascii=False)` and Foundation's
/// `JSONEncoder` do: `\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls
/// as `\u001f`, everything else as UTF-8. `JSONEncoder` also writes `/` as
/// `\/`; `escapingSlash` keeps the answers recorded from it byte-identical.
public enum JSONString {
    /// Appends `text` (UTF-8) as a JSON string, quotes included.
    @inlinable
    public static func append(_ text: some Sequence<UInt8>, to bytes: inout [UInt8], escapingSlash: Bool = false) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), byte]
            case UInt8(ascii: "/") where escapingSlash: bytes += [UInt8(ascii: "\\"), byte]
            case 0x08: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "b")]
            case 0x0C: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "f")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0x00..<0x20:
                bytes += Array(#"\u00"#.utf8) + [hexDigit(byte >> 4), hexDigit(byte & 0x0F)]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// `text` as a JSON string literal, quotes included.
    public static func literal(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 2)
        append(text.utf8, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    @usableFromInline static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") + nibble : UInt8(ascii: "a") + nibble - 10
    }
}

/// The one way the tools write a JSON array of hand-written elements.
public enum JSONArray {
    /// `[a,b]`; with `linePerElement`, `[` and each element on a line of its
    /// own and `]` last (`[]` when empty), as the CLI's `--json` prints.
    public static func bytes<Element>(
        _ elements: some Sequence<Element>, linePerElement: Bool = false, _ write: (Element, inout [UInt8]) -> Void
    ) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(ascii: "[")]
        var first = true
        for element in elements {
            if !first { bytes.append(UInt8(ascii: ",")) }
            if linePerElement { bytes.append(UInt8(ascii: "\n")) }
            first = false
            write(element, &bytes)
        }
        bytes += linePerElement ? (first ? "]\n".utf8 : "\n]\n".utf8) : "]".utf8
        return bytes
    }
}
