// swift-tools-version: 6.2
import PackageDescription

// Thin executables over libraries: every tool's logic lives in a library target
// with its own test folder; the executables only parse arguments.

/// Release builds on Linux are static position-independent executables: the
/// Swift runtime, Foundation and the C libraries are linked in, so a process
/// starts without loading or relocating any shared library (`mojifinder cat
/// face` in half the time of the same program linked against the system's C
/// libraries), the binary runs without the toolchain installed, and address
/// randomisation stays. The modules were compiled against the shared
/// Foundation, whose link entries leave out the static archives it needs, so
/// those are named here. `scripts/ld-static-pie` links with lld, without the
/// run path that SwiftPM adds and that a static PIE must not have.
let staticExecutableInRelease: [LinkerSetting] = [
    .unsafeFlags(
        [
            "-static-executable", "-Xclang-linker", "-static-pie",
            "-Xclang-linker", "--ld-path=\(Context.packageDirectory)/scripts/ld-static-pie",
            "-lCoreFoundation", "-l_FoundationICU", "-l_FoundationCollections", "-l_FoundationCShims",
            "-lswiftSynchronization",
        ],
        .when(platforms: [.linux], configuration: .release))
]

let package = Package(
    name: "AsyncNetTools",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mojifinder", targets: ["mojifinder"]),
        .executable(name: "mojifinder-server", targets: ["mojifinder-server"]),
        .executable(name: "blogdom", targets: ["blogdom"]),
        .executable(name: "domaincheck", targets: ["domaincheck"]),
        .executable(name: "flags-server", targets: ["flags-server"]),
        .executable(name: "flags", targets: ["flags"]),
        // The index of Unicode names, identify and the emoji search, for other
        // Swift packages; its documentation is the DocC catalog of MojiAnswers.
        .library(
            name: "MojiFinderKit",
            targets: ["CharIndex", "CharIndexData", "EmojiIndex", "EmojiIndexData", "MojiAnswers"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", from: "1.0.2"),
        .package(url: "https://github.com/apple/swift-system.git", from: "1.8.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/adam-fowler/compress-nio.git", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        // `swift package generate-documentation`; used by no target.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin.git", from: "1.5.0"),
    ],
    targets: [
        // Text helpers with no dependencies: the one JSON string escaper,
        // percent-decoding, cutting bytes into runs, trimming, seconds as
        // durations, the one hash.
        .target(name: "TextSupport"),
        .testTarget(name: "TextSupportTests", dependencies: ["TextSupport"]),
        // The package version, read by every tool's --version and every server.
        .target(name: "PackageVersion"),
        // Shared by the tools that run concurrently: bounded concurrency, the
        // output writer and the log handler.
        .target(name: "AsyncSupport", dependencies: [.product(name: "Logging", package: "swift-log")]),
        .testTarget(name: "AsyncSupportTests", dependencies: ["AsyncSupport"]),
        // The runnable snippets of docs/asyncio-to-swift.md; scripts/check-guide keeps the two in step.
        .testTarget(
            name: "GuideTests",
            dependencies: [
                "AsyncSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ]
        ),

        // What every command line shares: the range check of numeric options.
        .target(
            name: "CommandLineSupport",
            dependencies: [.product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),

        // Where a server listens: the address it binds for a host, and the check,
        // before it starts, that it can listen there.
        .target(
            name: "ListenCheck",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),

        // A Prometheus registry per server; the program that serves it wires
        // its GET /metrics route.
        .target(
            name: "ServerMetrics",
            dependencies: [
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),

        // The one test-support target: built products, processes with a time
        // limit, timeouts and the test error.
        .target(
            name: "TestSupport",
            dependencies: [
                .product(name: "Subprocess", package: "swift-subprocess"),
                .product(name: "SystemPackage", package: "swift-system"),
            ],
            path: "Tests/TestSupport"
        ),

        // Every executable and subcommand at help, unknown options and hostile values.
        .testTarget(name: "CLIRobustnessTests", dependencies: ["AsyncSupport", "TestSupport"]),

        // mojifinder: inverted index of Unicode names, CLI, web and TCP front ends.
        .target(name: "CharIndex", dependencies: ["TextSupport"]),
        .executableTarget(name: "charindex-gen", dependencies: ["CharIndex"]),
        .plugin(name: "EmbedCharIndex", capability: .buildTool(), dependencies: ["charindex-gen"]),
        // The full index, generated at build time by the plugin above.
        .target(name: "CharIndexData", dependencies: ["CharIndex"], plugins: ["EmbedCharIndex"]),
        .testTarget(name: "CharIndexTests", dependencies: ["CharIndex", "CharIndexData"]),
        // The answers every front end gives: result lines, the one details
        // JSON, and the one answer cache keyed by the canonical query.
        .target(name: "MojiAnswers", dependencies: ["CharIndex", "EmojiIndex", "PackageVersion", "TextSupport"]),
        .testTarget(
            name: "MojiAnswersTests", dependencies: ["CharIndex", "CharIndexData", "EmojiIndex", "MojiAnswers"]),
        // mojifinder's emoji layer: the RGI emoji sequences named in every CLDR
        // locale, packed by scripts/gen-emoji-data from Unicode's and CLDR's files.
        .target(name: "EmojiIndexData", exclude: ["LICENSE-UNICODE.txt"]),
        .target(name: "EmojiIndex", dependencies: ["EmojiIndexData"]),
        .testTarget(name: "EmojiIndexTests", dependencies: ["EmojiIndex", "EmojiIndexData"]),
        .testTarget(
            name: "MojifinderCLITests", dependencies: ["mojifinder", "EmojiIndex", "TestSupport"], exclude: ["fixtures"]
        ),
        // mojifinder search and identify, and the options of web and tcp, which
        // run mojifinder-server in its place: a search loads no server code.
        .executableTarget(
            name: "mojifinder",
            dependencies: [
                "AsyncSupport",
                "CommandLineSupport",
                "CharIndex",
                "CharIndexData",
                "MojiAnswers",
                "PackageVersion",
                "TextSupport",
                // Not "mojifinder-server": SwiftPM would build it, but would also link
                // every library it uses into mojifinder, which is what the split avoids.
                "MojifinderServerOptions",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticExecutableInRelease
        ),
        // The options and help of mojifinder web and tcp, shared by both executables.
        .target(
            name: "MojifinderServerOptions",
            dependencies: [
                "CommandLineSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "mojifinder-server",
            dependencies: [
                "AsyncSupport",
                "CommandLineSupport",
                "ListenCheck",
                "CharIndex",
                "CharIndexData",
                "HTTPRouting",
                "MojifinderServerOptions",
                "MojiTCP",
                "MojiWeb",
                "PackageVersion",
                "ServerMetrics",
                "TextSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ],
            linkerSettings: staticExecutableInRelease
        ),

        // mojifinder tcp: the chapter's tcp_mojifinder.py on SwiftNIO, and its load client.
        .target(
            name: "MojiTCP",
            dependencies: [
                "AsyncSupport",
                "CharIndex",
                "ListenCheck",
                "MojiAnswers",
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .testTarget(
            name: "MojiTCPTests",
            dependencies: [
                "TestSupport",
                "MojiTCP",
                "MojiAnswers",
                "CharIndex",
                "CharIndexData",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "moji-tcp-load",
            dependencies: [
                "CharIndex",
                "CharIndexData",
                "MojiAnswers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOExtras", package: "swift-nio-extras"),
            ],
            path: "Benchmarks/moji-tcp-load"
        ),
        .executableTarget(
            name: "charindex-bench", dependencies: ["CharIndex", "CharIndexData"],
            path: "Benchmarks/charindex-bench"
        ),

        // blogdom, domaincheck: concurrent DNS probing streamed in completion order.
        .target(
            name: "DomainProbe",
            dependencies: [
                "AsyncSupport",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // What blogdom and domaincheck share: options, output lines, the run.
        .target(
            name: "DomainProbeCLI",
            dependencies: [
                "AsyncSupport",
                "TextSupport",
                "CommandLineSupport",
                "DomainProbe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "DomainProbeTests",
            dependencies: [
                "TestSupport",
                "DomainProbe",
                "DomainProbeCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "blogdom",
            dependencies: [
                "AsyncSupport", "DomainProbeCLI", "PackageVersion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticExecutableInRelease
        ),
        .executableTarget(
            name: "domaincheck",
            dependencies: [
                "AsyncSupport", "DomainProbeCLI", "PackageVersion",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticExecutableInRelease
        ),
        // What both Hummingbird servers share: HEAD, 405 with Allow, /metrics, accepting a crowd.
        .target(
            name: "HTTPRouting",
            dependencies: [
                "ServerMetrics",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
            ]
        ),
        // The chapter's 194 country codes and names, shared by flags and flags-server.
        .target(name: "FlagCountries", dependencies: ["TextSupport"]),

        // flags-server: the chapter's LOCAL, DELAY and ERROR flag servers in one binary.
        .target(
            name: "FlagsServer",
            dependencies: [
                "AsyncSupport",
                "PackageVersion",
                "TextSupport",
                "HTTPRouting",
                "FlagCountries",
                "ServerMetrics",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "flags-server",
            dependencies: [
                "AsyncSupport",
                "PackageVersion",
                "TextSupport",
                "CommandLineSupport",
                "FlagsServer",
                "ListenCheck",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: staticExecutableInRelease
        ),
        .testTarget(
            name: "FlagsServerTests",
            dependencies: [
                "PackageVersion",
                "TestSupport",
                "FlagCountries",
                "FlagsServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // flags: the chapter's concurrent flag downloader (flags, flags2, flags3).
        .target(
            name: "Flags",
            dependencies: [
                "AsyncSupport",
                "TextSupport",
                "FlagCountries",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "flags",
            dependencies: [
                "AsyncSupport",
                "PackageVersion",
                "CommandLineSupport",
                "Flags",
                "FlagsServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            linkerSettings: staticExecutableInRelease
        ),
        .testTarget(
            name: "FlagsTests",
            dependencies: [
                "TestSupport",
                "FlagCountries",
                "Flags",
                "FlagsServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        // mojifinder web: the HTTP API (spec-first, openapi.yaml) and the search page.
        .target(
            name: "MojiWeb",
            dependencies: [
                "AsyncSupport",
                "HTTPRouting",
                "CharIndex",
                "EmojiIndex",
                "MojiAnswers",
                "PackageVersion",
                "TextSupport",
                .product(name: "CompressNIO", package: "compress-nio"),
                "ServerMetrics",
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            // The contract: served from OpenAPIDocument.swift (scripts/embed-openapi),
            // and the tests check the answers against it.
            exclude: ["openapi.yaml"]
        ),
        .testTarget(
            name: "MojiWebTests",
            dependencies: [
                "EmojiIndex",
                "PackageVersion",
                "TestSupport",
                "MojiWeb",
                "CharIndex",
                "CharIndexData",
                .product(name: "CompressNIO", package: "compress-nio"),
                "ServerMetrics",
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
            ],
            // Test drivers run by the Swift tests (selenium + Chromium, openapi-spec-validator,
            // the answers' recorder), the recorded answers, and the configuration with which
            // scripts/generate-openapi-types makes OpenAPITypes, the spec's types to decode
            // answers with (not at build time: the generator's own build would lengthen
            // the first build of every product).
            exclude: ["python", "fixtures", "openapi-generator-config.yaml"]
        ),
    ]
)
