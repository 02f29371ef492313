// swift-tools-version: 6.2
import PackageDescription

// Thin executables over libraries: every tool's logic lives in a library target
// with its own test folder; the executables only parse arguments.
let package = Package(
    name: "AsyncNetTools",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "mojifinder", targets: ["mojifinder"]),
        .executable(name: "flags-server", targets: ["flags-server"]),
        .executable(name: "flags", targets: ["flags"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.3"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-async-algorithms.git", from: "1.1.4"),
        .package(url: "https://github.com/apple/swift-openapi-generator.git", from: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime.git", from: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird.git", from: "2.1.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // Shared async pieces: the one bounded-concurrency helper.
        .target(name: "AsyncSupport"),
        .testTarget(name: "AsyncSupportTests", dependencies: ["AsyncSupport"]),

        // mojifinder: inverted index of Unicode names, CLI, web and TCP front ends.
        .target(name: "CharIndex"),
        .executableTarget(name: "charindex-gen", dependencies: ["CharIndex"]),
        .plugin(name: "EmbedCharIndex", capability: .buildTool(), dependencies: ["charindex-gen"]),
        // The full index, generated at build time by the plugin above.
        .target(name: "CharIndexData", dependencies: ["CharIndex"], plugins: ["EmbedCharIndex"]),
        .testTarget(name: "CharIndexTests", dependencies: ["CharIndex", "CharIndexData"]),
        .executableTarget(
            name: "mojifinder",
            dependencies: [
                "CharIndex",
                "CharIndexData",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // flags-server: the chapter's LOCAL, DELAY and ERROR flag servers in one binary.
        .target(
            name: "FlagsServer",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "flags-server",
            dependencies: [
                "FlagsServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FlagsServerTests",
            dependencies: [
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
                "FlagsServer",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "_NIOFileSystem", package: "swift-nio"),
            ]
        ),
        .executableTarget(
            name: "flags",
            dependencies: [
                "Flags",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "FlagsTests",
            dependencies: [
                "Flags",
                "FlagsServer",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
    ]
)
