import CoauthorGraph
import CoauthorModel

/// The dated provenance every timeline reads: which papers made each tie, which papers each author
/// wrote, and how many papers each year holds.
///
/// Built once from a graph, under its filters: an edge's joint papers are the kept papers with at
/// most `maxAuthors` authors that both endpoints wrote (exactly the papers counted in `edgeWeight`);
/// a node's papers are all its kept papers (as in `nodePapers`). Rows are in date order: year, then
/// month and day where the source gives them (unknown month or day first within the year), then
/// input order; papers without a year come last and are left out of every yearly count.
///
/// - Complexity: O(P + Σ_p n_p² log d) time for P kept papers with n_p authors (one binary search
///   per coauthor pair in a CSR row of degree d), plus O(Σ_e w_e log w_e) for sorting rows by date;
///   8 bytes per joint (pair, paper) while building, O(P + E + Σ w_e) kept.
public struct CollaborationHistory: Sendable {
    /// The graph the history was built from.
    public let graph: CoauthorGraph
    /// Row `e`: the joint papers of edge `e` (paper indices into `graph.corpus.papers`), in date order.
    public let edgePapers: CSR
    /// Row `v`: the kept papers of node `v`, in date order.
    public let nodePapers: CSR
    /// First and last year over the kept papers that have one; nil when none has.
    public let years: ClosedRange<Int>?
    /// Kept papers per year: `papersPerYear[y - years.lowerBound]`.
    public let papersPerYear: [Int]
    /// Kept papers without a year.
    public let undatedPapers: Int
    /// Sort key of each paper's date (`year·10⁴ + month·100 + day`; `Int64.max` without a year).
    let dateKey: [Int64]

    public init(_ g: CoauthorGraph) {
        graph = g
        let papers = g.corpus.papers
        let pa = g.corpus.paperAuthors
        let paperCount = papers.count
        var key = [Int64](repeating: .max, count: paperCount)
        var lo = Int.max, hi = Int.min
        var undated = 0
        for p in 0..<paperCount where g.paperKept[p] {
            let y = papers.year[p]
            if y == .unknown { undated += 1; continue }
            key[p] = Int64(y) * 10_000 + Int64(papers.month[p]) * 100 + Int64(papers.day[p])
            lo = min(lo, Int(y)); hi = max(hi, Int(y))
        }
        dateKey = key
        undatedPapers = undated
        if lo <= hi {
            years = lo...hi
            var perYear = [Int](repeating: 0, count: hi - lo + 1)
            for p in 0..<paperCount where g.paperKept[p] && papers.year[p] != .unknown {
                perYear[Int(papers.year[p]) - lo] += 1
            }
            papersPerYear = perYear
        } else {
            years = nil
            papersPerYear = []
        }
        func byDate(_ a: Int32, _ b: Int32) -> Bool {
            let ka = key[Int(a)], kb = key[Int(b)]
            return ka != kb ? ka < kb : a < b
        }

        // Node → papers: the corpus's author rows restricted to kept papers.
        var nodeOffsets = [Int](repeating: 0, count: g.nodeCount + 1)
        var nodeItems: [Int32] = []
        nodeItems.reserveCapacity(pa.items.count)
        for v in 0..<g.nodeCount {
            let start = nodeItems.count
            for p in g.corpus.authorPapers.row(Int(g.nodeAuthor[v])) where g.paperKept[Int(p)] { nodeItems.append(p) }
            nodeItems[start...].sort(by: byDate)
            nodeOffsets[v + 1] = nodeItems.count
        }
        nodePapers = CSR(offsets: nodeOffsets, items: nodeItems)

        // Edge → papers: every coauthor pair of every paper that adds ties, looked up in the CSR.
        var nodeOf = [Int32](repeating: -1, count: g.corpus.authors.count)
        for v in 0..<g.nodeCount { nodeOf[Int(g.nodeAuthor[v])] = Int32(v) }
        var pairEdge: [Int32] = [], pairPaper: [Int32] = []
        var members: [Int] = []
        let maxAuthors = g.options.maxAuthors
        for p in 0..<paperCount where g.paperKept[p] {
            let len = pa.rowLength(p)
            if len < 2 || (maxAuthors > 0 && len > maxAuthors) { continue }
            members.removeAll(keepingCapacity: true)
            for a in pa.row(p) where nodeOf[Int(a)] >= 0 { members.append(Int(nodeOf[Int(a)])) }
            if members.count < 2 { continue }
            for i in 0..<(members.count - 1) {
                for j in (i + 1)..<members.count {
                    let (a, b) = g.degree(members[i]) <= g.degree(members[j]) ? (members[i], members[j]) : (members[j], members[i])
                    if let e = g.edge(a, b) {
                        pairEdge.append(Int32(e))
                        pairPaper.append(Int32(truncatingIfNeeded: p))
                    }
                }
            }
        }
        // Counting sort by edge (stable: papers stay in input order), then date order per row.
        var edgeOffsets = [Int](repeating: 0, count: g.edgeCount + 1)
        for e in pairEdge { edgeOffsets[Int(e) + 1] += 1 }
        for e in 0..<g.edgeCount { edgeOffsets[e + 1] += edgeOffsets[e] }
        var fill = edgeOffsets
        var edgeItems = [Int32](repeating: 0, count: pairEdge.count)
        for k in 0..<pairEdge.count {
            let e = Int(pairEdge[k])
            edgeItems[fill[e]] = pairPaper[k]
            fill[e] += 1
        }
        pairEdge = []
        pairPaper = []
        for e in 0..<g.edgeCount where edgeOffsets[e + 1] - edgeOffsets[e] > 1 {
            edgeItems[edgeOffsets[e]..<edgeOffsets[e + 1]].sort(by: byDate)
        }
        edgePapers = CSR(offsets: edgeOffsets, items: edgeItems)
    }

    /// The year of paper `p`, or nil.
    @inline(__always) public func year(_ p: Int32) -> Int? { graph.corpus.papers.yearOf(Int(p)) }

    /// The distinct years of some papers given in date order, ascending (undated papers skipped).
    public func distinctYears(_ papers: ArraySlice<Int32>) -> [Int] {
        var out: [Int] = []
        for p in papers {
            guard let y = year(p) else { break }   // undated papers sort last
            if out.last != y { out.append(y) }
        }
        return out
    }

    /// Papers per year of some papers given in date order: ascending years with a count > 0.
    public func yearCounts(_ papers: ArraySlice<Int32>) -> [YearCount] {
        var out: [YearCount] = []
        for p in papers {
            guard let y = year(p) else { break }
            if out.last?.year == y { out[out.count - 1].count += 1 } else { out.append(YearCount(year: y, count: 1)) }
        }
        return out
    }

    /// The first paper of some papers given in date order, and its date key (nil when undated).
    func firstDateKey(_ papers: ArraySlice<Int32>) -> Int64 {
        papers.first.map { dateKey[Int($0)] } ?? .max
    }
}
