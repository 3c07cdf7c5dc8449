import CoauthorGraph

/// One row of the field timeline: a year, or a window of years.
public struct FieldTimelineRow: Sendable, Equatable {
    public var window: TimeWindow
    /// Kept papers dated in the window.
    public var papers: Int
    /// Authors (nodes) with a paper in the window.
    public var activeAuthors: Int
    /// Authors whose first paper lies after the previous row's end and by this row's end.
    public var newAuthors: Int
    /// Ties (edges) with a joint paper in the window.
    public var activeTies: Int
    /// Ties whose first joint paper lies after the previous row's end and by this row's end.
    public var newTies: Int
    /// Authors and ties whose first paper lies by the row's end: the cumulative graph.
    public var cumulativeAuthors: Int
    public var cumulativeTies: Int
    /// Largest connected component of the cumulative graph ÷ its node count (0 without nodes).
    public var largestComponentShare: Double
    /// 2 · cumulative ties ÷ cumulative authors (0 without nodes).
    public var meanDegree: Double
    /// The modularity of the window's own graph under Leiden — nil until a `WindowModularity` is
    /// supplied (see `FieldTimeline.init(_:mode:windowModularity:)`); never estimated.
    public var modularity: Double?
}

/// The extension point for per-window community structure: given the graph of one window (the
/// corpus under the same filters, years restricted to the window), the modularity of its best
/// partition. The communities module (Leiden, Traag et al. 2019, doi:10.1038/s41598-019-41695-z)
/// supplies it once it lands; until then no window carries a modularity.
public typealias WindowModularity = @Sendable (_ windowGraph: CoauthorGraph) throws -> Double

/// Collaboration in the whole field over time: per year (or window), the papers, the authors and
/// ties active and new, and the cumulative graph's size, largest-component share and mean degree.
///
/// With C(y) the cumulative graph of the authors and ties first seen by year y:
/// `largest_component_share(y) = |largest component of C(y)| / |V(C(y))|` and
/// `mean_degree(y) = 2|E(C(y))| / |V(C(y))|`. Authors and ties with only undated papers never enter.
///
/// - Complexity: O(N + E + Σ distinct years · log R) for R rows, plus O((N + E) α(N)) for the
///   union–find sweep of the cumulative graph; each window's modularity, when asked for, builds
///   that window's graph.
public struct FieldTimeline: Sendable {
    public let mode: WindowMode
    public let rows: [FieldTimelineRow]
    /// Kept papers without a year: in no row.
    public let undatedPapers: Int

    /// - Throws: `AlgorithmError.invalidParameter` for a bad window; whatever `windowModularity` throws.
    public init(_ h: CollaborationHistory, mode: WindowMode = .yearly, windowModularity: WindowModularity? = nil) throws {
        self.mode = mode
        undatedPapers = h.undatedPapers
        guard let years = h.years else { rows = []; return }
        let g = h.graph
        let windows = try mode.windows(over: years)
        var authors = WindowTally(windows), ties = WindowTally(windows)
        var nodeFirst = [Int](repeating: .max, count: g.nodeCount)
        var edgeFirst = [Int](repeating: .max, count: g.edgeCount)
        for v in 0..<g.nodeCount {
            let ys = h.distinctYears(h.nodePapers.row(v))
            authors.add(years: ys)
            if let f = ys.first { nodeFirst[v] = f }
        }
        for e in 0..<g.edgeCount {
            let ys = h.distinctYears(h.edgePapers.row(e))
            ties.add(years: ys)
            if let f = ys.first { edgeFirst[e] = f }
        }
        let papers = authors.sums(h.papersPerYear, base: years.lowerBound)
        let cumAuthors = authors.cumulative, cumTies = ties.cumulative

        // The cumulative graph, grown window by window: union–find with component sizes.
        let nodeOrder = (0..<g.nodeCount).filter { nodeFirst[$0] != .max }.sorted { (nodeFirst[$0], $0) < (nodeFirst[$1], $1) }
        let edgeOrder = (0..<g.edgeCount).filter { edgeFirst[$0] != .max }.sorted { (edgeFirst[$0], $0) < (edgeFirst[$1], $1) }
        var parent = [Int32](0..<Int32(g.nodeCount))
        var size = [Int32](repeating: 1, count: g.nodeCount)
        func find(_ x: Int) -> Int {
            var x = x
            while parent[x] != Int32(x) {
                parent[x] = parent[Int(parent[x])]
                x = Int(parent[x])
            }
            return x
        }
        var largest = 0, nodesIn = 0, edgesIn = 0
        var ni = 0, ei = 0
        var out: [FieldTimelineRow] = []
        out.reserveCapacity(windows.count)
        for (r, w) in windows.enumerated() {
            while ni < nodeOrder.count && nodeFirst[nodeOrder[ni]] <= w.end {
                nodesIn += 1
                largest = max(largest, 1)
                ni += 1
            }
            while ei < edgeOrder.count && edgeFirst[edgeOrder[ei]] <= w.end {
                let e = edgeOrder[ei]
                var a = find(Int(g.edgeSource[e])), b = find(Int(g.edgeTarget[e]))
                if a != b {
                    if size[a] < size[b] { swap(&a, &b) }
                    parent[b] = Int32(a)
                    size[a] += size[b]
                    largest = max(largest, Int(size[a]))
                }
                edgesIn += 1
                ei += 1
            }
            assert(nodesIn == cumAuthors[r] && edgesIn == cumTies[r], "the sweep and the tallies count the same graph")
            var row = FieldTimelineRow(
                window: w, papers: papers[r],
                activeAuthors: authors.active[r], newAuthors: authors.new[r],
                activeTies: ties.active[r], newTies: ties.new[r],
                cumulativeAuthors: nodesIn, cumulativeTies: edgesIn,
                largestComponentShare: nodesIn > 0 ? Double(largest) / Double(nodesIn) : 0,
                meanDegree: nodesIn > 0 ? 2.0 * Double(edgesIn) / Double(nodesIn) : 0,
                modularity: nil)
            if let q = windowModularity {
                var options = g.options
                options.fromYear = max(w.start, options.fromYear ?? .min)
                options.toYear = min(w.end, options.toYear ?? .max)
                row.modularity = try q(CoauthorGraph(corpus: g.corpus, options: options))
            }
            out.append(row)
        }
        rows = out
    }
}
