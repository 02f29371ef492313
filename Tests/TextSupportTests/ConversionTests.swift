import Testing
import TextSupport

@Suite struct ConversionTests {
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
