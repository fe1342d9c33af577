// swift-tools-version:6.0
// leaktrail — finds goroutine leaks in Go services from series of goroutine dumps.
import PackageDescription

let package = Package(
    name: "leaktrail",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "LeakTrailKit", targets: ["LeakTrailKit"]),
        .executable(name: "leaktrail", targets: ["leaktrail"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
        // `collect`: the HTTP client (SwiftNIO, TLS, gzip), YAML target files, a due-time heap.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        // TOML for the checked-in list of known goroutines (`.leaktrail.toml`).
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
        // The PostgreSQL wire protocol, for fleet-sized stores (`--db postgres://…`).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        // The system zlib, for gzip-compressed dumps and pprof protobuf profiles.
        .systemLibrary(name: "CZlib", path: "Sources/CZlib"),
        // The library: model, parsing, signatures, store, analysis, reports. It never prints.
        .target(
            name: "LeakTrailKit",
            dependencies: [
                "CZlib",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "HeapModule", package: "swift-collections"),
                .product(name: "TOMLKit", package: "TOMLKit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            exclude: ["Parsing/Pprof/profile.proto"]
        ),
        // The command-line front end: options in, one library call, output and exit code out.
        // A Linux release build carries the Swift runtime and Foundation inside the binary (as
        // `--static-swift-stdlib` would), so each run starts without loading and binding twenty
        // shared libraries (docs/performance.md); debug builds and tests link as usual. The
        // flag is on the compile too, so the objects name the static Foundation's own
        // libraries; --no-export-dynamic undoes the toolchain's export of every symbol, a 1 MB
        // dynamic symbol table the loader would read at every start. -no-pie, as Go links its
        // own binaries: a position-independent one starts by relocating 130,000 pointers,
        // each page it writes a copy-on-write fault, ~2 ms of kernel time at every start.
        // Sources/leaktrail/Linker/ holds one-line linker scripts named libstdc++.so, libsqlite3.so and libz.so
        // that name the static archives instead, and -static-libgcc takes libgcc_eh: the
        // loader then maps only libc and libm, and binds no C++ or SQLite symbols at start.
        .executableTarget(
            name: "leaktrail",
            dependencies: [
                "LeakTrailKit",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: ["Linker"],
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib", "-Xlinker", "--no-export-dynamic", "-Xclang-linker", "-no-pie",
                                           "-L", Context.packageDirectory + "/Sources/leaktrail/Linker", "-Xclang-linker", "-static-libgcc"],
                                          .when(platforms: [.linux], configuration: .release))]
        ),
        // Speed and memory figures: `swift run -c release leaktrail-bench`.
        .executableTarget(name: "leaktrail-bench", dependencies: ["LeakTrailKit"]),
        // Helpers both test targets share (scratch directories, HTML element lists).
        .target(name: "LeakTrailTestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "LeakTrailKitTests", dependencies: ["LeakTrailKit", "LeakTrailTestSupport"]),
        .testTarget(name: "LeakTrailCLITests", dependencies: ["LeakTrailKit", "LeakTrailTestSupport"]),
    ]
)
