import CoauthorModel

/// Small pieces the scholarly-source readers share (OpenAlex, Semantic Scholar, CSL, RIS, Web of
/// Science, MEDLINE): DOI spelling, years and dates in free text, names written "Family Initials",
/// and a line splitter for the tagged text formats.
enum ReaderSupport {
    /// `10.1000/xyz` from `https://doi.org/10.1000/xyz`, `http://dx.doi.org/…`, `doi:…` or the bare
    /// DOI (case kept); nil when nothing is left.
    static func bareDOI(_ text: String) -> String? {
        var d = Substring(text.trimmingSpaces())
        let lower = d.prefix(20).lowercased()
        for prefix in ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:", "doi "]
        where lower.hasPrefix(prefix) {
            d = d.dropFirst(prefix.count)
            break
        }
        let s = d.trimmingSpaces()
        return s.isEmpty ? nil : s
    }

    /// The first run of exactly four ASCII digits (`2014//`, `1948/07//`, `2020 Feb`, `c. 1600`), or nil.
    static func firstYear(_ text: some StringProtocol) -> Int? {
        let u = Array(text.utf8)
        var i = 0
        while i < u.count {
            guard u[i] &- 0x30 < 10 else { i += 1; continue }
            var j = i
            while j < u.count, u[j] &- 0x30 < 10 { j += 1 }
            if j - i == 4 { return Int(String(decoding: u[i..<j], as: UTF8.self)) }
            i = j
        }
        return nil
    }

    /// A date written `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (also with `/`, RIS's `YYYY/MM/DD/other`, with
    /// empty parts: `2014//`): the year and whatever valid month and day follow; nil without a
    /// leading four-digit year.
    static func numericDate(_ text: some StringProtocol) -> PaperDate? {
        let t = text.trimmingSpaces()
        let parts = t.split(separator: "/", omittingEmptySubsequences: false).flatMap {
            $0.split(separator: "-", omittingEmptySubsequences: false)
        }
        guard let first = parts.first, first.utf8.count == 4, first.utf8.allSatisfy({ $0 &- 0x30 < 10 }),
              let year = Int(first) else { return nil }
        var date = PaperDate(year: year)
        if parts.count >= 2, let m = smallNumber(parts[1]), (1...12).contains(m) {
            date.month = m
            if parts.count >= 3, let d = smallNumber(parts[2]),
               d >= 1, d <= ProfilePageReader.daysIn(month: m, year: year) {
                date.day = d
            }
        }
        return date
    }

    /// One or two ASCII digits.
    static func smallNumber(_ s: Substring) -> Int? {
        guard (1...2).contains(s.utf8.count), s.utf8.allSatisfy({ $0 &- 0x30 < 10 }) else { return nil }
        return Int(s)
    }

    /// `Jan` … `Dec` (any case, longer spellings such as `June` too) → 1…12.
    static func monthNumber(_ s: some StringProtocol) -> Int? {
        let l = s.lowercased()
        guard l.count >= 3 else { return nil }
        let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        guard let i = months.firstIndex(of: String(l.prefix(3))) else { return nil }
        return i + 1
    }

    /// A name as bibliographic databases abbreviate it, `Family Initials` without a comma
    /// (MEDLINE `AU  - Griffin DK`, Embase RIS `A1  - Fanning E.`): when the last of two or more
    /// tokens is only initials (one to three capital letters, each may be followed by a dot, or a
    /// hyphen between them: `DK`, `E.`, `J.-P.`), it is the given name and the tokens before it the
    /// family. Anything else goes through `NameParser`.
    static func parseInitialsLastOrPlain(_ text: String) -> AuthorName? {
        let u = text.utf8
        // A comma, or no space before a last token of at most 3 letters and dots: the general rules.
        guard !u.contains(0x2C), let lastSpace = u.lastIndex(of: 0x20),
              u.distance(from: lastSpace, to: u.endIndex) <= 13 else { return NameParser.parse(text) }
        let tokens = text.split(whereSeparator: { $0 == " " || $0 == "\t" })
        if tokens.count >= 2, let last = tokens.last, isInitials(last), !NameParser.isDBLPSuffix(String(last)) {
            let family = tokens.dropLast().joined(separator: " ")
            return AuthorName(raw: tokens.joined(separator: " "), given: String(last), family: family)
        }
        return NameParser.parse(text)
    }

    /// `DK`, `E.`, `J.-P.`, `JR`: one to three upper-case letters, dots and hyphens between them.
    static func isInitials(_ t: Substring) -> Bool {
        var letters = 0
        for u in t.unicodeScalars {
            if u == "." || u == "-" { continue }
            guard u.properties.isUppercase else { return false }
            letters += 1
        }
        return (1...3).contains(letters)
    }

    /// Collapses runs of white space to one space and trims.
    static func collapse(_ s: some StringProtocol) -> String {
        s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " ")
    }
}

/// The lines of a byte buffer: the range of each line without its line feed and a final carriage
/// return, and its 1-based number.
struct TextLines: Sequence, IteratorProtocol {
    let buf: UnsafeBufferPointer<UInt8>
    var pos = 0
    var number = 0

    /// Lines end with CR alone (classic Mac OS files, some MEDLINE exports): the buffer has
    /// carriage returns and no line feed at all.
    let crOnly: Bool

    init(_ buf: UnsafeBufferPointer<UInt8>) {
        self.buf = buf
        crOnly = JSONLinesReader.lineEnd(buf, from: 0) == buf.count && buf.contains(0x0D)
    }

    struct Line {
        var start: Int
        var end: Int
        var number: Int
        var count: Int { end - start }
    }

    mutating func next() -> Line? {
        guard pos < buf.count else { return nil }
        let start = pos
        let lf = crOnly ? (buf[pos...].firstIndex(of: 0x0D) ?? buf.count) : JSONLinesReader.lineEnd(buf, from: pos)
        pos = lf + 1
        number += 1
        var end = lf
        if end > start, buf[end - 1] == 0x0D { end -= 1 }
        return Line(start: start, end: end, number: number)
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    /// The bytes `from..<to` as a String.
    func string(_ from: Int, _ to: Int) -> String {
        guard from < to else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: self[from..<to]), as: UTF8.self)
    }

    /// The bytes `from..<to` as a String with runs of blanks collapsed to one space and the ends
    /// trimmed (`ReaderSupport.collapse`), taken as they are when already clean.
    func collapsed(_ from: Int, _ to: Int) -> String {
        var s = from, e = to
        while s < e, self[s] == 0x20 || self[s] == 0x09 || self[s] == 0x0D { s += 1 }
        while e > s, self[e - 1] == 0x20 || self[e - 1] == 0x09 || self[e - 1] == 0x0D { e -= 1 }
        var i = s
        while i < e {
            let c = self[i]
            if c == 0x09 || c == 0x0D || (c == 0x20 && self[i + 1] == 0x20) { break }
            i += 1
        }
        if i == e { return string(s, e) }
        // Copy, turning each run of blanks into one space.
        var out = [UInt8]()
        out.reserveCapacity(e - s)
        out.append(contentsOf: UnsafeBufferPointer(rebasing: self[s..<i]))
        var blank = false
        while i < e {
            let c = self[i]
            if c == 0x20 || c == 0x09 || c == 0x0D {
                blank = true
            } else {
                if blank { out.append(0x20); blank = false }
                out.append(c)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// True when the bytes at `at` are `prefix`.
    func has(_ prefix: StaticString, at: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard at + n <= count else { return false }
        let p = prefix.utf8Start
        for k in 0..<n where self[at + k] != p[k] { return false }
        return true
    }
}

extension SourceDocument {
    /// How much of a document a sniff reads: its first 64 KiB.
    static let sniffLength = 65_536

    /// Calls `body` with the first `sniffLength` bytes of the document (what a sniff reads).
    func withSniffBytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        bytes.withUnsafeBufferPointer { buf in
            body(UnsafeBufferPointer(rebasing: buf[0..<min(buf.count, SourceDocument.sniffLength)]))
        }
    }

    /// Calls `body` with the document's bytes and the lines of their first `sniffLength` bytes: the
    /// one way the line-based readers (MEDLINE, RIS, Web of Science, CSL YAML) sniff.
    func sniffLines<T>(_ body: (_ buf: UnsafeBufferPointer<UInt8>, _ lines: inout TextLines) -> T) -> T {
        bytes.withUnsafeBufferPointer { buf in
            var lines = TextLines(UnsafeBufferPointer(rebasing: buf[0..<min(buf.count, SourceDocument.sniffLength)]))
            return body(buf, &lines)
        }
    }
}

/// Where the elements of a JSON array stand in a document (the top-level array, or the array of a
/// top-level object's `member`), for the JSON document readers (CSL-JSON, OpenAlex, Semantic
/// Scholar) to name each element's line.
struct JSONElementLocations {
    let document: SourceDocument
    /// The byte offset of each element, as `JSONOutline` finds them.
    let offsets: [Int]

    init(_ document: SourceDocument, member: String?) {
        self.document = document
        offsets = document.bytes.withUnsafeBufferPointer { JSONOutline.elementOffsets($0, member: member) }
    }

    /// Calls `body` with each element's index, the element and the location of its line (line 1
    /// for every element when the offsets found do not match the elements parsed).
    func forEach(_ elements: [JSONValue], _ body: (Int, JSONValue, SourceLocation) throws -> Void) rethrows {
        for (i, v) in elements.enumerated() {
            let line = offsets.count == elements.count ? document.line(at: offsets[i]) : 1
            try body(i, v, SourceLocation(file: document.name, line: line))
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends the UTF-8 encoding of the scalar value `v` (the JSON parser's `\u` escapes, the
    /// XML scanner's character references).
    @inline(__always)
    mutating func appendUTF8(_ v: UInt32) {
        if v < 0x80 {
            append(UInt8(v))
        } else if v < 0x800 {
            append(UInt8(0xC0 | (v >> 6)))
            append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            append(UInt8(0xE0 | (v >> 12)))
            append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            append(UInt8(0x80 | (v & 0x3F)))
        } else {
            append(UInt8(0xF0 | (v >> 18)))
            append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            append(UInt8(0x80 | (v & 0x3F)))
        }
    }
}

extension RecordSink {
    /// The one rule of the element-walking XML readers (dblp, PubMed, ACL Anthology) for a finished
    /// record: without an id (nil or empty) it is skipped at `source` with `missing`; with a problem
    /// marked while it was read (a bad character or entity reference) it is skipped there, the
    /// message ending `(<idName> ID left out)`. Returns the id of a record to emit, else nil.
    func usableID(_ id: String?, at source: SourceLocation, missing: @autoclosure () -> String,
                  problem: (location: SourceLocation, message: String)?, idName: String) throws -> String? {
        guard let id, !id.isEmpty else {
            try skip(source, missing())
            return nil
        }
        if let p = problem {
            try skip(p.location, p.message + " (\(idName) \(id) left out)")
            return nil
        }
        return id
    }
}
