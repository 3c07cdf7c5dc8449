import CoauthorModel

/// The byte-level path of `JSONLinesReader` for the common flat line shape:
///
///     {"id": "conf/x/A16", "type": "inproceedings", "year": 2016, "authors": ["Wei Wang 0001", "Jürgen Müller"]}
///
/// A line is taken here when it is one object whose keys and string values have no escapes and
/// whose values are strings, non-negative integers, `true`/`false`/`null`, or flat arrays of those;
/// every member is interpreted exactly as `JSONLinesReader.record(from:)` does (same defaults,
/// last member wins, same warnings). Anything else — an escape, a nested object, a fraction, a
/// member of the wrong type, a syntax error — is declined (`nil`) and the line goes through the
/// general parser, which produces the same record or the exact diagnostic.
///
/// A flat line is read once, by `line(_:location:interner:mentions:)`: its members as bytes, each
/// author's spelling looked up by its bytes in a `NameInterner` and parsed once per distinct
/// spelling. The loader's interned mode (`RecordLoader.loadInterned`, used by the CLI) hands that
/// over as it is (a `FlatRecord` and the names' indices; `CorpusBuilder.add(_:names:)` then
/// resolves each distinct name once); otherwise `record(_:location:interner:names:)` makes the
/// `PaperRecord` of it (`FlatRecord.record`, authors by index). Lines of any other shape go through
/// the general parser with `AuthorName`s, in the same order, so the corpus is the same.
///
/// - Complexity: O(line length) per line plus one hash lookup per author mention.
public struct JSONLinesFastPath {

    /// The members of a flat line other than the authors, as ranges of the line's bytes (nil: absent
    /// or null), and where the authors array lies.
    struct Fields {
        /// The id as bytes of the line, or as text (`idText`: an integer id, or one that needed
        /// trimming); neither: `line N`.
        var id: Range<Int>?
        var idText: String?
        var title: Range<Int>?
        var venue: Range<Int>?, doi: Range<Int>?, url: Range<Int>?, abstract: Range<Int>?, category: Range<Int>?
        var year: Int?
        var date: PaperDate?
        var truncated = false
        var authorsRange: Range<Int>
    }

    /// A line read by the byte path with its authors interned: handed over as a `FlatRecord`
    /// (`withFlat`, no `String` per field), or made into the `PaperRecord` the general path makes
    /// (without authors). Valid only during the call that hands it over (it points into the line).
    public struct Line {
        let line: UnsafeBufferPointer<UInt8>
        let fields: Fields
        public let truncated: Bool
        public let location: SourceLocation

        /// `body` with the line as a `FlatRecord` (the id made from `idText` or the line number
        /// when the line has no string id).
        public func withFlat<R>(_ body: (FlatRecord) throws -> R) rethrows -> R {
            @inline(__always) func bytes(_ r: Range<Int>?) -> UnsafeBufferPointer<UInt8>? {
                r.map { UnsafeBufferPointer(rebasing: line[$0]) }
            }
            var flat = FlatRecord(id: bytes(fields.id), title: bytes(fields.title), venue: bytes(fields.venue),
                                  category: bytes(fields.category), doi: bytes(fields.doi),
                                  abstract: bytes(fields.abstract), url: bytes(fields.url), year: fields.year,
                                  date: fields.date, truncated: truncated, location: location, byteCount: line.count + 1)
            if fields.id != nil { return try body(flat) }
            var text = fields.idText ?? "line \(location.line)"
            return try text.withUTF8 { t in
                flat.id = t
                return try body(flat)
            }
        }

        /// The `PaperRecord` (without authors) the general path makes of the line: `FlatRecord.record`.
        public var record: PaperRecord { withFlat { $0.record } }
    }

    /// A record and its warnings, or nil when the line is not of the flat shape: the line as `line`
    /// reads it, made into the `PaperRecord` the general path makes (`Line.record`), its authors the
    /// names of its mentions. `interner` and `names` (every name the interner made, in order) are
    /// the caller's from line to line, so each distinct spelling is parsed once.
    func record(_ line: UnsafeBufferPointer<UInt8>, location: SourceLocation, interner: NameInterner,
                names: inout [AuthorName]) -> (PaperRecord, [String])? {
        var mentions: [Int32] = []
        guard let (read, warnings) = self.line(line, location: location, interner: interner, mentions: &mentions)
        else { return nil }
        names += interner.takeNames()
        var record = read.record
        record.authors = mentions.map { names[Int($0)] }
        return (record, warnings)
    }

    /// The line's members as bytes (`Line`), or nil when it is not of the flat shape, with its
    /// warnings: the one reading of a flat line (every member as `JSONLinesReader.record(from:)`
    /// reads it). Its authors are not made into the record: each author's spelling is looked up
    /// by its bytes in `interner` (parsed by `NameParser` only on first sight) and the index of
    /// its `AuthorName` among all names the interner made is appended to `mentions` (`interner`
    /// hands the names over in order through `takeNames()`). Nothing is interned for a line that
    /// is declined.
    ///
    /// - Complexity: O(line length), one hash lookup per mention; `NameParser` once per distinct
    ///   spelling.
    func line(_ line: UnsafeBufferPointer<UInt8>, location: SourceLocation, interner: NameInterner,
              mentions: inout [Int32]) -> (Line, [String])? {
        guard let f = fields(line) else { return nil }
        var truncated = f.truncated
        // First pass: every element a plain string or null (else the general path reports it).
        var count = 0
        var a = Scanner(b: line, i: f.authorsRange.lowerBound + 1)
        a.skipSpace()
        if a.peek != UInt8(ascii: "]") {
            while true {
                a.skipSpace()
                guard let v = a.scalar() else { return nil }
                switch v {
                case .string(let r): interner.touch(UnsafeBufferPointer(rebasing: line[r]))
                case .null: break
                default: return nil
                }
                count += 1
                a.skipSpace()
                if a.peek == UInt8(ascii: ",") { a.i += 1; continue }
                break
            }
        }
        var warnings: [String] = []
        a = Scanner(b: line, i: f.authorsRange.lowerBound + 1)
        for i in 0..<count {
            a.skipSpace()
            let v = a.scalar()!
            a.skipSpace()
            if a.peek == UInt8(ascii: ",") { a.i += 1 }
            guard case .string(let r) = v else {
                warnings.append("authors[\(i)]: null author ignored")
                continue
            }
            let bytes = UnsafeBufferPointer(rebasing: line[r])
            if i == count - 1, JSONLinesFastPath.isEtAl(bytes) {
                truncated = true
                continue
            }
            let value = interner.value(of: bytes) {
                guard let name = NameParser.parse(Self.string(line, r)) else { return JSONLinesFastPath.emptyName }
                return JSONLinesReader.hasLetterOrDigit(name) ? interner.addName(name) : JSONLinesFastPath.noLetters
            }
            if value >= 0 {
                mentions.append(value)
            } else if value == JSONLinesFastPath.emptyName {
                warnings.append(JSONLinesReader.emptyNameWarning(i))
            } else {
                let raw = NameParser.parse(Self.string(line, r))?.raw ?? Self.string(line, r)
                warnings.append(JSONLinesReader.noLettersWarning(i, raw))
            }
        }
        return (Line(line: line, fields: f, truncated: truncated, location: location), warnings)
    }

    /// Loads, ahead of reading them, the interner slots of the authors of the lines in `block`
    /// (whole lines): a quick scan of each line for `"authors"` and its plain strings, each hashed
    /// to the slot its lookup will start at (`NameInterner.home`), then every slot loaded in one
    /// tight loop (`touch(homes:)`), so that the cache misses of a block's lines overlap instead of
    /// stalling the reader line by line. A hint only: a line the scan misreads (an escape, an
    /// `"authors"` inside a title) is read as usual, just without the head start.
    func touchAuthors(_ block: UnsafeBufferPointer<UInt8>, interner: NameInterner, homes: inout [Int32]) {
        homes.removeAll(keepingCapacity: true)
        let n = block.count
        guard n > 10, let base = block.baseAddress else { return }
        // `"authors"` as one little-endian word after the opening quote: `authors"`.
        let key: UInt64 = 0x2273_726F_6874_7561
        var i = 0
        while i + 10 < n {
            // Find the next quote; then see whether `authors"` follows it.
            if base[i] != 0x22 { i += 1; continue }
            var word: UInt64 = 0
            withUnsafeMutableBytes(of: &word) { $0.baseAddress!.copyMemory(from: base + i + 1, byteCount: 8) }
            guard UInt64(littleEndian: word) == key else { i += 1; continue }
            var j = i + 9
            while j < n && (base[j] == 0x20 || base[j] == 0x3A) { j += 1 }
            guard j < n && base[j] == 0x5B else { i = j; continue }
            j += 1
            while j < n {
                while j < n && (base[j] == 0x20 || base[j] == 0x2C) { j += 1 }
                guard j < n && base[j] == 0x22 else { break }
                var e = j + 1
                while e < n && base[e] != 0x22 && base[e] != 0x5C { e += 1 }
                guard e < n && base[e] == 0x22 else { break }
                homes.append(interner.home(of: UnsafeBufferPointer(start: base + j + 1, count: e - j - 1)))
                j = e + 1
            }
            // On to the next line.
            while j < n && base[j] != 0x0A { j += 1 }
            i = j + 1
        }
        homes.withUnsafeBufferPointer { interner.touch(homes: $0) }
    }

    /// Interned values of spellings that are no author.
    static let emptyName: Int32 = -1
    static let noLetters: Int32 = -2

    /// `AuthorName.isEtAl` on bytes: `et al` or `et al.` (case-insensitive letters), blanks around.
    static func isEtAl(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0, e = b.count
        while s < e, b[s] == 0x20 || b[s] == 0x09 { s += 1 }
        while e > s, b[e - 1] == 0x20 || b[e - 1] == 0x09 { e -= 1 }
        if e > s, b[e - 1] == 0x2E { e -= 1 }
        guard e - s == 5 else { return false }
        let want: StaticString = "et al"
        for k in 0..<5 {
            let c = b[s + k], w = want.utf8Start[k]
            guard c == w || (w != 0x20 && c | 0x20 == w) else { return false }
        }
        return true
    }

    /// The members of one line, or nil when it is not of the flat shape.
    func fields(_ line: UnsafeBufferPointer<UInt8>) -> Fields? {
        var s = Scanner(b: line)
        guard s.peek == UInt8(ascii: "{") else { return nil }
        s.i += 1
        var id: Range<Int>?
        var idText: String?
        var title: Range<Int>?
        var year: Int?
        var date: PaperDate?
        var venue: Range<Int>?, doi: Range<Int>?, url: Range<Int>?, abstract: Range<Int>?, category: Range<Int>?
        var authorsRange: Range<Int>?
        var truncated = false
        s.skipSpace()
        if s.peek == UInt8(ascii: "}") {
            s.i += 1
        } else {
            while true {
                s.skipSpace()
                guard let key = s.plainString() else { return nil }
                s.skipSpace()
                guard s.peek == UInt8(ascii: ":") else { return nil }
                s.i += 1
                s.skipSpace()
                let k = Key(line, key)
                switch k {
                case .authors:
                    guard s.peek == UInt8(ascii: "["), let r = s.flatArray() else { return nil }
                    authorsRange = r
                default:
                    guard let v = s.scalar() else {
                        // Arrays are fine for members nobody reads.
                        guard k == .other, s.peek == UInt8(ascii: "["), s.flatArray() != nil else { return nil }
                        break
                    }
                    switch k {
                    case .id:
                        switch v {
                        case .string(let r):
                            // Plain bytes when nothing is to trim (as `JSONLinesReader.trimmed`).
                            if !r.isEmpty, line[r.lowerBound] > 0x20, line[r.lowerBound] < 0x80,
                               line[r.upperBound - 1] > 0x20, line[r.upperBound - 1] < 0x80 {
                                id = r
                                idText = nil
                            } else {
                                let t = JSONLinesReader.trimmed(Self.string(line, r))
                                id = nil
                                idText = t.isEmpty ? nil : t
                            }
                        case .integer(let n): id = nil; idText = String(n)
                        case .null: id = nil; idText = nil
                        case .bool: return nil
                        }
                    case .title, .venue, .doi, .url, .abstract, .type:
                        let value: Range<Int>?
                        switch v {
                        case .string(let r): value = r
                        case .null: value = nil
                        default: return nil
                        }
                        switch k {
                        case .title: title = value
                        case .venue: venue = value
                        case .doi: doi = value
                        case .url: url = value
                        case .abstract: abstract = value
                        default: category = value
                        }
                    case .year:
                        switch v {
                        case .integer(let n): year = n
                        case .null: year = nil
                        case .string(let r):
                            guard let y = try? JSONLinesReader.yearValue(.string(Self.string(line, r))) else { return nil }
                            year = y
                        case .bool: return nil
                        }
                    case .date:
                        switch v {
                        case .null: date = nil
                        case .string(let r):
                            guard let d = try? JSONLinesReader.dateValue(.string(Self.string(line, r))) else { return nil }
                            date = d
                        default: return nil
                        }
                    case .truncated:
                        switch v {
                        case .bool(let b): truncated = truncated || b
                        case .null: break
                        default: return nil
                        }
                    case .other, .authors: break
                    }
                }
                s.skipSpace()
                if s.peek == UInt8(ascii: ",") { s.i += 1; continue }
                if s.peek == UInt8(ascii: "}") { s.i += 1; break }
                return nil
            }
        }
        s.skipSpace()
        guard s.i == line.count, let authorsRange else { return nil }
        return Fields(id: id, idText: idText, title: title, venue: venue, doi: doi, url: url, abstract: abstract,
                      category: category, year: year, date: date, truncated: truncated, authorsRange: authorsRange)
    }


    @inline(__always)
    static func string(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: line[r]), as: UTF8.self)
    }

    /// The members `record(from:)` reads.
    enum Key: Equatable {
        case id, title, year, date, venue, doi, url, abstract, type, authors, truncated, other

        init(_ line: UnsafeBufferPointer<UInt8>, _ r: Range<Int>) {
            let k = UnsafeBufferPointer(rebasing: line[r])
            func eq(_ s: StaticString) -> Bool {
                s.utf8CodeUnitCount == k.count && memcmp(s.utf8Start, k.baseAddress!, k.count) == 0
            }
            guard !k.isEmpty else { self = .other; return }
            switch k[0] {
            case UInt8(ascii: "i"): self = eq("id") ? .id : .other
            case UInt8(ascii: "t"): self = eq("title") ? .title : eq("type") ? .type : .other
            case UInt8(ascii: "y"): self = eq("year") ? .year : .other
            case UInt8(ascii: "d"): self = eq("date") ? .date : eq("doi") ? .doi : .other
            case UInt8(ascii: "v"): self = eq("venue") ? .venue : .other
            case UInt8(ascii: "u"): self = eq("url") ? .url : .other
            case UInt8(ascii: "a"):
                self = eq("authors") ? .authors : eq("abstract") ? .abstract
                    : eq("authors_truncated") ? .truncated : .other
            case UInt8(ascii: "e"): self = eq("et_al") ? .truncated : .other
            default: self = .other
            }
        }
    }

    enum Value {
        case string(Range<Int>)
        case integer(Int)
        case bool(Bool)
        case null
    }

    /// A cursor over one line's bytes.
    struct Scanner {
        let b: UnsafeBufferPointer<UInt8>
        var i = 0

        @inline(__always) var peek: UInt8 { i < b.count ? b[i] : 0 }

        @inline(__always) mutating func skipSpace() {
            while i < b.count, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
        }

        /// A string without escapes or control characters: the range of its content.
        @inline(__always) mutating func plainString() -> Range<Int>? {
            guard peek == 0x22 else { return nil }
            let s = i + 1
            var j = s
            while j < b.count {
                let c = b[j]
                if c == 0x22 { i = j + 1; return s..<j }
                if c == 0x5C || c < 0x20 { return nil }
                j += 1
            }
            return nil
        }

        /// A string, a non-negative integer without fraction or exponent, `true`, `false` or `null`.
        mutating func scalar() -> Value? {
            let c = peek
            if c == 0x22 { return plainString().map { .string($0) } }
            if c &- 0x30 < 10 {
                var j = i
                var n = 0
                while j < b.count, b[j] &- 0x30 < 10 {
                    guard j - i < 18 else { return nil }
                    n = n * 10 + Int(b[j] &- 0x30)
                    j += 1
                }
                if c == 0x30 && j - i > 1 { return nil }   // a leading zero: the general parser says why
                if j < b.count {
                    let d = b[j]
                    guard d == 0x2C || d == 0x7D || d == 0x5D || d == 0x20 || d == 0x09 || d == 0x0D else { return nil }
                }
                i = j
                return .integer(n)
            }
            if literal("null") { return .null }
            if literal("true") { return .bool(true) }
            if literal("false") { return .bool(false) }
            return nil
        }

        @inline(__always) mutating func literal(_ s: StaticString) -> Bool {
            let n = s.utf8CodeUnitCount
            guard i + n <= b.count, memcmp(s.utf8Start, b.baseAddress! + i, n) == 0 else { return false }
            if i + n < b.count {
                let d = b[i + n]
                guard d == 0x2C || d == 0x7D || d == 0x5D || d == 0x20 || d == 0x09 || d == 0x0D else { return false }
            }
            i += n
            return true
        }

        /// `[scalar, …]`: the range from `[` to after `]`.
        mutating func flatArray() -> Range<Int>? {
            let s = i
            guard peek == 0x5B else { return nil }
            i += 1
            skipSpace()
            if peek == 0x5D { i += 1; return s..<i }
            while true {
                skipSpace()
                guard scalar() != nil else { return nil }
                skipSpace()
                if peek == 0x2C { i += 1; continue }
                if peek == 0x5D { i += 1; return s..<i }
                return nil
            }
        }
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
