// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "coauthor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coauthor", targets: ["coauthor"]),
        .library(name: "CoauthorRecords", targets: ["CoauthorRecords"]),
        .library(name: "CoauthorGraph", targets: ["CoauthorGraph"]),
        .library(name: "CoauthorAlgorithms", targets: ["CoauthorAlgorithms"]),
        .library(name: "CoauthorCharts", targets: ["CoauthorCharts"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // Paper records and one reader per input format.
        .target(name: "CoauthorRecords"),
        // Author identity, the coauthorship graph (CSR over Int32 indices), its builder and views.
        .target(name: "CoauthorGraph", dependencies: ["CoauthorRecords"]),
        // Centrality, structure, communities, timelines: depends on CoauthorGraph only.
        .target(name: "CoauthorAlgorithms", dependencies: ["CoauthorGraph"]),
        // Charts as SVG text from plain numbers and labels (no graph types, no dependencies).
        .target(name: "CoauthorCharts"),
        // The command-line tool: the only target that prints or exits.
        .executableTarget(
            name: "coauthor",
            dependencies: [
                "CoauthorRecords", "CoauthorGraph", "CoauthorAlgorithms", "CoauthorCharts",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A benchmark, not a test: community detection timed against igraph, leidenalg, networkit
        // (run by Benchmarks/communities.sh).
        .executableTarget(name: "CommunityBench", dependencies: ["CoauthorAlgorithms", "CoauthorGraph"],
                          path: "Benchmarks/CommunityBench"),
        .testTarget(name: "CoauthorRecordsTests", dependencies: ["CoauthorRecords"]),
        .testTarget(name: "CoauthorGraphTests", dependencies: ["CoauthorGraph", "CoauthorRecords"]),
        .testTarget(name: "CoauthorAlgorithmsTests", dependencies: ["CoauthorAlgorithms", "CoauthorGraph", "CoauthorRecords"]),
        .testTarget(name: "CoauthorChartsTests", dependencies: ["CoauthorCharts"]),
        .testTarget(name: "CLITests", dependencies: ["coauthor"]),
    ]
)
