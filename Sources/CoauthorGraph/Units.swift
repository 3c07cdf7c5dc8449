import CoauthorModel

/// What a node of the network stands for: VOSviewer's and bibliometrix's three co-authorship units.
public enum AnalysisUnit: String, Sendable, CaseIterable {
    case author, organization, country
}

/// The organisation an affiliation names, and the key two spellings of one organisation share.
///
/// **Organisation of an address** (`organization(ofAddress:)`): the address is split at commas;
/// the organisation is the first part that is not a sub-unit, that is, whose folded text does not
/// start with a department-level word (`dept`, `department`, `division`, `section`, `unit`, `lab`,
/// `laboratory`, `group`, `program`, `faculty`, `school of`, `chair`, …) and does not contain
/// `key lab`; when every part is a sub-unit, the first part. "Dept. of X, Univ. of Y, City" →
/// "Univ. of Y"; Web of Science's "Univ Florida, Dept Wildlife Ecol, Gainesville" → "Univ Florida".
///
/// **Name key** (`key(_:)`): the name folded (letters and digits, lower case, `CountryTable.fold`),
/// common abbreviations written out (`univ` → `university`, `inst` → `institute`, `natl` →
/// `national`, `ctr`/`centre` → `center`, `acad` → `academy`, `sci` → `science`, `technol` →
/// `technology`, `hosp` → `hospital`, `coll` → `college`, `lab` → `laboratory`, `res` →
/// `research`, `dept` → `department`), a plural `s` dropped from words of more than four letters,
/// and the words `of`, `the`, `at`, `and`, `for`, `in`, `de`, `da`, `do`, `di`, `du`, `des`, `la`,
/// `le`, `del`, `der` left out: "University of Florida", "Univ Florida", "UNIV. OF FLORIDA" and
/// "The University of Florida" are all `university florida`.
public enum OrganizationName {
    static let subUnitWords: Set<String> = [
        "dept", "department", "departments", "departamento", "departament", "departement", "dipartimento",
        "division", "div", "section", "sect", "unit", "lab", "labs", "laboratory", "laboratories",
        "laboratorio", "group", "grp", "program", "programme", "faculty", "fac", "chair", "service",
    ]
    static let abbreviations: [String: String] = [
        "univ": "university", "inst": "institute", "natl": "national", "ctr": "center", "cntr": "center",
        "centre": "center", "acad": "academy", "sci": "science", "technol": "technology", "hosp": "hospital",
        "coll": "college", "lab": "laboratory", "res": "research", "dept": "department", "med": "medicine",
    ]
    static let stopWords: Set<String> = ["of", "the", "at", "and", "for", "in", "de", "da", "do", "di", "du",
                                         "des", "la", "le", "del", "der"]

    /// The organisation part of an address (see the type's documentation).
    public static func organization(ofAddress address: String) -> String {
        let parts = address.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
        guard let first = parts.first else { return address.trimmingSpaces() }
        for p in parts where !isSubUnit(p) { return p }
        return first
    }

    static func isSubUnit(_ part: String) -> Bool {
        let f = CountryTable.fold(part)
        let words = f.split(separator: " ")
        guard let w = words.first else { return false }
        if subUnitWords.contains(String(w)) { return true }
        if w == "school", words.count > 1, words[1] == "of" { return true }
        return f.contains("key lab")
    }

    /// The name key (see the type's documentation).
    public static func key(_ name: String) -> String {
        var out: [String] = []
        for w in CountryTable.fold(name).split(separator: " ") {
            var word = abbreviations[String(w)] ?? String(w)
            if stopWords.contains(word) { continue }
            if word.count > 4, word.hasSuffix("s"), !word.hasSuffix("ss") { word.removeLast() }
            out.append(word)
        }
        return out.joined(separator: " ")
    }
}

/// An organisation thesaurus (`--aliases FILE` with `--unit organization`): VOSviewer's format,
/// `label<TAB>replace by`; an organisation whose name key equals a label's is read as the
/// replacement. The file is read as `AliasTable` reads an author thesaurus (`AliasTable.pairs`,
/// CoauthorIngest's `AliasFiles.swift`).
public struct OrganizationAliases: Sendable {
    /// Name key of a label → the replacement name.
    public private(set) var replacements: [String: String] = [:]

    public init() {}

    public mutating func add(label: String, replaceBy: String) {
        replacements[OrganizationName.key(label)] = replaceBy
    }
}

/// A corpus whose "authors" are organisations or countries: each paper's units are those of its
/// authors' affiliations, so the coauthorship graph built from it (`CoauthorGraph(corpus:)`) is the
/// organisation or country collaboration network, and every command works on it unchanged.
///
/// **Units of a paper.** An author's units are those of their affiliations (distinct); an author
/// without any linked affiliation takes those the record names for the whole paper (a Web of
/// Science address without `[authors]`), if any. Organisation of an affiliation: by id first
/// (`ror:`, then `openalex:`, then `scopus:`), else `org:` + `OrganizationName.key` of the
/// organisation part of the name, after the thesaurus; a country-only affiliation has none.
/// Country: the source's ISO code, else `CountryTable.place(address:)`; an address no rule places
/// is the unit `unknown` ("unknown country"), counted in `unplacedAddresses`.
///
/// **Counting** (Perianes-Rodriguez, Waltman & van Eck 2016, doi:10.1016/j.joi.2016.10.006). Full:
/// a unit counts each paper it appears on once (`CoauthorGraph.nodePapers`), a tie each paper its
/// two units share. Fractional: each paper has weight 1, divided equally over its authors that have
/// at least one unit, each author's share divided equally over their distinct units, and summed per
/// unit (`fractional`): over a paper's units the shares add up to 1, so over all units they add up
/// to the number of papers with units.
///
/// - Complexity: O(P + A + L) for P papers, A author mentions and L affiliation links, plus one
///   organisation or country resolution per distinct affiliation.
public struct UnitCorpus: Sendable {
    public let unit: AnalysisUnit
    /// The corpus with units as its authors (papers unchanged, papers without units keep none).
    public let corpus: Corpus
    /// Each unit's fractional paper count (see the type's documentation).
    public let fractional: [Double]
    /// Per paper, its units' fractional shares: paper `p`'s are `shares[shareStart[p]..<shareStart[p+1]]`.
    public let shareStart: [Int]
    public let shares: [UnitShare]
    /// Affiliation links (author mentions × affiliations) whose address no rule places in a country.
    public let unplacedAddresses: Int
    /// Papers with at least one unit.
    public let papersWithUnits: Int

    /// The key of the country no rule could place.
    public static let unknownCountry = "unknown"

    public struct UnitShare: Sendable, Hashable {
        public var unit: Int32
        public var share: Double
    }

    /// Paper `p`'s unit shares.
    public func shares(of p: Int) -> ArraySlice<UnitShare> { shares[shareStart[p]..<shareStart[p + 1]] }

    public init(_ source: Corpus, unit: AnalysisUnit, aliases: OrganizationAliases = OrganizationAliases(),
                countries: CountryTable = .shared) {
        self.unit = unit
        let table = source.affiliations
        // Each distinct affiliation's unit key, label and ids (nil: no unit of this kind).
        struct Resolved { var key: String; var label: String; var ids: [PersistentID] }
        var resolved: [Resolved?] = []
        resolved.reserveCapacity(table.affiliations.count)
        var unplacedAffiliation = [Bool](repeating: false, count: table.affiliations.count)
        for (k, a) in table.affiliations.enumerated() {
            switch unit {
            case .author:
                resolved.append(nil)
            case .organization:
                let orgIDs = a.ids.filter { $0.kind == .ror || $0.kind == .openalex || $0.kind == .scopus }
                if let id = [PersistentID.Kind.ror, .openalex, .scopus].lazy.compactMap({ k in orgIDs.first { $0.kind == k } }).first {
                    resolved.append(Resolved(key: id.description, label: a.name.isEmpty ? id.description : a.name, ids: orgIDs))
                } else if !a.name.isEmpty {
                    var org = OrganizationName.organization(ofAddress: a.name)
                    if let r = aliases.replacements[OrganizationName.key(org)] { org = r }
                    let key = OrganizationName.key(org)
                    resolved.append(key.isEmpty ? nil : Resolved(key: "org:" + key, label: org, ids: []))
                } else {
                    resolved.append(nil)
                }
            case .country:
                if let c = a.countryCode.flatMap({ countries.country(code: $0) }) ?? (a.name.isEmpty ? nil : countries.place(address: a.name)) {
                    resolved.append(Resolved(key: c.code, label: c.name, ids: []))
                } else if !a.name.isEmpty || a.countryCode != nil {
                    resolved.append(Resolved(key: UnitCorpus.unknownCountry, label: "unknown country", ids: []))
                    unplacedAffiliation[k] = true
                } else {
                    resolved.append(nil)
                }
            }
        }
        // Units in order of first appearance over the papers.
        var unitIndex: [String: Int32] = [:]
        var keys: [String] = [], ids: [[PersistentID]] = []
        var labelCounts: [[String: Int]] = []
        var members: [Int32] = [], offsets = [0]
        var shareList: [UnitShare] = [], shareStart = [0]
        var fractional: [Double] = []
        var unplaced = 0, withUnits = 0
        var links = table.links[...]
        var unitsOfAuthor: [Int32: [Int32]] = [:]
        var paperUnits: [Int32] = [], wholePaper: [Int32] = []
        var shareOfUnit: [Int32: Double] = [:]
        for p in 0..<source.papers.count {
            unitsOfAuthor.removeAll(keepingCapacity: true)
            paperUnits.removeAll(keepingCapacity: true)
            wholePaper.removeAll(keepingCapacity: true)
            shareOfUnit.removeAll(keepingCapacity: true)
            while let l = links.first, Int(l.paper) == p {
                links.removeFirst()
                guard let r = resolved[Int(l.affiliation)] else { continue }
                if unplacedAffiliation[Int(l.affiliation)] { unplaced += 1 }
                let u: Int32
                if let i = unitIndex[r.key] { u = i } else {
                    u = Int32(keys.count)
                    unitIndex[r.key] = u
                    keys.append(r.key)
                    ids.append(r.ids)
                    labelCounts.append([:])
                    fractional.append(0)
                }
                labelCounts[Int(u)][r.label, default: 0] += 1
                if l.author == PaperAffiliation.wholePaper {
                    if !wholePaper.contains(u) { wholePaper.append(u) }
                } else if !(unitsOfAuthor[l.author]?.contains(u) ?? false) {
                    unitsOfAuthor[l.author, default: []].append(u)
                }
            }
            // Authors in byline order with their units; the whole paper's for those without.
            let authors = source.paperAuthors.row(p)
            var withUnit = 0
            for a in authors where !(unitsOfAuthor[a] ?? wholePaper).isEmpty { withUnit += 1 }
            if withUnit == 0, authors.isEmpty, !wholePaper.isEmpty {
                // No author at all: the paper's own addresses count once.
                for u in wholePaper { shareOfUnit[u] = 1 / Double(wholePaper.count); paperUnits.append(u) }
            }
            for a in authors {
                let us = unitsOfAuthor[a] ?? wholePaper
                guard !us.isEmpty else { continue }
                let share = 1 / (Double(withUnit) * Double(us.count))
                for u in us {
                    if shareOfUnit[u] == nil { paperUnits.append(u) }
                    shareOfUnit[u, default: 0] += share
                }
            }
            for u in paperUnits {
                members.append(u)
                let s = shareOfUnit[u]!
                shareList.append(UnitShare(unit: u, share: s))
                fractional[Int(u)] += s
            }
            if !paperUnits.isEmpty { withUnits += 1 }
            offsets.append(members.count)
            shareStart.append(shareList.count)
        }
        // The units as an authors table: the label most often seen (ties: the first seen, in
        // code-point order among equals), every label as a spelling.
        var authors = AuthorTable()
        var spellingRows: [[AuthorTable.Spelling]] = []
        for (u, key) in keys.enumerated() {
            let labels = labelCounts[u].map { AuthorTable.Spelling(text: $0.key, mentions: $0.value) }
                .sorted { ($1.mentions, $0.text) < ($0.mentions, $1.text) }
            authors.key.append(key)
            authors.displayName.append(unit == .country ? (countries.country(code: key)?.name ?? "unknown country") : labels[0].text)
            authors.ids.append(ids[u].sorted())
            authors.familyKey.append(key)
            authors.givenKey.append("")
            spellingRows.append(labels)
        }
        authors.spellings = SpellingColumn(spellingRows)
        authors.joinReasons = [Set<AuthorTable.JoinReason>](repeating: [], count: keys.count)
        let paperAuthors = CSR(offsets: offsets, items: members)
        var report = BuildReport()
        report.mentions = members.count
        corpus = Corpus(papers: source.papers, authors: authors, paperAuthors: paperAuthors,
                        authorPapers: paperAuthors.transposed(columns: keys.count), sourceFiles: source.sourceFiles,
                        report: report, affiliations: AffiliationTable())
        self.fractional = fractional
        self.shareStart = shareStart
        self.shares = shareList
        self.unplacedAddresses = unplaced
        self.papersWithUnits = withUnits
    }
}
