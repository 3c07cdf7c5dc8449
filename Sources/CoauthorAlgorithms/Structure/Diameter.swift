import CoauthorGraph

/// Paths between two authors and the diameter of a component (hop distances).
public enum Paths {
    /// A shortest chain of coauthors from `source` to `target` (both included), or nil when they are
    /// not connected. Breadth-first, neighbours in ascending index order, so the same graph always
    /// gives the same chain.
    /// - Complexity: O(n + m).
    public static func shortestPath(_ g: WeightedAdjacency, from source: Int, to target: Int) throws -> [Int]? {
        let n = g.nodeCount
        guard source >= 0, source < n else { throw AlgorithmError.noSuchNode(source) }
        guard target >= 0, target < n else { throw AlgorithmError.noSuchNode(target) }
        if source == target { return [source] }
        var parent = [Int32](repeating: -1, count: n)
        parent[source] = Int32(source)
        var queue = [Int32(source)]
        var head = 0
        while head < queue.count {
            let v = Int(queue[head]); head += 1
            for k in g.offsets[v]..<g.offsets[v + 1] {
                let w = Int(g.neighbors[k])
                if parent[w] >= 0 { continue }
                parent[w] = Int32(v)
                if w == target {
                    var path = [w]
                    var x = v
                    while x != source { path.append(x); x = Int(parent[x]) }
                    path.append(source)
                    return path.reversed()
                }
                queue.append(Int32(w))
            }
        }
        return nil
    }

    /// The diameter of the component holding `nodes`, exactly where the bounds meet.
    public struct Diameter: Sendable, Equatable {
        /// A lower and an upper bound; equal when exact.
        public var lower: Int
        public var upper: Int
        /// Breadth-first searches run.
        public var searches: Int
        public var isExact: Bool { lower == upper }
    }

    /// The hop diameter of one connected component by bounding eccentricities (F. W. Takes &
    /// W. A. Kosters, "Determining the diameter of small world networks", CIKM 2011,
    /// doi:10.1145/2063576.2063748): each BFS from a chosen node v tightens every candidate's
    /// eccentricity bounds (max(ecc(v) − d, d) ≤ ecc(w) ≤ ecc(v) + d) and the diameter bounds
    /// (max ecc ≤ D ≤ min 2·ecc); nodes whose bounds can no longer matter are dropped.
    ///
    /// Exact when it finishes within `maxSearches` BFS runs (pass `Int.max` for always exact; the
    /// worst case is one BFS per node, O(n m)); otherwise the bounds it reached.
    /// - Parameter component: the nodes of one connected component.
    /// - Parameter progress: called after each search with the bounds so far (for a progress line).
    public static func diameter(_ g: WeightedAdjacency, component: [Int], maxSearches: Int = .max,
                                progress: ((Diameter) -> Void)? = nil) -> Diameter {
        guard component.count > 1 else { return Diameter(lower: 0, upper: 0, searches: 0) }
        let n = g.nodeCount
        var lowerEcc = [Int](repeating: 0, count: n)
        var upperEcc = [Int](repeating: .max, count: n)
        var candidates = component
        var dLower = 0, dUpper = Int.max
        var dist = [Int32](repeating: -1, count: n)
        var queue = [Int32](repeating: 0, count: n)
        var searches = 0
        var pickHigh = true
        while dLower < dUpper && !candidates.isEmpty && searches < maxSearches {
            // Alternate between the largest upper bound and the smallest lower bound (ties: higher degree, smaller index).
            var best = candidates[0]
            for v in candidates.dropFirst() {
                let better: Bool
                if pickHigh {
                    better = upperEcc[v] > upperEcc[best] || (upperEcc[v] == upperEcc[best] && g.degree(v) > g.degree(best))
                } else {
                    better = lowerEcc[v] < lowerEcc[best] || (lowerEcc[v] == lowerEcc[best] && g.degree(v) > g.degree(best))
                }
                if better { best = v }
            }
            pickHigh.toggle()
            // BFS from best.
            for v in component { dist[v] = -1 }
            var head = 0, tail = 0
            queue[tail] = Int32(best); tail += 1
            dist[best] = 0
            var ecc = 0
            while head < tail {
                let v = Int(queue[head]); head += 1
                let dv = dist[v]
                ecc = Int(dv)
                for k in g.offsets[v]..<g.offsets[v + 1] {
                    let w = Int(g.neighbors[k])
                    if dist[w] < 0 { dist[w] = dv + 1; queue[tail] = Int32(w); tail += 1 }
                }
            }
            searches += 1
            dLower = max(dLower, ecc)
            dUpper = min(dUpper, 2 * ecc)
            var kept: [Int] = []
            kept.reserveCapacity(candidates.count)
            for w in candidates {
                let d = Int(dist[w])
                lowerEcc[w] = max(lowerEcc[w], max(ecc - d, d))
                upperEcc[w] = min(upperEcc[w], ecc + d)
                let settled = lowerEcc[w] == upperEcc[w]
                let irrelevant = upperEcc[w] <= dLower && lowerEcc[w] * 2 >= dUpper
                if w != best && !settled && !irrelevant { kept.append(w) }
                if settled { dLower = max(dLower, lowerEcc[w]) }
            }
            candidates = kept
            var maxUpper = dLower
            for w in candidates { maxUpper = max(maxUpper, upperEcc[w]) }
            dUpper = min(dUpper, maxUpper)
            progress?(Diameter(lower: dLower, upper: dUpper, searches: searches))
        }
        return Diameter(lower: dLower, upper: dUpper, searches: searches)
    }
}
