import Testing
@testable import CoauthorRecords

/// Reads a document with the given reader into an array, keeping the sink for its counts.
func readAll<R: RecordReader>(_ reader: R.Type, _ text: String, name: String = "test",
                              options: ReaderOptions = ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)),
                              strict: Bool = false) throws -> (records: [PaperRecord], sink: RecordSink) {
    var out: [PaperRecord] = []
    let sink = RecordSink(strict: strict) { out.append($0) }
    try R(options: options).read(SourceDocument(name: name, text: text), into: sink)
    return (out, sink)
}

@Suite struct ProfilePageReaderTests {
    @Test func entryHeaders() {
        #expect(ProfilePageReader.parseHeader("CVJul 22, 2022Code") ==
                .init(category: "CV", month: 7, day: 22, year: 2022, hasCode: true))
        #expect(ProfilePageReader.parseHeader("LGMay 28") ==
                .init(category: "LG", month: 5, day: 28, year: nil, hasCode: false))
        #expect(ProfilePageReader.parseHeader("AIMar 7Code")?.hasCode == true)
        #expect(ProfilePageReader.parseHeader("Semantic Segmentation with Reverse Attention") == nil)
        #expect(ProfilePageReader.parseHeader("CVJul 22, 2022Codex") == nil)
    }

    @Test func yearlessDatesTakeTheAsOfYearOrTheOneBefore() throws {
        let page = """
        Ann Owner
        2papers

        LGNov 27
        Same day

        A One, B Two

        LGNov 28
        Day after

        C Three
        """
        let (r, sink) = try readAll(ProfilePageReader.self, page)
        #expect(r.map(\.year) == [2026, 2025])
        #expect(r[1].date == PaperDate(year: 2025, month: 11, day: 28))
        #expect(r[1].authors.map(\.raw) == ["C Three", "Ann Owner"])
        #expect(sink.diagnostics.isEmpty)
    }

    @Test func malformedEntriesAreSkippedAndCounted() throws {
        let page = """
        Ann Owner
        3papers

        CVFeb 30, 2020
        Bad date

        A One

        CVJan 3, 2018
        """
        let (r, sink) = try readAll(ProfilePageReader.self, page, name: "p.txt")
        #expect(r.isEmpty)
        #expect(sink.skipped == 2)
        #expect(sink.diagnostics.map(\.description) == [
            "p.txt:4: invalid date Feb 30",
            "p.txt:9: entry without a title",
            "p.txt:2: warning: the header says 3 papers but 2 entries were found",
        ])
        #expect(throws: RecordError.self) { try readAll(ProfilePageReader.self, page, strict: true) }
    }
}
