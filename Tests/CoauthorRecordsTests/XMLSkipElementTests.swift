import CoauthorModel
import Foundation
import Testing
@testable import CoauthorRecords

/// `XMLScanner.skipElement` against the event-by-event read: the same events outside the skipped
/// elements, the same bad references, the same error at the same offset, the fast path taken where
/// the element is simple and declined where it is not.
@Suite struct XMLSkipElementTests {
    /// The events of `xml`, with every child of the root named in `skip` passed over: by
    /// `skipElement` when `fast` (falling back to reading it when it declines), else by reading its
    /// events and keeping only their bad references. The last line is the error, if any.
    static func read(_ xml: String, skip: Set<String>, fast: Bool, maxDepth: Int = 256,
                     chunk: Int? = nil) -> (lines: [String], skipped: Int) {
        let bytes = Array(xml.utf8)
        var s = XMLScanner(bytes: chunk == nil ? bytes : [], isFinal: chunk == nil, options: .init(maxDepth: maxDepth))
        var fed = 0
        var out: [String] = []
        var skipped = 0
        var passingOver = 0   // depth of the element being passed over event by event, else 0
        do {
            while true {
                guard let e = try s.next() else {
                    guard s.needsInput, let chunk else { break }
                    if fed >= bytes.count { s.finish() } else {
                        s.append(bytes[fed..<min(fed + chunk, bytes.count)])
                        fed += chunk
                    }
                    continue
                }
                if let b = e.badReference { out.append("bad reference at \(b): \(s.describeReference(at: b))") }
                if passingOver > 0 {
                    if e.kind == .endElement && s.depth + 1 == passingOver {
                        passingOver = 0
                        out.append("passed over")
                    }
                    continue
                }
                if e.kind == .startElement, s.depth == 2, skip.contains(s.string(e.name)) {
                    if fast, s.skipElement(e) {
                        skipped += 1
                        out.append("passed over")
                        continue
                    }
                    if !e.isEmptyElement {
                        passingOver = s.depth
                        continue
                    }
                }
                out.append(xmlEvent(e, s))
            }
        } catch let error as XMLScanner.Error {
            out.append("error at \(error.offset): \(error.message) (opened at \(error.openedAt.map(String.init) ?? "-"))")
        } catch {
            out.append("unexpected \(error)")
        }
        return (out, skipped)
    }

    static func check(_ xml: String, skip: Set<String> = ["s"], fastPaths: Int? = nil, maxDepth: Int = 256,
                      sourceLocation: Testing.SourceLocation = #_sourceLocation) {
        let slow = read(xml, skip: skip, fast: false, maxDepth: maxDepth)
        let fast = read(xml, skip: skip, fast: true, maxDepth: maxDepth)
        #expect(fast.lines == slow.lines, sourceLocation: sourceLocation)
        if let n = fastPaths { #expect(fast.skipped == n, "fast paths taken", sourceLocation: sourceLocation) }
        // Streamed in small chunks: where a chunk ends inside the element, it is read event by event.
        for chunk in [1, 7, 64] {
            #expect(read(xml, skip: skip, fast: true, maxDepth: maxDepth, chunk: chunk).lines == slow.lines,
                    "chunk \(chunk)", sourceLocation: sourceLocation)
        }
    }

    @Test func simpleSubtreesArePassedOverWhole() {
        Self.check("""
        <root><a>keep</a><s>text &amp; &#233; <b x="1" y='&lt;2'>in<c/></b><s>same name</s><d>x</d>\
        </s><a>after</a><s/><s></s><s>
          <deep><er><still a="x"/></er></deep>
        </s></root>
        """, fastPaths: 3)
    }

    @Test func markupThatIsNotSimpleFallsBackToEvents() {
        // Comments, CDATA and processing instructions inside: read event by event, same result.
        Self.check("<root><s><!-- c --><b/></s><s><![CDATA[<x>]]></s><s><?pi d?></s><a>k</a></root>", fastPaths: 0)
        // Unusual spacing in tags: allowed, read event by event.
        Self.check("<root><s><b x = \"1\">t</b ></s><a>k</a></root>", fastPaths: 0)
    }

    @Test func errorsInsideAreTheEventByEventErrors() {
        for xml in [
            "<root><s><b>t</c></s><a/></root>",              // mismatched end tag
            "<root><s><b x=\"1\" x=\"2\"/></s></root>",      // attribute given twice
            "<root><s><b x=\"a<b\"/></s></root>",            // '<' in an attribute value
            "<root><s><b x=1/></s></root>",                  // unquoted value
            "<root><s>a < b</s></root>",                     // a bare '<'
            "<root><s><b>never closed</s></root>",
            "<root><s><b>",                                  // the end of the document inside
            "<root><s>t</root>",
            "<root><s><b/ ></s></root>",
        ] {
            Self.check(xml, fastPaths: 0)
        }
        // Nesting past the limit is found at the same element.
        Self.check("<root><s><a><b><c><d>x</d></c></b></a></s></root>", fastPaths: 0, maxDepth: 5)
        Self.check("<root><s><a><b>x</b></a></s></root>", fastPaths: 1, maxDepth: 5)
    }

    @Test func badReferencesInsideAreReportedAsByEvents() {
        Self.check("<root><s>a &bogus; b</s><s>&#0;</s><s><b t=\"&nope;\"/></s><s>&amp</s><a>k</a></root>", fastPaths: 0)
        Self.check("<root><s>fine &amp;</s><s>&bogus;</s><s>fine &#x41;</s></root>", fastPaths: 2)
    }

    /// PubMed passes over the elements it does not read (here a reference list spanning many lines);
    /// an error after it is still reported at its line, and the records are those of the full read.
    @Test func pubmedLineNumbersAfterSkippedSubtrees() throws {
        func article(_ pmid: Int, references: Int) -> String {
            let refs = (0..<references).map { "      <Reference>\n        <Citation>Ref \($0) &amp; co.</Citation>\n      </Reference>\n" }
            return """
              <PubmedArticle><MedlineCitation><PMID Version="1">\(pmid)</PMID><Article>
                <ArticleTitle>Title \(pmid)</ArticleTitle>
                <AuthorList><Author><LastName>Doe</LastName><ForeName>Jane</ForeName></Author>
                <Author><LastName>Roe</LastName><ForeName>Rick</ForeName></Author></AuthorList>
              </Article></MedlineCitation>
              <PubmedData><ReferenceList>
            \(refs.joined())    </ReferenceList></PubmedData></PubmedArticle>

            """
        }
        let good = "<PubmedArticleSet>\n" + article(1, references: 40) + article(2, references: 3)
        let broken = good + "  <PubmedArticle><MedlineCitation><PMID>3</PMID></Oops>\n"
        let expectedLine = broken.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        var records: [PaperRecord] = []
        let sink = RecordSink { records.append($0) }
        do {
            try PubMedReader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
                .read(SourceDocument(name: "t.xml", bytes: Array(broken.utf8)), into: sink)
            Issue.record("no error")
        } catch let e as RecordError {
            #expect("\(e)".contains("t.xml:\(expectedLine):"), "\(e)")
            #expect("\(e)".contains("</Oops> does not match"), "\(e)")
        }
        #expect(records.map(\.id) == ["1", "2"])
        #expect(records.map { $0.authors.map(\.raw) } == [["Jane Doe", "Rick Roe"], ["Jane Doe", "Rick Roe"]])
        // The reference lists were passed over fast (else this test would not test the skip).
        var s = XMLScanner(bytes: Array(good.utf8), isFinal: false)
        var fast = 0
        while let e = try s.next() {
            if e.kind == .startElement, s.string(e.name) == "ReferenceList", s.skipElement(e) { fast += 1 }
        }
        #expect(fast == 2)
    }
}
