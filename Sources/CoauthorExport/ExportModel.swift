import CoauthorOutput
import CoauthorGraph
import CoauthorModel

/// The file formats `coauthor export --to` writes.
public enum ExportFormat: String, Sendable, CaseIterable {
    case graphml, gexf, json, csv, pajek, vosviewer, dot, gml

    /// Formats that write a directory of files (`-o DIR`).
    public var writesDirectory: Bool { self == .csv || self == .vosviewer }
}

/// An extra node column: one value per graph node, in node order.
public struct NodeColumn: Sendable {
    public enum Values: Sendable {
        case double([Double])
        case int([Int])
        case string([String?])

        public var count: Int {
            switch self {
            case .double(let v): return v.count
            case .int(let v): return v.count
            case .string(let v): return v.count
            }
        }
    }

    /// The attribute name in every format (letters, digits and `_`; see `ExportError.badColumnName`).
    public var name: String
    public var values: Values

    public init(name: String, values: Values) {
        self.name = name
        self.values = values
    }

    public static func double(_ name: String, _ values: [Double]) -> NodeColumn {
        NodeColumn(name: name, values: .double(values))
    }
}

/// A community (cluster) per node: any integer ids, `-1` for a node in no community.
///
/// The exporter renumbers communities `1…k` by size, largest first (ties: the smaller given id), so
/// the numbers are the same in every format, fit VOSviewer's clusters and, for a detection result
/// numbered by size, are its ids plus one (as `coauthor communities` shows them).
public struct CommunityTable: Sendable {
    public var membership: [Int32]
    /// How the communities were found ("components", "leiden", …), written to the metadata.
    public var method: String
    /// A label per community id (of `membership`); when nil or missing an id, the label is the
    /// display name of the member with the most papers (ties: more coauthors, then name, then id).
    public var labels: [Int32: String]?

    public init(membership: [Int32], method: String, labels: [Int32: String]? = nil) {
        self.membership = membership
        self.method = method
        self.labels = labels
    }
}

/// A 2-D position per node (a layout), in the layout's own units.
public struct PositionTable: Sendable {
    public var x: [Double]
    public var y: [Double]

    public init(x: [Double], y: [Double]) {
        self.x = x
        self.y = y
    }
}

/// Graph-level metadata: who made the export, from what, with which options.
public struct ExportMetadata: Sendable {
    public var generator: String
    public var version: String
    public var inputs: [String]
    /// Options as (name, value) pairs in the order given.
    public var options: [(String, String)]

    public init(generator: String = "coauthor", version: String = "", inputs: [String] = [],
                options: [(String, String)] = []) {
        self.generator = generator
        self.version = version
        self.inputs = inputs
        self.options = options
    }
}

/// Everything an export needs: the graph and the extra node tables.
public struct ExportInput: Sendable {
    public var graph: CoauthorGraph
    /// What the `weight` attribute counts: joint papers (full) or Σ 1/(n−1) (fractional).
    public var counting: Counting
    /// Extra numeric node columns (metrics), in the order to write them.
    public var metrics: [NodeColumn]
    public var communities: CommunityTable?
    public var positions: PositionTable?
    public var metadata: ExportMetadata
    /// With `--normalize`: each edge's normalised weight (`LinkNormalization.edgeWeights`), written
    /// as `weight`; the raw counts stay in `papers` and `fractional`.
    public var normalizedWeights: [Double]?
    /// CSV and VOSviewer text cells that a spreadsheet would run as a formula (starting with `=`,
    /// `+`, `-`, `@`, tab or CR) get a leading `'` (`--excel-safe`). Off by default: the cells are
    /// the data as read, which pandas, R and Gephi expect.
    public var excelSafe = false
    /// Per node, the estimated number of people behind it (1 when clean; `EvidenceResolution.ambiguity`),
    /// written as the node attribute `ambiguity` (VOSviewer: `score<ambiguity>`); nil leaves it out
    /// (organisations and countries).
    public var ambiguity: [Int]?

    public init(graph: CoauthorGraph, counting: Counting = .full, metrics: [NodeColumn] = [],
                communities: CommunityTable? = nil, positions: PositionTable? = nil,
                metadata: ExportMetadata = ExportMetadata()) {
        self.graph = graph
        self.counting = counting
        self.metrics = metrics
        self.communities = communities
        self.positions = positions
        self.metadata = metadata
    }
}

/// Errors of an export.
public enum ExportError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A node table with the wrong number of rows.
    case columnLength(name: String, expected: Int, got: Int)
    /// A column name that is not `[A-Za-z_][A-Za-z0-9_]*` or clashes with a built-in attribute.
    case badColumnName(String)
    /// The output cannot be written, or names an input.
    case output(OutputError)
    /// The output path is unsuitable (a directory where a file is wanted, or the reverse).
    case badOutputPath(String, String)

    public var description: String {
        switch self {
        case .columnLength(let n, let e, let g): return "node column '\(n)' has \(g) rows, the graph \(e) nodes"
        case .badColumnName(let n): return "'\(n)' cannot be a node column name"
        case .output(let e): return e.description
        case .badOutputPath(let p, let r): return "\(p): \(r)"
        }
    }
}

/// The graph with every exported attribute resolved, shared by all writers.
///
/// Built once per export in O(N + E + Σ n_p²) time (the edge provenance pass visits each pair of
/// coauthors of each paper once, as the graph builder did).
public struct ExportModel: Sendable {
    public let graph: CoauthorGraph
    public let counting: Counting
    public let metadata: ExportMetadata
    /// See `ExportInput.excelSafe`.
    public let excelSafe: Bool

    // Nodes.
    public var nodeCount: Int { graph.nodeCount }
    /// Stable id (the identity key) and display name of each node.
    public let ids: [String]
    public let labels: [String]
    /// Persistent ids by kind (only kinds some node has), each value the node's ids of that kind
    /// joined with "; ", nil where the node has none.
    public let idColumns: [(kind: String, values: [String?])]
    /// Mean year of each node's papers with a known year (VOSviewer's `score<Avg. pub. year>`).
    public let averageYear: [Double?]
    /// Σ edge weights of each node under `counting` (VOSviewer's total link strength).
    public let strength: [Double]
    public let metrics: [NodeColumn]
    /// Community number `1…k` per node (0 = none), with a label per number (index 0 unused).
    public let community: [Int32]?
    public let communityLabels: [String]
    public let communityMethod: String?
    public let positions: PositionTable?
    /// Normalised edge weights (`ExportInput.normalizedWeights`), or nil.
    public let normalizedWeights: [Double]?
    /// `ExportInput.ambiguity`, or nil.
    public let ambiguity: [Int]?

    // Edges.
    public var edgeCount: Int { graph.edgeCount }
    /// The papers behind each edge (indices into `graph.corpus.papers`): row `e` of the CSR.
    public let edgePapers: CSR
    /// The exported id of every paper: the source's own key, unless another paper has the same
    /// key (two input files numbering their rows alike), then `FILE:KEY` (file name without its
    /// folder), and `FILE:KEY@LINE` if that is still not unique.
    public let paperID: [String]

    public init(_ input: ExportInput) throws {
        let g = input.graph
        let n = g.nodeCount
        graph = g
        counting = input.counting
        metadata = input.metadata
        excelSafe = input.excelSafe
        ids = (0..<n).map { g.key($0) }
        labels = (0..<n).map { g.name($0) }

        // Persistent ids, one column per kind present.
        let authors = g.corpus.authors
        var kinds: [PersistentID.Kind: [String?]] = [:]
        for v in 0..<n {
            let list = authors.ids[Int(g.nodeAuthor[v])]
            guard !list.isEmpty else { continue }
            var byKind: [PersistentID.Kind: [String]] = [:]
            for id in list { byKind[id.kind, default: []].append(id.value) }
            for (k, values) in byKind {
                if kinds[k] == nil { kinds[k] = [String?](repeating: nil, count: n) }
                kinds[k]![v] = values.joined(separator: "; ")
            }
        }
        // ORCID first (the id people look for), then the others alphabetically.
        idColumns = PersistentID.Kind.allCases
            .sorted { ($0 == .orcid ? 0 : 1, $0.rawValue) < ($1 == .orcid ? 0 : 1, $1.rawValue) }
            .compactMap { k in kinds[k].map { (kind: k.rawValue, values: $0) } }

        averageYear = ExportModel.averageYears(g)
        normalizedWeights = input.normalizedWeights
        let weights: [Double] = input.normalizedWeights ?? (input.counting == .full ? g.edgeWeight.map(Double.init) : g.edgeFractional)
        var s = [Double](repeating: 0, count: n)
        for e in 0..<g.edgeCount {
            s[Int(g.edgeSource[e])] += weights[e]
            s[Int(g.edgeTarget[e])] += weights[e]
        }
        strength = s

        // Extra tables.
        let reserved: Set<String> = ExportModel.builtInNodeAttributes.union(idColumns.map(\.kind))
        var seen = Set<String>()
        for c in input.metrics {
            guard ExportModel.isValidName(c.name), !reserved.contains(c.name), seen.insert(c.name).inserted else {
                throw ExportError.badColumnName(c.name)
            }
            guard c.values.count == n else { throw ExportError.columnLength(name: c.name, expected: n, got: c.values.count) }
        }
        metrics = input.metrics
        if let a = input.ambiguity, a.count != n { throw ExportError.columnLength(name: "ambiguity", expected: n, got: a.count) }
        ambiguity = input.ambiguity
        if let p = input.positions {
            guard p.x.count == n else { throw ExportError.columnLength(name: "x", expected: n, got: p.x.count) }
            guard p.y.count == n else { throw ExportError.columnLength(name: "y", expected: n, got: p.y.count) }
        }
        positions = input.positions
        if let c = input.communities {
            guard c.membership.count == n else {
                throw ExportError.columnLength(name: "community", expected: n, got: c.membership.count)
            }
            let (numbers, labels) = ExportModel.renumber(c, g)
            community = numbers
            communityLabels = labels
            communityMethod = c.method
        } else {
            community = nil
            communityLabels = []
            communityMethod = nil
        }
        edgePapers = ExportModel.edgeProvenance(g)
        paperID = ExportModel.uniquePaperIDs(g.corpus)
    }

    static func uniquePaperIDs(_ c: Corpus) -> [String] {
        let p = c.papers
        var count: [String: Int] = [:]
        for id in p.id { count[id, default: 0] += 1 }
        func file(_ i: Int) -> String {
            let f = Int(p.sourceFile[i]) < c.sourceFiles.count ? c.sourceFiles[Int(p.sourceFile[i])] : ""
            return f.split(separator: "/").last.map(String.init) ?? f
        }
        var out = (0..<p.count).map { count[p.id[$0]] == 1 ? p.id[$0] : "\(file($0)):\(p.id[$0])" }
        var again: [String: Int] = [:]
        for id in out { again[id, default: 0] += 1 }
        for i in 0..<p.count where again[out[i]]! > 1 { out[i] += "@\(p.sourceLine[i])" }
        return out
    }

    /// Names of the attributes every export writes for a node.
    public static let builtInNodeAttributes: Set<String> = [
        "id", "label", "key", "papers", "first_year", "last_year", "ambiguity", "community", "community_label", "x", "y",
    ]

    static func isValidName(_ s: String) -> Bool {
        guard let f = s.unicodeScalars.first, f == "_" || (f.isASCII && f.properties.isAlphabetic) else { return false }
        return s.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }

    /// Communities numbered 1…k by size (largest first; ties: smaller first node), with labels.
    static func renumber(_ c: CommunityTable, _ g: CoauthorGraph) -> ([Int32], [String]) {
        var size: [Int32: Int] = [:]
        for m in c.membership where m >= 0 { size[m, default: 0] += 1 }
        // Equal sizes keep the given order: detection results come numbered by size with their own
        // tie rule (`coauthor communities` shows the same numbers, from 1).
        let order = size.keys.sorted { (-size[$0]!, $0) < (-size[$1]!, $1) }
        var number: [Int32: Int32] = [:]
        for (i, m) in order.enumerated() { number[m] = Int32(i + 1) }
        let numbers = c.membership.map { $0 >= 0 ? number[$0]! : 0 }
        // Default label: the member with the most papers (ties: degree, name, key).
        var best = [Int](repeating: -1, count: order.count + 1)
        for v in 0..<g.nodeCount {
            let k = Int(numbers[v])
            guard k > 0 else { continue }
            let b = best[k]
            if b < 0 || (g.nodePapers[v], g.degree(v)) > (g.nodePapers[b], g.degree(b))
                || ((g.nodePapers[v], g.degree(v)) == (g.nodePapers[b], g.degree(b)) && (g.name(v), g.key(v)) < (g.name(b), g.key(b))) {
                best[k] = v
            }
        }
        var labels = [""]
        for (i, m) in order.enumerated() {
            labels.append(c.labels?[m] ?? g.name(best[i + 1]))
        }
        return (numbers, labels)
    }

    /// The papers behind every edge: for each kept paper that adds edges (2…maxAuthors authors),
    /// each pair of its authors that are nodes, the edge found by binary search. Rows ascend.
    static func edgeProvenance(_ g: CoauthorGraph) -> CSR {
        let corpus = g.corpus
        var nodeOf = [Int32](repeating: -1, count: corpus.authors.count)
        for (v, a) in g.nodeAuthor.enumerated() { nodeOf[Int(a)] = Int32(v) }
        let pa = corpus.paperAuthors
        let maxAuthors = g.options.maxAuthors
        var members: [Int] = []
        func forEachEdge(_ body: (Int, Int) -> Void) {
            for p in 0..<corpus.papers.count where g.paperKept[p] {
                let len = pa.rowLength(p)
                if len < 2 || (maxAuthors > 0 && len > maxAuthors) { continue }
                members.removeAll(keepingCapacity: true)
                for a in pa.row(p) where nodeOf[Int(a)] >= 0 { members.append(Int(nodeOf[Int(a)])) }
                members.sort()
                if members.count < 2 { continue }
                for i in 0..<(members.count - 1) {
                    for j in (i + 1)..<members.count {
                        if let e = g.edge(members[i], members[j]) { body(e, p) }
                    }
                }
            }
        }
        var offsets = [Int](repeating: 0, count: g.edgeCount + 1)
        forEachEdge { e, _ in offsets[e + 1] += 1 }
        for e in 0..<g.edgeCount { offsets[e + 1] += offsets[e] }
        var fill = offsets
        var items = [Int32](repeating: 0, count: offsets[g.edgeCount])
        forEachEdge { e, p in
            items[fill[e]] = Int32(p)
            fill[e] += 1
        }
        return CSR(offsets: offsets, items: items)
    }

    // MARK: Per-element accessors used by the writers.

    /// The edge weight under `counting`.
    public func weight(_ e: Int) -> Double {
        if let n = normalizedWeights { return n[e] }
        return counting == .full ? Double(graph.edgeWeight[e]) : graph.edgeFractional[e]
    }

    /// Whether weights are whole numbers (full counting, not normalised): written as integers.
    public var integerWeights: Bool { counting == .full && normalizedWeights == nil }

    /// The source ids of the papers behind edge `e`, in paper order.
    public func paperIDs(_ e: Int) -> [String] {
        edgePapers.row(e).map { paperID[Int($0)] }
    }

    /// The distinct known years of the papers behind edge `e`, ascending.
    public func years(_ e: Int) -> [Int] {
        var out: [Int] = []
        for p in edgePapers.row(e) {
            let y = graph.corpus.papers.year[Int(p)]
            if y != .unknown { out.append(Int(y)) }
        }
        out.sort()
        var unique: [Int] = []
        for y in out where unique.last != y { unique.append(y) }
        return unique
    }

    /// Years as closed intervals: runs of consecutive years merged (2016, 2017, 2019 → 2016–2017, 2019–2019).
    public static func spells(_ years: [Int]) -> [(Int, Int)] {
        var out: [(Int, Int)] = []
        for y in years {
            if let last = out.last, y == last.1 + 1 { out[out.count - 1].1 = y } else { out.append((y, y)) }
        }
        return out
    }

    public func year(_ y: Year) -> Int? { y == .unknown ? nil : Int(y) }

    /// The years covered by the graph (over node spans), or nil when no year is known.
    public var yearRange: (Int, Int)? {
        var lo = Int.max, hi = Int.min
        for v in 0..<nodeCount {
            if let a = year(graph.nodeFirstYear[v]) { lo = min(lo, a) }
            if let b = year(graph.nodeLastYear[v]) { hi = max(hi, b) }
        }
        return lo <= hi ? (lo, hi) : nil
    }

    /// Display labels made unique, for formats whose readers key nodes by label (Pajek, GML):
    /// a name several nodes share gets its stable id appended, `Wei Wang (dblp:Wei Wang 0001)`.
    public var uniqueLabels: [String] {
        var count: [String: Int] = [:]
        for l in labels { count[l, default: 0] += 1 }
        var used = Set<String>()
        var out: [String] = []
        out.reserveCapacity(nodeCount)
        // Plain labels first, so a disambiguated one never takes a plain one's place.
        for l in labels where count[l] == 1 { used.insert(l) }
        for v in 0..<nodeCount {
            if count[labels[v]] == 1 { out.append(labels[v]); continue }
            var candidate = "\(labels[v]) (\(ids[v]))"
            var k = 2
            while used.contains(candidate) { candidate = "\(labels[v]) (\(ids[v])) #\(k)"; k += 1 }
            used.insert(candidate)
            out.append(candidate)
        }
        return out
    }
}

extension ExportModel {
    /// Mean publication year over each node's kept papers (nil: no dated paper); VOSviewer's
    /// `score<Avg. pub. year>`, `render --color-by avg-year`.
    public static func averageYears(_ g: CoauthorGraph) -> [Double?] {
        let papers = g.corpus.papers
        return (0..<g.nodeCount).map { v in
            var sum = 0.0, count = 0
            for p in g.corpus.authorPapers.row(Int(g.nodeAuthor[v])) where g.paperKept[Int(p)] {
                let y = papers.year[Int(p)]
                if y != .unknown { sum += Double(y); count += 1 }
            }
            return count > 0 ? sum / Double(count) : nil
        }
    }
}
