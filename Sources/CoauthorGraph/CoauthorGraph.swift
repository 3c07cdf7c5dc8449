import CoauthorRecords

/// Filters every command shares (`--from`, `--to`, `--min-papers`, `--min-weight`,
/// `--largest-component`, `--max-authors`).
public struct GraphOptions: Sendable, Equatable {
    /// Keep papers from this year on (papers without a year are dropped when a bound is set).
    public var fromYear: Int?
    /// Keep papers up to this year.
    public var toYear: Int?
    /// A paper with more distinct authors than this adds no edges (0 = no limit).
    public var maxAuthors: Int
    /// Keep authors with at least this many (kept) papers.
    public var minPapers: Int
    /// Keep edges with at least this many joint papers.
    public var minWeight: Int
    /// Keep only the largest connected component (ties: the one holding the smallest node index).
    public var largestComponent: Bool

    public init(fromYear: Int? = nil, toYear: Int? = nil, maxAuthors: Int = 100, minPapers: Int = 1,
                minWeight: Int = 1, largestComponent: Bool = false) {
        self.fromYear = fromYear
        self.toYear = toYear
        self.maxAuthors = maxAuthors
        self.minPapers = minPapers
        self.minWeight = minWeight
        self.largestComponent = largestComponent
    }
}

/// The weighted coauthorship graph: nodes are authors, an edge joins two authors of a paper.
///
/// Storage is compressed sparse rows over dense `Int32` node indices `0..<nodeCount`. Each
/// undirected edge `e` has `edgeSource[e] < edgeTarget[e]` and its attributes in contiguous arrays;
/// the adjacency of node `v` is `neighbors[offsets[v]..<offsets[v+1]]` (ascending), with the edge
/// id of each entry in `adjacencyEdge` at the same position.
///
/// - `weight`: number of joint papers (full counting).
/// - `fractional`: Σ 1/(n−1) over joint papers with n authors (Newman 2001,
///   doi:10.1103/PhysRevE.64.016132); a node's fractional strength is its papers with coauthors.
public struct CoauthorGraph: Sendable {
    /// Everything read; node `v` is author `nodeAuthor[v]` of `corpus.authors`.
    public let corpus: Corpus
    public let options: GraphOptions

    public let nodeAuthor: [Int32]
    /// Papers per node (papers kept by the year filter).
    public let nodePapers: [Int32]
    public let nodeFirstYear: [Year]
    public let nodeLastYear: [Year]

    public let offsets: [Int]
    public let neighbors: [Int32]
    public let adjacencyEdge: [Int32]

    public let edgeSource: [Int32]
    public let edgeTarget: [Int32]
    public let edgeWeight: [Int32]
    public let edgeFractional: [Double]
    public let edgeFirstYear: [Year]
    public let edgeLastYear: [Year]

    /// Papers kept by the year filter.
    public let paperKept: [Bool]
    public let keptPaperCount: Int
    /// Kept papers with more than `maxAuthors` authors (no edges added).
    public let hyperauthoredPapers: Int

    public var nodeCount: Int { nodeAuthor.count }
    public var edgeCount: Int { edgeSource.count }

    /// The display name of node `v`.
    public func name(_ v: Int) -> String { corpus.authors.displayName[Int(nodeAuthor[v])] }
    /// The identity key of node `v`.
    public func key(_ v: Int) -> String { corpus.authors.key[Int(nodeAuthor[v])] }
    /// Distinct coauthors of node `v`.
    @inline(__always) public func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }
    /// The neighbours of node `v`, ascending.
    @inline(__always) public func neighbors(of v: Int) -> ArraySlice<Int32> { neighbors[offsets[v]..<offsets[v + 1]] }

    /// The edge joining `a` and `b`, found by binary search in `a`'s row; nil when none.
    public func edge(_ a: Int, _ b: Int) -> Int? {
        var lo = offsets[a], hi = offsets[a + 1]
        let t = Int32(b)
        while lo < hi {
            let mid = (lo + hi) / 2
            if neighbors[mid] < t { lo = mid + 1 } else { hi = mid }
        }
        return lo < offsets[a + 1] && neighbors[lo] == t ? Int(adjacencyEdge[lo]) : nil
    }

    /// Builds the graph of a corpus under the given filters.
    ///
    /// Pairs are collected as packed `UInt64` keys (smaller node in the high half) with the paper
    /// index as payload, radix-sorted, and merged by runs into edges; no dictionary per edge.
    ///
    /// - Complexity: O(P + Σ n_p²) time for P papers with n_p authors (capped by `maxAuthors`),
    ///   O(N + E) memory for the result plus 12 bytes per coauthor pair while building.
    public init(corpus: Corpus, options: GraphOptions = GraphOptions()) {
        let papers = corpus.papers
        let pa = corpus.paperAuthors
        // 1. Papers kept by year.
        var kept = [Bool](repeating: true, count: papers.count)
        var keptCount = papers.count
        if options.fromYear != nil || options.toYear != nil {
            let lo = Year(clamping: options.fromYear ?? Int(Int32.min + 1))
            let hi = Year(clamping: options.toYear ?? Int(Int32.max))
            keptCount = 0
            for p in 0..<papers.count {
                let y = papers.year[p]
                kept[p] = y != .unknown && y >= lo && y <= hi
                if kept[p] { keptCount += 1 }
            }
        }
        // 2. Author paper counts and years over kept papers.
        let authorCount = corpus.authors.count
        var papersOf = [Int32](repeating: 0, count: authorCount)
        var first = [Year](repeating: .max, count: authorCount)
        var last = [Year](repeating: .min, count: authorCount)
        for p in 0..<papers.count where kept[p] {
            let y = papers.year[p]
            for k in pa.offsets[p]..<pa.offsets[p + 1] {
                let a = Int(pa.items[k])
                papersOf[a] += 1
                if y != .unknown {
                    if y < first[a] { first[a] = y }
                    if y > last[a] { last[a] = y }
                }
            }
        }
        // 3. Nodes.
        let minPapers = max(1, options.minPapers)
        var nodeOf = [Int32](repeating: -1, count: authorCount)
        var nodeAuthor: [Int32] = []
        for a in 0..<authorCount where papersOf[a] >= minPapers {
            nodeOf[a] = Int32(nodeAuthor.count)
            nodeAuthor.append(Int32(a))
        }
        let n = nodeAuthor.count
        // 4. Pairs with paper payload.
        var keys: [UInt64] = []
        var payload: [Int32] = []
        var hyper = 0
        var members: [Int32] = []
        for p in 0..<papers.count where kept[p] {
            let len = pa.rowLength(p)
            if options.maxAuthors > 0 && len > options.maxAuthors { hyper += 1; continue }
            if len < 2 { continue }
            members.removeAll(keepingCapacity: true)
            for k in pa.offsets[p]..<pa.offsets[p + 1] {
                let v = nodeOf[Int(pa.items[k])]
                if v >= 0 { members.append(v) }
            }
            members.sort()
            let m = members.count
            if m < 2 { continue }
            for i in 0..<(m - 1) {
                let hiBits = UInt64(UInt32(members[i])) << 32
                for j in (i + 1)..<m {
                    keys.append(hiBits | UInt64(UInt32(members[j])))
                    payload.append(Int32(truncatingIfNeeded: p))
                }
            }
        }
        RadixSort.sort(&keys, payload: &payload, maxKey: n > 0 ? (UInt64(n - 1) << 32) | UInt64(n - 1) : 0)
        // 5. Runs → edges.
        var src: [Int32] = [], dst: [Int32] = [], w: [Int32] = [], frac: [Double] = []
        var fy: [Year] = [], ly: [Year] = []
        var i = 0
        while i < keys.count {
            let k = keys[i]
            var j = i
            var f = 0.0
            var y0 = Year.max, y1 = Year.min
            while j < keys.count && keys[j] == k {
                let p = Int(payload[j])
                f += 1.0 / Double(pa.rowLength(p) - 1)
                let y = papers.year[p]
                if y != .unknown { y0 = min(y0, y); y1 = max(y1, y) }
                j += 1
            }
            if j - i >= options.minWeight {
                src.append(Int32(truncatingIfNeeded: k >> 32))
                dst.append(Int32(truncatingIfNeeded: k & 0xFFFF_FFFF))
                w.append(Int32(clamping: j - i))
                frac.append(f)
                fy.append(y0 == .max ? .unknown : y0)
                ly.append(y1 == .min ? .unknown : y1)
            }
            i = j
        }
        keys = []
        payload = []
        let fullNodes = NodeColumns(
            author: nodeAuthor,
            papers: nodeAuthor.map { papersOf[Int($0)] },
            first: nodeAuthor.map { first[Int($0)] == .max ? .unknown : first[Int($0)] },
            last: nodeAuthor.map { last[Int($0)] == .min ? .unknown : last[Int($0)] })
        let fullEdges = EdgeColumns(source: src, target: dst, weight: w, fractional: frac, first: fy, last: ly)
        var graph = CoauthorGraph(corpus: corpus, options: options, nodes: fullNodes, edges: fullEdges,
                                  paperKept: kept, keptPaperCount: keptCount, hyperauthored: hyper)
        if options.largestComponent && n > 0 {
            let comps = graph.connectedComponents()
            let big = comps.largest
            graph = graph.subgraph(keeping: comps.membership.map { $0 == big })
        }
        self = graph
    }

    struct NodeColumns {
        var author: [Int32], papers: [Int32], first: [Year], last: [Year]
    }
    struct EdgeColumns {
        var source: [Int32], target: [Int32], weight: [Int32], fractional: [Double], first: [Year], last: [Year]
    }

    /// The adjacency rows as stored (a snapshot), instead of rebuilding them from the edges.
    struct AdjacencyColumns {
        var offsets: [Int], neighbors: [Int32], edges: [Int32]
    }

    init(corpus: Corpus, options: GraphOptions, nodes: NodeColumns, edges: EdgeColumns,
         paperKept: [Bool], keptPaperCount: Int, hyperauthored: Int, adjacency: AdjacencyColumns? = nil) {
        self.corpus = corpus
        self.options = options
        nodeAuthor = nodes.author
        nodePapers = nodes.papers
        nodeFirstYear = nodes.first
        nodeLastYear = nodes.last
        edgeSource = edges.source
        edgeTarget = edges.target
        edgeWeight = edges.weight
        edgeFractional = edges.fractional
        edgeFirstYear = edges.first
        edgeLastYear = edges.last
        self.paperKept = paperKept
        self.keptPaperCount = keptPaperCount
        hyperauthoredPapers = hyperauthored
        if let a = adjacency {
            offsets = a.offsets
            neighbors = a.neighbors
            adjacencyEdge = a.edges
            return
        }
        // CSR: edges are sorted by (source, target), so each row comes out ascending.
        let n = nodes.author.count
        var off = [Int](repeating: 0, count: n + 1)
        for e in 0..<edges.source.count {
            off[Int(edges.source[e]) + 1] += 1
            off[Int(edges.target[e]) + 1] += 1
        }
        for v in 0..<n { off[v + 1] += off[v] }
        var fill = off
        var nb = [Int32](repeating: 0, count: 2 * edges.source.count)
        var ae = [Int32](repeating: 0, count: 2 * edges.source.count)
        for e in 0..<edges.source.count {
            let s = Int(edges.source[e]), t = Int(edges.target[e])
            nb[fill[s]] = Int32(t); ae[fill[s]] = Int32(e); fill[s] += 1
            nb[fill[t]] = Int32(s); ae[fill[t]] = Int32(e); fill[t] += 1
        }
        offsets = off
        neighbors = nb
        adjacencyEdge = ae
    }

    /// The induced subgraph on the nodes where `keep` is true, renumbered in the same order.
    /// Paper counts and years of the kept nodes are unchanged.
    public func subgraph(keeping keep: [Bool]) -> CoauthorGraph {
        precondition(keep.count == nodeCount, "subgraph mask must have one entry per node")
        var newIndex = [Int32](repeating: -1, count: nodeCount)
        var nodes = NodeColumns(author: [], papers: [], first: [], last: [])
        for v in 0..<nodeCount where keep[v] {
            newIndex[v] = Int32(nodes.author.count)
            nodes.author.append(nodeAuthor[v])
            nodes.papers.append(nodePapers[v])
            nodes.first.append(nodeFirstYear[v])
            nodes.last.append(nodeLastYear[v])
        }
        var edges = EdgeColumns(source: [], target: [], weight: [], fractional: [], first: [], last: [])
        for e in 0..<edgeCount {
            let s = newIndex[Int(edgeSource[e])], t = newIndex[Int(edgeTarget[e])]
            guard s >= 0, t >= 0 else { continue }
            edges.source.append(s); edges.target.append(t)
            edges.weight.append(edgeWeight[e]); edges.fractional.append(edgeFractional[e])
            edges.first.append(edgeFirstYear[e]); edges.last.append(edgeLastYear[e])
        }
        return CoauthorGraph(corpus: corpus, options: options, nodes: nodes, edges: edges,
                             paperKept: paperKept, keptPaperCount: keptPaperCount,
                             hyperauthored: hyperauthoredPapers)
    }

    /// The kept papers written by both `a` and `b` (the provenance of their edge), ascending.
    public func jointPapers(_ a: Int, _ b: Int) -> [Int] {
        let pa = corpus.paperAuthors
        let x = nodeAuthor[a], y = nodeAuthor[b]
        var out: [Int] = []
        for p in corpus.authorPapers.row(Int(x)) where paperKept[Int(p)] && pa.row(Int(p)).contains(y) {
            out.append(Int(p))
        }
        return out
    }
}
