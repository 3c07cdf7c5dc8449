import ArgumentParser
import CoauthorAlgorithms
import CoauthorExport
import CoauthorGraph
import CoauthorText
import Foundation

extension Metric: ExpressibleByArgument {}
extension PathDistance: ExpressibleByArgument {}
extension Counting: ExpressibleByArgument {}
extension TableFormat: ExpressibleByArgument {}

/// `--counting`: how edges are weighted (shared by every command that weighs ties).
struct CountingOptions: ParsableArguments {
    @Option(help: "Edge weight: joint papers (full) or Σ 1/(n−1) per joint paper (fractional).")
    var counting: Counting = .full
}

/// Options of the weighted metrics (shared by `rank` and, later, `render` and `export`).
struct MetricArguments: ParsableArguments {
    @OptionGroup var weighting: CountingOptions
    var counting: Counting { weighting.counting }
    @Option(help: "Path length for betweenness, closeness, harmonic: hops, or inverse-weight (1/weight: strong ties are short).")
    var distance: PathDistance = .hops
    @Option(help: "PageRank damping factor.")
    var alpha: Double = 0.85
    @Option(help: "Sampled betweenness: this many pivot sources (Brandes–Pich); exact when ≥ the node count.")
    var samples: Int?
    @Option(help: "Seed of the pivot sample (and, for render, of the layout).")
    var seed: UInt64 = 0

    func validate() throws {
        if !(0...1).contains(alpha) { throw ValidationError("--alpha must lie between 0 and 1") }
        if let k = samples, k < 1 { throw ValidationError("--samples must be at least 1") }
    }

    /// The metric options; `threads` comes from the input options (`--threads`, shared by every command).
    func options(threads: Int) -> MetricOptions {
        MetricOptions(distance: distance, alpha: alpha, samples: samples, seed: seed, threads: threads)
    }
}

struct Rank: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rank authors by a centrality or structure metric.",
        discussion: """
        Every metric follows networkx 3.x's definition (see docs/metrics.md): degree, strength, \
        betweenness (normalised), closeness (Wasserman–Faust), harmonic, eigenvector, pagerank, \
        clustering, core, constraint (Burt; lower = more brokerage, so it ranks lowest first), \
        effective-size, and papers. Ties are broken by author name.

        Examples:
          coauthor rank seeds/qin-huang-profile.txt --as-of 2026-11-27 --by betweenness
          coauthor rank refs.bib --by pagerank --top 50 --format csv > top.csv
          coauthor rank dblp.jsonl --by betweenness --samples 256 --seed 1
          coauthor rank refs.bib --all-metrics --top 0 --format csv > metrics.csv
        """)

    @OptionGroup(title: "Rank options") var own: CommandOptions
    @OptionGroup(title: "Rank options") var metric: MetricArguments
    @OptionGroup var graph: TableGraphSourceOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(help: "The metric to rank by (docs/metrics.md).")
        var by: Metric = .pagerank
        @Option(help: "Show the top N authors (0 = all).")
        var top: Int = 20
        @Option(help: "Output format.")
        var format: TableFormat = .table
        @Flag(name: .customLong("all-metrics"), help: "One row per author with a column per metric (sorted by --by).")
        var allMetrics = false
    }


    func validate() throws {
        if own.top < 0 { throw ValidationError("--top must be 0 (all) or more") }
    }

    func run() throws {
        let loaded = try loadGraph(input, filters, years: try yearRange, unit: unit.unit)
        let g = loaded.graph
        let adj = WeightedAdjacency(g, counting: metric.counting, threads: input.cores)
        let metrics = own.allMetrics ? Metric.allCases : [own.by]
        var columns: [Metric: [Double]] = [:]
        loaded.clock.lap("adjacency")
        for m in metrics {
            columns[m] = try computeMetric(m, adj, g, metric.options(threads: input.threads))
            loaded.clock.lap("compute \(m.rawValue)")
        }
        if columns[.papers] == nil { columns[.papers] = g.nodePapers.map(Double.init) }
        if columns[.degree] == nil { columns[.degree] = (0..<g.nodeCount).map { Double(g.degree($0)) } }
        let order = Ranking.order(columns[own.by]!, in: g, higherIsBetter: own.by.higherIsBetter, top: own.top)
        let shown = own.top == 0 ? order : Array(order.prefix(own.top))
        try output.write(renderRanking(shown, g: g, by: own.by, columns: columns, allMetrics: own.allMetrics, format: own.format,
                                       unit: unit.unit))
    }
}

/// Computes a metric, turning algorithm errors into a message and exit code 65.
func computeMetric(_ m: Metric, _ adj: WeightedAdjacency, _ g: CoauthorGraph, _ options: MetricOptions) throws -> [Double] {
    do {
        if m == .eigenvector && adj.nodeCount == 0 { return [] }
        var options = options
        let unit = [.pagerank, .eigenvector].contains(m) ? "iterations" : m == .clustering ? "nodes" : "sources"
        let bar = StepProgress(label: m.rawValue, unit: unit)
        if bar.enabled { options.progress = { done, total in bar.update(done: done, total: total) } }
        defer { bar.finish() }
        return try m.compute(adj, papers: g.nodePapers, options: options)
    } catch let e as AlgorithmError {
        throw CLIError.dataError("\(m.rawValue): \(e)")
    }
}

/// The ranking as a table, CSV or JSON. The node column is named after the unit (`author`,
/// `organization`, `country`); the `ambiguity` column (the estimated number of people behind a
/// name) is for authors only.
func renderRanking(_ nodes: [Int], g: CoauthorGraph, by: Metric, columns: [Metric: [Double]],
                   allMetrics: Bool, format: TableFormat, unit: AnalysisUnit = .author) -> String {
    let nodeColumn = unit.rawValue
    let authors = unit == .author
    // The ranked metric first, named after itself; papers and degree once (not again when ranked by).
    let metrics: [Metric] = [by] + ([Metric.papers, .degree] + (allMetrics ? Metric.allCases : [])).filter { $0 != by }
        .reduce(into: [Metric]()) { list, m in if !list.contains(m) { list.append(m) } }
    func column(_ m: Metric) -> String { m.rawValue.replacingOccurrences(of: "-", with: "_") }
    // The estimated number of people behind each listed author (docs/identity.md, "Ambiguity").
    let people = authors ? EvidenceResolution().ambiguity(g.corpus, only: nodes.map { Int(g.nodeAuthor[$0]) }) : []
    func ambiguity(_ v: Int) -> Int { Int(people[Int(g.nodeAuthor[v])]) }
    switch format {
    case .csv:
        var out = (["rank", nodeColumn] + metrics.map(column) + (authors ? ["ambiguity"] : []) + ["key"]).joined(separator: ",") + "\n"
        for (i, v) in nodes.enumerated() {
            var row = [String(i + 1), Text.delimited(g.name(v))]
            row += metrics.map { Text.cellNumber(columns[$0]![v]) }
            if authors { row.append(String(ambiguity(v))) }
            row.append(Text.delimited(g.key(v)))
            out += row.joined(separator: ",") + "\n"
        }
        return out
    case .json:
        let rows: [JSON.Value] = nodes.enumerated().map { i, v in
            var o: [(String, JSON.Value)] = [("rank", .int(i + 1)), (nodeColumn, .string(g.name(v)))]
            o += metrics.map { (column($0), .double(columns[$0]![v])) }
            if authors { o.append(("ambiguity", .int(ambiguity(v)))) }
            o.append(("key", .string(g.key(v))))
            return .object(o)
        }
        return JSON.render(.array(rows)) + "\n"
    case .table:
        // Authors that look like several people are marked: "~N people?" (N coauthor circles).
        let marked = authors && nodes.contains { ambiguity($0) > 1 }
        let header = ["rank", nodeColumn] + metrics.map(\.rawValue) + (marked ? ["ambiguous"] : [])
        let rows = nodes.enumerated().map { i, v in
            [String(i + 1), g.name(v)] + metrics.map { Text.significant(columns[$0]![v]) }
                + (marked ? [ambiguity(v) > 1 ? "~\(ambiguity(v)) people?" : ""] : [])
        }
        return TextTable.aligned(rows, header: header, leftColumns: 2)
    }
}


extension Rank: GraphCommand {}
