import CoauthorGraph
import CoauthorParallel

/// Shortest-path betweenness centrality.
///
/// c_B(v) = Σ_{s ≠ v ≠ t} σ(s, t | v) / σ(s, t), where σ(s, t) is the number of shortest s–t paths
/// and σ(s, t | v) those through v; computed with Brandes' accumulation of pair dependencies
/// (U. Brandes, "A faster algorithm for betweenness centrality", J. Math. Sociol. 25(2), 2001,
/// doi:10.1080/0022250X.2001.9990249). Path counts are `Double`: they overflow 64-bit integers on
/// grids of a few dozen rows.
///
/// Normalisation (networkx 3.x `betweenness_centrality(G, normalized=True)`, endpoints excluded):
/// the sum over ordered source–target pairs is divided by (n − 1)(n − 2); unnormalised values are
/// halved (each unordered pair counted once). Graphs with n < 3 give zeros.
///
/// Sampling (Brandes & Pich, "Centrality estimation in large networks", Int. J. Bifurcation and
/// Chaos 17(7), 2007, doi:10.1142/S0218127407018403): k pivot sources drawn with a seeded
/// generator; as networkx 3.6 scales it, a node's sum is divided by (k − 1)(n − 2) when the node is
/// a pivot and by k(n − 2) otherwise. k ≥ n is the exact computation.
///
/// - Complexity: O(n m) time for hops and O(n m + n² log n) with `inverseWeight` distances; O(n + m)
///   memory per thread. Sources are split into fixed blocks run on all cores.
public enum Betweenness {
    /// Betweenness of every node.
    /// - Parameters:
    ///   - distance: `.hops` (unweighted) or `.inverseWeight` (edge length = 1/weight).
    ///   - samples: number of pivot sources (nil = all nodes, exact).
    ///   - seed: seed of the pivot draw.
    ///   - threads: cores to use (0 = all).
    public static func compute(_ g: WeightedAdjacency, distance: PathDistance = .hops, normalized: Bool = true,
                               samples: Int? = nil, seed: UInt64 = 0, threads: Int = 0,
                               progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> [Double] {
        let n = g.nodeCount
        var sources: [Int]
        var pivot: [Bool]? = nil
        if let k = samples, k < n {
            var rng = SplitMix64(seed: seed)
            sources = rng.sample(max(k, 0), from: n).sorted()
            var p = [Bool](repeating: false, count: n)
            for s in sources { p[s] = true }
            pivot = p
        } else {
            sources = Array(0..<n)
        }
        let blocks = Parallel.ranges(sources.count, blocks: Parallel.blocks)
        let src = sources
        let tick = progress.map { WorkProgress(total: sources.count, report: $0) }
        let partials = Parallel.map(blocks: blocks.count, threads: threads) { b -> [Double] in
            var acc = [Double](repeating: 0, count: n)
            var search = SingleSourceSearch(g, distance: distance)
            var delta = [Double](repeating: 0, count: n)
            for i in blocks[b] {
                let s = src[i]
                search.run(from: s, trackPaths: true)
                for v in search.order { delta[Int(v)] = 0 }
                var idx = search.order.count - 1
                while idx >= 0 {
                    let w = Int(search.order[idx])
                    let coeff = (1 + delta[w]) / search.sigma[w]
                    for k in g.offsets[w]..<search.predEnd[w] {
                        let v = Int(search.preds[k])
                        delta[v] += search.sigma[v] * coeff
                    }
                    if w != s { acc[w] += delta[w] }
                    idx -= 1
                }
                tick?.advance()
            }
            return acc
        }
        var bc = [Double](repeating: 0, count: n)
        for p in partials { for v in 0..<n { bc[v] += p[v] } }
        // Rescale as networkx 3.6 does (endpoints excluded: N = n − 1 possible targets).
        let bigN = n - 1
        guard bigN >= 2 else { return bc }
        let k = sources.count
        if pivot == nil {
            // All n sources: N (n − 1) source–target pairs per node, halved when not normalised.
            let scale = normalized ? 1.0 / (Double(bigN) * Double(bigN - 1)) : 0.5
            if scale != 1 { for v in 0..<n { bc[v] *= scale } }
        } else if let p = pivot {
            let kk = Double(k), nn = Double(bigN)
            let source = k > 1 ? (normalized ? 1.0 / ((kk - 1) * (nn - 1)) : nn / ((kk - 1) * 2)) : Double.nan
            let other = normalized ? 1.0 / (kk * (nn - 1)) : nn / (kk * 2)
            for v in 0..<n { bc[v] *= p[v] ? source : other }
        }
        return bc
    }
}
