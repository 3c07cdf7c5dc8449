import CoauthorGraph
import CoauthorModel

/// The provenance of one tie: when two authors wrote together, and which papers.
public struct TieSpan: Sendable, Equatable {
    public var edge: Int
    /// The endpoints (`edgeSource`, `edgeTarget`: the earlier node first).
    public var a: Int
    public var b: Int
    /// Years of the first and last dated joint paper (nil when every joint paper is undated).
    public var firstYear: Int?
    public var lastYear: Int?
    /// Joint papers (= the edge's weight), dated or not.
    public var papers: Int
    /// Distinct years with a joint paper.
    public var yearsActive: Int
    /// Joint papers per year, ascending (dated ones only).
    public var perYear: [YearCount]
    /// The joint papers (indices into `corpus.papers`) in date order, undated last.
    public var jointPapers: [Int]
}

extension CollaborationHistory {
    /// The span and papers of edge `e`.
    /// - Complexity: O(w_e).
    public func tieSpan(_ e: Int) -> TieSpan {
        let row = edgePapers.row(e)
        let perYear = yearCounts(row)
        return TieSpan(edge: e, a: Int(graph.edgeSource[e]), b: Int(graph.edgeTarget[e]),
                       firstYear: perYear.first?.year, lastYear: perYear.last?.year,
                       papers: row.count, yearsActive: perYear.count, perYear: perYear,
                       jointPapers: row.map(Int.init))
    }

    /// Every tie with its provenance, ordered by the date of its first joint paper (undated ties
    /// last), then by the endpoints' names (code-point order) and identity keys.
    /// - Complexity: O(E log E + Σ w_e).
    public func tieSpans() -> [TieSpan] {
        let g = graph
        let order = (0..<g.edgeCount).sorted { x, y in
            let kx = firstDateKey(edgePapers.row(x)), ky = firstDateKey(edgePapers.row(y))
            if kx != ky { return kx < ky }
            let sx = Int(g.edgeSource[x]), sy = Int(g.edgeSource[y])
            if sx != sy { return precedes(sx, sy) }
            return precedes(Int(g.edgeTarget[x]), Int(g.edgeTarget[y]))
        }
        return order.map(tieSpan)
    }

    /// Node order by display name (code points), then identity key, then index.
    func precedes(_ u: Int, _ v: Int) -> Bool {
        let nu = graph.name(u), nv = graph.name(v)
        if nu != nv { return nu.unicodeScalars.lexicographicallyPrecedes(nv.unicodeScalars) { $0.value < $1.value } }
        let ku = graph.key(u), kv = graph.key(v)
        if ku != kv { return ku < kv }
        return u < v
    }
}
