import CoauthorGraph

/// The node metrics `coauthor rank --by` offers, each defined as networkx 3.x defines it.
public enum Metric: String, Sendable, CaseIterable {
    /// Papers per author (from the graph, not the adjacency).
    case papers
    /// Distinct coauthors: networkx `G.degree(n)`.
    case degree
    /// Σ edge weights: networkx `G.degree(n, weight="weight")`.
    case strength
    case betweenness
    case closeness
    case harmonic
    case eigenvector
    case pagerank
    /// Local clustering coefficient (unweighted).
    case clustering
    /// Core number.
    case core
    /// Burt's constraint (lower = more brokerage).
    case constraint
    case effectiveSize = "effective-size"

    /// Whether a larger value ranks higher (constraint ranks lowest-first).
    public var higherIsBetter: Bool { self != .constraint }
}

/// Parameters shared by the metrics.
public struct MetricOptions: Sendable {
    /// Path length for betweenness, closeness and harmonic.
    public var distance: PathDistance = .hops
    /// PageRank damping.
    public var alpha: Double = 0.85
    /// Sampled betweenness: pivot count (nil = exact) and seed.
    public var samples: Int? = nil
    public var seed: UInt64 = 0
    /// Cores to use (0 = all).
    public var threads: Int = 0
    /// Called with (units done, units in all) by the slow methods, serialised: sources by
    /// betweenness, closeness and harmonic (from worker threads); iterations done and expected by
    /// PageRank and eigenvector; nodes by clustering.
    public var progress: (@Sendable (_ done: Int, _ total: Int) -> Void)? = nil

    public init(distance: PathDistance = .hops, alpha: Double = 0.85, samples: Int? = nil, seed: UInt64 = 0, threads: Int = 0) {
        self.distance = distance
        self.alpha = alpha
        self.samples = samples
        self.seed = seed
        self.threads = threads
    }
}

extension Metric {
    /// The metric's value for every node of `g`. `papers` needs the per-node paper counts.
    /// - Throws: `AlgorithmError` when an iterative method does not converge or a parameter is off.
    public func compute(_ g: WeightedAdjacency, papers: [Int32]? = nil, options: MetricOptions = MetricOptions()) throws -> [Double] {
        switch self {
        case .papers:
            guard let p = papers else { throw AlgorithmError.invalidParameter("papers need the graph's paper counts") }
            return p.map(Double.init)
        case .degree:
            return (0..<g.nodeCount).map { Double(g.degree($0)) }
        case .strength:
            return (0..<g.nodeCount).map { v in
                var s = 0.0
                for k in g.offsets[v]..<g.offsets[v + 1] { s += g.weights[k] }
                return s
            }
        case .betweenness:
            return Betweenness.compute(g, distance: options.distance, samples: options.samples, seed: options.seed,
                                       threads: options.threads, progress: options.progress)
        case .closeness:
            return Closeness.closeness(g, distance: options.distance, threads: options.threads, progress: options.progress)
        case .harmonic:
            return Closeness.harmonic(g, distance: options.distance, threads: options.threads, progress: options.progress)
        case .eigenvector:
            return try Spectral.eigenvector(g, threads: options.threads, progress: options.progress).values
        case .pagerank:
            return try Spectral.pageRank(g, alpha: options.alpha, threads: options.threads, progress: options.progress).values
        case .clustering:
            return Clustering(g, threads: options.threads, progress: options.progress).local
        case .core:
            return KCore.coreNumbers(g).map(Double.init)
        case .constraint:
            return StructuralHoles.constraint(g)
        case .effectiveSize:
            return StructuralHoles.effectiveSize(g)
        }
    }
}
