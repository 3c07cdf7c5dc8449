import CoauthorModel

/// A year column value; `Year.unknown` where the source gives none.
public typealias Year = Int32

extension Year {
    /// The marker for "no year known".
    public static let unknown: Year = .min
}

/// Papers as columns (one entry per paper, indexed `0..<count`).
public struct PaperTable: Sendable {
    public var id = StringColumn()
    public var title = StringColumn()
    public var year: [Year] = []
    /// Month and day where known (0 = unknown).
    public var month: [UInt8] = []
    public var day: [UInt8] = []
    public var venue: [String?] = []
    public var category: [String?] = []
    public var doi: [String?] = []
    public var abstract: [String?] = []
    public var authorsTruncated: [Bool] = []
    /// Index into `Corpus.sourceFiles` and the 1-based line of the record.
    public var sourceFile: [Int32] = []
    public var sourceLine: [Int32] = []
    /// The paper's id in a database that names each paper once (`PaperRecord.nativeID`:
    /// `pmid:…`, `wos:…`, `eid:…`, `openalex:W…`), for the papers whose first record has one.
    public var nativeID = SparseStrings()

    public var count: Int { id.count }

    /// The year of paper `p`, or nil.
    public func yearOf(_ p: Int) -> Int? { year[p] == .unknown ? nil : Int(year[p]) }
}

/// Resolved authors (identities) as columns, indexed `0..<count` in order of first appearance.
public struct AuthorTable: Sendable {
    /// The identity key (`qin|huang`, `orcid:…`, `dblp:Wei Wang 0001`).
    public var key = StringColumn()
    /// The most frequent spelling (ties: longest, then smallest in code-point order).
    public var displayName = StringColumn()
    /// Persistent ids seen on any mention, sorted.
    public var ids: [[PersistentID]] = []
    /// Every spelling seen with its number of mentions, most frequent first.
    public var spellings = SpellingColumn()

    /// Why an identity's spellings are one author.
    public var joinReasons: [Set<JoinReason>] = []
    /// The family and given keys of each identity's name (given is "" for ids and corporate names).
    public var familyKey = StringColumn()
    public var givenKey = StringColumn()
    /// The given name as first written for each identity ("Emilio M.", "EM"; "" when none). Empty
    /// for a snapshot's authors.
    public var givenName = StringColumn()
    /// What the evidence pass (`--resolve evidence`) decided for each author, one line per
    /// decision (empty when it decided nothing, or in exact resolution).
    public var evidence: [[String]] = []
    /// The estimated number of people behind each author: the number of coauthor circles its
    /// papers fall into when it is a name-only author that the evidence would split (1 when clean).
    /// Empty when not computed.
    public var ambiguity: [Int32] = []

    /// The evidence lines of author `a` (none for a snapshot's authors).
    public func evidence(of a: Int) -> [String] { a < evidence.count ? evidence[a] : [] }
    /// The estimated number of people behind author `a` (1 when not computed).
    public func ambiguity(of a: Int) -> Int { a < ambiguity.count ? Int(ambiguity[a]) : 1 }

    public enum JoinReason: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Spellings sharing a persistent id (ORCID, DBLP homonym number, …).
        case persistentID = "id"
        /// Spellings equal after folding case, accents, hyphens and name order.
        case nameFolding = "name folding"
        /// A spelling rewritten by the alias table.
        case alias
        /// An initials-only name merged into the one full name that fits (`--merge-initials`).
        case initials
        /// Variants joined by the evidence pass (compatible given names and shared coauthors).
        case evidence
        /// Split from a name by the evidence pass (disjoint coauthor circles).
        case split
        /// Ids of different schemes written on one mention (ORCID and ResearcherID).
        case linkedIDs = "linked ids"
        /// A name-only identity joined to the one id identity it fits, by shared coauthors.
        case idAnchor = "id anchor"
        public static func < (a: JoinReason, b: JoinReason) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    public struct Spelling: Sendable, Hashable {
        public var text: String
        public var mentions: Int
    }

    public var count: Int { key.count }
}

/// Compressed sparse rows: the items of row `r` are `items[offsets[r]..<offsets[r+1]]`.
public struct CSR: Sendable {
    public var offsets: [Int]
    public var items: [Int32]

    public init(offsets: [Int] = [0], items: [Int32] = []) {
        self.offsets = offsets
        self.items = items
    }

    public var rowCount: Int { offsets.count - 1 }

    @inline(__always) public func row(_ r: Int) -> ArraySlice<Int32> { items[offsets[r]..<offsets[r + 1]] }
    @inline(__always) public func rowLength(_ r: Int) -> Int { offsets[r + 1] - offsets[r] }

    /// The transpose: for every item value `v` in `0..<columns`, the rows that hold it (ascending).
    public func transposed(columns: Int) -> CSR {
        var counts = [Int](repeating: 0, count: columns + 1)
        for v in items { counts[Int(v) + 1] += 1 }
        for i in 0..<columns { counts[i + 1] += counts[i] }
        var fill = counts
        var out = [Int32](repeating: 0, count: items.count)
        for r in 0..<rowCount {
            for k in offsets[r]..<offsets[r + 1] {
                let v = Int(items[k])
                out[fill[v]] = Int32(truncatingIfNeeded: r)
                fill[v] += 1
            }
        }
        return CSR(offsets: counts, items: out)
    }
}

/// Everything read: papers, resolved authors, and which authors wrote which paper.
/// The coauthorship graph is derived from it (`CoauthorGraph(corpus:options:)`) under filters.
public struct Corpus: Sendable {
    public var papers: PaperTable
    public var authors: AuthorTable
    /// Row = paper, items = its distinct authors in byline order.
    public var paperAuthors: CSR
    /// Row = author, items = their papers (ascending): the transpose of `paperAuthors`.
    public var authorPapers: CSR
    /// Input file names, referenced by `PaperTable.sourceFile`.
    public var sourceFiles: [String]
    /// Papers whose every author mention was unusable (no name) — they still count as papers.
    public var report: BuildReport
    /// Every usable author mention as written, with the author it was resolved to (empty for a
    /// corpus loaded from a snapshot, which keeps only the resolved membership).
    public var mentions = MentionTable()
    /// Which author of which paper has which affiliation (empty when no record carried any).
    public var affiliations = AffiliationTable()

    public init(papers: PaperTable, authors: AuthorTable, paperAuthors: CSR, authorPapers: CSR,
                sourceFiles: [String], report: BuildReport, mentions: MentionTable = MentionTable(),
                affiliations: AffiliationTable = AffiliationTable()) {
        self.affiliations = affiliations
        self.papers = papers
        self.authors = authors
        self.paperAuthors = paperAuthors
        self.authorPapers = authorPapers
        self.sourceFiles = sourceFiles
        self.report = report
        self.mentions = mentions
    }
}

/// The author mentions of every paper in byline order (usable mentions only: a mention without a
/// name is left out and does not take a position), each with its spelling as written and the author
/// (index into `Corpus.authors`) it resolved to. Two mentions of one author on one paper are both
/// kept here (the membership `Corpus.paperAuthors` counts them once).
public struct MentionTable: Sendable {
    /// Row = paper, items = the spelling (index into `spellingText`) of each mention, in byline order.
    public var byPaper = CSR()
    /// The author of each mention, parallel to `byPaper.items`.
    public var author: [Int32] = []
    /// Distinct spellings ("Given Family" as written).
    public var spellingText: [String] = []

    public init() {}

    /// Whether the corpus kept its mentions (false for a snapshot's corpus).
    public var isAvailable = false

    public init(byPaper: CSR, author: [Int32], spellingText: [String]) {
        self.byPaper = byPaper
        self.author = author
        self.spellingText = spellingText
        isAvailable = true
    }
}

/// Affiliations of the corpus's author mentions, for organisation and country units
/// (`UnitCorpus`). Empty, and free, for sources without affiliations.
public struct AffiliationTable: Sendable {
    /// Distinct affiliations as read (name, ids, country code, type), in order of first appearance.
    public var affiliations: [Affiliation] = []
    /// One entry per (paper, author, affiliation), by paper and in byline order; `author` is
    /// `PaperAffiliation.wholePaper` for an affiliation its record names for no author (a Web of
    /// Science address without `[authors]`).
    public var links: [PaperAffiliation] = []

    public init() {}

    public var isEmpty: Bool { links.isEmpty }
}

/// Author `author` (index into `Corpus.authors`) of paper `paper` has affiliation `affiliation`
/// (index into `AffiliationTable.affiliations`).
public struct PaperAffiliation: Sendable, Hashable {
    public var paper: Int32
    public var author: Int32
    public var affiliation: Int32
    /// `author` of an affiliation named for the whole paper.
    public static let wholePaper: Int32 = -1
}

/// What identity resolution did, for the summary and the merge log.
public struct BuildReport: Sendable {
    /// Author mentions read (after dropping "et al." markers).
    public var mentions = 0
    /// Mentions dropped because they hold no name at all.
    public var unusableMentions = 0
    /// Mentions rewritten by the alias table.
    public var aliasedMentions = 0
    /// Identities merged by `--merge-initials` (initials-only name → full name).
    public var initialMerges = 0
    /// Id-keyed identities joined because their ids (of different schemes) were written on one
    /// mention (`IDLinks.linkIDs`; not kept in snapshots).
    public var linkedIDs = 0
    /// Name-only identities joined to the one id identity they fit (`IDLinks.anchorNames`; not kept
    /// in snapshots).
    public var anchoredNames = 0
    /// Duplicate mentions of one identity inside one paper, counted once.
    public var duplicateMentions = 0
    /// Records folded into an earlier paper of another input file (same paper).
    public var merges: [RecordMerge] = []
}
