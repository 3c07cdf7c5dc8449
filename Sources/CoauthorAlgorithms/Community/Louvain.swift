import CoauthorGraph

/// The Louvain method: modularity optimisation by local moving and aggregation.
///
/// Each level starts from singletons and moves nodes until none gains by moving: node v leaves its
/// community and joins the neighbouring community c (or returns to its own) that maximises
///
///     ΔQ(v → c) ∝ w(v, c) − γ k_v K_c / 2m
///
/// with w(v, c) the weight between v and c's nodes, k_v v's strength and K_c the total strength of
/// c without v; ties keep the node where it is, then go to the community met first along v's row.
/// The nodes are visited through a queue (the fast local move of Traag, Waltman & van Eck 2019):
/// first all of them in a seeded block order (`SplitMix64.blockPermutation`), then only the
/// neighbours of moved nodes, where networkx sweeps over every node again until a sweep moves
/// nothing. The communities of a level become the nodes of the next (aggregate graph, inner weight
/// as self-loops); the method stops when a level moves nothing or raises Q by no more than the
/// threshold 10⁻⁷ — the level loop and threshold of networkx 3.x `louvain_communities(G,
/// weight="weight", resolution=γ, threshold=1e-07, seed=…)`.
///
/// Louvain's communities can be internally disconnected (Traag et al. 2019 show how); use
/// `Leiden` when connected communities are needed.
///
/// Reference: V. D. Blondel, J.-L. Guillaume, R. Lambiotte & E. Lefebvre, "Fast unfolding of
/// communities in large networks", J. Stat. Mech. P10008, 2008, doi:10.1088/1742-5468/2008/10/P10008.
/// - Complexity: O(m) for the first pass of a level, then O(Σ deg) over the re-queued nodes (a
///   fraction of a pass in practice); a handful of levels; O(n + m) memory.
public enum Louvain {
    /// The partition of every level, finest first, as labels `0..<count` over the nodes of `g`
    /// (at least one level: all singletons when nothing moves).
    /// - Parameters:
    ///   - resolution: γ ≥ 0.
    ///   - threshold: the least gain in Q for another level.
    ///   - rng: the seeded generator of the node orders.
    ///   - progress: called after each level with its number (from 1) and Q.
    public static func levels(_ g: WeightedAdjacency, resolution: Double = 1, threshold: Double = 1e-7,
                              rng: inout SplitMix64, threads: Int = 0,
                              progress: ((_ level: Int, _ modularity: Double) -> Void)? = nil) -> [[Int32]] {
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
            progress?(levels.count, next)
            if !(next - q > threshold) { break }
            q = next
            graph = graph.aggregate(labels, count: count, threads: threads)
        }
        if levels.isEmpty { levels.append(membership) }
        return levels
    }

    /// One level: queue-based local moving from singletons (`CommunityState.moveNodes`), first
    /// through the nodes in a seeded block order. Returns each node's community (node ids as labels)
    /// and whether anything moved.
    static func oneLevel(_ g: LevelGraph, resolution: Double, rng: inout SplitMix64) -> ([Int32], Bool) {
        var state = CommunityState(community: (0..<g.n).map { Int32($0) }, graph: g, communityCount: g.n)
        let moves = state.moveNodes(g, order: rng.blockPermutation(g.n), scale: resolution / (2 * g.totalWeight),
                                    emptyCommunities: false)
        return (state.community, moves > 0)
    }
}
