import Foundation
import Testing
import CoauthorGraph
import CoauthorRecords
@testable import CoauthorDistributed

/// coauthor's Parquet reader against files pyarrow wrote (`make-fixtures.py`), and the Spark output
/// loader's refusals. (Files Spark writes are read in Tests/spark, on the job's real output.)
@Suite struct ParquetTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func path(_ name: String) -> String { fixtures.appendingPathComponent(name).path }

    /// What make-fixtures.py wrote, row by row.
    static let n = 300

    @Test(arguments: ["flat-v1.parquet", "flat-v2.parquet"])
    func readsFlatTables(_ file: String) throws {
        let t = try ParquetTable(path: Self.path(file))
        #expect(t.rowCount == Self.n)
        #expect(t.columns.map(\.name) == ["i32", "i64", "f64", "s", "b"])
        let rows = Array(0..<Self.n)
        let i32: [Int64?] = rows.map { (k: Int) -> Int64? in k % 7 == 0 ? nil : Int64(k - 150) }
        let i64: [Int64?] = rows.map { (k: Int) -> Int64? in Int64(k) * 10_000_000_000 }
        let f64: [Double?] = rows.map { (k: Int) -> Double? in Double(k) / 3 }
        let s: [String?] = rows.map { (k: Int) -> String? in k % 5 == 0 ? nil : "Müller \(k) 中" }
        let b: [Bool?] = rows.map { (k: Int) -> Bool? in k % 3 == 0 }
        #expect(t.column("i32") == ParquetTable.Values.int(i32))
        #expect(t.column("i64") == ParquetTable.Values.int(i64))
        #expect(t.column("f64") == ParquetTable.Values.double(f64))
        #expect(t.column("s") == ParquetTable.Values.string(s))
        #expect(t.column("b") == ParquetTable.Values.bool(b))
    }

    @Test(arguments: [("snappy.parquet", "compression codec SNAPPY"), ("dictionary.parquet", "dictionary"),
                      ("nested.parquet", "nested schema")])
    func refusesWhatItCannotRead(_ file: String, _ message: String) {
        do {
            _ = try ParquetTable(path: Self.path(file))
            Issue.record("\(file) was read")
        } catch {
            #expect(error.description.hasPrefix(Self.path(file) + ": "))
            #expect(error.description.contains(message), "\(error.description)")
        }
    }

    @Test func refusesTruncatedAndForeignFiles() throws {
        let bytes = [UInt8](try Data(contentsOf: Self.fixtures.appendingPathComponent("flat-v1.parquet")))
        for cut in [bytes.count - 1, bytes.count / 2, 3] {
            #expect(throws: ParquetError.self) { try ParquetTable(bytes: Array(bytes[0..<cut]), path: "x") }
        }
        #expect(throws: ParquetError.self) { try ParquetTable(bytes: Array("PAR1 not really PAR1".utf8), path: "x") }
        // A corrupted footer is an error, never a trap.
        var bad = bytes
        let footerLength = Int(bad[bad.count - 8]) | Int(bad[bad.count - 7]) << 8
        for i in (bad.count - 8 - footerLength)..<(bad.count - 8) where i % 3 == 0 { bad[i] ^= 0x5A }
        #expect(throws: ParquetError.self) { try ParquetTable(bytes: bad, path: "x") }
    }

    @Test func sparkOutputWithoutManifestIsIncomplete() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-spark-\(getpid())")
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("nodes"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("edges"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(SparkOutput.looks(path: dir.path))
        do {
            _ = try SparkOutput.load(path: dir.path)
            Issue.record("read without a manifest")
        } catch {
            guard case .incomplete(let m) = error else { Issue.record("\(error)"); return }
            #expect(m.contains("_coauthor.json: missing"))
        }
        try Data(#"{"format":"coauthor-spark-graph","version":2}"#.utf8).write(to: dir.appendingPathComponent("_coauthor.json"))
        do {
            _ = try SparkOutput.load(path: dir.path)
            Issue.record("read a manifest of another version")
        } catch {
            #expect(error.description.contains("version 2; this coauthor reads version 1"))
        }
    }

    @Test func importedGraphMatchesBuiltGraph() throws {
        // The same three-author paper and a single-author paper, built from records and imported.
        let b = CorpusBuilder()
        b.add(PaperRecord(id: "p1", title: "T", authors: ["Ann Lee", "Bo Chen", "Cy Diaz"].compactMap(NameParser.parse), year: 2020,
                          source: SourceLocation(file: "m", line: 1)))
        b.add(PaperRecord(id: "p2", title: "U", authors: ["Dee Fox"].compactMap(NameParser.parse), year: 2021,
                          source: SourceLocation(file: "m", line: 2)))
        let built = CoauthorGraph(corpus: b.finish())
        let nodes = (0..<built.nodeCount).map {
            ImportedGraph.Node(key: built.key($0), label: built.name($0), ids: [], papers: Int(built.nodePapers[$0]),
                               firstYear: Int(built.nodeFirstYear[$0]), lastYear: Int(built.nodeLastYear[$0]))
        }
        let edges = (0..<built.edgeCount).reversed().map {
            ImportedGraph.Edge(a: built.edgeTarget[$0], b: built.edgeSource[$0], weight: built.edgeWeight[$0],
                               fractional: built.edgeFractional[$0], firstYear: 2020, lastYear: 2020)
        }
        let g = try ImportedGraph.graph(nodes: nodes, edges: edges, options: GraphOptions())
        #expect(g.edgeSource == built.edgeSource && g.edgeTarget == built.edgeTarget)
        #expect(g.offsets == built.offsets && g.neighbors == built.neighbors)
        #expect(g.edgeFractional == built.edgeFractional)
        #expect((0..<g.nodeCount).map(g.key) == (0..<built.nodeCount).map(built.key))
        #expect(throws: ImportedGraph.Problem.duplicateEdge(edge: 1)) {
            try ImportedGraph.graph(nodes: nodes, edges: [edges[0], edges[0]], options: GraphOptions())
        }
        #expect(throws: ImportedGraph.Problem.selfLoop(edge: 0)) {
            try ImportedGraph.graph(nodes: nodes, edges: [ImportedGraph.Edge(a: 1, b: 1, weight: 1, fractional: 1, firstYear: nil, lastYear: nil)],
                                    options: GraphOptions())
        }
    }
}
