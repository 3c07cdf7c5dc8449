#if canImport(Glibc)
import CoauthorModel
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads JSON Lines (`.jsonl`, `.ndjson`): one JSON object per line, one paper per object.
///
///     {"id":"conf/x/A16","type":"inproceedings","year":2016,"authors":["Wei Wang 0001","Jürgen Müller"]}
///
/// Members (all optional except `authors`; `null` counts as absent; unknown members are ignored):
/// - `id`: string or number (default `line N`); `title` (default ""); `year`: number or numeric
///   string; `date`: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; `venue`, `doi`, `url`, `abstract`: strings;
///   `type`: the category.
/// - `authors`: an array of names (`"Wei Wang 0001"`, parsed by `NameParser`) or of objects
///   `{"name"|"raw", "given", "family", "orcid", "dblp", "openalex", "s2", "acl"}`; an object with a
///   `family` keeps its parts as given, otherwise its name goes through `NameParser`. ORCID and
///   OpenAlex ids written as URLs (`https://orcid.org/…`) are reduced to the bare id.
///   A final `"et al."` element, or `authors_truncated`/`et_al` set to true, marks the list as cut short.
///   Empty names, `null`s and names without a letter or digit (`—`) are left out with a warning.
///
/// A line that is not JSON, not an object, has no `authors` array or has a member of the wrong
/// type is skipped (`FILE:LINE[:COLUMN]`) and reading goes on with the next line. Blank lines are
/// ignored. Lines are found by scanning the bytes and parsed in place, never copied into Strings.
public struct JSONLinesReader: RecordReader {
    public static let format = InputFormat.jsonl
    public static let bytePath = BytePath.sharedNames
    public static let extensions = ["jsonl", "ndjson"]
    let options: ReaderOptions

    public init(options: ReaderOptions) { self.options = options }

    /// The first non-blank line is a JSON object with an `authors` member.
    public static func sniff(_ document: SourceDocument) -> Bool {
        document.bytes.withUnsafeBufferPointer { buf -> Bool in
            var start = 0
            while start < buf.count {
                let next = lineEnd(buf, from: start)
                let (s, e) = trim(buf, start, next)
                if s < e {
                    guard buf[s] == UInt8(ascii: "{") else { return false }
                    var parser = JSONParser()
                    guard let v = try? parser.parse(UnsafeBufferPointer(rebasing: buf[s..<e])),
                          let o = v.objectValue else { return false }
                    return o["authors"] != nil
                }
                start = next + 1
            }
            return false
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        let fast = JSONLinesFastPath()
        var mentions: [Int32] = []
        let flat: (UnsafeBufferPointer<UInt8>, SourceLocation) throws -> Bool
        var lookahead: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil
        if let interner = sink.interner {
            var homes: [Int32] = []
            lookahead = { block in fast.touchAuthors(block, interner: interner, homes: &homes) }
            // Authors as interned names: no String or AuthorName per mention.
            flat = { line, location in
                mentions.removeAll(keepingCapacity: true)
                guard let (record, warnings) = fast.line(line, location: location, interner: interner,
                                                         mentions: &mentions) else { return false }
                for w in warnings { sink.warn(location, w) }
                try mentions.withUnsafeBufferPointer { names in try record.withFlat { try sink.emit($0, names: names) } }
                return true
            }
        } else {
            // The same reading, made into `PaperRecord`s: names interned for this document only.
            let interner = NameInterner()
            var names: [AuthorName] = []
            flat = { line, location in
                guard let (record, warnings) = fast.record(line, location: location, interner: interner, names: &names)
                else { return false }
                for w in warnings { sink.warn(location, w) }
                try sink.emit(record)
                return true
            }
        }
        try JSONLinesReader.forEachObject(in: document, sink: sink, flat: flat, lookahead: lookahead) { object, location in
            var warnings: [String] = []
            let record: PaperRecord
            do throws(FieldError) {
                record = try JSONLinesReader.record(from: object, location: location, warnings: &warnings)
            } catch {
                var message = error.message
                if object["authors"] == nil, object["authorships"] != nil {
                    message += " (an OpenAlex work: use --input-format openalex)"
                }
                try sink.skip(location, message)
                return
            }
            for w in warnings { sink.warn(location, w) }
            try sink.emit(record)
        }
    }

    /// Calls `body` with each line's JSON object and the line's location. Blank lines are passed
    /// over; a line that is not JSON (`FILE:LINE:COLUMN` of the error) or not an object is skipped
    /// through `sink`. Lines are parsed in place, never copied into Strings. `flat`, when given,
    /// sees each non-blank line first and returns true when it has handled it.
    static func forEachObject(in document: SourceDocument, sink: RecordSink,
                              flat: ((UnsafeBufferPointer<UInt8>, SourceLocation) throws -> Bool)? = nil,
                              lookahead: ((UnsafeBufferPointer<UInt8>) -> Void)? = nil,
                              _ body: (JSONObject, SourceLocation) throws -> Void) throws {
        var parser = JSONParser()
        let file = document.name
        try document.bytes.withUnsafeBufferPointer { buf in
            var start = 0
            var line = document.firstLine - 1
            var ahead = 0   // `lookahead` has seen the bytes before this offset (whole lines)
            while start < buf.count {
                line += 1
                if let lookahead, start >= ahead {
                    // The next block of about 16 KB, to the end of a line.
                    ahead = min(buf.count, lineEnd(buf, from: min(buf.count, start + JSONLinesReader.lookaheadBytes)) + 1)
                    lookahead(UnsafeBufferPointer(rebasing: buf[start..<ahead]))
                }
                let next = lineEnd(buf, from: start)
                let (s, e) = trim(buf, start, next)
                if s < e {
                    let text = UnsafeBufferPointer(rebasing: buf[s..<e])
                    if let flat, try flat(text, SourceLocation(file: file, line: line)) {
                        start = next + 1
                        continue
                    }
                    let value: JSONValue?
                    do throws(JSONError) {
                        value = try parser.parse(text)
                    } catch {
                        // The column counts characters from the start of the line.
                        let errorAt = s + error.offset
                        var column = 1
                        var i = start
                        while i < errorAt {
                            if buf[i] & 0xC0 != 0x80 { column += 1 }
                            i += 1
                        }
                        let what = error.isEndOfInput ? "truncated JSON: " : "invalid JSON: "
                        try sink.skip(SourceLocation(file: file, line: line, column: column), what + error.message)
                        value = nil
                    }
                    if let value {
                        let location = SourceLocation(file: file, line: line)
                        if case .object(let object) = value {
                            try body(object, location)
                        } else {
                            try sink.skip(location, "expected a JSON object, found \(value.kindDescription)")
                        }
                    }
                }
                start = next + 1
            }
        }
    }

    /// The bytes `forEachObject` hands `lookahead` at a time (then to the end of the line): about a
    /// hundred DBLP lines, whose few hundred slot loads are in flight together.
    static let lookaheadBytes = 16 << 10

    /// The offset of the next line feed at or after `from`, or the end of the buffer.
    @inline(__always)
    static func lineEnd(_ buf: UnsafeBufferPointer<UInt8>, from: Int) -> Int {
        guard let base = buf.baseAddress, from < buf.count else { return buf.count }
        guard let hit = memchr(base + from, 0x0A, buf.count - from) else { return buf.count }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The range without leading and trailing spaces, tabs and carriage returns.
    @inline(__always)
    static func trim(_ buf: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (Int, Int) {
        var s = start, e = end
        while s < e, buf[s] == 0x20 || buf[s] == 0x09 || buf[s] == 0x0D { s += 1 }
        while e > s, buf[e - 1] == 0x20 || buf[e - 1] == 0x09 || buf[e - 1] == 0x0D { e -= 1 }
        return (s, e)
    }

    /// A member of the wrong type or an unusable value: the record is skipped with this message.
    struct FieldError: Error {
        var message: String
        init(_ message: String) { self.message = message }
    }

    /// Builds the record of one line's object.
    static func record(from object: JSONObject, location: SourceLocation,
                       warnings: inout [String]) throws(FieldError) -> PaperRecord {
        var id: String?
        var title = ""
        var year: Int?
        var date: PaperDate?
        var venue: String?, doi: String?, url: String?, abstract: String?, category: String?
        var authorValues: [JSONValue]?
        var truncated = false
        for (key, value) in object.members {
            switch key {
            case "id": id = try idString(value, "id")
            case "title": title = try string(value, key) ?? ""
            case "year": year = try yearValue(value)
            case "date": date = try dateValue(value)
            case "venue": venue = try string(value, key)
            case "doi": doi = try string(value, key)
            case "url": url = try string(value, key)
            case "abstract": abstract = try string(value, key)
            case "type": category = try string(value, key)
            case "authors":
                guard case .array(let a) = value else {
                    throw FieldError("\"authors\" must be an array, found \(value.kindDescription)")
                }
                authorValues = a
            case "authors_truncated", "et_al":
                switch value {
                case .bool(let b): truncated = truncated || b
                case .null: break
                default: throw FieldError("\"\(key)\" must be true or false, found \(value.kindDescription)")
                }
            default: break
            }
        }
        guard let list = authorValues else { throw FieldError("no \"authors\" array") }
        var authors: [AuthorName] = []
        authors.reserveCapacity(list.count)
        for (i, a) in list.enumerated() {
            switch a {
            case .string(let s):
                if addStringAuthor(s, index: i, isLast: i == list.count - 1, to: &authors, warnings: &warnings) {
                    truncated = true
                }
            case .object(let o):
                if let name = try author(o, index: i) {
                    addNamed(name, index: i, to: &authors, warnings: &warnings)
                } else {
                    warnings.append("authors[\(i)]: author without a name ignored")
                }
            case .null:
                warnings.append("authors[\(i)]: null author ignored")
            default:
                throw FieldError("authors[\(i)] must be a string or an object, found \(a.kindDescription)")
            }
        }
        return PaperRecord(id: id ?? "line \(location.line)", title: title, authors: authors,
                           authorsTruncated: truncated, year: year, date: date, venue: venue,
                           category: category, doi: doi, url: url, abstract: abstract, source: location)
    }

    /// `{"name"|"raw", "given", "family", ids…}`; nil when it carries no name at all.
    static func author(_ o: JSONObject, index i: Int) throws(FieldError) -> AuthorName? {
        var name: String?, given: String?, family: String?
        var ids: [PersistentID] = []
        for (key, value) in o.members {
            switch key {
            case "name", "raw": name = try string(value, "authors[\(i)].\(key)")
            case "given": given = try string(value, "authors[\(i)].given")
            case "family": family = try string(value, "authors[\(i)].family")
            default:
                guard let kind = PersistentID.Kind(rawValue: key) else { continue }
                if let v = try idString(value, "authors[\(i)].\(key)") {
                    ids.append(PersistentID(kind, normalizedID(v, kind)))
                }
            }
        }
        let g = given.map(trimmed) ?? ""
        let f = family.map(trimmed) ?? ""
        let n = name.map(trimmed) ?? ""
        if !f.isEmpty {
            let raw = n.isEmpty ? (g.isEmpty ? f : g + " " + f) : n
            return AuthorName(raw: raw, given: g.isEmpty ? nil : g, family: f, ids: ids)
        }
        guard var parsed = NameParser.parse(n.isEmpty ? g : n) else { return nil }
        // Ids given explicitly come first; an explicit dblp id replaces one read from a name suffix.
        if ids.contains(where: { $0.kind == .dblp }) { parsed.ids.removeAll { $0.kind == .dblp } }
        parsed.ids = ids + parsed.ids
        return parsed
    }

    /// Appends an author that has a letter or digit; warns about one that has none.
    static func addNamed(_ name: AuthorName, index i: Int, to authors: inout [AuthorName], warnings: inout [String]) {
        if hasLetterOrDigit(name) {
            authors.append(name)
        } else {
            warnings.append(noLettersWarning(i, name.raw))
        }
    }

    static func noLettersWarning(_ i: Int, _ raw: String) -> String {
        "authors[\(i)]: \"\(raw)\" has no letters or digits; not an author"
    }

    static func emptyNameWarning(_ i: Int) -> String { "authors[\(i)]: empty author name ignored" }

    /// An author given as a string at `index` of the list (the general and the fast path share it):
    /// appended, or left out with a warning (empty, or no letter or digit). Returns true, adding
    /// nothing, when it is the "et al." that ends a list (`isLast`): the list is truncated.
    static func addStringAuthor(_ s: String, index i: Int, isLast: Bool,
                                to authors: inout [AuthorName], warnings: inout [String]) -> Bool {
        if isLast, AuthorName.isEtAl(s) { return true }
        if let name = NameParser.parse(s) {
            addNamed(name, index: i, to: &authors, warnings: &warnings)
        } else {
            warnings.append(emptyNameWarning(i))
        }
        return false
    }

    /// False for a mention whose family name has no letter or digit at all (`—`, `?`): by
    /// docs/identity.md it is not an author, and readers leave it out with a warning.
    static func hasLetterOrDigit(_ a: AuthorName) -> Bool {
        let f = a.family ?? a.raw
        var nonASCII = false
        for c in f.utf8 {
            if c >= 0x80 { nonASCII = true; continue }
            if (c | 0x20) &- 0x61 < 26 || c &- 0x30 < 10 { return true }
        }
        guard nonASCII else { return false }
        return f.unicodeScalars.contains { u in
            switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber: return true
            default: return false
            }
        }
    }

    /// `https://orcid.org/0000-…` → `0000-…`; `https://openalex.org/A123` → `A123`.
    static func normalizedID(_ v: String, _ kind: PersistentID.Kind) -> String {
        let prefixes: [String]
        switch kind {
        case .orcid: prefixes = ["https://orcid.org/", "http://orcid.org/"]
        case .openalex: prefixes = ["https://openalex.org/", "http://openalex.org/"]
        default: return v
        }
        for p in prefixes where v.hasPrefix(p) { return String(v.dropFirst(p.count)) }
        return v
    }

    /// The string without leading and trailing white space (quick when there is none).
    static func trimmed(_ s: String) -> String {
        let u = s.utf8
        if let f = u.first, let l = u.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return s }
        return s.trimmingSpaces()
    }

    /// A string member; nil for `null`.
    static func string(_ v: JSONValue, _ key: String) throws(FieldError) -> String? {
        switch v {
        case .string(let s): return s
        case .null: return nil
        default: throw FieldError("\"\(key)\" must be a string, found \(v.kindDescription)")
        }
    }

    /// A string or a number used as an identifier; nil for `null` or an empty string.
    static func idString(_ v: JSONValue, _ key: String) throws(FieldError) -> String? {
        switch v {
        case .string(let s):
            let t = trimmed(s)
            return t.isEmpty ? nil : t
        case .integer(let i): return String(i)
        case .number(let d): return Int(exactly: d).map { String($0) } ?? String(d)
        case .null: return nil
        default: throw FieldError("\"\(key)\" must be a string or a number, found \(v.kindDescription)")
        }
    }

    static func yearValue(_ v: JSONValue) throws(FieldError) -> Int? {
        switch v {
        case .integer(let i): return i
        case .number(let d):
            guard let i = Int(exactly: d) else { throw FieldError("\"year\" \(d) is not a whole number") }
            return i
        case .string(let s):
            let t = trimmed(s)
            if t.isEmpty { return nil }
            guard t.utf8.count <= 9, t.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let y = Int(t) else {
                throw FieldError("\"year\" \"\(s)\" is not a number")
            }
            return y
        case .null: return nil
        default: throw FieldError("\"year\" must be a number, found \(v.kindDescription)")
        }
    }

    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    static func dateValue(_ v: JSONValue) throws(FieldError) -> PaperDate? {
        guard let s = try string(v, "date") else { return nil }
        let t = trimmed(s)
        if t.isEmpty { return nil }
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        let widths = [4, 2, 2]
        guard parts.count <= 3,
              zip(parts, widths).allSatisfy({ $0.utf8.count == $1 && $0.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } })
        else { throw FieldError("\"date\" \"\(s)\" is not YYYY, YYYY-MM or YYYY-MM-DD") }
        let n = parts.map { Int($0)! }
        var d = PaperDate(year: n[0])
        if n.count >= 2 {
            guard (1...12).contains(n[1]) else { throw FieldError("\"date\" \"\(s)\" has no month \(n[1])") }
            d.month = n[1]
        }
        if n.count == 3 {
            guard n[2] >= 1, n[2] <= ProfilePageReader.daysIn(month: n[1], year: n[0]) else {
                throw FieldError("\"date\" \"\(s)\" is not a valid day")
            }
            d.day = n[2]
        }
        return d
    }

}
