import Foundation
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

@Suite struct NumberTextTests {
    /// glibc's own answer, through Foundation, which the tools leave out.
    func printf(_ format: String, _ value: some CVarArg) -> String { String(format: format, value) }

    @Test func fixedIsPrintfsFixedNotation() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 0.5, 1.5, 2.5, 0.125, 0.375, 1.005, 1.115, 2.675, 0.045, 9.995, 99.995, 1e-7, 123_456.789,
            4503599627370.5, -1.25, -0.001, 0.285, 1234.5, .leastNonzeroMagnitude, .leastNormalMagnitude, 1e-30, -1e-20,
            0x1p63, 1.8e19,
        ]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -3...12, using: &generator)
            values.append(Double.random(in: -1...1, using: &generator) * pow(10, magnitude))
            // Halves and quarters at two places, where a tie is exact.
            values.append(Double(Int.random(in: -100_000...100_000, using: &generator)) / 8)
        }
        for value in values {
            for decimals in 0...6 {
                #expect(
                    NumberText.fixed(value, decimals: decimals) == printf("%.\(decimals)f", value),
                    "\(value) to \(decimals) places")
            }
        }
        // From 2^64 up, the documented shortest form instead of every digit.
        #expect(NumberText.fixed(1e20, decimals: 2) == "1e+20")
        #expect(NumberText.fixed(.nan, decimals: 2) == "nan")
        #expect(NumberText.fixed(-.infinity, decimals: 2) == "-inf")
    }

    @Test func paddedIsPrintfsWidth() {
        for value in [0, 7, 42, 100, 12_345, -3, -42, Int.min, Int.max] {
            #expect(NumberText.padded(value, width: 3) == printf("%3ld", value))
            #expect(NumberText.padded(value, width: 4, pad: "0") == printf("%04ld", value))
        }
    }
}
