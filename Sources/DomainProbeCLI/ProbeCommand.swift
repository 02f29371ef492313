import ArgumentParser
import AsyncSupport

/// A problem with what the user asked for, found while running (an unreadable
/// names file, a nameserver that is not an IP address): exit status 2.
public struct UsageError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) { self.description = description }
}

extension AsyncParsableCommand {
    /// The `main` of blogdom and domaincheck: ArgumentParser's, except that
    /// usage problems exit 2, as these commands always have. That covers a
    /// `UsageError` from `run()` and a value `ProbeOptions.validate()` refuses;
    /// ArgumentParser would exit 64 for the latter, as it does (and still does
    /// here) for a malformed command line such as `--limit abc`.
    public static func probeCommandMain(_ arguments: [String]? = nil) async {
        let name = configuration.commandName ?? "\(Self.self)"
        var command: Self
        do {
            command = try parse(arguments)
        } catch {
            guard ProbeOptions.isRefusal(message(for: error)) else { exit(withError: error) }
            writeUnbuffered(fullMessage(for: error) + "\n", to: 2)
            exit(withError: ExitCode(2))
        }
        do {
            try await command.run()
        } catch let error as UsageError {
            writeUnbuffered("\(name): \(error)\n", to: 2)
            exit(withError: ExitCode(2))
        } catch {
            exit(withError: error)
        }
    }
}
