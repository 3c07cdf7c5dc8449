import CoauthorGraph

/// How path length is measured.
public enum PathDistance: String, Sendable, CaseIterable {
    /// Every edge has length 1 (hops).
    case hops
    /// An edge's length is 1/weight: strong ties are short (networkx `weight="distance"` with
    /// distance = 1/weight).
    case inverseWeight = "inverse-weight"
}

/// Errors of the algorithms on inputs they cannot handle.
public enum AlgorithmError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An iterative method did not reach its tolerance (networkx's PowerIterationFailedConvergence).
    case notConverged(method: String, iterations: Int)
    /// A node index outside the graph.
    case noSuchNode(Int)
    /// A parameter outside its domain.
    case invalidParameter(String)

    public var description: String {
        switch self {
        case let .notConverged(m, i): return "\(m) did not converge in \(i) iterations"
        case let .noSuchNode(v): return "no node \(v)"
        case let .invalidParameter(s): return s
        }
    }
}

/// A min-heap of (distance, node) with lazy deletion, ties broken by node index.
struct DistanceHeap {
    private(set) var dist: [Double] = []
    private(set) var node: [Int32] = []

    var isEmpty: Bool { dist.isEmpty }

    mutating func removeAll() { dist.removeAll(keepingCapacity: true); node.removeAll(keepingCapacity: true) }

    @inline(__always) private func less(_ i: Int, _ j: Int) -> Bool {
        dist[i] < dist[j] || (dist[i] == dist[j] && node[i] < node[j])
    }

    mutating func push(_ d: Double, _ v: Int32) {
        dist.append(d); node.append(v)
        var i = dist.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if !less(i, p) { break }
            dist.swapAt(i, p); node.swapAt(i, p)
            i = p
        }
    }

    mutating func pop() -> (distance: Double, node: Int32) {
        let top = (dist[0], node[0])
        let last = dist.count - 1
        dist.swapAt(0, last); node.swapAt(0, last)
        dist.removeLast(); node.removeLast()
        var i = 0
        let n = dist.count
        while true {
            let l = 2 * i + 1, r = l + 1
            var m = i
            if l < n && less(l, m) { m = l }
            if r < n && less(r, m) { m = r }
            if m == i { break }
            dist.swapAt(i, m); node.swapAt(i, m)
            i = m
        }
        return (top.0, top.1)
    }
}

/// Reusable single-source shortest-path state (distances, path counts, predecessors, visit order),
/// sized once per graph so repeated searches allocate nothing.
struct SingleSourceSearch {
    let g: WeightedAdjacency
    let distance: PathDistance
    /// Distance from the source; -1 = unreached.
    var dist: [Double]
    /// Number of shortest paths from the source (floating point: counts overflow 64-bit integers
    /// on grids).
    var sigma: [Double]
    /// Nodes in order of settling.
    var order: [Int32]
    /// Predecessors on shortest paths, as CSR rows reused per node: `predStart[v]..<predEnd[v]`
    /// into `preds` (each node's slot has room for its degree).
    var preds: [Int32]
    var predEnd: [Int]
    private var queue: [Int32]
    private var heap = DistanceHeap()

    init(_ g: WeightedAdjacency, distance: PathDistance) {
        self.g = g
        self.distance = distance
        dist = [Double](repeating: -1, count: g.nodeCount)
        sigma = [Double](repeating: 0, count: g.nodeCount)
        order = []
        order.reserveCapacity(g.nodeCount)
        preds = [Int32](repeating: 0, count: g.neighbors.count)
        predEnd = Array(g.offsets.dropLast())
        queue = [Int32](repeating: 0, count: g.nodeCount)
        tentative = [Double](repeating: -1, count: g.nodeCount)
    }

    /// Runs from `s`; with `trackPaths` also fills `sigma` and predecessors (Brandes 2001).
    mutating func run(from s: Int, trackPaths: Bool) {
        // Reset only what the previous run touched.
        for v in order {
            dist[Int(v)] = -1
            sigma[Int(v)] = 0
            predEnd[Int(v)] = g.offsets[Int(v)]
        }
        order.removeAll(keepingCapacity: true)
        switch distance {
        case .hops: bfs(s, trackPaths)
        case .inverseWeight: dijkstra(s, trackPaths)
        }
    }

    private mutating func bfs(_ s: Int, _ track: Bool) {
        let off = g.offsets, nb = g.neighbors
        var head = 0, tail = 0
        queue[tail] = Int32(s); tail += 1
        dist[s] = 0
        sigma[s] = 1
        while head < tail {
            let v = Int(queue[head]); head += 1
            order.append(Int32(v))
            let dv = dist[v] + 1
            for k in off[v]..<off[v + 1] {
                let w = Int(nb[k])
                if dist[w] < 0 {
                    dist[w] = dv
                    queue[tail] = Int32(w); tail += 1
                }
                if track && dist[w] == dv {
                    sigma[w] += sigma[v]
                    preds[predEnd[w]] = Int32(v); predEnd[w] += 1
                }
            }
        }
    }

    private mutating func dijkstra(_ s: Int, _ track: Bool) {
        let off = g.offsets, nb = g.neighbors, wt = g.weights
        // `tentative` holds the best known distance of unsettled nodes; settled nodes are in `dist`.
        heap.removeAll()
        tentative[s] = 0
        touched.append(Int32(s))
        sigma[s] = 1
        heap.push(0, Int32(s))
        while !heap.isEmpty {
            let (d, vv) = heap.pop()
            let v = Int(vv)
            if dist[v] >= 0 || d != tentative[v] { continue }
            dist[v] = d
            order.append(vv)
            for k in off[v]..<off[v + 1] {
                let w = Int(nb[k])
                if dist[w] >= 0 { continue }
                let alt = d + 1.0 / wt[k]
                let t = tentative[w]
                if t < 0 || alt < t {
                    if t < 0 { touched.append(Int32(w)) }
                    tentative[w] = alt
                    heap.push(alt, Int32(w))
                    if track {
                        sigma[w] = sigma[v]
                        predEnd[w] = off[w]
                        preds[predEnd[w]] = vv; predEnd[w] += 1
                    }
                } else if track && alt == t {
                    sigma[w] += sigma[v]
                    preds[predEnd[w]] = vv; predEnd[w] += 1
                }
            }
        }
        for v in touched { tentative[Int(v)] = -1 }
        touched.removeAll(keepingCapacity: true)
    }
    private var tentative: [Double]
    private var touched: [Int32] = []
}
