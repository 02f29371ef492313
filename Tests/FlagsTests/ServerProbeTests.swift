import FlagCountries
import Flags
import FlagsServer
import Foundation
import Hummingbird
import TestSupport
import Testing

/// Without `-s`, `flags` asks the LOCAL address for a flag before using it.
/// `FLAGS_LOCAL_URL` points the command at a server of the test's own.
@Suite("flags: finding the LOCAL flags server", .timeLimit(.minutes(1)))
struct ServerProbeTests {
    /// An HTTP server that is not a flags server (another app on port 8000,
    /// as `mojifinder web` is by default) gives the built-in server and a line
    /// saying why, never 20 "not found".
    @Test(arguments: [
        (HTTPResponse.Status.notFound, "404 no Content-Type"), (.ok, "200 text/html"),
    ])
    func anotherHTTPServerIsNotTakenForTheFlagsServer(status: HTTPResponse.Status, answer: String) async throws {
        let dir = try makeTemporaryDirectory("flags-tests")
        let other = try await TestHTTPServer.start { _, _ in
            Response(
                status: status, headers: status == .ok ? [.contentType: "text/html"] : [:],
                body: .init(byteBuffer: ByteBuffer(string: "<h1>not flags</h1>")))
        }
        let result = try await runFlagsBinary([], in: dir, environment: ["FLAGS_LOCAL_URL": other.baseURL])
        await other.stop()
        #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
        let firstLine = result.standardOutput.split(separator: "\n").first.map(String.init) ?? ""
        #expect(
            firstLine.hasPrefix(
                "127.0.0.1:\(other.port) answers but is not a flags server (HEAD /flags/ad/ad.gif: \(answer)); "
                    + "serving the built-in flags in-process at http://127.0.0.1:"), "\(firstLine)")
        #expect(result.standardOutput.contains(" 20 flags downloaded."), "\(result.standardOutput)")
        #expect(!result.standardOutput.contains("not found"))
        #expect(try expectOnlyCompleteFlags(in: dir.appendingPathComponent("downloaded")) == 20)
        // The probe is one HEAD request; no download went to the other server.
        #expect(other.requests == 1)
    }

    /// A plain static server serving a flags folder counts as a flags server.
    @Test func pythonHTTPServerWithAFlagsFolderIsUsed() async throws {
        let site = try makeTemporaryDirectory("flags-tests")
        for code in FlagCodes.mostPopulous + ["AD"] {
            let folder = site.appendingPathComponent("flags/\(code.lowercased())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Data(BuiltInFlags.gif(for: code) ?? []).write(
                to: folder.appendingPathComponent("\(code.lowercased()).gif"))
        }
        let python = try requireProgram("python3", package: "python3")
        let server = try BackgroundProcess(
            python, ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", site.path])
        defer { server.signal(SIGTERM) }
        let announced = try await server.waitForOutput(#"Serving HTTP on 127\.0\.0\.1 port (\d+)"#)
        let port = try #require(announced.flatMap { Int($0) }, "\(server.standardError)")
        let baseURL = "http://127.0.0.1:\(port)/flags"
        let dir = try makeTemporaryDirectory("flags-tests")
        let result = try await runFlagsBinary([], in: dir, environment: ["FLAGS_LOCAL_URL": baseURL])
        #expect(result.exitCode == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("LOCAL site: \(baseURL)\n"), "\(result.standardOutput)")
        #expect(result.standardOutput.contains(" 20 flags downloaded."))
        #expect(try expectOnlyCompleteFlags(in: dir.appendingPathComponent("downloaded")) == 20)
    }

    @Test func theProbeNamesTheAddress() async throws {
        try await withFlagsServer { server in
            // A wide timeout: this process's event loops lag under the whole suite.
            let probe = await probeFlagsServer(at: server.baseURL, timeout: .seconds(60))
            #expect(probe == .flagsServer(address: "127.0.0.1:\(server.port)"))
        }
    }
}
