import CoauthorGraph

/// Triangles and clustering coefficients (unweighted).
///
/// - Local clustering (networkx `clustering(G)`): c(v) = 2 T(v) / (d(v)(d(v) − 1)), 0 when d(v) < 2,
///   where T(v) is the number of triangles through v. D. J. Watts & S. H. Strogatz, "Collective
///   dynamics of 'small-world' networks", Nature 393, 1998, doi:10.1038/30918.
/// - Average clustering (networkx `average_clustering(G)`): the mean of c(v) over all nodes, zeros
///   included.
/// - Transitivity (networkx `transitivity(G)`): 3 × triangles / connected triples
///   = Σ 2T(v) / Σ d(v)(d(v) − 1); 0 without triangles.
///
/// - Complexity: O(Σ_{(u,v) ∈ E} (d(u) + d(v))) by merging sorted rows, O(n) memory.
public struct Clustering: Sendable {
    /// Triangles through each node.
    public let triangles: [Int]
    /// Local clustering coefficient of each node.
    public let local: [Double]
    /// Triangles in the graph.
    public let triangleCount: Int
    public let average: Double
    public let transitivity: Double

    public init(_ g: WeightedAdjacency) {
        let n = g.nodeCount
        var t = [Int](repeating: 0, count: n)
        let off = g.offsets, nb = g.neighbors
        var total = 0
        // Each triangle u < v < w is found once, from edge (u, v), as a common neighbour w > v.
        for u in 0..<n {
            for ku in off[u]..<off[u + 1] {
                let v = Int(nb[ku])
                if v <= u { continue }
                var i = ku + 1, j = off[v]
                let iEnd = off[u + 1], jEnd = off[v + 1]
                while j < jEnd && Int(nb[j]) <= v { j += 1 }
                while i < iEnd && j < jEnd {
                    let a = nb[i], b = nb[j]
                    if a < b { i += 1 } else if b < a { j += 1 } else {
                        let w = Int(a)
                        t[u] += 1; t[v] += 1; t[w] += 1
                        total += 1
                        i += 1; j += 1
                    }
                }
            }
        }
        var local = [Double](repeating: 0, count: n)
        var sumLocal = 0.0
        var triples = 0
        for v in 0..<n {
            let d = g.degree(v)
            if d >= 2 {
                local[v] = 2 * Double(t[v]) / (Double(d) * Double(d - 1))
                triples += d * (d - 1)
            }
            sumLocal += local[v]
        }
        triangles = t
        self.local = local
        triangleCount = total
        average = n > 0 ? sumLocal / Double(n) : 0
        transitivity = total == 0 ? 0 : Double(6 * total) / Double(triples)
    }
}
