import ArgumentParser
import Testing

@testable import DomainProbeCLI

/// The options blogdom and domaincheck share, parsed as ArgumentParser parses them.
@Suite struct ProbeOptionsTests {
    @Test func defaults() throws {
        let options = try ProbeOptions.parse([])
        #expect(options.limit == 100)
        #expect(options.nameserver == nil)
        #expect(options.timeout == 2)
        #expect(options.retries == 2)
    }

    @Test(arguments: [
        ["--limit", "1", "--timeout", "3600"],
        ["--timeout", "0.001", "--nameserver", "127.0.0.1:53", "--retries", "0"],
        ["--limit", "10000", "--retries", "10"],
    ])
    func acceptedValues(_ arguments: [String]) throws {
        _ = try ProbeOptions.parse(arguments)
    }

    @Test(arguments: [
        (["--limit", "0"], "--limit"),
        (["--limit=-1"], "--limit"),
        (["--timeout", "0"], "--timeout"),
        (["--timeout", "nan"], "--timeout"),
        (["--timeout", "inf"], "--timeout"),
        (["--timeout", "1e300"], "--timeout"),
        (["--timeout", "3600.5"], "--timeout"),
        (["--timeout=-1"], "--timeout"),
        (["--limit", "10001"], "--limit"),
        (["--retries", "11"], "--retries"),
        (["--retries=-1"], "--retries"),
    ])
    func refusedValues(_ arguments: [String], option: String) {
        let error = #expect(throws: (any Error).self, "accepted \(arguments)") { try ProbeOptions.parse(arguments) }
        guard let error else { return }
        let message = ProbeOptions.message(for: error)
        #expect(message.hasPrefix("\(option) must be "), "\(message)")
        #expect(ProbeOptions.exitCode(for: error) == .validationFailure)
    }

    /// Malformed command lines are usage errors too, with the same status 64.
    @Test(arguments: [["--limit", "abc"], ["--timeout", "-1"], ["--limit"], ["--unknown"]])
    func malformedIsAUsageError(_ arguments: [String]) {
        let error = #expect(throws: (any Error).self, "accepted \(arguments)") { try ProbeOptions.parse(arguments) }
        guard let error else { return }
        #expect(ProbeOptions.exitCode(for: error) == .validationFailure)
    }
}
