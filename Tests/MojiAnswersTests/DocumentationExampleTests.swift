import CharIndex
import CharIndexData
import EmojiIndex
import MojiAnswers
import Testing

/// The three examples of the MojiAnswers documentation, as written there.
@Suite struct DocumentationExampleTests {
    @Test func searchTheUnicodeNames() throws {
        let found = InvertedIndex.unicode.search(try Query("cat face"))
        #expect(Array(found.prefix(2)) == ["🐱", "😸"])
        #expect(SearchReport.text(for: found).hasSuffix(" 10 found\n"))
    }

    @Test func identifyAText() {
        let lines = IdentifiedPart.parts(of: "👨‍👩‍👧é", names: EmojiNames(.english)).map { part in
            switch part {
            case .emoji(let emoji, let text): EmojiReport.line(for: emoji, text: text)
            case .scalar(let scalar): SearchReport.visibleLine(for: scalar)
            }
        }
        #expect(
            lines == [
                "U+1F468 U+200D U+1F469 U+200D U+1F467\t👨‍👩‍👧\tfamily: man, woman, girl",
                "U+00E9\té\tLATIN SMALL LETTER E WITH ACUTE",
            ])
    }

    @Test func searchEmojiInAnyLanguage() {
        let portuguese = EmojiNames(EmojiLocale("pt") ?? .english)
        let found = portuguese.search(["sorriso"])
        #expect(found.first.map { "\($0.emoji) \($0.name)" } == "😏 rosto com sorriso maroto")
        #expect(found.contains { $0.emoji == "😄" && $0.name == "rosto risonho com olhos sorridentes" })
        #expect(EmojiLookup.search(["thumbs", "up"], tones: true).count == 6)
    }
}
