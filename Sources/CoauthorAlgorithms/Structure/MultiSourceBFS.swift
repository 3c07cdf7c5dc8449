import CoauthorGraph

/// Hop distances from up to 256 sources at once: a bit-parallel multi-source breadth-first search
/// (M. Then, M. Kaufmann, F. Chirigati, T.-A. Hoang-Vu, K. Pham, A. Kemper, T. Neumann, H. T. Vo,
/// "The more the merrier: efficient multi-source graph traversal", PVLDB 8(4), 2014,
/// doi:10.14778/2735496.2735507).
///
/// Bit i of a node's 256-bit word (four `UInt64` lanes, `SIMD4<UInt64>`) stands for source i of the batch. Level by level, every node whose
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
///   the number of distinct distances from the batch's sources to v (≤ 256); 96 bytes per node.
struct MultiSourceBFS {
    typealias Word = SIMD4<UInt64>
    /// Sources per batch.
    static let width = 256

    /// Per source of the last batch: nodes reached (source excluded), Σ hop distances, Σ 1/distance.
    private(set) var reached = [Int](repeating: 0, count: width)
    private(set) var distanceSum = [Int](repeating: 0, count: width)
    private(set) var inverseSum = [Double](repeating: 0, count: width)

    private let g: WeightedAdjacency
    /// seen(v) at 2v, next(v) at 2v + 1: the two words a push touches are adjacent.
    private var state: [Word]
    private var frontier: [Word]
    /// The nodes with a non-zero frontier (`active[0..<activeCount]`) and those the current level
    /// reaches; both sized n, each node listed at most once.
    private var active: [Int32]
    private var nextActive: [Int32]
    /// Bit-sliced counters: bit i of plane j is bit j of source i's count at the current level.
    private var planes = [Word](repeating: Word(), count: 64)

    init(_ g: WeightedAdjacency) {
        self.g = g
        state = [Word](repeating: Word(), count: 2 * g.nodeCount)
        frontier = [Word](repeating: Word(), count: g.nodeCount)
        active = [Int32](repeating: 0, count: g.nodeCount)
        nextActive = [Int32](repeating: 0, count: g.nodeCount)
    }

    /// Searches from the sources `batch` (at most `width` consecutive nodes); the results are in
    /// `reached`, `distanceSum` and `inverseSum`, index i for source `batch.lowerBound + i`.
    mutating func run(_ batch: Range<Int>) {
        precondition(batch.count <= Self.width)
        let lanes = batch.count
        let zero = Word()
        for i in 0..<Self.width { reached[i] = 0; distanceSum[i] = 0; inverseSum[i] = 0 }
        // Clear what the previous batch set.
        for i in 0..<state.count { state[i] = zero }
        var activeCount = 0
        for (i, s) in batch.enumerated() {
            var bit = zero
            bit[i / 64] = 1 << UInt64(i % 64)
            state[2 * s] |= bit
            frontier[s] |= bit
            active[activeCount] = Int32(s)
            activeCount += 1
        }
        var level = 0
        let off = g.offsets, nb = g.neighbors
        while activeCount > 0 {
            level += 1
            // The innermost loop on raw pointers: no uniqueness or bounds checks.
            var pushed = 0
            let count = activeCount
            nextActive.withUnsafeMutableBufferPointer { na in
                state.withUnsafeMutableBufferPointer { st in
                    frontier.withUnsafeBufferPointer { fr in
                        off.withUnsafeBufferPointer { o in
                            nb.withUnsafeBufferPointer { a in
                                active.withUnsafeBufferPointer { act in
                                    for i in 0..<count {
                                        let v = Int(act[i])
                                        let f = fr[v]
                                        for k in o[v]..<o[v + 1] {
                                            let w = Int(a[k])
                                            let add = f & ~st[2 * w]
                                            if add == zero { continue }
                                            let old = st[2 * w + 1]
                                            if old == zero { na[pushed] = a[k]; pushed += 1 }
                                            st[2 * w + 1] = old | add
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            for i in 0..<count { frontier[Int(active[i])] = zero }
            var top = 0   // planes in use
            for i in 0..<pushed {
                let w = Int(nextActive[i])
                let x = state[2 * w + 1]
                state[2 * w + 1] = zero
                state[2 * w] |= x
                frontier[w] = x
                // Add x to the bit-sliced counters (ripple carry; amortised O(1) planes per add).
                var carry = x, j = 0
                while carry != zero {
                    let c = planes[j] & carry
                    planes[j] ^= carry
                    carry = c
                    j += 1
                }
                if j > top { top = j }
            }
            if top > 0 {
                for i in 0..<lanes {
                    let q = i / 64, r = UInt64(i % 64)
                    var c = 0
                    for j in 0..<top { c |= Int((planes[j][q] >> r) & 1) << j }
                    if c == 0 { continue }
                    reached[i] += c
                    distanceSum[i] += level * c
                    inverseSum[i] += Double(c) / Double(level)
                }
                for j in 0..<top { planes[j] = zero }
            }
            swap(&active, &nextActive)
            activeCount = pushed
        }
    }
}
