import Foundation
import Testing
@testable import CoauthorRecords

@Suite struct CSLReaderTests {
    @Test func cslJSONItems() throws {
        let text = """
        [
          {"id": "WatsonCrick1953", "type": "article-journal", "title": "Molecular structure of nucleic acids",
           "container-title": "Nature", "DOI": "https://doi.org/10.1038/171737a0", "URL": "https://www.nature.com/articles/171737a0",
           "issued": {"date-parts": [[1953, 4, 25]]},
           "author": [{"family": "Watson", "given": "J. D."}, {"family": "Crick", "given": "F. H. C."}],
           "editor": [{"family": "Editor", "given": "Not An"}]},
          {"id": 7, "type": "book", "title": "T", "issued": {"raw": "c. 1600"},
           "author": [{"family": "Beethoven", "given": "Ludwig", "non-dropping-particle": "van"},
                      {"family": "Humboldt", "given": "Alexander", "dropping-particle": "von"},
                      {"family": "King", "given": "Martin Luther", "suffix": "Jr."},
                      {"literal": "World Health Organization"},
                      {"given": "Plato"},
                      "Huang, Qin"]},
          {"type": "report", "container-title": ["First", "Second"], "issued": "2019-07", "author": []},
          {"type": "chapter", "issued": [{"year": "2001", "month": "13"}], "author": [{"family": "0001", "given": "Michael Strube"},
                                                                               {"family": "0005", "given": "Min Zhang"},
                                                                               {"family": "0001", "given": "Hal Daumé III"},
                                                                               {"family": "Wang 0002", "given": "Wei"},
                                                                               {"family": "Zhang", "given": "Xin", "dropping-particle": "(Shin)"}]}
        ]
        """
        let (r, sink) = try readAll(CSLJSONReader.self, text, name: "c.json")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.map(\.id) == ["WatsonCrick1953", "7", "item 3", "item 4"])
        #expect(r.map(\.source.line) == [2, 7, 14, 15])
        let w = r[0]
        #expect(w.category == "article-journal")
        #expect(w.venue == "Nature")
        #expect(w.doi == "10.1038/171737a0")
        #expect(w.url == "https://www.nature.com/articles/171737a0")
        #expect(w.date == PaperDate(year: 1953, month: 4, day: 25))
        #expect(w.authors == [AuthorName(raw: "J. D. Watson", given: "J. D.", family: "Watson"),
                              AuthorName(raw: "F. H. C. Crick", given: "F. H. C.", family: "Crick")])
        #expect(r[1].year == 1600 && r[1].date == nil)
        #expect(r[1].authors == [
            AuthorName(raw: "Ludwig van Beethoven", given: "Ludwig", family: "van Beethoven"),
            AuthorName(raw: "Alexander von Humboldt", given: "Alexander", family: "von Humboldt"),
            AuthorName(raw: "Martin Luther King Jr.", given: "Martin Luther", family: "King Jr."),
            AuthorName(raw: "World Health Organization", given: nil, family: "World Health Organization", isCorporate: true),
            AuthorName(raw: "Plato", given: nil, family: "Plato"),
            AuthorName(raw: "Huang, Qin", given: "Qin", family: "Huang"),
        ])
        #expect(r[2].venue == "First")
        #expect(r[2].date == PaperDate(year: 2019, month: 7))
        #expect(r[3].year == 2001 && r[3].date == nil)
        #expect(r[3].authors == [
            AuthorName(raw: "Michael Strube", given: "Michael", family: "Strube", ids: [PersistentID(.dblp, "Michael Strube 0001")]),
            AuthorName(raw: "Min Zhang", given: "Min", family: "Zhang", ids: [PersistentID(.dblp, "Min Zhang 0005")]),
            // BibTeX's split of "Hal Daumé III 0001" without the number: First "Hal Daumé", Last "III".
            AuthorName(raw: "Hal Daumé III", given: "Hal Daumé", family: "III", ids: [PersistentID(.dblp, "Hal Daumé III 0001")]),
            AuthorName(raw: "Wei Wang", given: "Wei", family: "Wang", ids: [PersistentID(.dblp, "Wei Wang 0002")]),
            // pandoc's "particle" "(Shin)" is not lower-case: a given name, as BibTeX reads "Xin (Shin) Zhang".
            AuthorName(raw: "Xin (Shin) Zhang", given: "Xin (Shin)", family: "Zhang"),
        ])
    }

    @Test func badItemsAreSkipped() throws {
        let text = """
        [{"id": "a", "type": "book", "author": "Smith"},
         3,
         {"id": "b", "type": "book", "title": {"x": 1}},
         {"id": "c", "type": "book", "author": [{"family": "—"}, null]}]
        """
        let (r, sink) = try readAll(CSLJSONReader.self, text, name: "bad.json")
        #expect(r.map(\.id) == ["c"])
        #expect(sink.diagnostics.map(\.description) == [
            "bad.json:1: item 1: \"author\" must be a list of names, found a string",
            "bad.json:2: item 2: expected a CSL item object, found a number",
            "bad.json:3: item 3: \"title\" must be text, found an object",
            "bad.json:4: warning: author[0]: \"—\" has no letters or digits; not an author",
            "bad.json:4: warning: author[1]: author without a name ignored",
        ])
    }

    @Test func singleItemAndSniffing() throws {
        let one = #"{"type": "article-journal", "DOI": "10.1/x", "author": [{"family": "A", "given": "B"}], "issued": {"date-parts": [["2020"]]}}"#
        #expect(CSLJSONReader.sniff(SourceDocument(name: "x", text: one)))
        let (r, _) = try readAll(CSLJSONReader.self, one)
        #expect(r.first?.id == "item 1" && r.first?.year == 2020)
        #expect(!CSLJSONReader.sniff(SourceDocument(name: "x", text: #"[{"id": "x", "authors": []}]"#)))
        #expect(!CSLJSONReader.sniff(SourceDocument(name: "x", text: #"[{"type": "x", "paperId": "p"}]"#)))
        #expect(!CSLJSONReader.sniff(SourceDocument(name: "x", text: "references:\n")))
    }

    @Test func truncatedCSLJSON() throws {
        let text = "[{\"id\": \"a\", \"type\": \"book\",\n  \"author\": [{\"family\": \"Sm"
        #expect(CSLJSONReader.sniff(SourceDocument(name: "t.json", text: text)))
        #expect(throws: RecordError.truncated(SourceLocation(file: "t.json", line: 2, column: 28), "unterminated string")) {
            _ = try readAll(CSLJSONReader.self, text, name: "t.json")
        }
    }

    // MARK: CSL-YAML

    /// pandoc's manual example (WatsonCrick1953) plus pandoc-citeproc's DBLP shapes.
    static let yaml = """
    ---
    # a comment
    references:
    - type: article-journal
      id: WatsonCrick1953
      author:
      - family: Watson
        given: J. D.
      - family: Crick
        given: F. H. C.
      issued:
        date-parts:
        - - 1953
          - 4
          - 25
      title: 'Molecular structure of nucleic acids: a structure for deoxyribose
        nucleic acid'
      title-short: Molecular structure of nucleic acids
      container-title: Nature
      DOI: 10.1038/171737a0

    - id: conf/acl/Popescu-BelisRS98
      type: paper-conference
      author:
      - family: Rijke
        given: Maarten
        dropping-particle: de
      - family: '0001'
        given: Michael Strube
      editor:
      - family: Boitet
        given: Christian
      issued:
      - year: '1998'
      title: Reference resolution beyond coreference and a title that goes on over
        two lines # with a comment
      container-title: "COLING-ACL \\u00e9 \\"quoted\\""
      abstract: |
        First line.
          Indented.

        After a blank.
    - {id: flow, type: book, author: [{family: Doe, given: Jane}], issued: {date-parts: [[2001]]}}
    ...
    not: read
    """

    @Test func cslYAML() throws {
        let (r, sink) = try readAll(CSLYAMLReader.self, Self.yaml, name: "refs.yaml")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.map(\.id) == ["WatsonCrick1953", "conf/acl/Popescu-BelisRS98", "flow"])
        #expect(r.map(\.source.line) == [4, 22, 43])
        #expect(r[0].title == "Molecular structure of nucleic acids: a structure for deoxyribose nucleic acid")
        #expect(r[0].date == PaperDate(year: 1953, month: 4, day: 25))
        #expect(r[0].authors.map(\.displayName) == ["J. D. Watson", "F. H. C. Crick"])
        #expect(r[0].doi == "10.1038/171737a0")
        #expect(r[1].title == "Reference resolution beyond coreference and a title that goes on over two lines")
        #expect(r[1].year == 1998)
        #expect(r[1].venue == "COLING-ACL é \"quoted\"")
        #expect(r[1].abstract == "First line.\n  Indented.\n\nAfter a blank.")   // text values are trimmed
        #expect(r[1].authors == [
            AuthorName(raw: "Maarten de Rijke", given: "Maarten", family: "de Rijke"),
            AuthorName(raw: "Michael Strube", given: "Michael", family: "Strube", ids: [PersistentID(.dblp, "Michael Strube 0001")]),
        ])
        #expect(r[2].authors.map(\.displayName) == ["Jane Doe"])
        #expect(r[2].year == 2001)
    }

    @Test func badYAMLItemIsSkippedAndReadingGoesOn() throws {
        let text = """
        references:
        - id: a
          author: &anchor
          - family: X
        - id: b
          title: "bad \\q escape"
        - id: c
          type: book
        """
        let (r, sink) = try readAll(CSLYAMLReader.self, text, name: "b.yaml")
        #expect(r.map(\.id) == ["c"])
        #expect(sink.diagnostics.map(\.description) == [
            "b.yaml:3:11: item 1 (line 2): invalid YAML: YAML anchors, aliases and tags are not supported",
            "b.yaml:6:15: item 2 (line 5): invalid YAML: invalid escape \\q in a double-quoted scalar",
        ])
    }

    @Test func truncatedAndMalformedYAML() throws {
        let cut = "references:\n- id: a\n  title: 'never closed\n    and the file ends"
        #expect(throws: RecordError.truncated(SourceLocation(file: "t.yaml", line: 3, column: 10),
                                              "unterminated single-quoted scalar (opened at line 3)")) {
            _ = try readAll(CSLYAMLReader.self, cut, name: "t.yaml")
        }
        #expect(throws: RecordError.malformed(SourceLocation(file: "m.yaml", line: 1, column: 1),
                                              "no \"references\" list: CSL-YAML is `references:` followed by a list of CSL items")) {
            _ = try readAll(CSLYAMLReader.self, "title: x\n", name: "m.yaml")
        }
        #expect(throws: RecordError.malformed(SourceLocation(file: "i.yaml", line: 3, column: 1),
                                              "invalid YAML: unexpected text at the top level (indentation or structure)")) {
            _ = try readAll(CSLYAMLReader.self, "references:\n  - id: a\n- id: b\n", name: "i.yaml")
        }
    }

    @Test func yamlSniffing() {
        func sniff(_ s: String) -> Bool { CSLYAMLReader.sniff(SourceDocument(name: "x", text: s)) }
        #expect(sniff("---\nreferences:\n- id: a\n"))
        #expect(sniff("# c\nreferences:\n"))
        #expect(sniff("---\ntitle: My paper\nauthor: Me\nreferences:\n- id: a\n"))
        #expect(sniff("- id: a\n  type: book\n"))
        #expect(!sniff("- canonical: {first: Steven, last: Abney}\n  id: steven-abney\n"))   // name_variants.yaml
        #expect(!sniff("title: x\nreferences:\n"))
        #expect(!sniff("TY  - JOUR\n"))
    }

    /// The parser on the constructs of its subset.
    @Test func blockYAMLSubset() throws {
        func parse(_ s: String) throws -> JSONValue {
            try Array(s.utf8).withUnsafeBufferPointer { b in try BlockYAML.parse(b).root }
        }
        #expect(try parse("a: 1\nb:\n  c: x y\n  d: [1, 'two', {e: f}]\n") ==
                ["a": "1", "b": ["c": "x y", "d": ["1", "two", ["e": "f"]]]])
        #expect(try parse("l:\n- a\n- - b\n  - c\n-\n  d: e\n- ~\n") == ["l": ["a", ["b", "c"], ["d": "e"], .null]])
        #expect(try parse("s: 'it''s'\nt: \"tab\\there\"\nu: >-\n  folded\n  text\n\n  para\n") ==
                ["s": "it's", "t": "tab\there", "u": "folded text\npara"])
        #expect(try parse("p: plain\n\n  continued\nq: x # comment\n") == ["p": "plain\ncontinued", "q": "x"])
        #expect(try parse("'quoted key': v\n") == ["quoted key": "v"])
        #expect(throws: BlockYAML.Failure.self) { try parse("a: *alias\n") }
        #expect(throws: BlockYAML.Failure.self) { try parse("a:\n\t- b\n") }
        // Deep nesting is an error, not a stack overflow.
        #expect(throws: BlockYAML.Failure.self) { try parse(String(repeating: "[", count: 10_000)) }
        #expect(throws: BlockYAML.Failure.self) { try parse("a:\n" + String(repeating: "- ", count: 10_000) + "x") }
        // In the watched list the same failure is that item's, and the list goes on.
        let deep = try Array(("- " + String(repeating: "- ", count: 10_000) + "x\n- id: b\n").utf8).withUnsafeBufferPointer {
            try BlockYAML.parse($0)
        }
        #expect(deep.items?.map(\.line) == [1, 2])
        #expect(deep.items?.first?.failure?.message == "nested deeper than 200 levels")
        #expect(deep.items?.last?.value == ["id": "b"])
    }
}
