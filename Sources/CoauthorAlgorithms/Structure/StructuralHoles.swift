import CoauthorGraph

/// Burt's structural-hole measures on the weighted graph (networkx `constraint(G, weight="weight")`
/// and `effective_size(G, weight="weight")`).
///
/// With p(u, v) = w(u, v) / Σ_x w(u, x) (the normalised mutual weight; in an undirected graph the
/// mutual weight is 2w on both sides of the fraction) and m(u, v) = w(u, v) / max_x w(u, x):
/// - constraint c(u) = Σ_{v ∈ N(u)} ( p(u, v) + Σ_{w ∈ N(u), w ≠ v} p(u, w) p(w, v) )²;
/// - effective size e(u) = Σ_{v ∈ N(u)} ( 1 − Σ_{w ∈ N(u)} p(u, w) m(v, w) ).
/// Both are NaN for isolated nodes (undefined), as in networkx. Lower constraint = more brokerage.
///
/// Reference: R. S. Burt, *Structural Holes: The Social Structure of Competition*, Harvard
/// University Press, 1992, doi:10.4159/9780674029095.
/// - Complexity: O(Σ_v d(v)²) time, O(n) memory.
public enum StructuralHoles {
    public static func constraint(_ g: WeightedAdjacency) -> [Double] {
        compute(g) { u, p, invStrength, _, mark in
            overNeighbours(g, u, mark, inner: { _, w, weight in p[w] * weight * invStrength[w] },
                           outer: { v, indirect in
                               let term = p[v] + indirect
                               return term * term
                           })
        }
    }

    public static func effectiveSize(_ g: WeightedAdjacency) -> [Double] {
        compute(g) { u, p, _, maxWeight, mark in
            overNeighbours(g, u, mark, inner: { v, w, weight in p[w] * weight / maxWeight[v] },
                           outer: { _, r in 1 - r })
        }
    }

    /// Σ_{v ∈ N(u)} outer(v, Σ_{w ∈ N(u) ∩ N(v), w ≠ u} inner(v, w, w(v, w))), summed in
    /// adjacency order (`mark[w] == u` marks N(u)): the two-step neighbourhood both measures sum over.
    @inline(__always)
    private static func overNeighbours(_ g: WeightedAdjacency, _ u: Int, _ mark: [Int],
                                       inner: (Int, Int, Double) -> Double,
                                       outer: (Int, Double) -> Double) -> Double {
        var total = 0.0
        for kv in g.offsets[u]..<g.offsets[u + 1] {
            let v = Int(g.neighbors[kv])
            var sum = 0.0
            for kw in g.offsets[v]..<g.offsets[v + 1] {
                let w = Int(g.neighbors[kw])
                if w != u && mark[w] == u { sum += inner(v, w, g.weights[kw]) }
            }
            total += outer(v, sum)
        }
        return total
    }

    /// Per node u: `p[w]` = p(u, w) for w ∈ N(u) (valid where `mark[w] == u`).
    private static func compute(_ g: WeightedAdjacency,
                                _ body: (Int, [Double], [Double], [Double], [Int]) -> Double) -> [Double] {
        let n = g.nodeCount
        var invStrength = [Double](repeating: 0, count: n)
        var maxWeight = [Double](repeating: 0, count: n)
        for v in 0..<n {
            var s = 0.0, mx = 0.0
            for k in g.offsets[v]..<g.offsets[v + 1] { s += g.weights[k]; mx = max(mx, g.weights[k]) }
            invStrength[v] = s > 0 ? 1 / s : 0
            maxWeight[v] = mx
        }
        var p = [Double](repeating: 0, count: n)
        var mark = [Int](repeating: -1, count: n)
        var out = [Double](repeating: .nan, count: n)
        for u in 0..<n where g.degree(u) > 0 {
            for k in g.offsets[u]..<g.offsets[u + 1] {
                let w = Int(g.neighbors[k])
                p[w] = g.weights[k] * invStrength[u]
                mark[w] = u
            }
            out[u] = body(u, p, invStrength, maxWeight, mark)
        }
        return out
    }
}
