import ArgumentParser
import CoauthorAlgorithms
import CoauthorGraph
import CoauthorText
import CoauthorRecords

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count papers, authors, coauthor ties, components, triangles, cores and the diameter.",
        discussion: """
        Reads every input, resolves author identities, builds the coauthorship graph under the
        filters and prints its figures. Warnings and skipped records go to standard error; every
        skipped record is counted in 'skipped_records'.

        Examples:
          coauthor stats seeds/qin-huang-profile.txt --as-of 2026-11-27
          coauthor stats savedrecs.txt --unit country --format json
          coauthor stats refs.bib papers.csv --format json
          coauthor stats dblp/ --from 2010 --to 2015 --min-weight 2 --largest-component
          cat refs.bib | coauthor stats - --input-format bibtex
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup var input: InputOptions
    @OptionGroup var years: YearOptions
    @OptionGroup var filters: GraphFilterOptions
    @OptionGroup var unit: UnitOptions

    @Option(help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    func run() throws {
        let loaded = try loadGraph(input, filters, years: years.range, unit: unit.unit)
        let s = loaded.graph.summary()
        // With --unit organization|country the nodes are units: `unit` and `nodes` instead of `authors`.
        let nodeFields: [(String, JSON.Value)] = unit.unit == .author ? [("authors", .int(s.authors))]
            : [("unit", .string(unit.unit.rawValue)), ("nodes", .int(s.authors))]
        var fields: [(String, JSON.Value)] = [
            ("papers", .int(s.papers))] + nodeFields + [
            ("edges", .int(s.edges)),
            ("components", .int(s.components)),
            ("largest_component", .int(s.largestComponent)),
            ("isolated", .int(s.isolated)),
            ("density", .double(s.density)),
            ("mean_degree", .double(s.meanDegree)),
            ("total_weight", .int(s.totalWeight)),
            ("first_year", s.firstYear.map { .int($0) } ?? .null),
            ("last_year", s.lastYear.map { .int($0) } ?? .null),
            ("skipped_records", .int(loaded.summary.skipped)),
            ("hyperauthored_papers", .int(s.hyperauthoredPapers)),
        ]
        // Structure (CoauthorAlgorithms): triangles, clustering, cores, diameter of the largest component.
        let g = loaded.graph
        let adj = WeightedAdjacency(g)
        let clock = loaded.clock
        clock.lap("summary")
        let clustering = Clustering(adj, threads: input.threads)
        clock.lap("triangles and clustering")
        let cores = KCore.coreNumbers(adj)
        clock.lap("k-core")
        let comps = g.connectedComponents()
        var largest: [Int] = []
        let big = comps.largest
        if big >= 0 { largest = (0..<g.nodeCount).filter { comps.membership[$0] == big } }
        // Exact up to 100,000 nodes; beyond, at most 64 breadth-first searches and the bounds they reach.
        let bar = StepProgress(label: "diameter", unit: "search")
        let d = Paths.diameter(adj, component: largest, maxSearches: largest.count <= 100_000 ? .max : 64,
                               progress: bar.enabled ? { bar.step($0.searches, value: "bounds \($0.lower)–\($0.upper)") } : nil)
        bar.finish()
        clock.lap("diameter (\(d.searches) searches)")
        fields += [
            ("triangles", .int(clustering.triangleCount)),
            ("average_clustering", .double(clustering.average)),
            ("transitivity", .double(clustering.transitivity)),
            ("max_core", .int(cores.max() ?? 0)),
            ("diameter", .int(d.lower)),
            ("diameter_exact", .bool(d.isExact)),
            ("diameter_upper_bound", .int(d.upper)),
            ("merged_records", .int(loaded.corpus.report.merges.count)),
            ("identities_by_id", .int((0..<g.nodeCount).filter { NameKey.isIDKey(g.key($0)) }.count)),
        ]
        switch format {
        case .json:
            try emit(JSON.render(.object(fields)) + "\n")
        case .text:
            let rows = fields.map { (k, v) -> [String] in
                let label = k.replacingOccurrences(of: "_", with: " ")
                switch v {
                case .double(let d): return [label, Text.significant(d)]
                case .null: return [label, "-"]
                case .bool(let b): return [label, b ? "yes" : "no"]
                default: return [label, JSON.render(v)]
                }
            }
            try emit(TextTable.aligned(rows))
        }
    }
}
