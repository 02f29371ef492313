import CharIndex
import NIOCore

/// The texts the server prints and sends. Server log lines follow the chapter's wording.
enum Messages {
    static func serving(_ address: String) -> String { "Serving on \(address). Hit CTRL-C to stop." }
    /// The starts of a session's two lines per query, made once per session:
    /// each line is then built in one allocation of its final size.
    struct LinePrefixes {
        let from: String
        let to: String

        init(client: String) {
            from = " From \(client): "
            to = "   To \(client): "
        }
    }

    static func from(_ prefixes: LinePrefixes, query: String) -> String {
        // Most queries have nothing to escape: their line is written in one go.
        if !needsPythonEscape(query) { return line(prefixes.from, query, quoted: true) }
        var line = prefixes.from
        appendPythonRepr(query, to: &line)
        return line
    }

    static func to(_ prefixes: LinePrefixes, count: Int) -> String {
        line(prefixes.to, String(count), quoted: false, tail: " results.")
    }

    /// `head`, then `body` (between single quotes with `quoted`), then
    /// `tail`, written into one allocation of the line's size: appending the
    /// parts one by one was a tenth of what a log line cost.
    private static func line(_ head: String, _ body: String, quoted: Bool, tail: String = "") -> String {
        var (head, body, tail) = (head, body, tail)
        let quote = UInt8(ascii: "'")
        return head.withUTF8 { head in
            body.withUTF8 { body in
                tail.withUTF8 { tail in
                    let size = head.count + body.count + tail.count + (quoted ? 2 : 0)
                    return String(unsafeUninitializedCapacity: size) { out in
                        var end = out.initialize(fromContentsOf: head)
                        if quoted {
                            out[end] = quote
                            end += 1
                        }
                        end += UnsafeMutableBufferPointer(rebasing: out[end...]).initialize(fromContentsOf: body)
                        if quoted {
                            out[end] = quote
                            end += 1
                        }
                        end += UnsafeMutableBufferPointer(rebasing: out[end...]).initialize(fromContentsOf: tail)
                        return end
                    }
                }
            }
        }
    }
    static func close(_ client: String) -> String { "Close \(client)." }
    static func refused(_ client: String, limit: Int) -> String {
        "Refuse \(client): already \(limit) connections."
    }
    static func lineTooLong(_ client: String) -> String { "Line too long from \(client)." }
    static func error(_ client: String, _ error: any Error) -> String { "Error \(client): \(error)" }

    // Sent to clients, CRLF-terminated.
    static let prompt = "?> "
    static let crlf = "\r\n"
    static func busyReply(limit: Int) -> String {
        "Server busy: \(limit) connections already open. Please try again later.\r\n"
    }
    static func queryErrorReply(_ error: QueryError) -> String { "Error: \(error)\r\n\(prompt)" }
    static func lineTooLongReply(limit: Int) -> String { "Line too long: the limit is \(limit) bytes. Bye.\r\n" }
    static func idleReply(_ timeout: TimeAmount) -> String {
        "Idle for \(Double(timeout.nanoseconds) / 1e9) s. Bye.\r\n"
    }
}

/// `host:port`, with brackets around IPv6 hosts.
func describe(_ address: SocketAddress?) -> String {
    guard let address, let ip = address.ipAddress, let port = address.port else { return "unknown" }
    if case .v6 = address { return "[\(ip)]:\(port)" }
    return "\(ip):\(port)"
}

/// The query as Python's `repr` shows it, so the log reads like the chapter's.
func pythonRepr(_ text: String) -> String {
    var out = ""
    appendPythonRepr(text, to: &out)
    return out
}

/// Whether Python's `repr` of `text` escapes something or uses double quotes.
func needsPythonEscape(_ text: String) -> Bool {
    text.utf8.contains { byte in
        byte < 0x20 || byte == 0x7F || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "'")
    }
}

/// `pythonRepr(text)`, appended to `out`.
func appendPythonRepr(_ text: String, to out: inout String) {
    // Most queries have nothing to escape: quoted as they are.
    if !needsPythonEscape(text) {
        out += "'"
        out += text
        out += "'"
        return
    }
    // Scalars, not Foundation's substring search, which a busy server's profile showed.
    let scalars = text.unicodeScalars
    let quote: Character = scalars.contains("'") && !scalars.contains("\"") ? "\"" : "'"
    out.append(quote)
    for scalar in scalars {
        switch scalar {
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        case _ where Character(scalar) == quote: out += "\\\(quote)"
        case _ where scalar.value < 0x20 || scalar.value == 0x7F:
            out += "\\x" + String(scalar.value, radix: 16).leftPadded(to: 2)
        default: out.unicodeScalars.append(scalar)
        }
    }
    out.append(quote)
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
