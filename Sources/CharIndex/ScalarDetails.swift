/// What a Unicode table shows about one scalar, for `--json` and the API's
/// `fields=details`.
public struct ScalarDetails: Sendable, Equatable {
    public var char: String
    public var name: String
    /// `U+1F431`
    public var code: String
    /// The two-letter General Category, such as `So`.
    public var category: String
    /// The Unicode version that introduced it, such as `6.0`; nil when unassigned.
    public var age: String?
    /// UTF-8 bytes in hex, such as `F0 9F 90 B1`.
    public var utf8: String
    /// `&#x1F431;`
    public var html: String

    public init(_ scalar: Unicode.Scalar) {
        let hex = InvertedIndex.hex(scalar.value)
        char = String(Character(scalar))
        name = scalar.displayName
        code = "U+" + hex
        category = scalar.properties.generalCategory.abbreviation
        age = scalar.properties.age.map { "\($0.major).\($0.minor)" }
        utf8 =
            UTF8.encode(scalar)?.map { byte in
                (byte < 16 ? "0" : "") + String(byte, radix: 16, uppercase: true)
            }.joined(separator: " ") ?? ""
        html = "&#x\(hex);"
    }
}

extension Unicode.Scalar {
    /// The Unicode name, or for a scalar without one a label in the style of
    /// the standard's code point labels: `<control-0007>`, `<private-use-E000>`,
    /// `<noncharacter-FFFE>`, `<unassigned-0378>`.
    public var displayName: String {
        if let name = properties.name { return name }
        let kind: String
        switch properties.generalCategory {
        case .control: kind = "control"
        case .privateUse: kind = "private-use"
        case .unassigned: kind = properties.isNoncharacterCodePoint ? "noncharacter" : "unassigned"
        default: kind = "unnamed"
        }
        return "<\(kind)-\(InvertedIndex.hex(value))>"
    }
}

extension Unicode.GeneralCategory {
    /// The category's two-letter short name, as in UnicodeData.txt.
    public var abbreviation: String {
        switch self {
        case .uppercaseLetter: "Lu"
        case .lowercaseLetter: "Ll"
        case .titlecaseLetter: "Lt"
        case .modifierLetter: "Lm"
        case .otherLetter: "Lo"
        case .nonspacingMark: "Mn"
        case .spacingMark: "Mc"
        case .enclosingMark: "Me"
        case .decimalNumber: "Nd"
        case .letterNumber: "Nl"
        case .otherNumber: "No"
        case .connectorPunctuation: "Pc"
        case .dashPunctuation: "Pd"
        case .openPunctuation: "Ps"
        case .closePunctuation: "Pe"
        case .initialPunctuation: "Pi"
        case .finalPunctuation: "Pf"
        case .otherPunctuation: "Po"
        case .mathSymbol: "Sm"
        case .currencySymbol: "Sc"
        case .modifierSymbol: "Sk"
        case .otherSymbol: "So"
        case .spaceSeparator: "Zs"
        case .lineSeparator: "Zl"
        case .paragraphSeparator: "Zp"
        case .control: "Cc"
        case .format: "Cf"
        case .surrogate: "Cs"
        case .privateUse: "Co"
        case .unassigned: "Cn"
        @unknown default: "Cn"
        }
    }
}
