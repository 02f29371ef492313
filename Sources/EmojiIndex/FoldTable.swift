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
        /// The folded bytes, at this index of `ends` (empty: dropped).
        case folded(Int)
        /// A query's scalar the table lacks, lowercased.
        case lowercased(String)
    }

    /// The table, parsed on the first non-ASCII scalar. Per block of 256
    /// scalars, a page of their lines in `ends` plus 1, or 0 (not listed);
    /// only blocks with a listed scalar have a page, so that an English
    /// search, with a few accented names, touches little memory.
    private struct Table {
        static let pageSize = 256
        /// Per block of 256 scalars, its page's start in `slots` plus 1, or
        /// 0: an array for the BMP, where every letter of a name is looked up.
        var basicPages = [Int](repeating: 0, count: 0x10000 / pageSize)
        var supplementaryPages: [UInt32: Int] = [:]
        var slots: [UInt16] = []
        /// Where each line's folded bytes end in `folded`; they start where
        /// the line before ends (line 0 has none). Offsets, not ranges: the
        /// first `[Range<Int>]` of a process has the runtime look up
        /// `Int: Comparable` among every conformance of the program.
        var ends: [Int] = [0]
        var folded: [UInt8] = []

        /// The start of `page`'s slots plus 1, or 0 when it has none.
        private func pageStart(_ page: Int) -> Int {
            page < basicPages.count ? basicPages[page] : supplementaryPages[UInt32(page)] ?? 0
        }

        mutating func add(_ scalar: UInt32, slot: Int) {
            let page = Int(scalar) / Self.pageSize
            var start = pageStart(page) - 1
            if start < 0 {
                start = slots.count
                slots.append(contentsOf: repeatElement(0, count: Self.pageSize))
                if page < basicPages.count {
                    basicPages[page] = start + 1
                } else {
                    supplementaryPages[UInt32(page)] = start + 1
                }
            }
            slots[start + Int(scalar) % Self.pageSize] = UInt16(slot + 1)
        }

        func entry(_ scalar: UInt32) -> Int {
            let start = pageStart(Int(scalar) / Self.pageSize)
            return start == 0 ? 0 : Int(slots[start - 1 + Int(scalar) % Self.pageSize])
        }
    }

    private static let table: Table = {
        var table = Table()
        DataText.literal(EmojiDataText.folding).withBytes { bytes in
            var line = 0
            while line < bytes.count, table.ends.count < Int(UInt16.max) {
                let end = bytes.lineEnd(from: line)
                defer { line = end + 1 }
                guard end > line else { continue }
                let first =
                    bytes[line] < 0x80 ? (Unicode.Scalar(bytes[line]), 1) : FoldedWords.scalar(in: bytes, at: line)
                guard let (scalar, length) = first else { continue }
                let rest = line + length..<end
                // A tab alone marks a separator, slot 0.
                if rest.count == 1, bytes[rest.lowerBound] == UInt8(ascii: "\t") {
                    table.add(scalar.value, slot: 0)
                    continue
                }
                table.add(scalar.value, slot: table.ends.count)
                table.folded.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[rest]))
                table.ends.append(table.folded.count)
            }
        }
        return table
    }()

    /// A listed scalar's reading, or nil.
    private static func listed(_ scalar: Unicode.Scalar) -> Reading? {
        let entry = table.entry(scalar.value)
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

    static func folded(_ index: Int) -> ArraySlice<UInt8> {
        guard index > 0, index < table.ends.count else { return [] }
        return table.folded[table.ends[index - 1]..<table.ends[index]]
    }

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
