import AsyncSupport
import Logging

/// The logger of the server's own machinery (Hummingbird, the service group):
/// only messages at `level` or above get through.
func flagsServerLogger(level: Logger.Level) -> Logger {
    var logger = Logger(label: "flags-server")
    logger.logLevel = level
    return logger
}

/// The `--verbose` request log: one line per delay or error, like the chapter's
/// server, through the non-blocking log writer.
func requestLogger() -> Logger {
    .lines(label: "flags-server")
}
