import CoauthorModel

/// Reads Scopus CSV exports ("Export" → CSV), recognised by their header whatever the extension
/// says: a header naming `Authors`, `Author(s) ID` and `EID` (the columns Scopus always writes).
///
/// Both layouts in use are read:
/// - older (to about 2022): `Authors,Author(s) ID,Title,Year,…` with authors as `Phillips J.C.,
///   Braun R.` (comma-separated), ids as `57202138757;7402220509;` and a comma after the last field
///   of every row;
/// - newer: every field quoted, authors `Liu F.; Li C.`, `Author full names` as `Liu, Fengyuan
///   (60410297700); …` and ids `60410297700; 58862216200`.
///
/// | field       | column                                                             |
/// |-------------|--------------------------------------------------------------------|
/// | id          | `EID` (default `row N`)                                            |
/// | authors     | `Author full names` (names and ids), else `Authors`                |
/// | author ids  | `Author(s) ID`, in author order → `PersistentID(.scopus)`          |
/// | affiliations| `Authors with affiliations`: `Name, Address; Name, Address` (older: `Family, I.,` newer: `Family I.,`), each entry linked to the author it names (the next author in byline order with that name); an author with two addresses in one entry (`…, Poland, Department …`) has them split after the country; without that column, `Affiliations` of a one-author paper, else kept unlinked for the paper; `Correspondence Address` links each corresponding author still without an address (`ScopusAddresses`) |
/// | title, year, venue (`Source title`), doi, url (`Link`), abstract, category (`Document Type`) | as named |
///
/// Rows are split as `DelimitedReader` splits them (RFC 4180). A record with more funding texts
/// than the header's `Funding Text 1` has the extra ones as extra columns after it (the older
/// layout of `litstudy_scopus.csv`: 56 of its 58 rows have 46 fields under a header of 45); they
/// are dropped, so that the columns after them line up. A row whose year is not a number, or whose
/// fields still do not line up, is skipped with its line.
public struct ScopusReader: RecordReader {
    public static let format = InputFormat.scopus
    public static let extensions: [String] = []
    public static let claimsByContent = ["csv", "txt"]

    /// The header and the data rows read so far, kept from piece to piece of one input.
    let table = PieceState((header: DelimitedReader.Row?.none, rowNumber: 0))

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        document.withSniffBytes { head -> Bool in
            var t = DelimitedReader.Tokenizer(head, delimiter: UInt8(ascii: ","))
            while let row = t.next() {
                if row.isEmpty { continue }
                let names = Set(row.fields.map { $0.trimmingSpaces().lowercased() })
                return names.contains("authors") && names.contains("author(s) id") && names.contains("eid")
            }
            return false
        }
    }

    /// Column indices by lower-cased header name.
    struct Header {
        let index: [String: Int]
        init(_ fields: [String]) {
            var index: [String: Int] = [:]
            for (i, f) in fields.enumerated() { index[f.trimmingSpaces().lowercased()] = index[f.trimmingSpaces().lowercased()] ?? i }
            self.index = index
        }
        func value(_ name: String, _ row: [String]) -> String? {
            guard let i = index[name], i < row.count else { return nil }
            let v = row[i].trimmingSpaces()
            return v.isEmpty ? nil : v
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        if document.pieceIndex == 0 { table.value = (nil, 0) }
        var headerRow = table.value.header, rowNumber = table.value.rowNumber
        defer { table.value = (headerRow, rowNumber) }
        var header = headerRow.map { Header($0.fields) }
        try DelimitedReader.forEachRow(document, delimiter: UInt8(ascii: ","), header: &headerRow, rowNumber: &rowNumber,
                                       sink: sink, onHeader: { _, _ in }) { row, headerLine, location, rowNumber in
            let width = headerLine.fields.count
            let h: Header
            if let header { h = header } else { h = Header(headerLine.fields); header = h }
            if row.fields.count > width, let f = h.index["funding text 1"] {
                // A record with more funding texts than the header names has them as extra
                // columns after `Funding Text 1` (`Funding Text 2`, …): not read.
                row.fields.removeSubrange((f + 1)...(f + row.fields.count - width))
            }
            guard row.fields.count == width else {
                try sink.skip(location, "row has \(row.fields.count) fields, the header has \(width)")
                return
            }
            var year: Int?
            if let y = h.value("year", row.fields) {
                guard let n = Int(y), y.utf8.count <= 9 else { try sink.skip(location, "year \"\(y)\" is not a number"); return }
                year = n
            }
            var warnings: [String] = []
            let record = ScopusReader.record(row.fields, header: h, rowNumber: rowNumber, year: year,
                                             location: location, warnings: &warnings)
            for w in warnings { sink.warn(location, w) }
            try sink.emit(record)
        }
    }

    static func record(_ row: [String], header h: Header, rowNumber: Int, year: Int?, location: SourceLocation,
                       warnings: inout [String]) -> PaperRecord {
        // Authors: full names with ids in parentheses (newer), else the short names.
        var authors: [AuthorName] = []
        var shortNames: [String] = []
        let short = h.value("authors", row) ?? ""
        let shortSeparator = short.contains(";") ? ";" : ","
        shortNames = short.split(separator: Character(shortSeparator)).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        if shortNames.count == 1, shortNames[0].lowercased() == "[no author name available]" { shortNames = [] }
        if let full = h.value("author full names", row) {
            for part in full.split(separator: ";") {
                var text = part.trimmingSpaces()
                var id: String?
                if text.hasSuffix(")"), let open = text.lastIndex(of: "(") {
                    let inner = text[text.index(after: open)..<text.index(before: text.endIndex)]
                    if !inner.isEmpty, inner.allSatisfy(\.isNumber) {
                        id = String(inner)
                        text = text[..<open].trimmingSpaces()
                    }
                }
                guard var name = NameParser.parse(text), JSONLinesReader.hasLetterOrDigit(name) else { continue }
                if let id { name.ids = [PersistentID(.scopus, id)] }
                authors.append(name)
            }
        } else {
            for s in shortNames {
                guard let name = ReaderSupport.parseInitialsLastOrPlain(s), JSONLinesReader.hasLetterOrDigit(name) else {
                    warnings.append("author \"\(s)\" has no letters or digits; not an author")
                    continue
                }
                authors.append(name)
            }
        }
        if let ids = h.value("author(s) id", row) {
            let list = ids.split(separator: ";").map { $0.trimmingSpaces() }.filter { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
            if list.count == authors.count {
                for (i, id) in list.enumerated() where authors[i].ids.isEmpty {
                    authors[i].ids = [PersistentID(.scopus, id)]
                }
            } else if !list.isEmpty {
                warnings.append("\(list.count) author ids for \(authors.count) authors; ids not used")
            }
        }
        // Affiliations.
        var affiliations = AffiliationCollector()
        if let awa = h.value("authors with affiliations", row) {
            var lookup: [String: [Int]] = [:]
            let forms = shortNames.count == authors.count ? shortNames : authors.map(\.raw)
            for (i, s) in forms.enumerated() { lookup[CountryTable.fold(s), default: []].append(i) }
            var next = 0
            for entry in awa.components(separatedBy: "; ") {
                let parts = entry.components(separatedBy: ", ")
                var matched: (author: Int, rest: Int)?
                for k in [2, 1] where parts.count > k && matched == nil {
                    guard let candidates = lookup[CountryTable.fold(parts[0..<k].joined(separator: " "))] else { continue }
                    let i = candidates.first(where: { $0 >= next }) ?? candidates[0]
                    matched = (author: i, rest: k)
                }
                guard let m = matched else {
                    for a in splitAfterCountry(parts) { affiliations.add(Affiliation(name: a)) }
                    continue
                }
                next = m.author + 1
                for a in splitAfterCountry(Array(parts[m.rest...])) { affiliations.link(author: m.author, Affiliation(name: a)) }
            }
        } else if let affs = h.value("affiliations", row) {
            ScopusAddresses.addPaperAffiliations(affs, authorCount: authors.count, into: &affiliations)
        }
        if let c = h.value("correspondence address", row) {
            ScopusAddresses.linkCorrespondents(c, authors: authors, into: &affiliations)
        }
        var record = PaperRecord(
            id: h.value("eid", row) ?? "row \(rowNumber)", title: h.value("title", row) ?? "",
            authors: authors, year: year, venue: h.value("source title", row),
            category: h.value("document type", row), doi: h.value("doi", row),
            url: h.value("link", row), abstract: h.value("abstract", row), source: location)
        affiliations.apply(to: &record)
        return record
    }

    /// The comma-separated parts of one author's addresses, cut after each part that names a
    /// country when more follows (`…, Zabrze, 41-800, Poland, Department of …, Poland` → two).
    static func splitAfterCountry(_ parts: [String]) -> [String] {
        var out: [String] = []
        var current: [String] = []
        for (k, p) in parts.enumerated() {
            current.append(p)
            if k < parts.count - 1, CountryTable.shared.isCountryName(p) {
                out.append(current.joined(separator: ", ").trimmingSpaces())
                current = []
            }
        }
        if !current.isEmpty { out.append(current.joined(separator: ", ").trimmingSpaces()) }
        return out.filter { !$0.isEmpty }
    }
}
