// swift-tools-version:6.1
import PackageDescription

/// Strict settings for every Fermi target (as Hummingbird does): explicit `any`, and imports
/// that say exactly which module a member comes from.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "Fermi",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "FermiAPI", targets: ["FermiAPI"]),
        .library(name: "FermiStore", targets: ["FermiStore"]),
        .library(name: "FermiAPIServer", targets: ["FermiAPIServer"]),
        .library(name: "FermiRuntime", targets: ["FermiRuntime"]),
        .library(name: "FermiControllers", targets: ["FermiControllers"]),
        .library(name: "FermiSim", targets: ["FermiSim"]),
        .executable(name: "fermi", targets: ["fermi"]),
        .executable(name: "fermi-store-driver", targets: ["fermi-store-driver"]),
        .executable(name: "fermi-bench", targets: ["fermi-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-certificates", from: "1.21.1"),
        .package(url: "https://github.com/apple/swift-asn1", from: "1.7.4"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: [
        .target(
            name: "FermiAPI",
            dependencies: [.product(name: "Yams", package: "Yams")],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiStore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiAPIServer",
            dependencies: [
                "FermiAPI", "FermiStore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiRuntime",
            dependencies: [
                "FermiAPI", "FermiAPIServer",
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiControllers",
            dependencies: ["FermiAPI", "FermiAPIServer", "FermiRuntime"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiSim",
            dependencies: [
                "FermiAPI", "FermiAPIServer", "FermiRuntime",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiRuntimeTestSupport",
            dependencies: [
                "FermiAPI", "FermiAPIServer", "FermiRuntime", "FermiStore",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiStoreTestSupport",
            dependencies: ["FermiStore"],
            swiftSettings: strictSettings
        ),
        .target(
            name: "FermiCLI",
            dependencies: [
                "FermiAPI", "FermiAPIServer", "FermiStore", "FermiRuntime", "FermiControllers", "FermiSim",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fermi",
            dependencies: [
                "FermiCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings,
            // fermi allocates and frees small objects on every core all the time; gperftools'
            // tcmalloc (Debian's libtcmalloc-minimal4, which hack/setup.sh installs) does that
            // ~10% faster than glibc's malloc, whose per-thread heaps grow one mprotect call at a
            // time. The name is the library's file: the package ships no unversioned link.
            linkerSettings: [.linkedLibrary(":libtcmalloc_minimal.so.4", .when(platforms: [.linux]))]
        ),
        .executableTarget(
            name: "fermi-store-driver",
            dependencies: [
                "FermiStore",
                "FermiStoreTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "fermi-bench",
            dependencies: [
                "FermiAPI",
                "FermiAPIServer",
                "FermiStore",
                "FermiStoreTestSupport",
                "FermiRuntime",
                "FermiRuntimeTestSupport",
                "FermiControllers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiAPITests",
            dependencies: ["FermiAPI"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiAPIServerTests",
            dependencies: [
                "FermiAPIServer", "FermiAPI", "FermiStore", "FermiStoreTestSupport", "FermiRuntime", "FermiRuntimeTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiRuntimeTests",
            dependencies: ["FermiRuntime", "FermiRuntimeTestSupport", "FermiAPIServer", "FermiAPI", "FermiStore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiControllersTests",
            dependencies: [
                "FermiControllers", "FermiRuntime", "FermiRuntimeTestSupport", "FermiAPIServer", "FermiAPI", "FermiSim",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiSimTests",
            dependencies: [
                "FermiSim", "FermiRuntime", "FermiRuntimeTestSupport", "FermiAPIServer", "FermiAPI",
                .product(name: "Metrics", package: "swift-metrics"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiCLITests",
            dependencies: ["FermiStoreTestSupport", "FermiStore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "FermiStoreTests",
            dependencies: [
                "FermiStore", "FermiStoreTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
    ]
)
