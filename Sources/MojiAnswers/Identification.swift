import EmojiIndex

/// What a text is made of, as `identify` lists it: each grapheme cluster
/// (Swift's `Character`) that is an RGI emoji sequence as one part, with its
/// CLDR name; every other cluster scalar by scalar, as the chapter does.
public enum IdentifiedPart: Sendable {
    /// A sequence of more than one code point that is an RGI emoji (in any
    /// qualification): `text` as pasted, `emoji` as named.
    case emoji(RGIEmoji, text: String)
    case scalar(Unicode.Scalar)

    /// The parts of `text`, in order, repeats included, named in `names`' locale.
    public static func parts(of text: String, names: EmojiNames) -> [IdentifiedPart] {
        var parts: [IdentifiedPart] = []
        for character in text {
            // A lone code point keeps its Unicode name line (U+1F431 CAT FACE).
            if character.unicodeScalars.count > 1, let emoji = names.identify(character) {
                parts.append(.emoji(emoji, text: String(character)))
            } else {
                parts += character.unicodeScalars.map(IdentifiedPart.scalar)
            }
        }
        return parts
    }

    /// The part as `identify --json` and `/identify` write it: an emoji's
    /// object (with `scalars`, its code points' details too), or a
    /// character's details.
    public func appendJSON(to bytes: inout [UInt8], scalars: Bool = false) {
        switch self {
        case .emoji(let emoji, let text): EmojiReport.appendJSON(emoji, text: text, scalars: scalars, to: &bytes)
        case .scalar(let scalar): CharacterDetails.appendJSON(scalar, to: &bytes)
        }
    }
}
