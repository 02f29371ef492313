import ArgumentParser
import Logging

/// The one reading of `--log-level`, shared by `mojifinder web` and `tcp`.
enum LogLevelName {
    static func level(_ name: String) -> Logger.Level { Logger.Level(rawValue: name) ?? .info }

    /// A usage error naming the option and the accepted levels.
    static func check(_ name: String) throws {
        guard Logger.Level(rawValue: name) != nil else {
            throw ValidationError(
                "--log-level must be one of: \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", ")); got '\(name)'"
            )
        }
    }
}
