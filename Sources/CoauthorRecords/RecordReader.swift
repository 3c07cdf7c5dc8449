import CoauthorModel

/// The input formats `coauthor` reads. Each has one reader type conforming to `RecordReader`.
public enum InputFormat: String, Sendable, CaseIterable {
    /// A scholar-profile page (the format of `seeds/`).
    case profile
    /// BibTeX or biblatex.
    case bibtex
    /// Comma-separated values with a header row.
    case csv
    /// Tab-separated values with a header row.
    case tsv
    /// JSON Lines, one `{"id","title","year","authors":[…]}` object per line.
    case jsonl
    /// dblp's XML dump (`dblp.xml`, root `<dblp>`).
    case dblpXML = "dblp-xml"
    /// PubMed/MEDLINE XML (root `<PubmedArticleSet>`).
    case pubmed
    /// ACL Anthology XML, one collection per file (root `<collection>`).
    case acl
    /// OpenAlex works: one work, an API results page or JSON Lines of works.
    case openalex
    /// Semantic Scholar Graph API paper responses (with their citations and references).
    case s2
    /// CSL-JSON: an array of CSL items (Zotero, Mendeley, citeproc exports).
    case cslJSON = "csl-json"
    /// CSL-YAML: a `references:` list as pandoc writes it.
    case cslYAML = "csl-yaml"
    /// RIS (`TY  - JOUR` … `ER  -`).
    case ris
    /// Web of Science plain-text export (`FN Clarivate Analytics Web of Science`, `PT J` … `ER`).
    case wos
    /// PubMed MEDLINE text / `.nbib` (`PMID- …`, `FAU - …`).
    case medline
    /// Scopus CSV export (header with `Authors`, `Author(s) ID`, `EID`).
    case scopus
}

/// Options every reader may consult.
public struct ReaderOptions: Sendable {
    /// Dates without a year take their year from this date, going back a year if month/day would
    /// lie after it (profile pages write "May 28" for the current year).
    public var asOf: PaperDate
    /// The profile owner to add to every paper of a profile page whose author list lacks them;
    /// nil means the page header's name.
    public var owner: String?
    /// CSV/TSV: what separates authors in the authors column (default `;`).
    public var authorSeparator: String
    /// CSV/TSV column names (matched case-insensitively); nil = the reader's built-in candidates.
    public var titleColumn: String?
    public var authorsColumn: String?
    public var yearColumn: String?
    public var idColumn: String?

    public init(asOf: PaperDate, owner: String? = nil, authorSeparator: String = ";",
                titleColumn: String? = nil, authorsColumn: String? = nil, yearColumn: String? = nil,
                idColumn: String? = nil) {
        self.asOf = asOf
        self.owner = owner
        self.authorSeparator = authorSeparator
        self.titleColumn = titleColumn
        self.authorsColumn = authorsColumn
        self.yearColumn = yearColumn
        self.idColumn = idColumn
    }
}

/// One reader per input format.
///
/// A reader parses a whole `SourceDocument`, passes each good record to `sink.emit`, reports each
/// malformed record with `sink.skip` (the record is counted and left out; the rest is still read
/// where the format allows it), and throws a `RecordError` only when the document as a whole
/// cannot be read (truncated, not this format at all).
public protocol RecordReader: Sendable {
    static var format: InputFormat { get }
    /// Lower-cased file extensions (without the dot) that select this reader.
    static var extensions: [String] { get }
    /// True when the content looks like this format (used when the extension says nothing).
    static func sniff(_ document: SourceDocument) -> Bool
    /// Extensions of other formats whose files this reader takes when `sniff` says yes: content
    /// that is unmistakably this format wins over the extension (a Web of Science export saved as
    /// `.ris`, OpenAlex works saved as `.jsonl`). Empty for most readers.
    static var claimsByContent: [String] { get }
    /// Whether and how the reader hands records over as bytes when the loader interns names
    /// (`RecordLoader.loadInterned`); `.none` for most readers.
    static var bytePath: BytePath { get }
    init(options: ReaderOptions)
    func read(_ document: SourceDocument, into sink: RecordSink) throws
}

/// A reader's byte path (`FlatRecord`s with interned author names instead of `PaperRecord`s), as
/// the loader must schedule it.
public enum BytePath: Sendable {
    /// Records only as `PaperRecord`s.
    case none
    /// Records as bytes, names looked up in the loader's shared interner: the file is read in
    /// order on the loader's thread, never ahead (JSON Lines).
    case sharedNames
    /// Records as bytes, names interned in a table of the file's own: the file can be read ahead
    /// on a worker thread and its names handed over with it (BibTeX).
    case ownNames
}

extension RecordReader {
    public static var claimsByContent: [String] { [] }
    public static var bytePath: BytePath { .none }
}

/// A reader of an XML format recognised by its root element alone: `.xml` is shared by several
/// formats, so no extension selects it, and `sniff` reads the root element's name.
public protocol XMLRootReader: RecordReader {
    /// The name of the format's root element.
    static var rootName: StaticString { get }
}

extension XMLRootReader {
    public static var extensions: [String] { [] }
    public static func sniff(_ document: SourceDocument) -> Bool {
        XMLScanner.rootElement(of: document.bytes)?.name == rootName.description
    }
}

/// The reader registry: adding a format is one new file plus one line here.
public enum RecordReaders {
    /// The formats whose readers have the byte path `path`.
    public static func formats(_ path: BytePath) -> Set<InputFormat> {
        Set(all.filter { $0.bytePath == path }.map { $0.format })
    }

    public static let all: [any RecordReader.Type] = [
        // The XML readers come first: their sniffs read only the first bytes, while a text sniff
        // would split a multi-gigabyte XML file into lines before saying no.
        DBLPXMLReader.self,
        PubMedReader.self,
        ACLAnthologyReader.self,
        // Then the JSON documents (their sniffs say no at once unless the text starts with `{` or
        // `[`, and skip over values without building them), and the tagged and YAML formats (their
        // sniffs read the first kilobytes only).
        OpenAlexReader.self,
        SemanticScholarReader.self,
        CSLJSONReader.self,
        WebOfScienceReader.self,
        MedlineReader.self,
        RISReader.self,
        CSLYAMLReader.self,
        ProfilePageReader.self,
        BibTeXReader.self,
        JSONLinesReader.self,
        ScopusReader.self,
        DelimitedReader.CSV.self,
        DelimitedReader.TSV.self,
    ]

    public static func reader(for format: InputFormat) -> any RecordReader.Type {
        all.first { $0.format == format }!
    }

    /// The format by extension first, then by content; nil when nothing fits. A reader that
    /// `claimsByContent` the extension and whose sniff recognises the content comes before the
    /// extension's own reader (without a document, the extension decides).
    /// A compression's extension is set aside (`refs.bib.gz` is `.bib`; `part_000.gz` has none).
    public static func detect(path: String, document: SourceDocument?) -> InputFormat? {
        var ext = fileExtension(path)
        if Compression.extensions[ext] != nil { ext = fileExtension(String(path.dropLast(ext.count + 1))) }
        if let doc = document, !ext.isEmpty,
           let r = all.first(where: { $0.claimsByContent.contains(ext) && $0.sniff(doc) }) {
            return r.format
        }
        if let r = all.first(where: { $0.extensions.contains(ext) }) { return r.format }
        guard let doc = document else { return nil }
        return all.first(where: { $0.sniff(doc) })?.format
    }

    /// The lower-cased extension of a path, or "" (`.txt` of `a/b.txt`).
    public static func fileExtension(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") .map({ path.index(after: $0) }) ?? Optional(path.startIndex),
              let dot = path[slash...].lastIndex(of: "."), dot != slash else { return "" }
        return path[path.index(after: dot)...].lowercased()
    }
}
