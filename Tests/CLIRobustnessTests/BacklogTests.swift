import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// `--backlog` on every server: outside 1-65535 it is a usage error; inside
/// it reaches listen(2), which `ss -ltn` shows as a listening socket's Send-Q.
@Suite(.timeLimit(.minutes(5)))
struct BacklogTests {
    /// A server on port 0, and its start lines, each with a bound port as its first group.
    struct Server: Sendable, CustomStringConvertible {
        let product: String
        let arguments: [String]
        let startLines: [String]

        var description: String { ([product] + arguments).joined(separator: " ") }
    }

    static let servers = [
        Server(
            product: "mojifinder", arguments: ["web", "--port", "0", "--log-level", "notice"],
            startLines: [#"listening on http://127\.0\.0\.1:(\d+)"#]),
        // The metrics listener follows the server's backlog.
        Server(
            product: "mojifinder", arguments: ["tcp", "--port", "0", "--log-level", "notice", "--metrics-port", "0"],
            startLines: [#"Serving on 127\.0\.0\.1:(\d+)"#, #"Metrics on http://127\.0\.0\.1:(\d+)"#]),
        Server(
            product: "flags-server", arguments: ["--port", "0"],
            startLines: [#"Serving flags at http://127\.0\.0\.1:(\d+)"#]),
    ]

    @Test(arguments: ["0", "-1", "65536", "abc"])
    func aBacklogOutsideItsRangeIsAUsageError(value: String) async throws {
        for server in Self.servers {
            let run = try await runProduct(server.product, server.arguments + ["--backlog", value])
            #expect(run.exitCode == 64, "\(server) --backlog \(value): \(run.combinedOutput)")
            #expect(run.standardOutput.isEmpty, "\(server) --backlog \(value): \(run.standardOutput)")
            let message =
                Int(value) == nil
                ? "Error: The value '\(value)' is invalid for '--backlog <backlog>'"
                : "Error: --backlog must be between 1 and 65535; got \(value)"
            #expect(run.standardError.hasPrefix(message), "\(server) --backlog \(value): \(run.standardError)")
        }
    }

    /// 777 as given, and 4096 without the option; the kernel caps both at net.core.somaxconn.
    @Test(arguments: [777, nil] as [Int?])
    func theBacklogReachesTheListeningSocket(backlog: Int?) async throws {
        let ss = try requireProgram("ss", package: "iproute2")
        let cap = try Self.somaxconn()
        let expected = min(backlog ?? 4096, cap)
        for server in Self.servers {
            let arguments = server.arguments + (backlog.map { ["--backlog", "\($0)"] } ?? [])
            let process = try BackgroundProcess(product: server.product, arguments)
            var ports: [Int] = []
            for line in server.startLines { ports.append(try await process.waitForNumber(line, limit: .seconds(60))) }
            let sockets = try await runProcess(ss, ["-Hltn"], timeout: .seconds(30))
            #expect(sockets.exitCode == 0, "\(sockets.combinedOutput)")
            for port in ports {
                #expect(
                    Self.listenQueue(of: port, in: sockets.standardOutput) == expected,
                    "\(server) \(arguments), port \(port): \(sockets.standardOutput)")
            }
            process.signal(SIGTERM)
            let end = try await process.wait(limit: .seconds(30))
            #expect(end.exitCode == 0, "\(server): \(end.combinedOutput)")
        }
    }

    /// The Send-Q of the socket listening on 127.0.0.1:`port` in `ss -Hltn`'s
    /// output, which for a listening socket is its backlog.
    static func listenQueue(of port: Int, in table: String) -> Int? { listeningFields(port, table).map { $0.sendQ } }

    /// The Recv-Q of that socket: the connections waiting to be accepted.
    static func acceptQueue(of port: Int, in table: String) -> Int? { listeningFields(port, table).map { $0.recvQ } }

    private static func listeningFields(_ port: Int, _ table: String) -> (recvQ: Int, sendQ: Int)? {
        for line in table.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard fields.count >= 4, fields[0] == "LISTEN", fields[3] == "127.0.0.1:\(port)" else { continue }
            guard let recvQ = Int(fields[1]), let sendQ = Int(fields[2]) else { return nil }
            return (recvQ, sendQ)
        }
        return nil
    }

    static func somaxconn() throws -> Int {
        let path = "/proc/sys/net/core/somaxconn"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let value = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw TestFailure("cannot read \(path): \(text.debugDescription)")
        }
        return value
    }
}
