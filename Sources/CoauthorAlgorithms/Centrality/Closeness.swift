import CoauthorGraph
import CoauthorParallel

/// Distance-based centralities: closeness and harmonic.
///
/// - Closeness (Wasserman & Faust's improved form for disconnected graphs, networkx 3.x
///   `closeness_centrality(G, wf_improved=True)`): with r(u) the nodes reachable from u (u excluded)
///   and D(u) = Σ_{v ∈ r(u)} d(u, v), C(u) = (|r(u)| / D(u)) · (|r(u)| / (n − 1)); 0 when D(u) = 0.
///   Reference: S. Wasserman & K. Faust, *Social Network Analysis*, 1994, doi:10.1017/CBO9780511815478.
/// - Harmonic (networkx `harmonic_centrality(G)`): H(u) = Σ_{v ≠ u} 1/d(u, v), unreachable terms 0;
///   not normalised. Reference: P. Boldi & S. Vigna, "Axioms for centrality", Internet Mathematics
///   10(3–4), 2014, doi:10.1080/15427951.2013.865686.
///
/// d is hop count, or Σ 1/weight along the path with `.inverseWeight`.
///
/// With hop distances the searches run 256 sources at a time as one bit-parallel BFS
/// (`MultiSourceBFS`, Then et al. 2014, doi:10.14778/2735496.2735507), which yields the exact
/// integer Σ d(u, v) and reach of each source and H(u) = Σ_d c_u(d)/d from the per-level counts
/// c_u(d); with `.inverseWeight` one Dijkstra per source.
///
/// - Complexity: hops: O(n/256 · (n + Σ_v ℓ(v) d(v))) with ℓ(v) ≤ 256 distinct
///   distances from a batch to v — at most O(n m), in small-world graphs a few edge passes per 256
///   sources; inverse weights: O(n m log n). Batches are split over cores; each
///   source's value does not depend on the split, so any thread count gives the same bits.
public enum Closeness {
    /// Closeness of every node.
    public static func closeness(_ g: WeightedAdjacency, distance: PathDistance = .hops, threads: Int = 0,
                                 progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> [Double] {
        let n = g.nodeCount
        if distance == .hops {
            return batched(g, threads: threads, progress: progress) { bfs, i in
                let reached = Double(bfs.reached[i]), total = Double(bfs.distanceSum[i])
                guard total > 0, n > 1 else { return 0 }
                return (reached / total) * (reached / Double(n - 1))
            }
        }
        return perSource(g, distance: distance, threads: threads, progress: progress) { search in
            var total = 0.0
            for v in search.order { total += search.dist[Int(v)] }
            let reached = Double(search.order.count - 1)
            guard total > 0, n > 1 else { return 0 }
            return (reached / total) * (reached / Double(n - 1))
        }
    }

    /// Harmonic centrality of every node.
    public static func harmonic(_ g: WeightedAdjacency, distance: PathDistance = .hops, threads: Int = 0,
                                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) -> [Double] {
        if distance == .hops {
            return batched(g, threads: threads, progress: progress) { bfs, i in bfs.inverseSum[i] }
        }
        return perSource(g, distance: distance, threads: threads, progress: progress) { search in
            var h = 0.0
            for v in search.order where search.dist[Int(v)] > 0 { h += 1 / search.dist[Int(v)] }
            return h
        }
    }

    /// Runs the bit-parallel BFS from every node, `MultiSourceBFS.width` sources per batch, and maps each source to one
    /// value. Work blocks of whole batches are handed to the cores; each block has its own scratch.
    static func batched(_ g: WeightedAdjacency, threads: Int,
                        progress: (@Sendable (_ done: Int, _ total: Int) -> Void)?,
                        _ value: @escaping @Sendable (MultiSourceBFS, Int) -> Double) -> [Double] {
        let n = g.nodeCount
        guard n > 0 else { return [] }
        let tick = progress.map { WorkProgress(total: n, report: $0) }
        let width = MultiSourceBFS.width
        let batches = (n + width - 1) / width
        let blocks = Parallel.ranges(batches, blocks: min(batches, 64))
        let parts = Parallel.map(blocks: blocks.count, threads: threads) { b -> [Double] in
            var bfs = MultiSourceBFS(g)
            var out: [Double] = []
            out.reserveCapacity(blocks[b].count * width)
            for batch in blocks[b] {
                let sources = (batch * width)..<min(n, batch * width + width)
                bfs.run(sources)
                for i in 0..<sources.count { out.append(value(bfs, i)) }
                tick?.advance(by: sources.count)
            }
            return out
        }
        return parts.flatMap { $0 }
    }

    /// Runs a search from every node and maps each to one value.
    static func perSource(_ g: WeightedAdjacency, distance: PathDistance, threads: Int,
                          progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil,
                          _ value: @escaping @Sendable (SingleSourceSearch) -> Double) -> [Double] {
        let n = g.nodeCount
        let tick = progress.map { WorkProgress(total: n, report: $0) }
        let blocks = Parallel.ranges(n, blocks: Parallel.blocks)
        let parts = Parallel.map(blocks: blocks.count, threads: threads) { b -> [Double] in
            var search = SingleSourceSearch(g, distance: distance)
            var out: [Double] = []
            out.reserveCapacity(blocks[b].count)
            for s in blocks[b] {
                search.run(from: s, trackPaths: false)
                out.append(value(search))
                tick?.advance()
            }
            return out
        }
        return parts.flatMap { $0 }
    }
}
