import CoauthorGraph

/// An author's neighbourhood: the ego view of `coauthor render --ego NAME --radius R`.
public enum Neighbourhood {
    /// Nodes within `radius` hops of `ego` (≥ 1 hop; breadth-first), `ego` first, then each ring
    /// in the order the search meets it (rows of the adjacency in node order).
    /// - Complexity: O(N + the edges of the nodes reached), N for the distance array.
    public static func within(_ radius: Int, hopsOf ego: Int, in g: CoauthorGraph) -> [Int] {
        var distance = [Int](repeating: -1, count: g.nodeCount)
        distance[ego] = 0
        var frontier = [ego], all = [ego]
        for d in 1...max(1, radius) {
            var next: [Int] = []
            for v in frontier {
                for u in g.neighbors(of: v) where distance[Int(u)] < 0 {
                    distance[Int(u)] = d
                    next.append(Int(u))
                }
            }
            all += next
            frontier = next
        }
        return all
    }
}
