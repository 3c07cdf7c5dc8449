// Times coauthor's community detection on an edge list; Benchmarks/communities.py runs it next to
// igraph, leidenalg, networkx and networkit and compares modularity and time.
//
// Usage: CommunityBench EDGES --method leiden|louvain|label-propagation|components
//                       [--resolution R] [--seeds 1,2,3] [--iterations K] [--tolerance T] [--membership FILE]
// EDGES: first line the node count n, then one "a b weight" line per undirected edge (0 ≤ a, b < n).
// Prints one JSON object: {"method", "resolution", "runs": [{"seed", "seconds", "modularity",
// "communities", "levels": [modularity of each level]}]}; --membership writes the first run's labels, one per line.
import CoauthorAlgorithms
import CoauthorGraph
import Foundation

func fail(_ s: String) -> Never {
    FileHandle.standardError.write(Data("CommunityBench: \(s)\n".utf8))
    exit(64)
}

func need<T>(_ v: T?, _ what: String) -> T {
    guard let v else { fail(what) }
    return v
}

var args = Array(CommandLine.arguments.dropFirst())
guard !args.isEmpty else { fail("usage: CommunityBench EDGES --method M [--resolution R] [--seeds 1,2] [--membership FILE]") }
let path = args.removeFirst()
var method = CommunityMethod.leiden
var resolution = 1.0
var seeds: [UInt64] = [1]
var membershipOut: String?
var iterations = 0
var tolerance: Double? = nil   // nil = the default rule
while !args.isEmpty {
    let flag = args.removeFirst()
    guard let value = args.first else { fail("\(flag) needs a value") }
    args.removeFirst()
    switch flag {
    case "--method": method = need(CommunityMethod(rawValue: value), "unknown method \(value)")
    case "--resolution": resolution = need(Double(value), "bad resolution \(value)")
    case "--seeds": seeds = value.split(separator: ",").map { need(UInt64($0), "bad seed \($0)") }
    case "--membership": membershipOut = value
    case "--iterations": iterations = need(Int(value), "bad iteration count \(value)")
    case "--tolerance": tolerance = need(Double(value), "bad tolerance \(value)")
    default: fail("unknown option \(flag)")
    }
}

guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { fail("cannot read \(path)") }
var lines = text.split(separator: "\n")
guard let n = Int(lines.removeFirst().trimmingCharacters(in: .whitespaces)) else { fail("first line must be the node count") }
let edges = lines.map { line -> WeightedEdge in
    let f = line.split(separator: " ")
    guard f.count == 3, let a = Int(f[0]), let b = Int(f[1]), let w = Double(f[2]) else { fail("bad edge line: \(line)") }
    return WeightedEdge(a, b, w)
}
let g: WeightedAdjacency
do { g = try WeightedAdjacency(nodeCount: n, edges: edges) } catch { fail("\(error)") }

var runs: [String] = []
for (i, seed) in seeds.enumerated() {
    let start = DispatchTime.now().uptimeNanoseconds
    let r: CommunityResult
    do { r = try Communities.detect(g, method: method, resolution: resolution, seed: seed, iterations: iterations,
                                         tolerance: tolerance) } catch { fail("\(error)") }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    runs.append("{\"seed\": \(seed), \"seconds\": \(seconds), \"modularity\": \(r.modularity), \"communities\": \(r.count), \"levels\": [\(r.levels.map { "\($0.modularity)" }.joined(separator: ", "))]}")
    if i == 0, let out = membershipOut {
        try! (r.membership.map(String.init).joined(separator: "\n") + "\n").write(toFile: out, atomically: true, encoding: .utf8)
    }
}
print("{\"method\": \"\(method.rawValue)\", \"resolution\": \(resolution), \"runs\": [\(runs.joined(separator: ", "))]}")
