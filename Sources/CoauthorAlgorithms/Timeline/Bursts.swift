import CoauthorGraph
import Foundation

/// A burst in a series of batches: the batches `start...end` (inclusive) spent in the high state.
public struct Burst: Sendable, Equatable {
    public var start: Int
    public var end: Int
    /// Σ_{t=start}^{end} (σ(0, t) − σ(1, t)): how much cheaper the high state explains the burst's
    /// batches than the base state (Kleinberg's "weight" of a burst; CiteSpace's "strength").
    public var strength: Double
}

/// Kleinberg's burst detection for batched data, two states (J. Kleinberg, "Bursty and hierarchical
/// structure in streams", KDD 2002, doi:10.1145/775047.775061; Data Min. Knowl. Disc. 7, 2003,
/// doi:10.1023/A:1024940629314, §4 "Enumerating bursts").
///
/// Batch t holds d_t documents of which r_t are relevant (a year's papers, and the author's or the
/// tie's among them). The base state q₀ emits relevant documents at the overall rate p₀ = R/D
/// (R = Σ r_t, D = Σ d_t), the burst state q₁ at p₁ = min(s·p₀, 1). Explaining batch t by state i
/// costs the negative log-likelihood
///
///     σ(i, t) = −ln[ C(d_t, r_t) · p_i^{r_t} · (1 − p_i)^{d_t − r_t} ]
///
/// (the binomial coefficient is the same for both states and is dropped; 0·ln 0 = 0, and a state
/// that cannot emit the batch costs +∞). Entering the burst state costs τ = γ·ln n for n batches;
/// leaving it is free. The state sequence q minimising Σ_t σ(q_t, t) + Σ_t τ·[q_{t−1} = 0 ∧ q_t = 1],
/// starting from q₀ before the first batch, is found by the Viterbi recurrence; each maximal run in
/// q₁ is a burst. Ties go to the lower state, so a flat series has no burst.
///
/// - Complexity: O(n) time and memory per series.
public enum Kleinberg {
    /// The bursts of a series of relevant counts `r` within batch totals `d`, in time order.
    /// - Parameters:
    ///   - s: the ratio of the burst rate to the base rate (> 1; Kleinberg's default 2).
    ///   - gamma: the weight of the cost of entering a burst (≥ 0; default 1).
    /// - Throws: `AlgorithmError.invalidParameter` for mismatched lengths, a count outside
    ///   0...d_t, s ≤ 1 or γ < 0.
    public static func bursts(counts r: [Int], totals d: [Int], s: Double = 2, gamma: Double = 1) throws -> [Burst] {
        guard r.count == d.count else { throw AlgorithmError.invalidParameter("counts and totals must have the same length") }
        guard s > 1, s.isFinite else { throw AlgorithmError.invalidParameter("the burst rate ratio s must be greater than 1") }
        guard gamma >= 0, gamma.isFinite else { throw AlgorithmError.invalidParameter("the transition cost γ must be 0 or more") }
        var R = 0, D = 0
        for t in 0..<r.count {
            guard r[t] >= 0, r[t] <= d[t] else {
                throw AlgorithmError.invalidParameter("batch \(t): \(r[t]) relevant of \(d[t]) documents")
            }
            R += r[t]; D += d[t]
        }
        var work = Workspace()
        return bursts(r, d, R: R, D: D, s: s, gamma: gamma, work: &work)
    }

    /// Buffers reused across series.
    struct Workspace {
        var cost0: [Double] = [], cost1: [Double] = []
        var from0: [Bool] = [], from1: [Bool] = []
        var state: [Bool] = []
    }

    /// The unchecked core, with the series' totals given.
    static func bursts(_ r: [Int], _ d: [Int], R: Int, D: Int, s: Double, gamma: Double, work: inout Workspace) -> [Burst] {
        let n = r.count
        guard n > 0, R > 0, D > 0 else { return [] }
        let p0 = Double(R) / Double(D)
        let p1 = min(s * p0, 1)
        if p1 == p0 { return [] }   // p₀ = 1: both states explain everything equally
        let lp0 = log(p0), lq0 = log1p(-p0), lp1 = log(p1), lq1 = p1 < 1 ? log1p(-p1) : -Double.infinity
        @inline(__always) func sigma(_ lp: Double, _ lq: Double, _ rt: Int, _ dt: Int) -> Double {
            var c = 0.0
            if rt > 0 { c -= Double(rt) * lp }
            if dt > rt { c -= Double(dt - rt) * lq }
            return c
        }
        let tau = gamma * log(Double(n))
        if work.cost0.count != n {
            work.cost0 = [Double](repeating: 0, count: n)
            work.cost1 = [Double](repeating: 0, count: n)
            // from_i[t]: the state at t − 1 on the best path into state i at t is the burst state.
            work.from0 = [Bool](repeating: false, count: n)
            work.from1 = [Bool](repeating: false, count: n)
            work.state = [Bool](repeating: false, count: n)
        }
        var c0 = 0.0, c1 = Double.infinity   // before the first batch: in q₀
        for t in 0..<n {
            let s0 = sigma(lp0, lq0, r[t], d[t]), s1 = sigma(lp1, lq1, r[t], d[t])
            work.cost0[t] = s0
            work.cost1[t] = s1
            // Into q₀: from q₀ or from q₁ (leaving is free); ties stay low.
            let n0: Double
            work.from0[t] = c1 < c0
            n0 = min(c0, c1) + s0
            // Into q₁: from q₀ paying τ, or staying; ties come from the lower state.
            let n1: Double
            work.from1[t] = c1 < c0 + tau
            n1 = min(c0 + tau, c1) + s1
            c0 = n0; c1 = n1
        }
        var inBurst = c1 < c0
        for t in stride(from: n - 1, through: 0, by: -1) {
            work.state[t] = inBurst
            inBurst = inBurst ? work.from1[t] : work.from0[t]
        }
        var out: [Burst] = []
        var t = 0
        while t < n {
            guard work.state[t] else { t += 1; continue }
            var u = t, strength = 0.0
            while u < n && work.state[u] { strength += work.cost0[u] - work.cost1[u]; u += 1 }
            out.append(Burst(start: t, end: u - 1, strength: strength))
            t = u
        }
        return out
    }
}

/// A burst of an author's papers or of a tie's joint papers, in years.
public struct TimelineBurst: Sendable, Equatable {
    public enum Subject: Sendable, Hashable {
        /// A node: its papers per year.
        case author(Int)
        /// An edge: its joint papers per year.
        case tie(Int)
    }
    public var subject: Subject
    public var start: Int
    public var end: Int
    public var strength: Double
    /// The subject's papers in the burst's years.
    public var papers: Int
}

extension CollaborationHistory {
    /// Kleinberg's two-state bursts of every author's papers and every tie's joint papers per year
    /// (or only `author`'s and their ties'), against the field's papers per year as batch totals,
    /// over the field's years (first to last, years without papers included).
    ///
    /// Ordered by strength (strongest first), then start year, authors before ties, then index.
    /// Communities' bursts await the communities module.
    ///
    /// - Complexity: O((N + E) · Y) for Y years (O((1 + d) · Y) for one author of degree d).
    public func bursts(author: Int? = nil, s: Double = 2, gamma: Double = 1) throws -> [TimelineBurst] {
        guard s > 1, s.isFinite else { throw AlgorithmError.invalidParameter("the burst rate ratio s must be greater than 1") }
        guard gamma >= 0, gamma.isFinite else { throw AlgorithmError.invalidParameter("the transition cost γ must be 0 or more") }
        if let v = author, v < 0 || v >= graph.nodeCount { throw AlgorithmError.noSuchNode(v) }
        guard let years else { return [] }
        let base = years.lowerBound
        let totals = papersPerYear
        let D = totals.reduce(0, +)
        var counts = [Int](repeating: 0, count: totals.count)
        var work = Kleinberg.Workspace()
        var out: [TimelineBurst] = []
        func run(_ subject: TimelineBurst.Subject, _ papers: ArraySlice<Int32>) {
            let perYear = yearCounts(papers)
            if perYear.isEmpty { return }
            var R = 0
            for yc in perYear { counts[yc.year - base] = yc.count; R += yc.count }
            for b in Kleinberg.bursts(counts, totals, R: R, D: D, s: s, gamma: gamma, work: &work) {
                var inBurst = 0
                for t in b.start...b.end { inBurst += counts[t] }
                out.append(TimelineBurst(subject: subject, start: base + b.start, end: base + b.end,
                                         strength: b.strength, papers: inBurst))
            }
            for yc in perYear { counts[yc.year - base] = 0 }
        }
        if let v = author {
            run(.author(v), nodePapers.row(v))
            for k in graph.offsets[v]..<graph.offsets[v + 1] {
                let e = Int(graph.adjacencyEdge[k])
                run(.tie(e), edgePapers.row(e))
            }
        } else {
            for v in 0..<graph.nodeCount { run(.author(v), nodePapers.row(v)) }
            for e in 0..<graph.edgeCount { run(.tie(e), edgePapers.row(e)) }
        }
        func rank(_ s: TimelineBurst.Subject) -> (Int, Int) {
            switch s {
            case .author(let v): return (0, v)
            case .tie(let e): return (1, e)
            }
        }
        out.sort { x, y in
            if x.strength != y.strength { return x.strength > y.strength }
            if x.start != y.start { return x.start < y.start }
            return rank(x.subject) < rank(y.subject)
        }
        return out
    }
}
