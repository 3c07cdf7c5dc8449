import CoauthorGraph
import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorAlgorithms

/// Community detection against its references, computed in the same test run
/// (Tests/conformance/community_reference.py): on the seed (full and fractional counting), Zachary's
/// karate club, Newman's netscience, planted-partition graphs and a random graph with isolated
/// nodes and two components, at several resolutions, five seeds each:
/// - validity: every result is a partition; Leiden's, label propagation's and components'
///   communities are connected; the modularity we report for every level equals networkx's
///   `modularity` of that partition to 1e-9;
/// - quality: our Leiden's median modularity ≥ leidenalg's (RBConfigurationVertexPartition, same
///   resolution) − 0.002; our Louvain's mean modularity ≥ networkx `louvain_communities`' − 0.005.
///   Over seeds 1–5, and 1–25 on the graphs of under 100 nodes (seed, karate): there one run's
///   modularity moves by up to 0.02 with the node order, more than the tolerance, for the
///   references as for us. Louvain is compared by means because its outcome on karate at γ = 2 is
///   bimodal (≈ 0.169 or ≈ 0.18): a median lands on whichever mode has just over half the runs —
///   with the sweep-based Louvain we had before the queue-based one, over seeds 1–200 ours was
///   0.1802 and networkx's 0.1691, over 1–25 the other way round — while the means agreed (1–200:
///   0.1770 and 0.1758; over 1–25 now 0.1744 and 0.1765);
/// - planted partitions: NMI to the planted truth ≥ 0.95 for Leiden and Louvain on every seed.
@Suite struct CommunityConformanceTests {
    static let seeds: [UInt64] = Array(1...5)
    static let smallGraphSeeds: [UInt64] = Array(1...25)

    /// A planted-partition graph: groups of the given sizes, each pair of nodes joined with
    /// probability pIn inside a group and pOut across, weights 1…maxWeight.
    static func planted(seed: UInt64, sizes: [Int], pIn: Double, pOut: Double, maxWeight: Int) -> ([String: Any], [Int]) {
        var rng = SplitMix64(seed: seed)
        let truth = sizes.enumerated().flatMap { g, s in [Int](repeating: g, count: s) }
        let n = truth.count
        var edges: [[Any]] = []
        for a in 0..<n {
            for b in (a + 1)..<n where rng.nextUnit() < (truth[a] == truth[b] ? pIn : pOut) {
                edges.append([a, b, 1 + rng.next(below: maxWeight)])
            }
        }
        return (["nodes": n, "edges": edges], truth)
    }

    static func edgeList(_ g: WeightedAdjacency) -> [String: Any] {
        var edges: [[Any]] = []
        for v in 0..<g.nodeCount {
            for k in g.offsets[v]..<g.offsets[v + 1] where Int(g.neighbors[k]) > v { edges.append([v, Int(g.neighbors[k]), g.weights[k]]) }
        }
        return ["nodes": g.nodeCount, "edges": edges]
    }

    struct Case {
        var job: [String: Any]
        var truth: [Int]? = nil
        var small = false
        var seeds: [UInt64] { small ? CommunityConformanceTests.smallGraphSeeds : CommunityConformanceTests.seeds }
        var name: String { job["name"] as! String }
        var resolution: Double { job["resolution"] as! Double }
    }

    static func cases() throws -> [Case] {
        let seedGraph = try seedGraph()
        let netscience = "netscience:" + TestPaths.sharedData.appendingPathComponent("networks/netscience.gml").path
        var out: [Case] = [
            Case(job: ["name": "seed", "graph": edgeList(WeightedAdjacency(seedGraph)), "resolution": 1.0], small: true),
            Case(job: ["name": "seed/fractional", "graph": edgeList(WeightedAdjacency(seedGraph, counting: .fractional)),
                       "resolution": 1.0], small: true),
            Case(job: ["name": "random", "graph": ConformanceTests.randomGraph(seed: 7, n: 200, m: 500), "resolution": 1.0]),
        ]
        for gamma in [0.5, 1.0, 2.0] {
            out.append(Case(job: ["name": "karate/γ=\(gamma)", "builtin": "karate", "resolution": gamma], small: true))
            out.append(Case(job: ["name": "netscience/γ=\(gamma)", "builtin": netscience, "resolution": gamma]))
        }
        let plantedSpecs: [(String, [Int], Double, Double, Int)] = [
            ("planted 6×40", [Int](repeating: 40, count: 6), 0.3, 0.005, 1),
            ("planted 10 uneven, weighted", [20, 25, 30, 35, 40, 45, 50, 55, 60, 65], 0.25, 0.004, 3),
            ("planted 5×100", [Int](repeating: 100, count: 5), 0.1, 0.003, 1),
        ]
        for (i, (name, sizes, pIn, pOut, w)) in plantedSpecs.enumerated() {
            let (g, truth) = planted(seed: UInt64(100 + i), sizes: sizes, pIn: pIn, pOut: pOut, maxWeight: w)
            out.append(Case(job: ["name": name, "graph": g, "resolution": 1.0], truth: truth))
        }
        return out
    }

    @Test func qualityAndValidityAgainstReferences() throws {
        let cases = try Self.cases()
        // 1. The references (and the graphs as Python built them).
        let refJobs = cases.map { c -> [String: Any] in
            var j = c.job
            j["seeds"] = c.seeds.map { Int($0) }
            j["references"] = ["leidenalg", "louvain"]
            return j
        }
        let refs = try #require(try runPythonJSON("Tests/conformance/community_reference.py", input: refJobs) as? [[String: Any]])
        #expect(refs.count == cases.count)

        // 2. Ours, on the same graphs.
        var evalJobs: [[String: Any]] = []
        var reported: [[Double]] = []
        var summary: [String] = []
        for (c, ref) in zip(cases, refs) {
            let n = ref["nodes"] as! Int
            let edges = (ref["edges"] as! [[Any]]).map {
                WeightedEdge(($0[0] as! NSNumber).intValue, ($0[1] as! NSNumber).intValue, ($0[2] as! NSNumber).doubleValue)
            }
            let g = try WeightedAdjacency(nodeCount: n, edges: edges)
            var partitions: [[Int]] = []
            var qs: [Double] = []
            var median: [CommunityMethod: Double] = [:]
            var mean: [CommunityMethod: Double] = [:]
            for method in CommunityMethod.allCases {
                var finals: [Double] = []
                for seed in method == .components ? [0] : c.seeds {
                    let r = try Communities.detect(g, method: method, resolution: c.resolution, seed: seed)
                    // A partition, ids by size.
                    #expect(r.membership.count == n && r.sizes.reduce(0, +) == n, "\(c.name) \(method)")
                    #expect(r.sizes == r.sizes.sorted(by: >), "\(c.name) \(method)")
                    if method != .louvain {
                        #expect(Communities.disconnected(g, membership: r.membership).isEmpty,
                                "\(c.name) \(method) seed \(seed): disconnected communities")
                    }
                    for level in r.levels {
                        partitions.append(level.membership)
                        qs.append(level.modularity)
                    }
                    finals.append(r.modularity)
                    if let truth = c.truth, method == .leiden || method == .louvain {
                        let nmi = Communities.normalizedMutualInformation(r.membership, truth)
                        #expect(nmi >= 0.95, "\(c.name) \(method) seed \(seed): NMI \(nmi)")
                    }
                }
                median[method] = Self.median(finals)
                mean[method] = finals.reduce(0, +) / Double(finals.count)
            }
            var job = c.job
            job["partitions"] = partitions
            evalJobs.append(job)
            reported.append(qs)

            // 3. Quality against the references: Leiden by medians, Louvain by means, same seeds.
            let leidenalg = Self.median((ref["leidenalg"] as! [String: Any])["modularity"] as! [Double])
            let nxRuns = (ref["louvain"] as! [String: Any])["modularity"] as! [Double]
            let nxLouvain = nxRuns.reduce(0, +) / Double(nxRuns.count)
            #expect(median[.leiden]! >= leidenalg - 0.002, "\(c.name): Leiden \(median[.leiden]!) vs leidenalg \(leidenalg)")
            #expect(mean[.louvain]! >= nxLouvain - 0.005, "\(c.name): Louvain \(mean[.louvain]!) vs networkx \(nxLouvain)")
            summary.append(c.name.padding(toLength: 30, withPad: " ", startingAt: 0) + String(
                format: " leiden median %.6f (leidenalg %.6f, %+.6f)  louvain mean %.6f (networkx %.6f, %+.6f)  lpa median %.6f",
                median[.leiden]!, leidenalg, median[.leiden]! - leidenalg,
                mean[.louvain]!, nxLouvain, mean[.louvain]! - nxLouvain, median[.labelPropagation]!))
        }
        print("Community quality (seeds 1–5; 1–25 under 100 nodes):\n" + summary.joined(separator: "\n"))

        // 4. Our modularity equals networkx's for every level of every run.
        let evals = try #require(try runPythonJSON("Tests/conformance/community_reference.py", input: evalJobs) as? [[String: Any]])
        var compared = 0
        for (i, e) in evals.enumerated() {
            let theirs = e["modularity"] as! [Double]
            #expect(theirs.count == reported[i].count)
            for (ours, nx) in zip(reported[i], theirs) where abs(ours - nx) > 1e-9 {
                Issue.record("\(cases[i].name): our modularity \(ours), networkx \(nx)")
            }
            compared += theirs.count
        }
        #expect(compared > 300)
    }

    static func median(_ x: [Double]) -> Double {
        let s = x.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
