/// Connected components of a coauthorship graph.
public struct Components: Sendable {
    /// Component id of each node; ids are numbered in order of their smallest node.
    public let membership: [Int32]
    /// Node count of each component.
    public let sizes: [Int]

    public var count: Int { sizes.count }
    /// The id of the largest component (ties: the smaller id), or -1 for an empty graph.
    public let largest: Int32

    public init(membership: [Int32], sizes: [Int]) {
        self.membership = membership
        self.sizes = sizes
        var best = sizes.isEmpty ? -1 : 0
        for c in sizes.indices.dropFirst() where sizes[c] > sizes[best] { best = c }
        largest = Int32(best)
    }
}

extension CoauthorGraph {
    /// Connected components by breadth-first search over the CSR rows; isolated nodes are
    /// components of size one.
    ///
    /// - Complexity: O(N + E) time, O(N) memory.
    public func connectedComponents() -> Components {
        let n = nodeCount
        var comp = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        var queue = [Int32](repeating: 0, count: n)
        for s in 0..<n where comp[s] < 0 {
            let c = Int32(sizes.count)
            var head = 0, tail = 0
            queue[tail] = Int32(s); tail += 1
            comp[s] = c
            while head < tail {
                let v = Int(queue[head]); head += 1
                for u in neighbors[offsets[v]..<offsets[v + 1]] where comp[Int(u)] < 0 {
                    comp[Int(u)] = c
                    queue[tail] = u; tail += 1
                }
            }
            sizes.append(tail)
        }
        return Components(membership: comp, sizes: sizes)
    }
}
