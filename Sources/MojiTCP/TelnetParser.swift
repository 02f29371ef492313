/// The Telnet byte-stream state machine of `TelnetFilter`, without NIO: it
/// removes IAC sequences and keeps its state between reads, since a sequence
/// may be split across them. Kept free of NIO so the fuzzer builds it alone.
struct TelnetParser {
    static let iac: UInt8 = 255
    static let interruptProcess: UInt8 = 244
    static let subnegotiationBegin: UInt8 = 250
    static let subnegotiationEnd: UInt8 = 240
    /// WILL, WONT, DO, DONT take one option byte.
    static let optionVerbs: ClosedRange<UInt8> = 251...254

    enum State {
        case data
        case command  // after IAC
        case option  // after IAC WILL/WONT/DO/DONT
        case subnegotiation  // inside IAC SB … IAC SE
        case subnegotiationCommand  // IAC inside a subnegotiation
    }

    private(set) var state = State.data

    /// Feeds one read: the data bytes go to `output`; returns true when the
    /// client sent Telnet's Ctrl-C (IAC IP), after which the rest is ignored.
    mutating func feed(_ input: some Sequence<UInt8>, into output: (UInt8) -> Void) -> Bool {
        for byte in input {
            switch (state, byte) {
            case (.data, Self.iac): state = .command
            case (.data, _): output(byte)
            case (.command, Self.iac):
                // IAC IAC is a literal 255 byte, never valid UTF-8: the session
                // rules close on it, as on any invalid input.
                output(byte)
                state = .data
            case (.command, Self.interruptProcess):
                state = .data
                return true
            case (.command, Self.subnegotiationBegin): state = .subnegotiation
            case (.command, Self.optionVerbs): state = .option
            case (.command, _): state = .data  // two-byte commands: NOP, AYT, GA…
            case (.option, _): state = .data
            case (.subnegotiation, Self.iac): state = .subnegotiationCommand
            case (.subnegotiation, _): break
            case (.subnegotiationCommand, Self.subnegotiationEnd): state = .data
            case (.subnegotiationCommand, _): state = .subnegotiation
            }
        }
        return false
    }
}
