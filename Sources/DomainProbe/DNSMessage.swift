/// A DNS message as RFC 1035 section 4 lays it out, with just what a stub
/// resolver needs: header, questions and answers. Authority and additional
/// sections are counted but not kept.
public struct DNSMessage: Sendable, Hashable {
    public enum RecordType {
        public static let a: UInt16 = 1
        public static let cname: UInt16 = 5
        public static let aaaa: UInt16 = 28
    }
    public enum ResponseCode {
        public static let noError: UInt8 = 0
        public static let serverFailure: UInt8 = 2
        public static let nameError: UInt8 = 3
        public static let refused: UInt8 = 5
    }
    public static let classIN: UInt16 = 1

    public struct Question: Sendable, Hashable {
        public var name: [String]
        public var type: UInt16
        public var qclass: UInt16

        public init(name: [String], type: UInt16, qclass: UInt16 = DNSMessage.classIN) {
            self.name = name
            self.type = type
            self.qclass = qclass
        }

        /// Names compare case-insensitively (RFC 4343).
        public func matches(_ other: Question) -> Bool {
            type == other.type && qclass == other.qclass
                && name.map { $0.lowercased() } == other.name.map { $0.lowercased() }
        }
    }

    public struct Record: Sendable, Hashable {
        public var name: [String]
        public var type: UInt16
        public var rclass: UInt16
        public var ttl: UInt32
        public var data: [UInt8]

        public init(name: [String], type: UInt16, rclass: UInt16 = DNSMessage.classIN, ttl: UInt32 = 0, data: [UInt8]) {
            self.name = name
            self.type = type
            self.rclass = rclass
            self.ttl = ttl
            self.data = data
        }
    }

    public var id: UInt16
    public var isResponse: Bool
    public var opcode: UInt8 = 0
    public var authoritative = false
    public var truncated = false
    public var recursionDesired = true
    public var recursionAvailable = false
    public var responseCode: UInt8 = 0
    public var questions: [Question] = []
    public var answers: [Record] = []

    public init(id: UInt16, isResponse: Bool, questions: [Question] = [], answers: [Record] = []) {
        self.id = id
        self.isResponse = isResponse
        self.questions = questions
        self.answers = answers
    }

    /// A standard recursive query for one name and type.
    public static func query(id: UInt16, name: DomainName, type: UInt16) -> DNSMessage {
        DNSMessage(id: id, isResponse: false, questions: [Question(name: name.labels, type: type)])
    }

    // MARK: encoding

    /// Encodes without name compression, which is always valid.
    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64)
        func u16(_ v: UInt16) {
            out.append(UInt8(v >> 8))
            out.append(UInt8(v & 0xFF))
        }
        func u32(_ v: UInt32) {
            u16(UInt16(v >> 16))
            u16(UInt16(v & 0xFFFF))
        }
        func name(_ labels: [String]) {
            for label in labels {
                let bytes = Array(label.utf8.prefix(63))
                out.append(UInt8(bytes.count))
                out.append(contentsOf: bytes)
            }
            out.append(0)
        }
        var flags: UInt16 = 0
        if isResponse { flags |= 0x8000 }
        flags |= UInt16(opcode & 0x0F) << 11
        if authoritative { flags |= 0x0400 }
        if truncated { flags |= 0x0200 }
        if recursionDesired { flags |= 0x0100 }
        if recursionAvailable { flags |= 0x0080 }
        flags |= UInt16(responseCode & 0x0F)
        u16(id)
        u16(flags)
        u16(UInt16(questions.count))
        u16(UInt16(answers.count))
        u16(0)
        u16(0)
        for q in questions {
            name(q.name)
            u16(q.type)
            u16(q.qclass)
        }
        for r in answers {
            name(r.name)
            u16(r.type)
            u16(r.rclass)
            u32(r.ttl)
            u16(UInt16(r.data.count))
            out.append(contentsOf: r.data)
        }
        return out
    }

    // MARK: decoding

    /// Decodes a whole message; anything truncated, looping or out of range
    /// throws `malformedMessage` instead of trapping.
    public static func decode(_ bytes: some Collection<UInt8>) throws(DomainProbeError) -> DNSMessage {
        var reader = Reader(bytes: Array(bytes))
        let id = try reader.u16()
        let flags = try reader.u16()
        let qdcount = try reader.u16()
        let ancount = try reader.u16()
        _ = try reader.u16()  // nscount
        _ = try reader.u16()  // arcount
        var message = DNSMessage(id: id, isResponse: flags & 0x8000 != 0)
        message.opcode = UInt8((flags >> 11) & 0x0F)
        message.authoritative = flags & 0x0400 != 0
        message.truncated = flags & 0x0200 != 0
        message.recursionDesired = flags & 0x0100 != 0
        message.recursionAvailable = flags & 0x0080 != 0
        message.responseCode = UInt8(flags & 0x0F)
        for _ in 0..<qdcount {
            let name = try reader.name()
            message.questions.append(Question(name: name, type: try reader.u16(), qclass: try reader.u16()))
        }
        for _ in 0..<ancount {
            let name = try reader.name()
            let type = try reader.u16()
            let rclass = try reader.u16()
            let ttl = try reader.u32()
            let length = Int(try reader.u16())
            let data = try reader.bytes(length)
            message.answers.append(Record(name: name, type: type, rclass: rclass, ttl: ttl, data: data))
        }
        return message
    }

    struct Reader {
        let bytes: [UInt8]
        var offset = 0

        mutating func u8() throws(DomainProbeError) -> UInt8 {
            guard offset < bytes.count else { throw .malformedMessage("truncated at byte \(offset)") }
            defer { offset += 1 }
            return bytes[offset]
        }

        mutating func u16() throws(DomainProbeError) -> UInt16 {
            let high = try u8()
            return UInt16(high) << 8 | UInt16(try u8())
        }

        mutating func u32() throws(DomainProbeError) -> UInt32 {
            let high = try u16()
            return UInt32(high) << 16 | UInt32(try u16())
        }

        mutating func bytes(_ count: Int) throws(DomainProbeError) -> [UInt8] {
            guard count <= bytes.count - offset else {
                throw .malformedMessage("field of \(count) bytes runs past the end")
            }
            defer { offset += count }
            return Array(bytes[offset..<offset + count])
        }

        /// Reads a possibly compressed name. A pointer must point strictly
        /// before the label that holds it, so loops are impossible.
        mutating func name() throws(DomainProbeError) -> [String] {
            var labels: [String] = []
            var length = 1
            var position = offset
            var jumped = false
            var limit = position  // pointers must go below this
            while true {
                guard position < bytes.count else { throw .malformedMessage("name runs past the end") }
                let byte = bytes[position]
                switch byte & 0xC0 {
                case 0x00:
                    if byte == 0 {
                        if !jumped { offset = position + 1 }
                        return labels
                    }
                    let count = Int(byte)
                    guard position + 1 + count <= bytes.count else {
                        throw .malformedMessage("label runs past the end")
                    }
                    length += count + 1
                    guard length <= 255 else { throw .malformedMessage("name longer than 255 bytes") }
                    labels.append(String(decoding: bytes[position + 1..<position + 1 + count], as: UTF8.self))
                    position += 1 + count
                case 0xC0:
                    guard position + 1 < bytes.count else { throw .malformedMessage("pointer runs past the end") }
                    let target = Int(byte & 0x3F) << 8 | Int(bytes[position + 1])
                    guard target < limit else {
                        throw .malformedMessage("compression pointer does not point backwards")
                    }
                    if !jumped { offset = position + 2 }
                    jumped = true
                    limit = target
                    position = target
                default:
                    throw .malformedMessage("reserved label type 0x\(String(byte, radix: 16))")
                }
            }
        }
    }
}
