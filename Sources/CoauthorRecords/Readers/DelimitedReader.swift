import CoauthorModel

/// Reads delimiter-separated tables with a header row: `DelimitedReader.CSV` and `DelimitedReader.TSV`.
///
/// Parsing follows RFC 4180 (for both delimiters): a field that starts with `"` is quoted, may hold
/// delimiters and line breaks, and writes a quote as `""`; rows end with LF or CRLF. The first
/// non-empty row is the header. Columns are matched case-insensitively, by the names in
/// `ReaderOptions` when given (a missing one is an error) or else by the first built-in candidate
/// present:
///
/// | field    | candidates                                     |
/// |----------|------------------------------------------------|
/// | title    | `title`, `article title`, `ti`                 |
/// | authors  | `authors`, `author`, `author/s` (Lens.org), `author full names`, `au` (required) |
/// | year     | `year`, `publication year`, `py`               |
/// | id       | `id`, `key`, `lens id` (default `row N`, N counting non-empty data rows) |
/// | doi      | `doi`, `di`                                    |
/// | venue    | `venue`, `journal`, `source title`, `so`       |
/// | url      | `url`                                          |
/// | abstract | `abstract`, `ab`                               |
///
/// A Web of Science tab-delimited export (a TSV header with `PT`, `AU`, `UT` and `C1`) is read as
/// the Web of Science reader reads the tagged export, each column a tag (`WebOfScienceReader`).
///
/// Authors are split on `ReaderOptions.authorSeparator` (default `;`) and each part goes through
/// `NameParser`; a row with one field more than the header whose last field is empty is read
/// (some exports end each row with a delimiter); a final `et al.` part marks the list as truncated, and a name without a letter or
/// digit (`—`) is left out with a warning. A row with the wrong number of
/// fields, an unterminated quote or a year that is not a number is skipped (`FILE:LINE` of the
/// line the row starts on) and reading goes on; rows with only empty fields are ignored.
public enum DelimitedReader {
    /// Comma-separated values.
    public struct CSV: RecordReader {
        public static let format = InputFormat.csv
        public static let extensions = ["csv"]
        let options: ReaderOptions
        let table = PieceState(Table())
        public init(options: ReaderOptions) { self.options = options }
        public static func sniff(_ document: SourceDocument) -> Bool {
            DelimitedReader.sniff(document, delimiter: UInt8(ascii: ","))
        }
        public func read(_ document: SourceDocument, into sink: RecordSink) throws {
            try DelimitedReader.read(document, delimiter: UInt8(ascii: ","), options: options, table: table, into: sink)
        }
    }

    /// Tab-separated values.
    public struct TSV: RecordReader {
        public static let format = InputFormat.tsv
        public static let extensions = ["tsv", "tab"]
        let options: ReaderOptions
        let table = PieceState(Table())
        public init(options: ReaderOptions) { self.options = options }
        public static func sniff(_ document: SourceDocument) -> Bool {
            DelimitedReader.sniff(document, delimiter: 0x09)
        }
        public func read(_ document: SourceDocument, into sink: RecordSink) throws {
            try DelimitedReader.read(document, delimiter: 0x09, options: options, table: table, into: sink)
        }
    }

    static let titleColumns = ["title", "article title", "ti"]
    static let authorsColumns = ["authors", "author", "author/s", "author full names", "au"]
    static let yearColumns = ["year", "publication year", "py"]
    // After a plain id: Lens's, then the native ids of Scopus (EID) and Web of Science (UT) exports.
    static let idColumns = ["id", "key", "lens id", "eid", "ut", "ut (unique wos id)"]
    static let doiColumns = ["doi", "di"]
    static let venueColumns = ["venue", "journal", "source title", "so"]
    static let urlColumns = ["url"]
    static let abstractColumns = ["abstract", "ab"]

    /// One row as split by `Tokenizer`.
    struct Row {
        var fields: [String]
        /// The 1-based line the row starts on.
        var line: Int
        /// Why the row cannot be used (its fields are then incomplete).
        var error: String?

        var isEmpty: Bool { error == nil && fields.allSatisfy { $0.trimmingSpaces().isEmpty } }
    }

    /// Splits the bytes into rows (RFC 4180), keeping track of line numbers.
    struct Tokenizer {
        let buf: UnsafeBufferPointer<UInt8>
        let delimiter: UInt8
        var pos = 0
        var line = 1
        private var scratch: [UInt8] = []

        init(_ buf: UnsafeBufferPointer<UInt8>, delimiter: UInt8) {
            self.buf = buf
            self.delimiter = delimiter
        }

        /// The next row, or nil at the end of the input.
        mutating func next() -> Row? {
            let n = buf.count
            guard pos < n else { return nil }
            let rowStart = pos
            let startLine = line
            var fields: [String] = []
            while true {
                if pos < n, buf[pos] == UInt8(ascii: "\"") {
                    // Quoted field.
                    pos += 1
                    var chunk = pos
                    var escaped = false
                    scratch.removeAll(keepingCapacity: true)
                    while true {
                        guard pos < n else {
                            // No closing quote: give up on this row's first line and go on after it,
                            // so one stray quote does not swallow the rest of the file.
                            pos = rowStart
                            while pos < n, buf[pos] != 0x0A { pos += 1 }
                            if pos < n { pos += 1 }
                            line = startLine + 1
                            return Row(fields: fields, line: startLine, error: "unterminated quoted field")
                        }
                        let c = buf[pos]
                        if c == UInt8(ascii: "\"") {
                            if pos + 1 < n, buf[pos + 1] == UInt8(ascii: "\"") {
                                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[chunk...pos]))
                                pos += 2
                                chunk = pos
                                escaped = true
                                continue
                            }
                            break
                        }
                        if c == 0x0A { line += 1 }
                        pos += 1
                    }
                    if escaped {
                        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: buf[chunk..<pos]))
                        fields.append(String(decoding: scratch, as: UTF8.self))
                    } else {
                        fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[chunk..<pos]), as: UTF8.self))
                    }
                    pos += 1   // the closing quote
                    if pos == n { return Row(fields: fields, line: startLine) }
                    let c = buf[pos]
                    if c == delimiter { pos += 1; continue }
                    if c == 0x0A { pos += 1; line += 1; return Row(fields: fields, line: startLine) }
                    if c == 0x0D, pos + 1 == n || buf[pos + 1] == 0x0A {
                        pos = min(pos + 2, n)
                        line += 1
                        return Row(fields: fields, line: startLine)
                    }
                    // Text after the closing quote: the row is unusable; resume on the next line.
                    let where_ = c >= 0x21 && c <= 0x7E ? "'\(Character(Unicode.Scalar(c)))'" : "text"
                    while pos < n, buf[pos] != 0x0A { pos += 1 }
                    if pos < n { pos += 1; line += 1 }
                    return Row(fields: fields, line: startLine,
                               error: "\(where_) after the closing quote of field \(fields.count)")
                }
                // Unquoted field: up to the delimiter, the line feed or the end.
                let start = pos
                while pos < n {
                    let c = buf[pos]
                    if c == delimiter || c == 0x0A { break }
                    pos += 1
                }
                var fieldEnd = pos
                let atDelimiter = pos < n && buf[pos] == delimiter
                if !atDelimiter, fieldEnd > start, buf[fieldEnd - 1] == 0x0D { fieldEnd -= 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: buf[start..<fieldEnd]), as: UTF8.self))
                if atDelimiter { pos += 1; continue }
                if pos < n { pos += 1; line += 1 }   // the line feed
                return Row(fields: fields, line: startLine)
            }
        }
    }

    /// One row of a delimited file as the readers split it (RFC 4180): its fields, the 1-based line
    /// it starts on, and why it cannot be used (an unterminated quote), for other tables read by
    /// the same rules (gold files of `coauthor identities --score`).
    public struct Line: Sendable {
        public var fields: [String]
        public var line: Int
        public var error: String?
    }

    /// Every row of `document`, split as the readers split rows (rows of only empty fields left out).
    public static func lines(_ document: SourceDocument, delimiter: UInt8 = UInt8(ascii: ",")) -> [Line] {
        document.bytes.withUnsafeBufferPointer { buf -> [Line] in
            var t = Tokenizer(buf, delimiter: delimiter)
            var out: [Line] = []
            while let row = t.next() {
                if row.isEmpty { continue }
                out.append(Line(fields: row.fields, line: row.line, error: row.error))
            }
            return out
        }
    }

    /// The first row names an authors column (by the built-in candidates).
    static func sniff(_ document: SourceDocument, delimiter: UInt8) -> Bool {
        document.bytes.withUnsafeBufferPointer { buf -> Bool in
            var t = Tokenizer(buf, delimiter: delimiter)
            while let row = t.next() {
                if row.isEmpty { continue }
                guard row.error == nil else { return false }
                let names = row.fields.map { $0.trimmingSpaces().lowercased() }
                return names.contains(where: authorsColumns.contains)
            }
            return false
        }
    }

    /// Resolved column indices.
    struct Columns {
        var title: Int?
        var authors: Int
        var year: Int?
        var id: Int?
        var doi: Int?
        var venue: Int?
        var url: Int?
        var abstract: Int?
    }

    /// Finds the columns in the header row.
    /// - Throws: `RecordError.malformed` at the header when a column named in the options, or any
    ///   authors column, is missing.
    static func columns(_ header: [String], options: ReaderOptions, location: SourceLocation) throws -> Columns {
        let names = header.map { $0.trimmingSpaces().lowercased() }
        let listed = header.map { "\"\($0.trimmingSpaces())\"" }.joined(separator: ", ")
        func find(_ given: String?, _ candidates: [String], field: String, flag: String) throws -> Int? {
            if let g = given {
                let want = g.trimmingSpaces().lowercased()
                guard let i = names.firstIndex(of: want) else {
                    throw RecordError.malformed(location, "no \(field) column \"\(g)\" (from \(flag)); the header has \(listed)")
                }
                return i
            }
            for c in candidates { if let i = names.firstIndex(of: c) { return i } }
            return nil
        }
        guard let authors = try find(options.authorsColumn, authorsColumns, field: "authors", flag: "--authors-column") else {
            throw RecordError.malformed(location, "no authors column; looked for "
                + authorsColumns.map { "\"\($0)\"" }.joined(separator: ", ")
                + " in the header \(listed); use --authors-column")
        }
        return Columns(
            title: try find(options.titleColumn, titleColumns, field: "title", flag: "--title-column"),
            authors: authors,
            year: try find(options.yearColumn, yearColumns, field: "year", flag: "--year-column"),
            id: try find(options.idColumn, idColumns, field: "id", flag: "--id-column"),
            doi: try find(nil, doiColumns, field: "doi", flag: ""),
            venue: try find(nil, venueColumns, field: "venue", flag: ""),
            url: try find(nil, urlColumns, field: "url", flag: ""),
            abstract: try find(nil, abstractColumns, field: "abstract", flag: ""))
    }

    /// What a table's rows are read with, kept from piece to piece of one input: its header, its
    /// columns, and the data rows read so far (ids `row N`).
    struct Table {
        var header: Row?
        var columns: Columns?
        var tabbedWoS = false
        var rowNumber = 0
    }

    /// The rows of one piece of a delimited table, the one row loop of the delimited readers
    /// (`DelimitedReader`, `ScopusReader`): the first non-empty row of the input is the header
    /// (`header`, kept from piece to piece; an unreadable one is an error, `onHeader` sees it
    /// once), then `body` gets each data row with its location, `rowNumber` counting them. A row
    /// the tokenizer could not read is skipped with its error; one empty field past the header's
    /// width is dropped (some exports end every row with a delimiter: it is no field).
    /// - Complexity: O(bytes of the piece).
    static func forEachRow(_ document: SourceDocument, delimiter: UInt8, header: inout Row?, rowNumber: inout Int,
                           sink: RecordSink, onHeader: (Row, SourceLocation) throws -> Void,
                           _ body: (_ row: inout Row, _ header: Row, _ location: SourceLocation, _ rowNumber: Int) throws -> Void) throws {
        let file = document.name
        try document.bytes.withUnsafeBufferPointer { buf in
            var t = Tokenizer(buf, delimiter: delimiter)
            t.line = document.firstLine
            if header == nil {
                while let row = t.next() {
                    if row.isEmpty { continue }
                    let location = SourceLocation(file: file, line: row.line)
                    header = row
                    if let e = row.error { throw RecordError.malformed(location, "bad header row: \(e)") }
                    try onHeader(row, location)
                    break
                }
            }
            guard let headerRow = header else { return }
            let width = headerRow.fields.count
            while var row = t.next() {
                if row.isEmpty { continue }
                rowNumber += 1
                let location = SourceLocation(file: file, line: row.line)
                if let e = row.error {
                    try sink.skip(location, e)
                    continue
                }
                if row.fields.count == width + 1, row.fields.last!.isEmpty { row.fields.removeLast() }
                try body(&row, headerRow, location, rowNumber)
            }
        }
    }

    static func read(_ document: SourceDocument, delimiter: UInt8, options: ReaderOptions, table: PieceState<Table>,
                     into sink: RecordSink) throws {
        let separator = options.authorSeparator
        guard !separator.isEmpty else { throw RecordError.badOption("--author-separator must not be empty") }
        let file = document.name
        if document.pieceIndex == 0 { table.value = Table() }
        // Locals, written back however the piece ends (the closures below must not reach into `table`).
        var header = table.value.header, columns = table.value.columns
        var tabbedWoS = table.value.tabbedWoS, rowNumber = table.value.rowNumber
        defer {
            table.value.header = header; table.value.columns = columns
            table.value.tabbedWoS = tabbedWoS; table.value.rowNumber = rowNumber
        }
        try forEachRow(document, delimiter: delimiter, header: &header, rowNumber: &rowNumber, sink: sink,
                       onHeader: { row, location in
            tabbedWoS = delimiter == 0x09 && WebOfScienceReader.isTabDelimitedHeader(row.fields)
            columns = try Self.columns(row.fields, options: options, location: location)
        }) { row, header, location, rowNumber in
            guard let cols = columns else { return }
            guard row.fields.count == header.fields.count else {
                try sink.skip(location, "row has \(row.fields.count) field\(row.fields.count == 1 ? "" : "s"), "
                              + "the header has \(header.fields.count)")
                return
            }
            if tabbedWoS {
                try WebOfScienceReader.emit(WebOfScienceReader.taggedRecord(header: header.fields, row: row.fields, line: row.line),
                                            file: file, sink: sink)
                return
            }
            func value(_ i: Int?) -> String? {
                guard let i else { return nil }
                let v = row.fields[i].trimmingSpaces()
                return v.isEmpty ? nil : v
            }
            var year: Int?
            if let y = value(cols.year) {
                guard y.utf8.count <= 9, y.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(y) else {
                    try sink.skip(location, "year \"\(y)\" is not a number")
                    return
                }
                year = n
            }
            var (authors, truncated) = splitAuthors(row.fields[cols.authors], separator: separator)
            if !authors.allSatisfy(JSONLinesReader.hasLetterOrDigit) {
                for a in authors where !JSONLinesReader.hasLetterOrDigit(a) {
                    sink.warn(location, "author \"\(a.raw)\" has no letters or digits; not an author")
                }
                authors.removeAll { !JSONLinesReader.hasLetterOrDigit($0) }
            }
            try sink.emit(PaperRecord(
                id: value(cols.id) ?? "row \(rowNumber)", title: value(cols.title) ?? "",
                authors: authors, authorsTruncated: truncated, year: year,
                venue: value(cols.venue), doi: value(cols.doi), url: value(cols.url),
                abstract: value(cols.abstract), source: location))
        }
    }

    /// `A One; B Two; et al.` → two names, truncated.
    static func splitAuthors(_ field: String, separator: String) -> (authors: [AuthorName], truncated: Bool) {
        var parts = field.split(separator: separator, omittingEmptySubsequences: false)
            .map { $0.trimmingSpaces() }
            .filter { !$0.isEmpty }
        var truncated = false
        if let last = parts.last {
            let lower = last.lowercased()
            if lower == "et al." || lower == "et al" {
                parts.removeLast()
                truncated = true
            } else if let cut = [" et al.", " et al"].first(where: lower.hasSuffix) {
                // `B Two et al.` written without a separator before the marker.
                parts[parts.count - 1] = String(last.dropLast(cut.count)).trimmingSpaces()
                truncated = true
            }
        }
        return (parts.compactMap(NameParser.parse), truncated)
    }
}
