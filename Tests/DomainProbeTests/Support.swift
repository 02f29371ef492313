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

// MARK: in-test responder

/// A tiny DNS server for what dnsmasq cannot do on demand. The first label
/// of the question decides: `dN` answers after N ms, `servfail` answers
/// SERVFAIL, `noisy` first sends garbage and answers to other questions,
/// `silent` never answers, `late` answers only its first query after
/// 300 ms; anything else gets an A record at once.
/// It counts queries, and how many waited for an answer at the same time.
final class Responder: Sendable {
    struct Counts: Sendable {
        var received = 0
        var outstanding = 0
        var maxOutstanding = 0
        var answeredOrder: [String] = []
        var lateSeen: Set<String> = []
    }

    let channel: any Channel
    let box: CountsBox
    var address: String { "127.0.0.1:\(channel.localAddress!.port!)" }

    private init(channel: any Channel, box: CountsBox) {
        self.channel = channel
        self.box = box
    }

    static func start() async throws -> Responder {
        let box = CountsBox()
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
        box.counts.withLock { $0.received += 1 }
        guard let query = try? DNSMessage.decode(envelope.data.readableBytesView),
            let question = query.questions.first
        else { return }
        let first = question.name.first ?? ""
        if first.hasPrefix("silent") { return }
        // `late`: only the first query for the name is answered, 1.5 s later.
        if first == "late", !box.counts.withLock({ $0.lateSeen.insert(question.name.joined(separator: ".")).inserted })
        {
            return
        }
        box.counts.withLock {
            $0.outstanding += 1
            $0.maxOutstanding = max($0.maxOutstanding, $0.outstanding)
        }
        var response = DNSMessage(id: query.id, isResponse: true, questions: query.questions)
        if first == "servfail" {
            response.responseCode = DNSMessage.ResponseCode.serverFailure
        } else {
            let address: [UInt8] =
                question.type == DNSMessage.RecordType.aaaa ? Array(repeating: 0, count: 15) + [1] : [127, 0, 0, 1]
            response.answers = [.init(name: question.name, type: question.type, ttl: 60, data: address)]
        }
        var delay = 0
        if first.hasPrefix("d"), let ms = Int(first.dropFirst()) { delay = ms }
        if first == "late" { delay = 1500 }
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
                $0.outstanding -= 1
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
