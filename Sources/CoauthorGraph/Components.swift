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
    /// Connected components by union–find over the edge list (two sequential arrays; union by
    /// the smaller index, path halving), then one pass over the nodes in order that numbers each
    /// root's component when its smallest node is met; isolated nodes are components of size one.
    /// The same components and ids as a breadth-first search in node order, with sequential
    /// instead of scattered reads of the adjacency.
    ///
    /// - Complexity: O(N + E·α(N)) time, O(N) memory.
    public func connectedComponents() -> Components {
        let n = nodeCount, m = edgeCount
        var parent = [Int32](unsafeUninitializedCapacity: n) { buf, done in
            for v in 0..<n { buf[v] = Int32(v) }
            done = n
        }
        parent.withUnsafeMutableBufferPointer { p in
            @inline(__always) func find(_ x: Int32) -> Int32 {
                var x = x
                while p[Int(x)] != x {
                    let g = p[Int(p[Int(x)])]
                    p[Int(x)] = g
                    x = g
                }
                return x
            }
            edgeSource.withUnsafeBufferPointer { src in
                edgeTarget.withUnsafeBufferPointer { dst in
                    for e in 0..<m {
                        let a = find(src[e]), b = find(dst[e])
                        if a == b { continue }
                        // The smaller index becomes the root, so a root is its component's smallest node.
                        if a < b { p[Int(b)] = a } else { p[Int(a)] = b }
                    }
                }
            }
        }
        var comp = [Int32](repeating: -1, count: n)
        var sizes: [Int] = []
        for v in 0..<n {
            // Roots are smallest nodes, so a root comes before every other node of its component.
            var r = parent[v]
            while parent[Int(r)] != r { r = parent[Int(r)] }
            parent[v] = r
            if Int(r) == v {
                comp[v] = Int32(sizes.count)
                sizes.append(1)
            } else {
                let c = comp[Int(r)]
                comp[v] = c
                sizes[Int(c)] += 1
            }
        }
        return Components(membership: comp, sizes: sizes)
    }
}
