import ArgumentParser
import AsyncSupport

/// A problem with what the user asked for, found while running (an unreadable
/// names file, a nameserver that is not an IP address): a usage error, exit status 64.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

extension AsyncParsableCommand {
    /// The `main` of blogdom and domaincheck: ArgumentParser's, plus a
    /// `UsageError` from `run()` printed as `Error: message`, as every tool
    /// writes its errors, with the status of every usage error, 64 (EX_USAGE).
    public static func probeCommandMain(_ arguments: [String]? = nil) async {
        var command: Self
        do {
            command = try parse(arguments)
        } catch {
            exit(withError: error)
        }
        do {
            try await command.run()
        } catch let error as UsageError {
            writeUnbuffered("Error: \(error)\n", to: 2)
            exit(withError: ExitCode.validationFailure)
        } catch {
            exit(withError: error)
        }
    }
}
