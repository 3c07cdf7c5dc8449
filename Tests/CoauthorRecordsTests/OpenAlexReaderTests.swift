import Foundation
import Testing
@testable import CoauthorRecords

/// OpenAlex works. The fixtures Examples/inputs/openalex-*.json(l) are written from OpenAlex's
/// documented work schema (https://docs.openalex.org/api-entities/works/work-object): the
/// documented example work W2741809807 with its authors, three documented ORCIDs (Piwowar, Priem,
/// Alperin) and ORCID's own example iD (Josiah Carberry); the other work and author ids are
/// invented. There is no real OpenAlex sample in shared/data.
@Suite struct OpenAlexReaderTests {
    static let work = #"""
    {"id": "https://openalex.org/W2741809807", "doi": "https://doi.org/10.7717/peerj.4375",
     "title": "The state of OA", "display_name": "The state of OA (display)",
     "publication_year": 2018, "publication_date": "2018-02-13", "type": "article",
     "primary_location": {"landing_page_url": "https://peerj.com/articles/4375",
                          "source": {"id": "https://openalex.org/S1983995261", "display_name": "PeerJ"}},
     "authorships": [
       {"author_position": "first",
        "author": {"id": "https://openalex.org/A5048491430", "display_name": "Heather Piwowar",
                   "orcid": "https://orcid.org/0000-0003-1613-5981"},
        "raw_author_name": "Heather A. Piwowar"},
       {"author": {"id": "https://openalex.org/A5099988888", "display_name": "Sarah de Rijcke", "orcid": null}},
       {"author": {"id": null, "display_name": null, "orcid": null}, "raw_author_name": "Dario Taraborelli"},
       {"author": {"id": "https://openalex.org/A5000000002", "display_name": "Bad Orcid", "orcid": "0000-0002-1825-0098"}}
     ],
     "is_authors_truncated": true,
     "abstract_inverted_index": {"Despite": [0], "growing": [1], "interest": [2], "in": [3, 5], "OA": [4], "practice": [6]}}
    """#

    @Test func oneWorkEveryField() throws {
        let (r, sink) = try readAll(OpenAlexReader.self, Self.work, name: "w.json")
        let p = try #require(r.first)
        #expect(r.count == 1)
        #expect(p.id == "W2741809807")
        #expect(p.title == "The state of OA")
        #expect(p.year == 2018 && p.date == PaperDate(year: 2018, month: 2, day: 13))
        #expect(p.doi == "10.7717/peerj.4375")
        #expect(p.venue == "PeerJ")
        #expect(p.url == "https://peerj.com/articles/4375")
        #expect(p.category == "article")
        #expect(p.authorsTruncated)
        #expect(p.abstract == "Despite growing interest in OA in practice")
        #expect(p.source == SourceLocation(file: "w.json", line: 1))
        #expect(p.authors == [
            AuthorName(raw: "Heather Piwowar", given: "Heather", family: "Piwowar",
                       ids: [PersistentID(.orcid, "0000-0003-1613-5981"), PersistentID(.openalex, "A5048491430")]),
            AuthorName(raw: "Sarah de Rijcke", given: "Sarah", family: "de Rijcke", ids: [PersistentID(.openalex, "A5099988888")]),
            AuthorName(raw: "Dario Taraborelli", given: "Dario", family: "Taraborelli"),
            AuthorName(raw: "Bad Orcid", given: "Bad", family: "Orcid", ids: [PersistentID(.openalex, "A5000000002")]),
        ])
        #expect(sink.diagnostics.map(\.description) == [
            "w.json:1: warning: authorships[3]: \"0000-0002-1825-0098\" is not a valid ORCID iD; ignored",
        ])
    }

    @Test func titleFallsBackToDisplayNameAndVenueToHostVenue() throws {
        let text = #"{"id": "W1", "title": null, "display_name": "Shown", "host_venue": {"display_name": "Old venue"}, "authorships": []}"#
        let (r, _) = try readAll(OpenAlexReader.self, text)
        #expect(r.first?.title == "Shown")
        #expect(r.first?.venue == "Old venue")
        #expect(r.first?.authors == [])
    }

    @Test func resultsPageWithLines() throws {
        let text = """
        {"meta": {"count": 3, "per_page": 25},
         "results": [
          {"id": "https://openalex.org/W1", "publication_year": 2020,
           "authorships": [{"author": {"id": "https://openalex.org/A1", "display_name": "Ann Lee"}}]},
          {"id": "https://openalex.org/W2", "authorships": "nope"},
          42,
          {"id": "https://openalex.org/W3", "authorships": [{"author": {"display_name": "—"}}]}
         ]}
        """
        let (r, sink) = try readAll(OpenAlexReader.self, text, name: "page.json")
        #expect(r.map(\.id) == ["W1", "W3"])
        #expect(r.map(\.source.line) == [3, 7])
        #expect(r[1].authors.isEmpty)
        #expect(sink.skipped == 2)
        #expect(sink.diagnostics.map(\.description) == [
            "page.json:5: \"authorships\" must be an array, found a string",
            "page.json:6: results[2]: expected an OpenAlex work object, found a number",
            "page.json:7: warning: authorships[0]: \"—\" has no letters or digits; not an author",
        ])
    }

    @Test func jsonLinesOfWorks() throws {
        let text = """
        {"id": "https://openalex.org/W1", "authorships": [{"author": {"display_name": "Wei Wang 0001"}}]}

        {"id": "https://openalex.org/W2", "authorships": [
        {"id": "https://openalex.org/W3", "authorships": []}
        """
        let (r, sink) = try readAll(OpenAlexReader.self, text, name: "w.jsonl")
        #expect(r.map(\.id) == ["W1", "W3"])
        #expect(r[0].authors.first?.ids == [PersistentID(.dblp, "Wei Wang 0001")])
        #expect(r.map(\.source.line) == [1, 4])
        #expect(sink.diagnostics.map(\.description) == ["w.jsonl:3:51: truncated JSON: unexpected end of input (expected a value)"])
    }

    @Test func anotherEntityIsNotAWork() throws {
        let author = #"{"id": "https://openalex.org/A5023888391", "display_name": "Jason Priem", "works_count": 50}"#
        #expect(OpenAlexReader.sniff(SourceDocument(name: "a.json", text: author)))
        #expect(throws: RecordError.malformed(SourceLocation(file: "a.json", line: 1, column: 1),
                                              "an OpenAlex author (A5023888391), not a work: read works (/works?filter=…) instead")) {
            _ = try readAll(OpenAlexReader.self, author, name: "a.json")
        }
    }

    @Test func truncatedDocument() throws {
        let cut = String(Self.work.prefix(400))
        let doc = SourceDocument(name: "cut.json", text: cut)
        #expect(OpenAlexReader.sniff(doc))
        #expect(throws: RecordError.truncated(doc.location(at: doc.bytes.count), "unterminated string")) {
            _ = try readAll(OpenAlexReader.self, cut, name: "cut.json")
        }
    }

    @Test func sniffing() throws {
        func sniff(_ s: String) -> Bool { OpenAlexReader.sniff(SourceDocument(name: "x", text: s)) }
        #expect(sniff(#"{"authorships": []}"#))
        #expect(sniff(#"{"meta": {}, "results": [{"id": "https://openalex.org/W1"}]}"#))
        #expect(sniff(#"{"meta": {}, "results": []}"#))
        #expect(sniff(#"[{"id": "https://openalex.org/W1", "title": "t"}]"#))
        #expect(!sniff(#"{"paperId": "x", "authors": []}"#))
        #expect(!sniff(#"[{"id": "a", "type": "book"}]"#))
        #expect(!sniff("TY  - JOUR\n"))
        #expect(!sniff(#"{"id": "x", "authors": ["A B"]}"# + "\n"))
    }
}
