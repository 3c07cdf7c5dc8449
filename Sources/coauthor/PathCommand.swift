import ArgumentParser
import CoauthorAlgorithms
import CoauthorGraph
import CoauthorRecords
import CoauthorText
import Foundation

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest collaboration chain between two authors, with the papers behind each hop.",
        discussion: """
        Names are matched by identity key (so "Huang, Qin", "qin huang" and "Qin Huang" are the same
        person); an identity key such as orcid:0000-… or dblp:Wei Wang 0001 works too. The chain is a
        breadth-first shortest path (the "Erdős number" question); among equally short chains the
        one through lower node indices (earlier in the input) is shown.

        Exit status: 0 when a chain was found, 1 when the two authors are not connected.

        Examples:
          coauthor path seeds/qin-huang-profile.txt --as-of 2026-11-27 --from "Ye Wang" --to "Zhe Lin"
          coauthor path dblp.jsonl --from "Jeffrey D. Ullman" --to "Jennifer Widom" --format json
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var filters: GraphFilterOptions

    @Option(name: .customLong("from"), help: "The first author.")
    var fromName: String
    @Option(name: .customLong("to"), help: "The second author.")
    var toName: String
    @Option(name: .customLong("from-year"), help: "Keep papers from this year on.")
    var fromYear: Int?
    @Option(name: .customLong("to-year"), help: "Keep papers up to this year.")
    var toYear: Int?
    @Option(help: "Output format: table or json.")
    var format: TableFormat = .table

    func validate() throws {
        try YearRange(from: fromYear, to: toYear).check()
        if format == .csv { throw ValidationError("path output is table or json") }
    }

    func run() throws {
        let loaded = try loadGraph(input, filters, years: YearRange(from: fromYear, to: toYear))
        let g = loaded.graph
        let lookup = AuthorLookup(g)
        let a = try lookup.node(named: fromName)
        let b = try lookup.node(named: toName)
        let adj = WeightedAdjacency(g)
        guard let path = try Paths.shortestPath(adj, from: a, to: b) else {
            switch format {
            case .json:
                try emit(JSON.render(.object([("from", .string(g.name(a))), ("to", .string(g.name(b))),
                                          ("connected", .bool(false)), ("length", .null), ("hops", .array([]))])) + "\n")
            default:
                try emit("\(g.name(a)) and \(g.name(b)) are not connected (no chain of coauthors joins them).\n")
            }
            throw ExitCode(1)
        }
        let hops = zip(path, path.dropFirst()).map { (x, y) in (x, y, g.jointPapers(x, y)) }
        let papers = g.corpus.papers
        switch format {
        case .json:
            let hv: [JSON.Value] = hops.map { x, y, ps in
                .object([("from", .string(g.name(x))), ("to", .string(g.name(y))),
                         ("papers", .array(ps.map { p in
                             .object([("id", .string(papers.id[p])), ("title", .string(papers.title[p])),
                                      ("year", papers.yearOf(p).map { .int($0) } ?? .null)])
                         }))])
            }
            try emit(JSON.render(.object([
                ("from", .string(g.name(a))), ("to", .string(g.name(b))), ("connected", .bool(true)),
                ("length", .int(path.count - 1)),
                ("path", .array(path.map { .object([("author", .string(g.name($0))), ("key", .string(g.key($0)))]) })),
                ("hops", .array(hv)),
            ])) + "\n")
        default:
            var out = "\(g.name(a)) → \(g.name(b)): \(path.count - 1) hop\(path.count == 2 ? "" : "s")\n"
            for (i, (x, y, ps)) in hops.enumerated() {
                out += "\(i + 1). \(g.name(x)) — \(g.name(y)) (\(ps.count) joint paper\(ps.count == 1 ? "" : "s"))\n"
                for p in ps {
                    let year = papers.yearOf(p).map { " (\($0))" } ?? ""
                    out += "     \(papers.title[p])\(year) [\(papers.id[p])]\n"
                }
            }
            try emit(out)
        }
    }
}

/// Finds authors by name or identity key, with suggestions on a miss.
struct AuthorLookup {
    let g: CoauthorGraph
    let byKey: [String: Int]

    init(_ g: CoauthorGraph) {
        self.g = g
        var m: [String: Int] = [:]
        for v in 0..<g.nodeCount { m[g.key(v)] = v }
        byKey = m
    }

    /// The node of a name or key.
    /// - Throws: exit 64 with "did you mean" suggestions when nothing matches.
    func node(named text: String) throws -> Int {
        if let v = byKey[text] { return v }
        if let parsed = NameParser.parse(text) {
            if let k = NameKey.key(for: parsed), let v = byKey[k] { return v }
            // A name typed without its DBLP number: the key of the bare name.
            if let k = NameKey.nameKey(given: parsed.given, family: parsed.family, raw: parsed.raw, corporate: false),
               let v = byKey[k] { return v }
        }
        let suggestions = suggest(text)
        var msg = "no author named '\(text)' in the graph"
        if !suggestions.isEmpty { msg += "; did you mean: " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?" }
        throw CLIError.usage(msg)
    }

    /// Up to five display names closest to `text` (edit distance on folded names).
    func suggest(_ text: String) -> [String] {
        let target = Array(NameKey.norm(text).unicodeScalars.filter { NameKey.isLetterOrNumber($0) })
        guard !target.isEmpty else { return [] }
        var scored: [(distance: Int, name: String)] = []
        for v in 0..<g.nodeCount {
            let name = g.name(v)
            let cand = Array(NameKey.norm(name).unicodeScalars.filter { NameKey.isLetterOrNumber($0) })
            if abs(cand.count - target.count) > max(3, target.count / 2) { continue }
            let d = editDistance(target, cand)
            if d <= max(2, target.count / 3) { scored.append((d, name)) }
        }
        scored.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        var seen = Set<String>()
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(5).map { $0 }
    }
}

/// Levenshtein distance.
func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
