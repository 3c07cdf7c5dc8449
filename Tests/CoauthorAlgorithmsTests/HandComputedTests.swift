import CoauthorGraph
import Testing
@testable import CoauthorAlgorithms

/// Values worked out by hand on small graphs.
@Suite struct HandComputedTests {
    @Test func pathBetweenness() {
        // Path 0–1–2–3–4: the middle node lies on 2·3 = 6 of the (n−1)(n−2) = 12 ordered pairs' paths
        // through it: pairs {0,3},{0,4},{1,3},{1,4},{0,2}... counted per ordered pair → 0.5·2 = 1?
        // Unordered pairs through node 2: {0,3},{0,4},{1,3},{1,4} = 4; normalised 2·4/12 = 2/3.
        let g = adjacency(5, [(0, 1), (1, 2), (2, 3), (3, 4)])
        let b = Betweenness.compute(g)
        #expect(b == [0, 0.5, 2.0 / 3.0, 0.5, 0])   // node 1: {0,2},{0,3},{0,4} = 3 → 6/12
        let raw = Betweenness.compute(g, normalized: false)
        #expect(raw == [0, 3, 4, 3, 0])
    }

    @Test func starAndComplete() {
        let star = adjacency(5, (1..<5).map { (0, $0) })
        #expect(Betweenness.compute(star) == [1, 0, 0, 0, 0])
        #expect(Closeness.closeness(star)[0] == 1)
        #expect(Closeness.closeness(star)[1] == 4.0 / 7.0)   // distances 1 + 2·3 = 7 to 4 nodes
        #expect(Closeness.harmonic(star)[1] == 1 + 3 * 0.5)
        let k4 = adjacency(4, [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)])
        #expect(Betweenness.compute(k4) == [0, 0, 0, 0])
        #expect(Clustering(k4).local == [1, 1, 1, 1])
        #expect(KCore.coreNumbers(k4) == [3, 3, 3, 3])
        // Constraint in K4 (all weights 1): p = 1/3; each term (1/3 + 2·1/9)² = (5/9)²; three terms.
        #expect(close(StructuralHoles.constraint(k4)[0], 3 * 25.0 / 81.0, rel: 1e-15))
    }

    @Test func weightedDistancesPreferStrongTies() {
        // 0–1 (weight 1, length 1) versus 0–2–1 (weights 4, 4: length 0.5): the strong detour wins.
        let g = adjacency(3, [(0, 1), (0, 2), (2, 1)], weights: [1, 4, 4])
        #expect(Betweenness.compute(g, distance: .hops) == [0, 0, 0])
        #expect(Betweenness.compute(g, distance: .inverseWeight, normalized: false) == [0, 0, 1])
    }

    @Test func emptyGraphs() throws {
        let empty = adjacency(0, [])
        #expect(Betweenness.compute(empty).isEmpty)
        #expect(try Spectral.pageRank(empty).values.isEmpty)
        #expect(throws: AlgorithmError.self) { try Spectral.eigenvector(empty) }
        let two = adjacency(2, [])
        #expect(try Spectral.pageRank(two).values == [0.5, 0.5])
        let constraint = StructuralHoles.constraint(two)
        #expect(constraint[0].isNaN && constraint[1].isNaN)
        #expect(Paths.diameter(two, component: [0]) == .init(lower: 0, upper: 0, searches: 0))
        #expect(try Paths.shortestPath(two, from: 0, to: 1) == nil)
        #expect(throws: AlgorithmError.noSuchNode(7)) { try Paths.shortestPath(two, from: 0, to: 7) }
    }

    @Test func sampledBetweenness() {
        var rng = SplitMix64(seed: 99)
        var edges: [(Int, Int)] = []
        for a in 0..<200 { for _ in 0..<3 { let b = rng.next(below: 200); if a != b { edges.append((a, b)) } } }
        let g = adjacency(200, edges)
        let exact = Betweenness.compute(g)
        // k ≥ n is the exact computation.
        #expect(Betweenness.compute(g, samples: 200, seed: 5) == exact)
        #expect(Betweenness.compute(g, samples: 10_000, seed: 5) == exact)
        // Deterministic for a seed; another seed draws other pivots.
        let a = Betweenness.compute(g, samples: 50, seed: 1)
        #expect(a == Betweenness.compute(g, samples: 50, seed: 1))
        #expect(a != Betweenness.compute(g, samples: 50, seed: 2))
        // An unbiased estimate: with 150 of 200 pivots the total is close to the exact total.
        let s = Betweenness.compute(g, samples: 150, seed: 3)
        let estimated: Double = s.reduce(0, +), total: Double = exact.reduce(0, +)
        #expect(abs(estimated - total) < 0.05 * total)
    }

    @Test func threadsDoNotChangeTheBits() throws {
        var rng = SplitMix64(seed: 4)
        var edges: [(Int, Int)] = []
        for _ in 0..<600 { let a = rng.next(below: 150), b = rng.next(below: 150); if a != b { edges.append((a, b)) } }
        let g = adjacency(150, edges, weights: edges.map { _ in Double(1 + rng.next(below: 4)) })
        #expect(Betweenness.compute(g, distance: .inverseWeight, threads: 1) == Betweenness.compute(g, distance: .inverseWeight, threads: 2))
        #expect(Closeness.harmonic(g, threads: 1) == Closeness.harmonic(g, threads: 2))
        #expect(Closeness.closeness(g, threads: 1) == Closeness.closeness(g, threads: 2))
        let pr1 = try Spectral.pageRank(g, threads: 1).values, pr2 = try Spectral.pageRank(g, threads: 2).values
        #expect(pr1 == pr2)
        let ev1 = try Spectral.eigenvector(g, threads: 1).values, ev2 = try Spectral.eigenvector(g, threads: 2).values
        #expect(ev1 == ev2)
        let c1 = Clustering(g, threads: 1), c2 = Clustering(g, threads: 2), c3 = Clustering(g, threads: 3)
        #expect(c1.triangles == c2.triangles && c1.triangles == c3.triangles && c1.local == c2.local)
        #expect(c1.triangleCount > 0 && c1.triangles.reduce(0, +) == 3 * c1.triangleCount)
    }

    @Test func bitParallelBFSEqualsOneSearchPerSource() {
        // 600 nodes (three batches of 256, the last one partial), three components with long
        // paths, and isolated nodes at the end.
        var rng = SplitMix64(seed: 9)
        var edges: [(Int, Int)] = []
        for _ in 0..<700 {
            let part = rng.next(below: 3) * 180
            let a = part + rng.next(below: 180), b = part + rng.next(below: 180)
            if a != b { edges.append((a, b)) }
        }
        let g = adjacency(600, edges)
        let n = g.nodeCount
        var search = SingleSourceSearch(g, distance: .hops)
        var closeness: [Double] = [], harmonic: [Double] = []
        for s in 0..<n {
            search.run(from: s, trackPaths: false)
            let reached = search.order.count - 1
            let total = search.order.reduce(0) { $0 + Int(search.dist[Int($1)]) }
            closeness.append(total > 0 ? (Double(reached) / Double(total)) * (Double(reached) / Double(n - 1)) : 0)
            harmonic.append(search.order.reduce(0.0) { search.dist[Int($1)] > 0 ? $0 + 1 / search.dist[Int($1)] : $0 })
        }
        #expect(Closeness.closeness(g) == closeness)
        let h = Closeness.harmonic(g)
        #expect(h.count == n)
        for v in 0..<n { #expect(abs(h[v] - harmonic[v]) <= 1e-12 * max(1, harmonic[v]), "node \(v)") }
        #expect(h[599] == 0 && closeness[599] == 0)
    }

    @Test func grid37BetweennessPathCountsDoNotOverflow() {
        // igraph's regression: path counts on a 37×37 grid exceed 2⁶³ between far corners
        // (C(72, 36) ≈ 4.4·10²⁰). The corner-to-corner centre count must stay finite and symmetric.
        let side = 37
        var edges: [(Int, Int)] = []
        for r in 0..<side { for c in 0..<side {
            let v = r * side + c
            if c + 1 < side { edges.append((v, v + 1)) }
            if r + 1 < side { edges.append((v, v + side)) }
        } }
        let g = adjacency(side * side, edges)
        var search = SingleSourceSearch(g, distance: .hops)
        search.run(from: 0, trackPaths: true)
        let far = side * side - 1
        // Lattice paths: C(72, 36).
        var binom = 1.0
        for i in 0..<36 { binom = binom * Double(72 - i) / Double(i + 1) }
        #expect(close(search.sigma[far], binom, rel: 1e-12))
        #expect(search.sigma[far] > Double(Int64.max))
    }
}
