/// Whole-graph figures reported by `coauthor stats`.
public struct GraphSummary: Sendable, Equatable {
    /// Papers kept by the year filter (records without authors included).
    public var papers: Int
    /// Nodes.
    public var authors: Int
    public var edges: Int
    /// Connected components (isolated nodes included).
    public var components: Int
    /// Node count of the largest component.
    public var largestComponent: Int
    /// Nodes without coauthors.
    public var isolated: Int
    /// 2E / (N (N − 1)); 0 for fewer than two nodes.
    public var density: Double
    /// 2E / N; 0 for an empty graph.
    public var meanDegree: Double
    /// Σ edge weights (joint papers, full counting).
    public var totalWeight: Int
    /// Earliest and latest year over kept papers with a year.
    public var firstYear: Int?
    public var lastYear: Int?
    public var hyperauthoredPapers: Int
}

extension CoauthorGraph {
    /// Counts, components and years of the graph.
    /// - Complexity: O(N + E + P).
    public func summary() -> GraphSummary {
        let n = nodeCount, m = edgeCount
        let comps = connectedComponents()
        var isolated = 0
        for v in 0..<n where degree(v) == 0 { isolated += 1 }
        var total = 0
        for w in edgeWeight { total += Int(w) }
        var fy: Year = .max, ly: Year = .min
        let years = corpus.papers.year
        for p in 0..<years.count where paperKept[p] && years[p] != .unknown {
            fy = min(fy, years[p]); ly = max(ly, years[p])
        }
        return GraphSummary(
            papers: keptPaperCount, authors: n, edges: m, components: comps.count,
            largestComponent: comps.largest >= 0 ? comps.sizes[Int(comps.largest)] : 0,
            isolated: isolated,
            density: n > 1 ? 2.0 * Double(m) / (Double(n) * Double(n - 1)) : 0,
            meanDegree: n > 0 ? 2.0 * Double(m) / Double(n) : 0,
            totalWeight: total,
            firstYear: fy == .max ? nil : Int(fy), lastYear: ly == .min ? nil : Int(ly),
            hyperauthoredPapers: hyperauthoredPapers)
    }
}
