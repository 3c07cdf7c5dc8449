import CoauthorOutput
/// A persistent author identifier that some sources carry next to the name.
///
/// When a mention carries one, identity resolution keys the author by it instead of by the
/// normalised name (see `CoauthorGraph.IdentityResolver`).
public struct PersistentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, CaseIterable, Comparable {
        // New kinds go at the end: snapshots store a kind as its index in `allCases`.
        case orcid, dblp, openalex, s2, acl
        /// Scopus author ids (`scopus:7004212771`) and Scopus affiliation ids (`scopus:60012345`).
        case scopus
        /// Research Organization Registry ids of organisations (`ror:03vek6s52`).
        case ror
        /// Web of Science ResearcherIDs (`researcherid:H-2769-2012`), from `RI`.
        case researcherid
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }
    public var kind: Kind
    public var value: String

    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// `kind:value`, e.g. `orcid:0000-0002-1825-0097`.
    public var description: String { "\(kind.rawValue):\(value)" }

    public static func < (a: PersistentID, b: PersistentID) -> Bool {
        (a.kind, a.value) < (b.kind, b.value)
    }
}

/// One author as a record names them.
public struct AuthorName: Hashable, Sendable {
    /// The text as the source wrote it (after decoding escapes), e.g. `Chi-Hao Wu` or `Huang, Qin`.
    public var raw: String
    /// Given names, when the source or the name parser could tell them apart.
    public var given: String?
    /// Family name (with any "von" particle and "Jr" part), or the whole name of a corporate author.
    public var family: String?
    /// True for a corporate or group author (`{World Health Organization}`, PubMed's `CollectiveName`).
    public var isCorporate: Bool
    /// Persistent ids carried by the source for this mention.
    public var ids: [PersistentID]

    public init(raw: String, given: String? = nil, family: String? = nil,
                isCorporate: Bool = false, ids: [PersistentID] = []) {
        // Control characters (ESC, BEL, C1 …) are replaced here, where every reader's names are
        // made (`ControlCharacters`): no name holds one from here on.
        self.raw = ControlCharacters.replaced(raw)
        self.given = given.map { ControlCharacters.replaced($0) }
        self.family = family.map { ControlCharacters.replaced($0) }
        self.isCorporate = isCorporate
        self.ids = ids
    }

    /// True for `et al.` (`et al`, any case, blanks around; or parsed as given `et`, family `al`):
    /// a mark that the list was cut short, never a person (`RecordSink.emit` drops it and sets
    /// `authorsTruncated`, whichever reader made the record).
    public var isEtAl: Bool {
        if raw.utf8.count <= 12, AuthorName.isEtAl(raw) { return true }
        guard let g = given, let f = family, g.utf8.count == 2, f.utf8.count <= 3 else { return false }
        return g.lowercased() == "et" && (f.lowercased() == "al" || f.lowercased() == "al.")
    }

    /// `et al.` or `et al` in any case, with any spaces or tabs around it.
    public static func isEtAl(_ s: String) -> Bool {
        var u = Substring(s).utf8
        while let f = u.first, f == 0x20 || f == 0x09 { u = u.dropFirst() }
        while let l = u.last, l == 0x20 || l == 0x09 { u = u.dropLast() }
        if u.last == 0x2E { u = u.dropLast() }
        guard u.count == 5 else { return false }
        return zip(u, "et al".utf8).allSatisfy { c, want in c == want || (want != 0x20 && c | 0x20 == want) }
    }

    /// "Given Family" when both parts are known, else the raw text.
    public var displayName: String {
        if let f = family, !f.isEmpty {
            if let g = given, !g.isEmpty { return String.joined(g, " ", f) }
            return f
        }
        return raw
    }
}

/// A calendar date where the source gives one; month and day may be unknown.
public struct PaperDate: Hashable, Sendable, CustomStringConvertible {
    public var year: Int
    public var month: Int?
    public var day: Int?

    public init(year: Int, month: Int? = nil, day: Int? = nil) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// ISO 8601 with as much precision as is known: `2025`, `2025-02`, `2025-02-20`.
    public var description: String {
        var s = String(format4: year)
        if let m = month {
            s += "-" + String(format2: m)
            if let d = day { s += "-" + String(format2: d) }
        }
        return s
    }
}

extension String {
    init(format2 v: Int) { self = v < 10 ? "0\(v)" : "\(v)" }
    init(format4 v: Int) {
        let s = String(v)
        self = v >= 0 && s.count < 4 ? String(repeating: "0", count: 4 - s.count) + s : s
    }
}

/// Where a record came from: the file (or `-` for standard input) and the 1-based line it starts on.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var column: Int?

    public init(file: String, line: Int, column: Int? = nil) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// `FILE:LINE[:COLUMN]`.
    public var description: String {
        if let c = column { return "\(file):\(line):\(c)" }
        return "\(file):\(line)"
    }
}

/// One paper as read from any source.
public struct PaperRecord: Sendable {
    /// The source's own key (BibTeX key, DBLP key, DOI, row number …); unique within its file.
    public var id: String
    /// Control characters are replaced when the title or the venue is set (here and in `init`), so
    /// no record holds one, whichever reader made it (`ControlCharacters`).
    public var title: String { didSet { if ControlCharacters.contains(title) { title = ControlCharacters.replaced(title) } } }
    /// Authors in the order the source lists them.
    public var authors: [AuthorName]
    /// True when the source cut the author list short ("et al.", BibTeX's `and others`).
    public var authorsTruncated: Bool
    /// Group authors the source lists as such (PubMed's `CollectiveName`, e.g. a trial's study
    /// group): kept with the paper, never made a person in the graph.
    public var groupAuthors: [String]
    public var year: Int?
    /// Full date where the source gives more than a year.
    public var date: PaperDate?
    public var venue: String? { didSet { if let v = venue, ControlCharacters.contains(v) { venue = ControlCharacters.replaced(v) } } }
    /// Subject category (the profile page's two-letter code, a BibTeX entry type …).
    public var category: String?
    public var doi: String?
    public var url: String?
    public var abstract: String?
    public var source: SourceLocation
    /// The paper's id in a database that names each paper once, whatever export or file it is
    /// read from (`NativePaperID`): `wos:…`, `eid:2-s2.0-…`, `pmid:…`, `openalex:W…`. Nil for ids
    /// that are unique only within their file (BibTeX keys, row numbers). Records with the same
    /// native id are one paper.
    public var nativeID: String?
    /// The paper's distinct affiliations (organisations or addresses), in order of first mention;
    /// empty for sources that carry none (no cost to them: an empty array allocates nothing).
    public var affiliations: [Affiliation]
    /// Which author has which affiliation: an author may have several, an address may list several
    /// authors. Indices into `authors` and `affiliations`, in byline order.
    public var affiliationLinks: [AffiliationLink]

    /// `nativeID` defaults to what `id` says when it is a native id (`NativePaperID.key(id:)`).
    public init(id: String, title: String, authors: [AuthorName], authorsTruncated: Bool = false,
                year: Int? = nil, date: PaperDate? = nil, venue: String? = nil, category: String? = nil,
                doi: String? = nil, url: String? = nil, abstract: String? = nil, groupAuthors: [String] = [],
                affiliations: [Affiliation] = [], affiliationLinks: [AffiliationLink] = [],
                nativeID: String? = nil, source: SourceLocation) {
        self.id = id
        self.nativeID = nativeID ?? NativePaperID.key(id: id)
        self.title = ControlCharacters.replaced(title)
        self.authors = authors
        self.authorsTruncated = authorsTruncated
        self.groupAuthors = groupAuthors.contains { ControlCharacters.contains($0) } ? groupAuthors.map { ControlCharacters.replaced($0) } : groupAuthors
        self.year = year ?? date?.year
        self.date = date
        self.venue = venue.map { ControlCharacters.replaced($0) }
        self.category = category
        self.doi = doi
        self.url = url
        self.abstract = abstract
        self.source = source
        self.affiliations = affiliations
        self.affiliationLinks = affiliationLinks
    }
}

/// Paper ids that mean the same paper in every file they appear in, recognised by their form:
///
/// | id as exported | key |
/// |---|---|
/// | `WOS:000221807500019` (Web of Science UT) | `wos:000221807500019` |
/// | `MEDLINE:29768149` (a UT of WoS's MEDLINE database) | `pmid:29768149` |
/// | `2-s2.0-85123456789` (Scopus EID) | `eid:2-s2.0-85123456789` |
/// | `https://openalex.org/W2741809807`, `W2741809807` | `openalex:W2741809807` |
///
/// PMIDs are bare numbers, which other sources use for row numbers too: the PubMed and MEDLINE
/// readers give them as `pmid:…` themselves. DOIs are compared separately (`doi`).
public enum NativePaperID {
    /// The key of `id` when it has a native form, else nil.
    public static func key(id: String) -> String? {
        var id = id
        return id.withUTF8 { key(bytes: $0) }
    }

    /// `key(id:)` on the id's UTF-8 bytes; the common case (no native form) costs a few byte
    /// comparisons and no allocation.
    public static func key(bytes b: UnsafeBufferPointer<UInt8>) -> String? {
        guard b.count >= 2 else { return nil }
        switch b[0] {
        case 0x57:   // W
            if b[1] == 0x4F { return suffix(b, after: wos, digitsOnly: false).map { "wos:" + $0 } }   // WOS:
            return b.count >= 3 && allDigits(b, from: 1) ? "openalex:" + String(decoding: b, as: UTF8.self) : nil
        case 0x4D:   // M
            return suffix(b, after: medline, digitsOnly: true).map { "pmid:" + $0 }
        case 0x32:   // 2
            return b.starts(with: eid) && b.count > eid.count && allDigits(b, from: eid.count)
                ? "eid:" + String(decoding: b, as: UTF8.self) : nil
        case 0x68:   // h
            guard let w = suffix(b, after: openalex, digitsOnly: false), w.utf8.count >= 2, w.utf8.first == 0x57,
                  w.utf8.dropFirst().allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
            return "openalex:" + w
        default:
            return nil
        }
    }

    /// The key of a PubMed id.
    public static func pmid(_ id: String) -> String? {
        id.utf8.isEmpty || !id.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) ? nil : "pmid:" + id
    }

    private static let wos = Array("WOS:".utf8), medline = Array("MEDLINE:".utf8), eid = Array("2-s2.0-".utf8)
    private static let openalex = Array("https://openalex.org/".utf8)

    private static func allDigits(_ b: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
        b[i...].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    /// The bytes after `prefix` as text: letters and digits only (and not empty), else nil.
    private static func suffix(_ b: UnsafeBufferPointer<UInt8>, after prefix: [UInt8], digitsOnly: Bool) -> String? {
        guard b.count > prefix.count, b.starts(with: prefix) else { return nil }
        let rest = UnsafeBufferPointer(rebasing: b[prefix.count...])
        for c in rest {
            let digit = c >= 0x30 && c <= 0x39
            let letter = (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
            if !(digit || (!digitsOnly && letter)) { return nil }
        }
        return String(decoding: rest, as: UTF8.self)
    }
}

extension String {
    /// `a + sep + b` in one allocation.
    @inline(__always)
    public static func joined(_ a: String, _ sep: StaticString, _ b: String) -> String {
        var s = ""
        s.reserveCapacity(a.utf8.count + sep.utf8CodeUnitCount + b.utf8.count)
        s += a
        s += sep.description
        s += b
        return s
    }
}
