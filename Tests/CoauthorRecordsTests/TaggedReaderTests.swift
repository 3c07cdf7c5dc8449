import Foundation
import Testing
@testable import CoauthorRecords

/// RIS, Web of Science plain text and MEDLINE: one snippet per feature, and bad records.
@Suite struct TaggedReaderTests {
    @Test func risEveryField() throws {
        let text = """
        Provider: Someone
        TY  - JOUR
        ID  - 12345
        T1  - Title of
              reference
        AU  - Marx, Karl
        A1  - Shannon,Claude E.
        A1  - Fanning E.
        A2  - Glattauer, Daniel
        ED  - Editor, An
        AU  -
        Y1  - 2014/03/09/other
        JF  - Lorem
        JO  - lor
        DO  - http://dx.doi.org/10.1177/2325967120950040
        UR  - http://example.com; http://www.example.com
        N2  - Background
        ER then a continuation line, not an end
        AB  - The abstract
        ER  -
        TY  - BOOK
        PY  - 1948//
        TI  - Second
        T1  - Not this one
        T2  - The venue
        ER  -
        """
        let (r, sink) = try readAll(RISReader.self, text, name: "x.ris")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.count == 2)
        let p = r[0]
        #expect(p.id == "12345")
        #expect(p.category == "JOUR")
        #expect(p.title == "Title of reference")
        #expect(p.authors == [
            AuthorName(raw: "Marx, Karl", given: "Karl", family: "Marx"),
            AuthorName(raw: "Shannon,Claude E.", given: "Claude E.", family: "Shannon"),
            AuthorName(raw: "Fanning E.", given: "E.", family: "Fanning"),
        ])
        #expect(p.year == 2014 && p.date == PaperDate(year: 2014, month: 3, day: 9))
        #expect(p.venue == "Lorem")
        #expect(p.doi == "10.1177/2325967120950040")
        #expect(p.url == "http://example.com")
        #expect(p.abstract == "The abstract")
        #expect(p.source == SourceLocation(file: "x.ris", line: 2))
        #expect(r[1].id == "line 21")
        #expect(r[1].title == "Second")
        #expect(r[1].year == 1948 && r[1].date == nil)
        #expect(r[1].venue == "The venue")
        #expect(r[1].authors.isEmpty)
    }

    @Test func risRecordsWithoutER() throws {
        let text = "TY  - JOUR\nTI  - First\nTY  - JOUR\nTI  - Second\nER  - \n\nTY  - JOUR\nAU  - Last, One\n"
        let (r, sink) = try readAll(RISReader.self, text, name: "cut.ris")
        #expect(r.map(\.title) == ["Second"])
        #expect(sink.skipped == 2)
        #expect(sink.diagnostics.map(\.description) == [
            "cut.ris:1: RIS record without ER (a new TY begins at line 3); skipped",
            "cut.ris:7: RIS record without ER at the end of the file; skipped",
        ])
        #expect(throws: RecordError.strict(Diagnostic(SourceLocation(file: "cut.ris", line: 1),
                                                      "RIS record without ER (a new TY begins at line 3); skipped"))) {
            _ = try readAll(RISReader.self, text, name: "cut.ris", strict: true)
        }
    }

    @Test func risSniff() {
        func sniff(_ s: String) -> Bool { RISReader.sniff(SourceDocument(name: "x", text: s)) }
        #expect(sniff("Record #1 of 2\n1.\nTY  - JOUR\n"))
        #expect(sniff("TY  -\r\nER  -\r\n"))
        #expect(!sniff("PT J\nAU X\nER\n"))
        #expect(!sniff("AU  - X\nTY  - JOUR\n"))
    }

    @Test func webOfScience() throws {
        let text = """
        FN Thomson Reuters Web of Science™
        VR 1.0
        PT J
        AU Doe, J
           Roe, R
        AF Doe, Jane
           Roe, Richard
        CA SYGMA Group
        TI A title over
           two lines
        SO JOURNAL
        DT Article
        PD SEP
        PY 2019
        DI 10.1/abc
        UT WOS:1
        AB Abstract.
        ER

        PT B
        AU Only, Short
        PY 2020
        ER

        PT J
        TI never ended
        EF
        """
        let (r, sink) = try readAll(WebOfScienceReader.self, text, name: "w.txt")
        #expect(r.count == 2)
        #expect(r[0].authors.map(\.displayName) == ["Jane Doe", "Richard Roe"])
        #expect(r[0].groupAuthors == ["SYGMA Group"])
        #expect(r[0].title == "A title over two lines")
        #expect(r[0].venue == "JOURNAL" && r[0].category == "Article")
        #expect(r[0].date == PaperDate(year: 2019, month: 9))
        #expect(r[0].doi == "10.1/abc" && r[0].id == "WOS:1" && r[0].abstract == "Abstract.")
        #expect(r[0].source.line == 3)
        #expect(r[1].authors.map(\.displayName) == ["Short Only"])
        #expect(r[1].id == "line 20" && r[1].category == "B")
        #expect(sink.diagnostics.map(\.description) == ["w.txt:25: Web of Science record without ER at the end of the file; skipped"])
    }

    @Test func wosSniffWinsOverTheRISExtension() throws {
        let wos = SourceDocument(name: "savedrecs.ris", text: "FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU X, Y\nER\nEF\n")
        #expect(WebOfScienceReader.sniff(wos))
        #expect(!RISReader.sniff(wos))
        #expect(RecordReaders.detect(path: "savedrecs.ris", document: wos) == .wos)
        #expect(RecordReaders.detect(path: "savedrecs.ris", document: nil) == .ris)
        #expect(RecordReaders.detect(path: "savedrecs.txt", document: wos) == .wos)
        let bare = SourceDocument(name: "x.ris", text: "PT J\nAU X, Y\nER\n")
        #expect(RecordReaders.detect(path: "x.ris", document: bare) == .wos)
        let ris = SourceDocument(name: "x.ris", text: "TY  - JOUR\nER  -\n")
        #expect(RecordReaders.detect(path: "x.ris", document: ris) == .ris)
    }

    @Test func medline() throws {
        let text = """
        PMID- 1
        DP  - 2023 Apr 25
        TI  - A title
              continued.
        FAU - Peñalver, Enrique
        AU  - Peñalver E
        AUID- ORCID: 0000-0001-8312-6087
        AD  - Somewhere.
        AU  - Solo AB
        FAU - Bad, Orcid
        AUID- ORCID: 0000-0001-8312-6088
        CN  - The Study Group
        IR  - Investigator, Not An
        PT  - Journal Article
        TA  - J Abbrev
        LID - 10.1/lid [doi]
        AID - S123 [pii]
        AID - 10.1/aid [doi]
        AB  - Abstract.

        PMID- 2
        DP  - 2020 Jul-Aug
        TA  - Only Abbrev
        """
        let (r, sink) = try readAll(MedlineReader.self, text, name: "m.nbib")
        #expect(r.map(\.id) == ["1", "2"])
        let p = r[0]
        #expect(p.title == "A title continued.")
        #expect(p.date == PaperDate(year: 2023, month: 4, day: 25))
        #expect(p.authors == [
            AuthorName(raw: "Peñalver, Enrique", given: "Enrique", family: "Peñalver", ids: [PersistentID(.orcid, "0000-0001-8312-6087")]),
            AuthorName(raw: "Solo AB", given: "AB", family: "Solo"),
            AuthorName(raw: "Bad, Orcid", given: "Orcid", family: "Bad"),
        ])
        #expect(p.groupAuthors == ["The Study Group"])
        #expect(p.category == "Journal Article")
        #expect(p.venue == "J Abbrev")
        #expect(p.doi == "10.1/lid")
        #expect(p.abstract == "Abstract.")
        #expect(r[1].year == 2020 && r[1].date == nil)
        #expect(r[1].source.line == 21)
        #expect(sink.diagnostics.map(\.description) == ["m.nbib:1: warning: AUID \"0000-0001-8312-6088\" is not a valid ORCID iD; ignored"])
        #expect(MedlineReader.sniff(SourceDocument(name: "x", text: "\nPMID- 1\n")))
        #expect(!MedlineReader.sniff(SourceDocument(name: "x", text: "Some text\nPMID- 1\n")))
    }

    /// Invalid UTF-8 in any of these files stops the load at the first bad byte.
    @Test func invalidUTF8() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-tagged-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        for (name, before) in [("a.ris", "TY  - JOUR\nAU  - M"), ("b.nbib", "PMID- 1\nFAU - M"), ("c.json", "{\"paperId\": \"x\",\n\"title\": \"M"),
                               ("d.yaml", "references:\n- title: M")] {
            let f = dir.appendingPathComponent(name)
            try Data(Array(before.utf8) + [0xFC] + Array("ller\n".utf8)).write(to: f)
            let column = before.split(separator: "\n").last!.count + 1
            #expect(throws: RecordError.invalidUTF8(SourceLocation(file: f.path, line: 2, column: column))) {
                _ = try loader.load([f.path]) { _ in }
            }
        }
    }
}
