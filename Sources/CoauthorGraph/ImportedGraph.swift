import CoauthorModel

/// A graph built elsewhere (the node and edge tables of coauthor's Spark job) as a `CoauthorGraph`,
/// so every command that works on the graph alone — rank, stats, render, export, communities,
/// path — runs on it. There are no paper records: the corpus holds the authors only, and the
/// per-node paper counts and years come from the node table.
public struct ImportedGraph: Sendable {
    /// One node: identity key, display name, persistent ids, papers and years.
    public struct Node: Sendable {
        public var key: String
        public var label: String
        public var ids: [PersistentID]
        public var papers: Int
        public var firstYear: Int?
        public var lastYear: Int?

        public init(key: String, label: String, ids: [PersistentID], papers: Int, firstYear: Int?, lastYear: Int?) {
            self.key = key
            self.label = label
            self.ids = ids
            self.papers = papers
            self.firstYear = firstYear
            self.lastYear = lastYear
        }
    }

    /// One undirected edge between node indices `a` and `b` (either order).
    public struct Edge: Sendable {
        public var a: Int32
        public var b: Int32
        public var weight: Int32
        public var fractional: Double
        public var firstYear: Int?
        public var lastYear: Int?

        public init(a: Int32, b: Int32, weight: Int32, fractional: Double, firstYear: Int?, lastYear: Int?) {
            self.a = a
            self.b = b
            self.weight = weight
            self.fractional = fractional
            self.firstYear = firstYear
            self.lastYear = lastYear
        }
    }

    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case selfLoop(edge: Int)
        case nodeOutOfRange(edge: Int)
        case duplicateEdge(edge: Int)
        case duplicateKey(String)

        public var description: String {
            switch self {
            case .selfLoop(let e): return "edge \(e) joins a node to itself"
            case .nodeOutOfRange(let e): return "edge \(e) names a node that is not in the node table"
            case .duplicateEdge(let e): return "edge \(e) repeats an earlier edge"
            case .duplicateKey(let k): return "node '\(k)' is listed twice"
            }
        }
    }

    /// The graph of `nodes` (in this order) and `edges`, under `options` (only `maxAuthors` is
    /// recorded: it was applied where the graph was built).
    /// - Complexity: O(N + E log E).
    public static func graph(nodes: [Node], edges: [Edge], options: GraphOptions) throws(Problem) -> CoauthorGraph {
        var seen = Set<String>()
        seen.reserveCapacity(nodes.count)
        for v in nodes where !seen.insert(v.key).inserted { throw .duplicateKey(v.key) }
        var authors = AuthorTable()
        authors.key = StringColumn(nodes.lazy.map(\.key))
        authors.displayName = StringColumn(nodes.lazy.map(\.label))
        authors.ids = nodes.map(\.ids)
        authors.spellings = SpellingColumn(nodes.map { [AuthorTable.Spelling(text: $0.label, mentions: $0.papers)] })
        authors.joinReasons = [Set<AuthorTable.JoinReason>](repeating: [], count: nodes.count)
        authors.familyKey = StringColumn(nodes.lazy.map { v in NameKey.isIDKey(v.key) ? "" : String(v.key.split(separator: "|").last ?? "") })
        authors.givenKey = StringColumn(nodes.lazy.map { v in
            NameKey.isIDKey(v.key) || v.key.hasPrefix("corp|") ? "" : String(v.key.split(separator: "|", omittingEmptySubsequences: false).first ?? "")
        })
        let corpus = Corpus(papers: PaperTable(), authors: authors, paperAuthors: CSR(),
                            authorPapers: CSR(offsets: [Int](repeating: 0, count: nodes.count + 1), items: []),
                            sourceFiles: [], report: BuildReport())
        func year(_ y: Int?) -> Year { y.map { Year(clamping: $0) } ?? .unknown }
        let n = nodes.count
        let columns = CoauthorGraph.NodeColumns(author: (0..<Int32(n)).map { $0 }, papers: nodes.map { Int32(clamping: $0.papers) },
                                  first: nodes.map { year($0.firstYear) }, last: nodes.map { year($0.lastYear) })
        // Edges as coauthor stores them: source < target, sorted by (source, target).
        var order: [Int] = []
        order.reserveCapacity(edges.count)
        for (i, e) in edges.enumerated() {
            guard e.a != e.b else { throw .selfLoop(edge: i) }
            guard e.a >= 0, e.b >= 0, Int(e.a) < n, Int(e.b) < n else { throw .nodeOutOfRange(edge: i) }
            order.append(i)
        }
        func ends(_ e: Edge) -> (low: Int32, high: Int32) { (min(e.a, e.b), max(e.a, e.b)) }
        order.sort { ends(edges[$0]).low != ends(edges[$1]).low ? ends(edges[$0]).low < ends(edges[$1]).low : ends(edges[$0]).high < ends(edges[$1]).high }
        var cols = CoauthorGraph.EdgeColumns(source: [], target: [], weight: [], fractional: [], first: [], last: [])
        for (k, i) in order.enumerated() {
            let e = edges[i], (s, t) = ends(e)
            if k > 0, cols.source.last == s, cols.target.last == t { throw .duplicateEdge(edge: i) }
            cols.source.append(s); cols.target.append(t)
            cols.weight.append(e.weight); cols.fractional.append(e.fractional)
            cols.first.append(year(e.firstYear)); cols.last.append(year(e.lastYear))
        }
        return CoauthorGraph(corpus: corpus, options: options, nodes: columns, edges: cols, paperKept: [], keptPaperCount: 0,
                             hyperauthored: 0)
    }
}

extension CoauthorGraph {
    /// The graph under `--min-papers`, `--min-weight` and `--largest-component`, applied to a graph
    /// as it stands (an imported one; a graph built from a corpus applies them while building):
    /// edges lighter than `minWeight` are dropped, then nodes with fewer than `minPapers` papers,
    /// then everything outside the largest component.
    public func filtered(minPapers: Int, minWeight: Int, largestComponent: Bool) -> CoauthorGraph {
        var g = self
        if minWeight > 1 {
            var edges = EdgeColumns(source: [], target: [], weight: [], fractional: [], first: [], last: [])
            for e in 0..<edgeCount where edgeWeight[e] >= minWeight {
                edges.source.append(edgeSource[e]); edges.target.append(edgeTarget[e])
                edges.weight.append(edgeWeight[e]); edges.fractional.append(edgeFractional[e])
                edges.first.append(edgeFirstYear[e]); edges.last.append(edgeLastYear[e])
            }
            g = CoauthorGraph(corpus: corpus, options: options,
                              nodes: NodeColumns(author: nodeAuthor, papers: nodePapers, first: nodeFirstYear, last: nodeLastYear),
                              edges: edges, paperKept: paperKept, keptPaperCount: keptPaperCount, hyperauthored: hyperauthoredPapers)
        }
        if minPapers > 1 { g = g.subgraph(keeping: g.nodePapers.map { Int($0) >= minPapers }) }
        if largestComponent && g.nodeCount > 0 {
            let comps = g.connectedComponents()
            g = g.subgraph(keeping: comps.membership.map { $0 == comps.largest })
        }
        return g
    }
}
