import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// The readers against `Tests/oracle/xml_counts.py` (Python's xml.etree), run in the same test run,
/// on the real files in ../shared/data: the counts, and every record's id, year, title and authors.
@Suite struct XMLOracleTests {
    /// Compares record by record; reports the first difference only.
    func compare(_ mine: [XMLOracleRecord], _ theirs: [XMLOracleRecord], _ file: String) {
        #expect(mine.count == theirs.count, "\(file): record count")
        if let i = (0..<min(mine.count, theirs.count)).first(where: { mine[$0] != theirs[$0] }) {
            Issue.record("\(file): record \(i) differs:\n  reader: \(mine[i])\n  oracle: \(theirs[i])")
        }
    }

    @Test func dblpSample() throws {
        let url = TestPaths.sharedData.appendingPathComponent("dblp/xml/dblp-sample.xml")
        let (records, sink) = try readXMLFile(DBLPXMLReader.self, url)
        let oracle = try xmlOracle(url)
        // An author string is the <author> text: the name with its homonym number.
        let key: (AuthorName) -> String = { a in a.ids.first { $0.kind == .dblp }?.value ?? a.raw }
        let counts = XMLCounts(records, key: key)
        #expect(counts == XMLCounts(oracle: oracle))
        // The figures SOURCE.txt gives for the file.
        #expect(counts.records == 131)
        #expect(counts.mentions == 73)
        #expect(counts.distinctAuthors == 61)
        #expect(counts.pairs == 28)
        #expect(counts.orcidMentions == 4)
        #expect(sink.diagnostics.isEmpty)
        compare(records.map { XMLOracleRecord(id: $0.id, year: $0.year, title: $0.title, authors: $0.authors.map(key)) },
                xmlOracleRecords(oracle), "dblp-sample.xml")
        // The entities of the file, decoded.
        let names = Set(records.flatMap(\.authors).map(\.raw))
        #expect(names.isSuperset(of: ["Jürgen Beyerer", "Matti Pietikäinen", "François Chaumette"]))
    }

    @Test(arguments: ["pubmed21n1298-first300.xml", "pubmed-29768149.xml"])
    func pubmed(_ file: String) throws {
        let url = TestPaths.sharedData.appendingPathComponent("pubmed/\(file)")
        let (records, _) = try readXMLFile(PubMedReader.self, url)
        let oracle = try xmlOracle(url)
        let key: (AuthorName) -> String = { a in (a.family ?? "") + "|" + (a.given ?? "") }
        let counts = XMLCounts(records, key: key)
        #expect(counts == XMLCounts(oracle: oracle))
        compare(records.map { XMLOracleRecord(id: $0.id, year: $0.year, title: $0.title, authors: $0.authors.map(key)) },
                xmlOracleRecords(oracle), file)
        // SOURCE.txt: the first 300 articles of update file 1298; the single record has 10 authors.
        if file == "pubmed-29768149.xml" {
            #expect(counts.records == 1 && counts.mentions == 10)
            #expect(records.first?.doi == "10.1056/NEJMoa1715274")
        } else {
            #expect(counts.records == 300)
            #expect(counts.orcidMentions > 0)
        }
    }

    @Test(arguments: ["1952.earlymt.xml", "2020.acl.xml", "J19.xml", "P19.xml"])
    func acl(_ file: String) throws {
        let url = TestPaths.sharedData.appendingPathComponent("acl-anthology/xml-sample/\(file)")
        let (records, sink) = try readXMLFile(ACLAnthologyReader.self, url)
        let oracle = try xmlOracle(url)
        let key: (AuthorName) -> String = { a in (a.given ?? "") + "|" + (a.family ?? "") }
        let counts = XMLCounts(records, key: key)
        #expect(counts == XMLCounts(oracle: oracle))
        #expect(sink.diagnostics.isEmpty)
        // The oracle's id is the paper's <url>, which the Anthology writes as the Anthology ID.
        var theirs = xmlOracleRecords(oracle)
        var withoutURL = 0
        for i in theirs.indices where theirs[i].id.isEmpty && i < records.count {
            theirs[i].id = records[i].id
            withoutURL += 1
        }
        // 1952.earlymt has 26 papers and 19 <url>s (grep); the other files give every paper one.
        #expect(withoutURL == (file == "1952.earlymt.xml" ? 7 : 0))
        compare(records.map { XMLOracleRecord(id: $0.id, year: $0.year, title: $0.title, authors: $0.authors.map(key)) },
                theirs, file)
    }

    /// The loader picks the readers by content (`.xml` says nothing) and reads the whole sample folder.
    @Test func loaderDetectsTheXMLFormats() throws {
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        var n = 0
        let summary = try loader.load([TestPaths.sharedData.appendingPathComponent("acl-anthology/xml-sample").path,
                                       TestPaths.sharedData.appendingPathComponent("dblp/xml/dblp-sample.xml").path,
                                       TestPaths.sharedData.appendingPathComponent("pubmed/pubmed-29768149.xml").path]) { _ in n += 1 }
        #expect(summary.files.count == 6)
        #expect(summary.ignoredFiles.isEmpty)
        #expect(n == summary.records)
        #expect(summary.skipped == 0)
    }

    /// A collection with front matter and no papers (the Anthology's 2021.vigil.xml, S98.xml) is
    /// well-formed but empty: found in a directory it is a warning, named on its own an error.
    @Test func emptyCollectionInADirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let empty = dir.appendingPathComponent("2021.vigil.xml")
        try Data(#"<collection id="2021.vigil"><volume id="1"><meta><year>2021</year></meta><frontmatter/></volume></collection>"#.utf8).write(to: empty)
        try Data(#"<collection id="P19"><volume id="1"><meta><year>2019</year></meta><paper id="1"><title>T</title></paper></volume></collection>"#.utf8)
            .write(to: dir.appendingPathComponent("P19.xml"))
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        var ids: [String] = []
        let summary = try loader.load([dir.path]) { ids.append($0.id) }
        #expect(ids == ["P19-1001"])
        #expect(summary.diagnostics.map(\.description) == ["\(empty.path):1: warning: no records in this file"])
        #expect(throws: RecordError.empty(path: empty.path)) { _ = try loader.load([empty.path]) { _ in } }
    }

    /// Invalid UTF-8 in an XML file is caught before any reader sees it.
    @Test func invalidUTF8() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-xml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("latin1.xml")
        try Data(Array("<dblp>\n<article key=\"k\"><author>M".utf8) + [0xFC] + Array("ller</author></article></dblp>".utf8)).write(to: f)
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        #expect(throws: RecordError.invalidUTF8(SourceLocation(file: f.path, line: 2, column: 27))) {
            _ = try loader.load([f.path]) { _ in }
        }
    }
}
