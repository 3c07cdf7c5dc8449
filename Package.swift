// swift-tools-version:6.0
import PackageDescription

// No unsafe compiler flags (a package with them cannot be used as a versioned dependency): the
// run-time exclusivity checks (`swift_beginAccess` on every access to a class's stored property,
// ~10 % of the instructions of reading and resolving all of DBLP) are left out per declaration, with
// `@exclusivity(unchecked)` on the stored properties of the classes of the reading, graph, ingestion
// and algorithm modules.

let package = Package(
    name: "coauthor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "coauthor", targets: ["coauthor"]),
        .library(name: "CoauthorModel", targets: ["CoauthorModel"]),
        .library(name: "CoauthorRecords", targets: ["CoauthorRecords"]),
        .library(name: "CoauthorGraph", targets: ["CoauthorGraph"]),
        .library(name: "CoauthorIngest", targets: ["CoauthorIngest"]),
        .library(name: "CoauthorAlgorithms", targets: ["CoauthorAlgorithms"]),
        .library(name: "CoauthorCharts", targets: ["CoauthorCharts"]),
        .library(name: "CoauthorText", targets: ["CoauthorText"]),
        .library(name: "CoauthorExport", targets: ["CoauthorExport"]),
        .library(name: "CoauthorOutput", targets: ["CoauthorOutput"]),
        .library(name: "GraphvizBridge", targets: ["GraphvizBridge"]),
        .library(name: "CoauthorDistributed", targets: ["CoauthorDistributed"]),
        .executable(name: "coauthor-synth", targets: ["CoauthorSynth"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
    ],
    targets: [
        // Writing outputs as a system tool does: whole files or nothing, never over a device, a FIFO
        // or an input; every write error reported; temporary files and children cleaned up on
        // SIGINT/SIGTERM (no dependencies).
        .target(name: "CoauthorOutput"),
        // The one parallel helper: block-parallel loops, two pieces at once, worker threads, a
        // bounded window between a producer and its consumer, a serial background stage (`package`
        // API for the targets below; no dependencies).
        .target(name: "CoauthorParallel"),
        // The record model: PaperRecord, AuthorName, PersistentID, PaperDate, SourceLocation,
        // diagnostics and the RecordSink, the byte record form (FlatRecord) and the name interner,
        // name parsing, affiliations and countries.
        // Control characters in names, titles, venues and affiliations are replaced as records are made
        // (CoauthorOutput's ControlCharacters).
        .target(name: "CoauthorModel", dependencies: ["CoauthorOutput"]),
        // One reader per input format, the input layer and the loader (re-exports CoauthorModel).
        .target(name: "CoauthorRecords", dependencies: ["CoauthorModel", "CCompression", "CoauthorParallel", "CoauthorOutput"]),
        // zlib, libzstd and libbz2 (Debian's zlib1g-dev, libzstd-dev, libbz2-dev) as one C module: a
        // shim header over the system headers; CoauthorRecords reads compressed input through it.
        .systemLibrary(name: "CCompression", providers: [.apt(["zlib1g-dev", "libzstd-dev", "libbz2-dev"])]),
        // Author identity, the coauthorship graph (CSR over Int32 indices), its builder and views.
        .target(name: "CoauthorGraph", dependencies: ["CoauthorModel", "CoauthorOutput", "CoauthorParallel"]),
        // The ingestion pipeline in one call: read every input, resolve identities, build the graph
        // (`Ingest.load`); owns the batching between the readers and the corpus builder.
        .target(name: "CoauthorIngest", dependencies: ["CoauthorRecords", "CoauthorGraph", "CoauthorParallel"]),
        // Centrality, structure, communities, timelines, ranking: depends on CoauthorGraph (and
        // swift-collections' Heap) only.
        .target(name: "CoauthorAlgorithms", dependencies: ["CoauthorGraph", "CoauthorParallel",
                                                           .product(name: "HeapModule", package: "swift-collections")]),
        // The shared text layer: escaping for every output format (XML, SVG, JSON, CSV, DOT, GML,
        // Pajek), number formatting, a JSON writer and aligned tables (no dependencies).
        .target(name: "CoauthorText", dependencies: ["CoauthorOutput"]),
        // Charts as SVG text from plain numbers and labels (no graph types; `YearCount` from the model).
        .target(name: "CoauthorCharts", dependencies: ["CoauthorModel", "CoauthorText"]),
        // Graph writers: styled DOT for Graphviz and the text post-processing of its SVG; exports
        // (GraphML, GEXF, node-link JSON, CSV, Pajek, VOSviewer, DOT, GML). Depends on CoauthorGraph
        // only; metrics, communities and positions come in as plain tables.
        // The interactive HTML report's page, style and script modules (Report/web/) are compiled into
        // the library as byte arrays (`PackageResources`), so the binary needs no files beside it.
        .target(name: "CoauthorExport", dependencies: ["CoauthorGraph", "CoauthorModel", "CoauthorText", "CoauthorOutput"],
                resources: ["report.html", "report.css", "util.js", "data.js", "view.js", "filters.js", "search.js",
                            "panel.js", "tables.js", "communities.js", "main.js"].map { .embedInCode("Report/web/" + $0) }),
        // Beyond one machine: coauthor's Spark job's output (a flat-Parquet reader of its own, the
        // manifest) read back as a CoauthorGraph.
        .target(name: "CoauthorDistributed", dependencies: ["CoauthorGraph", "CoauthorModel"]),
        // libgraphviz (Debian's libgraphviz-dev) as a C module: a shim header over the system headers.
        .systemLibrary(name: "CGraphviz", pkgConfig: "libgvc", providers: [.apt(["libgraphviz-dev"])]),
        // A safe, synchronous Swift API over libgraphviz: DOT text in, positions and SVG/PNG/PDF out.
        .target(name: "GraphvizBridge", dependencies: ["CGraphviz", "CoauthorOutput", "CoauthorParallel"]),
        // The command-line tool: the only target that prints or exits.
        .executableTarget(
            name: "coauthor",
            dependencies: [
                "CoauthorRecords", "CoauthorGraph", "CoauthorIngest", "CoauthorAlgorithms", "CoauthorCharts", "CoauthorExport",
                "CoauthorOutput", "CoauthorText", "GraphvizBridge", "CoauthorDistributed",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A benchmark, not a test: community detection timed against igraph, leidenalg, networkit
        // (run by Benchmarks/communities.sh).
        .executableTarget(name: "CommunityBench", dependencies: ["CoauthorAlgorithms", "CoauthorGraph"],
                          path: "Benchmarks/CommunityBench"),
        // BibTeX parsing speed next to a plain byte scan of the same files (a benchmark, not a test).
        .executableTarget(name: "BibBench", dependencies: ["CoauthorRecords"], path: "Benchmarks/BibBench"),
        // Seeded synthetic paper records (JSON Lines) for Benchmarks/compare.
        .executableTarget(name: "CoauthorSynth", dependencies: ["CoauthorGraph"], path: "Benchmarks/Synth"),
        // Speed and memory of the Graphviz bridge (also run by GraphvizBridgeTests for memory flatness).
        .executableTarget(
            name: "GraphvizBench",
            dependencies: ["GraphvizBridge", "CoauthorExport", "CoauthorGraph", "CoauthorRecords", "CoauthorAlgorithms"],
            path: "Benchmarks/GraphvizBench"
        ),
        // What the test targets share: the repository and shared-data paths, the Python and tool
        // runners, SVG read-back (a library for tests, not a product).
        .target(name: "CoauthorTestSupport", path: "Tests/CoauthorTestSupport"),
        .testTarget(name: "CoauthorRecordsTests", dependencies: ["CoauthorModel", "CoauthorRecords", "CoauthorTestSupport"]),
        .testTarget(name: "CoauthorParallelTests", dependencies: ["CoauthorParallel"]),
        .testTarget(name: "CoauthorGraphTests", dependencies: ["CoauthorModel", "CoauthorGraph", "CoauthorIngest", "CoauthorRecords"]),
        .testTarget(name: "CoauthorIngestTests", dependencies: ["CoauthorModel", "CoauthorIngest", "CoauthorGraph", "CoauthorRecords", "CoauthorTestSupport"]),
        .testTarget(name: "CoauthorAlgorithmsTests", dependencies: ["CoauthorAlgorithms", "CoauthorGraph", "CoauthorIngest", "CoauthorRecords",
                                                                "CoauthorTestSupport"]),
        .testTarget(name: "CoauthorChartsTests", dependencies: ["CoauthorCharts", "CoauthorText", "CoauthorTestSupport"]),
        .testTarget(name: "CoauthorExportTests", dependencies: ["CoauthorExport", "CoauthorGraph", "CoauthorOutput", "CoauthorRecords", "CoauthorText",
                                                            "GraphvizBridge"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "GraphvizBridgeTests", dependencies: ["GraphvizBridge", "GraphvizBench"]),
        .testTarget(name: "CoauthorDistributedTests", dependencies: ["CoauthorDistributed", "CoauthorGraph", "CoauthorRecords"]),
        .testTarget(name: "SynthTests", dependencies: ["CoauthorSynth"]),
        .testTarget(name: "CLITests", dependencies: ["coauthor", "CoauthorGraph", "GraphvizBridge", "CoauthorTestSupport"], exclude: ["Snapshots"]),
    ]
)
