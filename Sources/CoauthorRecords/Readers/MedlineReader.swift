import CoauthorModel

/// Reads PubMed's MEDLINE text format (PubMed "Save" → PubMed format, `.nbib`, `efetch
/// rettype=medline`): one record per article, each starting with `PMID-`, records separated by a
/// blank line.
///
///     PMID- 30922926                          ← the record's id
///     DP  - 2020 Feb                          ← year, month (day when given: `2023 Apr 25`)
///     TI  - Time lapse: A glimpse into prehistoric genomics.
///           continued on lines indented by six spaces
///     AB  - …                                 ← abstract
///     FAU - Griffin, Darren K                 ← an author (full name)
///     AU  - Griffin DK                        ← the same author abbreviated (used when no FAU)
///     AUID- ORCID: 0000-0001-8312-6087        ← that author's ORCID
///     AD  - Dept. of X, Univ. of Y, City, UK.  ← that author's affiliation (one line per address)
///     CN  - SYGMA 1 Investigators             ← a group author: kept as such, not a person
///     PT  - Journal Article                   ← the first is the category
///     TA  - Eur J Med Genet                   ← journal abbreviation
///     JT  - European journal of medical genetics   ← venue (JT, else TA, as the PubMed XML reader)
///     AID - 10.1016/j.ejmg.2019.03.004 [doi]  ← DOI (also from LID)
///
/// A tag is up to four characters, padded with spaces, then `- `. An author is a `FAU` line with
/// the `AU` and `AUID` lines that follow it (an `AU` without a `FAU` before it is an author of its
/// own, read as "Family Initials"). `IR`/`FIR` (investigators) are not authors. Text before the
/// first `PMID-` is passed over. Names are `Family, Given` (`NameParser`).
public struct MedlineReader: RecordReader {
    public static let format = InputFormat.medline
    public static let extensions = ["nbib", "medline"]
    public static let claimsByContent = ["txt"]

    public init(options: ReaderOptions) {}

    /// The first line with content starts with `PMID-`.
    public static func sniff(_ document: SourceDocument) -> Bool {
        document.sniffLines { buf, lines -> Bool in
            while let l = lines.next() {
                var s = l.start
                while s < l.end, buf[s] == 0x20 || buf[s] == 0x09 { s += 1 }
                if s == l.end { continue }
                return s == l.start && buf.has("PMID-", at: s)
            }
            return false
        }
    }

    /// The tag of a line `TAG - value` (tag of 2–4 characters padded to four), else nil.
    static func tag(_ b: UnsafeBufferPointer<UInt8>, _ l: TextLines.Line) -> String? {
        guard l.count >= 5, b[l.start + 4] == UInt8(ascii: "-"), l.count == 5 || b[l.start + 5] == 0x20 else { return nil }
        var e = l.start
        while e < l.start + 4 {
            let c = b[e]
            guard (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) else { break }
            e += 1
        }
        guard e - l.start >= 2 else { return nil }
        for k in e..<(l.start + 4) where b[k] != 0x20 { return nil }
        return b.string(l.start, e)
    }

    /// The tags a record is made of; the others (MeSH terms, history …) are passed
    /// over unread.
    static let used: Set<String> = ["PMID", "DP", "TI", "BTI", "AB", "FAU", "AU", "AUID", "AD", "CN", "PT", "TA", "JT", "AID", "LID"]

    static let layout = TaggedLineFormat(tag: MedlineReader.tag, valueOffset: 6, used: MedlineReader.used,
                                         indentedContinuations: true)

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        let file = document.name
        let last = try MedlineReader.layout.read(document) { t, value, line, open in
            if t == "PMID" {
                if let r = open { try MedlineReader.emit(r, file: file, sink: sink) }
                open = TaggedRecord(startLine: line, tag: "PMID", value: value)
            } else {
                open?.append(t, value)
            }
            return true
        }
        if let r = last { try MedlineReader.emit(r, file: file, sink: sink) }
    }

    static func emit(_ r: TaggedRecord, file: String, sink: RecordSink) throws {
        let location = SourceLocation(file: file, line: r.startLine)
        // Authors: FAU starts one; the AU and AUID after it belong to it.
        struct Author { var full: String?; var short: String?; var orcid: String?; var addresses: [String] = [] }
        var list: [Author] = []
        var groups: [String] = []
        var lastStartedByFAU = false
        for f in r.fields {
            let tag = f.tag, value = f.value
            switch tag {
            case "FAU":
                list.append(Author(full: value))
                lastStartedByFAU = true
            case "AU":
                if lastStartedByFAU, list.last?.short == nil {
                    list[list.count - 1].short = value
                } else {
                    list.append(Author(short: value))
                    lastStartedByFAU = false
                }
            case "AUID":
                if !list.isEmpty, value.uppercased().hasPrefix("ORCID:") {
                    list[list.count - 1].orcid = String(value.dropFirst(6))
                }
            case "AD":
                if !list.isEmpty, !value.isEmpty { list[list.count - 1].addresses.append(value) }
            case "CN":
                if !value.isEmpty { groups.append(value) }
            default: continue
            }
        }
        var authors: [AuthorName] = []
        var affiliations = AffiliationCollector()
        for a in list {
            let parsed: AuthorName?
            if let f = a.full, !f.isEmpty { parsed = NameParser.parse(f) }
            else if let s = a.short, !s.isEmpty { parsed = ReaderSupport.parseInitialsLastOrPlain(s) }
            else { parsed = nil }
            guard var name = parsed, JSONLinesReader.hasLetterOrDigit(name) else {
                sink.warn(location, "author \"\(a.full ?? a.short ?? "")\" has no letters or digits; not an author")
                continue
            }
            if let o = a.orcid {
                if let id = PersistentID.orcid(normalizing: o) {
                    name.ids = [id]
                } else {
                    sink.warn(location, "AUID \"\(o.trimmingSpaces())\" is not a valid ORCID iD; ignored")
                }
            }
            for t in a.addresses { affiliations.link(author: authors.count, Affiliation(name: t)) }
            authors.append(name)
        }
        var year: Int?
        var date: PaperDate?
        if let dp = r.first("DP") {
            year = ReaderSupport.firstYear(dp)
            let parts = dp.split(separator: " ")
            if let y = year, parts.count >= 2, parts[0].utf8.count == 4, parts[1].count == 3,
               let m = ReaderSupport.monthNumber(parts[1]) {
                date = PaperDate(year: y, month: m)
                if parts.count >= 3, let d = ReaderSupport.smallNumber(parts[2]),
                   d >= 1, d <= ProfilePageReader.daysIn(month: m, year: y) { date!.day = d }
            }
        }
        var doi: String?
        for f in r.fields where (f.tag == "AID" || f.tag == "LID") && f.value.hasSuffix("[doi]") {
            let value = f.value
            doi = ReaderSupport.bareDOI(String(value.dropLast(5)))
            if doi != nil { break }
        }
        var record = PaperRecord(
            id: r.first("PMID") ?? "line \(r.startLine)", title: r.first("TI", "BTI") ?? "", authors: authors,
            year: year, date: date, venue: r.first("JT", "TA"), category: r.first("PT"), doi: doi,
            abstract: r.first("AB"), groupAuthors: groups, nativeID: r.first("PMID").flatMap(NativePaperID.pmid),
            source: location)
        affiliations.apply(to: &record)
        try sink.emit(record)
    }
}
