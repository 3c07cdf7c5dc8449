import CoauthorGraph
import CoauthorParallel
import Foundation

/// The Leiden algorithm for modularity with resolution γ: Louvain's local moving and aggregation
/// with a refinement phase in between that guarantees connected communities.
///
/// One iteration, from a start partition P of the graph G:
/// 1. Fast local moving: nodes wait in a queue (seeded block order, `SplitMix64.blockPermutation`);
///    the node taken leaves its community for the neighbouring or empty community c maximising
///    ΔH(v → c) = w(v, c) − γ k_v K_c / 2m (ties: stay, then the community met first); when it
///    moves, its neighbours outside its new community rejoin the queue.
/// 2. Refinement: inside each community C of P, start from singletons; visit the nodes (community
///    after community, each one's nodes in a seeded block order) and merge each v that is still a
///    singleton and well connected to C, w(v, C − v) ≥ γ k_v (K_C − k_v) / 2m, into a subcommunity
///    T ⊆ C it has edges to that is well connected itself, w(T, C − T) ≥ γ K_T (K_C − K_T) / 2m,
///    and with ΔH(v → T) ≥ 0 — chosen at random with probability ∝ exp(ΔH / θ) (staying alone has
///    ΔH = 0). ΔH is in units of edge weight and θ = 0.01, as in igraph's `community_leiden`;
///    θ = 0 takes the best T.
/// 3. Aggregation by the refined partition; each aggregate node starts in the community of P its
///    nodes belong to. Steps 1–3 repeat on the aggregate graph until local moving leaves every
///    aggregate node in a community of its own.
///
/// Every community of the result is a union of refined subcommunities, each connected, and at the
/// end one aggregate node: so every community is connected (γ-connected in the paper's terms).
/// Iterations repeat from the previous result until one raises Q by less than the tolerance or
/// changes nothing (at most `maxIterations`); Q never decreases from one to the next. The default
/// tolerance is relative to the graph: max(5 % of the second iteration's gain Q₂ − Q₁, 10⁻⁴)
/// (`defaultRelativeTolerance`, `toleranceFloor`); an explicit `tolerance` is an absolute one. Should an
/// iteration end early because refinement could merge nothing (the aggregate would not shrink),
/// disconnected communities are split into their components, which cannot lower Q — the result is
/// connected in every case (tested).
///
/// On level graphs of 2¹⁶ row entries or more, refinement and aggregation run in two fixed halves
/// of the communities on up to `threads` cores, with the same result for any thread count
/// (`refine`, `LevelGraph.aggregate`); local moving is sequential.
///
/// Reference: V. A. Traag, L. Waltman & N. J. van Eck, "From Louvain to Leiden: guaranteeing
/// well-connected communities", Sci. Rep. 9, 5233, 2019, doi:10.1038/s41598-019-41695-z.
/// - Complexity: O(m) per local-moving pass (the queue visits few nodes after the first pass),
///   O(n + m) per refinement, aggregation and Q; a handful of iterations with the default tolerance
///   (ACL, 48 seeds: 5.4 on average, at most 7; DBLP 2016: 4–5);
///   O(n + m) memory.
public enum Leiden {
    /// The partition after each iteration, as labels `0..<count` over the nodes of `g` (the last is
    /// the result; at least one).
    /// - Parameters:
    ///   - resolution: γ ≥ 0.
    ///   - randomness: θ ≥ 0 of the refinement.
    ///   - maxIterations: iterations at most; 0 = no cap but 100.
    ///   - tolerance: stop after an iteration (the second or later) that raises Q by less than this;
    ///     0 = only when an iteration changes nothing (igraph's and leidenalg's `n_iterations=-1`);
    ///     nil (default) = the relative rule of `defaultRelativeTolerance`.
    ///   - rng: the seeded generator of the node orders and refinement choices.
    ///   - progress: called after each iteration with its number (from 1) and Q.
    public static func iterations(_ g: WeightedAdjacency, resolution: Double = 1, randomness: Double = 0.01,
                                  maxIterations: Int = 0, tolerance: Double? = nil, rng: inout SplitMix64,
                                  progress: ((_ iteration: Int, _ modularity: Double) -> Void)? = nil) -> [[Int32]] {
        run(g, resolution: resolution, randomness: randomness, maxIterations: maxIterations, tolerance: tolerance,
            rng: &rng, progress: progress).map(\.labels)
    }

    /// `iterations` with the Q of each partition (NaN for a graph without edges).
    static func run(_ g: WeightedAdjacency, resolution: Double, randomness: Double = 0.01, maxIterations: Int,
                    tolerance: Double?, rng: inout SplitMix64, threads: Int = 0,
                    progress: ((_ iteration: Int, _ modularity: Double) -> Void)?) -> [(labels: [Int32], modularity: Double)] {
        let n = g.nodeCount
        let graph = LevelGraph(g)
        var current = (0..<n).map { Int32($0) }
        guard graph.totalWeight > 0 else { return [(current, .nan)] }
        var levels: [(labels: [Int32], modularity: Double)] = []
        var q = -Double.infinity
        let cap = maxIterations > 0 ? maxIterations : 100
        var threshold = tolerance ?? toleranceFloor
        for i in 0..<cap {
            let (next, known) = iterate(graph, start: current, resolution: resolution, randomness: randomness,
                                        rng: &rng, threads: threads)
            // An iteration cut short by a refinement that merged nothing may leave a community
            // disconnected: split such communities into their components (Q cannot drop).
            let (labels, count) = compact(known != nil ? next : connectedParts(g, next))
            if !levels.isEmpty && labels == current { break }
            let before = q
            q = known ?? graph.modularity(labels, count: count, resolution: resolution)
            levels.append((labels, q))
            current = labels
            progress?(i + 1, q)
            guard i >= 1 else { continue }
            let gain = q - before
            if i == 1 && tolerance == nil { threshold = max(toleranceFloor, defaultRelativeTolerance * gain) }
            if gain < threshold { break }
        }
        return levels
    }

    /// The default stopping rule of `iterations` (no `tolerance` given): an iteration i ≥ 2 that
    /// gains less than max(this share of the second iteration's gain, `toleranceFloor`) ends the
    /// run, Q_i − Q_{i−1} < max(0.05 (Q₂ − Q₁), 10⁻⁴) (at i = 2 only the floor can apply).
    ///
    /// The gains of successive iterations fall roughly geometrically (by a factor of 2–5), but
    /// their scale depends on the graph: on ACL (64 k authors) the second iteration gains ~0.008,
    /// on DBLP 2016 (1.6 M authors) ~0.02. The fixed 10⁻³ used before is 5 % of DBLP's second gain
    /// but 12 % of ACL's, so it stopped ACL earlier in its decay (4.2 iterations on average over 48
    /// seeds, mean Q 0.7805; seed 1 of the old node order at 0.7796). The relative rule runs ACL
    /// 5.4 iterations (mean Q 0.7809, at most 7) and DBLP 4–5 as before (gains 0.02, 0.003, 0.001,
    /// 0.0006); "until nothing changes" did not end within 150 s on DBLP.
    public static let defaultRelativeTolerance = 0.05

    /// The smallest gain the default rule waits for: 10⁻⁴ (a graph whose second iteration gains
    /// next to nothing stops there).
    public static let toleranceFloor = 1e-4

    /// One iteration from `start` (labels over the nodes of `g0`); returns the new labels and, when
    /// the iteration ran to its end (local moving left every aggregate node alone), their Q. Then
    /// every community is one aggregate node — a union of connected refined subcommunities, so
    /// connected — and Q is that of the singletons of the last aggregate graph, O(its n) instead
    /// of O(n + m) on `g0` (the same value up to rounding: the aggregate keeps m, K_c and L_c).
    static func iterate(_ g0: LevelGraph, start: [Int32], resolution: Double, randomness: Double,
                        rng: inout SplitMix64, threads: Int = 0) -> (labels: [Int32], modularity: Double?) {
        var graph = g0
        var partition = start
        var nodeOf = (0..<g0.n).map { Int32($0) }   // original node → node of `graph`
        var q: Double? = nil
        var input = true   // `graph` is g0 itself (not an aggregate)
        while true {
            moveNodesFast(graph, &partition, resolution: resolution, input: input, rng: &rng)
            let (p, pCount) = compact(partition)
            partition = p
            if pCount == graph.n {
                q = graph.modularity(p, count: pCount, resolution: resolution)
                break
            }
            let (refined, rCount) = compact(refine(graph, p, count: pCount, resolution: resolution,
                                                   randomness: randomness, input: input, rng: &rng,
                                                   threads: threads))
            if rCount == graph.n { break }
            var next = [Int32](repeating: 0, count: rCount)
            for v in 0..<graph.n { next[Int(refined[v])] = p[v] }
            graph = graph.aggregate(refined, count: rCount, threads: threads)
            for v in 0..<nodeOf.count { nodeOf[v] = refined[Int(nodeOf[v])] }
            partition = next
            input = false
        }
        return (nodeOf.map { partition[Int($0)] }, q)
    }

    /// The seeded node order of local moving and refinement: `SplitMix64.blockPermutation`, whose
    /// blocks of 64 consecutive ids start at 2¹⁷ nodes, except on the input graph (`input`), where
    /// they start at 2¹⁵. Leiden reads every row of a level graph at least three times per level
    /// (local moving, refinement, aggregation), and from about 2¹⁵ nodes on the arrays (ACL: 64 k
    /// nodes, 546 k row entries, ~8 MB) outgrow a core's 1 MB L2 cache; on the input graph, whose
    /// ids follow the records, block order keeps the coauthors (nearby ids) of consecutive nodes in
    /// cache (ACL: ~10–15 % less time at the same mean Q over 48 seeds). On aggregate graphs of
    /// 2¹⁵–2¹⁷ nodes (DBLP's second and third levels) block order cost Q: 0.0005–0.0008 at equal
    /// iterations on DBLP seeds 1–2 and 0.0003 on average over seeds 4–7, so they keep the
    /// uniformly random order.
    static func nodeOrder(_ n: Int, input: Bool, rng: inout SplitMix64) -> [Int32] {
        rng.blockPermutation(n, block: n >= (input ? 1 << 15 : 1 << 17) ? 64 : 1)
    }

    /// Step 1: queue-based local moving of `partition` (labels `< g.n`), in place.
    static func moveNodesFast(_ g: LevelGraph, _ partition: inout [Int32], resolution: Double, input: Bool = false,
                              rng: inout SplitMix64) {
        var state = CommunityState(community: partition, graph: g, communityCount: g.n)
        _ = state.moveNodes(g, order: nodeOrder(g.n, input: input, rng: &rng), scale: resolution / (2 * g.totalWeight),
                            emptyCommunities: true)
        partition = state.community
    }

    /// Step 2: the refined partition (labels `< g.n`) of `p` (labels `0..<count`).
    ///
    /// The communities are refined one after the other (ascending label), the nodes of each in the
    /// order they have in a seeded order of all nodes (`nodeOrder`; `input`: `g` is the input graph), as
    /// igraph refines cluster by cluster through a shuffle of each cluster's nodes. For each
    /// community, one pass over its members' rows first sets w(v, C − v), then the merge pass runs:
    /// both read the same rows while they are still in cache.
    ///
    /// Subcommunities are named by a node of theirs (a singleton by itself, a merged node by the
    /// subcommunity it joined), so every per-subcommunity array is indexed by node, and the
    /// refinement of one community reads and writes only entries of its own nodes. From 2¹⁶ row
    /// entries on, the communities are therefore cut into two fixed halves of about equal row
    /// length (the cut depends on the graph and `p` only), each refined with its own generator
    /// seeded from `rng`, on up to `threads` cores (0 = all): the result does not depend on the
    /// number of threads. Smaller graphs are refined in one piece with `rng` itself. The loops run
    /// on unsafe buffers (indices come from the graph's CSR and labels `< g.n`).
    /// - Complexity: O(n + m) time, O(n) memory.
    static func refine(_ g: LevelGraph, _ p: [Int32], count: Int, resolution: Double, randomness: Double,
                       input: Bool = false, rng: inout SplitMix64, threads: Int = 0) -> [Int32] {
        let n = g.n
        let scale = resolution / (2 * g.totalWeight)
        var totalOfP = [Double](repeating: 0, count: count)
        var start = [Int](repeating: 0, count: count + 1)   // members of community c: start[c]..<start[c + 1]
        var rowsOfP = [Int](repeating: 0, count: count)   // row entries of each community's nodes
        var maxDegree = 0
        for v in 0..<n {
            let c = Int(p[v])
            totalOfP[c] += g.strength[v]
            start[c + 1] += 1
            let d = g.offsets[v + 1] - g.offsets[v]
            rowsOfP[c] += d
            maxDegree = max(maxDegree, d)
        }
        for c in 0..<count { start[c + 1] += start[c] }
        let order = nodeOrder(n, input: input, rng: &rng)
        // The members of each community in `order`.
        var members = [Int32](repeating: 0, count: n)
        var fill = start
        for v in order {
            let c = Int(p[Int(v)])
            members[fill[c]] = v
            fill[c] += 1
        }
        let split = g.neighbors.count >= 1 << 16 && count > 1
        let buffers = RefineBuffers(n: n, maxDegree: maxDegree, strength: g.strength, pieces: split ? 2 : 1)
        defer { buffers.release() }
        let cut: Int
        if split {
            var half = 0, c = 0
            while c < count - 1 && 2 * (half + rowsOfP[c]) <= g.neighbors.count { half += rowsOfP[c]; c += 1 }
            cut = max(c, 1)
        } else {
            cut = count
        }
        let seeds = split ? [rng.next(), rng.next()] : []
        g.withRows { off, nb, w, strength in
        p.withUnsafeBufferPointer { pp in
        totalOfP.withUnsafeBufferPointer { tp in
        start.withUnsafeBufferPointer { st in
        members.withUnsafeBufferPointer { mb in
            let input = RefineInput(off: off, nb: nb, w: w, strength: strength, p: pp, totalOfP: tp, start: st,
                                    members: mb, scale: scale, randomness: randomness)
            if split {
                let parts = [0..<cut, cut..<count]
                _ = Parallel.map(blocks: 2, threads: threads) { b in
                    var r = SplitMix64(seed: seeds[b])
                    input.refine(communities: parts[b], buffers: buffers, piece: b, rng: &r)
                }
            } else {
                input.refine(communities: 0..<count, buffers: buffers, piece: 0, rng: &rng)
            }
        }}}}}
        return Array(buffers.refined)
    }
}

/// The read-only inputs of the refinement, as unsafe buffers that the two halves share.
private struct RefineInput: @unchecked Sendable {
    let off: UnsafeBufferPointer<Int>
    let nb: UnsafeBufferPointer<Int32>
    let w: UnsafeBufferPointer<Double>
    let strength: UnsafeBufferPointer<Double>
    let p: UnsafeBufferPointer<Int32>
    let totalOfP: UnsafeBufferPointer<Double>
    /// The members of community c are `members[start[c]..<start[c + 1]]`, in the visiting order.
    let start: UnsafeBufferPointer<Int>
    let members: UnsafeBufferPointer<Int32>
    let scale: Double
    let randomness: Double

    /// The refinement of the communities in `communities`, one after the other.
    func refine(communities: Range<Int>, buffers buf: RefineBuffers, piece: Int, rng: inout SplitMix64) {
        let inn = buf.inner, rf = buf.refined, tot = buf.total, sz = buf.size, out = buf.outward, wt = buf.weightTo
        let tc = buf.touched[piece], cand = buf.candidates[piece], gain = buf.gains[piece]
        let cum = buf.cumulative[piece]
        for c in communities {
            let lo = start[c], hi = start[c + 1]
            // A community of one node stays as it is.
            guard hi - lo > 1 else { continue }
            let c32 = Int32(c)
            // inner[v] = w(v, C − v) = outward[v] (the singleton's).
            for j in lo..<hi {
                let v = Int(members[j])
                var x = 0.0
                for k in off[v]..<off[v + 1] where p[Int(nb[k])] == c32 { x += w[k] }
                inn[v] = x
                out[v] = x
            }
            let kc = totalOfP[c]
            for j in lo..<hi {
                let v32 = members[j]
                let v = Int(v32)
                // Already merged (or joined): nothing to do.
                guard sz[Int(rf[v])] == 1 else { continue }
                let k = strength[v]
                let eps = 1e-12 * k
                guard inn[v] >= scale * k * (kc - k) - eps else { continue }
                // Refined subcommunities of C that v has edges to, in order of first appearance.
                var met = 0
                for i in off[v]..<off[v + 1] {
                    let u = Int(nb[i])
                    guard p[u] == c32 else { continue }
                    let t = Int(rf[u])
                    if wt[t] == 0 { tc[met] = Int32(t); met += 1 }
                    wt[t] += w[i]
                }
                // Candidates with ΔH ≥ 0 (staying alone is ΔH = 0).
                cand[0] = v32
                gain[0] = 0
                var found = 1
                var top = 0.0
                for i in 0..<met {
                    let t = Int(tc[i])
                    let kt = tot[t]
                    guard out[t] >= scale * kt * (kc - kt) - 1e-12 * kt else { continue }
                    let h = wt[t] - scale * k * kt
                    if h >= -eps {
                        cand[found] = Int32(t)
                        gain[found] = h
                        found += 1
                        if h > top { top = h }
                    }
                }
                var chosen = v32
                if found > 1 {
                    if randomness > 0 {
                        var sum = 0.0
                        for i in 0..<found {
                            // exp is exactly 1 at 0 (the best candidate), and below −60 it is under
                            // 10⁻²⁶, less than the rounding of a sum that holds the best candidate's
                            // 1 (half an ulp of 1 is 1.1·10⁻¹⁶): skip the call for those. With weights
                            // in whole papers most candidates differ from the best by ΔH ≥ 1, x ≤ −100.
                            let x = (gain[i] - top) / randomness
                            sum += x == 0 ? 1 : x < -60 ? 0 : exp(x)
                            cum[i] = sum
                        }
                        let r = rng.nextUnit() * sum
                        var i = 0
                        while i < found - 1 && cum[i] <= r { i += 1 }
                        chosen = cand[i]
                    } else {
                        var i = 0
                        while gain[i] != top { i += 1 }
                        chosen = cand[i]
                    }
                }
                if chosen != v32 {
                    // v was a singleton, so its subcommunity id is v itself.
                    let t = Int(chosen)
                    out[t] += inn[v] - 2 * wt[t]
                    tot[t] += k
                    sz[t] += 1
                    sz[v] = 0
                    tot[v] = 0
                    rf[v] = chosen
                }
                for i in 0..<met { wt[Int(tc[i])] = 0 }
            }
        }
    }
}

/// The state of the refinement: per node (= per subcommunity named by it) arrays that the two
/// halves write at the entries of their own communities' nodes only, and per-half scratch.
private struct RefineBuffers: @unchecked Sendable {
    let inner: UnsafeMutableBufferPointer<Double>      // w(v, C − v)
    let refined: UnsafeMutableBufferPointer<Int32>     // subcommunity of each node
    let total: UnsafeMutableBufferPointer<Double>      // K_T
    let size: UnsafeMutableBufferPointer<Int32>        // nodes of T
    let outward: UnsafeMutableBufferPointer<Double>    // w(T, C − T)
    let weightTo: UnsafeMutableBufferPointer<Double>   // w(v, T) of the current node; 0 = not met
    let touched: [UnsafeMutableBufferPointer<Int32>]
    let candidates: [UnsafeMutableBufferPointer<Int32>]
    let gains: [UnsafeMutableBufferPointer<Double>]
    let cumulative: [UnsafeMutableBufferPointer<Double>]

    init(n: Int, maxDegree: Int, strength: [Double], pieces: Int) {
        inner = .allocate(capacity: n)
        inner.initialize(repeating: 0)
        refined = .allocate(capacity: n)
        for v in 0..<n { refined.initializeElement(at: v, to: Int32(v)) }
        total = .allocate(capacity: n)
        _ = total.initialize(from: strength)
        size = .allocate(capacity: n)
        size.initialize(repeating: 1)
        outward = .allocate(capacity: n)
        outward.initialize(repeating: 0)
        weightTo = .allocate(capacity: n)
        weightTo.initialize(repeating: 0)
        func scratch<T>(_ value: T) -> [UnsafeMutableBufferPointer<T>] {
            (0..<pieces).map { _ in
                let b = UnsafeMutableBufferPointer<T>.allocate(capacity: maxDegree + 1)
                b.initialize(repeating: value)
                return b
            }
        }
        touched = scratch(Int32(0))
        candidates = scratch(Int32(0))
        gains = scratch(0.0)
        cumulative = scratch(0.0)
    }

    func release() {
        for b in [inner, total, outward, weightTo] { b.deallocate() }
        refined.deallocate()
        size.deallocate()
        for b in touched + candidates { b.deallocate() }
        for b in gains + cumulative { b.deallocate() }
    }
}
