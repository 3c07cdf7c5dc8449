import CoauthorGraph
import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorAlgorithms

/// Every metric on several graphs equals networkx's, computed by networkx in the same test run
/// (Tests/conformance/nx_reference.py): 1e-9 relative, 1e-6 for the iterative methods.
@Suite struct ConformanceTests {
    static let metrics: [Metric] = [.degree, .strength, .betweenness, .closeness, .harmonic, .eigenvector, .pagerank,
                                    .clustering, .core, .constraint, .effectiveSize]

    /// Seeded random graphs with isolated nodes and several components, weights 1…5.
    static func randomGraph(seed: UInt64, n: Int, m: Int) -> [String: Any] {
        var rng = SplitMix64(seed: seed)
        var edges: [[Any]] = []
        var seen = Set<Int>()
        let active = n - n / 6   // the last sixth stays isolated
        for _ in 0..<m {
            // Two halves of the active nodes: two components at least.
            let half = rng.next(below: 2)
            let lo = half == 0 ? 0 : active / 2, hi = half == 0 ? active / 2 : active
            let a = lo + rng.next(below: hi - lo), b = lo + rng.next(below: hi - lo)
            if a == b || !seen.insert(min(a, b) * n + max(a, b)).inserted { continue }
            edges.append([a, b, 1 + rng.next(below: 5)])
        }
        return ["nodes": n, "edges": edges]
    }

    static func edgeList(_ g: CoauthorGraph) -> [String: Any] {
        ["nodes": g.nodeCount,
         "edges": (0..<g.edgeCount).map { [Int(g.edgeSource[$0]), Int(g.edgeTarget[$0]), Int(g.edgeWeight[$0])] }]
    }

    static func handGraphs() -> [(String, [String: Any])] {
        func edges(_ l: [(Int, Int)]) -> [[Int]] { l.map { [$0.0, $0.1, 1] } }
        let complete = (0..<5).flatMap { a in (a + 1..<5).map { (a, $0) } }
        return [
            ("single node", ["nodes": 1, "edges": [[Int]]()]),
            ("two isolated nodes", ["nodes": 2, "edges": [[Int]]()]),
            ("complete K5", ["nodes": 5, "edges": edges(complete)]),
            ("star S6", ["nodes": 7, "edges": edges((1..<7).map { (0, $0) })]),
            ("path P6", ["nodes": 6, "edges": edges((0..<5).map { ($0, $0 + 1) })]),
            ("two triangles", ["nodes": 6, "edges": edges([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5)])]),
        ]
    }

    @Test func allMetricsEqualNetworkx() throws {
        var jobs: [[String: Any]] = []
        let names = Self.metrics.map(\.rawValue)
        let seed = try seedGraph()
        for distance in ["hops", "inverse-weight"] {
            jobs.append(["name": "seed/\(distance)", "graph": Self.edgeList(seed), "metrics": names, "distance": distance])
            jobs.append(["name": "karate/\(distance)", "builtin": "karate", "metrics": names, "distance": distance])
            for s in 1...3 {
                jobs.append(["name": "random\(s)/\(distance)", "graph": Self.randomGraph(seed: UInt64(s), n: 60, m: 150),
                             "metrics": names, "distance": distance])
            }
        }
        // The ACL Anthology sample (4 collections, ~4,300 authors) as our readers and identity
        // resolution build it.
        let acl = try aclSampleGraph()
        jobs.append(["name": "acl-sample", "graph": Self.edgeList(acl), "metrics": names])
        jobs.append(["name": "florentine", "builtin": "florentine", "metrics": names])
        jobs.append(["name": "kite", "builtin": "kite", "metrics": names])
        let netscience = TestPaths.sharedData.appendingPathComponent("networks/netscience.gml").path
        jobs.append(["name": "netscience", "builtin": "netscience:" + netscience, "metrics": names])
        for (name, g) in Self.handGraphs() { jobs.append(["name": name, "graph": g, "metrics": names]) }

        let results = try #require(try runPythonJSON("Tests/conformance/nx_reference.py", input: jobs) as? [[String: Any]])
        #expect(results.count == jobs.count)
        var compared = 0, notConverged = 0
        for (job, r) in zip(jobs, results) {
            let name = r["name"] as! String
            let n = r["nodes"] as! Int
            let edges = (r["edges"] as! [[Any]]).map {
                WeightedEdge(($0[0] as! NSNumber).intValue, ($0[1] as! NSNumber).intValue, ($0[2] as! NSNumber).doubleValue)
            }
            let g = try WeightedAdjacency(nodeCount: n, edges: edges)
            let options = MetricOptions(distance: PathDistance(rawValue: job["distance"] as? String ?? "hops")!)
            for metric in Self.metrics {
                if r[metric.rawValue] as? String == "not-converged" {
                    // networkx's power iteration gave up: ours must say so too, not return numbers.
                    #expect(throws: AlgorithmError.notConverged(method: "eigenvector centrality", iterations: 1000),
                            "\(name) \(metric)") { try metric.compute(g, options: options) }
                    notConverged += 1
                    continue
                }
                let ours = try metric.compute(g, options: options)
                let theirs = (r[metric.rawValue] as! [Any]).map { ($0 as? NSNumber)?.doubleValue ?? .nan }
                let tol = (metric == .eigenvector || metric == .pagerank) ? 1e-6 : 1e-9
                #expect(ours.count == theirs.count, "\(name) \(metric)")
                for v in 0..<min(ours.count, theirs.count) where !close(ours[v], theirs[v], rel: tol) {
                    Issue.record("\(name): \(metric.rawValue) of node \(v): ours \(ours[v]), networkx \(theirs[v])")
                    break
                }
                compared += ours.count
            }
            // Whole-graph structure.
            let stats = r["stats"] as! [String: Any]
            let c = Clustering(g)
            #expect(c.triangleCount == stats["triangles"] as? Int, "\(name) triangles")
            #expect(close(c.average, (stats["average_clustering"] as! NSNumber).doubleValue, rel: 1e-9), "\(name)")
            #expect(close(c.transitivity, (stats["transitivity"] as! NSNumber).doubleValue, rel: 1e-9), "\(name)")
            #expect((KCore.coreNumbers(g).max() ?? 0) == stats["max_core"] as? Int, "\(name) max core")
            let comps = components(g)
            #expect(comps.count == stats["components"] as? Int, "\(name) components")
            let largest = comps.max { $0.count < $1.count } ?? []
            #expect(largest.count == stats["largest_component"] as? Int, "\(name) largest")
            var reported: [Paths.Diameter] = []
            let d = Paths.diameter(g, component: largest) { reported.append($0) }
            #expect(d.isExact && d.lower == stats["diameter"] as? Int, "\(name) diameter \(d)")
            // The progress calls: one per search, bounds never loosening, the last one the result.
            #expect(reported.count == d.searches && (reported.last ?? d) == d, "\(name) diameter progress")
            #expect(zip(reported, reported.dropFirst()).allSatisfy { $0.lower <= $1.lower && $0.upper >= $1.upper })
        }
        #expect(compared > 10_000)
        #expect(notConverged <= 4)   // only slow-mixing random graphs may exhaust the iterations
    }

    /// Components by union-find (independent of CoauthorGraph's BFS).
    func components(_ g: WeightedAdjacency) -> [[Int]] {
        var parent = Array(0..<g.nodeCount)
        func find(_ x: Int) -> Int { var x = x; while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }; return x }
        for v in 0..<g.nodeCount { for k in g.offsets[v]..<g.offsets[v + 1] { parent[find(v)] = find(Int(g.neighbors[k])) } }
        var groups: [Int: [Int]] = [:]
        for v in 0..<g.nodeCount { groups[find(v), default: []].append(v) }
        return groups.keys.sorted().map { groups[$0]! }
    }
}
