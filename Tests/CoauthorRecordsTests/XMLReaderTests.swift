import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

@Suite struct DBLPXMLReaderTests {
    static let sample = """
    <?xml version="1.0" encoding="ISO-8859-1"?>
    <!DOCTYPE dblp SYSTEM "dblp.dtd">
    <dblp>
    <article mdate="2020-01-01" key="journals/x/Wang20">
    <author orcid="0000-0002-1825-0097">Wei Wang 0001</author>
    <author>J&uuml;rgen M&#xFC;ller</author>
    <author orcid="https://orcid.org/0000-0002-1694-233x">Ann  Lee 0002</author>
    <title>On H<sub>2</sub>O and <i>x</i>.</title>
    <year>2020</year>
    <journal>J. Wat.</journal>
    <ee>https://example.org/paper</ee>
    <ee>https://doi.org/10.1000/xyz</ee>
    </article><inproceedings key="conf/c/A21"><author>A One</author><title>T2</title><year>2021</year><booktitle>Conf</booktitle></inproceedings>
    <proceedings key="conf/c/2021"><editor>E Ditor</editor><title>Proc.</title><year>2021</year></proceedings>
    <book key="books/b"><author>B</author><title>Book</title></book>
    <incollection key="reference/r/X"><title>Entry</title></incollection>
    <phdthesis key="phd/P"><author>P Hd</author><title>Thesis</title><school>U</school></phdthesis>
    <mastersthesis key="ms/M"><author>M Sc</author><title>MSc</title></mastersthesis>
    <www key="homepages/w/Wang"><author>Wei Wang 0001</author><title>Home Page</title></www>
    <person key="persons/p"><author>Pers On</author></person>
    <data key="data/d"><author>Da Ta</author><title>A data set</title></data>
    </dblp>
    """

    @Test func everyRecordKindAndField() throws {
        let (r, sink) = try readAll(DBLPXMLReader.self, DBLPXMLReaderTests.sample, name: "d.xml")
        #expect(sink.diagnostics.isEmpty)
        #expect(sink.skipped == 0)
        #expect(r.map(\.id) == ["journals/x/Wang20", "conf/c/A21", "conf/c/2021", "books/b", "reference/r/X", "phd/P", "ms/M"])
        #expect(r.map { $0.category ?? "" } == ["article", "inproceedings", "proceedings", "book", "incollection",
                                               "phdthesis", "mastersthesis"])
        let a = r[0]
        #expect(a.title == "On H2O and x.")
        #expect(a.year == 2020)
        #expect(a.venue == "J. Wat.")
        #expect(a.doi == "10.1000/xyz")
        #expect(a.url == "https://example.org/paper")
        #expect(a.source == SourceLocation(file: "d.xml", line: 4))
        #expect(a.authors.map(\.displayName) == ["Wei Wang", "Jürgen Müller", "Ann Lee"])
        #expect(a.authors[0].ids == [PersistentID(.orcid, "0000-0002-1825-0097"), PersistentID(.dblp, "Wei Wang 0001")])
        #expect(a.authors[1].ids.isEmpty)
        #expect(a.authors[2].ids == [PersistentID(.orcid, "0000-0002-1694-233X"), PersistentID(.dblp, "Ann Lee 0002")])
        #expect(r[1].venue == "Conf")
        #expect(r[1].source.line == 13)   // after </article> on the same line
        #expect(r[2].authors.isEmpty)            // proceedings: editors are not authors
        #expect(r[2].title == "Proc.")
        #expect(r[3].year == nil)
        #expect(r[4].authors.isEmpty)
    }

    @Test func recordsWithProblemsAreSkippedWithTheirLocation() throws {
        let xml = """
        <dblp>
        <article key="a/1"><author>A &bogus; B</author><title>x</title></article>
        <article key="a/2"><author>C D</author><title>fine</title><year>20x0</year></article>
        <article><author>E F</author><title>no key</title></article>
        <article key="a/4"><author orcid="0000-0002-1825-0098">G H</author><pages>1&ndash;2</pages></article>
        <article key="a/5"><author orcid="0000-0002-1825-0098">G H</author><author></author></article>
        <www key="h/1"><note>&foo;</note></www>
        </dblp>
        """
        let (r, sink) = try readAll(DBLPXMLReader.self, xml, name: "bad.xml")
        #expect(r.map(\.id) == ["a/2", "a/5"])
        #expect(r[0].year == nil)
        #expect(r[1].authors.map(\.raw) == ["G H"])
        #expect(r[1].authors[0].ids.isEmpty)
        #expect(sink.skipped == 3)
        #expect(sink.diagnostics.map(\.description) == [
            "bad.xml:2:30: undeclared entity &bogus; (no DTD is read; only XML's five and dblp.dtd's character entities and numeric references are known) (record a/1 left out)",
            "bad.xml:3:59: warning: year '20x0' of a/2 is not a year; ignored",
            "bad.xml:4: <article> record without a key",
            "bad.xml:5:20: warning: invalid ORCID '0000-0002-1825-0098' of G H ignored",
            "bad.xml:5:76: undeclared entity &ndash; (no DTD is read; only XML's five and dblp.dtd's character entities and numeric references are known) (record a/4 left out)",
            "bad.xml:6:20: warning: invalid ORCID '0000-0002-1825-0098' of G H ignored",
            "bad.xml:6:68: warning: empty <author> in a/5 left out",
            "bad.xml:7:22: warning: undeclared entity &foo; (no DTD is read; only XML's five and dblp.dtd's character entities and numeric references are known) in a <www> element, which is not read",
        ])
        #expect(throws: RecordError.self) { try readAll(DBLPXMLReader.self, xml, strict: true) }
    }

    /// An external entity is never fetched: the reference is just an unknown entity.
    @Test func externalEntityIsNeverRead() {
        let xml = #"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><dblp>&e;</dblp>"#
        #expect(throws: RecordError.malformed(SourceLocation(file: "xxe.xml", line: 1, column: 61),
            "undeclared entity &e; (no DTD is read; only XML's five and dblp.dtd's character entities and numeric references are known)")) {
            try readAll(DBLPXMLReader.self, xml, name: "xxe.xml")
        }
    }

    @Test func billionLaughsFailsFast() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE dblp [\n<!ENTITY lol \"lol\">\n"
        for i in 1...9 {
            xml += "<!ENTITY lol\(i) \"" + String(repeating: "&lol\(i == 1 ? "" : String(i - 1));", count: 10) + "\">\n"
        }
        xml += "]>\n<dblp><article key=\"k\"><author>&lol9;</author></article></dblp>\n"
        let clock = ContinuousClock()
        var result: (records: [PaperRecord], sink: RecordSink)?
        let elapsed = clock.measure { result = try? readAll(DBLPXMLReader.self, xml, name: "lol.xml") }
        #expect(elapsed < .seconds(1))
        #expect(result?.records.isEmpty == true)
        #expect(result?.sink.skipped == 1)
        #expect(result?.sink.diagnostics.first?.description.hasPrefix("lol.xml:14:32: undeclared entity &lol9;") == true)
    }

    @Test func truncatedAndForeignDocuments() {
        let cut = "<dblp>\n<article key=\"k\">\n<author>A B</author>\n<title>T"
        #expect(throws: RecordError.truncated(SourceLocation(file: "cut.xml", line: 4, column: 9),
                                              "end of file inside <title> (3 elements still open), opened at line 4")) {
            try readAll(DBLPXMLReader.self, cut, name: "cut.xml")
        }
        #expect(throws: RecordError.truncated(SourceLocation(file: "cut.xml", line: 2, column: 1),
                                              "end of file inside the start tag <article")) {
            try readAll(DBLPXMLReader.self, "<dblp>\n<article key=\"k", name: "cut.xml")
        }
        #expect(throws: RecordError.malformed(SourceLocation(file: "p.xml", line: 1, column: 1),
                                              "the root element is <PubmedArticleSet>, not <dblp>: not a dblp XML file")) {
            try readAll(DBLPXMLReader.self, "<PubmedArticleSet/>", name: "p.xml")
        }
        #expect(throws: RecordError.malformed(SourceLocation(file: "m.xml", line: 2, column: 25),
                                              "end tag </year> does not match the start tag <title>, opened at line 2")) {
            try readAll(DBLPXMLReader.self, "<dblp>\n<article key=\"k\"><title></year></article></dblp>", name: "m.xml")
        }
    }

    @Test func detection() throws {
        let doc = SourceDocument(name: "x.xml", text: DBLPXMLReaderTests.sample)
        #expect(RecordReaders.detect(path: "x.xml", document: doc) == .dblpXML)
        #expect(RecordReaders.detect(path: "x.xml", document: SourceDocument(name: "p.xml", text: PubMedReaderTests.sample)) == .pubmed)
        #expect(RecordReaders.detect(path: "x.xml", document: SourceDocument(name: "a.xml", text: ACLAnthologyReaderTests.sample)) == .acl)
        #expect(RecordReaders.detect(path: "x.xml", document: SourceDocument(name: "o.xml", text: "<other/>")) == nil)
        #expect(InputFormat(rawValue: "dblp-xml") == .dblpXML)
        #expect(InputFormat(rawValue: "pubmed") == .pubmed)
        #expect(InputFormat(rawValue: "acl") == .acl)
    }
}

@Suite struct PubMedReaderTests {
    static let sample = """
    <?xml version="1.0" ?>
    <!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, 1st January 2019//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_190101.dtd">
    <PubmedArticleSet>
    <PubmedArticle>
      <MedlineCitation Status="MEDLINE" Owner="NLM">
        <PMID Version="1">111</PMID>
        <Article PubModel="Print">
          <Journal>
            <JournalIssue CitedMedium="Internet"><PubDate><Year>2018</Year><Month>Jul</Month><Day>05</Day></PubDate></JournalIssue>
            <Title>The Journal</Title>
          </Journal>
          <ArticleTitle>Effects of <i>Escherichia coli</i> on CO<sub>2</sub> &amp; more.</ArticleTitle>
          <ELocationID EIdType="pii" ValidYN="Y">S0001</ELocationID>
          <ELocationID EIdType="doi" ValidYN="Y">10.1000/elocation</ELocationID>
          <Abstract><AbstractText Label="A">First part.</AbstractText><AbstractText Label="B">Second &#946; part.</AbstractText></Abstract>
          <AuthorList CompleteYN="N">
            <Author ValidYN="Y"><LastName>O'Byrne</LastName><ForeName>Paul M</ForeName><Initials>PM</Initials>
              <Identifier Source="ORCID">https://orcid.org/0000-0002-1825-0097</Identifier>
              <AffiliationInfo><Affiliation>Somewhere</Affiliation><Identifier Source="GRID">grid.1.2</Identifier></AffiliationInfo>
            </Author>
            <Author ValidYN="Y"><LastName>Smith</LastName><ForeName>John</ForeName><Suffix>Jr</Suffix>
              <Identifier Source="ORCID">0000000216942 33x</Identifier></Author>
            <Author ValidYN="Y"><LastName>Zhong</LastName><Initials>N</Initials></Author>
            <Author ValidYN="N"><LastName>Wrong</LastName><ForeName>Entry</ForeName></Author>
            <Author ValidYN="Y"><CollectiveName>SYGMA 1 <i>Investigators</i></CollectiveName></Author>
            <Author ValidYN="Y"><LastName>Bad</LastName><ForeName>Orcid</ForeName><Identifier Source="ORCID">0000-0002-1825-0098</Identifier></Author>
            <Author ValidYN="Y"><AffiliationInfo><Affiliation>nameless</Affiliation></AffiliationInfo></Author>
          </AuthorList>
        </Article>
        <CommentsCorrectionsList><CommentsCorrections RefType="CommentIn"><RefSource>x</RefSource><PMID Version="1">999</PMID></CommentsCorrections></CommentsCorrectionsList>
        <PersonalNameSubjectList><PersonalNameSubject><LastName>Subject</LastName><ForeName>Not An Author</ForeName></PersonalNameSubject></PersonalNameSubjectList>
      </MedlineCitation>
      <PubmedData>
        <ArticleIdList><ArticleId IdType="pubmed">111</ArticleId><ArticleId IdType="doi">10.1000/articleid</ArticleId></ArticleIdList>
        <ReferenceList><Reference><Citation>Ref</Citation><ArticleIdList><ArticleId IdType="doi">10.9/ref</ArticleId></ArticleIdList></Reference></ReferenceList>
      </PubmedData>
    </PubmedArticle>
    <PubmedArticle>
      <MedlineCitation><PMID>222</PMID>
        <Article><Journal><JournalIssue><PubDate><MedlineDate>1998 Dec-1999 Jan</MedlineDate></PubDate></JournalIssue><Title>J2</Title></Journal>
          <ArticleTitle></ArticleTitle><VernacularTitle>Titre</VernacularTitle>
        </Article>
      </MedlineCitation>
      <PubmedData><ArticleIdList><ArticleId IdType="doi">10.1000/only-articleid</ArticleId></ArticleIdList></PubmedData>
    </PubmedArticle>
    <PubmedBookArticle>
      <BookDocument>
        <PMID Version="1">333</PMID>
        <Book><BookTitle>The Book</BookTitle><PubDate><Year>2010</Year></PubDate>
          <AuthorList Type="editors"><Author><LastName>Editor</LastName><ForeName>Ed</ForeName></Author></AuthorList>
        </Book>
        <ArticleTitle>A Chapter</ArticleTitle>
        <AuthorList Type="authors"><Author><LastName>Writer</LastName><ForeName>Wendy</ForeName></Author></AuthorList>
      </BookDocument>
    </PubmedBookArticle>
    <DeleteCitation><PMID Version="1">444</PMID></DeleteCitation>
    </PubmedArticleSet>
    """

    @Test func everyField() throws {
        let (r, sink) = try readAll(PubMedReader.self, PubMedReaderTests.sample, name: "pm.xml")
        #expect(r.map(\.id) == ["111", "222", "333"])
        let a = r[0]
        #expect(a.title == "Effects of Escherichia coli on CO2 & more.")
        #expect(a.date == PaperDate(year: 2018, month: 7, day: 5))
        #expect(a.venue == "The Journal")
        #expect(a.doi == "10.1000/elocation")
        #expect(a.url == "https://pubmed.ncbi.nlm.nih.gov/111/")
        #expect(a.abstract == "First part. Second β part.")
        #expect(a.authorsTruncated)
        #expect(a.source == SourceLocation(file: "pm.xml", line: 4))
        #expect(a.authors.map(\.displayName) == ["Paul M O'Byrne", "John Smith Jr", "N Zhong", "Orcid Bad"])
        #expect(a.authors.map { $0.family ?? "" } == ["O'Byrne", "Smith Jr", "Zhong", "Bad"])
        #expect(a.authors.map { $0.ids.map(\.description) } == [
            ["orcid:0000-0002-1825-0097"], ["orcid:0000-0002-1694-233X"], [], []])
        #expect(a.groupAuthors == ["SYGMA 1 Investigators"])
        #expect(sink.diagnostics.map(\.description) == [
            "pm.xml:26:9: warning: invalid ORCID '0000-0002-1825-0098' of Orcid Bad ignored",
            "pm.xml:27:9: warning: <Author> without LastName or CollectiveName left out",
        ])
        let b = r[1]
        #expect(b.year == 1998)
        #expect(b.date == nil)
        #expect(b.title == "Titre")
        #expect(b.doi == "10.1000/only-articleid")
        #expect(b.authors.isEmpty && !b.authorsTruncated)
        let c = r[2]
        #expect(c.title == "A Chapter")
        #expect(c.venue == "The Book")
        #expect(c.year == 2010)
        #expect(c.authors.map(\.displayName) == ["Wendy Writer"])
    }

    @Test func malformedArticles() throws {
        let xml = """
        <PubmedArticleSet>
        <PubmedArticle><MedlineCitation><Article><ArticleTitle>No PMID</ArticleTitle></Article></MedlineCitation></PubmedArticle>
        <PubmedArticle><MedlineCitation><PMID>5</PMID><Article><ArticleTitle>&alpha; bad</ArticleTitle></Article></MedlineCitation></PubmedArticle>
        <PubmedArticle><MedlineCitation><PMID>6</PMID><Article><ArticleTitle>Good</ArticleTitle></Article></MedlineCitation></PubmedArticle>
        </PubmedArticleSet>
        """
        let (r, sink) = try readAll(PubMedReader.self, xml, name: "m.xml")
        #expect(r.map(\.id) == ["6"])
        #expect(sink.skipped == 2)
        #expect(sink.diagnostics.map(\.description) == [
            "m.xml:2: <PubmedArticle> without a PMID",
            "m.xml:3:70: undeclared entity &alpha; (no DTD is read; only XML's five predefined entities and numeric references are known) (PMID 5 left out)",
        ])
    }
}

@Suite struct ACLAnthologyReaderTests {
    static let sample = """
    <?xml version='1.0' encoding='UTF-8'?>
    <collection id="P19">
      <volume id="1" ingest-date="2019-07-28">
        <meta>
          <booktitle>Proceedings of the <fixed-case>ACL</fixed-case></booktitle>
          <editor><first>Anna</first><last>Korhonen</last></editor>
          <year>2019</year>
        </meta>
        <frontmatter><url hash="5c925b1d">P19-1000</url></frontmatter>
        <paper id="1">
          <title>Improving <fixed-case>R</fixed-case>e<fixed-case>W</fixed-case>riter with <tex-math>\\mathcal{O}(n)</tex-math></title>
          <author id="yang-liu-ict"><first>Yang</first><last>Liu</last><variant script="hani"><first>洋</first><last>刘</last></variant></author>
          <author><first>Lluís</first><last>Màrquez</last></author>
          <author><first></first><last>Mausam</last></author>
          <doi>10.18653/v1/P19-1001</doi>
          <url hash="e6f6a98f">P19-1001</url>
          <abstract>An <i>abstract</i>.</abstract>
        </paper>
        <paper id="12"><title>No authors</title></paper>
      </volume>
      <volume id="2">
        <paper id="3"><title>Meta comes last</title><author><first>A</first><last>B</last></author></paper>
        <meta><booktitle>Short Papers</booktitle><year>2019</year></meta>
      </volume>
    </collection>
    """

    @Test func papersAuthorsAndIds() throws {
        let (r, sink) = try readAll(ACLAnthologyReader.self, ACLAnthologyReaderTests.sample, name: "P19.xml")
        #expect(sink.diagnostics.isEmpty)
        #expect(r.map(\.id) == ["P19-1001", "P19-1012", "P19-2003"])
        let p = r[0]
        #expect(p.title == "Improving ReWriter with \\mathcal{O}(n)")
        #expect(p.year == 2019)
        #expect(p.venue == "Proceedings of the ACL")
        #expect(p.doi == "10.18653/v1/P19-1001")
        #expect(p.url == "https://aclanthology.org/P19-1001")
        #expect(p.abstract == "An abstract.")
        #expect(p.source == SourceLocation(file: "P19.xml", line: 10))
        #expect(p.authors.map(\.displayName) == ["Yang Liu", "Lluís Màrquez", "Mausam"])
        #expect(p.authors.map(\.ids) == [[PersistentID(.acl, "yang-liu-ict")], [], []])
        #expect(p.authors[2].given == nil)
        #expect(r[1].authors.isEmpty)
        #expect(r[2].venue == "Short Papers")
        #expect(r[2].year == 2019)
    }

    @Test func anthologyIDs() {
        #expect(ACLAnthologyReader.anthologyID(collection: "P19", volume: "1", paper: "1") == "P19-1001")
        #expect(ACLAnthologyReader.anthologyID(collection: "J19", volume: "4", paper: "23") == "J19-4023")
        #expect(ACLAnthologyReader.anthologyID(collection: "W19", volume: "1", paper: "5") == "W19-0105")
        #expect(ACLAnthologyReader.anthologyID(collection: "W19", volume: "38", paper: "12") == "W19-3812")
        #expect(ACLAnthologyReader.anthologyID(collection: "C69", volume: "1", paper: "2") == "C69-0102")
        #expect(ACLAnthologyReader.anthologyID(collection: "D19", volume: "1", paper: "7") == "D19-1007")
        #expect(ACLAnthologyReader.anthologyID(collection: "D19", volume: "5", paper: "3") == "D19-0503")
        #expect(ACLAnthologyReader.anthologyID(collection: "2020.acl", volume: "main", paper: "1") == "2020.acl-main.1")
        #expect(ACLAnthologyReader.anthologyID(collection: "1952.earlymt", volume: "1", paper: "4") == "1952.earlymt-1.4")
        #expect(ACLAnthologyReader.anthologyID(collection: "P19", volume: "x", paper: "1") == nil)
    }

    @Test func badPapers() throws {
        let xml = """
        <collection id="P19"><volume id="1"><meta><year>2019</year></meta>
        <paper id="1"><title>&nbsp;</title></paper>
        <paper><title>no id</title></paper>
        <paper id="3"><title>ok</title><author><first></first><last></last></author></paper>
        </volume></collection>
        """
        let (r, sink) = try readAll(ACLAnthologyReader.self, xml, name: "b.xml")
        #expect(r.map(\.id) == ["P19-1003"])
        #expect(r[0].authors.isEmpty)
        #expect(sink.diagnostics.map(\.description) == [
            "b.xml:4:32: warning: <author> without a name left out",
            "b.xml:2:22: undeclared entity &nbsp; (no DTD is read; only XML's five predefined entities and numeric references are known) (paper P19-1001 left out)",
            "b.xml:3: <paper> without a usable id",
        ])
        #expect(throws: RecordError.malformed(SourceLocation(file: "c.xml", line: 1, column: 1), "<collection> without an id")) {
            try readAll(ACLAnthologyReader.self, "<collection><volume/></collection>", name: "c.xml")
        }
    }
}

@Suite struct ACLNameVariantsTests {
    @Test func theYAMLSubset() throws {
        let yaml = """
        # name variants
        - canonical: {first: Steven, last: Abney}
          id: steven-abney
          variants:
          - {first: Steve, last: Abney}
          - {first: "Steven P.", last: 'Abney'}
        - canonical: {first: William A., last: 'Baumgartner, Jr.'}
          comment: "quoted \\"comment\\" é"
          similar: [a-b, c-d]
        - canonical: {first: '', last: Sukhada}
          variant: {first: Troy, last: Lee}

        - canonical: {first: It''s, last: 'O''Neil'}   # trailing comment
        """
        let v = try ACLNameVariants.parse(SourceDocument(name: "n.yaml", text: yaml))
        #expect(v.entries.count == 4)
        #expect(v.entries[0].canonical == .init(first: "Steven", last: "Abney"))
        #expect(v.entries[0].id == "steven-abney")
        #expect(v.entries[0].variants == [.init(first: "Steve", last: "Abney"), .init(first: "Steven P.", last: "Abney")])
        #expect(v.entries[0].line == 2)
        #expect(v.entries[1].canonical == .init(first: "William A.", last: "Baumgartner, Jr."))
        #expect(v.entries[1].comment == "quoted \"comment\" é")
        #expect(v.entries[1].similar == ["a-b", "c-d"])
        #expect(v.entries[2].canonical == .init(first: "", last: "Sukhada"))
        #expect(v.entries[2].variants == [.init(first: "Troy", last: "Lee")])
        #expect(v.entries[3].canonical == .init(first: "It''s", last: "O'Neil"))
    }

    @Test func outsideTheSubsetIsAnErrorWithItsLine() {
        #expect(throws: RecordError.malformed(SourceLocation(file: "n.yaml", line: 2), "'{' without '}'")) {
            try ACLNameVariants.parse(SourceDocument(name: "n.yaml", text: "- canonical: {first: A, last: B}\n- canonical: {first: A\n"))
        }
        #expect(throws: RecordError.malformed(SourceLocation(file: "n.yaml", line: 1), "expected '- ' starting an entry (a list of mappings)")) {
            try ACLNameVariants.parse(SourceDocument(name: "n.yaml", text: "canonical: {first: A, last: B}\n"))
        }
        #expect(throws: RecordError.malformed(SourceLocation(file: "n.yaml", line: 1), "entry without 'canonical'")) {
            try ACLNameVariants.parse(SourceDocument(name: "n.yaml", text: "- id: x\n"))
        }
    }

    /// The Anthology's file: the entry counts SOURCE.txt gives.
    @Test func theAnthologyFile() throws {
        let v = try ACLNameVariants.load(path: TestPaths.sharedData.appendingPathComponent("acl-anthology/name_variants.yaml").path)
        #expect(v.entries.count == 3382)
        #expect(v.entries.filter { $0.id != nil }.count == 867)
        #expect(v.entries.filter { !$0.similar.isEmpty }.count == 40)
        // 3,398 listed under `variants:`, plus the one written `variant:`.
        #expect(v.entries.reduce(0) { $0 + $1.variants.count } == 3399)
    }
}

@Suite struct XMLTextTests {
    @Test func helpers() {
        #expect(XMLText.collapse("  a \n\t b  c ") == "a b c")
        #expect(XMLText.collapse("a b") == "a b")
        #expect(XMLText.collapse("") == "")
        #expect(XMLText.collapse(" \n ") == "")
        #expect(XMLText.collapse("a\u{A0}b") == "a\u{A0}b")   // only XML white space
        #expect(XMLText.firstYear("2018 Jul-Aug") == 2018)
        #expect(XMLText.firstYear("Winter 12345 1998-1999") == 1998)
        #expect(XMLText.firstYear("Spring") == nil)
        #expect(XMLText.doi(fromLink: "https://doi.org/10.1007/978-0-387-31439-6_559") == "10.1007/978-0-387-31439-6_559")
        #expect(XMLText.doi(fromLink: "http://dx.doi.org/10.1145/1") == "10.1145/1")
        #expect(XMLText.doi(fromLink: "https://doi.org/") == nil)
        #expect(XMLText.doi(fromLink: "https://example.org/doi.org/10.1/x") == nil)
        #expect(XMLText.doi(fromLink: "https://dl.acm.org/doi/10.1145/1") == nil)
    }
}
