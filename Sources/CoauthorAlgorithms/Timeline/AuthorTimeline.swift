import CoauthorGraph
import CoauthorModel

/// One row of an author's timeline: a year, or a window of years.
public struct AuthorTimelineRow: Sendable, Equatable {
    public var window: TimeWindow
    /// The author's papers dated in the window.
    public var papers: Int
    /// Distinct coauthors with a joint paper in the window.
    public var coauthors: Int
    /// Coauthors whose first joint paper lies after the previous row's end and by this row's end.
    public var newCoauthors: Int
    /// Coauthors whose first joint paper lies by the row's end.
    public var cumulativeCoauthors: Int
}

/// One coauthor of the author, with the span of their collaboration.
public struct CollaboratorSpan: Sendable, Equatable {
    /// The coauthor's node.
    public var coauthor: Int
    /// The tie between the two, with its joint papers.
    public var tie: TieSpan
}

/// One author's collaboration over time (bibliometrix's author production over time, with
/// coauthors): per year from the author's first to last dated paper — years without papers
/// included, as zeros — the papers, the coauthors, the new coauthors and the running total; and
/// each coauthor's span (first and last joint year, joint papers, active years).
///
/// Coauthors are the author's neighbours in the graph, so the graph's filters apply (`--min-weight`,
/// `--max-authors`: a paper with too many authors makes no coauthors).
///
/// - Complexity: O(d log d + Σ_{e ∋ v} w_e + P_v) for an author of degree d with P_v papers.
public struct AuthorTimeline: Sendable {
    public let author: Int
    public let mode: WindowMode
    public let rows: [AuthorTimelineRow]
    /// Ordered by the date of the first joint paper (undated last), then name, key.
    public let collaborators: [CollaboratorSpan]
    /// The author's dated papers per year, ascending (years with papers only).
    public let papersPerYear: [YearCount]
    /// The author's papers without a year: in no row.
    public let undatedPapers: Int

    /// - Throws: `AlgorithmError.noSuchNode` or `.invalidParameter` for a bad window.
    public init(_ h: CollaborationHistory, author v: Int, mode: WindowMode = .yearly) throws {
        let g = h.graph
        guard v >= 0 && v < g.nodeCount else { throw AlgorithmError.noSuchNode(v) }
        author = v
        self.mode = mode
        let own = h.nodePapers.row(v)
        papersPerYear = h.yearCounts(own)
        undatedPapers = own.count - papersPerYear.reduce(0) { $0 + $1.count }
        // Collaborators.
        var spans: [(key: Int64, span: CollaboratorSpan)] = []
        for k in g.offsets[v]..<g.offsets[v + 1] {
            let e = Int(g.adjacencyEdge[k])
            spans.append((h.firstDateKey(h.edgePapers.row(e)), CollaboratorSpan(coauthor: Int(g.neighbors[k]), tie: h.tieSpan(e))))
        }
        spans.sort { x, y in x.key != y.key ? x.key < y.key : h.precedes(x.span.coauthor, y.span.coauthor) }
        collaborators = spans.map(\.span)
        // Rows over the author's own years.
        guard let first = papersPerYear.first?.year, let last = papersPerYear.last?.year else { rows = []; return }
        let windows = try mode.windows(over: first...last)
        var tally = WindowTally(windows)
        for c in collaborators { tally.add(years: c.tie.perYear.map(\.year)) }
        var perYear = [Int](repeating: 0, count: last - first + 1)
        for yc in papersPerYear { perYear[yc.year - first] = yc.count }
        let papers = tally.sums(perYear, base: first)
        let cumulative = tally.cumulative
        rows = windows.indices.map { r in
            AuthorTimelineRow(window: windows[r], papers: papers[r], coauthors: tally.active[r],
                              newCoauthors: tally.new[r], cumulativeCoauthors: cumulative[r])
        }
    }
}
