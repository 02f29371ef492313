import AsyncSupport
import Logging

/// The logger of the server's own machinery (Hummingbird, the service group):
/// only messages at `level` or above get through.
func flagsServerLogger(level: Logger.Level) -> Logger {
    var logger = Logger(label: "flags-server")
    logger.logLevel = level
    return logger
}

/// The `--verbose` request log: one line per delay or error, like the chapter's server.
func requestLogger() -> Logger {
    var logger = Logger(label: "flags-server") { _ in MessageLogHandler() }
    logger.logLevel = .info
    return logger
}

/// Writes just the message, one line per request, like the chapter's server.
struct MessageLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        writeUnbuffered(event.message.description + "\n")
    }
}
