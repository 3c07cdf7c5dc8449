import CoauthorGraph
import CoauthorParallel
import Foundation

/// The community-detection methods `coauthor communities --method` offers.
public enum CommunityMethod: String, Sendable, CaseIterable {
    /// Leiden (Traag, Waltman & van Eck 2019): connected communities, the default.
    case leiden
    /// Louvain (Blondel et al. 2008).
    case louvain
    /// Asynchronous label propagation (Raghavan, Albert & Kumara 2007); ignores the resolution.
    case labelPropagation = "label-propagation"
    /// Connected components; ignores the resolution.
    case components
}

/// One partition of the nodes, with its communities numbered by size.
public struct CommunityLevel: Sendable, Equatable {
    /// The community of every node: 0 is the largest; ties go to the community with the smallest
    /// member name (code-point order), then the smallest node index.
    public let membership: [Int]
    /// Nodes per community (non-increasing).
    public let sizes: [Int]
    /// Q of this partition (see `Modularity`); NaN for a graph without edges.
    public let modularity: Double

    public var count: Int { sizes.count }
}

/// What `Communities.detect` found: the final partition and every level on the way (igraph's
/// `VertexDendrogram`/`VertexClustering` in one value).
/// A partition with each community's label (`Communities.labelled`).
public struct LabelledCommunities: Sendable {
    public var result: CommunityResult
    /// One per community, by community number.
    public var labels: [CommunityLabel]
}

public struct CommunityResult: Sendable {
    public let method: CommunityMethod
    public let resolution: Double
    public let seed: UInt64
    /// Finest first; the last is the result. Louvain: one per aggregation level (each coarser than
    /// the one before); Leiden: one per iteration (each connected, Q non-decreasing);
    /// label propagation and components: one.
    public let levels: [CommunityLevel]

    /// The result: the community of every node, 0 = the largest.
    public var membership: [Int] { levels[levels.count - 1].membership }
    /// Nodes per community, largest first.
    public var sizes: [Int] { levels[levels.count - 1].sizes }
    /// Q of the result.
    public var modularity: Double { levels[levels.count - 1].modularity }
    /// Number of communities.
    public var count: Int { sizes.count }

    /// The nodes of each community, ascending.
    public func members() -> [[Int]] {
        var out = [[Int]](repeating: [], count: count)
        for c in out.indices { out[c].reserveCapacity(sizes[c]) }
        for (v, c) in membership.enumerated() { out[c].append(v) }
        return out
    }

    /// The membership with communities of fewer than `minSize` nodes folded into −1 ("other").
    /// Kept communities keep their ids, which are `0..<k` since ids go by size.
    public func folded(minSize: Int) -> [Int] {
        let s = sizes
        return membership.map { s[$0] >= minSize ? $0 : -1 }
    }
}

/// Community detection on the weighted coauthorship graph: the entry point the CLI's commands
/// share (`coauthor communities`, and `--color-by community` of the pictures and exports).
public enum Communities {
    /// Communities of `g`, deterministic for a seed.
    /// - Parameters:
    ///   - method: Leiden (default), Louvain, label propagation or connected components.
    ///   - resolution: γ of modularity (`Modularity`), ≥ 0; used by Leiden and Louvain.
    ///   - seed: seed of the `SplitMix64` generator that orders the nodes and breaks ties.
    ///   - names: a name per node for the tie-break of the numbering (nil: node index).
    ///   - iterations: Leiden only: iterations at most; 0 (default) = no cap but 100 (igraph's and
    ///     leidenalg's default is 2).
    ///   - tolerance: Leiden only: stop after an iteration that raises Q by less than this;
    ///     0 = until an iteration changes nothing (igraph's and leidenalg's `n_iterations=-1`);
    ///     nil (default) = less than 5 % of the second iteration's gain, at least 10⁻⁴
    ///     (`Leiden.defaultRelativeTolerance`).
    ///   - progress: called after each Leiden iteration or Louvain level with its number and Q.
    /// - Throws: `AlgorithmError.invalidParameter` for a negative or non-finite resolution or
    ///   tolerance, or a wrong number of names; `notConverged` from label propagation. (Weights are
    ///   positive and finite in every `WeightedAdjacency`: checked when it is made.)
    /// - Complexity: that of the method (see each), plus O(n log n + m) for numbering and Q.
    public static func detect(_ g: WeightedAdjacency, method: CommunityMethod = .leiden, resolution: Double = 1,
                              seed: UInt64 = 0, names: [String]? = nil, iterations: Int = 0,
                              tolerance: Double? = nil, threads: Int = 0,
                              progress: ((_ step: Int, _ modularity: Double) -> Void)? = nil) throws -> CommunityResult {
        guard resolution.isFinite, resolution >= 0 else {
            throw AlgorithmError.invalidParameter("resolution must be a finite number ≥ 0")
        }
        guard iterations >= 0 else { throw AlgorithmError.invalidParameter("iterations must be ≥ 0") }
        if let tolerance, !(tolerance.isFinite && tolerance >= 0) {
            throw AlgorithmError.invalidParameter("tolerance must be a finite number ≥ 0")
        }
        if let names, names.count != g.nodeCount {
            throw AlgorithmError.invalidParameter("\(names.count) names for \(g.nodeCount) nodes")
        }
        var rng = SplitMix64(seed: seed)
        let raw: [[Int32]]
        var known: [Double]? = nil   // Q of each level when the method computed it on g already
        switch method {
        case .leiden:
            let run = Leiden.run(g, resolution: resolution, maxIterations: iterations, tolerance: tolerance,
                                 rng: &rng, threads: threads, progress: progress)
            raw = run.map(\.labels)
            known = run.map(\.modularity)
        case .louvain: raw = Louvain.levels(g, resolution: resolution, rng: &rng, threads: threads, progress: progress)
        case .labelPropagation: raw = [try LabelPropagation.labels(g, rng: &rng)]
        case .components: raw = [compact(connectedParts(g, [Int32](repeating: 0, count: g.nodeCount))).labels]
        }
        let graph = known == nil ? LevelGraph(g) : nil
        let qs = known
        // The levels are numbered independently: one block each, on up to `threads` cores.
        let levels = Parallel.map(blocks: raw.count, threads: threads) { i -> CommunityLevel in
            let (dense, count) = compact(raw[i])
            // Leiden's labels are compact already, so its Q is of this very labelling.
            let q = qs?[i] ?? graph!.modularity(dense, count: count, resolution: resolution)
            let (membership, sizes) = numbered(dense, count: count, names: names)
            return CommunityLevel(membership: membership, sizes: sizes, modularity: q)
        }
        return CommunityResult(method: method, resolution: resolution, seed: seed, levels: levels)
    }

    /// Communities of a coauthorship graph, each labelled by the title terms most distinctive of
    /// its papers (`CommunityLabels`): the partition and the names that `coauthor communities`
    /// reports and that `render --color-by community` and `export --communities` show (one call,
    /// so the three cannot drift apart). The graph must have at least one edge. `edgeWeights`, one
    /// per edge (`--normalize`: `LinkNormalization.edgeWeights`), replace the counted weights.
    public static func labelled(_ graph: CoauthorGraph, counting: Counting = .full, edgeWeights: [Double]? = nil,
                                method: CommunityMethod = .leiden, resolution: Double = 1, seed: UInt64 = 0,
                                threads: Int = 0) throws -> LabelledCommunities {
        let adjacency = edgeWeights.map { WeightedAdjacency(graph, edgeWeights: $0) } ?? WeightedAdjacency(graph, counting: counting)
        let result = try detect(adjacency, method: method, resolution: resolution,
                                seed: seed, names: (0..<graph.nodeCount).map { graph.name($0) }, threads: threads)
        return LabelledCommunities(result: result,
                                   labels: CommunityLabels.label(graph, membership: result.membership, count: result.count))
    }

    /// Communities of a coauthorship graph weighted by joint papers (or fractionally), numbered
    /// with ties broken by author display name.
    public static func detect(_ graph: CoauthorGraph, counting: Counting = .full, method: CommunityMethod = .leiden,
                              resolution: Double = 1, seed: UInt64 = 0) throws -> CommunityResult {
        try detect(WeightedAdjacency(graph, counting: counting), method: method, resolution: resolution, seed: seed,
                   names: (0..<graph.nodeCount).map { graph.name($0) })
    }

    /// Each node's strength inside its own community, Σ_{u ∈ N(v), c(u) = c(v)} w(v, u): how
    /// central it is to its circle.
    public static func internalStrength(_ g: WeightedAdjacency, membership: [Int]) -> [Double] {
        (0..<g.nodeCount).map { v in
            var s = 0.0
            for k in g.offsets[v]..<g.offsets[v + 1] where membership[Int(g.neighbors[k])] == membership[v] {
                s += g.weights[k]
            }
            return s
        }
    }

    /// The communities (labels) whose nodes do not form a connected subgraph, ascending.
    public static func disconnected(_ g: WeightedAdjacency, membership: [Int]) -> [Int] {
        let parts = connectedParts(g, membership.map { Int32($0) })
        var partOf: [Int: Int32] = [:]
        var split = Set<Int>()
        for v in 0..<g.nodeCount {
            if let p = partOf[membership[v]], p != parts[v] { split.insert(membership[v]) }
            if partOf[membership[v]] == nil { partOf[membership[v]] = parts[v] }
        }
        return split.sorted()
    }

    /// Normalised mutual information of two partitions, 2 I(A; B) / (H(A) + H(B)) (arithmetic
    /// normalisation, as scikit-learn's default and igraph's `compare_communities(method="nmi")`);
    /// 1 when both are a single community.
    ///
    /// Reference: L. Danon, A. Díaz-Guilera, J. Duch & A. Arenas, "Comparing community structure
    /// identification", J. Stat. Mech. P09008, 2005, doi:10.1088/1742-5468/2005/09/P09008.
    public static func normalizedMutualInformation(_ a: [Int], _ b: [Int]) -> Double {
        precondition(a.count == b.count, "partitions of different node sets")
        let n = a.count
        guard n > 0 else { return 1 }
        func dense(_ x: [Int]) -> ([Int], Int) {
            var map: [Int: Int] = [:]
            return (x.map { c in if let d = map[c] { return d }; map[c] = map.count; return map.count - 1 }, map.count)
        }
        let (da, ca) = dense(a), (db, cb) = dense(b)
        var joint = zip(da, db).map { $0 * cb + $1 }
        joint.sort()
        var countA = [Int](repeating: 0, count: ca), countB = [Int](repeating: 0, count: cb)
        for v in 0..<n { countA[da[v]] += 1; countB[db[v]] += 1 }
        let nn = Double(n)
        func entropy(_ c: [Int]) -> Double {
            c.reduce(0.0) { s, x in x == 0 ? s : s - Double(x) / nn * log(Double(x) / nn) }
        }
        var mi = 0.0
        var i = 0
        while i < n {
            var j = i
            while j < n && joint[j] == joint[i] { j += 1 }
            let nij = Double(j - i)
            let x = countA[joint[i] / cb], y = countB[joint[i] % cb]
            mi += nij / nn * log(nij * nn / (Double(x) * Double(y)))
            i = j
        }
        let h = entropy(countA) + entropy(countB)
        return h == 0 ? 1 : max(0, min(1, 2 * mi / h))
    }

    /// Renumbers dense labels by size (descending), then smallest member name, then smallest node.
    static func numbered(_ dense: [Int32], count: Int, names: [String]?) -> ([Int], [Int]) {
        var size = [Int](repeating: 0, count: count)
        var first = [Int](repeating: Int.max, count: count)
        for (v, c) in dense.enumerated() {
            size[Int(c)] += 1
            if v < first[Int(c)] { first[Int(c)] = v }
        }
        var smallestName = [Int](repeating: -1, count: count)   // node holding the smallest name
        // The first 8 UTF-8 bytes of each community's smallest name, big-endian and zero-padded:
        // different keys order as the names do (UTF-8 keeps code-point order), so the full
        // comparison is needed only between equal keys.
        var key = [UInt64](repeating: 0, count: count)
        if let names {
            var nameKey = [UInt64](repeating: 0, count: dense.count)
            for v in names.indices { nameKey[v] = prefixKey(names[v]) }
            for (v, c) in dense.enumerated() {
                let s = smallestName[Int(c)]
                if s < 0 || nameKey[v] < nameKey[s] || (nameKey[v] == nameKey[s] && codePointLess(names[v], names[s])) {
                    smallestName[Int(c)] = v
                }
            }
            for c in 0..<count { key[c] = nameKey[smallestName[c]] }
        }
        let order = (0..<count).sorted { x, y in
            if size[x] != size[y] { return size[x] > size[y] }
            if let names {
                if key[x] != key[y] { return key[x] < key[y] }
                let nx = names[smallestName[x]], ny = names[smallestName[y]]
                if nx != ny { return codePointLess(nx, ny) }
            }
            return first[x] < first[y]
        }
        var newId = [Int](repeating: 0, count: count)
        for (i, c) in order.enumerated() { newId[c] = i }
        return (dense.map { newId[Int($0)] }, order.map { size[$0] })
    }

    /// The first 8 UTF-8 bytes of `s` as a big-endian integer, zero-padded: prefixKey(a) <
    /// prefixKey(b) implies a < b in code-point order.
    static func prefixKey(_ s: String) -> UInt64 {
        func key<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
            var k: UInt64 = 0
            var i = 0
            for b in bytes.prefix(8) {
                k = k << 8 | UInt64(b)
                i += 1
            }
            return k << (8 * (8 - i))   // a shift by 64 (the empty string) gives 0
        }
        return s.utf8.withContiguousStorageIfAvailable { key($0) } ?? key(s.utf8)
    }

    /// a < b in code-point order. UTF-8 preserves code-point order byte by byte, so the native
    /// (UTF-8) storage is compared with memcmp; the scalar-by-scalar comparison is the fallback.
    static func codePointLess(_ a: String, _ b: String) -> Bool {
        let fast = a.utf8.withContiguousStorageIfAvailable { x in
            b.utf8.withContiguousStorageIfAvailable { y -> Bool in
                let common = min(x.count, y.count)
                if common > 0 {
                    let c = memcmp(x.baseAddress!, y.baseAddress!, common)
                    if c != 0 { return c < 0 }
                }
                return x.count < y.count
            }
        }
        if let r = fast ?? nil { return r }
        return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) { $0.value < $1.value }
    }
}

/// Each label's nodes split into connected pieces: returns a new label per node (the piece's
/// smallest node index), so that every labelled group is connected.
/// - Complexity: O(n + m).
func connectedParts(_ g: WeightedAdjacency, _ labels: [Int32]) -> [Int32] {
    let n = g.nodeCount
    var part = [Int32](repeating: -1, count: n)
    var queue = [Int32](repeating: 0, count: n)
    for s in 0..<n where part[s] < 0 {
        var head = 0, tail = 0
        queue[tail] = Int32(s); tail += 1
        part[s] = Int32(s)
        while head < tail {
            let v = Int(queue[head]); head += 1
            for k in g.offsets[v]..<g.offsets[v + 1] {
                let u = Int(g.neighbors[k])
                if part[u] < 0 && labels[u] == labels[v] {
                    part[u] = Int32(s)
                    queue[tail] = Int32(u); tail += 1
                }
            }
        }
    }
    return part
}
