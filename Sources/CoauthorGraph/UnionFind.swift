/// Disjoint sets over `Int32` indices stored in a parent array (`parent[x] == x` for a root), as
/// the identity steps use them: roots found with path halving.
enum UnionFind {
    /// The root of `x`, halving the path on the way.
    @inline(__always) static func root(_ x: Int32, _ parent: inout [Int32]) -> Int32 {
        var x = x
        while parent[Int(x)] != x {
            parent[Int(x)] = parent[Int(parent[Int(x)])]
            x = parent[Int(x)]
        }
        return x
    }
}
