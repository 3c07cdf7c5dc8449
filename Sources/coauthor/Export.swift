import ArgumentParser
import CoauthorAlgorithms
import CoauthorExport
import CoauthorGraph
import Foundation

extension ExportFormat: ExpressibleByArgument {}

/// `--metrics pagerank,betweenness` (or `all`).
struct MetricList: ExpressibleByArgument {
    var metrics: [Metric]

    init?(argument: String) {
        var out: [Metric] = []
        for part in argument.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if part == "all" { out += Metric.allCases; continue }
            guard let m = Metric(rawValue: part) else { return nil }
            out.append(m)
        }
        guard !out.isEmpty else { return nil }
        var seen = Set<Metric>()
        metrics = out.filter { seen.insert($0).inserted }
    }

    static var defaultCompletionKind: CompletionKind { .list(Metric.allCases.map(\.rawValue)) }
}

/// How `--communities` finds communities. Only methods this build implements are cases; a new
/// method (leiden, louvain) is one more case and one more branch in `membership(_:)`.
enum CommunityMethod: String, CaseIterable {
    /// Connected components: complete and exact, one community per component.
    case components

    /// Methods that are planned but not in this build, with the reason shown to the user.
    static let planned: [String: String] = [
        "leiden": "the Leiden method is not in this build yet",
        "louvain": "the Louvain method is not in this build yet",
    ]

    static func parse(_ s: String) throws -> CommunityMethod {
        if let m = CommunityMethod(rawValue: s) { return m }
        let available = allCases.map(\.rawValue).joined(separator: ", ")
        if let why = planned[s] { throw ValidationError("--communities \(s): \(why); available: \(available)") }
        throw ValidationError("--communities: unknown method '\(s)'; available: \(available)")
    }

    func membership(_ g: CoauthorGraph) -> CommunityTable {
        switch self {
        case .components:
            return CommunityTable(membership: g.connectedComponents().membership, method: rawValue)
        }
    }
}

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the graph for Gephi, VOSviewer, Cytoscape, Pajek, Graphviz, networkx or pandas.",
        discussion: """
        Formats (--to) and what -o names:
          graphml    file: typed keys (networkx, Gephi, Cytoscape, igraph)
          gexf       file: GEXF 1.3, dynamic with integer years (node and edge
                     spells for Gephi's timeline), viz colour/size/position
          json       file: networkx node-link with metadata
                     (networkx.node_link_graph(data, edges="edges"))
          csv        directory: nodes.csv, edges.csv, papers.csv (RFC 4180)
          pajek      .net file (weighted, quoted labels), with STEM.clu
                     (communities) and STEM.METRIC.vec (metrics) beside it
          vosviewer  directory: map.txt, network.txt (VOSviewer's columns)
                     and vosviewer.json (VOSviewer Online)
          dot        file: plain Graphviz DOT with every attribute
          gml        file: GML (label = display name, key = stable id)
        Single-file formats can go to standard output with -o -. Files are
        written under temporary names and renamed into place when complete:
        a failed run leaves no partial export.

        Node attributes: id (stable identity key), label, papers, first_year,
        last_year, persistent ids (orcid, dblp, ...) where known, a column per
        --metrics entry, community and community_label (--communities), x and
        y (--layout). Edge attributes: weight (joint papers, or sum of
        1/(n-1) with --counting fractional), fractional, papers, first_year,
        last_year, paper_ids.

        --communities takes components (connected components) in this build;
        it is an enum meant to grow: leiden and louvain join when merged.
        --layout needs the Graphviz bridge, not in this build yet.
        Year filters are --from-year/--to-year here (--to names the format).

        Examples:
          coauthor export seeds/qin-huang-profile.txt --as-of 2026-11-27 \\
            --to gexf -o qin-huang.gexf
          coauthor export refs.bib --to csv -o graph/ --metrics pagerank,core
          coauthor export acl/ --to vosviewer -o vos/ --communities components
          coauthor export refs.bib --to json -o - > graph.json
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var filters: GraphFilterOptions
    @OptionGroup var metric: MetricArguments

    @Option(name: .customLong("to"), help: ArgumentHelp(
        "Export format: \(ExportFormat.allCases.map(\.rawValue).joined(separator: ", ")).", valueName: "format"))
    var format: ExportFormat
    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
        "Output file, or directory for csv and vosviewer; '-' is standard output (single-file formats).",
        valueName: "path"))
    var output: String
    @Option(name: .customLong("metrics"), help: ArgumentHelp(
        "Comma-separated node metrics to add as columns (\(Metric.allCases.filter { $0 != .papers }.map(\.rawValue).joined(separator: ", ")), or all); papers is always there.",
        valueName: "list"))
    var metricList: MetricList?
    @Option(name: .customLong("communities"), help: ArgumentHelp(
        "Add community and community_label (VOSviewer cluster, Pajek .clu, GEXF colours): \(CommunityMethod.allCases.map(\.rawValue).joined(separator: ", ")). An enum to be extended (leiden, louvain).",
        valueName: "method"), transform: CommunityMethod.parse)
    var communities: CommunityMethod?
    @Option(help: ArgumentHelp("Add x and y from a Graphviz layout (sfdp, neato, …): needs the Graphviz bridge, not in this build yet.",
                               valueName: "engine"))
    var layout: String?
    @Option(name: .customLong("from-year"), help: ArgumentHelp("Keep papers from this year on.", valueName: "year"))
    var fromYear: Int?
    @Option(name: .customLong("to-year"), help: ArgumentHelp("Keep papers up to this year.", valueName: "year"))
    var toYear: Int?

    func validate() throws {
        try YearRange(from: fromYear, to: toYear).check()
        if let l = layout {
            throw ValidationError("--layout \(l): layouts come from the Graphviz bridge, which is not part of this build yet; export without --layout and lay the graph out in Gephi, VOSviewer or Cytoscape")
        }
        if output.isEmpty { throw ValidationError("-o needs a path") }
    }

    func run() throws {
        // Past a file-size limit (ulimit -f), fail the write with EFBIG instead of being killed,
        // so the temporary files are removed and the exit status says why.
        signal(SIGXFSZ, SIG_IGN)
        let loaded = try loadGraph(input, filters, years: YearRange(from: fromYear, to: toYear))
        let g = loaded.graph
        // `papers` is exported as a node attribute anyway; as a metric it would only repeat it.
        let metrics = (metricList?.metrics ?? []).filter { $0 != .papers }
        var columns: [NodeColumn] = []
        if !metrics.isEmpty {
            let adj = WeightedAdjacency(g, counting: metric.counting)
            for m in metrics {
                columns.append(.double(m.rawValue.replacingOccurrences(of: "-", with: "_"),
                                       try computeMetric(m, adj, g, metric.options)))
            }
        }
        let exportInput = ExportInput(
            graph: g, counting: metric.counting, metrics: columns, communities: communities?.membership(g),
            positions: nil, metadata: ExportMetadata(generator: "coauthor", version: Coauthor.configuration.version,
                                                     inputs: input.inputs, options: metadataOptions(metrics)))
        let result: ExportResult
        do {
            result = try Exporter.export(exportInput, format: format, to: output)
        } catch let e as ExportError {
            StdErr.write("coauthor: error: \(e)\n")
            switch e {
            case .badOutputPath: throw ExitCode.validationFailure
            case .cannotWrite: throw Exit.cannotCreate
            case .columnLength, .badColumnName: throw Exit.software
            }
        }
        if !input.quiet {
            for w in result.warnings { StdErr.write("coauthor: warning: \(w)\n") }
            if output != "-" {
                StdErr.write("coauthor: wrote \(result.files.joined(separator: ", ")) (\(g.nodeCount) authors, \(g.edgeCount) coauthor ties)\n")
            }
        }
    }

    /// The options that shaped the graph, for the export's metadata.
    func metadataOptions(_ metrics: [Metric]) -> [(String, String)] {
        var o: [(String, String)] = []
        if let f = input.inputFormat { o.append(("input_format", f.rawValue)) }
        if let a = input.asOf { o.append(("as_of", a)) }
        if let a = input.aliases { o.append(("aliases", a)) }
        if input.mergeInitials { o.append(("merge_initials", "true")) }
        if input.noDedupe { o.append(("dedupe", "false")) }
        if let y = fromYear { o.append(("from_year", String(y))) }
        if let y = toYear { o.append(("to_year", String(y))) }
        o.append(("min_papers", String(filters.minPapers)))
        o.append(("min_weight", String(filters.minWeight)))
        o.append(("max_authors", String(filters.maxAuthors)))
        if filters.largestComponent { o.append(("largest_component", "true")) }
        o.append(("counting", metric.counting.rawValue))
        if !metrics.isEmpty {
            o.append(("metrics", metrics.map(\.rawValue).joined(separator: ",")))
            o.append(("distance", metric.distance.rawValue))
            if metrics.contains(.pagerank) { o.append(("alpha", formatDecimal(metric.alpha))) }
            if let k = metric.samples { o.append(("samples", String(k))); o.append(("seed", String(metric.seed))) }
        }
        if let c = communities { o.append(("communities", c.rawValue)) }
        return o
    }
}
