import CoauthorGraph

/// Eigenvector centrality and PageRank: power iterations over the CSR arrays with no allocation
/// per iteration.
public enum Spectral {
    /// The outcome of a power iteration.
    public struct Result: Sendable {
        public var values: [Double]
        public var iterations: Int
    }

    /// Eigenvector centrality, iterating as networkx 3.x `eigenvector_centrality(G, weight="weight",
    /// max_iter=1000, tol=1e-12)` does: x₀ = 1/n, x ← (A + I) x (the shift keeps bipartite graphs
    /// from oscillating), x ← x / ‖x‖₂, until Σ|x − x_prev| < n · tol.
    ///
    /// Reference: P. Bonacich, "Power and centrality: a family of measures", Am. J. Sociol. 92(5),
    /// 1987, doi:10.1086/228631.
    /// - Complexity: O(m) per iteration.
    /// - Throws: `AlgorithmError.notConverged` after `maxIterations`; `invalidParameter` on an empty graph.
    public static func eigenvector(_ g: WeightedAdjacency, maxIterations: Int = 1000, tolerance: Double = 1e-12) throws -> Result {
        let n = g.nodeCount
        guard n > 0 else { throw AlgorithmError.invalidParameter("eigenvector centrality of an empty graph is undefined") }
        var x = [Double](repeating: 1.0 / Double(n), count: n)
        var next = [Double](repeating: 0, count: n)
        for it in 1...max(1, maxIterations) {
            for v in 0..<n { next[v] = x[v] }
            g.offsets.withUnsafeBufferPointer { off in
                g.neighbors.withUnsafeBufferPointer { nb in
                    g.weights.withUnsafeBufferPointer { w in
                        for v in 0..<n {
                            let xv = x[v]
                            for k in off[v]..<off[v + 1] { next[Int(nb[k])] += xv * w[k] }
                        }
                    }
                }
            }
            var sq = 0.0
            for v in 0..<n { sq += next[v] * next[v] }
            var norm = sq.squareRoot()
            if norm == 0 { norm = 1 }
            var diff = 0.0
            for v in 0..<n {
                next[v] /= norm
                diff += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if diff < Double(n) * tolerance { return Result(values: x, iterations: it) }
        }
        throw AlgorithmError.notConverged(method: "eigenvector centrality", iterations: maxIterations)
    }

    /// PageRank as networkx 3.x `pagerank(G, alpha, weight="weight", tol)` computes it: transition
    /// probabilities w(u,v)/s(u), uniform teleport, dangling (isolated) nodes' mass spread
    /// uniformly, x₀ = 1/n, until Σ|x − x_prev| < n · tol.
    ///
    /// Reference: S. Brin & L. Page, "The anatomy of a large-scale hypertextual Web search engine",
    /// Computer Networks 30, 1998, doi:10.1016/S0169-7552(98)00110-X.
    /// - Complexity: O(m) per iteration.
    public static func pageRank(_ g: WeightedAdjacency, alpha: Double = 0.85, maxIterations: Int = 1000,
                                tolerance: Double = 1e-12) throws -> Result {
        let n = g.nodeCount
        guard alpha >= 0, alpha <= 1 else { throw AlgorithmError.invalidParameter("alpha must lie in [0, 1]") }
        guard n > 0 else { return Result(values: [], iterations: 0) }
        var invStrength = [Double](repeating: 0, count: n)
        var dangling: [Int] = []
        for v in 0..<n {
            var s = 0.0
            for k in g.offsets[v]..<g.offsets[v + 1] { s += g.weights[k] }
            if s != 0 { invStrength[v] = 1 / s } else { dangling.append(v) }
        }
        let uniform = 1.0 / Double(n)
        var x = [Double](repeating: uniform, count: n)
        var next = [Double](repeating: 0, count: n)
        for it in 1...max(1, maxIterations) {
            var danglingMass = 0.0
            for v in dangling { danglingMass += x[v] }
            for v in 0..<n { next[v] = 0 }
            g.offsets.withUnsafeBufferPointer { off in
                g.neighbors.withUnsafeBufferPointer { nb in
                    g.weights.withUnsafeBufferPointer { w in
                        for v in 0..<n {
                            let share = x[v] * invStrength[v]
                            if share == 0 { continue }
                            for k in off[v]..<off[v + 1] { next[Int(nb[k])] += share * w[k] }
                        }
                    }
                }
            }
            var diff = 0.0
            for v in 0..<n {
                next[v] = alpha * (next[v] + danglingMass * uniform) + (1 - alpha) * uniform
                diff += abs(next[v] - x[v])
            }
            swap(&x, &next)
            if diff < Double(n) * tolerance { return Result(values: x, iterations: it) }
        }
        throw AlgorithmError.notConverged(method: "PageRank", iterations: maxIterations)
    }
}
