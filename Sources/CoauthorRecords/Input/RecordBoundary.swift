import CoauthorModel

/// Where a streamed input may be cut into pieces that a reader reads as it reads the whole (each
/// piece read by the same reader instance, which carries what it must from piece to piece: a CSV
/// header, a row count, an element index).
///
/// | boundary     | formats                              | a piece ends                                   |
/// |--------------|--------------------------------------|------------------------------------------------|
/// | `lines`      | JSON Lines, OpenAlex JSON Lines      | after a line feed                              |
/// | `xml`        | dblp XML, PubMed XML, ACL Anthology  | after the end tag of a record element          |
/// | `tagged`     | RIS, Web of Science, MEDLINE         | after an `ER` line / before a `PMID-` line     |
/// | `delimited`  | CSV, TSV, Scopus CSV                 | after a row (a line feed outside quotes)       |
/// | `jsonArray`  | CSL-JSON, OpenAlex results pages     | before a comma between the array's elements    |
/// | `bibtex`     | BibTeX                               | before a line that starts an entry (`@type{`)  |
///
/// Each scan is linear in the bytes scanned; the scans that need state (quotes, JSON depth) start
/// at the piece's first byte, which is at a boundary, where that state is known.
enum RecordBoundary: Sendable {
    /// After a line feed (JSON Lines: one record per line).
    case lines
    /// After the closing tag of a record element, a child of the root (dblp XML, PubMed XML, ACL
    /// Anthology volumes); each piece after the first starts with the document's prolog and root
    /// start tag (on the piece's first line), each but the last ends with the root's closing tag.
    case xml(records: Set<[UInt8]>)
    /// At the start of a line (after a line feed) that `isCut` accepts, or just after such a line
    /// (`after`): the tagged-line formats, whose readers hold nothing over such a line.
    case tagged(after: Bool, isCut: @Sendable (UnsafeBufferPointer<UInt8>, TextLines.Line) -> Bool)
    /// After a row of an RFC 4180 table, as `DelimitedReader.Tokenizer` splits rows: a line feed
    /// outside quotes (a quoted field may hold line feeds).
    case delimited(UInt8)
    /// Between two elements of one JSON array: the document's top-level array (`member` nil) or the
    /// array value of `member` in the top-level object (an OpenAlex results page). A piece ends just
    /// before the comma after an element; `InputPieces` closes it (`]`, then `}` for a member) and
    /// opens the next by writing `[` over that comma, so each piece is a JSON document of its own
    /// and keeps its line and column numbers.
    case jsonArray(member: [UInt8]?)
    /// Before a line (after a line feed) whose first non-blank character is the `@` of an entry
    /// header, `@ ws* type ws* {` or `(`, whole within the bytes: the BibTeX reader ends whatever
    /// entry is open at such a line (and reads nothing beyond the header's brace while ending it),
    /// so each piece but the last carries that header as its `SourceDocument.overlap`.
    case bibtex

    static let dblp = RecordBoundary.xml(records: Set(["article", "inproceedings", "proceedings", "book", "incollection",
                                                     "phdthesis", "mastersthesis", "www", "person", "data"].map { Array($0.utf8) }))
    static let pubmed = RecordBoundary.xml(records: Set(["PubmedArticle", "PubmedBookArticle", "DeleteCitation"].map { Array($0.utf8) }))
    /// ACL Anthology collections hold volumes; a volume's papers are emitted with its `<meta>`.
    static let acl = RecordBoundary.xml(records: [Array("volume".utf8)])
    static let ris = RecordBoundary.tagged(after: true) { b, l in RISReader.tag(b, l) == "ER" }
    static let wos = RecordBoundary.tagged(after: true) { b, l in l.count == 2 && WebOfScienceReader.tag(b, l) == "ER" }
    static let medline = RecordBoundary.tagged(after: false) { b, l in MedlineReader.tag(b, l) == "PMID" }

    /// The offset just after the last boundary in `b[0..<size]`, else just after the first boundary
    /// after `size`; nil when `b` has none. `searched`: no boundary ends between `size` and this
    /// offset (searched before, `b` has grown since). `continuing`: `b` starts after a boundary of a
    /// `jsonArray`, within the array (not at the document's start).
    func cut(_ b: UnsafeBufferPointer<UInt8>, size: Int, searched: Int, continuing: Bool) -> Int? {
        let size = min(size, b.count)
        switch self {
        case .lines, .xml:
            // The last boundary within the piece's size, else the first after it (an XML boundary is
            // at most a tag long: the search goes back that far over what was searched).
            return lastCut(UnsafeBufferPointer(rebasing: b[0..<size])) ?? firstCut(b, from: max(size, searched - 256))
        case .tagged(let after, let isCut):
            return RecordBoundary.choose(size) { take in RecordBoundary.taggedCuts(b, after: after, isCut: isCut, take) }
        case .delimited(let delimiter):
            return RecordBoundary.choose(size) { take in RecordBoundary.rowEnds(b, delimiter: delimiter, take) }
        case .jsonArray(let member):
            return RecordBoundary.choose(size) { take in
                _ = RecordBoundary.jsonElements(b, member: member, continuing: continuing, take)
            }
        case .bibtex:
            return RecordBoundary.choose(size) { take in RecordBoundary.bibEntryLines(b, take) }
        }
    }

    /// The starts of the lines (after a line feed) whose first non-blank byte is an `@` followed by
    /// a whole entry header (`bibHeaderEnd`), in increasing order.
    static func bibEntryLines(_ b: UnsafeBufferPointer<UInt8>, _ take: (Int) -> Bool) {
        var k = 0
        let n = b.count
        while true {
            k = BibScanner.firstOf(b, k, n, 0x40, 0x40, 0x40, 0x40)
            guard k < n else { return }
            var s = k
            while s > 0, b[s - 1] == 0x20 || b[s - 1] == 0x09 { s -= 1 }
            if s > 0, b[s - 1] == 0x0A, bibHeaderEnd(b, k) != nil, !take(s) { return }
            k += 1
        }
    }

    /// For an `@` at `at`: the offset after the `{` or `(` of `@ ws* type ws* {`, when `b` holds
    /// it; nil when it is no entry header (as `BibScanner.looksLikeEntry` reads it) or runs past
    /// the end of `b`.
    static func bibHeaderEnd(_ b: UnsafeBufferPointer<UInt8>, _ at: Int) -> Int? {
        let n = b.count
        var j = at + 1
        while j < n, BibScanner.isSpace(b[j]) { j += 1 }
        let s = j
        while j < n, BibScanner.isTypeChar(b[j]) { j += 1 }
        guard j > s else { return nil }
        while j < n, BibScanner.isSpace(b[j]) { j += 1 }
        return j < n && (b[j] == 0x7B || b[j] == 0x28) ? j + 1 : nil
    }

    /// Of the cuts `scan` offers in increasing order: the last at most `size`, else the first after.
    private static func choose(_ size: Int, _ scan: (_ take: (Int) -> Bool) -> Void) -> Int? {
        var best: Int?
        scan { c in
            guard c > 0 else { return true }
            if c <= size { best = c; return true }
            if best == nil { best = c }
            return false
        }
        return best
    }

    /// The offset just after the first boundary in `b` at or after `from`, or nil when there is none.
    func firstCut(_ b: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        switch self {
        case .lines:
            var i = from
            while i < b.count {
                if b[i] == 0x0A { return i + 1 }
                i += 1
            }
            return nil
        case .xml(let names):
            // Forwards: `</`, a name, `>`.
            var i = max(from, 0)
            while i + 2 < b.count {
                guard b[i] == 0x3C, b[i + 1] == 0x2F else { i += 1; continue }
                var j = i + 2
                while j < b.count, XMLScanner.isNameChar(b[j]) { j += 1 }
                if j < b.count, b[j] == 0x3E, names.contains(Array(b[(i + 2)..<j])) { return j + 1 }
                i = j
            }
            return nil
        default:
            return cut(b, size: 0, searched: 0, continuing: false)
        }
    }

    /// The offset just after the last boundary in `b`, or nil when there is none.
    func lastCut(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        switch self {
        case .lines:
            var i = b.count - 1
            while i >= 0 {
                if b[i] == 0x0A { return i + 1 }
                i -= 1
            }
            return nil
        case .xml(let names):
            // Backwards: `>`, a name, `</`.
            var i = b.count - 1
            while i >= 2 {
                guard b[i] == 0x3E else { i -= 1; continue }
                var j = i - 1
                while j >= 2, XMLScanner.isNameChar(b[j]) { j -= 1 }
                if b[j] == 0x2F, b[j - 1] == 0x3C, j + 1 < i, names.contains(Array(b[(j + 1)..<i])) { return i + 1 }
                i = j
            }
            return nil
        default:
            return cut(b, size: b.count, searched: 0, continuing: false)
        }
    }

    /// The cuts of a tagged-line format: at each whole line (ended by a line feed) that `isCut`
    /// accepts, its start (not 0) or, `after`, the offset after its line feed.
    static func taggedCuts(_ b: UnsafeBufferPointer<UInt8>, after: Bool, isCut: (UnsafeBufferPointer<UInt8>, TextLines.Line) -> Bool,
                           _ take: (Int) -> Bool) {
        var start = 0
        while start < b.count {
            var lf = start
            while lf < b.count, b[lf] != 0x0A { lf += 1 }
            guard lf < b.count else { return }
            var end = lf
            if end > start, b[end - 1] == 0x0D { end -= 1 }
            if isCut(b, TextLines.Line(start: start, end: end, number: 0)), !take(after ? lf + 1 : start) { return }
            start = lf + 1
        }
    }

    /// The end of each row of `b` that ends with a line feed within `b`, as
    /// `DelimitedReader.Tokenizer.next` splits rows (RFC 4180, with its recovery: text after a
    /// closing quote skips to the line's end). A row that runs into the end of `b` (an open quote
    /// the rest of the input may close) is no cut, nor is anything after it.
    static func rowEnds(_ b: UnsafeBufferPointer<UInt8>, delimiter: UInt8, _ take: (Int) -> Bool) {
        let n = b.count
        var pos = 0
        let quote = UInt8(ascii: "\"")
        rows: while pos < n {
            // Fields of one row.
            while true {
                if pos < n, b[pos] == quote {
                    pos += 1
                    while true {
                        guard pos < n else { return }           // unterminated so far
                        if b[pos] == quote {
                            if pos + 1 < n, b[pos + 1] == quote { pos += 2; continue }
                            if pos + 1 == n { return }          // `""` may follow
                            break
                        }
                        pos += 1
                    }
                    pos += 1   // the closing quote
                    guard pos < n else { return }
                    let c = b[pos]
                    if c == delimiter { pos += 1; continue }
                    if c == 0x0A { pos += 1; if !take(pos) { return }; continue rows }
                    if c == 0x0D {
                        guard pos + 1 < n else { return }
                        if b[pos + 1] == 0x0A { pos += 2; if !take(pos) { return }; continue rows }
                    }
                    // Text after the closing quote: the row ends at the line's end.
                    while pos < n, b[pos] != 0x0A { pos += 1 }
                    guard pos < n else { return }
                    pos += 1
                    if !take(pos) { return }
                    continue rows
                }
                while pos < n, b[pos] != delimiter, b[pos] != 0x0A { pos += 1 }
                guard pos < n else { return }
                if b[pos] == delimiter { pos += 1; continue }
                pos += 1
                if !take(pos) { return }
                continue rows
            }
        }
    }

    /// Scans a JSON document (or, `continuing`, a piece that starts with the comma before an
    /// element of the target array) for the target array: each comma between its elements goes to
    /// `take` (its offset: a piece ends before it). Strings and their escapes are skipped, so
    /// brackets and commas in them do not count. Returns the offset of the array's closing bracket,
    /// when `b` holds it and `take` did not stop the scan; nil otherwise.
    @discardableResult
    static func jsonElements(_ b: UnsafeBufferPointer<UInt8>, member: [UInt8]?, continuing: Bool,
                             _ take: (Int) -> Bool) -> Int? {
        let targetDepth = member == nil ? 1 : 2
        var depth = continuing ? targetDepth : 0
        var inTarget = continuing
        var found = continuing
        // The last string closed at depth 1 of the top-level object, and whether a `:` followed it.
        var lastString = 0..<0
        var key: Range<Int>?
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            switch c {
            case 0x22:   // a string
                let s = i + 1
                i += 1
                while i < n, b[i] != 0x22 { i += b[i] == 0x5C ? 2 : 1 }
                guard i < n else { return nil }
                lastString = s..<i
            case 0x3A:   // :
                if depth == 1 { key = lastString }
            case 0x2C:   // ,
                if inTarget, depth == targetDepth, !take(i) { return nil }
                if depth == 1 { key = nil }
            case 0x5B, 0x7B:   // [ {
                depth += 1
                if !found, c == 0x5B, depth == targetDepth {
                    if let member {
                        if let k = key, b[k].elementsEqual(member) { found = true; inTarget = true }
                    } else {
                        found = true
                        inTarget = true
                    }
                }
                if depth == 1, c == 0x5B, member != nil { return nil }   // not an object: no member
            case 0x5D, 0x7D:   // ] }
                if inTarget, depth == targetDepth { return i }
                depth -= 1
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// What closes a piece of a `jsonArray` input (the array, then the top-level object).
    static func jsonClosers(member: [UInt8]?) -> [UInt8] {
        member == nil ? Array("]".utf8) : Array("]}".utf8)
    }
}
