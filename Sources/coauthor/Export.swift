import ArgumentParser
import GraphvizBridge
import CoauthorAlgorithms
import CoauthorExport
import CoauthorGraph
import CoauthorText
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

/// How `--communities` finds communities for the export's `community` columns.
enum ExportCommunities: String, CaseIterable {
    /// Leiden (resolution 1, `--seed`): the partition `coauthor communities --seed S` reports.
    case leiden
    case louvain
    case labelPropagation = "label-propagation"
    /// Connected components: one community per component.
    case components

    static func parse(_ s: String) throws -> ExportCommunities {
        if let m = ExportCommunities(rawValue: s) { return m }
        let available = allCases.map(\.rawValue).joined(separator: ", ")
        throw ValidationError("--communities: unknown method '\(s)'; available: \(available)")
    }

    /// Membership and, for the detection methods, each community's label from its title terms.
    func membership(_ g: CoauthorGraph, counting: Counting, edgeWeights: [Double]? = nil, seed: UInt64,
                    threads: Int = 0) throws -> CommunityTable {
        let method: CommunityMethod
        switch self {
        case .components: return CommunityTable(membership: g.connectedComponents().membership, method: rawValue)
        case .leiden: method = .leiden
        case .louvain: method = .louvain
        case .labelPropagation: method = .labelPropagation
        }
        guard g.edgeCount > 0 else {
            return CommunityTable(membership: (0..<g.nodeCount).map { Int32($0) }, method: rawValue)
        }
        let c = try Communities.labelled(g, counting: counting, edgeWeights: edgeWeights, method: method, seed: seed, threads: threads)
        var named: [Int32: String] = [:]
        for (k, l) in c.labels.enumerated() where !l.label.isEmpty { named[Int32(k)] = l.label }
        return CommunityTable(membership: c.result.membership.map { Int32($0) }, method: rawValue, labels: named)
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
        Single-file formats can go to standard output with -o -. Files are \
        written under temporary names and renamed into place when complete: \
        a failed run leaves no partial export.

        Node attributes: id (stable identity key), label, papers, first_year, \
        last_year, ambiguity (the estimated number of people behind an author's \
        name, 1 when clean), persistent ids (orcid, dblp, ...) where known, a column per \
        --metrics entry, community and community_label (--communities), x and \
        y (--layout). Edge attributes: weight (joint papers, or sum of \
        1/(n-1) with --counting fractional), fractional, papers, first_year, \
        last_year, paper_ids.

        --communities leiden|louvain|label-propagation|components: the same \
        partition 'coauthor communities --method M --seed S' reports (--seed), \
        labelled by title terms; or the connected components.
        --layout ENGINE lays the graph out with Graphviz (in a child process, with \
        --timeout) and adds x, y in points: GEXF viz:position, VOSviewer x/y, ….
        Year filters are --from-year/--to-year here (--to names the format).

        Examples:
          coauthor export qin-huang.txt --to gexf -o qin-huang.gexf
          coauthor export refs.bib --to csv -o graph/ --metrics pagerank,core
          coauthor export acl/ --to vosviewer -o vos/ --communities components
          coauthor export refs.bib --to json -o - > graph.json
        """)

    @OptionGroup(title: "Export options") var own: CommandOptions
    @OptionGroup(title: "Export options") var normalization: NormalizeOptions
    @OptionGroup(title: "Export options") var metric: MetricArguments
    @OptionGroup(title: HelpSection.graph) var filters: GraphFilterOptions
    @OptionGroup(title: HelpSection.graph) var unit: UnitOptions
    @OptionGroup(title: HelpSection.graph) var years: YearOptions
    @OptionGroup var input: InputOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(name: .customLong("to"), help: ArgumentHelp(
            "Export format (see Formats above).", valueName: "format"))
        var format: ExportFormat
        @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp(
            "Output file, or directory for csv and vosviewer; '-' is standard output (single-file formats).",
            valueName: "path"))
        var output: String
        @Option(name: .customLong("metrics"), help: ArgumentHelp(
            "Comma-separated node metrics to add as columns (\(Metric.allCases.filter { $0 != .papers }.map(\.rawValue).joined(separator: ", ")), or all); papers is always there.",
            valueName: "list"))
        var metricList: MetricList?
        @Flag(name: .customLong("excel-safe"), help: ArgumentHelp(
            "CSV and VOSviewer: put ' before a text cell starting with =, +, -, @ (a spreadsheet would run it as a formula)."))
        var excelSafe = false
        @Option(name: .customLong("communities"), help: ArgumentHelp(
            "Add community and community_label (VOSviewer cluster, Pajek .clu, GEXF colours): \(ExportCommunities.allCases.map(\.rawValue).joined(separator: ", ")).",
            valueName: "method"), transform: ExportCommunities.parse)
        var communities: ExportCommunities?
        @Option(help: ArgumentHelp("Add x and y (points) from a Graphviz layout: \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", ")) (seeded by --seed).",
                                   valueName: "engine"))
        var layout: String?
        @Option(help: "Seconds the layout may take.")
        var timeout: Double = 300
    }
    var format: ExportFormat { own.format }
    var output: String { own.output }
    var metricList: MetricList? { own.metricList }
    var excelSafe: Bool { own.excelSafe }
    var communities: ExportCommunities? { own.communities }
    var layout: String? { own.layout }
    var timeout: Double { own.timeout }

    var fromYear: Int? { years.fromYear }
    var toYear: Int? { years.toYear }

    func validate() throws {
        try YearRange(from: fromYear, to: toYear).check()
        if let l = layout, LayoutEngine(rawValue: l) == nil {
            throw ValidationError("--layout \(l): unknown layout engine; use one of \(LayoutEngine.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        if output.isEmpty { throw ValidationError("-o needs a path") }
    }

    /// x and y of every node from a Graphviz layout of the plain graph (points, y up), or nil.
    func layoutPositions(_ g: CoauthorGraph) throws -> PositionTable? {
        guard let name = layout, let engine = LayoutEngine(rawValue: name) else { return nil }
        return try plainLayout(g, engine: engine, seed: metric.seed, timeout: timeout)
    }

    /// The `--communities` table, with algorithm errors as exit 65.
    func exportCommunities(_ g: CoauthorGraph, edgeWeights: [Double]?) throws -> CommunityTable? {
        guard let c = communities else { return nil }
        do { return try c.membership(g, counting: metric.counting, edgeWeights: edgeWeights, seed: metric.seed, threads: input.threads) } catch let e as AlgorithmError {
            throw CLIError.dataError("communities: \(e)")
        }
    }

    func run() throws {
        // Past a file-size limit (ulimit -f), fail the write with EFBIG instead of being killed,
        // so the temporary files are removed and the exit status says why.
        signal(SIGXFSZ, SIG_IGN)
        try normalization.check(counting: metric.counting)
        let loaded = try loadGraph(input, filters, years: YearRange(from: fromYear, to: toYear), unit: unit.unit)
        let g = loaded.graph
        // `papers` is exported as a node attribute anyway; as a metric it would only repeat it.
        let metrics = (metricList?.metrics ?? []).filter { $0 != .papers }
        var columns: [NodeColumn] = []
        if !metrics.isEmpty {
            let adj = WeightedAdjacency(g, counting: metric.counting)
            for m in metrics {
                columns.append(.double(m.rawValue.replacingOccurrences(of: "-", with: "_"),
                                       try computeMetric(m, adj, g, metric.options(threads: input.threads))))
            }
        }
        if let u = loaded.units {
            // Units: each node's fractional paper count (authors' shares summed; docs/organizations.md).
            columns.append(.double("fractional_papers", (0..<g.nodeCount).map { u.fractional[Int(g.nodeAuthor[$0])] }))
        }
        let normalized = normalization.weights(g)
        var exportInput = ExportInput(
            graph: g, counting: metric.counting, metrics: columns, communities: try exportCommunities(g, edgeWeights: normalized),
            positions: try layoutPositions(g), metadata: ExportMetadata(generator: "coauthor", version: Coauthor.configuration.version,
                                                     inputs: input.inputs, options: metadataOptions(metrics)))
        exportInput.normalizedWeights = normalized
        if loaded.units == nil {
            // Authors: the estimated number of people behind each node (docs/identity.md, "Ambiguity").
            let people = EvidenceResolution().ambiguity(g.corpus, only: g.nodeAuthor.map { Int($0) })
            exportInput.ambiguity = g.nodeAuthor.map { Int(people[Int($0)]) }
        }
        exportInput.excelSafe = excelSafe
        let result: ExportResult
        do {
            result = try Exporter.export(exportInput, format: format, to: output)
        } catch let e as ExportError {
            switch e {
            case .badOutputPath: throw CLIError.usage("\(e)")
            case .output(let o): throw CLIError(message: "\(e)", exitCode: ExitCode(o.exitCode))
            case .columnLength, .badColumnName: throw CLIError.software("\(e)")
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
        if input.resolution != .exact { o.append(("resolve", input.resolution.rawValue)) }
        if input.noDedupe { o.append(("dedupe", "false")) }
        if let y = fromYear { o.append(("from_year", String(y))) }
        if let y = toYear { o.append(("to_year", String(y))) }
        o.append(("min_papers", String(filters.minPapers)))
        o.append(("min_weight", String(filters.minWeight)))
        o.append(("max_authors", String(filters.maxAuthors)))
        if filters.largestComponent { o.append(("largest_component", "true")) }
        o.append(("counting", metric.counting.rawValue))
        if normalization.normalize != .none { o.append(("normalize", normalization.normalize.rawValue)) }
        if !metrics.isEmpty {
            o.append(("metrics", metrics.map(\.rawValue).joined(separator: ",")))
            o.append(("distance", metric.distance.rawValue))
            if metrics.contains(.pagerank) { o.append(("alpha", Text.significant(metric.alpha))) }
            if let k = metric.samples { o.append(("samples", String(k))); o.append(("seed", String(metric.seed))) }
        }
        if let c = communities { o.append(("communities", c.rawValue)) }
        return o
    }
}

/// x and y of every node from a Graphviz layout of the plain graph (small fixed-size circles, no
/// labels), in points with y up, rounded to 1/100. `overlap` is Graphviz's overlap removal
/// (`prism` keeps circles apart; `true` skips it); `fastQuadtree` uses sfdp's coarser force
/// approximation (about half the time on 20,000 authors).
func plainLayout(_ g: CoauthorGraph, engine: LayoutEngine, seed: UInt64, timeout: Double,
                 overlap: String = "prism", fastQuadtree: Bool = false) throws -> PositionTable {
    guard g.nodeCount > 0 else { return PositionTable(x: [], y: []) }
    let dot = DOT.layoutInput(g, seed: seed, overlap: overlap, fastQuadtree: fastQuadtree)
    let worker = IsolatedGraphviz(executable: Render.selfExecutable, arguments: ["_graphviz"], timeout: timeout)
    do {
        let r = try worker.render(GraphvizRequest(dot: dot, engine: engine, formats: [], readLayout: true))
        var x = [Double](repeating: .nan, count: g.nodeCount), y = x
        for node in r.layout?.nodes ?? [] {
            guard node.name.hasPrefix("n"), let v = Int(node.name.dropFirst()), v < g.nodeCount else { continue }
            x[v] = (node.x * 100).rounded() / 100
            y[v] = (node.y * 100).rounded() / 100
        }
        return PositionTable(x: x, y: y)
    } catch {
        throw CLIError.software("layout: \(error)")
    }
}
