import CoauthorModel

/// What the XML readers share: a scanner over a document, locations for its byte offsets, and the
/// conversion of scanner errors into `RecordError`s.
struct XMLInput {
    let document: SourceDocument
    var scanner: XMLScanner
    private var locator: XMLLocator

    init(_ document: SourceDocument, entities: XMLEntityTable = .predefined) {
        self.document = document
        scanner = XMLScanner(bytes: document.bytes, options: XMLScanner.Options(entities: entities))
        locator = XMLLocator(document)
    }

    /// The next event; nil at the end.
    /// - Throws: `RecordError.truncated` or `.malformed`, located, when the document is not well-formed.
    mutating func next() throws -> XMLScanner.Event? {
        do {
            return try scanner.next()
        } catch let e as XMLScanner.Error {
            var what = e.message
            if let o = e.openedAt {
                let l = locator.location(at: o)
                what += ", opened at line \(l.line)"
            }
            let loc = locator.location(at: e.offset)
            throw e.kind == .truncated ? RecordError.truncated(loc, what) : RecordError.malformed(loc, what)
        }
    }

    /// `FILE:LINE:COLUMN` of a byte offset.
    mutating func location(at offset: Int) -> SourceLocation { locator.location(at: offset) }

    /// `FILE:LINE` of a byte offset (for a record's `source`).
    mutating func lineLocation(at offset: Int) -> SourceLocation {
        SourceLocation(file: document.name, line: locator.line(at: offset))
    }

    /// The decoded text of a text or CDATA event.
    func text(_ e: XMLScanner.Event) -> String { scanner.decodedText(e) }

    /// The diagnostic for an event's bad reference.
    mutating func referenceProblem(_ e: XMLScanner.Event) -> (SourceLocation, String)? {
        guard let b = e.badReference else { return nil }
        return (location(at: b), scanner.describeReference(at: b))
    }

    /// Checks that the document's root element is `name`.
    /// - Throws: `RecordError.malformed` otherwise.
    mutating func expectRoot(_ e: XMLScanner.Event, _ name: StaticString, format: String) throws {
        guard scanner.isName(e.name, name) else {
            throw RecordError.malformed(location(at: e.offset),
                                        "the root element is <\(scanner.string(e.name))>, not <\(name)>: not \(format)")
        }
    }
}

/// Turns byte offsets into locations while a reader moves forward through a document, counting
/// lines as it goes instead of building the line table of the whole document (which for a 4 GB
/// dblp.xml would take gigabytes). Moving backwards restarts the count from the top.
struct XMLLocator {
    let document: SourceDocument
    private var offset = 0
    private var line: Int
    private var lineStart = 0

    init(_ document: SourceDocument) {
        self.document = document
        line = document.firstLine
    }

    mutating func line(at o: Int) -> Int {
        advance(to: o)
        return line
    }

    /// `FILE:LINE:COLUMN`; the column counts Unicode scalars from 1, as `SourceDocument` does.
    mutating func location(at o: Int) -> SourceLocation {
        advance(to: o)
        return SourceLocation(file: document.name, line: line, column: document.column(at: o, lineStart: lineStart))
    }

    private mutating func advance(to o: Int) {
        if o < offset { offset = 0; line = document.firstLine; lineStart = 0 }
        let end = min(o, document.bytes.count)
        guard end > offset else { return }
        let from = offset
        document.bytes.withUnsafeBufferPointer { p in
            // Line feeds counted eight or sixteen bytes at a time; the last one found backwards.
            let count = BibScanner.countLineFeeds(p, from, end)
            guard count > 0 else { return }
            line += count
            var i = end - 1
            while p[i] != 0x0A { i -= 1 }
            lineStart = i + 1
        }
        offset = end
    }
}

enum XMLText {
    /// XML white space (space, tab, line feed, carriage return) trimmed and each run turned into one space.
    static func collapse(_ s: String) -> String {
        var s = s
        if s.withUTF8({ !needsCollapse($0) }) { return s }
        var out = Array(s.utf8)
        return collapse(&out)
    }

    /// `collapse` of text collected as bytes: the bytes collapsed in place (each run of white space
    /// becomes at most one byte, so the write never overtakes the read), then one string made.
    static func collapse(_ bytes: inout [UInt8]) -> String {
        if bytes.withUnsafeBufferPointer({ !needsCollapse($0) }) { return String(decoding: bytes, as: UTF8.self) }
        let count = bytes.withUnsafeMutableBufferPointer { b -> Int in
            var w = 0
            var pending = false
            for r in 0..<b.count {
                let c = b[r]
                if c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D {
                    pending = w > 0
                } else {
                    if pending { b[w] = 0x20; w += 1; pending = false }
                    b[w] = c
                    w += 1
                }
            }
            return w
        }
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[0..<count]), as: UTF8.self) }
    }

    /// Whether `collapse` would change `b`: white space at either end, a line feed, tab or carriage
    /// return, or two spaces in a row. Eight bytes at a time (text to collapse is mostly words
    /// between single spaces, which need no change).
    static func needsCollapse(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = b.count
        guard n > 0, let base = b.baseAddress else { return false }
        func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D }
        if isSpace(b[0]) || isSpace(b[n - 1]) { return true }
        let raw = UnsafeRawPointer(base)
        let space = BibScanner.broadcast(0x20), lf = BibScanner.broadcast(0x0A)
        let tab = BibScanner.broadcast(0x09), cr = BibScanner.broadcast(0x0D)
        var k = 0
        var previousSpace = false   // the byte before `k` is a space
        while k + 8 <= n {
            let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
            if BibScanner.exactZeroBytes(w ^ lf) | BibScanner.exactZeroBytes(w ^ tab) | BibScanner.exactZeroBytes(w ^ cr) != 0 {
                return true
            }
            // The high bit of each space byte; a byte and the next both spaces: bits 8 apart.
            let sp = BibScanner.exactZeroBytes(w ^ space)
            if sp & (sp << 8) != 0 || (previousSpace && sp & 0x80 != 0) { return true }
            previousSpace = sp >> 63 != 0
            k += 8
        }
        while k < n {
            let c = b[k]
            if c == 0x0A || c == 0x09 || c == 0x0D { return true }
            if c == 0x20 {
                if previousSpace { return true }
                previousSpace = true
            } else {
                previousSpace = false
            }
            k += 1
        }
        return false
    }

    /// The first run of exactly four ASCII digits in `s` as a year (`2018 Jul-Aug` → 2018).
    static func firstYear(_ s: String) -> Int? {
        let u = Array(s.utf8)
        var i = 0
        while i < u.count {
            guard u[i] >= 0x30 && u[i] <= 0x39 else { i += 1; continue }
            var j = i
            while j < u.count, u[j] >= 0x30 && u[j] <= 0x39 { j += 1 }
            if j - i == 4 { return u[i..<j].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
            i = j
        }
        return nil
    }

    /// The DOI in a `https://doi.org/…` (or `dx.doi.org`) link, else nil.
    static func doi(fromLink link: String) -> String? {
        // Compared byte by byte: this runs for every <ee> of dblp.xml.
        var u = Substring(link).utf8
        func drop(_ p: StaticString) -> Bool {
            let n = p.utf8CodeUnitCount
            guard u.count >= n else { return false }
            var i = u.startIndex
            for k in 0..<n {
                if u[i] != p.utf8Start[k] { return false }
                i = u.index(after: i)
            }
            u = u[i...]
            return true
        }
        guard drop("http") else { return nil }
        _ = drop("s")
        guard drop("://") else { return nil }
        _ = drop("dx.")
        guard drop("doi.org/"), !u.isEmpty else { return nil }
        return String(Substring(u))
    }
}
