import CoauthorGraph
import CoauthorIngest
import CoauthorRecords
import CoauthorTestSupport
import Foundation
import Testing

/// A graph from an edge list.
func adjacency(_ n: Int, _ edges: [(Int, Int)], weights: [Double]? = nil) -> WeightedAdjacency {
    try! WeightedAdjacency(nodeCount: n, edges: edges.enumerated().map { i, e in WeightedEdge(e.0, e.1, weights?[i] ?? 1) })
}

/// `a` equals `b` to a relative tolerance (absolute near zero); NaN equals NaN.
func close(_ a: Double, _ b: Double, rel: Double) -> Bool {
    if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
    return abs(a - b) <= rel * max(abs(a), abs(b)) + 1e-13
}

/// The seed's coauthorship graph.
func seedGraph() throws -> CoauthorGraph {
    try Ingest.load([TestPaths.repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt").path],
                    options: IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))).graph
}

/// The coauthorship graph of the ACL Anthology XML sample in ../shared/data.
func aclSampleGraph() throws -> CoauthorGraph {
    try Ingest.load([TestPaths.sharedData.appendingPathComponent("acl-anthology/xml-sample").path],
                    options: IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))).graph
}
