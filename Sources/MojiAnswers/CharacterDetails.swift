import CharIndex
import TextSupport

/// The one JSON shape of a character's details, written by `mojifinder
/// --json` and by the API's `fields=details`: the same keys in the same
/// order, `age` null when the code point is unassigned.
public enum CharacterDetails {
    /// `{"char":"🐱","name":"CAT FACE","code":"U+1F431","category":"So","age":"6.0","utf8":"F0 9F 90 B1","html":"&#x1F431;"}`
    public static func appendJSON(_ scalar: Unicode.Scalar, to bytes: inout [UInt8]) {
        let details = ScalarDetails(scalar)
        let fields: [(key: String, value: String?)] = [
            ("char", details.char), ("name", details.name), ("code", details.code),
            ("category", details.category), ("age", details.age), ("utf8", details.utf8), ("html", details.html),
        ]
        bytes.append(UInt8(ascii: "{"))
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONString.append(field.key.utf8, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            if let value = field.value {
                JSONString.append(value.utf8, to: &bytes)
            } else {
                bytes += "null".utf8
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
