import CoauthorRecords

/// Options for identity resolution.
public struct IdentityOptions: Sendable {
    /// Merge an initials-only given name into the one full-name identity it fits (`--merge-initials`).
    public var mergeInitials: Bool
    /// Name thesaurus applied before everything else (`--aliases`).
    public var aliases: AliasTable

    public init(mergeInitials: Bool = false, aliases: AliasTable = AliasTable()) {
        self.mergeInitials = mergeInitials
        self.aliases = aliases
    }
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

    // Spellings: one per distinct (id key, given, family, corporate) signature.
    private var spellingBySignature: [String: Int32] = [:]
    private var spellingText: [String] = []
    private var spellingClass: [Int32] = []
    private var spellingCount: [Int] = []
    // Classes: one per distinct identity key before merging.
    private var classByKey: [String: Int32] = [:]
    private var classKey: [String] = []
    private var classGiven: [String] = []     // given key ("" for ids and corporate)
    private var classFamily: [String] = []    // family key
    private var classIsName: [Bool] = []      // keyed by name (not id, not corporate)
    private var classIDs: [Set<PersistentID>] = []

    private var papers = PaperTable()
    private var memberOffsets: [Int] = [0]
    private var memberSpellings: [Int32] = []
    private var sourceFiles: [String] = []
    private var sourceFileIndex: [String: Int32] = [:]
    private var report = BuildReport()

    public init(options: IdentityOptions = IdentityOptions()) {
        self.options = options
    }

    /// The number of papers added so far.
    public var paperCount: Int { papers.count }

    /// Adds one paper.
    public func add(_ r: PaperRecord) {
        for raw in r.authors {
            report.mentions += 1
            let a = options.aliases.isEmpty ? raw : options.aliases.apply(raw)
            if a != raw { report.aliasedMentions += 1 }
            guard let s = spelling(of: a) else {
                report.unusableMentions += 1
                continue
            }
            spellingCount[Int(s)] += 1
            memberSpellings.append(s)
        }
        memberOffsets.append(memberSpellings.count)
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
        let file: Int32
        if let f = sourceFileIndex[r.source.file] { file = f } else {
            file = Int32(sourceFiles.count)
            sourceFiles.append(r.source.file)
            sourceFileIndex[r.source.file] = file
        }
        papers.sourceFile.append(file)
        papers.sourceLine.append(Int32(clamping: r.source.line))
    }

    /// The spelling index of a mention, creating spelling and class on first sight.
    private func spelling(of a: AuthorName) -> Int32? {
        let primary = NameKey.primaryID(a.ids)
        var sig = primary?.description ?? ""
        sig += "\u{1F}"
        sig += a.given ?? ""
        sig += "\u{1F}"
        sig += a.family ?? a.raw
        if a.isCorporate { sig += "\u{1F}c" }
        if let s = spellingBySignature[sig] {
            if a.ids.count > 1 { for id in a.ids { classIDs[Int(spellingClass[Int(s)])].insert(id) } }
            return s
        }
        // First sight of this spelling: normalise once.
        let key: String
        let isName: Bool
        if let id = primary {
            key = id.description
            isName = false
        } else {
            guard let k = NameKey.nameKey(given: a.given, family: a.family, raw: a.raw, corporate: a.isCorporate) else {
                return nil
            }
            key = k
            isName = !a.isCorporate
        }
        let cls: Int32
        if let c = classByKey[key] { cls = c } else {
            cls = Int32(classKey.count)
            classByKey[key] = cls
            classKey.append(key)
            classGiven.append(isName ? NameKey.givenKey(a.given ?? "") : "")
            classFamily.append(NameKey.familyKey(a.family ?? a.raw))
            classIsName.append(isName)
            classIDs.append([])
        }
        for id in a.ids { classIDs[Int(cls)].insert(id) }
        let s = Int32(spellingText.count)
        spellingBySignature[sig] = s
        spellingText.append(a.displayName)
        spellingClass.append(cls)
        spellingCount.append(0)
        // Remember the raw given name of name classes for initials matching.
        if isName { givenRawByClass[cls] = givenRawByClass[cls] ?? (a.given ?? "") }
        return s
    }
    private var givenRawByClass: [Int32: String] = [:]

    /// Settles identities and returns the corpus.
    public func finish() -> Corpus {
        let classCount = classKey.count
        // Union-find over classes (path halving).
        var parent = [Int32](0..<Int32(classCount))
        func find(_ x: Int32) -> Int32 {
            var x = x
            while parent[Int(x)] != x {
                parent[Int(x)] = parent[Int(parent[Int(x)])]
                x = parent[Int(x)]
            }
            return x
        }
        if options.mergeInitials { mergeInitials(into: &parent) }

        // Identity ids: roots in order of first appearance of any member class.
        var identityOfRoot = [Int32](repeating: -1, count: classCount)
        var classIdentity = [Int32](repeating: -1, count: classCount)
        var identityRoot: [Int32] = []
        for c in 0..<classCount {
            let r = Int(find(Int32(c)))
            if identityOfRoot[r] < 0 {
                identityOfRoot[r] = Int32(identityRoot.count)
                identityRoot.append(Int32(r))
            }
            classIdentity[c] = identityOfRoot[r]
        }
        let n = identityRoot.count

        // Authors table.
        var authors = AuthorTable()
        authors.key = identityRoot.map { classKey[Int($0)] }
        var spellingsOf = [[AuthorTable.Spelling]](repeating: [], count: n)
        for s in 0..<spellingText.count where spellingCount[s] > 0 {
            let id = Int(classIdentity[Int(spellingClass[s])])
            if let j = spellingsOf[id].firstIndex(where: { $0.text == spellingText[s] }) {
                spellingsOf[id][j].mentions += spellingCount[s]
            } else {
                spellingsOf[id].append(.init(text: spellingText[s], mentions: spellingCount[s]))
            }
        }
        for i in 0..<n {
            spellingsOf[i].sort(by: CorpusBuilder.preferredSpelling)
        }
        authors.spellings = spellingsOf
        authors.displayName = spellingsOf.map { $0.first?.text ?? "" }
        var idsOf = [Set<PersistentID>](repeating: [], count: n)
        for c in 0..<classCount where !classIDs[c].isEmpty { idsOf[Int(classIdentity[c])].formUnion(classIDs[c]) }
        authors.ids = idsOf.map { $0.sorted() }

        // Membership: spelling → identity, duplicates within a paper dropped (byline order kept).
        var offsets = [Int]()
        offsets.reserveCapacity(memberOffsets.count)
        offsets.append(0)
        var items = [Int32]()
        items.reserveCapacity(memberSpellings.count)
        var lastSeen = [Int32](repeating: -1, count: n)
        for p in 0..<(memberOffsets.count - 1) {
            for k in memberOffsets[p]..<memberOffsets[p + 1] {
                let id = classIdentity[Int(spellingClass[Int(memberSpellings[k])])]
                if lastSeen[Int(id)] == Int32(truncatingIfNeeded: p) {
                    report.duplicateMentions += 1
                    continue
                }
                lastSeen[Int(id)] = Int32(truncatingIfNeeded: p)
                items.append(id)
            }
            offsets.append(items.count)
        }
        let membership = CSR(offsets: offsets, items: items)
        return Corpus(papers: papers, authors: authors, paperAuthors: membership,
                      authorPapers: membership.transposed(columns: n),
                      sourceFiles: sourceFiles, report: report)
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
            let given = givenRawByClass[Int32(c)] ?? ""
            if given.isEmpty { continue }
            if let ini = NameKey.initialsOnly(given) {
                initialsOnly.append((Int32(c), ini))
            } else {
                fullByFamily[classFamily[c], default: []].append(Int32(c))
            }
        }
        for (cls, ini) in initialsOnly {
            let candidates = (fullByFamily[classFamily[Int(cls)]] ?? []).filter {
                NameKey.initials(ofFull: givenRawByClass[$0] ?? "") == ini
            }
            if candidates.count == 1 {
                parent[Int(cls)] = candidates[0]
                report.initialMerges += 1
            }
        }
    }
}
