import CoauthorParallel
import CoauthorModel

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

/// How many coauthor pairs building a graph would go through (with repeats: one per pair of
/// authors of each paper), checked before building: each costs 12 bytes while the graph is built,
/// and one paper of 30,000 authors alone makes 450 million.
public struct PairCount: Sendable, Equatable {
    /// The most pairs a graph is built from: 100 million (1.2 GB while building).
    public static let limit = 100_000_000

    /// Pairs of the papers kept by `options` (saturating at `Int.max`).
    public var pairs: Int
    /// The most authors a counted paper has.
    public var largestPaper: Int

    public init(_ corpus: Corpus, options: GraphOptions) {
        let pa = corpus.paperAuthors, years = corpus.papers.year
        let lo = options.fromYear.map { Year(clamping: $0) }, hi = options.toYear.map { Year(clamping: $0) }
        var total = 0, largest = 0
        for p in 0..<corpus.papers.count {
            if lo != nil || hi != nil {
                let y = years[p]
                if y == .unknown || (lo.map { y < $0 } ?? false) || (hi.map { y > $0 } ?? false) { continue }
            }
            let len = pa.rowLength(p)
            if options.maxAuthors > 0 && len > options.maxAuthors { continue }
            largest = max(largest, len)
            let (sum, overflow) = total.addingReportingOverflow(len * (len - 1) / 2)
            total = overflow ? .max : sum
        }
        pairs = total
        largestPaper = largest
    }

    /// True when building the graph stays within `limit`.
    public var isWithinLimit: Bool { pairs <= PairCount.limit }
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
        adjacencyEntry(offsets, neighbors, a, b).map { Int(adjacencyEdge[$0]) }
    }

    /// Builds the graph of a corpus under the given filters.
    ///
    /// Pairs are collected as packed `UInt64` keys (smaller node in the high half) with the paper
    /// index as payload, radix-sorted, and merged by runs into edges; no dictionary per edge.
    ///
    /// With `threads` ≥ 2 on a large corpus, the pairs are made from two halves of the papers and
    /// sorted and merged as two halves of the node range, on two threads; every edge and its
    /// weights come out the same (each run is still summed in paper order).
    ///
    /// - Complexity: O(P + Σ n_p²) time for P papers with n_p authors (capped by `maxAuthors`),
    ///   O(N + E) memory for the result plus 12 bytes per coauthor pair while building.
    public init(corpus: Corpus, options: GraphOptions = GraphOptions(), threads: Int = 1) {
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
        // 2. Author paper counts and years over kept papers (by author rows: halves on two threads).
        let authorCount = corpus.authors.count
        let ap = corpus.authorPapers
        let years = papers.year
        let keptFinal = kept
        let stats: @Sendable (Range<Int>) -> (papers: [Int32], first: [Year], last: [Year]) = { authors in
            var papersOf = [Int32](repeating: 0, count: authors.count)
            var first = [Year](repeating: .max, count: authors.count)
            var last = [Year](repeating: .min, count: authors.count)
            for a in authors {
                var c: Int32 = 0, f = Year.max, l = Year.min
                for k in ap.offsets[a]..<ap.offsets[a + 1] {
                    let p = Int(ap.items[k])
                    guard keptFinal[p] else { continue }
                    c += 1
                    let y = years[p]
                    if y != .unknown {
                        if y < f { f = y }
                        if y > l { l = y }
                    }
                }
                papersOf[a - authors.lowerBound] = c
                first[a - authors.lowerBound] = f
                last[a - authors.lowerBound] = l
            }
            return (papersOf, first, last)
        }
        let mid = authorCount / 2
        let (lowHalf, highHalf) = both(parallel: threads > 1 && authorCount >= 100_000,
                                       { stats(0..<mid) }, { stats(mid..<authorCount) })
        let papersOf = lowHalf.papers + highHalf.papers
        let first = lowHalf.first + highHalf.first
        let last = lowHalf.last + highHalf.last
        // 3. Nodes.
        let minPapers = max(1, options.minPapers)
        var nodeOf = [Int32](repeating: -1, count: authorCount)
        var nodeAuthor: [Int32] = []
        for a in 0..<authorCount where papersOf[a] >= minPapers {
            nodeOf[a] = Int32(nodeAuthor.count)
            nodeAuthor.append(Int32(a))
        }
        let n = nodeAuthor.count
        // 4–5. Pairs with paper payload → sorted → runs merged into edges.
        let (fullEdges, hyper) = CoauthorGraph.edges(papers: papers, membership: pa, kept: kept, nodeOf: nodeOf,
                                                     nodeCount: n, options: options, threads: threads)
        let fullNodes = NodeColumns(
            author: nodeAuthor,
            papers: nodeAuthor.map { papersOf[Int($0)] },
            first: nodeAuthor.map { first[Int($0)] == .max ? .unknown : first[Int($0)] },
            last: nodeAuthor.map { last[Int($0)] == .min ? .unknown : last[Int($0)] })
        var graph = CoauthorGraph(corpus: corpus, options: options, nodes: fullNodes, edges: fullEdges,
                                  paperKept: kept, keptPaperCount: keptCount, hyperauthored: hyper,
                                  parallelAdjacency: threads > 1)
        if options.largestComponent && n > 0 {
            let comps = graph.connectedComponents()
            let big = comps.largest
            graph = graph.subgraph(keeping: comps.membership.map { $0 == big })
        }
        self = graph
        #if DEBUG
        _checkInvariants()
        #endif
    }

    /// Coauthor pairs of a range of papers as packed keys (smaller node in the high half) with a
    /// payload, in paper order; and the papers left out for having too many authors. The payload is
    /// what the merge needs of the paper: with `packed`, its year (0: unknown) in the high 16 bits and
    /// its number of authors in the low 16 (no random access to the paper table per pair); else the
    /// paper's index.
    struct PairList: Sendable {
        var keys: [UInt64] = []
        var payload: [Int32] = []
        var hyper = 0
    }

    static func pairs(_ range: Range<Int>, membership pa: CSR, kept: [Bool], nodeOf: [Int32], maxAuthors: Int,
                      years: [Year], packed: Bool) -> PairList {
        var out = PairList()
        var members: [Int32] = []
        // Room for every pair at once (an upper bound: authors who are no node make none), so the
        // arrays are not copied as they grow.
        var room = 0
        for p in range where kept[p] {
            let len = pa.rowLength(p)
            if maxAuthors <= 0 || len <= maxAuthors { room += len * (len - 1) / 2 }
        }
        out.keys.reserveCapacity(room)
        out.payload.reserveCapacity(room)
        for p in range where kept[p] {
            let len = pa.rowLength(p)
            if maxAuthors > 0 && len > maxAuthors { out.hyper += 1; continue }
            if len < 2 { continue }
            let y = years[p]
            let payload = packed ? Int32(bitPattern: UInt32(y == .unknown ? 0 : UInt32(y)) << 16 | UInt32(len))
                : Int32(truncatingIfNeeded: p)
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
                    out.keys.append(hiBits | UInt64(UInt32(members[j])))
                    out.payload.append(payload)
                }
            }
        }
        return out
    }

    /// Pairs handed from one step to the next by reference, so a step can take the arrays out
    /// and sort them in place (no second copy alive).
    final class PairBox: @unchecked Sendable {
        @exclusivity(unchecked) var keys: [UInt64]
        @exclusivity(unchecked) var payload: [Int32]
        @exclusivity(unchecked) var hyper = 0
        init(keys: [UInt64], payload: [Int32], hyper: Int = 0) {
            self.keys = keys
            self.payload = payload
            self.hyper = hyper
        }

        /// The pairs of `lists` (in list order) whose smaller node lies in `nodes`.
        convenience init(_ lists: [PairBox], nodes: Range<UInt64>) {
            var keys: [UInt64] = [], payload: [Int32] = []
            var room = 0
            for l in lists { for k in l.keys where nodes.contains(k >> 32) { room += 1 } }
            keys.reserveCapacity(room)
            payload.reserveCapacity(room)
            for l in lists {
                for i in 0..<l.keys.count where nodes.contains(l.keys[i] >> 32) {
                    keys.append(l.keys[i])
                    payload.append(l.payload[i])
                }
            }
            self.init(keys: keys, payload: payload)
        }
    }

    /// The pairs of `box` sorted by key (stable: equal keys keep paper order) and merged into edges;
    /// the box is emptied.
    static func edges(of box: PairBox, nodeCount n: Int, papers: PaperTable, membership pa: CSR,
                      minWeight: Int, packed: Bool) -> EdgeColumns {
        var keys: [UInt64] = []
        var payload: [Int32] = []
        swap(&keys, &box.keys)
        swap(&payload, &box.payload)
        RadixSort.sort(&keys, payload: &payload, maxKey: n > 0 ? (UInt64(n - 1) << 32) | UInt64(n - 1) : 0)
        var e = EdgeColumns(source: [], target: [], weight: [], fractional: [], first: [], last: [])
        // At most one edge per pair: room for that many, so the columns never grow by copying
        // (room left unused is address space, not memory: large blocks are mapped as written).
        e.source.reserveCapacity(keys.count)
        e.target.reserveCapacity(keys.count)
        e.weight.reserveCapacity(keys.count)
        e.fractional.reserveCapacity(keys.count)
        e.first.reserveCapacity(keys.count)
        e.last.reserveCapacity(keys.count)
        var i = 0
        while i < keys.count {
            let k = keys[i]
            var j = i
            var f = 0.0
            var y0 = Year.max, y1 = Year.min
            while j < keys.count && keys[j] == k {
                let len: Int, y: Year
                if packed {
                    let w = UInt32(bitPattern: payload[j])
                    len = Int(w & 0xFFFF)
                    y = w >> 16 == 0 ? .unknown : Year(w >> 16)
                } else {
                    let p = Int(payload[j])
                    len = pa.rowLength(p)
                    y = papers.year[p]
                }
                f += 1.0 / Double(len - 1)
                if y != .unknown { y0 = min(y0, y); y1 = max(y1, y) }
                j += 1
            }
            if j - i >= minWeight {
                e.source.append(Int32(truncatingIfNeeded: k >> 32))
                e.target.append(Int32(truncatingIfNeeded: k & 0xFFFF_FFFF))
                e.weight.append(Int32(clamping: j - i))
                e.fractional.append(f)
                e.first.append(y0 == .max ? .unknown : y0)
                e.last.append(y1 == .min ? .unknown : y1)
            }
            i = j
        }
        return e
    }

    /// Steps 4–5 of `init(corpus:options:threads:)`: on one thread, or on two for a large corpus
    /// (papers split in two for the pairs; nodes split at the median pair's smaller node for
    /// sorting and merging; the two edge lists, both in key order, are concatenated).
    static func edges(papers: PaperTable, membership pa: CSR, kept: [Bool], nodeOf: [Int32], nodeCount n: Int,
                      options: GraphOptions, threads: Int) -> (EdgeColumns, hyper: Int) {
        let cap = options.maxAuthors
        let minWeight = options.minWeight
        let years = papers.year
        // The payload can carry year and author count when every paper's fit in 16 bits each.
        var packed = true
        for p in 0..<papers.count where kept[p] {
            let y = years[p]
            if pa.rowLength(p) > 0xFFFF || (y != .unknown && (y < 1 || y > 0xFFFF)) { packed = false; break }
        }
        let pack = packed
        guard threads > 1 && papers.count >= 100_000 else {
            var all = pairs(0..<papers.count, membership: pa, kept: kept, nodeOf: nodeOf, maxAuthors: cap,
                            years: years, packed: pack)
            let box = PairBox(keys: all.keys, payload: all.payload)
            let hyper = all.hyper
            all = PairList()
            return (edges(of: box, nodeCount: n, papers: papers, membership: pa, minWeight: minWeight, packed: pack), hyper)
        }
        // Cut the papers where about half the pairs lie before.
        var total = 0
        for p in 0..<papers.count where kept[p] {
            let l = pa.rowLength(p)
            if cap <= 0 || l <= cap { total += l * (l - 1) / 2 }
        }
        var half = papers.count
        var acc = 0
        for p in 0..<papers.count where kept[p] {
            let l = pa.rowLength(p)
            if cap <= 0 || l <= cap { acc += l * (l - 1) / 2 }
            if 2 * acc >= total { half = p + 1; break }
        }
        let cut = half
        let (a, b) = both(parallel: true,
                          { () -> PairBox in
                              let l = pairs(0..<cut, membership: pa, kept: kept, nodeOf: nodeOf, maxAuthors: cap,
                                            years: years, packed: pack)
                              return PairBox(keys: l.keys, payload: l.payload, hyper: l.hyper)
                          },
                          { () -> PairBox in
                              let l = pairs(cut..<papers.count, membership: pa, kept: kept, nodeOf: nodeOf, maxAuthors: cap,
                                            years: years, packed: pack)
                              return PairBox(keys: l.keys, payload: l.payload, hyper: l.hyper)
                          })
        let hyper = a.hyper + b.hyper
        // The split node: the median smaller node of every 64th pair.
        var sample: [UInt64] = []
        for l in [a, b] { for i in stride(from: 0, to: l.keys.count, by: 64) { sample.append(l.keys[i] >> 32) } }
        sample.sort()
        let split = sample.isEmpty ? 0 : sample[sample.count / 2]
        let top = UInt64(max(n, 1))
        let (low, high) = both(parallel: true, { PairBox([a, b], nodes: 0..<split) }, { PairBox([a, b], nodes: split..<top) })
        a.keys = []; a.payload = []
        b.keys = []; b.payload = []
        var (e, h) = both(parallel: true,
                          { edges(of: low, nodeCount: n, papers: papers, membership: pa, minWeight: minWeight, packed: pack) },
                          { edges(of: high, nodeCount: n, papers: papers, membership: pa, minWeight: minWeight, packed: pack) })
        // The two halves joined, each column copied in two pieces on the two threads.
        e = EdgeColumns(source: joined(e.source, h.source, parallel: true),
                        target: joined(e.target, h.target, parallel: true),
                        weight: joined(e.weight, h.weight, parallel: true),
                        fractional: joined(e.fractional, h.fractional, parallel: true),
                        first: joined(e.first, h.first, parallel: true),
                        last: joined(e.last, h.last, parallel: true))
        h = EdgeColumns(source: [], target: [], weight: [], fractional: [], first: [], last: [])
        return (e, hyper)
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
         paperKept: [Bool], keptPaperCount: Int, hyperauthored: Int, adjacency: AdjacencyColumns? = nil,
         parallelAdjacency: Bool = false) {
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
        // CSR: edges are sorted by (source, target), so each row comes out ascending. With two
        // threads, each fills the rows of one half of the nodes (both read every edge).
        let n = nodes.author.count
        let src = edges.source, dst = edges.target
        var off = [Int](repeating: 0, count: n + 1)
        for e in 0..<src.count {
            off[Int(src[e]) + 1] += 1
            off[Int(dst[e]) + 1] += 1
        }
        for v in 0..<n { off[v + 1] += off[v] }
        let offFinal = off
        // Each piece fills the rows `rows` of both arrays (their entries are theirs alone).
        let fillRows: @Sendable (Range<Int>, SharedStorage<Int32>, SharedStorage<Int32>) -> Void = { rows, nb, ae in
            var fill = Array(offFinal[rows.lowerBound..<rows.upperBound])
            for e in 0..<src.count {
                let s = Int(src[e]), t = Int(dst[e])
                if rows.contains(s) {
                    let i = s - rows.lowerBound
                    nb.base[fill[i]] = Int32(t); ae.base[fill[i]] = Int32(e); fill[i] += 1
                }
                if rows.contains(t) {
                    let i = t - rows.lowerBound
                    nb.base[fill[i]] = Int32(s); ae.base[fill[i]] = Int32(e); fill[i] += 1
                }
            }
        }
        // Split where half the adjacency entries lie before.
        var lo = 0, hi = n
        while lo < hi {
            let m = (lo + hi) / 2
            if 2 * off[m] < off[n] { lo = m + 1 } else { hi = m }
        }
        let split = lo
        offsets = off
        let total = off[n]
        let parallel = parallelAdjacency && src.count >= 500_000
        var entryEdges: [Int32] = []
        neighbors = [Int32](unsafeUninitializedCapacity: total) { nbBuffer, nbCount in
            entryEdges = [Int32](unsafeUninitializedCapacity: total) { aeBuffer, aeCount in
                // Every entry is written exactly once: the counts above are the rows' lengths.
                if total > 0 {
                    let nb = SharedStorage(nbBuffer), ae = SharedStorage(aeBuffer)
                    _ = both(parallel: parallel, { fillRows(0..<split, nb, ae) }, { fillRows(split..<n, nb, ae) })
                }
                aeCount = total
            }
            nbCount = total
        }
        adjacencyEdge = entryEdges
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

/// Where `b` stands in `a`'s row of an adjacency with ascending rows (`offsets`, `neighbors`), by
/// binary search; nil when `a` and `b` are not neighbours. The one lookup behind
/// `CoauthorGraph.edge` and `WeightedAdjacency.weight`.
@inline(__always)
func adjacencyEntry(_ offsets: [Int], _ neighbors: [Int32], _ a: Int, _ b: Int) -> Int? {
    var lo = offsets[a], hi = offsets[a + 1]
    let t = Int32(b)
    while lo < hi {
        let mid = (lo + hi) / 2
        if neighbors[mid] < t { lo = mid + 1 } else { hi = mid }
    }
    return lo < offsets[a + 1] && neighbors[lo] == t ? lo : nil
}
