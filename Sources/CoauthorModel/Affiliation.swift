import CoauthorOutput
/// An organisation an author mention is affiliated with, as the source gives it: an institution
/// record (OpenAlex: id, ROR, display name, country code, type) or an address line (Web of
/// Science `C1`, PubMed `Affiliation`, Scopus `Authors with affiliations`).
///
/// Organisation identity and country placement are decided later, from these fields
/// (`CoauthorGraph.UnitResolver`): ids first, then the normalised name; the source's country
/// code, else the address.
public struct Affiliation: Hashable, Sendable {
    /// The organisation's name (OpenAlex `display_name`) or the whole address as written.
    public var name: String
    /// Organisation ids: `ror:…`, `openalex:I…`, `scopus:…` (Scopus affiliation id).
    public var ids: [PersistentID]
    /// ISO 3166-1 alpha-2 code, upper case, when the source gives one (OpenAlex `country_code`).
    public var countryCode: String?
    /// The organisation's type where the source gives one (OpenAlex: education, healthcare, company …).
    public var type: String?

    public init(name: String, ids: [PersistentID] = [], countryCode: String? = nil, type: String? = nil) {
        self.name = ControlCharacters.replaced(name)     // no control character from the data
        self.ids = ids
        self.countryCode = countryCode.map { $0.uppercased() }
        self.type = type
    }
}

/// Author `author` (index into `PaperRecord.authors`) has affiliation `affiliation` (index into
/// `PaperRecord.affiliations`).
public struct AffiliationLink: Hashable, Sendable {
    public var author: Int32
    public var affiliation: Int32

    public init(author: Int, affiliation: Int) {
        self.author = Int32(truncatingIfNeeded: author)
        self.affiliation = Int32(truncatingIfNeeded: affiliation)
    }
}

/// Collects a record's affiliations, each distinct one once, and its author links.
public struct AffiliationCollector: Sendable {
    public private(set) var affiliations: [Affiliation] = []
    public private(set) var links: [AffiliationLink] = []
    // Built once there are `hashedFrom` affiliations (links): a paper has a few, which a linear
    // search finds sooner than hashing their names (and without making a table per paper).
    private var index: [Affiliation: Int] = [:]
    private var linked: Set<AffiliationLink> = []
    private static let hashedFrom = 16

    public init() {}

    /// The index of `a`, added on first sight.
    @discardableResult
    public mutating func add(_ a: Affiliation) -> Int {
        if affiliations.count < Self.hashedFrom {
            if let i = affiliations.firstIndex(of: a) { return i }
            affiliations.append(a)
            if affiliations.count == Self.hashedFrom {
                index = Dictionary(uniqueKeysWithValues: zip(affiliations, affiliations.indices))
            }
            return affiliations.count - 1
        }
        if let i = index[a] { return i }
        affiliations.append(a)
        index[a] = affiliations.count - 1
        return affiliations.count - 1
    }

    /// Links author `author` to `a` (once).
    public mutating func link(author: Int, _ a: Affiliation) {
        let l = AffiliationLink(author: author, affiliation: add(a))
        if links.count < Self.hashedFrom {
            guard !links.contains(l) else { return }
            links.append(l)
            if links.count == Self.hashedFrom { linked = Set(links) }
            return
        }
        if linked.insert(l).inserted { links.append(l) }
    }

    /// Puts the collected affiliations and links on `record`, replacing what it had. Links of
    /// authors that were left out (`author` ≥ the record's author count) are dropped.
    public func apply(to record: inout PaperRecord) {
        record.affiliations = affiliations
        record.affiliationLinks = links.filter { Int($0.author) < record.authors.count }
    }
}
