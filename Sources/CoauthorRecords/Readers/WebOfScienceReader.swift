import CoauthorModel

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
///     C1 [Bruna, Emilio M.; Scott, Eric R.] Univ Florida, Dept Wildlife Ecol, Gainesville, FL USA.
///        [Uriarte, Maria] Columbia Univ, New York, NY USA.   ← addresses and the authors at each
///     RP Bruna, EM (corresponding author), Univ Florida, …  ← used when there is no C1
///     OI Bruna, Emilio/0000-0003-3381-8477; …  ← ORCIDs of authors (matched by name)
///     RI Bruna, Emilio/H-2769-2012; …          ← ResearcherIDs (`researcherid:`), or ORCIDs
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

    /// `EF` was met in an earlier piece of the input.
    let stopped = PieceState(false)

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        document.sniffLines { buf, lines -> Bool in
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
    static let used: Set<String> = ["PT", "ER", "EF", "AU", "AF", "CA", "TI", "SO", "DT", "PD", "PY", "DI", "UT", "AB",
                                    "C1", "RP", "OI", "RI"]

    /// Tags whose continuation lines are further values (one author per line), not more text.
    static let listTags: Set<String> = ["AU", "AF", "BA", "BF", "CA", "GP", "BE", "CR", "C1", "ED"]

    static let layout = TaggedLineFormat(tag: WebOfScienceReader.tag, valueOffset: 3, used: WebOfScienceReader.used,
                                         listTags: WebOfScienceReader.listTags, indentedContinuations: true)

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        try WebOfScienceReader.layout.readRecords(document, kind: "Web of Science", start: "PT", end: "ER", stop: "EF",
                                                          stopped: stopped, into: sink) {
            try WebOfScienceReader.emit($0, file: document.name, sink: sink)
        }
    }

    static func emit(_ r: TaggedRecord, file: String, sink: RecordSink) throws {
        let location = SourceLocation(file: file, line: r.startLine)
        let full = r.list("AF"), short = r.list("AU")
        let names = full.isEmpty ? short : full
        var authors: [AuthorName] = []
        // The name forms each author is written in (AF, AU) → the author's index.
        var byName = AuthorLookup()
        for (k, n) in names.enumerated() {
            guard let name = NameParser.parse(n), JSONLinesReader.hasLetterOrDigit(name) else {
                sink.warn(location, "author \"\(n)\" has no letters or digits; not an author")
                continue
            }
            byName.add(n, name, index: authors.count)
            if !full.isEmpty, full.count == short.count { byName.add(short[k], NameParser.parse(short[k]), index: authors.count) }
            authors.append(name)
        }
        var affiliations = AffiliationCollector()
        let groups = addressGroups(r.list("C1"))
        for g in groups {
            let a = Affiliation(name: g.address)
            if g.authors.isEmpty { affiliations.add(a); continue }
            for n in g.authors {
                if let i = byName.index(of: n) { affiliations.link(author: i, a) } else {
                    sink.warn(location, "C1 names \"\(n)\", who is not among the authors; address kept for the paper")
                    affiliations.add(a)
                }
            }
        }
        if groups.isEmpty, let rp = r.first("RP") {
            for g in reprintAddresses(rp) {
                if let n = g.authors.first, let i = byName.index(of: n) { affiliations.link(author: i, Affiliation(name: g.address)) }
                else { affiliations.add(Affiliation(name: g.address)) }
            }
        }
        for tag in ["OI", "RI"] {
            guard let text = r.first(tag) else { continue }
            for entry in researcherIDs(text) {
                let id: PersistentID
                if let o = PersistentID.orcid(normalizing: entry.id) { id = o }
                else if tag == "RI" { id = PersistentID(.researcherid, entry.id) }
                else {
                    sink.warn(location, "OI \"\(entry.id)\" of \(entry.name) is not a valid ORCID iD; ignored")
                    continue
                }
                guard let i = byName.index(of: entry.name) else { continue }
                if !authors[i].ids.contains(id) { authors[i].ids.append(id) }
            }
        }
        // An ORCID is the primary id when an author has both.
        for i in authors.indices where authors[i].ids.count > 1 { authors[i].ids.sort { ($0.kind == .orcid ? 0 : 1) < ($1.kind == .orcid ? 0 : 1) } }
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
        var record = PaperRecord(
            id: r.first("UT") ?? "line \(r.startLine)", title: r.first("TI") ?? "", authors: authors,
            year: year, date: date, venue: r.first("SO"), category: r.first("DT", "PT"),
            doi: r.first("DI").flatMap(ReaderSupport.bareDOI), abstract: r.first("AB"),
            groupAuthors: r.list("CA"), source: location)
        affiliations.apply(to: &record)
        try sink.emit(record)
    }

    /// A tab-delimited export's header: the tags `PT`, `AU`, `UT` and `C1` among its columns.
    static func isTabDelimitedHeader(_ fields: [String]) -> Bool {
        let tags = Set(fields.map { $0.trimmingSpaces() })
        return tags.contains("PT") && tags.contains("AU") && tags.contains("UT") && tags.contains("C1")
    }

    /// A row of the tab-delimited export as the record the tagged export would hold: each column a
    /// tag, the author lists (`AU`, `AF`, `CA`) split at `;`, `C1` kept whole (`addressGroups` splits it).
    static func taggedRecord(header: [String], row: [String], line: Int) -> TaggedRecord {
        var r = TaggedRecord(startLine: line, tag: "PT", value: "")
        r.fields.removeAll()
        for (i, name) in header.enumerated() where i < row.count {
            let tag = name.trimmingSpaces()
            guard used.contains(tag) else { continue }
            let value = ReaderSupport.collapse(row[i])
            if ["AU", "AF", "CA"].contains(tag) {
                let parts = value.split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                r.fields.append(TaggedRecord.Field(tag: tag, values: parts))
            } else {
                r.fields.append(TaggedRecord.Field(tag: tag, values: [value]))
            }
        }
        return r
    }

    /// An address and the authors the source lists at it (none: the address names no authors).
    struct AddressGroup: Equatable {
        var authors: [String]
        var address: String
    }

    /// `C1` values: `[Family, Given; Family, Given] Address` groups, one per line in the plain-text
    /// export and joined by `; ` in the tab-delimited one. An address without brackets (older
    /// exports) names no authors; several of them are separated by `; `. A final `.` is dropped.
    /// - Complexity: O(length of the values).
    static func addressGroups(_ values: [String]) -> [AddressGroup] {
        var out: [AddressGroup] = []
        for v in values {
            var rest = Substring(v)
            while true {
                rest = rest.drop { $0 == " " || $0 == ";" }
                guard !rest.isEmpty else { break }
                var authors: [String] = []
                if rest.first == "[", let close = rest.firstIndex(of: "]") {
                    authors = rest[rest.index(after: rest.startIndex)..<close].split(separator: ";")
                        .map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
                    rest = rest[rest.index(after: close)...]
                }
                let end = rest.range(of: authors.isEmpty ? "; " : "; [")?.lowerBound ?? rest.endIndex
                var address = rest[..<end].trimmingSpaces()
                if address.hasSuffix(".") { address.removeLast() }
                if !address.isEmpty { out.append(AddressGroup(authors: authors, address: address)) }
                rest = rest[end...]
            }
        }
        return out
    }

    /// `RP`: `Family, XY (corresponding author), Address.; Family, XY (corresponding author), …`
    /// (`reprint author` in older exports) → one group per address, with its author.
    static func reprintAddresses(_ text: String) -> [AddressGroup] {
        var out: [AddressGroup] = []
        for marker in [" (corresponding author), ", " (reprint author), "] where text.contains(marker) {
            let parts = text.components(separatedBy: marker)
            // parts: name0 | address0; name1 | address1; name2 | …
            var name = parts[0].trimmingSpaces()
            for k in 1..<parts.count {
                var address = parts[k]
                var next = ""
                if k + 1 < parts.count, let cut = address.range(of: "; ", options: .backwards) {
                    next = String(address[cut.upperBound...])
                    address = String(address[..<cut.lowerBound])
                }
                address = address.trimmingSpaces()
                if address.hasSuffix(".") { address.removeLast() }
                if !address.isEmpty { out.append(AddressGroup(authors: [name], address: address)) }
                name = next.trimmingSpaces()
            }
            return out
        }
        var address = text.trimmingSpaces()
        if address.hasSuffix(".") { address.removeLast() }
        return address.isEmpty ? [] : [AddressGroup(authors: [], address: address)]
    }

    /// A name and an id of `OI`/`RI`.
    struct ResearcherEntry: Equatable {
        var name: String
        var id: String
    }

    /// `OI`/`RI`: `Family, Given/ID; Family, Given/ID` (the id after the last `/`).
    static func researcherIDs(_ text: String) -> [ResearcherEntry] {
        text.split(separator: ";").compactMap { part in
            guard let slash = part.lastIndex(of: "/") else { return nil }
            let name = part[..<slash].trimmingSpaces(), id = part[part.index(after: slash)...].trimmingSpaces()
            return name.isEmpty || id.isEmpty ? nil : ResearcherEntry(name: name, id: id)
        }
    }

    /// Finds an author by the name a `C1` group, `RP` or `OI`/`RI` writes: the exact text, else the
    /// folded text (letters and digits, lower case), else the folded family name with the first
    /// letter of the given names when exactly one author has it.
    struct AuthorLookup {
        private var exact: [String: Int] = [:]
        private var folded: [String: Int] = [:]
        private var familyInitial: [String: Int] = [:]
        private var ambiguous: Set<String> = []

        mutating func add(_ text: String, _ name: AuthorName?, index: Int) {
            if exact[text] == nil { exact[text] = index }
            let f = AuthorLookup.fold(text)
            if folded[f] == nil { folded[f] = index }
            if let k = name.flatMap(AuthorLookup.familyInitialKey) {
                if let j = familyInitial[k], j != index { ambiguous.insert(k) } else { familyInitial[k] = index }
            }
        }

        func index(of text: String) -> Int? {
            if let i = exact[text] ?? folded[AuthorLookup.fold(text)] { return i }
            guard let k = NameParser.parse(text).flatMap(AuthorLookup.familyInitialKey), !ambiguous.contains(k) else { return nil }
            return familyInitial[k]
        }

        static func fold(_ s: String) -> String {
            String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { $0.properties.isAlphabetic || $0.properties.numericType != nil }))
        }

        static func familyInitialKey(_ n: AuthorName) -> String? {
            guard let f = n.family, let g = n.given?.first else { return nil }
            return fold(f) + "|" + fold(String(g))
        }
    }
}
