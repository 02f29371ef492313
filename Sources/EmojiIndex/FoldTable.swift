import EmojiIndexData

/// How a scalar reads in a word: folded (lowercase, without diacritics),
/// dropped, or separating words. Follows scripts/gen-emoji-data's `words`.
///
/// The generator lists every scalar of the data that is not a letter left as
/// it is, so names read with a table look-up per scalar. A query may hold
/// scalars the data does not; those not in the table are read through
/// Unicode's properties, which cost some 100 ns a scalar, too much for every
/// name of a locale but nothing for a query.
enum FoldTable {
    enum Reading: Equatable {
        case separator
        case kept
        /// The folded bytes, at this index of `values` (empty: dropped).
        case folded(Int)
        /// A query's scalar the table lacks, lowercased.
        case lowercased(String)
    }

    /// The table, parsed on the first non-ASCII scalar: for each BMP scalar
    /// its line in `values` plus 1, or 0 (not listed); a dictionary beyond.
    private struct Table {
        var basic = [UInt16](repeating: 0, count: 0x10000)
        var supplementary: [UInt32: Int] = [:]
        var values: [[UInt8]] = []
        var separatorSlot = 0
    }

    private static let table: Table = {
        var table = Table()
        table.values.append([])
        DataText.literal(EmojiDataText.folding).withBytes { bytes in
            var line = 0
            while line < bytes.count, table.values.count < Int(UInt16.max) {
                let end = bytes.lineEnd(from: line)
                let scalars = bytes.string(line..<end).unicodeScalars
                line = end + 1
                guard let first = scalars.first else { continue }
                let folded = Array(Substring(scalars.dropFirst()).utf8)
                let slot = folded == [UInt8(ascii: "\t")] ? 0 : table.values.count
                if slot != 0 { table.values.append(folded) }
                if first.value < 0x10000 {
                    table.basic[Int(first.value)] = UInt16(slot + 1)
                } else {
                    table.supplementary[first.value] = slot + 1
                }
            }
        }
        return table
    }()

    /// A listed scalar's reading, or nil.
    private static func listed(_ scalar: Unicode.Scalar) -> Reading? {
        let entry =
            scalar.value < 0x10000 ? Int(table.basic[Int(scalar.value)]) : table.supplementary[scalar.value] ?? 0
        if entry == 0 { return nil }
        return entry == 1 ? .separator : .folded(entry - 1)
    }

    /// How `scalar` reads; `fromData` when it comes from the data, whose
    /// scalars are all listed unless they are letters kept as they are.
    static func reading(_ scalar: Unicode.Scalar, fromData: Bool) -> Reading {
        if let reading = listed(scalar) { return reading }
        if fromData { return .kept }
        let properties = scalar.properties
        switch properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
            .finalPunctuation, .otherPunctuation, .spaceSeparator, .lineSeparator, .paragraphSeparator, .control:
            return .separator
        case .format:
            return .folded(0)
        default:
            if properties.isWhitespace { return .separator }
            if isStrippedMark(scalar.value) { return .folded(0) }
            return properties.changesWhenLowercased ? .lowercased(properties.lowercaseMapping) : .kept
        }
    }

    static func folded(_ index: Int) -> [UInt8] { table.values.indices.contains(index) ? table.values[index] : [] }

    /// The combining marks folding drops: generic diacritics, Hebrew points,
    /// Arabic harakat (gen-emoji-data's STRIPPED_MARKS).
    static func isStrippedMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x0300...0x036F, 0x0591...0x05C7, 0x0610...0x061A, 0x064B...0x065F, 0x0670, 0x1AB0...0x1AFF,
            0x1DC0...0x1DFF, 0x20D0...0x20FF, 0xFE20...0xFE2F:
            return true
        default:
            return false
        }
    }
}
