import Testing
@testable import CoauthorRecords

private let asOf = PaperDate(year: 2026, month: 11, day: 27)

@Suite struct DelimitedReaderTests {
    @Test func quotedFieldsWithDelimitersAndDoubledQuotes() throws {
        let csv = """
        id,title,authors,year,venue
        p1,"Graphs, Networks and ""Things\"\"\","Huang, Qin; Wei Wang 0001",2020,KDD
        p2,Plain title,A One,,"Journal of ""X\"\"\"
        """
        let (r, sink) = try readAll(DelimitedReader.CSV.self, csv, name: "f.csv")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.count == 2)
        #expect(r[0].id == "p1")
        #expect(r[0].title == #"Graphs, Networks and "Things""#)
        #expect(r[0].authors == [
            AuthorName(raw: "Huang, Qin", given: "Qin", family: "Huang"),
            AuthorName(raw: "Wei Wang", given: "Wei", family: "Wang", ids: [PersistentID(.dblp, "Wei Wang 0001")]),
        ])
        #expect(r[0].year == 2020)
        #expect(r[0].venue == "KDD")
        #expect(r[0].source == SourceLocation(file: "f.csv", line: 2))
        #expect(r[1].title == "Plain title")
        #expect(r[1].authors.map(\.raw) == ["A One"])
        #expect(r[1].year == nil)
        #expect(r[1].venue == #"Journal of "X""#)
        #expect(r[1].source.line == 3)
    }

    @Test func embeddedNewlinesKeepLaterLineNumbersRight() throws {
        let csv = """
        title,authors,year
        "A title that
        spans three
        lines",A One,2001
        Second,"B Two;
        C Three",2002
        Short,D Four
        Third,E Five,2003
        """
        let (r, sink) = try readAll(DelimitedReader.CSV.self, csv, name: "f.csv")
        #expect(r.map(\.title) == ["A title that\nspans three\nlines", "Second", "Third"])
        #expect(r.map(\.source.line) == [2, 5, 8])
        #expect(r.map(\.id) == ["row 1", "row 2", "row 4"])
        #expect(r[1].authors.map(\.raw) == ["B Two", "C Three"])
        #expect(sink.skipped == 1)
        #expect(sink.diagnostics.map(\.description) == ["f.csv:7: row has 2 fields, the header has 3"])
    }

    @Test func crlfLineEnds() throws {
        let csv = "title,authors,year\r\n\"Quoted\r\ntitle\",A One,2001\r\nPlain,B Two,2002\r\nLast,C Three,\"2004\"\r\n"
        let (r, sink) = try readAll(DelimitedReader.CSV.self, csv, name: "f.csv")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.map(\.title) == ["Quoted\r\ntitle", "Plain", "Last"])
        #expect(r.map(\.year) == [2001, 2002, 2004])
        #expect(r.map(\.source.line) == [2, 4, 5])
        #expect(r.map { $0.authors.map(\.raw) } == [["A One"], ["B Two"], ["C Three"]])
    }

    @Test func semicolonSeparatedAuthorsAndEtAl() throws {
        let csv = """
        title,authors
        T1,A One; B Two; et al.
        T2,Huang Qin;;  C Three  ;
        T3,D Four; E Five et al.
        T4,
        """
        let (r, _) = try readAll(DelimitedReader.CSV.self, csv)
        #expect(r.map { $0.authors.map(\.raw) } == [["A One", "B Two"], ["Huang Qin", "C Three"], ["D Four", "E Five"], []])
        #expect(r.map(\.authorsTruncated) == [true, false, true, false])
        #expect(r[1].authors[0] == AuthorName(raw: "Huang Qin", given: "Huang", family: "Qin"))
    }

    @Test func mentionsWithoutLettersOrDigitsAreNotAuthors() throws {
        let (r, sink) = try readAll(DelimitedReader.CSV.self, "title,authors\nT,A One; —; B Two\n", name: "f.csv")
        #expect(r.first?.authors.map(\.raw) == ["A One", "B Two"])
        #expect(sink.diagnostics.map(\.description) == [
            #"f.csv:2: warning: author "—" has no letters or digits; not an author"#,
        ])
    }

    @Test func authorSeparatorOption() throws {
        var options = ReaderOptions(asOf: asOf, authorSeparator: "|")
        let (r, _) = try readAll(DelimitedReader.CSV.self, "title,authors\nT,\"A One|Huang, Qin\"\n", options: options)
        #expect(r.first?.authors == [
            AuthorName(raw: "A One", given: "A", family: "One"),
            AuthorName(raw: "Huang, Qin", given: "Qin", family: "Huang"),
        ])
        options.authorSeparator = " and "
        let (r2, _) = try readAll(DelimitedReader.CSV.self, "title,authors\nT,A One and B Two\n", options: options)
        #expect(r2.first?.authors.map(\.raw) == ["A One", "B Two"])
        options.authorSeparator = ""
        #expect(throws: RecordError.badOption("--author-separator must not be empty")) {
            try readAll(DelimitedReader.CSV.self, "title,authors\nT,A\n", options: options)
        }
    }

    @Test func customColumnNamesMatchCaseInsensitively() throws {
        let options = ReaderOptions(asOf: asOf, titleColumn: "paper", authorsColumn: "Writers",
                                    yearColumn: "when", idColumn: "REF")
        let csv = """
        Ref,Paper,WRITERS,When,Title,Authors
        x1,Chosen title,A One,1999,Ignored title,Ignored Author
        """
        let (r, sink) = try readAll(DelimitedReader.CSV.self, csv, options: options)
        #expect(sink.diagnostics.isEmpty)
        #expect(r.first?.id == "x1")
        #expect(r.first?.title == "Chosen title")
        #expect(r.first?.authors.map(\.raw) == ["A One"])
        #expect(r.first?.year == 1999)
    }

    @Test func missingAuthorsColumnIsAnError() {
        let expected = RecordError.malformed(
            SourceLocation(file: "f.csv", line: 2),
            #"no authors column; looked for "authors", "author", "author/s", "author full names", "au" in the header "id", "Title"; use --authors-column"#)
        #expect(throws: expected) {
            try readAll(DelimitedReader.CSV.self, "\nid,Title\nx,y\n", name: "f.csv")
        }
        let options = ReaderOptions(asOf: asOf, authorsColumn: "Writers")
        #expect(throws: RecordError.malformed(
            SourceLocation(file: "f.csv", line: 1),
            #"no authors column "Writers" (from --authors-column); the header has "id", "title", "authors""#)) {
            try readAll(DelimitedReader.CSV.self, "id,title,authors\nx,y,z\n", name: "f.csv", options: options)
        }
        let titleOptions = ReaderOptions(asOf: asOf, titleColumn: "Name")
        #expect(throws: RecordError.malformed(
            SourceLocation(file: "f.csv", line: 1),
            #"no title column "Name" (from --title-column); the header has "id", "title", "authors""#)) {
            try readAll(DelimitedReader.CSV.self, "id,title,authors\nx,y,z\n", name: "f.csv", options: titleOptions)
        }
    }

    @Test func badRowsAreSkippedAndReadingGoesOn() throws {
        let csv = """
        title,authors,year
        "Junk"x,D Four,2004
        Fine,B Two,2002
        Bad year,C Three,MMXX
        ,,

        "Broken,A One,2001
        Last,E Five,2005
        """
        let (r, sink) = try readAll(DelimitedReader.CSV.self, csv, name: "f.csv")
        #expect(r.map(\.title) == ["Fine", "Last"])
        #expect(r.map(\.source.line) == [3, 8])
        #expect(r.map(\.id) == ["row 2", "row 5"])
        #expect(sink.skipped == 3)
        #expect(sink.diagnostics.map(\.description) == [
            "f.csv:2: 'x' after the closing quote of field 1",
            #"f.csv:4: year "MMXX" is not a number"#,
            "f.csv:7: unterminated quoted field",
        ])
    }

    @Test func strictModeThrowsAtTheFirstBadRow() {
        #expect(throws: RecordError.strict(Diagnostic(SourceLocation(file: "f.csv", line: 3),
                                                      "row has 1 field, the header has 2"))) {
            try readAll(DelimitedReader.CSV.self, "title,authors\nA,B C\nshort\nD,E F\n", name: "f.csv", strict: true)
        }
    }

    @Test func headerOnlyGivesNothing() throws {
        let (r, sink) = try readAll(DelimitedReader.CSV.self, "title,authors\n\n")
        #expect(r.isEmpty)
        #expect(sink.diagnostics.isEmpty)
        let (r2, _) = try readAll(DelimitedReader.CSV.self, "\n\n")
        #expect(r2.isEmpty)
    }

    @Test func tsvWithWebOfScienceTags() throws {
        let tsv = "PT\tAU\tAF\tTI\tSO\tPY\tDI\n"
            + "J\tHuang, Q; Wu, CH\tHuang, Qin; Wu, Chi-Hao\tA study, with commas\tNATURE\t2020\t10.1/x\n"
            + "J\tLi, X\tLi, Xin\t\"tab\tinside\"\tSCIENCE\t2021\t\n"
        let (r, sink) = try readAll(DelimitedReader.TSV.self, tsv, name: "w.tsv")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.count == 2)
        #expect(r[0].authors == [
            AuthorName(raw: "Huang, Q", given: "Q", family: "Huang"),
            AuthorName(raw: "Wu, CH", given: "CH", family: "Wu"),
        ])
        #expect(r[0].title == "A study, with commas")
        #expect(r[0].venue == "NATURE")
        #expect(r[0].year == 2020)
        #expect(r[0].doi == "10.1/x")
        #expect(r[1].title == "tab\tinside")
        #expect(r[1].doi == nil)
        #expect(r[1].source == SourceLocation(file: "w.tsv", line: 3))
    }

    @Test func sniffAndRegistry() {
        func doc(_ t: String) -> SourceDocument { SourceDocument(name: "x", text: t) }
        #expect(DelimitedReader.CSV.sniff(doc("\nTitle,Authors,Year\nA,B,2000\n")))
        #expect(DelimitedReader.CSV.sniff(doc("\"Author Full Names\",TI\n")))
        #expect(!DelimitedReader.CSV.sniff(doc("Title\tAuthors\n")))
        #expect(DelimitedReader.TSV.sniff(doc("Title\tAuthors\n")))
        #expect(!DelimitedReader.TSV.sniff(doc("Title,Authors\n")))
        #expect(!DelimitedReader.CSV.sniff(doc("{\"authors\": []}\n")))
        #expect(!DelimitedReader.CSV.sniff(doc("Title,Year\n")))
        #expect(RecordReaders.detect(path: "x.CSV", document: nil) == .csv)
        #expect(RecordReaders.detect(path: "x.tab", document: nil) == .tsv)
        #expect(RecordReaders.detect(path: "x.tsv", document: nil) == .tsv)
        #expect(RecordReaders.reader(for: .csv) is DelimitedReader.CSV.Type)
        #expect(RecordReaders.reader(for: .tsv) is DelimitedReader.TSV.Type)
    }
}
