import CoauthorParallel

/// How an edge's weight is counted.
public enum Counting: String, Sendable, CaseIterable {
    /// Joint papers (each joint paper adds 1).
    case full
    /// Σ 1/(n−1) over joint papers with n authors (Newman 2001).
    case fractional
}

/// One weighted undirected edge between node indices.
public struct WeightedEdge: Sendable, Hashable {
    public var a: Int
    public var b: Int
    public var weight: Double
    public init(_ a: Int, _ b: Int, _ weight: Double = 1) {
        self.a = a
        self.b = b
        self.weight = weight
    }
}

/// The view algorithms work on: CSR adjacency with a `Double` weight per entry.
///
/// Row `v` is `neighbors[offsets[v]..<offsets[v+1]]`, ascending, each undirected edge stored in both
/// rows with the same weight. No self-loops and no parallel edges.
public struct WeightedAdjacency: Sendable {
    public let nodeCount: Int
    public let offsets: [Int]
    public let neighbors: [Int32]
    public let weights: [Double]

    public var edgeCount: Int { neighbors.count / 2 }

    @inline(__always) public func degree(_ v: Int) -> Int { offsets[v + 1] - offsets[v] }

    /// The graph's adjacency with weights counted as asked; with `threads` other than 1 (0: all
    /// cores), a large graph's weights are looked up in two halves on two threads.
    public init(_ g: CoauthorGraph, counting: Counting = .full, threads: Int = 1) {
        nodeCount = g.nodeCount
        offsets = g.offsets
        neighbors = g.neighbors
        let entries = g.adjacencyEdge, parallel = threads != 1 && entries.count >= 1 << 20
        switch counting {
        case .full:
            let w = g.edgeWeight
            weights = filled(count: entries.count, parallel: parallel) { Double(w[Int(entries[$0])]) }
        case .fractional:
            let w = g.edgeFractional
            weights = filled(count: entries.count, parallel: parallel) { w[Int(entries[$0])] }
        }
    }

    /// A graph from an edge list (tests, external networks). Parallel edges are summed; self-loops,
    /// edges outside `0..<nodeCount` and weights that are not positive and finite are rejected, so
    /// every `WeightedAdjacency` has positive, finite weights (as one built from a coauthorship
    /// graph has by construction: joint papers ≥ 1, fractional counts > 0), and no algorithm
    /// checks them again.
    public init(nodeCount: Int, edges: [WeightedEdge]) throws {
        var list: [(Int, Int, Double)] = []
        list.reserveCapacity(edges.count)
        for e in edges {
            guard e.a >= 0, e.b >= 0, e.a < nodeCount, e.b < nodeCount else { throw GraphError.nodeOutOfRange(max(e.a, e.b)) }
            guard e.a != e.b else { throw GraphError.selfLoop(e.a) }
            guard e.weight > 0, e.weight.isFinite else { throw GraphError.badWeight(a: e.a, b: e.b, weight: e.weight) }
            list.append((min(e.a, e.b), max(e.a, e.b), e.weight))
        }
        list.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        var merged: [(Int, Int, Double)] = []
        for e in list {
            if let l = merged.last, l.0 == e.0, l.1 == e.1 { merged[merged.count - 1].2 += e.2 } else { merged.append(e) }
        }
        var off = [Int](repeating: 0, count: nodeCount + 1)
        for e in merged { off[e.0 + 1] += 1; off[e.1 + 1] += 1 }
        for v in 0..<nodeCount { off[v + 1] += off[v] }
        var fill = off
        var nb = [Int32](repeating: 0, count: 2 * merged.count)
        var w = [Double](repeating: 0, count: 2 * merged.count)
        // Sorted by (small, large): appending gives ascending rows (see CoauthorGraph's CSR).
        for e in merged {
            nb[fill[e.0]] = Int32(e.1); w[fill[e.0]] = e.2; fill[e.0] += 1
            nb[fill[e.1]] = Int32(e.0); w[fill[e.1]] = e.2; fill[e.1] += 1
        }
        self.nodeCount = nodeCount
        offsets = off
        neighbors = nb
        weights = w
    }

    /// The weight between `a` and `b` (binary search in `a`'s row), or nil.
    public func weight(_ a: Int, _ b: Int) -> Double? {
        adjacencyEntry(offsets, neighbors, a, b).map { weights[$0] }
    }
}

/// Errors in graph construction from raw edge lists.
public enum GraphError: Error, Sendable, Equatable, CustomStringConvertible {
    case nodeOutOfRange(Int)
    case selfLoop(Int)
    /// A weight that is not positive and finite.
    case badWeight(a: Int, b: Int, weight: Double)

    public var description: String {
        switch self {
        case .nodeOutOfRange(let v): return "edge endpoint \(v) is not a node"
        case .selfLoop(let v): return "self-loop at node \(v)"
        case .badWeight(let a, let b, let w): return "edge \(a)–\(b) has weight \(w); weights must be positive and finite"
        }
    }
}
