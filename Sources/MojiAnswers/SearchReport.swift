import CharIndex
import TextSupport

/// The text forms of search results, shared by the CLI and the TCP server.
public enum SearchReport {
    /// `U+1F431<TAB>🐱<TAB>CAT FACE`; a scalar without a name gets its label,
    /// such as `<control-0007>`.
    public static func line(for scalar: Unicode.Scalar) -> String {
        "U+\(InvertedIndex.hex(scalar.value))\t\(shown(scalar))\t\(scalar.displayName)"
    }

    /// The character as a terminal can show it: a control (which would move
    /// the cursor or ring the bell) as its Control Pictures symbol, or U+FFFD.
    static func shown(_ scalar: Unicode.Scalar) -> Character {
        switch scalar.value {
        case 0x00...0x1F: Character(Unicode.Scalar(0x2400 + scalar.value) ?? "\u{FFFD}")
        case 0x7F: "\u{2421}"
        case 0x80...0x9F: "\u{FFFD}"
        default: Character(scalar)
        }
    }

    /// `line(for:)` with a visible stand-in for a character a terminal would
    /// show as nothing or as a mark on the tab before it, for `identify`:
    /// `␣` for a space, `◌́` for a combining mark, `⬚` for a format or
    /// other invisible character (ZERO WIDTH JOINER, a variation selector),
    /// `␤` for a line or paragraph separator.
    public static func visibleLine(for scalar: Unicode.Scalar) -> String {
        "U+\(InvertedIndex.hex(scalar.value))\t\(visible(scalar))\t\(scalar.displayName)"
    }

    static func visible(_ scalar: Unicode.Scalar) -> String {
        let properties = scalar.properties
        switch properties.generalCategory {
        case .control: return String(shown(scalar))
        case .surrogate, .unassigned: return "\u{FFFD}"
        case .spaceSeparator: return "\u{2423}"
        case .lineSeparator, .paragraphSeparator: return "\u{2424}"
        case .format: return "\u{2B1A}"
        case _ where properties.isDefaultIgnorableCodePoint: return "\u{2B1A}"
        case .nonspacingMark, .spacingMark, .enclosingMark: return "\u{25CC}" + String(Character(scalar))
        default: return String(Character(scalar))
        }
    }

    /// 66 box-drawing dashes, then the count: `──…── 10 found`.
    public static func status(count: Int) -> String {
        String(repeating: "\u{2500}", count: 66) + " \(count) found"
    }

    /// Result lines then the status line, each ending in `lineEnding`.
    public static func text(for scalars: some Sequence<Unicode.Scalar>, lineEnding: String = "\n") -> String {
        var text = ""
        var count = 0
        for scalar in scalars {
            text += line(for: scalar) + lineEnding
            count += 1
        }
        return text + status(count: count) + lineEnding
    }

    /// A JSON array with one object of details per scalar, one per line
    /// (`CharacterDetails`).
    public static func json(for scalars: some Sequence<Unicode.Scalar>) -> String {
        let bytes = JSONArray.bytes(scalars, linePerElement: true) { CharacterDetails.appendJSON($0, to: &$1) }
        return String(decoding: bytes, as: UTF8.self)
    }
}
