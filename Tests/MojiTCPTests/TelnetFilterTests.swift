import NIOCore
import NIOEmbedded
import Testing

@testable import MojiTCP

@Suite("Telnet filter")
struct TelnetFilterTests {
    /// Feeds `input` one byte per read, returns what passes and whether the channel closed.
    func filter(_ input: [UInt8]) throws -> (passed: [UInt8], closed: Bool, state: TelnetFilter.State) {
        let handler = TelnetFilter()
        let channel = EmbeddedChannel(handler: handler)
        try channel.connect(to: try SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        var caught: (any Error)?
        for byte in input where channel.isActive {
            do { try channel.writeInbound(ByteBuffer(bytes: [byte])) } catch { caught = error }
        }
        var passed: [UInt8] = []
        while let buffer = try channel.readInbound(as: ByteBuffer.self) { passed += buffer.readableBytesView }
        if caught != nil { #expect(caught is TelnetInterrupt) }
        let result = (passed, !channel.isActive, handler.state)
        // Closing breaks the channel's cycle with its pipeline (AddressSanitizer reports it otherwise).
        _ = try? channel.finish()
        return result
    }

    @Test("negotiation split byte by byte never reaches the text")
    func splitNegotiation() throws {
        let iac: UInt8 = 255
        let input: [UInt8] =
            [iac, 251, 1] + Array("ca".utf8) + [iac, 241] + Array("t ".utf8)
            + [iac, 250, 31, 0, 80, iac, iac, 0, 24, iac, 240] + Array("face\r\n".utf8) + [iac, 254]
        let result = try filter(input)
        #expect(result.passed == Array("cat face\r\n".utf8))
        #expect(!result.closed)
        #expect(result.state == .option)
    }

    @Test("IAC IAC is a literal 0xFF byte")
    func escapedIAC() throws {
        #expect(try filter([65, 255, 255, 66]).passed == [65, 255, 66])
    }

    @Test("IAC IP closes and drops the unfinished line")
    func interrupt() throws {
        let result = try filter(Array("sun".utf8) + [255, 244] + Array("more".utf8))
        #expect(result.closed)
        #expect(result.passed == Array("sun".utf8))  // one byte per read: earlier reads already passed
    }
}
