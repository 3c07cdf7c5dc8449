import CoauthorModel

/// Reads RIS (Research Information Systems) files, as reference managers and databases export them:
///
///     TY  - JOUR                              ← starts a record; the type is the category
///     ID  - 12345                             ← the record's id (default `line N`)
///     T1  - Title of reference                ← title: TI, else T1
///     A1  - Marx, Karl                        ← authors: AU and A1, in order
///     A2  - Glattauer, Daniel                 ← A2/A3/A4/ED (editors, series editors, translators): not authors
///     Y1  - 2014//                            ← year: first four digits of PY, else Y1, else DA (with month/day)
///     JF  - Lorem                             ← venue: T2, else JF, JO, JA, J2
///     DO  - 10.1186/s40981-020-0316-0         ← bare DOI (a doi.org URL is reduced)
///     UR  - http://example_url.com            ← first URL (of the first UR; `;`-separated lists)
///     N2  - BACKGROUND: …                     ← abstract: AB, else N2
///           continued here                    ← a line without a tag continues the previous value
///     ER  -                                   ← ends the record
///
/// A tag line is two characters (a capital letter, then a capital or digit), two spaces, a hyphen,
/// and a space or the line's end; an empty value is ignored. Text outside `TY`…`ER` (export
/// headers, "Record #1 of 2", numbering) is passed over. A record still open at the end of the file
/// or at the next `TY` has no `ER`: it is skipped with the line it starts on, and reading goes on.
/// Names are `Family, Given` (also without a space after the comma); a name without a comma
/// whose last word is initials (`Fanning E.`) is read as family and initials, otherwise it goes
/// through `NameParser`.
public struct RISReader: RecordReader {
    public static let format = InputFormat.ris
    public static let extensions = ["ris"]

    public init(options: ReaderOptions) {}

    /// A `TY  - ` line within the first 64 KB, before any other tag line.
    public static func sniff(_ document: SourceDocument) -> Bool {
        document.sniffLines { buf, lines -> Bool in
            while let l = lines.next() {
                guard let tag = tag(buf, l) else { continue }
                return tag == "TY"
            }
            return false
        }
    }

    /// The tag of a tag line (`TY  - …`, `ER  -`), else nil.
    static func tag(_ b: UnsafeBufferPointer<UInt8>, _ l: TextLines.Line) -> String? {
        guard l.count >= 5 else { return nil }
        let s = l.start
        let c0 = b[s], c1 = b[s + 1]
        guard c0 >= 0x41 && c0 <= 0x5A, (c1 >= 0x41 && c1 <= 0x5A) || (c1 >= 0x30 && c1 <= 0x39),
              b[s + 2] == 0x20, b[s + 3] == 0x20, b[s + 4] == UInt8(ascii: "-"),
              l.count == 5 || b[s + 5] == 0x20 else { return nil }
        return String(decoding: [c0, c1], as: UTF8.self)
    }

    /// The tags a record is made of; the others (keywords, pages, notes …) are passed over unread.
    static let used: Set<String> = ["TY", "ER", "ID", "TI", "T1", "AU", "A1", "PY", "Y1", "DA", "T2", "JF", "JO", "JA",
                                    "J2", "DO", "UR", "AB", "N2"]

    static let layout = TaggedLineFormat(tag: RISReader.tag, valueOffset: 6, used: RISReader.used,
                                         indentedContinuations: false)

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        try RISReader.layout.readRecords(document, kind: "RIS", start: "TY", end: "ER", into: sink) {
            try RISReader.emit($0, file: document.name, sink: sink)
        }
    }

    static func emit(_ r: TaggedRecord, file: String, sink: RecordSink) throws {
        let location = SourceLocation(file: file, line: r.startLine)
        var authors: [AuthorName] = []
        for f in r.fields where f.tag == "AU" || f.tag == "A1" {
            let value = f.value
            guard !value.isEmpty else { continue }
            guard let name = ReaderSupport.parseInitialsLastOrPlain(value), JSONLinesReader.hasLetterOrDigit(name) else {
                sink.warn(location, "\(f.tag) \"\(value)\" has no letters or digits; not an author")
                continue
            }
            authors.append(name)
        }
        var date: PaperDate?
        var year: Int?
        for tag in ["PY", "Y1", "DA"] {
            guard let v = r.first(tag) else { continue }
            if let d = ReaderSupport.numericDate(v) { date = d; year = d.year; break }
            if let y = ReaderSupport.firstYear(v) { year = y; break }
        }
        if let d = date, d.month == nil { date = nil }
        let url = r.first("UR").flatMap { u in
            u.split(whereSeparator: { $0 == ";" || $0 == " " }).first.map(String.init)
        }
        let record = PaperRecord(
            id: r.first("ID") ?? "line \(r.startLine)", title: r.first("TI", "T1") ?? "", authors: authors,
            year: year, date: date, venue: r.first("T2", "JF", "JO", "JA", "J2"), category: r.first("TY"),
            doi: r.first("DO").flatMap(ReaderSupport.bareDOI), url: url, abstract: r.first("AB", "N2"),
            source: location)
        try sink.emit(record)
    }
}
