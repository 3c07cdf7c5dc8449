import CoauthorGraph

/// Asynchronous label propagation, weighted, as networkx 3.x `asyn_lpa_communities(G,
/// weight="weight", seed=…)` runs it: every node starts with its own label; each sweep visits the
/// nodes in a new seeded random order, and a node whose label is not among the labels of largest
/// total weight w(v, ℓ) = Σ_{u ∈ N(v), label(u) = ℓ} w(v, u) takes one of those at random. The
/// sweeps stop when every node holds a label of largest weight. Isolated nodes keep their own label.
///
/// Unlike networkx, each label's nodes are then split into connected pieces (a label can spread
/// to two places that do not touch), so every community is connected; the split never lowers
/// modularity. Label propagation optimises no quality function: it is fast and parameter-free, but
/// its communities are coarser and vary more between seeds than Leiden's, and it ignores γ.
///
/// Reference: U. N. Raghavan, R. Albert & S. Kumara, "Near linear time algorithm to detect community
/// structures in large-scale networks", Phys. Rev. E 76, 036106, 2007, doi:10.1103/PhysRevE.76.036106.
/// - Complexity: O(m) per sweep, few sweeps in practice; O(n + m) memory.
public enum LabelPropagation {
    /// One label per node, `0..<count`, connected communities.
    /// - Throws: `AlgorithmError.notConverged` when labels still change after `maxSweeps` sweeps.
    public static func labels(_ g: WeightedAdjacency, maxSweeps: Int = 1000, rng: inout SplitMix64) throws -> [Int32] {
        let n = g.nodeCount
        var label = (0..<n).map { Int32($0) }
        var weightTo = [Double](repeating: 0, count: n)
        var seen = [Bool](repeating: false, count: n)
        var touched: [Int32] = []
        var best: [Int32] = []
        for _ in 0..<max(1, maxSweeps) {
            var changed = false
            for v32 in rng.permutation(n) {
                let v = Int(v32)
                guard g.degree(v) > 0 else { continue }
                for k in g.offsets[v]..<g.offsets[v + 1] {
                    let l = label[Int(g.neighbors[k])]
                    if !seen[Int(l)] { seen[Int(l)] = true; touched.append(l) }
                    weightTo[Int(l)] += g.weights[k]
                }
                var top = 0.0
                for l in touched { top = max(top, weightTo[Int(l)]) }
                best.removeAll(keepingCapacity: true)
                // Sums in a different order may differ in the last bits: equal within 1e-12.
                for l in touched where weightTo[Int(l)] >= top - 1e-12 * top { best.append(l) }
                if !best.contains(label[v]) {
                    label[v] = best.count == 1 ? best[0] : best[rng.next(below: best.count)]
                    changed = true
                }
                for l in touched { weightTo[Int(l)] = 0; seen[Int(l)] = false }
                touched.removeAll(keepingCapacity: true)
            }
            if !changed { return compact(connectedParts(g, label)).labels }
        }
        throw AlgorithmError.notConverged(method: "label propagation", iterations: maxSweeps)
    }
}
