import CoauthorGraph
import CoauthorParallel

/// Newman–Girvan modularity with a resolution parameter, defined as networkx 3.x
/// `modularity(G, communities, weight="weight", resolution=γ)` defines it:
///
///     Q = Σ_c [ L_c / m − γ (K_c / 2m)² ]
///
/// where m is the total edge weight, L_c the total weight of the edges inside community c and K_c
/// the sum of the strengths (weighted degrees) of c's nodes. γ = 1 is the original definition;
/// γ < 1 favours fewer, larger communities and γ > 1 more, smaller ones. Q is undefined (NaN here;
/// networkx divides by zero) on a graph without edges.
///
/// References: M. E. J. Newman & M. Girvan, "Finding and evaluating community structure in
/// networks", Phys. Rev. E 69, 026113, 2004, doi:10.1103/PhysRevE.69.026113; the resolution
/// parameter: J. Reichardt & S. Bornholdt, "Statistical mechanics of community detection",
/// Phys. Rev. E 74, 016110, 2006, doi:10.1103/PhysRevE.74.016110.
/// - Complexity: O(n + m) time, O(n) memory.
public enum Modularity {
    /// The modularity of a partition given as one community label per node (any non-negative
    /// integers; equal labels = same community).
    /// - Throws: `AlgorithmError.invalidParameter` when `membership` does not have one non-negative
    ///   label per node or `resolution` is negative or not finite.
    public static func modularity(_ g: WeightedAdjacency, membership: [Int], resolution: Double = 1) throws -> Double {
        guard membership.count == g.nodeCount else {
            throw AlgorithmError.invalidParameter("membership has \(membership.count) entries for \(g.nodeCount) nodes")
        }
        guard resolution.isFinite, resolution >= 0 else {
            throw AlgorithmError.invalidParameter("resolution must be a finite number ≥ 0")
        }
        guard let dense = denseLabels(membership) else {
            throw AlgorithmError.invalidParameter("community labels must be non-negative")
        }
        return LevelGraph(g).modularity(dense.labels, count: dense.count, resolution: resolution)
    }

    /// Labels renumbered `0..<count` in order of first appearance; nil when one is negative.
    static func denseLabels(_ membership: [Int]) -> (labels: [Int32], count: Int)? {
        var map: [Int: Int32] = [:]
        var out = [Int32](repeating: 0, count: membership.count)
        for (v, c) in membership.enumerated() {
            guard c >= 0 else { return nil }
            if let d = map[c] { out[v] = d } else {
                let d = Int32(map.count)
                map[c] = d
                out[v] = d
            }
        }
        return (out, map.count)
    }
}

/// The graphs the multilevel methods work on: CSR rows without self-loops plus, per node, the
/// weight of its self-loop (the edges inside an aggregated community, each counted once).
///
/// Conventions as in networkx: a node's strength k_v = Σ_u w(v, u) + 2 · loop(v), the total weight
/// m = Σ_v k_v / 2, and a loop counts once towards L_c. The aggregate of a partition therefore has
/// the same m and the same modularity for the corresponding partition.
struct LevelGraph {
    let n: Int
    let offsets: [Int]
    let neighbors: [Int32]
    let weights: [Double]
    let loop: [Double]
    let strength: [Double]
    /// m.
    let totalWeight: Double

    /// The rows as unsafe buffers for an inner loop: offsets, neighbours, weights, strengths.
    @inline(__always)
    func withRows<R>(_ body: (UnsafeBufferPointer<Int>, UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Double>,
                              UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
        try offsets.withUnsafeBufferPointer { off in
            try neighbors.withUnsafeBufferPointer { nb in
                try weights.withUnsafeBufferPointer { w in
                    try strength.withUnsafeBufferPointer { s in try body(off, nb, w, s) }
                }
            }
        }
    }

    init(_ g: WeightedAdjacency) {
        n = g.nodeCount
        offsets = g.offsets
        neighbors = g.neighbors
        weights = g.weights
        loop = [Double](repeating: 0, count: g.nodeCount)
        var s = [Double](repeating: 0, count: g.nodeCount)
        var total = 0.0
        for v in 0..<g.nodeCount {
            var x = 0.0
            for k in g.offsets[v]..<g.offsets[v + 1] { x += g.weights[k] }
            s[v] = x
            total += x
        }
        strength = s
        totalWeight = total / 2
    }

    private init(n: Int, offsets: [Int], neighbors: [Int32], weights: [Double], loop: [Double], strength: [Double],
                 totalWeight: Double) {
        self.n = n
        self.offsets = offsets
        self.neighbors = neighbors
        self.weights = weights
        self.loop = loop
        self.strength = strength
        self.totalWeight = totalWeight
    }

    /// Q of a partition with labels `0..<count`.
    func modularity(_ community: [Int32], count: Int, resolution: Double) -> Double {
        guard totalWeight > 0 else { return .nan }
        var inside = [Double](repeating: 0, count: count)
        var total = [Double](repeating: 0, count: count)
        for v in 0..<n {
            let c = Int(community[v])
            total[c] += strength[v]
            inside[c] += loop[v]
            // Each inner edge is met from both ends: halve.
            for k in offsets[v]..<offsets[v + 1] where community[Int(neighbors[k])] == community[v] {
                inside[c] += weights[k] / 2
            }
        }
        let m = totalWeight
        var q = 0.0
        for c in 0..<count {
            let share = total[c] / (2 * m)
            q += inside[c] / m - resolution * share * share
        }
        return q
    }

    /// The graph with one node per community (labels `0..<count`): loops hold the inner weight,
    /// edges the weight between communities; each row lists the neighbouring communities in the order
    /// they are first met through the members (ascending node ids) and their rows.
    ///
    /// From 2¹⁶ row entries on, the communities are cut into two fixed halves (of about equal row
    /// length, so of about equal work) whose rows are built
    /// on up to `threads` cores (0 = all; `Parallel.map`) and concatenated in order: every row is
    /// computed exactly as in one piece, so the result depends neither on the number of threads nor
    /// on the cut.
    /// - Complexity: O(n + m) time, O(n + m) memory.
    func aggregate(_ community: [Int32], count: Int, threads: Int = 0) -> LevelGraph {
        // Members of each community (CSR), in node order.
        var startVar = [Int](repeating: 0, count: count + 1)
        for v in 0..<n { startVar[Int(community[v]) + 1] += 1 }
        for c in 0..<count { startVar[c + 1] += startVar[c] }
        var fill = startVar
        var membersVar = [Int32](repeating: 0, count: n)
        for v in 0..<n {
            let c = Int(community[v])
            membersVar[fill[c]] = Int32(v)
            fill[c] += 1
        }
        let start = startVar, members = membersVar
        let blocks = neighbors.count >= 1 << 16 && count > 1 ? 2 : 1
        // Two halves of about equal row length (the members' rows are the work).
        var cut = count
        if blocks == 2 {
            var rows = 0, c = 0
            while c < count - 1 {
                var r = 0
                for i in start[c]..<start[c + 1] { r += offsets[Int(members[i]) + 1] - offsets[Int(members[i])] }
                if 2 * (rows + r) > neighbors.count { break }
                rows += r
                c += 1
            }
            cut = max(c, 1)
        }
        let ranges = blocks == 2 ? [0..<cut, cut..<count] : [0..<count]
        let parts = Parallel.map(blocks: blocks, threads: threads) { b in
            aggregateRows(community, count: count, start: start, members: members, range: ranges[b])
        }
        if parts.count == 1 {
            let p = parts[0]
            return LevelGraph(n: count, offsets: [0] + p.rowEnds, neighbors: p.neighbors, weights: p.weights,
                              loop: p.loop, strength: p.strength, totalWeight: totalWeight)
        }
        var off = [0]
        off.reserveCapacity(count + 1)
        var nb: [Int32] = [], w: [Double] = [], newLoop: [Double] = [], newStrength: [Double] = []
        let edges = parts.reduce(0) { $0 + $1.neighbors.count }
        nb.reserveCapacity(edges)
        w.reserveCapacity(edges)
        newLoop.reserveCapacity(count)
        newStrength.reserveCapacity(count)
        for p in parts {
            let base = nb.count
            off.append(contentsOf: p.rowEnds.map { $0 + base })
            nb.append(contentsOf: p.neighbors)
            w.append(contentsOf: p.weights)
            newLoop.append(contentsOf: p.loop)
            newStrength.append(contentsOf: p.strength)
        }
        return LevelGraph(n: count, offsets: off, neighbors: nb, weights: w, loop: newLoop, strength: newStrength,
                          totalWeight: totalWeight)
    }

    /// The aggregate rows of the communities in `range`: neighbours, weights, the end of each row
    /// (relative to the first), loops and strengths.
    private func aggregateRows(_ community: [Int32], count: Int, start: [Int], members: [Int32], range: Range<Int>)
        -> (neighbors: [Int32], weights: [Double], rowEnds: [Int], loop: [Double], strength: [Double]) {
        var acc = [Double](repeating: 0, count: count)   // 0 = not met (weights are positive)
        var touched = [Int32](repeating: 0, count: count)
        var rowEnds = [Int](repeating: 0, count: range.count)
        var newLoop = [Double](repeating: 0, count: range.count)
        var newStrength = [Double](repeating: 0, count: range.count)
        // At most one aggregate entry per entry of the members' rows.
        var bound = 0
        for i in start[range.lowerBound]..<start[range.upperBound] {
            let v = Int(members[i])
            bound += offsets[v + 1] - offsets[v]
        }
        var nb = [Int32](unsafeUninitializedCapacity: bound) { _, initialized in initialized = bound }
        var w = [Double](unsafeUninitializedCapacity: bound) { _, initialized in initialized = bound }
        var used = 0
        offsets.withUnsafeBufferPointer { off in
        neighbors.withUnsafeBufferPointer { nbs in
        weights.withUnsafeBufferPointer { ws in
        loop.withUnsafeBufferPointer { lp in
        strength.withUnsafeBufferPointer { st in
        start.withUnsafeBufferPointer { sp in
        members.withUnsafeBufferPointer { mb in
        community.withUnsafeBufferPointer { comm in
        acc.withUnsafeMutableBufferPointer { a in
        touched.withUnsafeMutableBufferPointer { tc in
        nb.withUnsafeMutableBufferPointer { outN in
        w.withUnsafeMutableBufferPointer { outW in
            for c in range {
                var inner = 0.0, s = 0.0
                var met = 0
                for i in sp[c]..<sp[c + 1] {
                    let v = Int(mb[i])
                    inner += lp[v]
                    s += st[v]
                    for k in off[v]..<off[v + 1] {
                        let d = Int(comm[Int(nbs[k])])
                        if d == c { inner += ws[k] / 2; continue }
                        if a[d] == 0 { tc[met] = Int32(d); met += 1 }
                        a[d] += ws[k]
                    }
                }
                newLoop[c - range.lowerBound] = inner
                newStrength[c - range.lowerBound] = s
                for i in 0..<met {
                    let d = Int(tc[i])
                    outN[used] = Int32(d)
                    outW[used] = a[d]
                    used += 1
                    a[d] = 0
                }
                rowEnds[c - range.lowerBound] = used
            }
        }}}}}}}}}}}}
        // Only the first `used` entries were written.
        nb = Array(nb[..<used])
        w = Array(w[..<used])
        return (nb, w, rowEnds, newLoop, newStrength)
    }
}

/// Per-community totals and the neighbour-community weights of one node, reused across nodes: the
/// bookkeeping of the local-moving phases.
struct CommunityState {
    /// Community of each node.
    var community: [Int32]
    /// Σ strength of each community's nodes (K_c).
    var total: [Double]
    /// Nodes in each community.
    var size: [Int32]

    /// Scratch of `moveNodes`: the weight from the current node to each community, 0 between nodes
    /// (weights are positive, so 0 also means "not met yet").
    var weightTo: [Double]
    /// Scratch of `moveNodes`: the communities met along the current node's row, its own first
    /// (capacity: every community).
    var touched: [Int32]

    init(community: [Int32], graph: LevelGraph, communityCount: Int) {
        self.community = community
        total = [Double](repeating: 0, count: communityCount)
        size = [Int32](repeating: 0, count: communityCount)
        for v in 0..<graph.n {
            total[Int(community[v])] += graph.strength[v]
            size[Int(community[v])] += 1
        }
        weightTo = [Double](repeating: 0, count: communityCount)
        touched = [Int32](repeating: 0, count: communityCount + 1)
    }

    /// Queue-based local moving (the fast local move of Traag, Waltman & van Eck 2019): the nodes
    /// wait in a FIFO queue, first in `order`; the node v taken collects its weight w(v, c) to each
    /// neighbouring community (loops excluded; its own community first, the others in order of
    /// first appearance along its row) and moves to the community of largest gain
    /// Δ = w(v, c) − γ k_v K_c / 2m (`scale` = γ / 2m; its own community counted without v; a gain
    /// must beat the best so far by more than 10⁻¹²·k_v, the rounding of sums of weights of size
    /// ~k_v, so ties keep v where it is, then go to the community met first). With
    /// `emptyCommunities` it also moves to an empty community when every other choice loses,
    /// Δ < 0 — the option Leiden has and Louvain has not. When v moves, its neighbours outside its
    /// new community that are not queued join the queue. Ends when the queue is empty: then no
    /// node has a move with a positive gain given the moves of its neighbours. Returns the number
    /// of moves.
    ///
    /// The loop works on unsafe buffers of the state's arrays taken once for the whole run (indices
    /// come from the graph's own CSR and labels `< communityCount`).
    /// - Complexity: O(Σ deg) over the nodes taken: O(m) for the first pass through `order`, then
    ///   the rows of the nodes re-queued (few once the partition settles); O(n) memory.
    mutating func moveNodes(_ g: LevelGraph, order: [Int32], scale: Double, emptyCommunities: Bool) -> Int {
        let n = g.n
        guard n > 0 else { return 0 }
        precondition(order.count == n, "the order must list every node once")
        // Empty community ids, the smallest on top.
        var free: [Int32] = []
        if emptyCommunities {
            for c in stride(from: size.count - 1, through: 0, by: -1) where size[c] == 0 { free.append(Int32(c)) }
        }
        var queue = order   // ring buffer of capacity n
        var queued = [Bool](repeating: true, count: n)
        var moves = 0
        // The state's arrays as locals (moved out, so no copy) for the buffers below.
        var community = self.community, total = self.total, size = self.size
        var weightTo = self.weightTo, touched = self.touched
        self.community = []; self.total = []; self.size = []; self.weightTo = []; self.touched = []
        defer {
            self.community = community; self.total = total; self.size = size
            self.weightTo = weightTo; self.touched = touched
        }
        g.withRows { off, nb, w, strength in
        community.withUnsafeMutableBufferPointer { comm in
        total.withUnsafeMutableBufferPointer { tot in
        size.withUnsafeMutableBufferPointer { sz in
        weightTo.withUnsafeMutableBufferPointer { wt in
        touched.withUnsafeMutableBufferPointer { tc in
        queue.withUnsafeMutableBufferPointer { q in
        queued.withUnsafeMutableBufferPointer { qd in
            var head = 0, count = n
            while count > 0 {
                let v = Int(q[head])
                head = head + 1 == n ? 0 : head + 1
                count -= 1
                qd[v] = false
                let k = strength[v]
                let own = comm[v]
                let start = off[v], end = off[v + 1]
                // w(v, c) of every neighbouring community, own first.
                tc[0] = own
                var met = 1
                for i in start..<end {
                    let c = comm[Int(nb[i])]
                    if wt[Int(c)] == 0 && c != own { tc[met] = c; met += 1 }
                    wt[Int(c)] += w[i]
                }
                let sk = scale * k
                let eps = 1e-12 * k
                var best = own
                var bestGain = wt[Int(own)] - sk * (tot[Int(own)] - k)
                for i in 1..<met {
                    let c = tc[i]
                    let gain = wt[Int(c)] - sk * tot[Int(c)]
                    if gain > bestGain + eps { best = c; bestGain = gain }
                }
                for i in 0..<met { wt[Int(tc[i])] = 0 }
                if emptyCommunities, sz[Int(own)] > 1, let empty = free.last, 0 > bestGain + eps { best = empty }
                guard best != own else { continue }
                if emptyCommunities && best == free.last { free.removeLast() }
                tot[Int(own)] -= k
                sz[Int(own)] -= 1
                tot[Int(best)] += k
                sz[Int(best)] += 1
                comm[v] = best
                moves += 1
                if emptyCommunities && sz[Int(own)] == 0 { free.append(own) }
                for i in start..<end {
                    let u = Int(nb[i])
                    if !qd[u] && comm[u] != best {
                        qd[u] = true
                        var tail = head + count
                        if tail >= n { tail -= n }
                        q[tail] = Int32(u)
                        count += 1
                    }
                }
            }
        }}}}}}}}
        return moves
    }
}

/// Labels renumbered `0..<count` in order of first appearance.
func compact(_ labels: [Int32]) -> (labels: [Int32], count: Int) {
    var map = [Int32](repeating: -1, count: (labels.max().map { Int($0) } ?? -1) + 1)
    var out = [Int32](repeating: 0, count: labels.count)
    var next: Int32 = 0
    for (v, c) in labels.enumerated() {
        if map[Int(c)] < 0 { map[Int(c)] = next; next += 1 }
        out[v] = map[Int(c)]
    }
    return (out, Int(next))
}

extension SplitMix64 {
    /// A uniform double in [0, 1) from the top 53 bits.
    mutating func nextUnit() -> Double { Double(next() >> 11) * 0x1p-53 }

    /// The integers `0..<n` in a seeded order that keeps neighbouring ids together on large graphs:
    /// the ids are cut into blocks of `block` consecutive ids, the blocks come in a uniformly random
    /// order (Fisher–Yates) and the ids of a block ascending. Node ids of a coauthorship graph follow
    /// the records, so coauthors tend to have nearby ids; visiting them block by block reads the CSR
    /// rows and the community array of nearby nodes while they are still in cache, where a uniformly
    /// random order misses the cache at nearly every row once the arrays outgrow it. The default
    /// block is 64 ids from 2¹⁷ nodes on and 1 (a uniformly random order) below, where everything
    /// fits in the cache anyway and where the order should vary with the seed node by node.
    mutating func blockPermutation(_ n: Int, block: Int? = nil) -> [Int32] {
        let block = block ?? (n >= 1 << 17 ? 64 : 1)
        guard block > 1 else { return permutation(n) }
        let blocks = (n + block - 1) / block
        var out = [Int32]()
        out.reserveCapacity(n)
        for b in permutation(blocks) {
            let lo = Int(b) * block
            for v in lo..<min(n, lo + block) { out.append(Int32(v)) }
        }
        return out
    }

    /// The integers `0..<n` in a uniformly random order (Fisher–Yates).
    mutating func permutation(_ n: Int) -> [Int32] {
        var p = (0..<n).map { Int32($0) }
        if n > 1 {
            p.withUnsafeMutableBufferPointer { b in
                for i in stride(from: n - 1, to: 0, by: -1) {
                    // next(below: i + 1), inlined: Lemire's method exactly as the standard
                    // library's next(upperBound:), so the same draws.
                    let bound = UInt64(i + 1)
                    var m = next().multipliedFullWidth(by: bound)
                    if m.low < bound {
                        let t = (0 &- bound) % bound
                        while m.low < t { m = next().multipliedFullWidth(by: bound) }
                    }
                    let j = Int(m.high)
                    let x = b[i]
                    b[i] = b[j]
                    b[j] = x
                }
            }
        }
        return p
    }
}
