import CoauthorOutput
import CoauthorText
import CoauthorGraph
import CoauthorRecords
import Foundation
import Testing
@testable import CoauthorExport

func exportPaper(_ id: String, _ names: [String], year: Int? = nil) -> PaperRecord {
    PaperRecord(id: id, title: "T " + id, authors: names.compactMap(NameParser.parse), year: year,
                source: SourceLocation(file: "mem", line: 1))
}

func exportGraph(_ papers: [PaperRecord], options: GraphOptions = GraphOptions()) -> CoauthorGraph {
    let b = CorpusBuilder()
    for p in papers { b.add(p) }
    return CoauthorGraph(corpus: b.finish(), options: options)
}


func render(_ body: (TextSink) -> Void) -> String {
    let sink = TextSink()
    body(sink)
    sink.close()
    return sink.text
}

/// Ann–Bo twice (2016, 2017), Ann–Cy in 2019, a four-author paper, and Dee alone.
let small = [
    exportPaper("p1", ["Ann Lee", "Bo Chen"], year: 2016),
    exportPaper("p2", ["Ann Lee", "Bo Chen", "Cy Park"], year: 2017),
    exportPaper("p3", ["Ann Lee", "Cy Park"], year: 2019),
    exportPaper("p4", ["Ann Lee", "Bo Chen", "Cy Park", "Ed Moss"], year: 2019),
    exportPaper("p5", ["Dee Solo"], year: 2020),
]

@Suite struct ModelTests {
    @Test func edgeProvenanceMatchesTheWeights() throws {
        let g = exportGraph(small)
        let m = try ExportModel(ExportInput(graph: g))
        for e in 0..<g.edgeCount {
            #expect(m.edgePapers.rowLength(e) == Int(g.edgeWeight[e]))
            let a = Int(g.edgeSource[e]), b = Int(g.edgeTarget[e])
            #expect(m.edgePapers.row(e).map(Int.init) == g.jointPapers(a, b))
        }
        let ann = try #require(g.node("Ann Lee")), bo = try #require(g.node("Bo Chen"))
        let e = try #require(g.edge(ann, bo))
        #expect(m.paperIDs(e) == ["p1", "p2", "p4"])
        #expect(m.years(e) == [2016, 2017, 2019])
    }

    @Test func hyperauthoredPapersAreNotProvenance() throws {
        // With --max-authors 3 the four-author paper adds no tie, so it is behind no edge either.
        let g = exportGraph(small, options: GraphOptions(maxAuthors: 3))
        let m = try ExportModel(ExportInput(graph: g))
        let ann = try #require(g.node("Ann Lee")), bo = try #require(g.node("Bo Chen"))
        let e = try #require(g.edge(ann, bo))
        #expect(m.paperIDs(e) == ["p1", "p2"])
        #expect(g.node("Ed Moss") != nil && g.degree(g.node("Ed Moss")!) == 0)
        for e in 0..<g.edgeCount { #expect(m.edgePapers.rowLength(e) == Int(g.edgeWeight[e])) }
    }

    @Test func paperIDsAreMadeUniqueAcrossFiles() throws {
        func rec(_ id: String, _ file: String, _ line: Int, _ title: String) -> PaperRecord {
            PaperRecord(id: id, title: title, authors: ["Ann Lee", "Bo Chen"].compactMap(NameParser.parse), year: 2020,
                        source: SourceLocation(file: file, line: line))
        }
        let g = exportGraph([rec("p1", "in/a.csv", 2, "One"), rec("p1", "in/b.tsv", 2, "Two"), rec("p2", "in/a.csv", 3, "Three"),
                       rec("dup", "in/a.csv", 4, "Four"), rec("dup", "in/a.csv", 5, "Five")])
        let m = try ExportModel(ExportInput(graph: g))
        #expect(m.paperID == ["a.csv:p1", "b.tsv:p1", "p2", "a.csv:dup@4", "a.csv:dup@5"])
        #expect(m.paperIDs(0) == m.paperID)
    }

    @Test func spellsMergeConsecutiveYears() {
        #expect(ExportModel.spells([2016, 2017, 2019]).map { [$0.0, $0.1] } == [[2016, 2017], [2019, 2019]])
        #expect(ExportModel.spells([]).isEmpty)
        #expect(ExportModel.spells([2001, 2002, 2003]).map { [$0.0, $0.1] } == [[2001, 2003]])
    }

    @Test func communitiesAreNumberedBySizeWithLabels() throws {
        let g = exportGraph(small)   // nodes in order of appearance: Ann, Bo, Cy, Ed, Dee
        let table = CommunityTable(membership: [5, 5, 2, 2, -1], method: "test")
        let m = try ExportModel(ExportInput(graph: g, communities: table))
        // Equal sizes keep the given order (2 before 5).
        #expect(m.community == [2, 2, 1, 1, 0])
        // Default label: the member with the most papers.
        #expect(m.communityLabels == ["", "Cy Park", "Ann Lee"])
        let labelled = try ExportModel(ExportInput(graph: g, communities: CommunityTable(
            membership: [7, 7, 7, 3, 3], method: "test", labels: [7: "Seven"])))
        #expect(labelled.community == [1, 1, 1, 2, 2])
        #expect(labelled.communityLabels == ["", "Seven", "Ed Moss"])
    }

    @Test func badTablesAreRefused() {
        let g = exportGraph(small)
        #expect(throws: ExportError.columnLength(name: "pagerank", expected: 5, got: 2)) {
            try ExportModel(ExportInput(graph: g, metrics: [.double("pagerank", [1, 2])]))
        }
        #expect(throws: ExportError.badColumnName("page rank")) {
            try ExportModel(ExportInput(graph: g, metrics: [.double("page rank", [1, 2, 3, 4, 5])]))
        }
        #expect(throws: ExportError.badColumnName("label")) {
            try ExportModel(ExportInput(graph: g, metrics: [.double("label", [1, 2, 3, 4, 5])]))
        }
        #expect(throws: ExportError.columnLength(name: "x", expected: 5, got: 1)) {
            try ExportModel(ExportInput(graph: g, positions: PositionTable(x: [0], y: [0])))
        }
    }

    @Test func homonymsGetDistinctLabelsWhereNodesAreKeyedByLabel() throws {
        var a = exportPaper("h1", ["Wei Wang", "Ann Lee"], year: 2020)
        a.authors[0].ids = [PersistentID(.orcid, "0000-0002-1825-0097")]
        var b = exportPaper("h2", ["Wei Wang", "Ann Lee"], year: 2021)
        b.authors[0].ids = [PersistentID(.orcid, "0000-0001-5109-3700")]
        let g = exportGraph([a, b])
        let m = try ExportModel(ExportInput(graph: g))
        #expect(m.labels.filter { $0 == "Wei Wang" }.count == 2)
        #expect(Set(m.uniqueLabels) == ["Ann Lee", "Wei Wang (orcid:0000-0002-1825-0097)", "Wei Wang (orcid:0000-0001-5109-3700)"])
        #expect(m.idColumns.map(\.kind) == ["orcid"])
        let pajek = render { PajekWriter.writeNetwork(m, to: $0) }
        #expect(pajek.contains("\"Wei Wang (orcid:0000-0002-1825-0097)\""))
    }
}

@Suite struct EscapingTests {
    @Test func xml() {
        #expect(Text.xml("a<b>&\"c\"\td\ne") == "a&lt;b&gt;&amp;&quot;c&quot;&#9;d&#10;e")
        #expect(Text.xml("\u{1}x\u{FFFF}") == "\u{FFFD}x\u{FFFD}")
        #expect(Text.xml("Zoë 李") == "Zoë 李")
        #expect(Text.xml("a\tb\nc\rd<", content: true) == "a\tb\nc&#13;d&lt;")
    }

    @Test func gml() {
        #expect(Text.gml("Zoë \"Z\" & <b>\t") == "\"Zo&#235; &#34;Z&#34; &#38; <b>&#9;\"")
        #expect(Text.gml("🚀") == "\"&#128640;\"")
        #expect(Text.gmlReal(1e-05) == "1.0e-05")
        #expect(Text.gmlReal(3) == "3.0")
        #expect(Text.gmlReal(.nan) == "NAN")
        #expect(Text.gmlReal(0.25) == "0.25")
    }

    @Test func delimitedAndQuoted() {
        #expect(Text.delimited("plain") == "plain")
        #expect(Text.delimited("a,b") == "\"a,b\"")
        #expect(Text.delimited("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(Text.delimited("tab\there") == "tab\there")
        #expect(Text.delimited("tab\there", sep: "\t") == "\"tab\there\"")
        #expect(Text.delimited("a;b", sep: "\t", quoteAlso: [",", ";"]) == "\"a;b\"")
        #expect(Text.delimited("line\r\nbreak") == "\"line\r\nbreak\"")
        // A quote or a CR carrying a combining mark is one Character but still a quote or a CR to a
        // CSV reader: quoted (and the quote doubled).
        #expect(Text.delimited("a\"\u{301}b") == "\"a\"\"\u{301}b\"")
        #expect(Text.delimited("a\r\u{301}") == "\"a\r\u{301}\"")
        #expect(Text.pajek("O\"Neil \\ x\ny") == "\"O\\\"Neil \\\\ x y\"")
        #expect(Text.dot("a \"b\" \\ c\nd") == "\"a \\\"b\\\" \\\\ c\\nd\"")
        #expect(Text.json("a\"\\\t\u{1}") == "\"a\\\"\\\\\\t\\u0001\"")
    }

    /// The escapers of the drawings: SVG charts, SVG text added to Graphviz's output, the DOT
    /// labels and HTML-like labels Graphviz lays out.
    @Test func drawingEscapers() {
        #expect(Text.svg("a<b>&\"c\" 'd'\t\n\r\u{1}") == "a&lt;b&gt;&amp;&quot;c&quot; &apos;d&apos;\t\n\r\u{FFFD}")
        #expect(Text.xmlCharacterData("a<b>&\"c\"\t\n\r\u{1}\u{FFFE}z") == "a&lt;b&gt;&amp;\"c\"\t\nz")
        #expect(Text.graphvizLabel("AT&amp;T \\N \"q\"\n\u{7F}") == "\"AT&amp;amp;T \\\\N \\\"q\\\"  \"")
        #expect(Text.graphvizHTML("<b>&\"\t") == "&lt;b&gt;&amp;&quot; ")
        #expect(Text.svg("plain Zoë") == "plain Zoë")
    }

    @Test func humanNumbers() {
        #expect(Text.significant(.nan) == "-")
        #expect(Text.significant(.nan, nan: "–") == "–")
        #expect(Text.significant(0.1234567) == "0.123457")
        #expect(Text.significant(2.5) == "2.5")
        #expect(Text.significant(-0.0) == "0")
        #expect(Text.significant(1234567) == "1.23457e+06")
        #expect(Text.significant(1234567, wholeNumbers: true) == "1234567")
        #expect(Text.fixed(0.5) == "0.5")
        #expect(Text.fixed(2.0049, decimals: 2) == "2")
        #expect(Text.fixed(-0.0001) == "0")
        #expect(Text.cellNumber(.infinity) == "")
        #expect(Text.cellNumber(0.25) == "0.25")
        #expect(Text.jsonNumber(.nan) == "null")
    }

    @Test func numbers() {
        #expect(Text.number(3) == "3")
        #expect(Text.number(0.1) == "0.1")
        #expect(Text.number(1e-05) == "1e-05")
        #expect(Text.number(-0.0) == "0")
        #expect(Text.xmlNumber(.nan) == "NaN")
        #expect(Text.xmlNumber(-.infinity) == "-INF")
        #expect(Text.jsonNumber(.nan) == "null")
    }
}

@Suite struct WriterTests {
    func model(positions: Bool = false, communities: Bool = true) throws -> ExportModel {
        let g = exportGraph(small)
        return try ExportModel(ExportInput(
            graph: g, metrics: [.double("pagerank", [0.4, 0.3, 0.2, 0.1, .nan])],
            communities: communities ? CommunityTable(membership: g.connectedComponents().membership, method: "components") : nil,
            positions: positions ? PositionTable(x: [0, 10, 20, 30, 40], y: [0, -5, 5, 0, 1]) : nil,
            metadata: ExportMetadata(version: "9.9", inputs: ["mem"], options: [("counting", "full")])))
    }

    @Test func gexfIsDynamicWithSpellsAndViz() throws {
        let s = render { GEXFWriter.write(try! model(positions: true), to: $0) }
        #expect(s.contains("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">"))
        #expect(s.contains("mode=\"dynamic\" timeformat=\"integer\" start=\"2016\" end=\"2020\""))
        #expect(s.contains("<node id=\"ann|lee\" label=\"Ann Lee\">"))
        #expect(s.contains("<spells><spell start=\"2016\" end=\"2019\"/></spells>"))
        // Ann–Bo wrote in 2016, 2017 and 2019: two spells.
        #expect(s.contains("<spells><spell start=\"2016\" end=\"2017\"/><spell start=\"2019\" end=\"2019\"/></spells>"))
        #expect(s.contains("<viz:position x=\"10\" y=\"-5\" z=\"0\"/>"))
        #expect(s.contains("<viz:color r=\"153\" g=\"153\" b=\"153\"/>") == false)
        #expect(s.contains("<attvalue for=\"pagerank\" value=\"NaN\"/>"))
        #expect(!s.contains("mode=\"static\"") && !s.contains("<attributes class=\"node\" mode"))
        #expect(s.contains("weight=\"3\""))
    }

    @Test func positionsReachEveryFormatThatHoldsThem() throws {
        let m = try model(positions: true)
        #expect(render { GraphMLWriter.write(m, to: $0) }.contains("<data key=\"v_x\">10</data><data key=\"v_y\">-5</data>"))
        #expect(render { CSVWriter.writeNodes(m, to: $0) }.hasPrefix("id,label,papers,first_year,last_year,pagerank,community,community_label,x,y\r\n"))
        let map = render { VOSviewerWriter.writeMap(m, to: $0) }
        #expect(map.hasPrefix("id\tlabel\tx\ty\tcluster\tweight<Links>\tweight<Total link strength>\tweight<Documents>\tscore<Avg. pub. year>\tscore<pagerank>\n"))
        #expect(map.contains("\n1\tAnn Lee\t0\t0\t1\t3\t"))
        #expect(render { PlainDOTWriter.write(m, to: $0) }.contains("pos=\"10,-5!\""))
        #expect(PlainDOTWriter.dot(.double(3.5e-05)) == "\"3.5e-05\"" && PlainDOTWriter.dot(.double(0.25)) == "0.25")
        // Pajek: scaled into the unit box (span 40), aspect kept.
        #expect(render { PajekWriter.writeNetwork(m, to: $0) }.contains("2 \"Bo Chen\" 0.25 0 0.5\n"))
        let json = render { VOSviewerWriter.writeJSON(m, to: $0) }
        #expect(json.contains("\"x\": 10, \"y\": -5"))
    }

    @Test func jsonIsValidAndComplete() throws {
        let s = render { NodeLinkJSONWriter.write(try! model(), to: $0) }
        let j = try #require(try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])
        #expect(j["directed"] as? Bool == false)
        let nodes = try #require(j["nodes"] as? [[String: Any]])
        #expect(nodes.count == 5)
        #expect(nodes[4]["pagerank"] is NSNull)
        let edges = try #require(j["edges"] as? [[String: Any]])
        #expect(edges.first?["paper_ids"] as? [String] == ["p1", "p2", "p4"])
        let meta = try #require(j["graph"] as? [String: Any])
        #expect((meta["counts"] as? [String: Int]) == ["nodes": 5, "edges": 6, "papers": 5, "communities": 2])
    }

    @Test func emptyGraphsStayValid() throws {
        let g = exportGraph(small, options: GraphOptions(minPapers: 50))
        let m = try ExportModel(ExportInput(graph: g, communities: CommunityTable(membership: [], method: "components")))
        let s = render { NodeLinkJSONWriter.write(m, to: $0) }
        #expect(try JSONSerialization.jsonObject(with: Data(s.utf8)) is [String: Any])
        let v = render { VOSviewerWriter.writeJSON(m, to: $0) }
        #expect(try JSONSerialization.jsonObject(with: Data(v.utf8)) is [String: Any])
        #expect(render { GEXFWriter.write(m, to: $0) }.contains("<nodes count=\"0\">"))
    }

    @Test func vosviewerNumbersAtMostAThousandClusters() throws {
        let papers = (0..<1003).map { exportPaper("s\($0)", ["Solo Author\($0 < 26 ? String(UnicodeScalar(65 + $0)!) : String($0))"]) }
        let g = exportGraph(papers)
        #expect(g.nodeCount == 1003)
        let m = try ExportModel(ExportInput(graph: g, communities: CommunityTable(membership: g.connectedComponents().membership,
                                                                                 method: "components")))
        #expect(VOSviewerWriter.overflowCommunities(m) == 3)
        let rows = render { VOSviewerWriter.writeMap(m, to: $0) }.split(separator: "\n").dropFirst()
        let clusters = rows.map { $0.split(separator: "\t", omittingEmptySubsequences: false)[2] }
        #expect(clusters.filter(\.isEmpty).count == 3)
        #expect(clusters.compactMap { Int($0) }.max() == 1000)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("vos-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let r = try Exporter.export(m, format: .vosviewer, to: dir)
        #expect(r.warnings.count == 1)
        #expect(r.files.map { ($0 as NSString).lastPathComponent } == ["map.txt", "network.txt", "vosviewer.json"])
    }
}

@Suite struct AtomicTests {
    func scratch() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    @Test func allFilesOrNone() throws {
        let d = try scratch()
        defer { try? FileManager.default.removeItem(atPath: d) }
        try FileManager.default.createDirectory(atPath: d + "/edges.csv", withIntermediateDirectories: true)
        let m = try ExportModel(ExportInput(graph: exportGraph(small)))
        #expect(throws: ExportError.output(.cannotWrite(path: d + "/edges.csv", reason: "is a directory"))) {
            _ = try Exporter.export(m, format: .csv, to: d)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: d) == ["edges.csv"])
        try FileManager.default.removeItem(atPath: d + "/edges.csv")
        let r = try Exporter.export(m, format: .csv, to: d)
        #expect(r.files == [d + "/nodes.csv", d + "/edges.csv", d + "/papers.csv"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: d).sorted() == ["edges.csv", "nodes.csv", "papers.csv"])
    }

    @Test func missingDirectoryFailsCleanly() throws {
        let d = try scratch()
        defer { try? FileManager.default.removeItem(atPath: d) }
        let m = try ExportModel(ExportInput(graph: exportGraph(small)))
        #expect(throws: ExportError.output(.cannotWrite(path: d + "/no/such/g.gml", reason: "no such file or directory"))) {
            _ = try Exporter.export(m, format: .gml, to: d + "/no/such/g.gml")
        }
        // Directory formats create their directory.
        _ = try Exporter.export(m, format: .csv, to: d + "/new/dir")
        #expect(FileManager.default.fileExists(atPath: d + "/new/dir/nodes.csv"))
        // Pajek writes its partition and vectors beside the network.
        let withTables = try ExportModel(ExportInput(graph: exportGraph(small), metrics: [.double("core", [1, 1, 1, 1, 0])],
                                                     communities: CommunityTable(membership: [0, 0, 0, 0, 1], method: "t")))
        let r = try Exporter.export(withTables, format: .pajek, to: d + "/g.net")
        #expect(r.files == [d + "/g.net", d + "/g.clu", d + "/g.core.vec"])
        #expect(try String(contentsOfFile: d + "/g.clu", encoding: .utf8) == "*Vertices 5\n1\n1\n1\n1\n2\n")
    }
}

extension CoauthorGraph {
    /// The node of a display name (tests only: a linear search).
    func node(_ name: String) -> Int? { (0..<nodeCount).first { self.name($0) == name } }
}
