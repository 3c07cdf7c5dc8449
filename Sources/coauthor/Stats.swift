import ArgumentParser
import CoauthorAlgorithms
import CoauthorGraph
import CoauthorText
import CoauthorRecords

struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Count papers, authors, coauthor ties, components, triangles, cores and the diameter.",
        discussion: """
        Reads every input, resolves author identities, builds the coauthorship graph under the \
        filters and prints its figures. Warnings and skipped records go to standard error; every \
        skipped record is counted in 'skipped_records'.

        Examples:
          coauthor stats seeds/qin-huang-profile.txt --as-of 2026-11-27
          coauthor stats savedrecs.txt --unit country --format json
          coauthor stats refs.bib papers.csv --format json
          coauthor stats dblp/ --from-year 2010 --to-year 2015 --min-weight 2
          coauthor stats savedrecs-1.txt savedrecs-2.txt --merges
          cat refs.bib | coauthor stats - --input-format bibtex
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    @OptionGroup(title: "Stats options") var own: CommandOptions
    @OptionGroup var graph: TableGraphSourceOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(help: "Output format.")
        var format: Format = .text
        @Flag(help: "List the records merged into a paper read before (same id, DOI or title) instead of the figures.")
        var merges = false
    }


    func run() throws {
        let loaded = try loadGraph(input, filters, years: try yearRange, unit: unit.unit)
        if own.merges {
            try output.write(renderMerges(loaded.corpus))
            return
        }
        let fields = statsFields(loaded, unit: unit.unit, threads: input.threads)
        switch own.format {
        case .json:
            try output.write(JSON.render(.object(fields)) + "\n")
        case .text:
            try output.write(TextTable.aligned(statsRows(fields)))
        }
    }
}

extension Stats {
    /// One row per merged record: where it was read, why it is the same paper, and the paper kept.
    func renderMerges(_ corpus: Corpus) -> String {
        let papers = corpus.papers
        func kept(_ m: RecordMerge) -> (id: String, source: String) {
            (papers.id[m.paper], "\(corpus.sourceFiles[Int(papers.sourceFile[m.paper])]):\(papers.sourceLine[m.paper])")
        }
        switch own.format {
        case .json:
            return JSON.render(.array(corpus.report.merges.map { m in
                .object([("record", .string(m.recordID)), ("source", .string(m.source.description)),
                         ("reason", .string(m.reason.rawValue)), ("kept", .string(kept(m).id)),
                         ("kept_source", .string(kept(m).source)), ("took_authors", .bool(m.tookAuthors))])
            })) + "\n"
        case .text:
            if corpus.report.merges.isEmpty { return "no records were merged\n" }
            return TextTable.aligned(corpus.report.merges.map { m in
                [m.recordID, m.source.description, m.reason.rawValue, kept(m).id, kept(m).source, m.tookAuthors ? "yes" : "no"]
            }, header: ["record", "source", "same", "kept", "kept source", "took authors"], leftColumns: 6)
        }
    }
}

/// What `stats` reports, in its order: counts, components, years, structure.
func statsFields(_ loaded: Loaded, unit: AnalysisUnit = .author, threads: Int) -> [(String, JSON.Value)] {
    let s = loaded.graph.summary()
    // With --unit organization|country the nodes are units: `unit` and `nodes` instead of `authors`.
    let nodeFields: [(String, JSON.Value)] = unit == .author ? [("authors", .int(s.authors))]
        : [("unit", .string(unit.rawValue)), ("nodes", .int(s.authors))]
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
    let clustering = Clustering(adj, threads: threads)
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
    // Authors (nodes) whose papers fall into 2+ coauthor circles: likely several people.
    let people = EvidenceResolution().ambiguity(g.corpus, only: g.nodeAuthor.map { Int($0) })
    fields.append(("ambiguous_authors", .int(g.nodeAuthor.filter { people[Int($0)] > 1 }.count)))
    clock.lap("ambiguity")
    return fields
}

/// `stats` fields as the text table shows them: a label and a value for people.
func statsRows(_ fields: [(String, JSON.Value)]) -> [[String]] {
    fields.map { (k, v) -> [String] in
        let label = k.replacingOccurrences(of: "_", with: " ")
        switch v {
        case .double(let d): return [label, Text.significant(d)]
        case .null: return [label, "-"]
        case .bool(let b): return [label, b ? "yes" : "no"]
        default: return [label, JSON.render(v)]
        }
    }
}

extension Stats: GraphCommand {}
