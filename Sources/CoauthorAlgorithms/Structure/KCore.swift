import CoauthorGraph

/// k-core decomposition: the core number of each node, the largest k such that the node belongs to
/// a subgraph whose every node has degree ≥ k (networkx `core_number(G)`).
///
/// Bucket algorithm of V. Batagelj & M. Zaversnik, "An O(m) algorithm for cores decomposition of
/// networks", 2003, arXiv:cs/0310049 (Adv. Data Anal. Classif. 5, 2011, doi:10.1007/s11634-010-0079-y).
///
/// - Complexity: O(n + m) time and memory.
public enum KCore {
    public static func coreNumbers(_ g: WeightedAdjacency) -> [Int] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        var deg = (0..<n).map { g.degree($0) }
        let maxDeg = deg.max() ?? 0
        var bin = [Int](repeating: 0, count: maxDeg + 1)
        for d in deg { bin[d] += 1 }
        var start = 0
        for d in 0...maxDeg { let c = bin[d]; bin[d] = start; start += c }
        var pos = [Int](repeating: 0, count: n)
        var vert = [Int](repeating: 0, count: n)
        for v in 0..<n { pos[v] = bin[deg[v]]; vert[pos[v]] = v; bin[deg[v]] += 1 }
        for d in stride(from: maxDeg, to: 0, by: -1) { bin[d] = bin[d - 1] }
        bin[0] = 0
        for i in 0..<n {
            let v = vert[i]
            for k in g.offsets[v]..<g.offsets[v + 1] {
                let u = Int(g.neighbors[k])
                if deg[u] > deg[v] {
                    let du = deg[u], pu = pos[u], pw = bin[du], w = vert[pw]
                    if u != w { pos[u] = pw; vert[pu] = w; pos[w] = pu; vert[pw] = u }
                    bin[du] += 1
                    deg[u] -= 1
                }
            }
        }
        return deg
    }
}
