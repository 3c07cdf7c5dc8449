import ArgumentParser
import CoauthorAlgorithms
import CoauthorGraph
import CoauthorText
import Foundation

extension CommunityMethod: ExpressibleByArgument {}

struct CommunitiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "communities",
        abstract: "Find collaboration circles (communities) and name them by what their papers are about.",
        discussion: """
        Methods (docs/communities.md): leiden (the default; Traag, Waltman & van \
        Eck 2019: every community connected), louvain (Blondel et al. 2008), \
        label-propagation (Raghavan et al. 2007) and components. Leiden and \
        Louvain maximise modularity with resolution γ as networkx's \
        modularity(G, communities, weight="weight", resolution=γ) defines it: \
        γ < 1 gives fewer, larger circles, γ > 1 more, smaller ones. Ties are \
        weighted by joint papers (--counting fractional: Σ 1/(n−1) per joint \
        paper of n authors). The same input, options and seed give the same \
        output, byte for byte.

        Communities are numbered by size, 1 the largest (ties: the smallest \
        member name), as in every export; --min-size N folds the smaller ones \
        into community -1, "other". A community's label is made of the terms of its papers' \
        titles and abstracts most over-represented against the whole corpus \
        (log-likelihood ratio); its central authors have the most joint papers \
        inside it.

        Formats: table (a line per community of two or more authors: size, \
        papers, label, three most central authors, and below it the title that \
        carries the label best), csv (author,key,community for every author: the key tells \
        apart two authors of one name), json ({method, \
        resolution, seed, modularity, communities: [{id, size, label, terms, \
        top_authors, papers, first_year, last_year, typical_titles}]}).

        Examples:
          coauthor communities seeds/qin-huang-profile.txt --as-of 2026-11-27
          coauthor communities refs.bib --method louvain --resolution 0.5
          coauthor communities refs.bib --seed 7 --format json
          coauthor communities refs.bib --min-size 5 --format csv -o circles.csv
        """)

    @OptionGroup(title: "Communities options") var own: CommandOptions
    @OptionGroup(title: "Communities options") var normalization: NormalizeOptions
    @OptionGroup(title: "Communities options") var weighting: CountingOptions
    @OptionGroup var graph: TableGraphSourceOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(help: "Community detection method (docs/communities.md).")
        var method: CommunityMethod = .leiden
        @Option(help: "Resolution γ of modularity (≥ 0; used by leiden and louvain).")
        var resolution: Double = 1
        @Option(help: "Seed of the random node orders: the same seed gives the same communities.")
        var seed: Int = 0
        @Option(help: "Leiden: at most this many iterations (0 = no cap but 100; igraph's default is 2).")
        var iterations: Int = 0
        @Option(help: "Leiden: stop after an iteration that raises modularity by less than this (0 = until an iteration changes nothing; default: 5 % of the second iteration's gain, at least 0.0001).")
        var tolerance: Double?
        @Option(name: .customLong("min-size"), help: "Fold communities of fewer authors into community -1 (other).")
        var minSize: Int = 1
        @Option(help: "Output format.")
        var format: TableFormat = .table
    }


    func validate() throws {
        if !own.resolution.isFinite || own.resolution < 0 { throw ValidationError("--resolution must be a number ≥ 0") }
        if own.seed < 0 { throw ValidationError("--seed must be 0 or more") }
        if own.minSize < 1 { throw ValidationError("--min-size must be at least 1") }
        if own.iterations < 0 { throw ValidationError("--iterations must be 0 (no cap) or more") }
        if let tolerance = own.tolerance, !tolerance.isFinite || tolerance < 0 { throw ValidationError("--tolerance must be a number ≥ 0") }
    }

    func run() throws {
        try normalization.check(counting: weighting.counting)
        let loaded = try loadGraph(input, filters, years: try yearRange, unit: unit.unit)
        let g = loaded.graph
        let adj = normalization.weights(g).map { WeightedAdjacency(g, edgeWeights: $0) } ?? WeightedAdjacency(g, counting: weighting.counting)
        loaded.clock.lap("adjacency")
        let result: CommunityResult
        // A line per Leiden iteration or Louvain level once detection has run for a second.
        let bar = StepProgress(label: own.method.rawValue, unit: own.method == .leiden ? "iteration" : "level")
        do {
            result = try Communities.detect(adj, method: own.method, resolution: own.resolution, seed: UInt64(own.seed),
                                            names: (0..<g.nodeCount).map { g.name($0) }, iterations: own.iterations,
                                            tolerance: own.tolerance, threads: input.threads,
                                            progress: bar.enabled ? { bar.step($0, value: "modularity \(Text.significant($1))") } : nil)
            bar.finish()
            loaded.clock.lap("compute \(own.method.rawValue)")
        } catch let e as AlgorithmError {
            throw CLIError.dataError("\(own.method.rawValue): \(e)")
        }
        let labelBar = ShareProgress(label: "labels", total: Double(g.corpus.papers.count), unit: "papers")
        let report = CommunityReport(g, adj, result, minSize: own.minSize,
                                     progress: labelBar.enabled ? { labelBar.update($0) } : nil)
        labelBar.finish()
        loaded.clock.lap("labels")
        let text: String
        switch own.format {
        case .csv: text = report.csv()
        case .json: text = report.json()
        case .table: text = report.table()
        }
        try output.write(text)
    }
}

/// The communities as shown: kept ones `0..<kept`, then "other" (−1) when anything was folded.
struct CommunityReport {
    struct Group {
        var id: Int
        var members: [Int]
        var label: CommunityLabel
        /// The `centralCount` most central members, by joint-paper weight inside the group.
        var central: [Int]
        /// Communities folded into it (other only).
        var folded: Int
    }

    let graph: CoauthorGraph
    let result: CommunityResult
    let minSize: Int
    let groups: [Group]
    /// Group index of every node (other = the last).
    let groupOf: [Int]

    /// Central authors kept per group (JSON shows five, the table three).
    static let centralCount = 5

    init(_ g: CoauthorGraph, _ adj: WeightedAdjacency, _ result: CommunityResult, minSize: Int,
         progress: ((Double) -> Void)? = nil) {
        graph = g
        self.result = result
        self.minSize = minSize
        let folded = result.folded(minSize: minSize)
        let kept = result.sizes.prefix { $0 >= minSize }.count
        let hasOther = kept < result.count
        let groupOf = folded.map { $0 >= 0 ? $0 : kept }
        let count = kept + (hasOther ? 1 : 0)
        var members = [[Int]](repeating: [], count: count)
        for (v, c) in groupOf.enumerated() { members[c].append(v) }
        let labels = CommunityLabels.label(g, membership: groupOf, count: count, progress: progress)
        let inside = Communities.internalStrength(adj, membership: groupOf)
        var strength = [Double](repeating: 0, count: adj.nodeCount)
        for v in 0..<adj.nodeCount { for k in adj.offsets[v]..<adj.offsets[v + 1] { strength[v] += adj.weights[k] } }
        groups = (0..<count).map { c in
            // The five most central, as the first five of a stable sort by `before` would be,
            // by insertion into a sorted list of five (O(size), names compared only on ties).
            func before(_ a: Int, _ b: Int) -> Bool {
                if inside[a] != inside[b] { return inside[a] > inside[b] }
                if strength[a] != strength[b] { return strength[a] > strength[b] }
                let na = g.name(a), nb = g.name(b)
                if na != nb { return na.unicodeScalars.lexicographicallyPrecedes(nb.unicodeScalars) { $0.value < $1.value } }
                return g.key(a) < g.key(b)
            }
            var central: [Int] = []
            for v in members[c] {
                if central.count == Self.centralCount, let last = central.last, !before(v, last) { continue }
                let i = central.firstIndex { before(v, $0) } ?? central.count
                central.insert(v, at: i)
                if central.count > Self.centralCount { central.removeLast() }
            }
            let isOther = hasOther && c == kept
            return Group(id: isOther ? -1 : c + 1, members: members[c], label: labels[c], central: central,
                         folded: isOther ? result.count - kept : 0)
        }
        self.groupOf = groupOf
    }

    func label(_ group: Group) -> String { group.id < 0 ? "other" : group.label.label }

    func csv() -> String {
        var out = "author,key,community\n"
        for group in groups {
            let rows = group.members.sorted { a, b in
                let na = graph.name(a), nb = graph.name(b)
                if na != nb { return na.unicodeScalars.lexicographicallyPrecedes(nb.unicodeScalars) { $0.value < $1.value } }
                return graph.key(a) < graph.key(b)
            }
            for v in rows { out += "\(Text.delimited(graph.name(v))),\(Text.delimited(graph.key(v))),\(group.id)\n" }
        }
        return out
    }

    func json() -> String {
        let communities: [JSON.Value] = groups.map { group in
            .object([
                ("id", .int(group.id)),
                ("size", .int(group.members.count)),
                ("label", .string(label(group))),
                ("terms", .array(group.id < 0 ? [] : group.label.terms.map {
                    .object([("term", .string($0.text)), ("score", .double($0.score))])
                })),
                ("top_authors", .array(group.central.prefix(5).map { .string(graph.name($0)) })),
                ("papers", .int(group.label.papers)),
                ("first_year", group.label.firstYear.map { .int($0) } ?? .null),
                ("last_year", group.label.lastYear.map { .int($0) } ?? .null),
                ("typical_titles", .array(group.id < 0 ? [] : group.label.typicalPapers.map { .string(titleWithYear($0)) })),
            ])
        }
        return JSON.render(.object([
            ("method", .string(result.method.rawValue)),
            ("resolution", .double(result.resolution)),
            ("seed", .int(Int(result.seed))),
            ("modularity", .double(result.modularity)),
            ("communities", .array(communities)),
        ])) + "\n"
    }

    func table() -> String {
        let kept = groups.filter { $0.id >= 0 }.count
        var out = "\(result.method.rawValue), resolution \(Text.significant(result.resolution)), seed \(result.seed): "
        out += "\(kept) communit\(kept == 1 ? "y" : "ies") of \(graph.nodeCount) author\(graph.nodeCount == 1 ? "" : "s")"
        if let other = groups.last, other.id < 0 {
            out += " (+ \(other.folded) of fewer than \(minSize) authors folded into -1)"
        }
        out += ", modularity \(Text.significant(result.modularity))\n"
        guard !groups.isEmpty else { return out }
        // Communities of one author say nothing about circles: left out of the table (csv and json
        // list them), counted below it.
        let shown = groups.filter { $0.id < 0 || $0.members.count > 1 }
        let rows = shown.map { group -> [String] in
            let l = label(group)
            return [String(group.id), String(group.members.count), String(group.label.papers), l.isEmpty ? "-" : l,
                    group.central.prefix(3).map { graph.name($0) }.joined(separator: ", ")]
        }
        var table = TextTable.aligned(rows, header: ["id", "size", "papers", "label", "top authors"],
                            rightAligned: [true, true, true, false, false])
        // Under each row, the paper that shows best what the label means.
        let width = max(2, rows.map { $0[0].count }.max() ?? 0)
        var lines = table.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var inserted = 0
        for (i, group) in shown.enumerated() where group.id >= 0 {
            guard let p = group.label.typicalPapers.first else { continue }
            lines.insert(String(repeating: " ", count: width + 2) + "e.g. " + titleWithYear(p), at: 2 + i + inserted + 1)
            inserted += 1
        }
        table = lines.joined(separator: "\n")
        let singles = groups.count - shown.count
        if singles > 0 {
            table += "(+ \(singles) communit\(singles == 1 ? "y" : "ies") of one author not shown; --format csv or json lists them)\n"
        }
        return out + table
    }

    /// "Title (2019)".
    func titleWithYear(_ p: Int) -> String {
        let papers = graph.corpus.papers
        return CommunityLabels.plainTitle(papers.title[p]) + (papers.yearOf(p).map { " (\($0))" } ?? "")
    }
}


extension CommunitiesCommand: GraphCommand {}
