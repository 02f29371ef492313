import CharIndex
import EmojiIndex
import PackageVersion
import TextSupport

/// The text and JSON forms of an RGI emoji, shared by `mojifinder emoji`,
/// `identify` and the web's `/emoji`.
public enum EmojiReport {
    /// `U+1F1F5 U+1F1F9<TAB>🇵🇹<TAB>flag: Portugal`: the code points of `text`
    /// (what was pasted, or the emoji itself), the text, and the CLDR name.
    public static func line(for emoji: RGIEmoji, text: String? = nil) -> String {
        let shown = text ?? emoji.emoji
        return "\(codes(shown))\t\(shown)\t\(emoji.name)"
    }

    /// `U+1F1F5 U+1F1F9`
    public static func codes(_ text: String) -> String {
        // Appends, not map and joined: the generic join costs a process its
        // first look-up of a conformance, tens of microseconds at start.
        var codes = ""
        for scalar in text.unicodeScalars {
            if !codes.isEmpty { codes += " " }
            codes += "U+" + InvertedIndex.hex(scalar.value)
        }
        return codes
    }

    /// `{"emoji":"🇵🇹","name":"flag: Portugal","code":"U+1F1F5 U+1F1F9","group":"Flags","subgroup":"country-flag"}`;
    /// with `scalars`, also the details of each code point (`CharacterDetails`).
    public static func appendJSON(
        _ emoji: RGIEmoji, text: String? = nil, scalars: Bool = false, to bytes: inout [UInt8]
    ) {
        let shown = text ?? emoji.emoji
        let fields = [
            ("emoji", shown), ("name", emoji.name), ("code", codes(shown)), ("group", emoji.group),
            ("subgroup", emoji.subgroup),
        ]
        bytes.append(UInt8(ascii: "{"))
        for (index, (key, value)) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONString.append(key.utf8, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONString.append(value.utf8, to: &bytes)
        }
        if scalars {
            bytes += #","scalars":["#.utf8
            for (index, scalar) in shown.unicodeScalars.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                CharacterDetails.appendJSON(scalar, to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Result lines then the status line, as `mojifinder emoji` prints them.
    public static func text(for emoji: [RGIEmoji]) -> String {
        var text = ""
        for item in emoji { text += line(for: item) + "\n" }
        return text + SearchReport.status(count: emoji.count) + "\n"
    }

    /// A JSON array of `emoji`, one object per line as `mojifinder --json` writes them.
    public static func json(for emoji: [RGIEmoji]) -> String {
        String(decoding: JSONArray.bytes(emoji, linePerElement: true) { appendJSON($0, to: &$1) }, as: UTF8.self)
    }
}

/// What `mojifinder --version` prints and `GET /version` answers: the
/// versions of the data mojifinder searches, `Unicode 17.0 names` from the
/// index that `unicodeNames` is the version of.
public func mojifinderVersion(unicodeNames: String) -> String {
    PackageVersion.description(
        of: "mojifinder",
        data: ["Unicode \(unicodeNames) names", "Emoji \(EmojiLookup.emojiVersion)", "CLDR \(EmojiLookup.cldrVersion)"])
}
