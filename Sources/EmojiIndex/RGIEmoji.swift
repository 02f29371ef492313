/// An RGI emoji: a fully-qualified sequence of emoji-test.txt, named in a locale.
public struct RGIEmoji: Sendable, Hashable {
    /// The fully-qualified sequence, such as `1️⃣` for any form of keycap one.
    public let emoji: String
    /// Its CLDR short name in the locale asked for: `keycap: 1`, `flag: Portugal`.
    public let name: String
    /// Unicode's group and subgroup: `Smileys & Emotion`, `face-smiling`.
    public let group: String
    public let subgroup: String
    /// Its place in Unicode's emoji order (emoji-test.txt).
    public let order: Int

    public var codePoints: [Unicode.Scalar] { Array(emoji.unicodeScalars) }
}
