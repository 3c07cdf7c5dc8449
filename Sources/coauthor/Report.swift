import ArgumentParser
import CoauthorAlgorithms
import CoauthorExport
import CoauthorGraph
import CoauthorOutput
import Foundation
import GraphvizBridge
import CoauthorText

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the network as one interactive HTML page (map, search, filters, tables).",
        discussion: """
        One self-contained file that opens from disk in a current browser with no network access: \
        the map with render's layout (sfdp, the same --seed), circles sized by any rank metric and \
        coloured by community, first year or a metric; pan and zoom with mouse, touch or keys \
        (arrows, + and -, 0 to reset). Search by name or spelling; hover an author to see their \
        coauthors; click an author for their papers, coauthors, metrics, community and timeline, or \
        a tie for the papers behind it. Filter by years, joint papers, community (legend) or a \
        pasted list of authors. Tabs hold the ranking (every metric, sortable, CSV download), the \
        communities and the statistics.

        The graph is embedded as VOSviewer Online JSON (network items, links, clusters, scores, \
        weights, info); --data-only writes just that JSON, which VOSviewer Online also opens. Names \
        and titles are shown as text, never as markup, and the page's Content-Security-Policy \
        allows no script but its own.

        Metrics are computed on the whole filtered graph. Above --max-nodes authors only the most \
        central by --size-by are drawn, as render does, and the page says so. Betweenness, closeness \
        and harmonic centrality need a search from every author: above 5,000 authors they are left \
        out unless --metrics names them (betweenness then uses --samples, 256 by default).

        Examples:
          coauthor report qin-huang.txt -o qin-huang-report.html
          coauthor report refs.bib --from-year 2015 --title "Our group" -o group.html
          coauthor report dblp.jsonl --largest-component --max-nodes 5000 -o dblp.html
          coauthor report refs.bib --data-only -o network.json
        """)

    @OptionGroup(title: "Report options") var own: CommandOptions
    @OptionGroup(title: "Report options") var metric: MetricArguments
    @OptionGroup var graph: UnitGraphSourceOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write (.html; .json with --data-only); '-' is standard output.", valueName: "file"))
        var output: String
        @Flag(name: .customLong("data-only"), help: "Write only the embedded VOSviewer Online JSON.")
        var dataOnly = false
        @Option(name: .customLong("size-by"), help: "Circle area ∝ this metric at first (any of rank's; the page can switch).")
        var sizeBy: Metric = .pagerank
        @Option(name: .customLong("metrics"), help: ArgumentHelp("Metrics in the page (comma-separated, or all; default: all, see above).", valueName: "list"))
        var metricList: MetricList?
        @Option(name: .customLong("max-nodes"), help: "Draw at most this many authors (the most central by --size-by).")
        var maxNodes: Int = 20_000
        @Option(help: "Graphviz layout engine.")
        var layout: LayoutEngine = .sfdp
        @Option(help: ArgumentHelp("The page's title.", valueName: "text"))
        var title: String?
        @Option(help: ArgumentHelp("Stop the layout after this many seconds.", valueName: "seconds"))
        var timeout: Double = 300
    }


    func validate() throws {
        if own.output.isEmpty { throw ValidationError("-o needs a path") }
        if own.maxNodes < 1 { throw ValidationError("--max-nodes must be at least 1") }
        if !(own.timeout > 0) { throw ValidationError("--timeout must be more than 0 seconds") }
    }

    func run() throws {
        try ReportJob(input: input, years: try yearRange, filters: filters, unit: unit.unit, metric: metric, output: own.output, dataOnly: own.dataOnly,
                      sizeBy: own.sizeBy, metricChoice: own.metricList?.metrics, maxNodes: own.maxNodes, layout: own.layout, title: own.title,
                      timeout: own.timeout).run()
    }
}

/// One report to write (from `report`, or `render -o FILE.html`).
struct ReportJob {
    var input: InputOptions
    var years: YearRange
    var filters: GraphFilterOptions
    /// What the nodes are: authors, organizations or countries.
    var unit: AnalysisUnit
    var metric: MetricArguments
    var output: String
    var dataOnly: Bool
    var sizeBy: Metric
    /// The metrics asked for (nil: all, see `searchHeavy`).
    var metricChoice: [Metric]?
    var maxNodes: Int
    var layout: LayoutEngine
    var title: String?
    var timeout: Double

    static let searchHeavy: [Metric] = [.betweenness, .closeness, .harmonic]
    static let searchHeavyLimit = 5_000

    func run() throws {
        let loaded = try loadGraph(input, filters, years: years, unit: unit)
        let full = loaded.graph
        guard full.nodeCount > 0 else {
            throw CLIError.dataError("nothing to show: no authors are left after reading and filtering")
        }
        var notes: [String] = []
        // Which metrics: all, less the ones that search from every author on big graphs.
        var metrics = metricChoice ?? Metric.allCases
        if metricChoice == nil && full.nodeCount > ReportJob.searchHeavyLimit {
            metrics.removeAll { ReportJob.searchHeavy.contains($0) && $0 != sizeBy }
            notes.append("Betweenness, closeness and harmonic centrality are left out above \(ReportJob.searchHeavyLimit) authors (ask for them with --metrics).")
        }
        if !metrics.contains(sizeBy) { metrics.insert(sizeBy, at: 0) }
        var options = metric.options(threads: input.threads)
        if full.nodeCount > ReportJob.searchHeavyLimit && metrics.contains(.betweenness) && options.samples == nil {
            options.samples = 256
            notes.append("Betweenness is estimated from 256 sampled sources (--samples, seed \(metric.seed)).")
        }
        let adj = WeightedAdjacency(full, counting: metric.counting, threads: input.cores)
        var columns: [Metric: [Double]] = [:]
        for m in metrics { columns[m] = try computeMetric(m, adj, full, options) }

        let plan = try planDrawing(full, score: columns[sizeBy]!, sizeBy: sizeBy, colorBy: .community, labels: 30, top: 0,
                                   ego: nil, radius: 1, cap: maxNodes, engine: layout, seed: metric.seed, title: nil,
                                   quiet: input.quiet) { _, _ in "" }
        let g = plan.graph
        if plan.candidates > g.nodeCount {
            notes.insert("The \(g.nodeCount) most central of \(plan.candidates) authors (by \(Render.displayName(sizeBy))) are shown (--max-nodes); metrics are those of the whole graph.", at: 0)
        }

        // Positions: up to render's limit for the engine, the drawing render would make (the same
        // positions as its SVG); above it, the plain graph (no label space, no overlap removal,
        // sfdp's fast force approximation), which Graphviz lays out in seconds at 20,000 authors.
        let drawing = plan.drawing
        var x = [Double](repeating: .nan, count: g.nodeCount), y = x
        if g.nodeCount <= Render.engineCap[layout]! {
            let rendered = try runGraphviz(GraphvizRequest(dot: DOT.write(drawing), engine: layout, formats: [], readLayout: true),
                                           timeout: timeout)
            var emitted: [String: Int] = [:]
            for (i, id) in drawing.ids.enumerated() { emitted[id] = drawing.order[i] }
            for node in rendered.layout?.nodes ?? [] {
                guard let v = emitted[node.name] else { continue }
                x[v] = node.x
                y[v] = node.y
            }
        } else {
            let p = try plainLayout(g, engine: layout, seed: metric.seed, timeout: timeout, overlap: "true", fastQuadtree: layout == .sfdp)
            x = p.x
            y = p.y
            notes.append("Above \(Render.engineCap[layout]!) authors the map is laid out as a plain graph (circles may overlap; render draws at most that many).")
        }
        var fill = [String](repeating: "#BBBBBB", count: g.nodeCount)
        for (i, v) in drawing.order.enumerated() { fill[v] = drawing.fill[i] }

        let tieOrder = Ranking.order([Double](repeating: 0, count: g.nodeCount), in: g, higherIsBetter: true)
        var tiePosition = [Int](repeating: 0, count: g.nodeCount)
        for (i, v) in tieOrder.enumerated() { tiePosition[v] = i }
        let reportMetrics = metrics.map { m in
            ReportMetric(name: m.rawValue, title: Render.displayName(m), higherIsBetter: m.higherIsBetter,
                         values: plan.original.map { columns[m]![$0] })
        }
        var communities: ReportCommunities?
        if let c = plan.communities {
            var sizes = [Int](repeating: 0, count: c.labels.count)
            for m in c.membership where m >= 0 { sizes[m] += 1 }
            communities = ReportCommunities(membership: plan.original.map { c.membership[$0] }, labels: c.labels, sizes: sizes,
                                            heading: c.heading)
        }
        // The community level, laid out by Graphviz as `render --level communities` draws it (neato;
        // sfdp above render's neato limit): one circle per community of the whole graph.
        var communityLayout: ReportCommunityLayout?
        if let c = plan.communities, c.labels.count > 1 {
            let ranked = Ranking.order(columns[sizeBy]!, in: full, higherIsBetter: sizeBy.higherIsBetter)
            let map = CommunityMap(graph: full, membership: c.membership, labels: c.labels,
                                   keep: [Bool](repeating: true, count: full.nodeCount), ranked: ranked)
            let engine: LayoutEngine = map.communities.count <= Render.engineCap[.neato]! ? .neato : .sfdp
            let mg = map.graph(options: full.options)
            let md = NetworkDrawing(graph: mg, options: communityMapOptions(map, bySize: .members, labels: 30, engine: engine,
                                                                          seed: metric.seed, heading: c.heading))
            let laid = try runGraphviz(GraphvizRequest(dot: DOT.write(md), engine: engine, formats: [], readLayout: true), timeout: timeout)
            var emitted: [String: Int] = [:]
            for (i, id) in md.ids.enumerated() { emitted[id] = md.order[i] }
            var layout = ReportCommunityLayout(cluster: [], x: [], y: [],
                                               minDiameter: NetworkDrawing.minDiameter * 72 * 1.5, maxDiameter: NetworkDrawing.maxDiameter * 72 * 1.5)
            for node in laid.layout?.nodes ?? [] {
                guard let i = emitted[node.name] else { continue }
                layout.cluster.append(map.communities[i].id)
                layout.x.append(node.x)
                layout.y.append(node.y)
            }
            communityLayout = layout
        }
        let stats = statsRows(statsFields(loaded, unit: unit, threads: input.threads)).map { ReportStat(name: $0[0], value: $0[1]) }
        var reportInput = ReportInput(
            graph: g, positions: PositionTable(x: x, y: y), fill: fill, metrics: reportMetrics, sizeBy: sizeBy.rawValue,
            tieOrder: tiePosition, communities: communities, title: title ?? defaultTitle(),
            caption: caption(full: full, drawn: g), notes: notes, stats: stats)
        reportInput.communityLayout = communityLayout
        if unit == .author {
            // As rank's ambiguity column: the people the evidence sees behind each drawn name.
            let people = EvidenceResolution().ambiguity(full.corpus, only: plan.original.map { Int(full.nodeAuthor[$0]) })
            reportInput.ambiguity = plan.original.map { Int(people[Int(full.nodeAuthor[$0])]) }
        }
        let render: (TextSink) -> Void = dataOnly ? { HTMLReport.writeJSON(reportInput, to: $0) } : { HTMLReport.writeHTML(reportInput, to: $0) }
        do {
            if output == "-" { try AtomicFiles.writeStandardOutput(render) } else { try AtomicFiles.write([PlannedFile(path: output, render: render)]) }
        } catch { throw failed(error) }
        if !input.quiet && output != "-" {
            StdErr.write("coauthor: wrote \(output) (\(g.nodeCount) authors, \(g.edgeCount) coauthor ties)\n")
        }
    }

    func defaultTitle() -> String {
        let names = input.inputs.map { $0 == "-" ? "standard input" : ($0 as NSString).lastPathComponent }
        return "Coauthorship network: " + names.joined(separator: ", ")
    }

    /// Input, counts and years; what is shown and how it was laid out.
    func caption(full: CoauthorGraph, drawn: CoauthorGraph) -> String {
        var shown: [String] = []
        if drawn.nodeCount < full.nodeCount { shown.append("the \(drawn.nodeCount) most central authors") }
        shown.append("layout \(layout.rawValue), seed \(metric.seed)")
        return drawingCaption(inputs: input.inputs, full: full, unit: unit, shown: shown)
    }
}

extension Report: GraphCommand {}
