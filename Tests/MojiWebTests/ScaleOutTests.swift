import Foundation
import TestSupport
import Testing

/// scripts/scale-out: instances of `mojifinder web` behind nginx, loaded with wrk.
@Suite("scale-out behind nginx", .timeLimit(.minutes(2)))
struct ScaleOutTests {
    @Test("2 instances, one killed halfway through: nginx retries, no client sees an error")
    func killOneInstance() async throws {
        _ = try requireProgram("nginx", package: "nginx")
        _ = try requireProgram("wrk", package: "wrk")
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        let result = try await runProcess(
            "/bin/bash", ["scripts/scale-out"], workingDirectory: root,
            environment: [
                // One wrk thread and few connections: other suites run beside this one.
                "INSTANCES": "2", "KILL_ONE": "1", "DURATION": "6", "THREADS": "1", "CONNECTIONS": "8",
                "BIN": URL(fileURLWithPath: try builtProduct("mojifinder")).deletingLastPathComponent().path,
            ],
            timeout: .seconds(90))
        #expect(result.exitCode == 0, "\(result.combinedOutput)")
        let last = result.standardOutput.split(separator: "\n").last.map(String.init) ?? ""
        let match = try #require(
            last.wholeMatch(of: /instances=2 requests=(\d+) failed=(\d+) killed=1 rps=(\d+)/),
            "last line: \(last)\n\(result.combinedOutput)")
        #expect(Int(match.1) ?? 0 > 0)
        #expect(match.2 == "0", "\(result.standardOutput)")
    }
}
