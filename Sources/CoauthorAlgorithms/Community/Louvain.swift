import CoauthorGraph

/// The Louvain method: modularity optimisation by local moving and aggregation.
///
/// Each level visits the nodes in a seeded random order, sweeping until no node moves: node v leaves
/// its community and joins the neighbouring community c (or returns to its own) that maximises
///
///     ΔQ(v → c) ∝ w(v, c) − γ k_v K_c / 2m
///
/// with w(v, c) the weight between v and c's nodes, k_v v's strength and K_c the total strength of
/// c without v; ties keep the node where it is, then go to the community met first along v's row. The
/// communities of a level become the nodes of the next (aggregate graph, inner weight as
/// self-loops); the method stops when a level moves nothing or raises Q by no more than the
/// threshold 10⁻⁷ — networkx 3.x `louvain_communities(G, weight="weight", resolution=γ,
/// threshold=1e-07, seed=…)`, except that our node order comes from `SplitMix64`.
///
/// Louvain's communities can be internally disconnected (Traag et al. 2019 show how); use
/// `Leiden` when connected communities are needed.
///
/// Reference: V. D. Blondel, J.-L. Guillaume, R. Lambiotte & E. Lefebvre, "Fast unfolding of
/// communities in large networks", J. Stat. Mech. P10008, 2008, doi:10.1088/1742-5468/2008/10/P10008.
/// - Complexity: O(m) per sweep; a handful of sweeps per level and of levels in practice; O(n + m)
///   memory.
public enum Louvain {
    /// The partition of every level, finest first, as labels `0..<count` over the nodes of `g`
    /// (at least one level: all singletons when nothing moves).
    /// - Parameters:
    ///   - resolution: γ ≥ 0.
    ///   - threshold: the least gain in Q for another level.
    ///   - rng: the seeded generator of the node orders.
    public static func levels(_ g: WeightedAdjacency, resolution: Double = 1, threshold: Double = 1e-7,
                              rng: inout SplitMix64) -> [[Int32]] {
        let n = g.nodeCount
        var graph = LevelGraph(g)
        var membership = (0..<n).map { Int32($0) }
        var levels: [[Int32]] = []
        var q = graph.modularity(membership, count: n, resolution: resolution)
        while graph.totalWeight > 0 {
            let (community, moved) = oneLevel(graph, resolution: resolution, rng: &rng)
            if !moved { break }
            let (labels, count) = compact(community)
            for v in 0..<n { membership[v] = labels[Int(membership[v])] }
            levels.append(membership)
            let next = graph.modularity(labels, count: count, resolution: resolution)
            if !(next - q > threshold) { break }
            q = next
            graph = graph.aggregate(labels, count: count)
        }
        if levels.isEmpty { levels.append(membership) }
        return levels
    }

    /// One level: sweeps in one random order until no node moves. Returns each node's community
    /// (node ids as labels) and whether anything moved.
    static func oneLevel(_ g: LevelGraph, resolution: Double, rng: inout SplitMix64) -> ([Int32], Bool) {
        var state = CommunityState(community: (0..<g.n).map { Int32($0) }, graph: g, communityCount: g.n)
        let order = rng.permutation(g.n)
        let scale = resolution / (2 * g.totalWeight)
        var movedAny = false
        while true {
            var moves = 0
            for v32 in order {
                let v = Int(v32)
                let k = g.strength[v]
                state.collect(v, g)
                let own = state.community[v]
                let (best, _, _) = state.bestMove(v, g, scale: scale)
                if best != own {
                    state.move(v, strength: k, to: best)
                    moves += 1
                }
            }
            if moves == 0 { break }
            movedAny = true
        }
        state.clear()
        return (state.community, movedAny)
    }
}
