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
        .library(name: "CoauthorExport", targets: ["CoauthorExport"]),
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
        // Graph exports (GraphML, GEXF, node-link JSON, CSV, Pajek, VOSviewer, DOT, GML): depends on
        // CoauthorGraph only; metrics, communities and positions come in as plain tables.
        .target(name: "CoauthorExport", dependencies: ["CoauthorGraph"]),
        // The command-line tool: the only target that prints or exits.
        .executableTarget(
            name: "coauthor",
            dependencies: [
                "CoauthorRecords", "CoauthorGraph", "CoauthorAlgorithms", "CoauthorExport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "CoauthorRecordsTests", dependencies: ["CoauthorRecords"]),
        .testTarget(name: "CoauthorGraphTests", dependencies: ["CoauthorGraph", "CoauthorRecords"]),
        .testTarget(name: "CoauthorAlgorithmsTests", dependencies: ["CoauthorAlgorithms", "CoauthorGraph", "CoauthorRecords"]),
        .testTarget(name: "CoauthorExportTests", dependencies: ["CoauthorExport", "CoauthorGraph", "CoauthorRecords"]),
        .testTarget(name: "CLITests", dependencies: ["coauthor"]),
    ]
)
