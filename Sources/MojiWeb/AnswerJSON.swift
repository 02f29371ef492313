import CharIndex
import MojiAnswers
import NIOCore
import Synchronization
import TextSupport

/// Writes `/search` answers as JSON straight into a `ByteBuffer`: the name
/// objects as `JSONEncoder` with `.sortedKeys` wrote them for the spec's
/// `[CharName]` (`/` escaped as `\/`), which `SearchAnswersTests` holds it
/// to; with `fields=details`, the objects of `CharacterDetails`.
///
/// Each scalar's `{"char":…,"name":…}` object is built once and kept, 256
/// code points at a time: looking a name up (`Unicode.Scalar.Properties.name`)
/// costs more than the rest of an answer. Only blocks with a name stored in
/// the Unicode tables are kept (a few MB for all of them); names derived from
/// the code point, such as `CJK UNIFIED IDEOGRAPH-4E00`, and labels such as
/// `<unassigned-0378>` are built each time.
final class AnswerJSON: Sendable {
    /// One entry per block of 256 code points, filled the first time an answer lists one of them.
    private let blocks = Mutex<[NameBlock?]>(Array(repeating: nil, count: 0x11_0000 >> 8))

    /// The JSON array of `scalars`: `char` and `name` of each, or with
    /// `details` their `CharacterDetails`.
    func body(for scalars: some Sequence<Unicode.Scalar>, details: Bool) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.reserveCapacity(2 + scalars.underestimatedCount * (details ? 140 : 48))
        buffer.writeInteger(UInt8(ascii: "["))
        var first = true
        // Answers come mostly in code-point order: the block often serves the
        // next scalar too. Its arrays are held here, not read from it each time.
        var currentIndex = -1
        var isKept = false
        var bytes: [UInt8] = []
        var ends: [Int] = []
        for scalar in scalars {
            if !first { buffer.writeInteger(UInt8(ascii: ",")) }
            first = false
            if details {
                var object: [UInt8] = []
                CharacterDetails.appendJSON(scalar, to: &object)
                buffer.writeBytes(object)
                continue
            }
            let index = Int(scalar.value >> 8)
            if index != currentIndex {
                let current = block(index)
                (isKept, bytes, ends) = (current.isKept, current.bytes, current.ends)
                currentIndex = index
            }
            if isKept {
                let offset = Int(scalar.value & 0xFF)
                let object = ends[offset]..<ends[offset + 1]
                bytes.withUnsafeBytes { _ = buffer.writeBytes(UnsafeRawBufferPointer(rebasing: $0[object])) }
            } else {
                buffer.writeBytes(Self.nameObject(scalar))
            }
        }
        buffer.writeInteger(UInt8(ascii: "]"))
        return buffer
    }

    /// The block of code points `index << 8` up to 256 more, made and kept on first use.
    private func block(_ index: Int) -> NameBlock {
        if let kept = blocks.withLock({ $0[index] }) { return kept }
        // Made outside the lock: two threads may both make it, and the first one kept wins.
        let made = NameBlock.make(first: UInt32(index) << 8)
        return blocks.withLock { blocks in
            if let kept = blocks[index] { return kept }
            blocks[index] = made
            return made
        }
    }

    static func nameObject(_ scalar: Unicode.Scalar) -> [UInt8] {
        let name = scalar.displayName
        var object = Array(#"{"char":"#.utf8)
        object.reserveCapacity(24 + name.utf8.count)
        JSONString.append(scalar.utf8, to: &object, escapingSlash: true)
        object += #","name":"#.utf8
        JSONString.append(name.utf8, to: &object, escapingSlash: true)
        object.append(UInt8(ascii: "}"))
        return object
    }

    /// Whether the Unicode tables store `name` as it is, rather than derive it
    /// from the code point (`…-4E00`) or `displayName` label it (`<…>`).
    static func isStored(name: String, of scalar: Unicode.Scalar) -> Bool {
        // Derived names end in at least 4 hex digits; they all start past U+3400.
        !name.hasPrefix("<") && !name.hasSuffix("-" + String(scalar.value, radix: 16, uppercase: true))
    }
}

/// The name objects of 256 consecutive code points, one after another in
/// `bytes`; object `i` is `bytes[ends[i]..<ends[i + 1]]`. A block without
/// any stored name is not kept: it is the shared, empty `derived` block.
final class NameBlock: Sendable {
    let isKept: Bool
    let bytes: [UInt8]
    let ends: [Int]

    private init(isKept: Bool, bytes: [UInt8], ends: [Int]) {
        self.isKept = isKept
        self.bytes = bytes
        self.ends = ends
    }

    static let derived = NameBlock(isKept: false, bytes: [], ends: [])

    /// The block of the 256 code points from `first`, or `derived`.
    static func make(first: UInt32) -> NameBlock {
        var bytes: [UInt8] = []
        var ends = [0]
        var stored = false
        for value in first..<first + 256 {
            if let scalar = Unicode.Scalar(value) {
                let name = scalar.displayName
                stored = stored || AnswerJSON.isStored(name: name, of: scalar)
                bytes += AnswerJSON.nameObject(scalar)
            }
            ends.append(bytes.count)
        }
        return stored ? NameBlock(isKept: true, bytes: bytes, ends: ends) : derived
    }
}
