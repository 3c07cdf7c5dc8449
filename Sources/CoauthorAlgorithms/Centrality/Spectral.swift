import CoauthorGraph
import CoauthorParallel
import Foundation

/// Eigenvector centrality and PageRank: power iterations over the CSR arrays with no allocation
/// per iteration.
public enum Spectral {
    /// The outcome of a power iteration.
    public struct Result: Sendable {
        public var values: [Double]
        public var iterations: Int
    }

    /// Eigenvector centrality, iterating as networkx 3.x `eigenvector_centrality(G, weight="weight",
    /// max_iter=1000, tol=1e-12)` does: x₀ = 1/n, x ← (A + I) x (the shift keeps bipartite graphs
    /// from oscillating), x ← x / ‖x‖₂, until Σ|x − x_prev| < n · tol.
    ///
    /// Each iteration pulls along the CSR rows, y(v) = x(v) + Σ_{u ∈ N(v)} w(u,v) x(u) with the
    /// neighbours in ascending order (the same sums, in the same order, as networkx's push), in
    /// fixed row blocks on up to `threads` cores; the norm and the change are summed per block and
    /// then in block order, so any thread count gives the same bits.
    ///
    /// Reference: P. Bonacich, "Power and centrality: a family of measures", Am. J. Sociol. 92(5),
    /// 1987, doi:10.1086/228631.
    /// - Complexity: O(n + m) per iteration (two passes: the product with its squared norm, then
    ///   the scaling with the change), O(n) extra memory.
    /// - Throws: `AlgorithmError.notConverged` after `maxIterations`; `invalidParameter` on an empty graph.
    public static func eigenvector(_ g: WeightedAdjacency, maxIterations: Int = 1000, tolerance: Double = 1e-12,
                                   threads: Int = 0,
                                   progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        let n = g.nodeCount
        guard n > 0 else { throw AlgorithmError.invalidParameter("eigenvector centrality of an empty graph is undefined") }
        var x = Parallel.Scratch(count: n, value: 1.0 / Double(n))
        var next = Parallel.Scratch(count: n, value: 0.0)
        defer { x.release(); next.release() }
        let blocks = Parallel.ranges(n, blocks: Parallel.blocks)
        let rows = PullRows(g)
        let estimate = ConvergenceEstimate(target: Double(n) * tolerance, maxIterations: maxIterations, report: progress)
        for it in 1...max(1, maxIterations) {
            let xs = x, ys = next
            let squares = Parallel.map(blocks: blocks.count, threads: threads) { b -> Double in
                var sq = 0.0
                rows.pull(blocks[b], from: xs.base) { v, sum in
                    let y = xs.base[v] + sum
                    ys.base[v] = y
                    sq += y * y
                }
                return sq
            }
            var norm = squares.reduce(0, +).squareRoot()
            if norm == 0 { norm = 1 }
            let scale = norm
            let diffs = Parallel.map(blocks: blocks.count, threads: threads) { b -> Double in
                var diff = 0.0
                for v in blocks[b] {
                    let y = ys.base[v] / scale
                    ys.base[v] = y
                    diff += abs(y - xs.base[v])
                }
                return diff
            }
            let diff = diffs.reduce(0, +)
            swap(&x, &next)
            if diff < Double(n) * tolerance {
                estimate.finish(it)
                return Result(values: x.array, iterations: it)
            }
            estimate.update(iteration: it, change: diff)
        }
        throw AlgorithmError.notConverged(method: "eigenvector centrality", iterations: maxIterations)
    }

    /// PageRank as networkx 3.x `pagerank(G, alpha, weight="weight", tol)` computes it: transition
    /// probabilities w(u,v)/s(u), uniform teleport, dangling (isolated) nodes' mass spread
    /// uniformly, x₀ = 1/n, until Σ|x − x_prev| < n · tol:
    /// x'(v) = α (Σ_{u ∈ N(v)} x(u) w(u,v)/s(u) + D/n) + (1 − α)/n, D = Σ_{s(u) = 0} x(u).
    ///
    /// One pass per iteration pulls along the CSR rows (neighbours ascending: networkx's sums in
    /// networkx's order) in fixed row blocks on up to `threads` cores and writes the next
    /// iteration's shares x'(u)/s(u) as it goes; the change is summed per block, then in block
    /// order, so any thread count gives the same bits.
    ///
    /// Reference: S. Brin & L. Page, "The anatomy of a large-scale hypertextual Web search engine",
    /// Computer Networks 30, 1998, doi:10.1016/S0169-7552(98)00110-X.
    /// - Complexity: O(n + m) per iteration, O(n) extra memory.
    public static func pageRank(_ g: WeightedAdjacency, alpha: Double = 0.85, maxIterations: Int = 1000,
                                tolerance: Double = 1e-12, threads: Int = 0,
                                progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil) throws -> Result {
        let n = g.nodeCount
        guard alpha >= 0, alpha <= 1 else { throw AlgorithmError.invalidParameter("alpha must lie in [0, 1]") }
        guard n > 0 else { return Result(values: [], iterations: 0) }
        var invStrength = [Double](repeating: 0, count: n)
        var dangling: [Int] = []
        for v in 0..<n {
            var s = 0.0
            for k in g.offsets[v]..<g.offsets[v + 1] { s += g.weights[k] }
            if s != 0 { invStrength[v] = 1 / s } else { dangling.append(v) }
        }
        let inv = invStrength
        let uniform = 1.0 / Double(n)
        var x = Parallel.Scratch(count: n, value: uniform)
        var next = Parallel.Scratch(count: n, value: 0.0)
        // share(u) = x(u) / s(u), the mass u sends along each unit of weight.
        var share = Parallel.Scratch(invStrength.map { $0 * uniform })
        var nextShare = Parallel.Scratch(count: n, value: 0.0)
        defer { x.release(); next.release(); share.release(); nextShare.release() }
        let blocks = Parallel.ranges(n, blocks: Parallel.blocks)
        let rows = PullRows(g)
        let estimate = ConvergenceEstimate(target: Double(n) * tolerance, maxIterations: maxIterations, report: progress)
        for it in 1...max(1, maxIterations) {
            var danglingMass = 0.0
            for v in dangling { danglingMass += x.base[v] }
            let spread = danglingMass * uniform
            let xs = x, ys = next, sh = share, nsh = nextShare
            let diffs = Parallel.map(blocks: blocks.count, threads: threads) { b -> Double in
                var diff = 0.0
                rows.pull(blocks[b], from: sh.base) { v, sum in
                    let y = alpha * (sum + spread) + (1 - alpha) * uniform
                    ys.base[v] = y
                    nsh.base[v] = y * inv[v]
                    diff += abs(y - xs.base[v])
                }
                return diff
            }
            let diff = diffs.reduce(0, +)
            swap(&x, &next)
            swap(&share, &nextShare)
            if diff < Double(n) * tolerance {
                estimate.finish(it)
                return Result(values: x.array, iterations: it)
            }
            estimate.update(iteration: it, change: diff)
        }
        throw AlgorithmError.notConverged(method: "PageRank", iterations: maxIterations)
    }
}

/// The rows of a graph for a pulled sparse matrix–vector product, with the weights as `Float` when
/// every weight is one exactly (integer joint-paper counts below 2²⁴ are): the products are then
/// the same bits as with `Double` weights, from a third less memory traffic per edge.
struct PullRows: Sendable {
    let g: WeightedAdjacency
    let narrow: [Float]?

    init(_ g: WeightedAdjacency) {
        self.g = g
        var exact = true
        for w in g.weights where Double(Float(w)) != w { exact = false; break }
        narrow = exact ? g.weights.map { Float($0) } : nil
    }

    /// For each row v of `rows` in order: row(v, Σ_{k in v's row, ascending} x[u_k] · w_k).
    @inline(__always)
    func pull(_ rows: Range<Int>, from x: UnsafeMutablePointer<Double>, _ row: (Int, Double) -> Void) {
        g.offsets.withUnsafeBufferPointer { off in
            g.neighbors.withUnsafeBufferPointer { nb in
                if let narrow {
                    narrow.withUnsafeBufferPointer { w in
                        for v in rows {
                            var s = 0.0
                            for k in off[v]..<off[v + 1] { s += x[Int(nb[k])] * Double(w[k]) }
                            row(v, s)
                        }
                    }
                } else {
                    g.weights.withUnsafeBufferPointer { w in
                        for v in rows {
                            var s = 0.0
                            for k in off[v]..<off[v + 1] { s += x[Int(nb[k])] * w[k] }
                            row(v, s)
                        }
                    }
                }
            }
        }
    }
}

/// Progress of a power iteration for a progress bar: the change shrinks about geometrically, so
/// the iterations still needed are estimated from its rate so far, log(change / target) /
/// log(rate); reported as (iterations done, iterations expected in all).
final class ConvergenceEstimate {
    private let target: Double
    private let maxIterations: Int
    private let report: (@Sendable (_ done: Int, _ total: Int) -> Void)?
    @exclusivity(unchecked) private var first = 0.0

    init(target: Double, maxIterations: Int, report: (@Sendable (_ done: Int, _ total: Int) -> Void)?) {
        self.target = target
        self.maxIterations = maxIterations
        self.report = report
    }

    func update(iteration: Int, change: Double) {
        guard let report else { return }
        if iteration == 1 { first = change; report(1, maxIterations); return }
        var total = maxIterations
        if change > 0, first > change, target > 0 {
            let rate = pow(change / first, 1 / Double(iteration - 1))
            if rate > 0, rate < 1 {
                let more = log(target / change) / log(rate)
                if more.isFinite { total = min(maxIterations, iteration + max(1, Int(more.rounded(.up)))) }
            }
        }
        report(iteration, total)
    }

    func finish(_ iteration: Int) { report?(iteration, iteration) }
}
