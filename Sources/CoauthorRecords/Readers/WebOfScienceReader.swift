/// Reads Web of Science plain-text exports ("Other file formats" → Plain text; also `.ciw`):
///
///     FN Clarivate Analytics Web of Science   ← header (Thomson Reuters in older exports)
///     VR 1.0
///     PT J                                    ← starts a record (J journal, B book, S series, P patent)
///     AU Parkes-Loach, PS                     ← authors, one per line: the tag line and lines
///        Majeed, AP                              indented by three spaces continuing it
///     AF Parkes-Loach, Paula S.               ← full names: preferred over AU when present
///     CA SYGMA 1 Investigators                ← group authors: kept as such, not persons
///     TI Interactions stabilizing the structure of the core light-harvesting
///        complex (LHl) of photosynthetic bacteria   ← other tags: continuation lines joined
///     SO BIOCHEMISTRY                         ← venue
///     DT Article                              ← category (else PT)
///     PY 2004                                 ← year; PD `JUN 8` adds month and day
///     DI 10.1021/bi049798f                    ← DOI
///     UT WOS:000221807500019                  ← the record's id (default `line N`)
///     AB …
///     ER                                      ← ends the record
///     EF                                      ← end of file
///
/// A record still open at the next `PT` or at the end of the file has no `ER`: it is skipped with
/// the line it starts on. Names are `Family, Given` (`NameParser`).
///
/// Detection: the extension `.ciw`, or by content: a first line `FN …` followed by `VR …`, or a
/// first line `PT J` (any type letter) with an `ER` line in the first 64 KB. The content test wins
/// over the `.ris` and `.txt` extensions (`claimsByContent`): Web of Science exports are often
/// saved as `.ris` although they are not RIS (its tags are followed by two spaces and a hyphen;
/// these by one space), as `example_wos.ris` in the shared data is.
public struct WebOfScienceReader: RecordReader {
    public static let format = InputFormat.wos
    public static let extensions = ["ciw"]
    public static let claimsByContent = ["ris", "txt"]

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        document.bytes.withUnsafeBufferPointer { buf -> Bool in
            var lines = TextLines(UnsafeBufferPointer(rebasing: buf[0..<min(buf.count, 65_536)]))
            var first: TextLines.Line?
            while let l = lines.next() {
                if l.count == 0 { continue }
                guard let f = first else {
                    first = l
                    if buf.has("FN ", at: l.start) { continue }
                    guard buf.has("PT ", at: l.start), l.count == 4 else { return false }
                    continue
                }
                if buf.has("FN ", at: f.start) { return buf.has("VR ", at: l.start) }
                if l.count == 2, buf.has("ER", at: l.start) { return true }
            }
            return false
        }
    }

    /// The tag of a line `XX value` / `ER` / `EF`; nil for a continuation or other line.
    static func tag(_ b: UnsafeBufferPointer<UInt8>, _ l: TextLines.Line) -> String? {
        guard l.count >= 2 else { return nil }
        let c0 = b[l.start], c1 = b[l.start + 1]
        guard c0 >= 0x41 && c0 <= 0x5A, (c1 >= 0x41 && c1 <= 0x5A) || (c1 >= 0x30 && c1 <= 0x39),
              l.count == 2 || b[l.start + 2] == 0x20 else { return nil }
        return String(decoding: [c0, c1], as: UTF8.self)
    }

    /// The tags a record is made of; the others (cited references, addresses, keywords …) are
    /// passed over unread.
    static let used: Set<String> = ["PT", "ER", "EF", "AU", "AF", "CA", "TI", "SO", "DT", "PD", "PY", "DI", "UT", "AB"]

    /// Tags whose continuation lines are further values (one author per line), not more text.
    static let listTags: Set<String> = ["AU", "AF", "BA", "BF", "CA", "GP", "BE", "CR", "C1", "ED"]

    static let layout = TaggedLineFormat(tag: WebOfScienceReader.tag, valueOffset: 3, used: WebOfScienceReader.used,
                                         listTags: WebOfScienceReader.listTags, indentedContinuations: true)

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        try WebOfScienceReader.layout.readRecords(document, kind: "Web of Science", start: "PT", end: "ER", stop: "EF", into: sink) {
            try WebOfScienceReader.emit($0, file: document.name, sink: sink)
        }
    }

    static func emit(_ r: TaggedRecord, file: String, sink: RecordSink) throws {
        let location = SourceLocation(file: file, line: r.startLine)
        let full = r.list("AF"), short = r.list("AU")
        let names = full.isEmpty ? short : full
        var authors: [AuthorName] = []
        for n in names {
            guard let name = NameParser.parse(n), JSONLinesReader.hasLetterOrDigit(name) else {
                sink.warn(location, "author \"\(n)\" has no letters or digits; not an author")
                continue
            }
            authors.append(name)
        }
        let year = r.first("PY").flatMap { ReaderSupport.firstYear($0) }
        var date: PaperDate?
        if let y = year, let pd = r.first("PD") {
            let parts = pd.split(separator: " ")
            if let m = parts.first.flatMap({ $0.count == 3 ? ReaderSupport.monthNumber($0) : nil }) {
                date = PaperDate(year: y, month: m)
                if parts.count > 1, let d = ReaderSupport.smallNumber(parts[1]),
                   d >= 1, d <= ProfilePageReader.daysIn(month: m, year: y) { date!.day = d }
            }
        }
        let record = PaperRecord(
            id: r.first("UT") ?? "line \(r.startLine)", title: r.first("TI") ?? "", authors: authors,
            year: year, date: date, venue: r.first("SO"), category: r.first("DT", "PT"),
            doi: r.first("DI").flatMap(ReaderSupport.bareDOI), abstract: r.first("AB"),
            groupAuthors: r.list("CA"), source: location)
        try sink.emit(record)
    }
}
