import CoauthorModel

// The BibTeX scanner: entries, fields, values, macros and locations (the records it makes are in
// BibTeXRecords.swift, cross-references in BibTeXCrossref.swift).


/// A problem with the entry being read: where, and what.
struct BibSyntaxError: Error {
    var offset: Int
    var message: String
    /// Where to resume (a line starting with `@`), when known.
    var resume: Int?
    /// The location of `offset`, when already computed.
    var location: SourceLocation?
}

/// A field value as written: one range of the document, or the bytes of a concatenation (kept in
/// the scanner's `joinedValues`, by index: so the fields of an entry are plain data, copied and
/// dropped without reference counting).
enum BibValue {
    case range(Range<Int>)
    case joined(Int)
}

/// The fields the reader uses.
enum BibField: Int, CaseIterable {
    case author, title, year, date, journal, booktitle, journaltitle, publisher, doi, url, abstract, crossref
    /// Scopus's `affiliations` (older exports: `affiliation`) and `correspondence_address`
    /// (`correspondence_address1`), read by `ScopusAddresses`.
    case affiliations, correspondence
}

/// Room for the used fields of the entry being read: one per scanner, reused for every entry.
final class BibFieldStore {
    let values: UnsafeMutablePointer<BibValue?>
    init() {
        values = .allocate(capacity: BibField.allCases.count)
        values.initialize(repeating: nil, count: BibField.allCases.count)
    }
    deinit { values.deallocate() }                      // `BibValue?` is plain data
}

/// The used fields of one entry: a view of its scanner's `BibFieldStore` (so passing it around
/// copies one pointer), valid until the scanner reads the next entry.
struct BibFields {
    let values: UnsafeMutablePointer<BibValue?>
    subscript(_ f: BibField) -> BibValue? {
        get { values[f.rawValue] }
        nonmutating set { values[f.rawValue] = newValue }
    }
}

/// What an entry hands on to the entries that cross-reference it.
struct CrossrefInfo {
    var year: Int?
    var date: PaperDate?
    var venue: String?
}

/// The byte-level state machine that reads one document.
struct BibScanner {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    /// Where the document's own bytes end: `n` less its `overlap` (a piece read in pieces shows
    /// the header of the entry after it, which ends what is open and is read with the next piece).
    let limit: Int
    let document: SourceDocument
    let sink: RecordSink
    var i = 0
    /// `@string` macros by lower-cased name (raw TeX bytes).
    var macros: [String: [UInt8]]
    /// The concatenated values (`a # b`) of the entry being read, for `BibValue.joined`.
    var joinedValues: [[UInt8]] = []
    /// Bytes copied out of `@string` macros so far, and the most the document may have:
    /// `expansionLimit`. Macros that double at each step (`@string{b = a # a}`) would otherwise
    /// grow a 1.5 KB file to gigabytes.
    var expandedBytes = 0
    var expansionLimit: Int
    /// 64 MiB plus 4 bytes per input byte: far above what real files use (tugboat.bib's 4,839
    /// entries expand ~100 KB), far below what exhausts memory.
    static func expansionLimit(documentSize: Int) -> Int { 64 << 20 + 4 * documentSize }
    /// The used fields of the entry being read.
    let fieldStore = BibFieldStore()
    /// Suppresses warnings while re-reading an earlier entry for a cross-reference.
    var quiet = false
    /// The decoded field bytes (`entryFields`) and interned names of the entry being read.
    var flatScratch: [UInt8] = []
    var nameIDs: [Int32] = []
    /// The name spans seen lately → their values in the sink's interner (names made
    /// there by `addName`). Its own table, small enough to stay in the core's cache: the sink's
    /// table of every name is random reads into megabytes, a cache miss on nearly every mention
    /// (the same span meeting two values after a reset only means the builder resolves it twice).
    var recentNames = NameInterner(capacity: 1 << 14)
    static let recentLimit = 1 << 14

    // Incremental line counting for record locations.
    var countedTo = 0
    var countedLine: Int
    /// Where the line of `countedTo` starts, and the last column counted on it.
    var countedLineStart = 0
    var columnCache: (lineStart: Int, offset: Int, column: Int) = (0, 0, 1)
    /// The line of the entry being read, and the offset of its `@`.
    var entryLine = 1
    var entryStart = 0

    // Cross-references.
    /// Offsets of the `@` of every record entry read so far (for a lazily built key index).
    var entryStarts: [Int] = []
    /// Lower-cased key → offset of the first entry with that key; built on first need.
    var keyIndex: [String: Int]?
    var infoCache: [Int: CrossrefInfo] = [:]
    /// Records waiting for a cross-reference target further down (and those after them, in order).
    var queue: [(record: PaperRecord, waiting: Bool)] = []
    var queueHead = 0
    /// Lower-cased target key → queue positions waiting for it.
    var waiting: [String: [Int]] = [:]
    /// Read in pieces: what only that needs (nil for a whole document).
    var stream: BibStream?

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]

    init(p: UnsafeBufferPointer<UInt8>, document: SourceDocument, sink: RecordSink) {
        self.p = p
        self.n = p.count
        self.limit = max(0, p.count - document.overlap)
        self.document = document
        self.sink = sink
        countedLine = document.firstLine
        expansionLimit = BibScanner.expansionLimit(documentSize: p.count)
        var m: [String: [UInt8]] = [:]
        for name in BibScanner.monthNames {
            m[String(name.prefix(3))] = Array(name.prefix(1).uppercased().utf8) + Array(name.dropFirst().utf8)
        }
        self.macros = m
    }

    // MARK: character classes

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }

    /// BibTeX identifier characters (entry types, field and macro names): printable, not
    /// white space and not one of `"#%'(),={}`.
    @inline(__always) static func isIdent(_ c: UInt8) -> Bool {
        inSet(c, 0xDFFF_EC52_0000_0000, 0x57FF_FFFF_FFFF_FFFF)
    }

    /// True for bytes from 0x80 up, and for ASCII bytes whose bit is set in `low` (0–63) or
    /// `high` (64–127): a character class in two constants, without a jump table.
    @inline(__always) static func inSet(_ c: UInt8, _ low: UInt64, _ high: UInt64) -> Bool {
        c >= 0x80 || ((c < 64 ? low : high) >> UInt64(c & 63)) & 1 != 0
    }

    /// Entry-type characters: identifier characters other than `@`.
    @inline(__always) static func isTypeChar(_ c: UInt8) -> Bool {
        c != 0x40 && isIdent(c)
    }

    /// Citation-key characters: anything but white space, `,`, `=`, braces, parentheses and `"`.
    @inline(__always) static func isKey(_ c: UInt8) -> Bool {
        inSet(c, 0xDFFF_ECFA_0000_0000, 0x57FF_FFFF_FFFF_FFFF)
    }

    @inline(__always) mutating func skipSpaces() {
        while i < n, BibScanner.isSpace(p[i]) { i += 1 }
    }

    /// Skips white space and `%` comment lines (between fields).
    @inline(__always) mutating func skipSpacesAndComments() {
        while i < n {
            let c = p[i]
            if BibScanner.isSpace(c) { i += 1 } else if c == 0x25 {
                while i < n, p[i] != 0x0A { i += 1 }
            } else { return }
        }
    }

    func text(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
    }

    func lowerText(_ r: Range<Int>) -> String {
        let src = UnsafeBufferPointer(rebasing: p[r])
        return String(unsafeUninitializedCapacity: src.count) { out in
            for k in 0..<src.count {
                let c = src[k]
                out[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            }
            return src.count
        }
    }

    /// A short, printable description of the byte at `k` for messages.
    func describe(_ k: Int) -> String {
        guard k < n else { return "the end of the file" }
        let c = p[k]
        if c == 0x0A || c == 0x0D { return "the end of the line" }
        let len = min(TeXDecoder.scalarLength(c), n - k)
        return "'" + text(k..<(k + len)) + "'"
    }

    /// True when the `@` at `k` opens a line (after blanks) and looks like an entry: `@word{`/`@word(`.
    func isEntryStartLine(_ k: Int) -> Bool {
        guard k < n, p[k] == 0x40 else { return false }
        var b = k
        while b > 0, p[b - 1] == 0x20 || p[b - 1] == 0x09 { b -= 1 }
        guard b == 0 || p[b - 1] == 0x0A || p[b - 1] == 0x0D else { return false }
        return looksLikeEntry(k)
    }

    /// `@ ws* word ws* {` or `(` at `k`.
    func looksLikeEntry(_ k: Int) -> Bool {
        RecordBoundary.bibHeaderEnd(p, k) != nil
    }


    /// The next line-start `@` at or after `k` (where reading resumes after an error), or `n`.
    func resyncPoint(from k: Int) -> Int {
        var j = max(k, 0)
        while j < n {
            if p[j] == 0x40, isEntryStartLine(j) { return j }
            j += 1
        }
        return n
    }

    /// The 1-based line of `offset`, counted incrementally for increasing offsets.
    mutating func line(at offset: Int) -> Int {
        guard offset >= countedTo else { return document.line(at: offset) }
        let end = min(offset, n)
        let c = BibScanner.countLineFeeds(p, countedTo, end)
        if c > 0 {
            var k = end - 1
            while p[k] != 0x0A { k -= 1 }
            countedLineStart = k + 1
        }
        countedLine += c
        countedTo = end
        return countedLine
    }

    // MARK: word-at-a-time scanning

    /// `b` in every byte of a word.
    @inline(__always) static func broadcast(_ b: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(b) }

    /// The high bit of each byte of `x` that is zero, exact up to the lowest zero byte (above it a
    /// borrow may mark more), which is all that `firstOf` uses.
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The high bit of exactly the zero bytes of `x`.
    @inline(__always) static func exactZeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The first offset in `from..<to` holding `a`, `b`, `c` or `d` (repeat one to look for fewer),
    /// or `to`. Reads eight bytes at a time (little-endian words, so the lowest marked byte is the
    /// first match).
    /// - Complexity: O(to − from), about a quarter of the instructions of a byte loop.
    @inline(__always)
    static func firstOf(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int,
                        _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        var k = from
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ma = broadcast(a), mb = broadcast(b), mc = broadcast(c), md = broadcast(d)
            while k + 8 <= to {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                let z = zeroBytes(w ^ ma) | zeroBytes(w ^ mb) | zeroBytes(w ^ mc) | zeroBytes(w ^ md)
                if z != 0 { return k + z.trailingZeroBitCount >> 3 }
                k += 8
            }
        }
        while k < to {
            let v = p[k]
            if v == a || v == b || v == c || v == d { return k }
            k += 1
        }
        return to
    }

    /// The number of line feeds in `from..<to`, eight bytes at a time (an exact count of zero bytes
    /// of `word ^ 0x0A…`: no borrows cross bytes).
    /// - Complexity: O(to − from).
    static func countLineFeeds(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var k = from
        var count = 0
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            // Sixteen bytes at a time: each lane counts its line feeds (a true comparison is all
            // ones, -1), up to 255 blocks before the lanes are summed.
            let lf16 = SIMD16<UInt8>(repeating: 0x0A)
            while k + 16 <= to {
                var lanes = SIMD16<UInt8>()
                var blocks = 0
                while blocks < 255, k + 16 <= to {
                    let v = raw.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
                    lanes &-= unsafeBitCast(v .== lf16, to: SIMD16<UInt8>.self)
                    k += 16
                    blocks += 1
                }
                count &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            }
            let lf = broadcast(0x0A), low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while k + 8 <= to {
                let x = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ lf
                // A byte of x is zero exactly when its high bit stays clear in ((x & 7F) + 7F) | x.
                let t = ~(((x & low7) &+ low7) | x | low7)
                // One bit (0x80) per line feed; summed by one multiplication (no popcount needed).
                count &+= Int(((t >> 7) &* 0x0101_0101_0101_0101) >> 56)
                k += 8
            }
        }
        while k < to {
            if p[k] == 0x0A { count &+= 1 }
            k += 1
        }
        return count
    }

    /// `FILE:LINE:COLUMN` of `offset` (the column counts Unicode scalars), counted incrementally
    /// (no line table, no rescanning of long lines) for offsets at or after the last one counted.
    mutating func location(at offset: Int) -> SourceLocation {
        guard offset >= countedTo else { return document.location(at: offset) }
        let ln = line(at: offset)
        let end = min(offset, n)
        if columnCache.lineStart != countedLineStart || columnCache.offset > end {
            columnCache = (countedLineStart, countedLineStart, 1)
        }
        var col = columnCache.column
        var k = columnCache.offset
        while k < end {
            if p[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        columnCache = (countedLineStart, end, col)
        return SourceLocation(file: document.name, line: ln, column: col)
    }

    // MARK: top level

    mutating func run() throws {
        if stream != nil { resumePiece() }
        while i < limit {
            // Junk (a comment in BibTeX) up to the next '@'; a line starting with '%' is skipped whole.
            let c = p[i]
            if c == 0x25, isAtLineStart(i) {
                while i < n, p[i] != 0x0A { i += 1 }
                continue
            }
            guard c == 0x40 else { i += 1; continue }
            let at = i
            if !isAtLineStart(at) && !looksLikeEntry(at) {
                i += 1
                continue
            }
            do {
                entryLine = line(at: at)
                entryStart = at
                try entry(at: at)
            } catch let e as BibSyntaxError {
                let from = max(e.offset, at + 1)
                let resume = e.resume ?? resyncPoint(from: from)
                try sink.skip(e.location ?? location(at: e.offset), e.message)
                if resume >= n && limit < n {
                    // No entry line in what this piece shows: the next piece goes on looking.
                    stream!.resyncFrom = stream!.pieceStart + from
                    i = n
                } else {
                    i = max(resume, at + 1)
                }
            }
        }
        if limit == n {
            try finishCrossrefs()
        } else {
            // Ran into what the next piece holds (an error inside the header there): go on there.
            if i > limit, stream!.resyncFrom == nil { stream!.skipTo = stream!.pieceStart + i }
            stream!.pieceStart += limit
        }
    }

    /// At the start of a piece: where the piece before said to go on.
    mutating func resumePiece() {
        let base = stream!.pieceStart
        if let s = stream!.skipTo {
            stream!.skipTo = nil
            i = max(0, s - base)
        }
        if let r = stream!.resyncFrom {
            stream!.resyncFrom = nil
            i = resyncPoint(from: max(0, r - base))
            if i >= n && limit < n { stream!.resyncFrom = r }
        }
    }

    func isAtLineStart(_ k: Int) -> Bool {
        var b = k
        while b > 0, p[b - 1] == 0x20 || p[b - 1] == 0x09 { b -= 1 }
        return b == 0 || p[b - 1] == 0x0A || p[b - 1] == 0x0D
    }

    /// The word of `isChar` bytes at `i`, lower-cased (an entry type, a macro name), and the blanks
    /// after it; `expected` (what was expected, with what was found) when there is none.
    @inline(__always)
    mutating func lowerWord(_ isChar: (UInt8) -> Bool, expected: @autoclosure () -> String) throws -> String {
        let start = i
        while i < n, isChar(p[i]) { i += 1 }
        guard i > start else { throw BibSyntaxError(offset: i, message: "\(expected()), found \(describe(i))") }
        let word = lowerText(start..<i)
        skipSpaces()
        return word
    }

    /// Reads the entry whose `@` is at `at`; leaves `i` after it.
    mutating func entry(at: Int) throws {
        i = at + 1
        skipSpaces()
        let type = try lowerWord(BibScanner.isTypeChar, expected: "expected an entry type after '@'")
        if type == "comment" {
            // `@comment{…}` is skipped as a balanced group; a bare `@comment` just ends here.
            if i < n, p[i] == 0x7B || p[i] == 0x28 { i = skipCommentGroup(i) }
            return
        }
        guard i < n, p[i] == 0x7B || p[i] == 0x28 else {
            throw BibSyntaxError(offset: i, message: "expected '{' or '(' after '@\(type)', found \(describe(i))")
        }
        let close: UInt8 = p[i] == 0x7B ? 0x7D : 0x29
        i += 1
        switch type {
        case "preamble":
            skipSpaces()
            _ = try value(collect: false, context: .preamble)
            skipSpaces()
            try expectClose(close, after: "the @preamble value")
        case "string":
            skipSpacesAndComments()
            let name = try lowerWord(BibScanner.isIdent, expected: "@string: expected a macro name")
            guard i < n, p[i] == 0x3D else {
                throw BibSyntaxError(offset: i, message: "@string{\(name)}: expected '=', found \(describe(i))")
            }
            i += 1
            skipSpaces()
            let v = try value(collect: true, context: .macro(name))
            skipSpacesAndComments()
            if i < n, p[i] == 0x2C { i += 1; skipSpacesAndComments() }   // a trailing comma is harmless
            try expectClose(close, after: "the @string value")
            switch v {
            case .range(let r)?: macros[name] = Array(UnsafeBufferPointer(rebasing: p[r]))
            case .joined(let k)?: macros[name] = joinedValues[k]
            case nil: macros[name] = []
            }
        default:
            try recordEntry(at: at, type: type, close: close)
        }
    }

    /// Skips `{…}` or `(…)` of an `@comment`; stops early at a line that starts a new entry.
    mutating func skipCommentGroup(_ open: Int) -> Int {
        let o = p[open], c: UInt8 = o == 0x7B ? 0x7D : 0x29
        var depth = 0
        var k = open
        while k < n {
            let b = p[k]
            if b == o { depth += 1 } else if b == c {
                depth -= 1
                if depth == 0 { return k + 1 }
            } else if b == 0x40, isEntryStartLine(k) { return k }
            k += 1
        }
        return n
    }

    mutating func expectClose(_ close: UInt8, after what: String) throws {
        guard i < n, p[i] == close else {
            if i < n, p[i] == 0x40, isEntryStartLine(i) {
                throw BibSyntaxError(offset: i, message: "missing '\(Character(Unicode.Scalar(close)))' after \(what) (the next entry starts here)", resume: i)
            }
            throw BibSyntaxError(offset: i, message: "expected '\(Character(Unicode.Scalar(close)))' after \(what), found \(describe(i))")
        }
        i += 1
    }

    /// An entry whose closing brace never comes: reported at its `@`, resumed at the next entry.
    mutating func notClosed(_ entryName: String) -> BibSyntaxError {
        let loc = location(at: entryStart)
        if i < n {
            return BibSyntaxError(offset: entryStart,
                                  message: "\(entryName): entry not closed before the next entry at line \(line(at: i))",
                                  resume: i, location: loc)
        }
        return BibSyntaxError(offset: entryStart, message: "\(entryName): entry not closed at the end of the file",
                              resume: n, location: loc)
    }

    /// The entry fields, parsed from `i` (just after the opening delimiter).
    mutating func parseBody(close: UInt8, typeName: String, collect: Bool) throws -> (key: Range<Int>, fields: BibFields) {
        if !joinedValues.isEmpty { joinedValues.removeAll(keepingCapacity: true) }
        skipSpaces()
        let keyStart = i
        let key = BibScanner.citationKey(p, at: i)
        i = key.upperBound
        skipSpaces()
        if key.isEmpty || (i < n && p[i] == 0x3D) {
            throw BibSyntaxError(offset: keyStart, message: "@\(typeName): missing citation key")
        }
        let fields = BibFields(values: fieldStore.values)
        for f in BibField.allCases { fields[f] = nil }
        if i < n, p[i] == close { i += 1; return (key, fields) }
        guard i < n, p[i] == 0x2C else {
            if i < n, p[i] == 0x40, isEntryStartLine(i) { throw notClosed("@\(typeName){\(text(key))}") }
            throw BibSyntaxError(offset: i, message: "@\(typeName){\(text(key)): expected ',' after the citation key, found \(describe(i))")
        }
        i += 1
        let keyRange = key
        func entryName() -> String { "@\(typeName){\(text(keyRange))}" }
        while true {
            skipSpacesAndComments()
            guard i < n else { throw notClosed(entryName()) }
            let c = p[i]
            if c == close { i += 1; return (key, fields) }
            if c == 0x40, isEntryStartLine(i) { throw notClosed(entryName()) }
            let nameStart = i
            while i < n, BibScanner.isIdent(p[i]) { i += 1 }
            guard i > nameStart else {
                throw BibSyntaxError(offset: i, message: "\(entryName()): expected a field name, found \(describe(i))")
            }
            let nameEnd = i
            skipSpaces()
            guard i < n, p[i] == 0x3D else {
                throw BibSyntaxError(offset: i, message: "\(entryName()): expected '=' after field '\(text(nameStart..<nameEnd))', found \(describe(i))")
            }
            i += 1
            skipSpaces()
            let field = collect ? BibScanner.field(p, nameStart, nameEnd) : nil
            // The common value, one `{…}` group with no `@` inside and no `#` after it, is taken
            // here; anything else (and any error) goes through `value`, from the same place.
            var v: BibValue?
            let valueStart = i
            if let close = bracedValueEnd(valueStart) {
                i = close + 1
                skipSpaces()
                if i < n, p[i] == 0x23 {
                    i = valueStart
                    v = try value(collect: field != nil, context: .field(name: nameStart..<nameEnd, type: typeName, key: keyRange))
                } else if field != nil {
                    v = .range((valueStart + 1)..<close)
                }
            } else {
                v = try value(collect: field != nil, context: .field(name: nameStart..<nameEnd, type: typeName, key: keyRange))
            }
            if let f = field {
                if let first = fields[f] {
                    // A repeated field is ignored (BibTeX keeps the first); worth a warning when it
                    // says something else (DBLP repeats `url` for every electronic edition: not that).
                    if !quiet, f != .url, f != .doi, let second = v, !sameValue(first, second) {
                        sink.warn(location(at: nameStart),
                                  "\(entryName()): repeated field '\(text(nameStart..<nameEnd))' with another value ignored")
                    }
                } else {
                    fields[f] = v
                }
            }
            skipSpacesAndComments()
            guard i < n else { throw notClosed(entryName()) }
            if p[i] == 0x2C { i += 1; continue }
            if p[i] == close { i += 1; return (key, fields) }
            if p[i] == 0x40, isEntryStartLine(i) { throw notClosed(entryName()) }
            throw BibSyntaxError(offset: i, message: "\(entryName()): expected ',' or '\(Character(Unicode.Scalar(close)))' after field '\(text(nameStart..<nameEnd))', found \(describe(i))")
        }
    }

    /// The offset of the `}` that closes the `{` at `open`, when the group closes and holds no `@`
    /// (which could start the next entry: `value` decides that); nil otherwise, or when `open` is
    /// not a `{`.
    /// - Complexity: O(length of the group), eight bytes at a time.
    @inline(__always)
    func bracedValueEnd(_ open: Int) -> Int? {
        guard open < n, p[open] == 0x7B else { return nil }
        var depth = 1
        var k = open + 1
        while true {
            k = BibScanner.firstOf(p, k, n, 0x7B, 0x7D, 0x40, 0x40)
            guard k < n else { return nil }
            switch p[k] {
            case 0x7B: depth += 1
            case 0x7D:
                depth -= 1
                if depth == 0 { return k }
            default: return nil
            }
            k += 1
        }
    }

    /// The citation key at `at` (after an entry's opening brace and blanks): one word of key
    /// characters, or — Scopus writes keys with spaces (`@ARTICLE{Salvi Malacarne20221093,`) —
    /// further words on the same line when a comma follows them.
    static func citationKey(_ p: UnsafeBufferPointer<UInt8>, at: Int) -> Range<Int> {
        let n = p.count
        var i = at
        while i < n, BibScanner.isKey(p[i]) { i += 1 }
        var end = i
        if end > at {
            var j = end, lastWordEnd = end
            while j < n, p[j] == 0x20 || p[j] == 0x09 || BibScanner.isKey(p[j]) {
                if BibScanner.isKey(p[j]) { lastWordEnd = j + 1 }
                j += 1
            }
            if j < n, p[j] == 0x2C { end = lastWordEnd }
        }
        return at..<end
    }

    /// Which used field the name at `s..<e` is (case-insensitive), if any.
    static func field(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> BibField? {
        @inline(__always) func eq(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == e - s else { return false }
            let w = word.utf8Start
            for k in 0..<(e - s) {
                let c = p[s + k]
                let l = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if l != w[k] { return false }
            }
            return true
        }
        switch e - s {
        case 3: return eq("doi") ? .doi : eq("url") ? .url : nil
        case 4: return eq("year") ? .year : eq("date") ? .date : nil
        case 5: return eq("title") ? .title : nil
        case 6: return eq("author") ? .author : nil
        case 7: return eq("journal") ? .journal : nil
        case 8: return eq("abstract") ? .abstract : eq("crossref") ? .crossref : nil
        case 9: return eq("booktitle") ? .booktitle : eq("publisher") ? .publisher : nil
        case 11: return eq("affiliation") ? .affiliations : nil
        case 12: return eq("journaltitle") ? .journaltitle : eq("affiliations") ? .affiliations : nil
        case 22: return eq("correspondence_address") ? .correspondence : nil
        case 23: return eq("correspondence_address1") ? .correspondence : nil
        default: return nil
        }
    }

    /// What a value belongs to, for messages.
    enum ValueContext {
        case field(name: Range<Int>, type: String, key: Range<Int>)
        case macro(String)
        case preamble
    }

    func describe(_ c: ValueContext) -> String {
        switch c {
        case let .field(name, type, key): return "field '\(text(name))' of @\(type){\(text(key))}"
        case let .macro(name): return "@string{\(name)}"
        case .preamble: return "@preamble"
        }
    }

    /// A value: parts (`{…}`, `"…"`, digits, macro names) joined by `#`. With `collect`, returns it.
    mutating func value(collect: Bool, context: ValueContext) throws -> BibValue? {
        func field() -> String { describe(context) }
        var single: Range<Int>?
        var joined: [UInt8] = []
        var parts = 0
        while true {
            guard i < n else {
                throw BibSyntaxError(offset: n, message: "missing value of \(field()) at the end of the file")
            }
            let c = p[i]
            let partRange: Range<Int>
            var macro: [UInt8]?
            if c == 0x7B || c == 0x22 {
                let open = i
                var depth = 0
                var k = i + 1
                if c == 0x7B { depth = 1 }
                var closed = false
                // Only braces, the closing quote and `@` (a possible next entry) matter.
                let quote: UInt8 = c == 0x22 ? 0x22 : 0x7B
                while true {
                    k = BibScanner.firstOf(p, k, n, 0x7B, 0x7D, 0x40, quote)
                    guard k < n else { break }
                    let b = p[k]
                    if b == 0x7B { depth += 1 } else if b == 0x7D {
                        depth -= 1
                        if depth == 0 && c == 0x7B { closed = true; break }
                        if depth < 0 {
                            throw BibSyntaxError(offset: k, message: "unbalanced '}' in the quoted value of \(field())")
                        }
                    } else if b == 0x22, c == 0x22, depth == 0 {
                        closed = true; break
                    } else if b == 0x40, isEntryStartLine(k) {
                        let loc = location(at: open)
                        throw BibSyntaxError(
                            offset: open,
                            message: "unclosed \(c == 0x7B ? "'{'" : "'\"'") in the value of \(field()) (it runs into the next entry at line \(line(at: k)))",
                            resume: k, location: loc)
                    }
                    k += 1
                }
                guard closed else {
                    throw BibSyntaxError(offset: open, message: "unclosed \(c == 0x7B ? "'{'" : "'\"'") in the value of \(field()) (it runs to the end of the file)")
                }
                partRange = (open + 1)..<k
                i = k + 1
            } else if c >= 0x30 && c <= 0x39 {
                let s = i
                while i < n, p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
                partRange = s..<i
            } else if BibScanner.isIdent(c) && c != 0x40 {
                let s = i
                while i < n, BibScanner.isIdent(p[i]) { i += 1 }
                partRange = s..<i
                if collect {
                    let name = lowerText(partRange)
                    if let m = macros[name] { macro = m } else {
                        macro = []
                        if !quiet {
                            sink.warn(location(at: s), "undefined @string macro '\(text(partRange))' in \(field()) (read as empty)")
                        }
                    }
                }
            } else {
                throw BibSyntaxError(offset: i, message: "expected a value for \(field()), found \(describe(i))")
            }
            parts += 1
            if collect {
                if parts == 1, macro == nil {
                    single = partRange
                } else {
                    if let s = single { joined.append(contentsOf: UnsafeBufferPointer(rebasing: p[s])); single = nil }
                    if let m = macro {
                        expandedBytes += m.count
                        if expandedBytes > expansionLimit {
                            throw RecordError.malformed(location(at: i), "@string macros expand to more than \(expansionLimit) bytes (the limit: 64 MiB + 4 × the file size); macros that double at each step?")
                        }
                        joined.append(contentsOf: m)
                    } else {
                        joined.append(contentsOf: UnsafeBufferPointer(rebasing: p[partRange]))
                    }
                }
            }
            skipSpaces()
            if i < n, p[i] == 0x23 {                      // #
                i += 1
                skipSpaces()
                continue
            }
            break
        }
        guard collect else { return nil }
        if let s = single { return .range(s) }
        joinedValues.append(joined)
        return .joined(joinedValues.count - 1)
    }
}
