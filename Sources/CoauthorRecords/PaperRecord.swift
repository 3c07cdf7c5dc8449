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
        self.raw = raw
        self.given = given
        self.family = family
        self.isCorporate = isCorporate
        self.ids = ids
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
    public var title: String
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
    public var venue: String?
    /// Subject category (the profile page's two-letter code, a BibTeX entry type …).
    public var category: String?
    public var doi: String?
    public var url: String?
    public var abstract: String?
    public var source: SourceLocation
    /// The paper's distinct affiliations (organisations or addresses), in order of first mention;
    /// empty for sources that carry none (no cost to them: an empty array allocates nothing).
    public var affiliations: [Affiliation]
    /// Which author has which affiliation: an author may have several, an address may list several
    /// authors. Indices into `authors` and `affiliations`, in byline order.
    public var affiliationLinks: [AffiliationLink]

    public init(id: String, title: String, authors: [AuthorName], authorsTruncated: Bool = false,
                year: Int? = nil, date: PaperDate? = nil, venue: String? = nil, category: String? = nil,
                doi: String? = nil, url: String? = nil, abstract: String? = nil, groupAuthors: [String] = [],
                affiliations: [Affiliation] = [], affiliationLinks: [AffiliationLink] = [],
                source: SourceLocation) {
        self.id = id
        self.title = title
        self.authors = authors
        self.authorsTruncated = authorsTruncated
        self.groupAuthors = groupAuthors
        self.year = year ?? date?.year
        self.date = date
        self.venue = venue
        self.category = category
        self.doi = doi
        self.url = url
        self.abstract = abstract
        self.source = source
        self.affiliations = affiliations
        self.affiliationLinks = affiliationLinks
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
