import DomainProbe
import Foundation
import NIOCore
import NIOPosix
import Synchronization
import TestSupport
import Testing

/// A free UDP port on 127.0.0.1 (bound, read, released).
func freeUDPPort() async throws -> Int {
    let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .bind(host: "127.0.0.1", port: 0).get()
    let port = channel.localAddress!.port!
    try await channel.close()
    return port
}

// MARK: dnsmasq

/// A real dnsmasq on 127.0.0.1 and a free port, authoritative for `test`:
/// `found.test` (and anything under it) and the names in `found` have an A
/// record, `v6.test` has only AAAA, every other name under `test` is
/// NXDOMAIN, and names elsewhere are REFUSED (no upstream).
final class Dnsmasq: Sendable {
    let port: Int
    private let process: SpawnedProcess
    var address: String { "127.0.0.1:\(port)" }

    static let executable = ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/sbin/dnsmasq"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private init(port: Int, process: SpawnedProcess) {
        self.port = port
        self.process = process
    }

    static func start(found: [String] = []) async throws -> Dnsmasq {
        guard let executable else {
            throw TestFailure("dnsmasq is not installed: run `bash scripts/test` or `apt-get install dnsmasq`")
        }
        var lastError = ""
        for _ in 0..<5 {
            let port = try await freeUDPPort()
            var arguments = [
                "--no-daemon", "--port=\(port)", "--listen-address=127.0.0.1", "--bind-interfaces",
                "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file=",
                "--local=/test/", "--address=/found.test/127.0.0.1", "--host-record=v6.test,::1",
            ]
            arguments += found.map { "--address=/\($0)/127.0.0.1" }
            if getuid() == 0 { arguments.append("--user=root") }
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("dnsmasq-\(UUID()).log")
            let process = try SpawnedProcess.spawn(
                executable, arguments, stdout: .file("/dev/null"), stderr: .file(log.path))
            let server = Dnsmasq(port: port, process: process)
            if try await server.waitUntilAnswering() {
                try? FileManager.default.removeItem(at: log)
                return server
            }
            server.stop()
            lastError = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            try? FileManager.default.removeItem(at: log)
        }
        throw TestFailure("dnsmasq did not start: \(lastError)")
    }

    private func waitUntilAnswering() async throws -> Bool {
        let resolver = try await NameserverResolver.connect(
            to: try NameserverResolver.address(address), timeout: .milliseconds(100), retries: 0)
        defer { Task { await resolver.close() } }
        let name = try DomainName("found.test")
        for _ in 0..<50 {
            if process.poll() != nil { return false }
            if (try? await resolver.query(name, type: DNSMessage.RecordType.a)) != nil { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }

    func stop() {
        process.kill()
    }
}

/// Runs `body` with a fresh dnsmasq and always stops it.
func withDnsmasq<T: Sendable>(
    found: [String] = [],
    _ body: @escaping @Sendable (Dnsmasq) async throws -> T
) async throws -> T {
    let server = try await Dnsmasq.start(found: found)
    defer { server.stop() }
    return try await withTimeout(.seconds(30), "dnsmasq test") { try await body(server) }
}

/// Every result of `multiProbe`, in completion order; a test failure after `seconds`.
func allResults(
    _ names: [String], limit: Int, using resolver: any DomainProbe.Resolver, seconds: Int64 = 10
) async throws -> [ProbeResult] {
    try await withTimeout(.seconds(seconds), "lookups") {
        var results: [ProbeResult] = []
        for await result in multiProbe(names, limit: limit, using: resolver) { results.append(result) }
        return results
    }
}

// MARK: in-test responder

/// A tiny DNS server for what dnsmasq cannot do on demand. The first label
/// of the question decides: `dN` answers after N ms, `servfail` answers
/// SERVFAIL, `nx…` answers NXDOMAIN, `noisy` first sends garbage and answers
/// to other questions, `silent…` never answers, `late` keeps quiet until the
/// question is sent a second time and then answers with the first send's
/// ID; anything else gets an A record at once. With `dropShare`, that share
/// of all queries (a seeded random choice) is dropped unread, as a server
/// with a full receive buffer drops them.
/// It counts queries, how many questions waited for an answer at the same
/// time (from first send to first answer), and the gaps between sends of
/// the same question.
final class Responder: Sendable {
    struct Counts: Sendable {
        var received = 0
        /// Questions sent and not answered yet. A question counts from its
        /// first send to its first answer: the client is done with it then,
        /// so its re-sends still in flight (on a loaded machine, the adaptive
        /// timer re-sends early) do not count against the limit.
        var waiting: Set<String> = []
        var answered: Set<String> = []
        var maxOutstanding = 0
        var lastSend: [String: ContinuousClock.Instant] = [:]
        /// Time between one send of a question and its next send.
        var resendGaps: [Duration] = []
        var dropped = 0
        var answeredOrder: [String] = []
        /// The ID of the first send of each `late` question.
        var lateFirstID: [String: UInt16] = [:]
        var drops: SeededDrops?
    }

    let channel: any Channel
    let box: CountsBox
    var address: String { "127.0.0.1:\(channel.localAddress!.port!)" }

    private init(channel: any Channel, box: CountsBox) {
        self.channel = channel
        self.box = box
    }

    static func start(dropShare: Double = 0, seed: UInt64 = 1) async throws -> Responder {
        let box = CountsBox()
        if dropShare > 0 { box.counts.withLock { $0.drops = SeededDrops(share: dropShare, seed: seed) } }
        let channel = try await DatagramBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ResponderHandler(box: box))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return Responder(channel: channel, box: box)
    }

    var snapshot: Counts { box.counts.withLock { $0 } }

    func stop() async {
        try? await channel.close()
    }
}

/// Decides which queries a lossy responder drops: SplitMix64, so a seed
/// gives the same sequence of choices on every run.
struct SeededDrops: Sendable {
    let share: Double
    var state: UInt64

    init(share: Double, seed: UInt64) {
        self.share = share
        state = seed
    }

    mutating func next() -> Bool {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 53) < share
    }
}

/// Shares one counter between the responder and its handler.
final class CountsBox: Sendable {
    let counts = Mutex(Responder.Counts())
}

final class ResponderHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let box: CountsBox

    init(box: CountsBox) { self.box = box }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let query = try? DNSMessage.decode(envelope.data.readableBytesView)
        let key = query?.questions.first.map { "\($0.name.joined(separator: ".")) \($0.type)" } ?? ""
        let now = ContinuousClock.now
        let drop = box.counts.withLock {
            $0.received += 1
            if let last = $0.lastSend.updateValue(now, forKey: key) { $0.resendGaps.append(now - last) }
            guard $0.drops?.next() == true else { return false }
            $0.dropped += 1
            return true
        }
        guard !drop, let query, let question = query.questions.first else { return }
        let first = question.name.first ?? ""
        if first.hasPrefix("silent") { return }
        var answerID = query.id
        if first == "late" {
            // Quiet on the first send; on the second, answer the first.
            let name = question.name.joined(separator: ".")
            let firstID: UInt16? = box.counts.withLock {
                if let id = $0.lateFirstID[name] { return id }
                $0.lateFirstID[name] = query.id
                return nil
            }
            guard let firstID else { return }
            answerID = firstID
        }
        box.counts.withLock {
            if !$0.answered.contains(key) { $0.waiting.insert(key) }
            $0.maxOutstanding = max($0.maxOutstanding, $0.waiting.count)
        }
        var response = DNSMessage(id: answerID, isResponse: true, questions: query.questions)
        if first == "servfail" {
            response.responseCode = DNSMessage.ResponseCode.serverFailure
        } else if first.hasPrefix("nx") {
            response.responseCode = DNSMessage.ResponseCode.nameError
        } else {
            let address: [UInt8] =
                question.type == DNSMessage.RecordType.aaaa ? Array(repeating: 0, count: 15) + [1] : [127, 0, 0, 1]
            response.answers = [.init(name: question.name, type: question.type, ttl: 60, data: address)]
        }
        var delay = 0
        if first.hasPrefix("d"), let ms = Int(first.dropFirst()) { delay = ms }
        let peer = envelope.remoteAddress
        func send(_ bytes: [UInt8]) {
            context.writeAndFlush(
                wrapOutboundOut(
                    AddressedEnvelope(remoteAddress: peer, data: context.channel.allocator.buffer(bytes: bytes))),
                promise: nil)
        }
        let reply = {
            if first == "noisy" {
                send([0xde, 0xad])
                var wrongID = response
                wrongID.id &+= 1
                send(wrongID.encoded())
                var wrongQuestion = response
                wrongQuestion.questions[0].name = ["other", "test"]
                send(wrongQuestion.encoded())
            }
            self.box.counts.withLock {
                $0.waiting.remove(key)
                $0.answered.insert(key)
                $0.answeredOrder.append(question.name.joined(separator: "."))
            }
            send(response.encoded())
        }
        if delay == 0 {
            reply()
        } else {
            context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(Int64(delay))) { reply() }
        }
    }
}

// MARK: commands
