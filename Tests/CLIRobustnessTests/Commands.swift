/// Every executable and subcommand, with its numeric options and their
/// documented ranges: the table the robustness test runs through.
struct Command: Sendable, CustomStringConvertible {
    /// The product.
    var tool: String
    /// The subcommand, if any.
    var subcommand: [String] = []
    /// Arguments that keep a run on loopback and short: port 0 for servers,
    /// an unreachable nameserver for DNS probes, one code for `flags`.
    var baseline: [String: String] = [:]
    /// Arguments that are not options (a TLD, country codes).
    var positional: [String] = []
    var numericOptions: [NumericOption] = []
    /// How the program announces that it serves, and how to be its client.
    var server: ServerKind?

    var description: String { ([tool] + subcommand).joined(separator: " ") }

    /// The arguments for one run: `varied` replaces its baseline value.
    func arguments(varying option: String? = nil, to value: String = "") -> [String] {
        var arguments = subcommand + positional
        for (name, baselineValue) in baseline.sorted(by: { $0.key < $1.key }) where name != option {
            arguments.append("\(name)=\(baselineValue)")
        }
        // `--option=value`, so that "-1" and "" reach the option as values.
        if let option { arguments.append("\(option)=\(value)") }
        return arguments
    }
}

enum ServerKind: Sendable {
    /// GET /health over HTTP.
    case web
    /// One query line over TCP.
    case tcp
    /// GET /stats over HTTP.
    case flagsServer

    var path: String {
        switch self {
        case .web: "/health"
        case .tcp: ""
        case .flagsServer: "/stats"
        }
    }

    /// The start line, with the bound port as its first group.
    var startLine: String {
        switch self {
        case .web: #"listening on http://127\.0\.0\.1:(\d+)"#
        case .tcp: #"Serving on 127\.0\.0\.1:(\d+)"#
        case .flagsServer: #"Serving flags at http://127\.0\.0\.1:(\d+)"#
        }
    }
}

struct NumericOption: Sendable {
    enum Kind: Sendable {
        case integer, unsigned, real
    }

    var name: String
    var kind: Kind
    /// Ignored for `.unsigned`, whose range is the whole of UInt64.
    var range: ClosedRange<Double>

    /// Whether `text` is in the documented range, so the command must accept it.
    func accepts(_ text: String) -> Bool {
        switch kind {
        case .integer: Int(text).map { range.contains(Double($0)) } ?? false
        case .unsigned: UInt64(text) != nil
        case .real: Double(text).map { range.contains($0) } ?? false
        }
    }
}

/// 2^63-1 and 2^64: the edges of Int and UInt64 as text.
let hostileValues = [
    "0", "-1", "1e10", "1e300", "nan", "inf", "9223372036854775807", "18446744073709551616", "abc", "",
]

let portOption = NumericOption(name: "--port", kind: .integer, range: 0...65535)
let gracePeriodOption = NumericOption(name: "--grace-period", kind: .real, range: 0...86_400)
let backlogOption = NumericOption(name: "--backlog", kind: .integer, range: 1...65535)
/// UDP port 9 (discard) on loopback: nothing answers, so lookups fail fast and offline.
let quietNameserver = ["--nameserver": "127.0.0.1:9", "--timeout": "0.2", "--retries": "0"]
let probeOptions = [
    NumericOption(name: "--limit", kind: .integer, range: 1...10_000),
    NumericOption(name: "--timeout", kind: .real, range: 0.001...3600),
    NumericOption(name: "--retries", kind: .integer, range: 0...10),
]

let commands: [Command] = toolCommands + serverProgramCommands

/// `mojifinder-server`, which `mojifinder web` and `tcp` run in their place,
/// taken at its word when started directly: the same subcommands and options.
let serverProgramCommands: [Command] =
    [Command(tool: "mojifinder-server")]
    + toolCommands.filter { $0.tool == "mojifinder" && $0.server != nil }.map { command in
        var command = command
        command.tool = "mojifinder-server"
        return command
    }

let toolCommands: [Command] = [
    Command(tool: "mojifinder", positional: []),
    Command(tool: "mojifinder", subcommand: ["search"], positional: ["cat"]),
    Command(tool: "mojifinder", subcommand: ["identify"], positional: ["é"]),
    Command(
        tool: "mojifinder", subcommand: ["web"], baseline: ["--port": "0", "--log-level": "notice"],
        numericOptions: [
            portOption, NumericOption(name: "--cache-entries", kind: .integer, range: 0...1_000_000), gracePeriodOption,
            backlogOption,
        ],
        server: .web),
    Command(
        tool: "mojifinder", subcommand: ["tcp"], baseline: ["--port": "0"],
        numericOptions: [
            portOption,
            NumericOption(name: "--max-line-length", kind: .integer, range: 1...1_048_576),
            NumericOption(name: "--idle-timeout", kind: .real, range: 0.001...86_400),
            NumericOption(name: "--max-connections", kind: .integer, range: 1...100_000),
            NumericOption(name: "--metrics-port", kind: .integer, range: 0...65535),
            backlogOption,
        ],
        server: .tcp),
    Command(
        tool: "flags", positional: ["BR"],
        numericOptions: [
            NumericOption(name: "--limit", kind: .integer, range: 1...676),
            NumericOption(name: "--max-req", kind: .integer, range: 1...1000),
            NumericOption(name: "--retries", kind: .integer, range: 0...10),
        ]),
    Command(
        tool: "flags-server", baseline: ["--port": "0"],
        numericOptions: [
            portOption,
            NumericOption(name: "--delay", kind: .real, range: 0...3600),
            NumericOption(name: "--error-rate", kind: .real, range: 0...1),
            // Any UInt64: the range is the type's.
            NumericOption(name: "--seed", kind: .unsigned, range: 0...0),
            gracePeriodOption,
            backlogOption,
        ],
        server: .flagsServer),
    Command(tool: "blogdom", baseline: quietNameserver, numericOptions: probeOptions),
    Command(tool: "domaincheck", baseline: quietNameserver, positional: ["test"], numericOptions: probeOptions),
]
