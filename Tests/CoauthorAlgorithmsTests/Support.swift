import CoauthorGraph
import CoauthorIngest
import CoauthorRecords
import Foundation
import Testing

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let sharedData = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

/// The project venv's Python (networkx inside); tests fail, never skip, when it is missing.
func venvPython() throws -> URL {
    if let p = ProcessInfo.processInfo.environment["COAUTHOR_PYTHON"] { return URL(fileURLWithPath: p) }
    let p = repoRoot.appendingPathComponent(".venv/bin/python")
    guard FileManager.default.isExecutableFile(atPath: p.path) else {
        throw TestSetupError("no .venv with networkx: run `bash Tests/scripts/setup.sh` (the README's test command does)")
    }
    return p
}

struct TestSetupError: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

/// Runs a Python script with JSON on standard input; returns its parsed JSON output.
func runPython(_ script: String, input: Any) throws -> Any {
    let p = Process()
    p.executableURL = try venvPython()
    p.arguments = [repoRoot.appendingPathComponent(script).path]
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-py-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in.json"), outURL = dir.appendingPathComponent("out.json")
    let errURL = dir.appendingPathComponent("err.txt")
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    p.standardError = try FileHandle(forWritingTo: errURL)
    try JSONSerialization.data(withJSONObject: input).write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    p.standardInput = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    try p.run()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
        let err = String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self)
        throw TestSetupError("\(script) exited with \(p.terminationStatus): \(err.suffix(2000))")
    }
    return try JSONSerialization.jsonObject(with: Data(contentsOf: outURL))
}

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
    try Ingest.load([repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt").path],
                    options: IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))).graph
}

/// The coauthorship graph of the ACL Anthology XML sample in ../shared/data.
func aclSampleGraph() throws -> CoauthorGraph {
    try Ingest.load([sharedData.appendingPathComponent("acl-anthology/xml-sample").path],
                    options: IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))).graph
}
