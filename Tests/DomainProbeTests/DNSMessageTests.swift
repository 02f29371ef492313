import DomainProbe
import Testing

@Suite struct DNSMessageTests {
    @Test func queryIsEncodedPerRFC1035() throws {
        let bytes = DNSMessage.query(id: 0x1234, name: try DomainName("Found.Test."), type: DNSMessage.RecordType.a)
            .encoded()
        let expected: [UInt8] = [
            0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0,  // id, RD, one question
            5, 0x66, 0x6f, 0x75, 0x6e, 0x64, 4, 0x74, 0x65, 0x73, 0x74, 0,  // found.test
            0, 1, 0, 1,  // A, IN
        ]
        #expect(bytes == expected)
    }

    @Test func responseRoundTrips() throws {
        var message = DNSMessage(
            id: 7, isResponse: true,
            questions: [.init(name: ["v6", "test"], type: DNSMessage.RecordType.aaaa)],
            answers: [
                .init(
                    name: ["v6", "test"], type: DNSMessage.RecordType.aaaa, ttl: 300,
                    data: Array(repeating: 0, count: 15) + [1])
            ]
        )
        message.authoritative = true
        message.responseCode = DNSMessage.ResponseCode.nameError
        #expect(try DNSMessage.decode(message.encoded()) == message)
    }

    @Test func compressedNamesAreFollowed() throws {
        // Answer name is a pointer to the question name at offset 12; a second
        // record is "www" + pointer.
        let packet: [UInt8] = [
            0, 9, 0x81, 0x80, 0, 1, 0, 2, 0, 0, 0, 0,
            5, 0x66, 0x6f, 0x75, 0x6e, 0x64, 4, 0x74, 0x65, 0x73, 0x74, 0, 0, 1, 0, 1,
            0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4, 127, 0, 0, 1,
            3, 0x77, 0x77, 0x77, 0xC0, 12, 0, 5, 0, 1, 0, 0, 0, 60, 0, 2, 0xC0, 12,
        ]
        let message = try DNSMessage.decode(packet)
        #expect(message.isResponse && message.id == 9 && message.recursionAvailable)
        #expect(message.answers.map(\.name) == [["found", "test"], ["www", "found", "test"]])
        #expect(message.answers[0].data == [127, 0, 0, 1])
        #expect(message.answers[1].type == DNSMessage.RecordType.cname)
    }

    static let header: [UInt8] = [0, 1, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0]
    static let malformed: [(String, [UInt8])] = [
        ("empty", []),
        ("short header", Array(header.prefix(11))),
        ("question missing", header),
        ("label past end", header + [5, 0x61, 0x62]),
        ("type missing", header + [1, 0x61, 0]),
        ("pointer to itself", header + [0xC0, 12, 0, 1, 0, 1]),
        ("pointer forwards", header + [0xC0, 40, 0, 1, 0, 1] + Array(repeating: 0, count: 40)),
        (
            "pointer loop",
            header + [1, 0x61, 0, 0, 1, 0, 1] + [0xC0, 19, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0]
                + [0xC0, 19]
        ),
        ("reserved label type", header + [0x40, 0, 0, 1, 0, 1]),
        ("answer data past end", header + [1, 0x61, 0, 0, 1, 0, 1] + [0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 9, 0, 4, 127]),
        (
            "name over 255 bytes",
            header + Array(repeating: [63] + Array(repeating: UInt8(0x61), count: 63), count: 5).flatMap { $0 } + [
                0, 0, 1, 0, 1,
            ]
        ),
    ]

    @Test(arguments: malformed.map(\.0))
    func malformedPacketsThrow(_ name: String) {
        let bytes = Self.malformed.first { $0.0 == name }!.1
        #expect(throws: DomainProbeError.self) { try DNSMessage.decode(bytes) }
    }

    @Test func randomCorruptionNeverTraps() throws {
        let valid = DNSMessage(
            id: 1, isResponse: true,
            questions: [.init(name: ["found", "test"], type: 1)],
            answers: [.init(name: ["found", "test"], type: 1, data: [127, 0, 0, 1])]
        ).encoded()
        var generator = SystemRandomNumberGenerator()
        var decoded = 0
        for _ in 0..<5000 {
            var bytes = valid
            for _ in 0..<Int.random(in: 1...4, using: &generator) {
                bytes[Int.random(in: 0..<bytes.count, using: &generator)] = .random(in: 0...255, using: &generator)
            }
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &generator)))
            if (try? DNSMessage.decode(bytes)) != nil { decoded += 1 }
        }
        // Some mutations stay valid, most do not; none may crash.
        #expect(decoded < 5000)
    }
}

@Suite struct DomainNameTests {
    @Test(arguments: [
        "localhost", "found.test", "FOUND.Test.", "xn--bcher-kva.example", "a-b.c0",
        String(repeating: "a", count: 63) + ".dev",
    ])
    func validNames(_ text: String) throws {
        #expect(try DomainName(text).description == text.lowercased().trimmingSuffix("."))
    }

    @Test(arguments: [
        ("", "empty name"),
        (".", "empty name"),
        ("a..b", "empty label"),
        (".a", "empty label"),
        (String(repeating: "a", count: 64) + ".dev", "over 63"),
        (Array(repeating: String(repeating: "a", count: 50), count: 5).joined(separator: ".") + ".dev", "over 253"),
        ("ex_ample.com", "'_'"),
        ("bücher.de", "'ü'"),
        ("a b.com", "U+20"),
        ("-a.com", "hyphen"),
        ("a-.com", "hyphen"),
    ])
    func invalidNamesGiveAReason(_ text: String, _ reason: String) {
        #expect {
            try DomainName(text)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }
}

extension String {
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
