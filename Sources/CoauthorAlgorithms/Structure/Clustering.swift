import CoauthorGraph
import CoauthorParallel

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
/// Each triangle u < v < w is found once: the neighbours above u are marked, then for every
/// neighbour v > u the neighbours w > v of v are looked up in the marks. Nodes are split into
/// ranges of near-equal adjacency size, one per core, each with its own marks and counts; the
/// counts are integers summed afterwards, so any thread count gives the same result.
///
/// - Complexity: O(n + Σ_{(u,v) ∈ E, u < v} d⁺(v)) time with d⁺(v) = |{w ∈ N(v) : w > v}|
///   (≤ O(m · d_max)); O(n) memory per core.
public struct Clustering: Sendable {
    /// Triangles through each node.
    public let triangles: [Int]
    /// Local clustering coefficient of each node.
    public let local: [Double]
    /// Triangles in the graph.
    public let triangleCount: Int
    public let average: Double
    public let transitivity: Double

    /// - Parameters:
    ///   - threads: cores to use (0 = all).
    ///   - progress: called with (nodes done, nodes in all), serialised.
    public init(_ g: WeightedAdjacency, threads: Int = 0,
                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) {
        let n = g.nodeCount
        let parts = max(1, min(threads <= 0 ? Parallel.defaultThreads : threads, max(n, 1)))
        // Where each row's neighbours above the row's node start (rows are ascending).
        var above = [Int](repeating: 0, count: n)
        g.offsets.withUnsafeBufferPointer { off in
            g.neighbors.withUnsafeBufferPointer { nb in
                for v in 0..<n {
                    var lo = off[v], hi = off[v + 1]
                    while lo < hi {
                        let mid = (lo + hi) / 2
                        if Int(nb[mid]) <= v { lo = mid + 1 } else { hi = mid }
                    }
                    above[v] = lo
                }
            }
        }
        // Ranges of near-equal adjacency size.
        var bounds = [0]
        var cut = 0
        let arcs = g.offsets[n]
        for b in 1..<parts {
            let target = arcs / parts * b
            while cut < n && g.offsets[cut] < target { cut += 1 }
            bounds.append(cut)
        }
        bounds.append(n)
        let starts = above, ranges = bounds
        let tick = progress.map { WorkProgress(total: n, every: 1 << 14, report: $0) }
        let counts = Parallel.map(blocks: parts, threads: parts) { b -> (t: [Int], total: Int) in
            var t = [Int](repeating: 0, count: n)
            var mark = [Int32](repeating: 0, count: n)
            var total = 0
            var pending = 0
            g.offsets.withUnsafeBufferPointer { off in
                g.neighbors.withUnsafeBufferPointer { nb in
                    starts.withUnsafeBufferPointer { up in
                        mark.withUnsafeMutableBufferPointer { mk in
                            t.withUnsafeMutableBufferPointer { tc in
                                for u in ranges[b]..<ranges[b + 1] {
                                    let stamp = Int32(truncatingIfNeeded: u + 1)
                                    let uEnd = off[u + 1]
                                    for k in up[u]..<uEnd { mk[Int(nb[k])] = stamp }
                                    var found = 0
                                    for k in up[u]..<uEnd {
                                        let v = Int(nb[k])
                                        var here = 0
                                        for j in up[v]..<off[v + 1] {
                                            let w = Int(nb[j])
                                            if mk[w] == stamp { here += 1; tc[w] += 1 }
                                        }
                                        tc[v] += here
                                        found += here
                                    }
                                    tc[u] += found
                                    total += found
                                    pending += 1
                                    if pending == 4096 { tick?.advance(by: pending); pending = 0 }
                                }
                            }
                        }
                    }
                }
            }
            tick?.advance(by: pending)
            return (t, total)
        }
        var t = counts[0].t
        var total = counts[0].total
        for p in counts.dropFirst() {
            for v in 0..<n { t[v] += p.t[v] }
            total += p.total
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
