import Testing
import TextSupport

@Suite struct ConversionTests {
    @Test func runsAreWhatSplitGives() {
        func isSeparator(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "&") || byte == UInt8(ascii: " ") }
        for text in ["", "&", "&&& ", "a", "q=cat", "&q=cat&&prefix=1&", "  two  words ", "é&ü"] {
            var runs: [String] = []
            forEachRun(of: text.utf8, separatedBy: isSeparator) { runs.append(String(Substring($0))) }
            #expect(runs == text.utf8.split(whereSeparator: isSeparator).map { String(Substring($0)) }, "\(text)")
        }
    }

    @Test func percentDecodingAcceptsUTF8AndRefusesMalformedEscapes() {
        #expect(percentDecoded("cat%20face") == "cat face")
        #expect(percentDecoded("cat+face") == "cat+face")
        #expect(percentDecoded("cat+face", plusIsSpace: true) == "cat face")
        #expect(percentDecoded("%F0%9F%90%B1") == "🐱")
        #expect(percentDecoded("é") == "é")
        #expect(percentDecoded("%") == nil)
        #expect(percentDecoded("%4") == nil)
        #expect(percentDecoded("%zz") == nil)
        #expect(percentDecoded("%FF") == nil)
    }

    @Test func secondsNeverTrapAndStayInRange() {
        #expect(Duration.seconds(clamping: 1.5) == .milliseconds(1500))
        #expect(Duration.seconds(clamping: .nan) == .zero)
        #expect(Duration.seconds(clamping: -1) == .zero)
        #expect(Duration.seconds(clamping: .infinity) == .seconds(86_400))
        #expect(Duration.seconds(clamping: 1e300) == .seconds(86_400))
        #expect(Duration.seconds(clamping: 1e10, to: .seconds(60)) == .seconds(60))
        #expect(Duration.milliseconds(2500).inSeconds == 2.5)
    }
}

@Suite struct JSONArrayTests {
    @Test func compactAndOneElementPerLine() {
        let write: (Int, inout [UInt8]) -> Void = { $1 += String($0).utf8 }
        #expect(String(decoding: JSONArray.bytes([1, 2], write), as: UTF8.self) == "[1,2]")
        #expect(String(decoding: JSONArray.bytes([Int](), write), as: UTF8.self) == "[]")
        #expect(
            String(decoding: JSONArray.bytes([1, 2], linePerElement: true, write), as: UTF8.self) == "[\n1,\n2\n]\n")
        #expect(String(decoding: JSONArray.bytes([Int](), linePerElement: true, write), as: UTF8.self) == "[]\n")
    }
}
