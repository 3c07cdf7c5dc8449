import CoauthorGraph

/// Hop distances from up to 64 sources at once: a bit-parallel multi-source breadth-first search
/// (M. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann, H. T. Vo,
/// "The more the merrier: efficient multi-source graph traversal", PVLDB 8(4), 2014,
/// doi:10.14778/2735496.2735507).
///
/// Bit i of a node's word stands for source i of the batch. Level by level, every node whose
/// frontier word is non-zero pushes it to its neighbours: next(w) |= frontier(v) & ¬seen(w); the
/// new bits of w are the sources that reach w at this level. A node is scanned once per distinct
/// distance at which the batch's sources reach it, not once per source, so in small-world graphs a
/// batch costs a few passes over the edges instead of 64.
///
/// Per source i and level d the search yields c_i(d) = |{v : d(s_i, v) = d}|, counted for all 64
/// sources at once with bit-sliced (carry-save) counters. From these:
/// reached_i = Σ_{d≥1} c_i(d), D_i = Σ_d d · c_i(d) (exact integers) and H_i = Σ_d c_i(d) / d.
///
/// - Complexity: O(L · n/64 + Σ_v ℓ(v) · d(v)) per batch, where L is the number of levels and ℓ(v)
///   the number of distinct distances from the batch's sources to v (≤ 64); O(n) words of memory.
struct MultiSourceBFS {
    /// Per source of the last batch: nodes reached (source excluded), Σ hop distances, Σ 1/distance.
    private(set) var reached = [Int](repeating: 0, count: 64)
    private(set) var distanceSum = [Int](repeating: 0, count: 64)
    private(set) var inverseSum = [Double](repeating: 0, count: 64)

    private let g: WeightedAdjacency
    /// seen(v) at 2v, next(v) at 2v + 1: the two words a push touches share a cache line.
    private var state: [UInt64]
    private var frontier: [UInt64]
    private var active: [Int32] = []
    private var nextActive: [Int32] = []
    /// Bit-sliced counters: bit i of plane j is bit j of source i's count at the current level.
    private var planes = [UInt64](repeating: 0, count: 64)

    init(_ g: WeightedAdjacency) {
        self.g = g
        state = [UInt64](repeating: 0, count: 2 * g.nodeCount)
        frontier = [UInt64](repeating: 0, count: g.nodeCount)
        active.reserveCapacity(g.nodeCount)
        nextActive.reserveCapacity(g.nodeCount)
    }

    /// Searches from the sources `batch` (at most 64 consecutive nodes); the results are in
    /// `reached`, `distanceSum` and `inverseSum`, index i for source `batch.lowerBound + i`.
    mutating func run(_ batch: Range<Int>) {
        precondition(batch.count <= 64)
        let lanes = batch.count
        for i in 0..<64 { reached[i] = 0; distanceSum[i] = 0; inverseSum[i] = 0 }
        // Clear what the previous batch set.
        for i in 0..<state.count { state[i] = 0 }
        active.removeAll(keepingCapacity: true)
        for (i, s) in batch.enumerated() {
            state[2 * s] |= 1 << UInt64(i)
            frontier[s] |= 1 << UInt64(i)
            active.append(Int32(s))
        }
        var level = 0
        let off = g.offsets, nb = g.neighbors
        while !active.isEmpty {
            level += 1
            nextActive.removeAll(keepingCapacity: true)
            state.withUnsafeMutableBufferPointer { st in
                off.withUnsafeBufferPointer { o in
                    nb.withUnsafeBufferPointer { a in
                        for v32 in active {
                            let v = Int(v32)
                            let f = frontier[v]
                            for k in o[v]..<o[v + 1] {
                                let w = Int(a[k])
                                let add = f & ~st[2 * w]
                                if add == 0 { continue }
                                if st[2 * w + 1] == 0 { nextActive.append(a[k]) }
                                st[2 * w + 1] |= add
                            }
                        }
                    }
                }
            }
            for v in active { frontier[Int(v)] = 0 }
            var top = 0   // planes in use
            for w32 in nextActive {
                let w = Int(w32)
                let x = state[2 * w + 1]
                state[2 * w + 1] = 0
                state[2 * w] |= x
                frontier[w] = x
                // Add x to the bit-sliced counters (ripple carry; amortised O(1) planes per add).
                var carry = x, j = 0
                while carry != 0 {
                    let c = planes[j] & carry
                    planes[j] ^= carry
                    carry = c
                    j += 1
                }
                if j > top { top = j }
            }
            if top > 0 {
                for i in 0..<lanes {
                    var count = 0
                    for j in 0..<top { count |= Int((planes[j] >> UInt64(i)) & 1) << j }
                    if count == 0 { continue }
                    reached[i] += count
                    distanceSum[i] += level * count
                    inverseSum[i] += Double(count) / Double(level)
                }
                for j in 0..<top { planes[j] = 0 }
            }
            swap(&active, &nextActive)
        }
    }
}
