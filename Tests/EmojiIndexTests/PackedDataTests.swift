import EmojiIndexData
import Testing

@testable import EmojiIndex

/// The readers of packed blocks refuse damaged bytes instead of trapping (Fuzz/emoji-data goes further).
@Suite struct PackedDataTests {
    /// A small packed block: base64 text, its DEFLATE bytes and its unpacked size.
    func packed(_ code: String) throws -> (text: [UInt8], deflate: [UInt8], size: Int) {
        let locale = try #require(EmojiLocale(code))
        let text = DataText.literal(EmojiDataText.block(locale.index)).withBytes { Array($0) }
        let deflate = try #require(text.withUnsafeBufferPointer { Base64.decode($0) })
        return (text, deflate, locale.packedSize)
    }

    func inflate(_ bytes: [UInt8], size: Int) -> [UInt8]? {
        bytes.withUnsafeBufferPointer { Inflate.decompress($0, size: size) }
    }

    @Test func aPackedBlockUnpacksToItsSize() throws {
        let block = try packed("ha_NE")
        #expect(block.size > 0)
        #expect(inflate(block.deflate, size: block.size)?.count == block.size)
    }

    @Test func truncatedOrMissizedStreamsAreRefused() throws {
        let block = try packed("ha_NE")
        #expect(inflate(Array(block.deflate.dropLast(4)), size: block.size) == nil)
        #expect(inflate(block.deflate, size: block.size - 1) == nil)
        #expect(inflate(block.deflate, size: block.size + 1) == nil)
        #expect(inflate(block.deflate, size: Inflate.maximumSize + 1) == nil)
        #expect(inflate([], size: 0) == nil)
    }

    @Test func base64RefusesForeignCharacters() {
        #expect(Array("aGk=".utf8).withUnsafeBufferPointer { Base64.decode($0) } == Array("hi".utf8))
        #expect(Array("aG\nk=".utf8).withUnsafeBufferPointer { Base64.decode($0) } == Array("hi".utf8))
        #expect(Array("aGk*".utf8).withUnsafeBufferPointer { Base64.decode($0) } == nil)
        #expect(Array("a=Gk".utf8).withUnsafeBufferPointer { Base64.decode($0) } == nil)
        #expect(Array("aGkxa".utf8).withUnsafeBufferPointer { Base64.decode($0) } == nil)
    }

    @Test func aBlockWithoutItsHeaderIsRefused() {
        #expect(LocaleBlock(text: .owned(Array("1\tname\twords\n".utf8))) == nil)
        #expect(LocaleBlock(text: .owned([])) == nil)
    }
}

@Suite struct FoldingTests {
    /// The written-out ASCII table reads every ASCII scalar as the folding
    /// table and Unicode's properties read a query's.
    @Test func asciiTableAgreesWithTheFoldingTable() {
        for value in UInt8(0)..<128 {
            let scalar = Unicode.Scalar(value)
            let byte = FoldedWords.ascii[Int(value)]
            switch FoldTable.reading(scalar, fromData: false) {
            case .separator: #expect(byte == 0, "\(value)")
            case .kept: #expect(byte == value, "\(value)")
            case .folded(let index): #expect([byte] == Array(FoldTable.folded(index)), "\(value)")
            case .lowercased(let lower): #expect([byte] == Array(lower.utf8), "\(value)")
            }
        }
    }
}
