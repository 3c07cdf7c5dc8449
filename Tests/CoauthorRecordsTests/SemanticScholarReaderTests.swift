import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

@Suite struct SemanticScholarReaderTests {
    @Test func paperWithCitationsAndReferences() throws {
        let text = """
        {"paperId": "P0", "externalIds": {"DOI": "10.1/X", "CorpusId": 1}, "title": " Top ", "year": 1950,
         "publicationDate": "1950-10-01", "venue": "", "journal": {"name": "Mind"}, "publicationTypes": ["JournalArticle"],
         "url": "https://www.semanticscholar.org/paper/P0", "abstract": "Can machines think?",
         "authors": [{"authorId": "2262347", "name": "A. Turing", "externalIds": {"ORCID": "0000-0002-1825-0097"}}],
         "citations": [
          {"citingPaper": {"paperId": "C1", "year": 2023, "authors": [{"authorId": "1", "name": "Ann Lee"}, {"authorId": null, "name": "Bo Chen"}]}},
          {"paperId": "C2", "authors": []},
          {"paperId": "C1", "authors": [{"authorId": "1", "name": "Ann Lee"}]}
         ],
         "references": [
          {"citedPaper": {"paperId": null, "title": "Author's names in italics refer to the Bibliography", "authors": []}},
          {"paperId": "R1", "title": "Ref", "publicationVenue": {"name": "Nature"}, "authors": [{"authorId": 7, "name": "Cy Dee"}]}
         ]}
        """
        let (r, sink) = try readAll(SemanticScholarReader.self, text, name: "p.json")
        #expect(r.map(\.id) == ["P0", "C1", "C2", "R1"])
        #expect(r.map(\.source.line) == [1, 6, 7, 12])
        let top = r[0]
        #expect(top.title == "Top")
        #expect(top.doi == "10.1/X")
        #expect(top.venue == "Mind")
        #expect(top.category == "JournalArticle")
        #expect(top.date == PaperDate(year: 1950, month: 10, day: 1))
        #expect(top.abstract == "Can machines think?")
        #expect(top.authors == [AuthorName(raw: "A. Turing", given: "A.", family: "Turing",
                                           ids: [PersistentID(.orcid, "0000-0002-1825-0097"), PersistentID(.s2, "2262347")])])
        #expect(r[1].authors == [AuthorName(raw: "Ann Lee", given: "Ann", family: "Lee", ids: [PersistentID(.s2, "1")]),
                                 AuthorName(raw: "Bo Chen", given: "Bo", family: "Chen")])
        #expect(r[3].venue == "Nature")
        #expect(r[3].authors.first?.ids == [PersistentID(.s2, "7")])
        #expect(sink.diagnostics.map(\.description) == [
            "p.json:8: warning: citations[2]: paper C1 is listed again; read once",
            "p.json:1: warning: 1 unresolved reference (no paperId, no authors) not read as papers",
        ])
    }

    @Test func topLevelPaperWithoutAuthorsIsNotARecordWhenItHasLists() throws {
        let text = #"{"paperId": "P0", "citations": [{"paperId": "C1", "authors": [{"authorId": "1", "name": "Ann Lee"}]}]}"#
        let (r, _) = try readAll(SemanticScholarReader.self, text)
        #expect(r.map(\.id) == ["C1"])
    }

    @Test func nullValues() throws {
        // The shape of shared/data/semanticscholar/PaperWithNullValues.json.
        let text = "{\n  \"paperId\": \"P0\",\n  \"authors\": null,\n  \"citations\": null,\n  \"references\": null\n}\n"
        let (r, sink) = try readAll(SemanticScholarReader.self, text, name: "n.json")
        #expect(r.map(\.id) == ["P0"])
        #expect(r[0].authors.isEmpty)
        #expect(sink.diagnostics.map(\.description) == ["n.json:1: warning: paper: no authors in the response (request fields=authors)"])
    }

    @Test func dataPagesEdgesAndBatches() throws {
        let page = #"{"offset": 0, "data": [{"citingPaper": {"paperId": "A", "authors": [{"authorId": "1", "name": "X Y"}]}}, {"citedPaper": {"paperId": "B", "authors": []}}]}"#
        #expect(try readAll(SemanticScholarReader.self, page).records.map(\.id) == ["A", "B"])
        let edge = #"{"contexts": [], "isInfluential": true, "citingPaper": {"paperId": "E", "authors": [{"authorId": "1", "name": "X Y"}]}}"#
        #expect(try readAll(SemanticScholarReader.self, edge).records.map(\.id) == ["E"])
        let batch = "[{\"paperId\": \"A\", \"authors\": []},\nnull,\n{\"paperId\": \"B\", \"authors\": []}]"
        let (r, sink) = try readAll(SemanticScholarReader.self, batch, name: "b.json")
        #expect(r.map(\.id) == ["A", "B"])
        #expect(sink.diagnostics.map(\.description) == ["b.json:2: warning: [1]: null (an id the API did not find) passed over"])
    }

    @Test func badMembersSkipTheirPaper() throws {
        let text = #"{"paperId": "P", "authors": [{"authorId": "1", "name": "A B"}], "citations": [{"paperId": "C", "authors": "A B"}, {"paperId": "D", "year": "x", "authors": []}, 7]}"#
        let (r, sink) = try readAll(SemanticScholarReader.self, text, name: "bad.json")
        #expect(r.map(\.id) == ["P"])
        #expect(sink.skipped == 3)
        #expect(sink.diagnostics.map(\.description) == [
            "bad.json:1: citations[0]: \"authors\" must be an array, found a string",
            "bad.json:1: citations[1]: \"year\" \"x\" is not a number",
            "bad.json:1: citations[2]: expected a paper object, found a number",
        ])
    }

    @Test func authorResponseIsReportedNotMisread() throws {
        let author = #"{"authorId": "2262347", "name": "A. Turing", "papers": [{"paperId": "X", "authors": [{"authorId": "2262347", "name": "A. Turing"}]}]}"#
        #expect(SemanticScholarReader.sniff(SourceDocument(name: "a.json", text: author)))
        #expect(throws: RecordError.malformed(
            SourceLocation(file: "a.json", line: 1, column: 1),
            "a Semantic Scholar author response (authorId 2262347, \"A. Turing\"), not paper records: request the papers instead "
                + "(/paper/{id} with fields=authors, or /author/{id}/papers?fields=title,year,authors)")) {
            _ = try readAll(SemanticScholarReader.self, author, name: "a.json")
        }
        // The real one, through the loader: an error, not records.
        let url = TestPaths.sharedData.appendingPathComponent("semanticscholar/Author.json")
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        do {
            _ = try loader.load([url.path]) { _ in }
            Issue.record("Author.json was read as papers")
        } catch let e as RecordError {
            #expect(e.description.hasPrefix("\(url.path):1:1: a Semantic Scholar author response (authorId 2262347, \"A. Turing\"), not paper records"))
        }
    }

    @Test func truncatedResponse() throws {
        let text = "{\"paperId\": \"P\",\n \"authors\": [{\"authorId\": \"1\", \"na"
        #expect(SemanticScholarReader.sniff(SourceDocument(name: "t.json", text: text)))
        #expect(throws: RecordError.truncated(SourceLocation(file: "t.json", line: 2, column: 35), "unterminated string")) {
            _ = try readAll(SemanticScholarReader.self, text, name: "t.json")
        }
    }
}
