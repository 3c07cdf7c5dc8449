import CoauthorModel

/// Reads BibTeX and biblatex databases (`.bib`), from hand-made files to the whole DBLP export.
///
/// Syntax: entries `@type{key, field = value, …}` or `@type(…)`; values in braces (nested), in
/// double quotes (braces allowed inside), bare numbers and `@string` macro names, joined with `#`;
/// `@string{name = value}` (names are case-insensitive; `jan`…`dec` are predefined); `@comment`
/// and `@preamble` are ignored. Every other entry is a record (`@xdata` and `@set` too, as the
/// project counts entries). Text outside entries is a comment, and so is a line whose first
/// non-blank character is `%` (biber's reading; BibTeX would parse an `@` on such a line).
///
/// A citation key is one word, or several on one line before the comma: Scopus writes keys with
/// spaces (`@ARTICLE{Salvi Malacarne20221093,`), kept as written.
///
/// Records: `id` = the citation key, `title`, `year` (first four-digit run of `year`, else of
/// biblatex `date`, which also gives month and day), `venue` = journal / booktitle / journaltitle /
/// publisher (the first present), `category` = the entry type, `doi`, `url`, `abstract`, and the
/// authors of `author` (never `editor`). An entry with `crossref` takes a missing year and venue
/// (the target's booktitle, journal or title) from the entry it names, before or after it.
/// Scopus exports' `affiliations` (`affiliation`) and `correspondence_address`
/// (`correspondence_address1`) give affiliations as the Scopus CSV columns do (`ScopusAddresses`):
/// the paper's, linked only on a one-author paper, and each corresponding author's own.
///
/// Names follow BibTeX ("First von Last", "von Last, First", "von Last, Jr, First"; von and Jr
/// parts join the family name; `{Wholly Braced}` is a corporate author; `and others` marks a
/// truncated list). A trailing DBLP homonym number (`Wei Wang 0001`) becomes a `dblp:` id.
///
/// A malformed entry (unclosed brace, missing comma or key, garbage) is skipped with its location,
/// and reading resumes at the next line that starts with `@`.
///
/// Read in pieces (an input longer than a piece, from a file: `RecordBoundary.bibtex`), macros and
/// waiting records carry over from piece to piece, and cross-references are resolved with what a
/// first scan of the file says (`BibTeXStream.swift`); standard input and pipes are read whole.
///
/// An entry's fields are read once, as bytes (`BibScanner.entryFields`). Into a sink with a name
/// interner (`RecordLoader.loadInterned`, as the CLI reads) the record goes as those bytes
/// (`FlatRecord`: no `String` per field, each distinct name span parsed once); otherwise, and for
/// an entry that takes its year or venue from a cross-reference or waits behind one, as the
/// `PaperRecord` made of the same bytes (`FlatRecord.record`).
public struct BibTeXReader: RecordReader {
    public static let format = InputFormat.bibtex
    public static let bytePath = BytePath.ownNames
    public static let extensions = ["bib", "bibtex"]

    /// What is carried from piece to piece of an input read in pieces (`BibTeXStream.swift`).
    let carry = PieceState(BibCarry())
    /// The loader's first scan of an input read in pieces (`BibCrossrefScan`), set before its first
    /// piece; without it every entry's hand-on is kept.
    let crossrefScan = PieceState<BibCrossrefScan?>(nil)

    public init(options: ReaderOptions) {}

    /// True when the first thing after white space and `%` comment lines is `@word{` or `@word(`.
    public static func sniff(_ document: SourceDocument) -> Bool {
        document.bytes.withUnsafeBufferPointer { p -> Bool in
            let n = p.count
            var i = 0
            while i < n {
                let c = p[i]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1; continue }
                if c == 0x25 {                                   // % comment line
                    while i < n, p[i] != 0x0A { i += 1 }
                    continue
                }
                guard c == 0x40 else { return false }
                var k = i + 1
                while k < n, p[k] == 0x20 || p[k] == 0x09 { k += 1 }
                let start = k
                while k < n, BibScanner.isAlnum(p[k]) { k += 1 }
                guard k > start else { return false }
                while k < n, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A || p[k] == 0x0D { k += 1 }
                return k < n && (p[k] == 0x7B || p[k] == 0x28)
            }
            return false
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        try document.bytes.withUnsafeBufferPointer { p in
            var scanner = BibScanner(p: p, document: document, sink: sink)
            guard document.isPiece else { return try scanner.run() }
            // Read in pieces: the macros, waiting records, kept targets and the position carry
            // over (moved in and out, so that nothing is copied).
            if document.pieceIndex == 0 {
                carry.value = BibCarry()
                carry.value.stream.scan = crossrefScan.value
            }
            var c = carry.value
            carry.value = BibCarry()
            if let m = c.macros { scanner.macros = m }
            c.macros = nil
            scanner.expandedBytes = c.expandedBytes
            // The macro limit grows with the input read so far (64 MiB + 4 bytes per byte).
            scanner.expansionLimit = BibScanner.expansionLimit(documentSize: c.stream.pieceStart + p.count)
            swap(&scanner.queue, &c.queue)
            scanner.queueHead = c.queueHead
            swap(&scanner.waiting, &c.waiting)
            if let r = c.recentNames { scanner.recentNames = r }
            scanner.stream = c.stream
            c.stream = BibStream()
            try scanner.run()
            c.macros = scanner.macros
            scanner.macros = [:]
            c.expandedBytes = scanner.expandedBytes
            swap(&scanner.queue, &c.queue)
            c.queueHead = scanner.queueHead
            swap(&scanner.waiting, &c.waiting)
            c.recentNames = scanner.recentNames
            c.stream = scanner.stream!
            scanner.stream = nil
            carry.value = c
        }
    }

    /// Splits an `author` value (TeX markup as in the file) into names; for tests and callers that
    /// already hold a field value.
    static func parseAuthors(_ value: String) -> (authors: [AuthorName], truncated: Bool) {
        var v = value
        return v.withUTF8 { BibNames.parseList($0) }
    }
}
