import CoauthorModel

/// Reads dblp's XML dump (`dblp.xml`, https://dblp.org/xml/; format: `dblp.dtd`).
///
///     <dblp>
///     <article key="journals/x/Doe20" mdate="…">          ← one record per child of the root;
///       <author orcid="0000-0002-…">Wei Wang 0001</author>   its key is the record's id
///       <title>On <i>x</i><sub>2</sub>.</title>          ← inner markup flattened to text
///       <year>2020</year> <journal>…</journal> | <booktitle>…</booktitle>
///       <ee>https://doi.org/10.…</ee>
///     </article>
///
/// - Records: `article`, `inproceedings`, `proceedings`, `book`, `incollection`, `phdthesis`,
///   `mastersthesis`; the element name is the record's `category`. A record without `<author>`
///   (most `proceedings`, which list editors) is a paper with no authors.
/// - `www` records are dblp's person pages (homepages, name aliases), `person` records are the same
///   for the newer person scheme, and `data` records are research data sets and artefacts: none is a
///   paper, so they are passed over without being counted as malformed.
/// - `<author orcid>` becomes `PersistentID(.orcid)`; a homonym number (`Wei Wang 0001`) becomes
///   `PersistentID(.dblp, "Wei Wang 0001")` and leaves the displayed name (`NameParser`).
/// - `venue` is the `journal` or the `booktitle`; `url` the first `<ee>` (electronic edition) and
///   `doi` the first `<ee>` on doi.org. `<editor>` is not an author.
/// - The character entities of dblp.dtd (`&uuml;` …) are built in; the DTD itself is never read.
///   A record holding any other entity is left out with its location.
public struct DBLPXMLReader: XMLRootReader {
    public static let format = InputFormat.dblpXML
    /// `.xml` is shared by several formats, so dblp XML is recognised by its root element.
    public static let rootName: StaticString = "dblp"

    public init(options: ReaderOptions) {}

    enum Field { case none, author, title, year, journal, booktitle, ee }

    /// The record being read.
    struct Record {
        var kind = ""
        var source = SourceLocation(file: "", line: 0)
        var key: String?
        var authors: [AuthorName] = []
        var title = ""
        var year: Int?
        var journal: String?
        var booktitle: String?
        var ee: [String] = []
        var problem: (location: SourceLocation, message: String)?
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        var input = XMLInput(document, entities: .dblp)
        var record: Record?
        var skippedKind: String?            // inside a www/person/data (or unknown) record
        var warnedKinds: Set<String> = []
        var field = Field.none
        var fieldText = ""
        var fieldOffset = 0
        var orcid: String?

        /// A bad reference: the record's problem, a warning in a skipped record, fatal elsewhere.
        func checkReference(_ e: XMLScanner.Event) throws {
            guard let (loc, message) = input.referenceProblem(e) else { return }
            if record != nil {
                if record!.problem == nil { record!.problem = (loc, message) }
            } else if let kind = skippedKind {
                sink.warn(loc, message + " in a <\(kind)> element, which is not read")
            } else {
                throw RecordError.malformed(loc, message)
            }
        }

        while let e = try input.next() {
            switch e.kind {
            case .startElement:
                let depth = input.scanner.depth
                if depth == 1 {
                    try input.expectRoot(e, Self.rootName, format: "a dblp XML file")
                    try checkReference(e)
                    continue
                }
                if depth == 2 {
                    if let kind = DBLPXMLReader.recordKind(e.name, input.scanner) {
                        var r = Record()
                        r.kind = kind
                        r.source = input.lineLocation(at: e.offset)
                        r.key = input.scanner.attribute("key")
                        record = r
                    } else {
                        let name = input.scanner.string(e.name)
                        skippedKind = name
                        if !DBLPXMLReader.isNonPaper(e.name, input.scanner), warnedKinds.insert(name).inserted {
                            sink.warn(input.location(at: e.offset), "unknown dblp record type <\(name)> left out")
                        }
                    }
                    try checkReference(e)
                    continue
                }
                try checkReference(e)
                if record == nil ? skippedKind != nil : depth == 3 && DBLPXMLReader.field(e.name, input.scanner) == .none {
                    // An element not read (`<cite>`, `<pages>`, a person page's fields): passed over
                    // unmade when it is plain text (else its events come and are checked as usual).
                    if input.scanner.skipPlainElement(e) { continue }
                }
                if depth == 3, record != nil {
                    field = DBLPXMLReader.field(e.name, input.scanner)
                    fieldText = ""
                    fieldOffset = e.offset
                    orcid = field == .author ? input.scanner.attribute("orcid") : nil
                }
            case .text, .cdata:
                try checkReference(e)
                if field != .none { fieldText += input.text(e) }
            case .endElement:
                let depth = input.scanner.depth + 1
                if depth == 3, record != nil, field != .none {
                    finishField(&record!, field, fieldText, orcid, fieldOffset, &input, sink)
                    field = .none
                } else if depth == 2 {
                    if let r = record { try emit(r, sink) }
                    record = nil
                    skippedKind = nil
                }
            default:
                continue
            }
        }
    }

    private func finishField(_ r: inout Record, _ field: Field, _ raw: String, _ orcid: String?, _ offset: Int,
                             _ input: inout XMLInput, _ sink: RecordSink) {
        let text = XMLText.collapse(raw)
        switch field {
        case .author:
            guard var name = NameParser.parse(text) else {
                sink.warn(input.location(at: offset), "empty <author> in \(r.key ?? "a record without key") left out")
                return
            }
            if let o = orcid {
                if let id = PersistentID.orcid(normalizing: o) {
                    name.ids.insert(id, at: 0)
                } else {
                    sink.warn(input.location(at: offset), "invalid ORCID '\(o)' of \(text) ignored")
                }
            }
            r.authors.append(name)
        case .title: r.title = text
        case .year:
            if text.utf8.count == 4, let v = Int(text) { r.year = v }
            else { sink.warn(input.location(at: offset), "year '\(text)' of \(r.key ?? "a record without key") is not a year; ignored") }
        case .journal: if r.journal == nil { r.journal = text }
        case .booktitle: if r.booktitle == nil { r.booktitle = text }
        case .ee: if !text.isEmpty { r.ee.append(text) }
        case .none: break
        }
    }

    private func emit(_ r: Record, _ sink: RecordSink) throws {
        guard let key = try sink.usableID(r.key, at: r.source, missing: "<\(r.kind)> record without a key",
                                          problem: r.problem, idName: "record") else { return }
        try sink.emit(PaperRecord(
            id: key, title: r.title, authors: r.authors, year: r.year, venue: r.journal ?? r.booktitle,
            category: r.kind, doi: r.ee.lazy.compactMap(XMLText.doi(fromLink:)).first, url: r.ee.first,
            source: r.source))
    }

    static func recordKind(_ name: Range<Int>, _ s: XMLScanner) -> String? {
        if s.isName(name, "article") { return "article" }
        if s.isName(name, "inproceedings") { return "inproceedings" }
        if s.isName(name, "proceedings") { return "proceedings" }
        if s.isName(name, "incollection") { return "incollection" }
        if s.isName(name, "book") { return "book" }
        if s.isName(name, "phdthesis") { return "phdthesis" }
        if s.isName(name, "mastersthesis") { return "mastersthesis" }
        return nil
    }

    /// Person pages and data sets: records of dblp that are not papers.
    static func isNonPaper(_ name: Range<Int>, _ s: XMLScanner) -> Bool {
        s.isName(name, "www") || s.isName(name, "person") || s.isName(name, "data")
    }

    static func field(_ name: Range<Int>, _ s: XMLScanner) -> Field {
        if s.isName(name, "author") { return .author }
        if s.isName(name, "title") { return .title }
        if s.isName(name, "year") { return .year }
        if s.isName(name, "journal") { return .journal }
        if s.isName(name, "booktitle") { return .booktitle }
        if s.isName(name, "ee") { return .ee }
        return .none
    }
}
