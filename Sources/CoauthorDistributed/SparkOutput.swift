import CoauthorGraph
import CoauthorModel
import Foundation

/// The output directory of coauthor's Spark job (`Distributed/spark/coauthor_spark.py`): the
/// manifest `_coauthor.json`, `nodes/` and `edges/` (Parquet part files), read back as a
/// `CoauthorGraph` so every command can rank, draw and export a graph built on a cluster.
///
/// The manifest is written last by the job, after both tables are in place: a directory without
/// it (a job that failed or is still running) is refused, never read half-written.
public struct SparkOutput: Sendable {
    public static let format = "coauthor-spark-graph"
    public static let version = 1

    /// What the job recorded about its run.
    public struct Manifest: Sendable {
        public var maxAuthors: Int
        public var nodes: Int
        public var edges: Int
        public var mentions: Int
        public var pagerankIterations: Int
    }

    public var manifest: Manifest
    public var graph: CoauthorGraph
    /// The job's own node columns (`pagerank`, `component`, `label_propagation`, …), by node.
    public var nodeTable: ParquetTable

    /// Whether `path` is a directory holding a Spark job's output (a manifest, or the two tables).
    public static func looks(path: String) -> Bool {
        var dir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &dir), dir.boolValue else { return false }
        let fm = FileManager.default
        return fm.fileExists(atPath: path + "/_coauthor.json")
            || (fm.fileExists(atPath: path + "/nodes") && fm.fileExists(atPath: path + "/edges"))
    }

    /// Reads the directory. - Throws: `SparkOutputError` (what is wrong, and where).
    public static func load(path: String) throws(SparkOutputError) -> SparkOutput {
        let manifestPath = path + "/_coauthor.json"
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw .incomplete("\(manifestPath): missing: the Spark job did not finish (it writes the manifest last); rerun it")
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw .bad("\(manifestPath):1: not a JSON object")
        }
        guard object["format"] as? String == format else {
            throw .bad("\(manifestPath):1: format '\(object["format"] ?? "none")', expected '\(format)'")
        }
        guard let v = object["version"] as? Int, v == version else {
            throw .bad("\(manifestPath):1: version \(object["version"] ?? "none"); this coauthor reads version \(version) (rerun the job of the same coauthor)")
        }
        func int(_ k: String) throws(SparkOutputError) -> Int {
            guard let x = object[k] as? Int else { throw .bad("\(manifestPath):1: '\(k)' missing or not an integer") }
            return x
        }
        let manifest = Manifest(maxAuthors: try int("max_authors"), nodes: try int("nodes"), edges: try int("edges"),
                                mentions: try int("mentions"), pagerankIterations: try int("pagerank_iterations"))
        let nodes = try table(path + "/nodes")
        let edges = try table(path + "/edges")
        guard nodes.rowCount == manifest.nodes, edges.rowCount == manifest.edges else {
            throw .bad("\(path): \(nodes.rowCount) nodes and \(edges.rowCount) edges, the manifest says \(manifest.nodes) and \(manifest.edges)")
        }
        // Node columns.
        func strings(_ t: ParquetTable, _ dir: String, _ name: String, nullable: Bool = false) throws(SparkOutputError) -> [String?] {
            guard case .string(let v)? = t.column(name) else { throw .bad("\(dir): no string column '\(name)'") }
            if !nullable, let i = v.firstIndex(where: { $0 == nil }) { throw .bad("\(dir): row \(i): '\(name)' is null") }
            return v
        }
        func ints(_ t: ParquetTable, _ dir: String, _ name: String, nullable: Bool = false) throws(SparkOutputError) -> [Int64?] {
            guard case .int(let v)? = t.column(name) else { throw .bad("\(dir): no integer column '\(name)'") }
            if !nullable, let i = v.firstIndex(where: { $0 == nil }) { throw .bad("\(dir): row \(i): '\(name)' is null") }
            return v
        }
        func doubles(_ t: ParquetTable, _ dir: String, _ name: String) throws(SparkOutputError) -> [Double] {
            guard case .double(let v)? = t.column(name) else { throw .bad("\(dir): no floating-point column '\(name)'") }
            if let i = v.firstIndex(where: { $0 == nil }) { throw .bad("\(dir): row \(i): '\(name)' is null") }
            return v.map { $0! }
        }
        let nd = path + "/nodes", ed = path + "/edges"
        let nodeIndex = try ints(nodes, nd, "node"), keys = try strings(nodes, nd, "id"), labels = try strings(nodes, nd, "label")
        let ids = try strings(nodes, nd, "ids", nullable: true), papers = try ints(nodes, nd, "papers")
        let first = try ints(nodes, nd, "first_year", nullable: true), last = try ints(nodes, nd, "last_year", nullable: true)
        for (i, v) in nodeIndex.enumerated() where v != Int64(i) {
            throw .bad("\(nd): row \(i) holds node \(v!): the table must list nodes 0, 1, … in order")
        }
        var out: [ImportedGraph.Node] = []
        out.reserveCapacity(nodes.rowCount)
        var index: [String: Int32] = [:]
        index.reserveCapacity(nodes.rowCount)
        for i in 0..<nodes.rowCount {
            let idList = (ids[i] ?? "").split(separator: ";").compactMap { part -> PersistentID? in
                let s = part.trimmingCharacters(in: .whitespaces)
                guard let colon = s.firstIndex(of: ":"), let kind = PersistentID.Kind(rawValue: String(s[..<colon])) else { return nil }
                return PersistentID(kind, String(s[s.index(after: colon)...]))
            }
            out.append(ImportedGraph.Node(key: keys[i]!, label: labels[i]!, ids: idList, papers: Int(papers[i]!),
                                          firstYear: first[i].map { Int($0) }, lastYear: last[i].map { Int($0) }))
            index[keys[i]!] = Int32(i)
        }
        let src = try strings(edges, ed, "src"), dst = try strings(edges, ed, "dst"), weight = try ints(edges, ed, "weight")
        let fractional = try doubles(edges, ed, "fractional")
        let efirst = try ints(edges, ed, "first_year", nullable: true), elast = try ints(edges, ed, "last_year", nullable: true)
        var edgeList: [ImportedGraph.Edge] = []
        edgeList.reserveCapacity(edges.rowCount)
        for e in 0..<edges.rowCount {
            guard let a = index[src[e]!], let b = index[dst[e]!] else {
                throw .bad("\(ed): row \(e): an end ('\(index[src[e]!] == nil ? src[e]! : dst[e]!)') is not in the node table")
            }
            edgeList.append(ImportedGraph.Edge(a: a, b: b, weight: Int32(clamping: weight[e]!), fractional: fractional[e],
                                               firstYear: efirst[e].map { Int($0) }, lastYear: elast[e].map { Int($0) }))
        }
        do {
            let g = try ImportedGraph.graph(nodes: out, edges: edgeList, options: GraphOptions(maxAuthors: manifest.maxAuthors))
            return SparkOutput(manifest: manifest, graph: g, nodeTable: nodes)
        } catch {
            throw .bad("\(path): \(error)")
        }
    }

    /// One table: every `*.parquet` file of the directory, in name order, as one table.
    static func table(_ dir: String) throws(SparkOutputError) -> ParquetTable {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir) else {
            throw .incomplete("\(dir): missing")
        }
        let files = names.filter { $0.hasSuffix(".parquet") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
        guard !files.isEmpty else { throw .incomplete("\(dir): no Parquet files") }
        var merged: ParquetTable?
        for f in files {
            let t: ParquetTable
            do { t = try ParquetTable(path: dir + "/" + f) } catch { throw .bad(error.description) }
            if merged == nil { merged = t; continue }
            do { try merged!.append(t) } catch { throw .bad("\(dir)/\(f): \(error.message)") }
        }
        return merged!
    }
}

extension ParquetTable {
    /// Appends the rows of a table of the same columns (names and types in the same order).
    mutating func append(_ other: ParquetTable) throws(DecodeError) {
        guard other.columns.map(\.name) == columns.map(\.name) else { throw DecodeError("columns differ from the first file's") }
        for i in columns.indices {
            switch (columns[i].values, other.columns[i].values) {
            case (.bool(let a), .bool(let b)): columns[i].values = .bool(a + b)
            case (.int(let a), .int(let b)): columns[i].values = .int(a + b)
            case (.double(let a), .double(let b)): columns[i].values = .double(a + b)
            case (.string(let a), .string(let b)): columns[i].values = .string(a + b)
            default: throw DecodeError("column '\(columns[i].name)' has another type than in the first file")
            }
        }
        rowCount += other.rowCount
    }
}

public enum SparkOutputError: Error, Sendable, CustomStringConvertible {
    /// The job has not finished writing (or failed): nothing is read.
    case incomplete(String)
    /// The directory holds something coauthor does not read.
    case bad(String)

    public var description: String {
        switch self {
        case .incomplete(let m), .bad(let m): return m
        }
    }
}
