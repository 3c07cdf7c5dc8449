import CoauthorParallel
import CoauthorModel
import Foundation

/// Options for identity resolution.
public struct IdentityOptions: Sendable {
    /// Merge an initials-only given name into the one full-name identity it fits (`--merge-initials`).
    public var mergeInitials: Bool
    /// Name thesaurus applied before everything else (`--aliases`).
    public var aliases: AliasTable
    /// Merge records that are the same paper (on by default): the same native id in any file; the
    /// same DOI across files (in one file: with the same title); the same title, year ±1 and a
    /// shared author across files.
    public var deduplicate: Bool

    /// Which resolution runs after the exact keying (`--resolve`).
    public var resolution: Resolution
    /// The evidence pass's thresholds (`resolution == .evidence`).
    public var evidence: EvidenceOptions
    /// The id anchor (`IDLinks.anchorNames`, docs/identity.md rule 6): off by default until the
    /// Python oracles implement it.
    public var anchorIDs = false

    public init(mergeInitials: Bool = false, aliases: AliasTable = AliasTable(), deduplicate: Bool = true,
                resolution: Resolution = .exact, evidence: EvidenceOptions = EvidenceOptions()) {
        self.mergeInitials = mergeInitials
        self.aliases = aliases
        self.deduplicate = deduplicate
        self.resolution = resolution
        self.evidence = evidence
    }
}

/// One record folded into an earlier paper: the same native id (in any file), the same DOI (in
/// another file, or in the same file with the same title), or the same title, year ±1 and a shared
/// author (in another file).
public struct RecordMerge: Sendable, Equatable {
    public enum Reason: String, Sendable, CaseIterable { case id, doi, title }
    /// The paper kept (index into `Corpus.papers`).
    public var paper: Int
    /// The merged record's id and where it was read.
    public var recordID: String
    public var source: SourceLocation
    public var reason: Reason
    /// Whether the merged record's author list replaced the kept one (it was fuller).
    public var tookAuthors: Bool
}

/// Turns a stream of `PaperRecord`s into a `Corpus`: interns spellings, resolves identities,
/// and stores paper membership in flat arrays.
///
/// Each distinct spelling is normalised once (a dictionary lookup per mention, no per-mention
/// Unicode work); identities are settled in `finish()` (initials merging needs every name).
///
/// - Complexity: O(M) dictionary operations for M author mentions, plus O(S log S) for S distinct
///   spellings in `finish()`.
public final class CorpusBuilder {
    public let options: IdentityOptions

    // Spellings: one per distinct signature (primary id, given, family, corporate), kept as bytes
    // in an open-addressing table (`signatureBytes`); the value is the spelling index, or
    // `unusable` for a signature without a usable name.
    private let spellingTable = NameInterner(capacity: 1 << 16)
    @exclusivity(unchecked) private var spellingText: [String] = []
    @exclusivity(unchecked) private var spellingClass: [Int32] = []
    @exclusivity(unchecked) private var spellingCount: [Int] = []
    // Classes: one per distinct identity key before merging.
    // Identity keys (`canonicalBytes`) → class index.
    private let classTable = NameInterner(capacity: 1 << 16)
    @exclusivity(unchecked) private var classKey: [String] = []
    @exclusivity(unchecked) private var classGiven: [String] = []     // given key ("" for ids and corporate)
    @exclusivity(unchecked) private var classFamily: [String] = []    // family key
    @exclusivity(unchecked) private var classIsName: [Bool] = []      // keyed by name (not id, not corporate)
    @exclusivity(unchecked) private var spellingAliased: [Bool] = []  // reached through the alias table
    @exclusivity(unchecked) private var classIDs: [Set<PersistentID>] = []

    @exclusivity(unchecked) private var papers = PaperTable()
    /// Each paper's mentions are `memberSpellings[memberStart[p]..<memberEnd[p]]` (a paper whose
    /// list is replaced by a fuller duplicate points at a later range).
    @exclusivity(unchecked) private var memberStart: [Int] = []
    @exclusivity(unchecked) private var memberEnd: [Int] = []
    @exclusivity(unchecked) private var memberSpellings: [Int32] = []
    // De-duplication: by native id and DOI in any file, by title across input files.
    @exclusivity(unchecked) private var paperByNativeID: [String: Int32] = [:]
    @exclusivity(unchecked) private var paperByDOI: [String: Int32] = [:]
    @exclusivity(unchecked) private var papersByTitle: [String: TitleRuns] = [:]

    /// The papers of one title key, as runs of consecutive papers from one file: a record skips
    /// the papers of its own file in one step (645,000 rows of one title in one file are read in
    /// linear time, not quadratic).
    struct TitleRuns {
        var file: [Int32] = []
        /// Where each run ends in `papers`.
        var end: [Int] = []
        var papers: [Int32] = []

        mutating func add(_ paper: Int32, file f: Int32) {
            papers.append(paper)
            if file.last == f { end[end.count - 1] = papers.count } else { file.append(f); end.append(papers.count) }
        }
    }

    /// A record is compared with at most this many earlier papers of its title from other files
    /// (the first ones read): a title that many papers share ("Editorial", "Preface") says little,
    /// and comparing with all of them would make reading quadratic.
    static let titleCandidateLimit = 1_000
    @exclusivity(unchecked) private var merges: [RecordMerge] = []
    @exclusivity(unchecked) private var sourceFiles: [String] = []
    @exclusivity(unchecked) private var sourceFileIndex: [String: Int32] = [:]
    @exclusivity(unchecked) private var report = BuildReport()

    public init(options: IdentityOptions = IdentityOptions()) {
        self.options = options
    }

    /// The number of papers added so far.
    public var paperCount: Int { papers.count }

    /// One author mention of a paper as added: the spelling as written, the identity key of its
    /// class (`NameKey.key` after aliases: no `--merge-initials` merging, which needs the whole
    /// corpus) and the persistent ids seen with that key.
    public struct Mention: Sendable, Equatable {
        public var spelling: String
        public var key: String
        public var ids: [PersistentID]
    }

    /// The number of paper `p`'s usable mentions (`mentions(ofPaper:).count`, without making them).
    public func mentionCount(ofPaper p: Int) -> Int { memberEnd[p] - memberStart[p] }

    /// Paper `p`'s usable mentions in byline order, a person listed twice included (the
    /// authorship table of `coauthor authorships`: one row per mention). Valid before and after
    /// `finish()`.
    /// - Complexity: O(mentions of `p` · ids per key).
    public func mentions(ofPaper p: Int) -> [Mention] {
        (memberStart[p]..<memberEnd[p]).map { k in
            let s = Int(memberSpellings[k])
            let c = Int(spellingClass[s])
            return Mention(spelling: spellingText[s], key: classKey[c], ids: classIDs[c].sorted())
        }
    }

    /// Adds one paper, or folds it into an earlier paper that is the same paper (`duplicate(of:)`:
    /// the same native id, `PaperRecord.nativeID`, in any file; the same DOI; from another input
    /// file, the same normalised title, years at most one apart and a shared author name), keeping
    /// the fuller author list.
    public func add(_ r: PaperRecord) {
        if r.affiliations.isEmpty {
            var none: [Int32]? = nil
            insert(r, spellings: mentions(of: r, positions: &none))
            return
        }
        var positions: [Int32]? = [Int32](repeating: CorpusBuilder.unusable, count: r.authors.count)
        let spellings = mentions(of: r, positions: &positions)
        let placed = insert(r, spellings: spellings)
        guard placed.tookAuthors else { return }
        // The paper's affiliations now come from this record (a fuller duplicate replaces them).
        affiliationBatch += 1
        paperAffiliationBatch[Int32(placed.paper)] = affiliationBatch
        var linked = Set<Int32>()
        for l in r.affiliationLinks {
            let s = positions![Int(l.author)]
            linked.insert(l.affiliation)
            guard s >= 0 else { continue }
            pendingLinks.append(PendingLink(paper: Int32(placed.paper), spelling: s,
                                            affiliation: affiliationIndex(r.affiliations[Int(l.affiliation)]),
                                            batch: affiliationBatch))
        }
        for (k, a) in r.affiliations.enumerated() where !linked.contains(Int32(k)) {
            pendingLinks.append(PendingLink(paper: Int32(placed.paper), spelling: PaperAffiliation.wholePaper,
                                            affiliation: affiliationIndex(a), batch: affiliationBatch))
        }
    }

    // Affiliations: distinct values, and links waiting for identities (`finish`). A paper's links
    // are those of the last record that gave it its authors (`paperAffiliationBatch`).
    private struct PendingLink {
        var paper: Int32
        var spelling: Int32
        var affiliation: Int32
        var batch: Int32
    }
    private var affiliationList: [Affiliation] = []
    private var affiliationIndexOf: [Affiliation: Int32] = [:]
    private var pendingLinks: [PendingLink] = []
    private var paperAffiliationBatch: [Int32: Int32] = [:]
    private var affiliationBatch: Int32 = 0

    private func affiliationIndex(_ a: Affiliation) -> Int32 {
        if let i = affiliationIndexOf[a] { return i }
        let i = Int32(affiliationList.count)
        affiliationList.append(a)
        affiliationIndexOf[a] = i
        return i
    }

    /// The corpus's affiliation table: pending links with identities for spellings, stale batches
    /// dropped, by paper (stable), each (paper, author, affiliation) once.
    private func affiliationTable(spellingClass: [Int32], classIdentity: [Int32]) -> AffiliationTable {
        var table = AffiliationTable()
        guard !pendingLinks.isEmpty else { return table }
        table.affiliations = affiliationList
        var kept: [PaperAffiliation] = []
        kept.reserveCapacity(pendingLinks.count)
        var seen = Set<PaperAffiliation>()
        let order = pendingLinks.indices.filter { paperAffiliationBatch[pendingLinks[$0].paper] == pendingLinks[$0].batch }
            .sorted { (pendingLinks[$0].paper, $0) < (pendingLinks[$1].paper, $1) }
        for k in order {
            let l = pendingLinks[k]
            let author = l.spelling < 0 ? PaperAffiliation.wholePaper : classIdentity[Int(spellingClass[Int(l.spelling)])]
            let link = PaperAffiliation(paper: l.paper, author: author, affiliation: l.affiliation)
            if seen.insert(link).inserted { kept.append(link) }
        }
        table.links = kept
        return table
    }

    /// Appends names interned by the reader (`NameInterner.takeNames()`), in the order made;
    /// `add(_:names:)` refers to them by index.
    package func addNames(_ names: [AuthorName]) {
        // Only names not yet resolved are kept: every name before `internedBase` is resolved.
        if unresolvedNames == 0 {
            internedBase = internedSpelling.count
            internedNames.removeAll(keepingCapacity: true)
        }
        unresolvedNames += names.count
        internedNames.append(contentsOf: names)
        internedSpelling.append(contentsOf: repeatElement(CorpusBuilder.unresolved, count: names.count))
        internedAliased.append(contentsOf: repeatElement(false, count: names.count))
    }

    /// Loads what the records of a batch will look up for their mentions `names` (values given to
    /// `addNames`): each name's spelling, then that spelling's mention count. These are random
    /// reads into arrays of megabytes; one pass of independent loads over a whole batch overlaps
    /// their cache misses, where the record-by-record loop waits for each in turn.
    package func warm(_ names: UnsafeBufferPointer<Int32>) {
        var sum: Int32 = 0
        internedSpelling.withUnsafeBufferPointer { sp in
            for n in names { sum &+= sp[Int(n)] }
            spellingCount.withUnsafeBufferPointer { counts in
                for n in names {
                    let s = sp[Int(n)]
                    if s >= 0 { sum &+= Int32(truncatingIfNeeded: counts[Int(s)]) }
                }
            }
        }
        warmed &+= sum
    }
    /// What `warm` read (kept, so that the loads are not optimised away).
    @exclusivity(unchecked) public private(set) var warmed: Int32 = 0

    /// Adds a record whose authors are `names` (indices into the names given to `addNames`, in
    /// byline order) instead of `r.authors`: the same as `add` of the record with those authors,
    /// but each distinct name is aliased and keyed once, not once per mention (both are functions
    /// of the name alone), so dedupe, aliases and every count behave exactly as in `add`.
    ///
    /// - Complexity: O(1) array lookups per mention after a name's first.
    package func add(_ r: PaperRecord, names: UnsafeBufferPointer<Int32>) {
        var out = spellings(names)
        insert(r, spellings: out)
        out.removeAll(keepingCapacity: true)
        scratch = out
    }

    /// Adds record `k` of `batch` whose authors are `names` (as `add(_:names:)`): the same as
    /// `add(batch.record(k), names:)`, but without making a `String` per field or a `PaperRecord`
    /// unless the record may fold into an earlier paper (a DOI, a title or a native id, with
    /// de-duplication on).
    package func add(_ batch: FlatRecordBatch, _ k: Int, names: UnsafeBufferPointer<Int32>) {
        var out = spellings(names)
        if options.deduplicate && (batch.has(k, .doi) || batch.withBytes(k, .title, { !$0.isEmpty })
                                   || batch.withBytes(k, .id, { NativePaperID.key(bytes: $0) != nil })) {
            insert(batch.record(k), spellings: out)
        } else {
            let file = fileIndex(batch.files[Int(batch.file[k])])
            appendMembers(out)
            batch.withBytes(k, .id) { papers.id.append(bytes: $0) }
            batch.withBytes(k, .title) { papers.title.append(bytes: $0) }
            papers.year.append(batch.year[k] == .min ? .unknown : Year(batch.year[k]))
            papers.month.append(batch.month[k])
            papers.day.append(batch.day[k])
            papers.venue.append(batch.string(k, .venue))
            papers.category.append(batch.string(k, .category))
            papers.doi.append(batch.string(k, .doi))
            papers.abstract.append(batch.string(k, .abstract))
            papers.authorsTruncated.append(batch.truncated[k])
            papers.sourceFile.append(file)
            papers.sourceLine.append(batch.line[k])
        }
        out.removeAll(keepingCapacity: true)
        scratch = out
    }

    /// Reserves room for about `papers` more papers with `mentions` author mentions and the given
    /// bytes of ids and titles, so that the paper columns and the membership do not grow by
    /// doubling (each doubling a fresh block, copied into and page-faulted; on all of DBLP a fifth
    /// of the builder's page faults). Room beyond what is used costs address space, not memory:
    /// large blocks are mapped lazily, page by page as they are written.
    package func reserve(papers n: Int, mentions: Int, idBytes: Int, titleBytes: Int) {
        let p = papers.count + n
        papers.id.reserveCapacity(p, bytes: papers.id.bytes.count + idBytes)
        papers.title.reserveCapacity(p, bytes: papers.title.bytes.count + titleBytes)
        papers.year.reserveCapacity(p)
        papers.month.reserveCapacity(p)
        papers.day.reserveCapacity(p)
        papers.venue.reserveCapacity(p)
        papers.category.reserveCapacity(p)
        papers.doi.reserveCapacity(p)
        papers.abstract.reserveCapacity(p)
        papers.authorsTruncated.reserveCapacity(p)
        papers.sourceFile.reserveCapacity(p)
        papers.sourceLine.reserveCapacity(p)
        memberStart.reserveCapacity(p)
        memberEnd.reserveCapacity(p)
        memberSpellings.reserveCapacity(memberSpellings.count + mentions)
    }

    /// The spellings of interned names (`addNames`), each name aliased and keyed on first use;
    /// unusable ones counted and left out. Returns the reused scratch array (give it back).
    private func spellings(_ names: UnsafeBufferPointer<Int32>) -> [Int32] {
        resolve(names)   // names met for the first time (BuildPipeline resolves whole runs before)
        var out = scratch   // reused: no array allocated per record
        scratch = []
        out.removeAll(keepingCapacity: true)
        for n in names {
            let k = Int(n)
            report.mentions += 1
            let s = internedSpelling[k]
            if s == CorpusBuilder.unusable {
                report.unusableMentions += 1
                continue
            }
            if internedAliased[k] { report.aliasedMentions += 1 }
            out.append(s)
        }
        return out
    }
    @exclusivity(unchecked) private var scratch: [Int32] = []
    private static let unresolved: Int32 = -2
    private static let unusable: Int32 = -1
    /// Names `internedBase…` (earlier ones are all resolved and dropped).
    @exclusivity(unchecked) private var internedNames: [AuthorName] = []
    @exclusivity(unchecked) private var internedBase = 0
    @exclusivity(unchecked) private var unresolvedNames = 0
    private static let released = AuthorName(raw: "")
    @exclusivity(unchecked) private var internedSpelling: [Int32] = []
    @exclusivity(unchecked) private var internedAliased: [Bool] = []

    /// Adds `r` as a new paper or folds it into the earlier paper it duplicates; returns the paper
    /// and whether its author list is now this record's.
    @discardableResult
    private func insert(_ r: PaperRecord, spellings: [Int32]) -> (paper: Int, tookAuthors: Bool) {
        let file = fileIndex(r.source.file)
        if options.deduplicate, let (p, reason) = duplicate(of: r, file: file, spellings: spellings) {
            let oldCount = memberEnd[p] - memberStart[p]
            let fuller = (papers.authorsTruncated[p] && !r.authorsTruncated && spellings.count >= oldCount)
                || (papers.authorsTruncated[p] == r.authorsTruncated && spellings.count > oldCount)
            if fuller {
                for k in memberStart[p]..<memberEnd[p] { spellingCount[Int(memberSpellings[k])] -= 1 }
                memberStart[p] = memberSpellings.count
                for s in spellings { spellingCount[Int(s)] += 1; memberSpellings.append(s) }
                memberEnd[p] = memberSpellings.count
                papers.authorsTruncated[p] = r.authorsTruncated
            }
            if papers.year[p] == .unknown, let y = r.year { papers.year[p] = Year(clamping: y) }
            if papers.doi[p] == nil, let d = r.doi {
                papers.doi[p] = d
                paperByDOI[CorpusBuilder.doiKey(d)] = paperByDOI[CorpusBuilder.doiKey(d)] ?? Int32(p)
            }
            if let n = r.nativeID { paperByNativeID[n] = paperByNativeID[n] ?? Int32(p) }
            if papers.venue[p] == nil { papers.venue[p] = r.venue }
            if papers.abstract[p] == nil { papers.abstract[p] = r.abstract }
            merges.append(RecordMerge(paper: p, recordID: r.id, source: r.source, reason: reason, tookAuthors: fuller))
            return (paper: p, tookAuthors: fuller)
        }
        let p = papers.count
        appendMembers(spellings)
        papers.id.append(r.id)
        papers.title.append(r.title)
        papers.year.append(r.year.map { Year(clamping: $0) } ?? .unknown)
        papers.month.append(UInt8(clamping: r.date?.month ?? 0))
        papers.day.append(UInt8(clamping: r.date?.day ?? 0))
        papers.venue.append(r.venue)
        papers.category.append(r.category)
        papers.doi.append(r.doi)
        papers.abstract.append(r.abstract)
        papers.authorsTruncated.append(r.authorsTruncated)
        papers.sourceFile.append(file)
        papers.sourceLine.append(Int32(clamping: r.source.line))
        if let n = r.nativeID { papers.nativeID.append(row: p, n) }
        if options.deduplicate {
            if let n = r.nativeID { paperByNativeID[n] = Int32(p) }
            if let d = r.doi { paperByDOI[CorpusBuilder.doiKey(d)] = paperByDOI[CorpusBuilder.doiKey(d)] ?? Int32(p) }
            let t = CorpusBuilder.titleKey(r.title)
            if !t.isEmpty { papersByTitle[t, default: TitleRuns()].add(Int32(p), file: file) }
        }
        return (paper: p, tookAuthors: true)
    }

    /// The next paper's mentions, counted per spelling.
    private func appendMembers(_ spellings: [Int32]) {
        memberStart.append(memberSpellings.count)
        for s in spellings { spellingCount[Int(s)] += 1; memberSpellings.append(s) }
        memberEnd.append(memberSpellings.count)
    }

    private func fileIndex(_ name: String) -> Int32 {
        if let last = lastFile, last.name == name { return last.index }
        if let f = sourceFileIndex[name] { lastFile = (name, f); return f }
        let f = Int32(sourceFiles.count)
        sourceFiles.append(name)
        sourceFileIndex[name] = f
        lastFile = (name, f)
        return f
    }
    @exclusivity(unchecked) private var lastFile: (name: String, index: Int32)?

    /// The spellings of a record's usable author mentions (unusable ones are counted and dropped).
    /// With `positions`, also the spelling of each author by position (`unusable` where dropped).
    private func mentions(of r: PaperRecord, positions: inout [Int32]?) -> [Int32] {
        var out: [Int32] = []
        out.reserveCapacity(r.authors.count)
        for (k, raw) in r.authors.enumerated() {
            report.mentions += 1
            let a = options.aliases.isEmpty ? raw : options.aliases.apply(raw)
            guard let s = spelling(of: a) else {
                report.unusableMentions += 1
                continue
            }
            if a != raw {
                report.aliasedMentions += 1
                spellingAliased[Int(s)] = true
            }
            positions?[k] = s
            out.append(s)
        }
        return out
    }

    /// An earlier paper that `r` duplicates, and why: the same native id in any file; the same
    /// DOI in another file, or in the same file with the same title; the same title (year ±1, a
    /// shared author, no conflicting DOI) in another file.
    ///
    /// Within one file a DOI alone is not enough: DBLP gives the papers of a volume that have no
    /// DOI of their own the volume's (81 papers of SIGMOD 2000 share one in dblp's CSL-YAML).
    private func duplicate(of r: PaperRecord, file: Int32, spellings: [Int32]) -> (Int, RecordMerge.Reason)? {
        if let n = r.nativeID, let p = paperByNativeID[n] { return (Int(p), .id) }
        let t = CorpusBuilder.titleKey(r.title)
        if let d = r.doi {
            let k = CorpusBuilder.doiKey(d)
            if let p = paperByDOI[k] {
                if papers.sourceFile[Int(p)] != file { return (Int(p), .doi) }
                if !t.isEmpty, let runs = papersByTitle[t] {
                    for c in runs.papers where papers.doi[Int(c)].map(CorpusBuilder.doiKey) == k { return (Int(c), .doi) }
                }
            }
        }
        guard !t.isEmpty, let runs = papersByTitle[t] else { return nil }
        let classes = Set(spellings.map { spellingClass[Int($0)] })
        var examined = 0
        for run in runs.file.indices where runs.file[run] != file {
            for c in runs.papers[(run == 0 ? 0 : runs.end[run - 1])..<runs.end[run]] {
                let p = Int(c)
                examined += 1
                if examined > CorpusBuilder.titleCandidateLimit { return nil }
                if let y = r.year, papers.year[p] != .unknown, abs(Int(papers.year[p]) - y) > 1 { continue }
                if r.year == nil || papers.year[p] == .unknown { continue }
                if let d = r.doi, let e = papers.doi[p], CorpusBuilder.doiKey(d) != CorpusBuilder.doiKey(e) { continue }
                let shared = (memberStart[p]..<memberEnd[p]).contains { classes.contains(spellingClass[Int(memberSpellings[$0])]) }
                if shared { return (p, .title) }
            }
        }
        return nil
    }

    /// `10.1000/XYZ` from any common spelling (`https://doi.org/…`, `doi:…`), lower-cased.
    static func doiKey(_ doi: String) -> String {
        // Bytes: trim blanks, lower-case ASCII (DOIs are case-insensitive), drop a resolver prefix.
        var b = Array(doi.utf8)
        while let f = b.first, f == 0x20 || f == 0x09 { b.removeFirst() }
        while let l = b.last, l == 0x20 || l == 0x09 || l == 0x0A || l == 0x0D { b.removeLast() }
        for i in b.indices where b[i] >= 0x41 && b[i] <= 0x5A { b[i] |= 0x20 }
        for prefix in CorpusBuilder.doiPrefixes where b.starts(with: prefix) {
            b.removeFirst(prefix.count)
            break
        }
        return String(decoding: b, as: UTF8.self)
    }
    static let doiPrefixes = ["https://doi.org/", "http://doi.org/", "https://dx.doi.org/", "http://dx.doi.org/", "doi:"]
        .map { Array($0.utf8) }

    /// Titles compared folded (as family names are: accents, case and punctuation ignored).
    static func titleKey(_ title: String) -> String { NameKey.familyKey(title) }

    /// The spelling index of a mention, creating spelling and class on first sight.
    ///
    /// Two mentions are one spelling when their signatures — primary id, given name, family name
    /// (the raw text when there is none), corporate flag — are equal as Swift strings, that is
    /// canonically equivalent. The table compares bytes, so each field goes in as NFC
    /// (`canonicalBytes`): ASCII as it is, anything else normalised first.
    private func spelling(of a: AuthorName) -> Int32? {
        let primary = NameKey.primaryID(a.ids)
        var sig = signatureScratch
        signatureScratch = []
        sig.removeAll(keepingCapacity: true)
        appendSignature(a, primary: primary, to: &sig)
        var created = false
        let s = sig.withUnsafeBufferPointer { b in
            spellingTable.value(of: b) {
                created = true
                return newSpelling(a, primary: primary)
            }
        }
        signatureScratch = sig
        if s == CorpusBuilder.unusable { return nil }
        if !created && a.ids.count > 1 { for id in a.ids { classIDs[Int(spellingClass[Int(s)])].insert(id) } }
        return s
    }

    /// A spelling's signature: primary id (if any), given name, family name (the raw text when
    /// there is none), corporate flag, each field as `appendField` writes it.
    private func appendSignature(_ a: AuthorName, primary: PersistentID?, to sig: inout [UInt8]) {
        if let id = primary {
            sig.append(1)
            appendField(id.description, to: &sig)
        } else {
            sig.append(0)
        }
        appendField(a.given ?? "", to: &sig)
        appendField(a.family ?? a.raw, to: &sig)
        sig.append(a.isCorporate ? 1 : 0)
    }
    @exclusivity(unchecked) private var signatureScratch: [UInt8] = []

    /// A field of a signature: its NFC bytes after their length (LEB128: one byte below 128), so
    /// that the signature of a common name stays short enough to sit inline in the table.
    private func appendField(_ s: String, to out: inout [UInt8]) {
        var field = fieldScratch
        fieldScratch = []
        field.removeAll(keepingCapacity: true)
        CorpusBuilder.appendCanonical(s, to: &field)
        var n = field.count
        while n >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        out.append(UInt8(n))
        out.append(contentsOf: field)
        fieldScratch = field
    }
    @exclusivity(unchecked) private var fieldScratch: [UInt8] = []

    /// The UTF-8 bytes of `s` in Unicode normalisation form C, so that canonically equivalent
    /// strings (which Swift's `==` and hashing treat as equal) have equal bytes; ASCII is already NFC.
    static func appendCanonical(_ s: String, to out: inout [UInt8]) {
        var s = s
        let ascii = s.withUTF8 { b -> Bool in
            for c in b where c >= 0x80 { return false }
            out.append(contentsOf: b)
            return true
        }
        if !ascii { out.append(contentsOf: s.precomposedStringWithCanonicalMapping.utf8) }
    }

    /// A new spelling (and, for a new key, a new class) for a signature not seen before; `unusable`
    /// when it has no usable name.
    private func newSpelling(_ a: AuthorName, primary: PersistentID?) -> Int32 {
        guard let c = ClassKey(a, primary: primary) else { return CorpusBuilder.unusable }
        var keyBytes = classKeyScratch
        classKeyScratch = []
        keyBytes.removeAll(keepingCapacity: true)
        CorpusBuilder.appendCanonical(c.key, to: &keyBytes)
        let s = keyBytes.withUnsafeBufferPointer { newSpelling(a, c, keyBytes: $0) }
        classKeyScratch = keyBytes
        return s
    }

    /// The identity key of a name and its parts, as `newSpelling` files it; nil when the name has
    /// no usable key (a corporate or personal name whose family key is empty).
    struct ClassKey {
        let key: String
        let givenKey: String
        let familyKey: String
        let isName: Bool

        init?(_ a: AuthorName, primary: PersistentID?) {
            familyKey = NameKey.familyKey(a.family ?? a.raw)
            if let id = primary {
                key = id.description
                givenKey = ""
                isName = false
            } else if a.isCorporate {
                guard !familyKey.isEmpty else { return nil }
                key = "corp|" + familyKey
                givenKey = ""
                isName = false
            } else {
                guard !familyKey.isEmpty else { return nil }
                givenKey = NameKey.givenKey(a.given ?? "")
                key = String.joined(givenKey, "|", familyKey)
                isName = true
            }
        }
    }

    /// A new spelling of class key `c` (whose NFC bytes are `keyBytes`), creating the class on its
    /// first spelling.
    private func newSpelling(_ a: AuthorName, _ c: ClassKey, keyBytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let cls = classTable.value(of: keyBytes) {
            let n = Int32(classKey.count)
            classKey.append(c.key)
            classGiven.append(c.givenKey)
            classFamily.append(c.familyKey)
            classIsName.append(c.isName)
            classIDs.append([])
            classGivenRaw.append(nil)
            return n
        }
        for id in a.ids { classIDs[Int(cls)].insert(id) }
        let s = Int32(spellingText.count)
        spellingText.append(a.displayName)
        spellingAliased.append(false)
        spellingClass.append(cls)
        spellingCount.append(0)
        // Remember the raw given name of name classes for initials matching.
        if classGivenRaw[Int(cls)] == nil { classGivenRaw[Int(cls)] = c.isName ? (a.given ?? "") : "" }
        if !c.isName && !a.isCorporate && primaryKeyed(c) {
            let name = IDLinks.Name(family: c.familyKey, given: a.given ?? "")
            if !(idClassNames[cls]?.contains(name) ?? false) { idClassNames[cls, default: []].append(name) }
        }
        return s
    }

    /// Whether a class key is a persistent id (not a corporate name).
    private func primaryKeyed(_ c: ClassKey) -> Bool { !c.key.hasPrefix("corp|") }

    /// Resolves the names of `names` (values given to `addNames`) not resolved yet, in order of
    /// first mention — so spellings and classes get the numbers record-by-record resolution (each
    /// record's `spellings` calling this) gives them, however the names are batched — as
    /// `spelling(of:)` resolves a general record's names, but in three passes over the batch:
    /// aliases, signatures and class keys first (touching the table slots each will look up),
    /// then the spelling lookups, then the class lookups of new spellings. The lookups are random
    /// reads into tables of a hundred megabytes; touched together, their cache misses overlap
    /// instead of following one another (on all of DBLP they were a quarter of the builder's time).
    package func resolve(_ names: UnsafeBufferPointer<Int32>) {
        var pending = pendingScratch
        pendingScratch = []
        pending.removeAll(keepingCapacity: true)
        internedSpelling.withUnsafeMutableBufferPointer { sp in
            for n in names where sp[Int(n)] == CorpusBuilder.unresolved {
                sp[Int(n)] = CorpusBuilder.queued
                pending.append(n)
            }
        }
        guard !pending.isEmpty else { pendingScratch = pending; return }
        // Pass 1: the aliased name, its signature and (when usable) its class key; touch both slots.
        var prepared: [(name: AuthorName, primary: PersistentID?, sig: Range<Int>, key: ClassKey?, keyBytes: Range<Int>)] = []
        prepared.reserveCapacity(pending.count)
        var sigs = signatureScratch, keys = classKeyScratch
        signatureScratch = []
        classKeyScratch = []
        sigs.removeAll(keepingCapacity: true)
        keys.removeAll(keepingCapacity: true)
        for n in pending {
            let k = Int(n)
            let raw = internedNames[k - internedBase]
            let a = options.aliases.isEmpty ? raw : options.aliases.apply(raw)
            internedAliased[k] = a != raw
            let primary = NameKey.primaryID(a.ids)
            let s0 = sigs.count
            appendSignature(a, primary: primary, to: &sigs)
            let c = ClassKey(a, primary: primary)
            let k0 = keys.count
            if let c { CorpusBuilder.appendCanonical(c.key, to: &keys) }
            prepared.append((a, primary, s0..<sigs.count, c, k0..<keys.count))
        }
        sigs.withUnsafeBufferPointer { sb in
            keys.withUnsafeBufferPointer { kb in
                var homes = homeScratch, classHomes = classHomeScratch
                // In chunks small enough that the touched slots stay in the nearer caches (and
                // their pages in the TLB) until their lookups.
                for chunk in stride(from: 0, to: pending.count, by: CorpusBuilder.resolveChunk) {
                    let range = chunk..<min(pending.count, chunk + CorpusBuilder.resolveChunk)
                    homes.removeAll(keepingCapacity: true)
                    classHomes.removeAll(keepingCapacity: true)
                    for p in prepared[range] {
                        homes.append(spellingTable.home(of: UnsafeBufferPointer(rebasing: sb[p.sig])))
                        if p.key != nil { classHomes.append(classTable.home(of: UnsafeBufferPointer(rebasing: kb[p.keyBytes]))) }
                    }
                    homes.withUnsafeBufferPointer { spellingTable.touch(homes: $0) }
                    classHomes.withUnsafeBufferPointer { classTable.touch(homes: $0) }
                    // Then the lookups, in first-mention order.
                    for i in range {
                        let k = Int(pending[i])
                        let p = prepared[i]
                        var created = false
                        let s = spellingTable.value(of: UnsafeBufferPointer(rebasing: sb[p.sig])) {
                            created = true
                            guard let c = p.key else { return CorpusBuilder.unusable }
                            return newSpelling(p.name, c, keyBytes: UnsafeBufferPointer(rebasing: kb[p.keyBytes]))
                        }
                        if s != CorpusBuilder.unusable && !created && p.name.ids.count > 1 {
                            for id in p.name.ids { classIDs[Int(spellingClass[Int(s)])].insert(id) }
                        }
                        internedSpelling[k] = s
                        internedNames[k - internedBase] = CorpusBuilder.released   // not needed again
                        unresolvedNames -= 1
                        if s != CorpusBuilder.unusable && internedAliased[k] { spellingAliased[Int(s)] = true }
                    }
                }
                homeScratch = homes
                classHomeScratch = classHomes
            }
        }
        signatureScratch = sigs
        classKeyScratch = keys
        pendingScratch = pending
    }
    @exclusivity(unchecked) private var pendingScratch: [Int32] = []
    @exclusivity(unchecked) private var homeScratch: [Int32] = []
    @exclusivity(unchecked) private var classHomeScratch: [Int32] = []
    private static let queued: Int32 = -3
    private static let resolveChunk = 256
    @exclusivity(unchecked) private var classKeyScratch: [UInt8] = []
    /// Per class: the raw given name of its first name spelling (nil: none yet, or not a name class).
    @exclusivity(unchecked) private var classGivenRaw: [String?] = []
    /// Per id-keyed class: the family key and given name of each of its spellings (the id anchor).
    @exclusivity(unchecked) private var idClassNames: [Int32: [IDLinks.Name]] = [:]

    /// Settles identities and returns the corpus.
    /// - Parameter progress: called with the share done (0…1) after each stage.
    /// - Parameter threads: with 2 or more on a large corpus, the authors table and the membership
    ///   (and its transpose) are made on two threads; the corpus is the same.
    public func finish(threads: Int = 1, progress: ((Double) -> Void)? = nil) -> Corpus {
        let classCount = classKey.count
        // Union-find over classes (path halving).
        var parent = [Int32](0..<Int32(classCount))
        func find(_ x: Int32) -> Int32 { UnionFind.root(x, &parent) }
        // Ids of different schemes on one mention; `--merge-initials`; name-only classes anchored
        // to the one id identity they fit (`IDLinks`).
        var links = IDLinks(maxEvidenceAuthors: options.evidence.maxEvidenceAuthors)
        let linkMembership = IDLinks.Membership(start: memberStart, end: memberEnd, spellings: memberSpellings,
                                                spellingClass: spellingClass)
        var usedBefore = [Bool](repeating: false, count: classCount)
        for s in 0..<spellingText.count where spellingCount[s] > 0 { usedBefore[Int(spellingClass[s])] = true }
        links.linkIDs(classKey: classKey, classIsName: classIsName, classIDs: classIDs, used: usedBefore,
                      membership: linkMembership, parent: &parent)
        if options.mergeInitials { mergeInitials(into: &parent) }
        if options.anchorIDs { links.anchorNames(classKey: classKey, classIsName: classIsName, classFamily: classFamily, classGiven: classGiven,
                          classGivenRaw: classGivenRaw, idClassNames: idClassNames, used: usedBefore,
                          membership: linkMembership, parent: &parent) }
        links.anchorSubject(classKey: classKey, classIsName: classIsName, classFamily: classFamily,
                            classGivenRaw: classGivenRaw, idClassNames: idClassNames, used: usedBefore,
                            share: options.evidence.subjectShare, minPapers: options.evidence.subjectMinPapers,
                            membership: linkMembership, parent: &parent)
        report.linkedIDs = links.linked
        report.anchoredNames = links.anchored

        // Identity ids: roots in order of first appearance of any member class.
        var identityOfRoot = [Int32](repeating: -1, count: classCount)
        var classIdentity = [Int32](repeating: -1, count: classCount)
        var identityRoot: [Int32] = []
        // Classes whose every mention was dropped with a duplicate record's author list get no identity.
        let used = usedBefore
        for c in 0..<classCount where used[c] {
            let r = Int(find(Int32(c)))
            if identityOfRoot[r] < 0 {
                identityOfRoot[r] = Int32(identityRoot.count)
                identityRoot.append(Int32(r))
            }
            classIdentity[c] = identityOfRoot[r]
        }
        let n = identityRoot.count

        progress?(0.2)
        // The authors table and the membership are independent: on two threads for a large corpus.
        let spellingText = self.spellingText, spellingCount = self.spellingCount, spellingClass = self.spellingClass
        let spellingAliased = self.spellingAliased, classKey = self.classKey, classFamily = self.classFamily
        let classGiven = self.classGiven, classIsName = self.classIsName, classIDs = self.classIDs
        let classGivenRaw = self.classGivenRaw, linkNotes = links.notes
        let memberStart = self.memberStart, memberEnd = self.memberEnd, memberSpellings = self.memberSpellings
        let paperCount = papers.count
        let (classIdentityFinal, identityRootFinal, usedFinal) = (classIdentity, identityRoot, used)
        let (authors, member) = both(parallel: threads > 1 && paperCount >= 100_000, {
            CorpusBuilder.authorTable(n: n, classCount: classCount, used: usedFinal, classIdentity: classIdentityFinal,
                                      identityRoot: identityRootFinal, spellingText: spellingText,
                                      spellingCount: spellingCount, spellingClass: spellingClass,
                                      spellingAliased: spellingAliased, classKey: classKey, classFamily: classFamily,
                                      classGiven: classGiven, classIsName: classIsName, classIDs: classIDs,
                                      classGivenRaw: classGivenRaw, linkNotes: linkNotes)
        }, {
            CorpusBuilder.membership(paperCount: paperCount, authorCount: n, memberStart: memberStart,
                                     memberEnd: memberEnd, memberSpellings: memberSpellings,
                                     spellingClass: spellingClass, classIdentity: classIdentityFinal)
        })
        report.duplicateMentions += member.duplicates
        progress?(0.85)
        report.merges = merges
        let mentions = MentionTable(byPaper: member.mentions, author: member.mentionAuthor, spellingText: spellingText)
        let corpus = Corpus(papers: papers, authors: authors, paperAuthors: member.paperAuthors,
                            authorPapers: member.authorPapers, sourceFiles: sourceFiles, report: report,
                            mentions: mentions,
                            affiliations: affiliationTable(spellingClass: spellingClass, classIdentity: classIdentityFinal))
        #if DEBUG
        corpus._checkInvariants()
        #endif
        switch options.resolution {
        case .exact: return corpus
        case .evidence:
            let resolved = EvidenceResolution(options: options.evidence).resolve(corpus, threads: threads)
            #if DEBUG
            resolved._checkInvariants()
            #endif
            return resolved
        }
    }

    /// The authors table of `finish()`.
    static func authorTable(n: Int, classCount: Int, used: [Bool], classIdentity: [Int32], identityRoot: [Int32],
                            spellingText: [String], spellingCount: [Int], spellingClass: [Int32],
                            spellingAliased: [Bool], classKey: [String], classFamily: [String], classGiven: [String],
                            classIsName: [Bool], classIDs: [Set<PersistentID>], classGivenRaw: [String?],
                            linkNotes: [Int32: [String]] = [:]) -> AuthorTable {
        // Authors table.
        var authors = AuthorTable()
        authors.key = StringColumn(identityRoot.lazy.map { classKey[Int($0)] })
        // Spellings grouped by identity (a counting sort, in spelling order within a group); a
        // group of one — nearly every identity — needs no merging or sorting.
        var groupStart = [Int](repeating: 0, count: n + 1)
        for s in 0..<spellingText.count where spellingCount[s] > 0 { groupStart[Int(classIdentity[Int(spellingClass[s])]) + 1] += 1 }
        for i in 0..<n { groupStart[i + 1] += groupStart[i] }
        var fill = groupStart
        var grouped = [Int32](repeating: 0, count: groupStart[n])
        for s in 0..<spellingText.count where spellingCount[s] > 0 {
            let id = Int(classIdentity[Int(spellingClass[s])])
            grouped[fill[id]] = Int32(s)
            fill[id] += 1
        }
        var start: [Int] = [0]
        start.reserveCapacity(n + 1)
        var text = StringColumn()
        var mentions: [Int] = []
        mentions.reserveCapacity(grouped.count)
        var display = StringColumn()
        for i in 0..<n {
            let g = groupStart[i]..<groupStart[i + 1]
            if g.count == 1 {
                let s = Int(grouped[g.lowerBound])
                text.append(spellingText[s])
                mentions.append(spellingCount[s])
                display.append(spellingText[s])
            } else {
                var row: [AuthorTable.Spelling] = []
                for k in g {
                    let s = Int(grouped[k])
                    if let j = row.firstIndex(where: { $0.text == spellingText[s] }) {
                        row[j].mentions += spellingCount[s]
                    } else {
                        row.append(.init(text: spellingText[s], mentions: spellingCount[s]))
                    }
                }
                row.sort(by: CorpusBuilder.preferredSpelling)
                for sp in row { text.append(sp.text); mentions.append(sp.mentions) }
                display.append(row.first?.text ?? "")
            }
            start.append(mentions.count)
        }
        authors.spellings = SpellingColumn(start: start, text: text, mentions: mentions)!
        // Why the spellings of each identity were joined, and its name parts for suggestions.
        var reasons = [Set<AuthorTable.JoinReason>](repeating: [], count: n)
        var classesOf = [Int](repeating: 0, count: n)
        var spellingsOfClass = [Int](repeating: 0, count: classCount)
        for s in 0..<spellingText.count where spellingCount[s] > 0 {
            let c = Int(spellingClass[s])
            spellingsOfClass[c] += 1
            if spellingAliased[s] { reasons[Int(classIdentity[c])].insert(.alias) }
        }
        for c in 0..<classCount where used[c] {
            let id = Int(classIdentity[c])
            classesOf[id] += 1
            if spellingsOfClass[c] > 1 { reasons[id].insert(classIsName[c] ? .nameFolding : .persistentID) }
        }
        // Several classes in one identity: linked ids, an id anchor, or `--merge-initials`.
        var idClasses = [Int](repeating: 0, count: n), nameClasses = [Int](repeating: 0, count: n)
        for c in 0..<classCount where used[c] {
            let id = Int(classIdentity[c])
            if classIsName[c] { nameClasses[id] += 1 } else if !classKey[c].hasPrefix("corp|") { idClasses[id] += 1 }
        }
        for id in 0..<n where classesOf[id] > 1 {
            if idClasses[id] > 1 { reasons[id].insert(.linkedIDs) }
            if idClasses[id] > 0 && nameClasses[id] > 0 { reasons[id].insert(.idAnchor) }
            if nameClasses[id] > 1 && idClasses[id] == 0 { reasons[id].insert(.initials) }
        }
        if !linkNotes.isEmpty {
            var evidence = [[String]](repeating: [], count: n)
            for c in linkNotes.keys.sorted() where used[Int(c)] { evidence[Int(classIdentity[Int(c)])].append(contentsOf: linkNotes[c]!) }
            authors.evidence = evidence
        }
        authors.joinReasons = reasons
        authors.familyKey = StringColumn(identityRoot.lazy.map { classFamily[Int($0)] })
        authors.givenKey = StringColumn(identityRoot.lazy.map { classGiven[Int($0)] })
        authors.givenName = StringColumn(identityRoot.lazy.map { classGivenRaw[Int($0)] ?? "" })
        authors.displayName = display
        var idsOf = [Set<PersistentID>](repeating: [], count: n)
        for c in 0..<classCount where used[c] && !classIDs[c].isEmpty { idsOf[Int(classIdentity[c])].formUnion(classIDs[c]) }
        authors.ids = idsOf.map { $0.sorted() }

        return authors
    }

    /// The membership of `finish()`: spelling → identity, duplicates within a paper dropped
    /// (byline order kept), and its transpose; with the number of duplicates dropped.
    static func membership(paperCount: Int, authorCount n: Int, memberStart: [Int], memberEnd: [Int],
                           memberSpellings: [Int32], spellingClass: [Int32], classIdentity: [Int32])
        -> (paperAuthors: CSR, authorPapers: CSR, duplicates: Int, mentions: CSR, mentionAuthor: [Int32]) {
        var duplicates = 0
        // Membership: spelling → identity, duplicates within a paper dropped (byline order kept).
        var offsets = [Int]()
        offsets.reserveCapacity(paperCount + 1)
        offsets.append(0)
        var items = [Int32]()
        items.reserveCapacity(memberSpellings.count)
        // Every mention (duplicates kept), for `MentionTable`.
        var mentionOffsets = [Int]()
        mentionOffsets.reserveCapacity(paperCount + 1)
        mentionOffsets.append(0)
        var mentionItems = [Int32]()
        var mentionAuthor = [Int32]()
        mentionItems.reserveCapacity(memberSpellings.count)
        mentionAuthor.reserveCapacity(memberSpellings.count)
        var lastSeen = [Int32](repeating: -1, count: n)
        for p in 0..<paperCount {
            for k in memberStart[p]..<memberEnd[p] {
                let s = memberSpellings[k]
                let id = classIdentity[Int(spellingClass[Int(s)])]
                mentionItems.append(s)
                mentionAuthor.append(id)
                if lastSeen[Int(id)] == Int32(truncatingIfNeeded: p) {
                    duplicates += 1
                    continue
                }
                lastSeen[Int(id)] = Int32(truncatingIfNeeded: p)
                items.append(id)
            }
            offsets.append(items.count)
            mentionOffsets.append(mentionItems.count)
        }
        let membership = CSR(offsets: offsets, items: items)
        return (membership, membership.transposed(columns: n), duplicates,
                CSR(offsets: mentionOffsets, items: mentionItems), mentionAuthor)
    }

    /// Most mentions first; ties: longest (Unicode scalars), then smallest in code-point order.
    static func preferredSpelling(_ a: AuthorTable.Spelling, _ b: AuthorTable.Spelling) -> Bool {
        if a.mentions != b.mentions { return a.mentions > b.mentions }
        let la = a.text.unicodeScalars.count, lb = b.text.unicodeScalars.count
        if la != lb { return la > lb }
        return a.text.unicodeScalars.lexicographicallyPrecedes(b.text.unicodeScalars) { $0.value < $1.value }
    }

    /// `--merge-initials`: an initials-only name class joins the single full-name class with the
    /// same family key and matching initials.
    private func mergeInitials(into parent: inout [Int32]) {
        var fullByFamily: [String: [Int32]] = [:]
        var initialsOnly: [(cls: Int32, initials: [Character])] = []
        for c in 0..<classKey.count where classIsName[c] {
            let given = classGivenRaw[c] ?? ""
            if given.isEmpty { continue }
            if let ini = NameKey.initialsOnly(given) {
                initialsOnly.append((Int32(c), ini))
            } else {
                fullByFamily[classFamily[c], default: []].append(Int32(c))
            }
        }
        for (cls, ini) in initialsOnly {
            let candidates = (fullByFamily[classFamily[Int(cls)]] ?? []).filter {
                NameKey.initials(ofFull: classGivenRaw[Int($0)] ?? "") == ini
            }
            if candidates.count == 1 {
                parent[Int(cls)] = candidates[0]
                report.initialMerges += 1
            }
        }
    }
}
