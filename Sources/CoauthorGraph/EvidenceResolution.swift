import CoauthorModel

/// Which identity resolution runs after the exact keying (`--resolve`).
public enum Resolution: String, Sendable, CaseIterable {
    /// The exact step only: one author per persistent id or normalised name (`docs/identity.md`).
    case exact
    /// The exact step, then `EvidenceResolution`: variants joined and homonyms split by evidence.
    case evidence
}

/// Thresholds of the evidence pass (`docs/identity.md`, "Evidence").
public struct EvidenceOptions: Sendable, Equatable {
    /// A paper with more distinct authors than this gives no coauthor evidence (it stays a circle
    /// of its own until a venue attaches it).
    public var maxEvidenceAuthors: Int
    /// Circles of at most this many papers are attached to the largest circle of the same name
    /// that shares a venue with them, else to the largest circle (a paper without shared
    /// coauthors is no evidence of another person).
    public var smallCircle: Int
    /// An author on more than this share of a corpus's papers (of at least `subjectMinPapers`) is
    /// the corpus's subject (a profile page's owner, a researcher's own export) and never split.
    public var subjectShare: Double
    public var subjectMinPapers: Int
    /// Name blocks (same family name and first initial) with more authors than this are not
    /// searched for joins (counted in `EvidenceReport.skippedBlocks`).
    public var maxBlock: Int
    /// Only names whose prior (`EvidenceResolution.namePriors`: the expected number of other people
    /// with the same given and family name in the corpus) is at least this are split.
    public var minNamePrior: Double

    /// A coauthor whose name prior is at least this (the name itself likely stands for several
    /// people: "Wei Zhang") does not join two papers of a name into one circle.
    public var weakCoauthorPrior: Double
    /// Circles of one name are joined when at least `egoLinks` distinct pairs of their coauthors,
    /// each with a name prior below `egoPrior`, have written a paper together (the coauthors'
    /// own ties: the ego-network of ego-splitting).
    public var egoLinks: Int
    public var egoPrior: Double

    public init(maxEvidenceAuthors: Int = 100, smallCircle: Int = 2, subjectShare: Double = 0.5,
                subjectMinPapers: Int = 10, maxBlock: Int = 5_000, minNamePrior: Double = 0.05,
                weakCoauthorPrior: Double = 1.0, egoLinks: Int = 2, egoPrior: Double = 0.05) {
        self.weakCoauthorPrior = weakCoauthorPrior
        self.egoLinks = egoLinks
        self.egoPrior = egoPrior
        self.minNamePrior = minNamePrior
        self.maxEvidenceAuthors = maxEvidenceAuthors
        self.smallCircle = smallCircle
        self.subjectShare = subjectShare
        self.subjectMinPapers = subjectMinPapers
        self.maxBlock = maxBlock
    }
}

/// One word of a given name, folded (`norm`): a full word or a single initial.
struct GivenToken: Equatable {
    var text: String
    var isInitial: Bool

    func matches(_ o: GivenToken) -> Bool {
        if !isInitial && !o.isInitial { return text == o.text }
        return text.first == o.text.first
    }

    /// The words of a given name as written: split at anything not a letter or a hyphen; the
    /// hyphenated parts of a word are one written-out name ("Wei-Nan" → "weinan") unless each is a
    /// single letter ("J.-R." → two initials); a word of two or
    /// three capitals with no lower-case letter in the whole given name ("EM", "HL": Web of
    /// Science, MEDLINE) is read as that many initials; a one-letter word is an initial.
    static func tokens(_ given: String) -> [GivenToken] {
        var words: [String] = []
        var cur = String.UnicodeScalarView()
        var hasLower = false
        for u in given.unicodeScalars {
            if u == "-" || u == "\u{2010}" {
                // A hyphen joins the parts of one given name ("Wei-Nan", "Chi-Hao"); kept for now.
                if !cur.isEmpty { cur.append("-") }
            } else if NameKey.isLetterOrNumber(u) {
                cur.append(u)
                if u.properties.isLowercase { hasLower = true }
            } else if !cur.isEmpty {
                words.append(String(cur))
                cur = String.UnicodeScalarView()
            }
        }
        if !cur.isEmpty { words.append(String(cur)) }
        var out: [GivenToken] = []
        for w in words {
            let parts = w.split(separator: "-")
            if parts.count > 1 {
                // "J-R" (from "J.-R.") is two initials; "Wei-Nan" one written-out name "weinan".
                let folded = parts.map { NameKey.givenKey(String($0)) }.filter { !$0.isEmpty }
                if folded.allSatisfy({ $0.count == 1 }) {
                    for f in folded { out.append(GivenToken(text: f, isInitial: true)) }
                } else if !folded.isEmpty {
                    out.append(GivenToken(text: folded.joined(), isInitial: false))
                }
                continue
            }
            let folded = NameKey.givenKey(w)
            if folded.isEmpty { continue }
            let n = folded.count
            if n == 1 {
                out.append(GivenToken(text: folded, isInitial: true))
            } else if !hasLower && n <= 3 {
                for c in folded { out.append(GivenToken(text: String(c), isInitial: true)) }
            } else {
                out.append(GivenToken(text: folded, isInitial: false))
            }
        }
        return out
    }

    /// Whether two given names can be one person's: the first words match (equal when both are
    /// written out, else the same first letter) and the other words of the shorter name match, in
    /// order, words of the longer (a missing or extra middle name or initial). Empty given names
    /// are never compatible.
    static func compatible(_ a: [GivenToken], _ b: [GivenToken]) -> Bool {
        guard let a0 = a.first, let b0 = b.first, a0.matches(b0) else { return false }
        let (s, l) = a.count <= b.count ? (a.dropFirst(), b.dropFirst()) : (b.dropFirst(), a.dropFirst())
        var j = l.startIndex
        for t in s {
            while j < l.endIndex && !t.matches(l[j]) { j += 1 }
            if j == l.endIndex { return false }
            j += 1
        }
        return true
    }
}

/// What the evidence pass did.
public struct EvidenceReport: Sendable, Equatable {
    /// Authors joined into another author (variants).
    public var joins = 0
    /// Names split, and the persons they became.
    public var splitNames = 0
    public var splitPersons = 0
    /// Name blocks too large to search for joins.
    public var skippedBlocks = 0
    public init() {}
}

/// The evidence pass: after the exact keying, joins name variants that share coauthors and
/// splits names whose papers fall into coauthor circles that share no coauthor.
///
/// 1. **Join.** Name-only authors (keyed by name: not by a persistent id, not corporate) with the
///    same family key and compatible given names (`GivenToken.compatible`: initials vs full given
///    names, a missing or extra middle name) are joined when they share at least one coauthor,
///    compared by family key and first initial (so "HL Vasconcelos" and "Heraldo L. Vasconcelos"
///    count as one shared coauthor before they are joined themselves), and never appear on one
///    paper. Candidate pairs are taken strongest first (most shared coauthors, then key order); a
///    join is refused when it would put two incompatible given names, or two authors of one paper,
///    into one person.
/// 2. **Split** (ego-splitting, Epasto, Lattanzi & Paes Leme, KDD 2017,
///    doi:10.1145/3097983.3098054, on papers instead of neighbours): the papers of each name-only
///    person are joined into circles when they share a coauthor (papers with more than
///    `maxEvidenceAuthors` authors give no evidence); circles of at most `smallCircle` papers then
///    join the largest circle that shares a venue with them, else the largest circle. Each circle
///    that remains is a person. The subject of a corpus (on more than `subjectShare` of its papers,
///    at least `subjectMinPapers`) is never split.
/// 3. Hard constraints: authors keyed by a persistent id are never split and never joined (one id
///    is one person, two ids are two people); two authors of one paper are never joined.
///
/// Split persons get the key `KEY#i` and the display name `Name ⟨i⟩` (i = 1, 2, … in order of
/// their first paper); `AuthorTable.evidence` says why, `AuthorTable.ambiguity` is the number of
/// circles found for a name (1 for persons after the split).
///
/// Deterministic: every order is the corpus's order or a sort with a total tie-break.
/// - Complexity: O(Σ n_p²) over papers with n_p ≤ `maxEvidenceAuthors` authors for the circles,
///   plus, for the joins, the candidate pairs of each name block times their papers' sizes.
public struct EvidenceResolution: Sendable {
    public var options: EvidenceOptions

    public init(options: EvidenceOptions = EvidenceOptions()) {
        self.options = options
    }

    /// Whether author `a` of `t` is keyed by name (not by an id, not corporate).
    static func isNameKeyed(_ t: AuthorTable, _ a: Int) -> Bool {
        let k = t.key[a]
        return !k.hasPrefix("corp|") && !NameKey.isIDKey(k)
    }

    /// The corpus with the evidence pass applied (see the type's documentation).
    public func resolve(_ corpus: Corpus) -> Corpus {
        let (c, _) = resolveWithReport(corpus)
        return c
    }

    public func resolveWithReport(_ corpus: Corpus) -> (Corpus, EvidenceReport) {
        var report = EvidenceReport()
        let authors = corpus.authors
        let n = authors.count
        guard n > 0, corpus.mentions.isAvailable else { return (corpus, report) }
        let nameKeyed = (0..<n).map { EvidenceResolution.isNameKeyed(authors, $0) }
        let pa = corpus.paperAuthors, ap = corpus.authorPapers

        // Coarse key of every author: family key + first letter of the given name.
        var coarse = [Int32](repeating: 0, count: n)
        var coarseIndex: [String: Int32] = [:]
        coarseIndex.reserveCapacity(n)
        let givenNames = authors.givenName.count == n ? authors.givenName : StringColumn(repeatElement("", count: n))
        for a in 0..<n {
            let g = authors.givenKey[a]
            var k = authors.familyKey[a]
            k.append("|")
            if let f = g.first { k.append(f) } else if let f = NameKey.givenKey(givenNames[a]).first { k.append(f) }
            if let v = coarseIndex[k] { coarse[a] = v } else {
                let v = Int32(coarseIndex.count)
                coarseIndex[k] = v
                coarse[a] = v
            }
        }
        let coarseCount = coarseIndex.count
        coarseIndex = [:]

        // 1. Joins.
        var parent = [Int32](0..<Int32(n))
        func find(_ x: Int32) -> Int32 { UnionFind.root(x, &parent) }
        var joinNote: [Int32: [String]] = [:]
        var joined = [Bool](repeating: false, count: n)
        do {
            // Blocks: name-keyed authors with a given name, by coarse key.
            var blockStart = [Int](repeating: 0, count: coarseCount + 1)
            for a in 0..<n where nameKeyed[a] && !authors.givenKey[a].isEmpty { blockStart[Int(coarse[a]) + 1] += 1 }
            for i in 0..<coarseCount { blockStart[i + 1] += blockStart[i] }
            var fill = blockStart
            var members = [Int32](repeating: 0, count: blockStart[coarseCount])
            for a in 0..<n where nameKeyed[a] && !authors.givenKey[a].isEmpty {
                members[fill[Int(coarse[a])]] = Int32(a)
                fill[Int(coarse[a])] += 1
            }
            fill = []
            var tokenCache: [Int32: [GivenToken]] = [:]
            func tokens(_ a: Int32) -> [GivenToken] {
                if let t = tokenCache[a] { return t }
                let t = GivenToken.tokens(givenNames[Int(a)])
                tokenCache[a] = t
                return t
            }
            struct Candidate { var a: Int32; var b: Int32; var shared: Int32 }
            var candidates: [Candidate] = []
            var scratch = SharedScratch(count: coarseCount)
            for b in 0..<coarseCount {
                let block = members[blockStart[b]..<blockStart[b + 1]]
                if block.count < 2 { continue }
                if block.count > options.maxBlock { report.skippedBlocks += 1; continue }
                // Pairs that can be compatible: an initial first word with anything; a full first
                // word with the same full first word.
                var byFirst: [String: [Int32]] = [:]
                var initialFirst: [Int32] = []
                for a in block {
                    guard let t0 = tokens(a).first else { continue }
                    if t0.isInitial { initialFirst.append(a) } else { byFirst[t0.text, default: []].append(a) }
                }
                var pairs: [(Int32, Int32)] = []
                for (i, x) in initialFirst.enumerated() {
                    for y in initialFirst[(i + 1)...] { pairs.append((x, y)) }
                    for y in block where !tokens(y).isEmpty && !(tokens(y).first!.isInitial) { pairs.append((x, y)) }
                }
                for group in byFirst.values where group.count > 1 {
                    for i in 0..<group.count { for j in (i + 1)..<group.count { pairs.append((group[i], group[j])) } }
                }
                for (x, y) in pairs {
                    guard GivenToken.compatible(tokens(x), tokens(y)) else { continue }
                    let shared = sharedCoauthors(Int(x), Int(y), pa: pa, ap: ap, coarse: coarse, scratch: &scratch)
                    if shared > 0 {
                        candidates.append(Candidate(a: min(x, y), b: max(x, y), shared: Int32(shared)))
                    }
                }
            }
            candidates.sort { ($0.shared, $1.a, $1.b) > ($1.shared, $0.a, $0.b) }
            // Members of each group, for the checks.
            var groupMembers: [Int32: [Int32]] = [:]
            for c in candidates {
                let ra = find(c.a), rb = find(c.b)
                if ra == rb { continue }
                let ma = groupMembers[ra] ?? [ra], mb = groupMembers[rb] ?? [rb]
                var ok = true
                check: for x in ma {
                    for y in mb {
                        if !GivenToken.compatible(tokens(x), tokens(y)) || sharePaper(Int(x), Int(y), ap: ap) {
                            ok = false
                            break check
                        }
                    }
                }
                if !ok { continue }
                let (root, other) = ra < rb ? (ra, rb) : (rb, ra)
                parent[Int(other)] = root
                groupMembers[root] = (ma + mb).sorted()
                groupMembers[other] = nil
                report.joins += 1
                joined[Int(c.a)] = true
                joined[Int(c.b)] = true
                joinNote[c.a, default: []].append(
                    "joined '\(authors.displayName[Int(c.a)])' and '\(authors.displayName[Int(c.b)])': compatible given names, \(c.shared) shared coauthor\(c.shared == 1 ? "" : "s") (by family name and initial), never on one paper; confidence \(EvidenceResolution.format(EvidenceResolution.joinConfidence(Int(c.shared))))")
            }
        }

        // Groups after the joins, numbered by their smallest member.
        var groupOf = [Int32](repeating: -1, count: n)
        var groupRoot: [Int32] = []
        for a in 0..<n {
            let r = Int(find(Int32(a)))
            if groupOf[r] < 0 { groupOf[r] = Int32(groupRoot.count); groupRoot.append(Int32(r)) }
            groupOf[a] = groupOf[r]
        }
        let groupCount = groupRoot.count
        // Membership by group (distinct per paper, byline order), with the transpose.
        var gOffsets = [Int](); gOffsets.reserveCapacity(pa.rowCount + 1); gOffsets.append(0)
        var gItems = [Int32](); gItems.reserveCapacity(pa.items.count)
        var last = [Int32](repeating: -1, count: groupCount)
        for p in 0..<pa.rowCount {
            for a in pa.row(p) {
                let g = groupOf[Int(a)]
                if last[Int(g)] == Int32(truncatingIfNeeded: p) { continue }
                last[Int(g)] = Int32(truncatingIfNeeded: p)
                gItems.append(g)
            }
            gOffsets.append(gItems.count)
        }
        last = []
        let gpa = CSR(offsets: gOffsets, items: gItems)
        let gap = gpa.transposed(columns: groupCount)
        let prior = EvidenceResolution.namePriors(authors, nameKeyed: nameKeyed, only: nil)
        let nameGroup = groupRoot.map { nameKeyed[Int($0)] && prior[Int($0)] >= options.minNamePrior }
        let groupPrior = groupRoot.map { prior[Int($0)] }

        // 2. Circles of each name-keyed group.
        let paperCount = pa.rowCount
        let found = circles(membership: gpa, transpose: gap, splittable: nameGroup, venue: corpus.papers.venue,
                            prior: groupPrior)
        let circleOfEntry = found.circleOfEntry, circles = found.circles, subjectNote = found.subjectNote

        // Final authors: one per (group, circle), in group order then circle order.
        var firstFinal = [Int32](repeating: 0, count: groupCount + 1)
        for g in 0..<groupCount { firstFinal[g + 1] = firstFinal[g] + circles[g] }
        let finalCount = Int(firstFinal[groupCount])
        // Final author of each entry of the transpose (group g, paper p).
        var finalOfItem = [Int32](repeating: 0, count: gap.items.count)
        for g in 0..<groupCount {
            for e in gap.offsets[g]..<gap.offsets[g + 1] { finalOfItem[e] = firstFinal[g] + circleOfEntry[e] }
        }
        // Back to papers: each group's transpose row lists its papers ascending, so a cursor per
        // group finds the entry of (group, paper) as the papers are walked in order.
        var slot = [Int32](repeating: -1, count: groupCount)
        var entryCursor = gap.offsets
        var mentionAuthor = [Int32](repeating: 0, count: corpus.mentions.author.count)
        var newOffsets = [Int](); newOffsets.reserveCapacity(paperCount + 1); newOffsets.append(0)
        var newItems = [Int32](); newItems.reserveCapacity(pa.items.count)
        let mb = corpus.mentions.byPaper
        // Affiliation links name an author of their paper: they follow that author's person.
        var links = corpus.affiliations.links
        var link = 0
        for p in 0..<paperCount {
            for g in gpa.row(p) {
                slot[Int(g)] = finalOfItem[entryCursor[Int(g)]]
                entryCursor[Int(g)] += 1
            }
            for g in gpa.row(p) { newItems.append(slot[Int(g)]) }
            newOffsets.append(newItems.count)
            for k in mb.offsets[p]..<mb.offsets[p + 1] {
                mentionAuthor[k] = slot[Int(groupOf[Int(corpus.mentions.author[k])])]
            }
            while link < links.count && Int(links[link].paper) == p {
                let a = links[link].author
                if a != PaperAffiliation.wholePaper { links[link].author = slot[Int(groupOf[Int(a)])] }
                link += 1
            }
        }
        entryCursor = []
        let newPA = CSR(offsets: newOffsets, items: newItems)
        let newAP = newPA.transposed(columns: finalCount)

        // The authors table.
        var t = AuthorTable()
        var keys = StringColumn(), display = StringColumn(), fam = StringColumn(), giv = StringColumn(), gname = StringColumn()
        var ids: [[PersistentID]] = []
        var reasons: [Set<AuthorTable.JoinReason>] = []
        var evidence: [[String]] = []
        var ambiguity: [Int32] = []
        var spellingRows: [[AuthorTable.Spelling]] = []
        // Spellings of changed authors counted from the mentions.
        var changed = [Bool](repeating: false, count: finalCount)
        for g in 0..<groupCount where circles[g] > 1 || joined[Int(groupRoot[g])] {
            for f in firstFinal[g]..<firstFinal[g + 1] { changed[Int(f)] = true }
        }
        for a in 0..<n where joined[a] { for f in firstFinal[Int(groupOf[a])]..<firstFinal[Int(groupOf[a]) + 1] { changed[Int(f)] = true } }
        // (author, spelling) of every mention of a changed author, sorted: each author's run counts
        // its spellings (no dictionary per mention).
        var countedPairs: [UInt64] = []
        for k in 0..<mentionAuthor.count where changed[Int(mentionAuthor[k])] {
            countedPairs.append(UInt64(UInt32(mentionAuthor[k])) << 32 | UInt64(UInt32(mb.items[k])))
        }
        countedPairs.sort()
        var countedRun = [Int](repeating: 0, count: finalCount + 1)   // start of each author's run
        for x in countedPairs { countedRun[Int(x >> 32) + 1] += 1 }
        for f in 0..<finalCount { countedRun[f + 1] += countedRun[f] }
        // Members of each group (for ids and reasons).
        var memberStart = [Int](repeating: 0, count: groupCount + 1)
        for a in 0..<n { memberStart[Int(groupOf[a]) + 1] += 1 }
        for g in 0..<groupCount { memberStart[g + 1] += memberStart[g] }
        var memberFill = memberStart
        var memberList = [Int32](repeating: 0, count: n)
        for a in 0..<n { memberList[memberFill[Int(groupOf[a])]] = Int32(a); memberFill[Int(groupOf[a])] += 1 }
        memberFill = []
        for g in 0..<groupCount {
            let root = Int(groupRoot[g])
            let members = memberList[memberStart[g]..<memberStart[g + 1]]
            var idSet = Set<PersistentID>()
            var why = Set<AuthorTable.JoinReason>()
            for m in members { idSet.formUnion(authors.ids[Int(m)]); why.formUnion(authors.joinReasons[Int(m)]) }
            if members.count > 1 { why.insert(.evidence) }
            var notes: [String] = []
            for m in members { notes.append(contentsOf: authors.evidence(of: Int(m))) }
            for m in members { notes.append(contentsOf: joinNote[m] ?? []) }
            if let note = subjectNote[g] { notes.append(note) }
            let k = Int(circles[g])
            for c in 0..<k {
                let f = Int(firstFinal[g]) + c
                var row: [AuthorTable.Spelling]
                if changed[f] {
                    row = []
                    var i = countedRun[f]
                    while i < countedRun[f + 1] {
                        var j = i + 1
                        while j < countedRun[f + 1] && countedPairs[j] == countedPairs[i] { j += 1 }
                        row.append(AuthorTable.Spelling(text: corpus.mentions.spellingText[Int(UInt32(truncatingIfNeeded: countedPairs[i]))], mentions: j - i))
                        i = j
                    }
                    // Equal texts of different spellings (other ids, other parts) are one row.
                    var merged: [String: Int] = [:]
                    for s in row { merged[s.text, default: 0] += s.mentions }
                    row = merged.map { AuthorTable.Spelling(text: $0.key, mentions: $0.value) }
                    row.sort(by: CorpusBuilder.preferredSpelling)
                } else {
                    row = authors.spellings[root]
                }
                spellingRows.append(row)
                let baseName = row.first?.text ?? authors.displayName[root]
                if k > 1 {
                    keys.append(authors.key[root] + "#\(c + 1)")
                    display.append(baseName + " ⟨\(c + 1)⟩")
                    var w = why
                    w.insert(.split)
                    reasons.append(w)
                    evidence.append(notes + [splitNote(corpus, g: g, circle: c, circles: k, papers: newAP.row(f), name: authors.displayName[root], finalAuthors: newPA)])
                } else {
                    keys.append(authors.key[root])
                    display.append(members.count > 1 ? baseName : authors.displayName[root])
                    reasons.append(why)
                    evidence.append(notes)
                }
                ambiguity.append(1)
                ids.append(idSet.sorted())
                fam.append(authors.familyKey[root])
                giv.append(authors.givenKey[root])
                gname.append(givenNames[root])
            }
            if k > 1 { report.splitNames += 1; report.splitPersons += k }
        }
        t.key = keys
        t.displayName = display
        t.ids = ids
        t.spellings = SpellingColumn(spellingRows)
        t.joinReasons = reasons
        t.familyKey = fam
        t.givenKey = giv
        t.givenName = gname
        t.evidence = evidence
        t.ambiguity = ambiguity
        var out = corpus
        out.authors = t
        out.paperAuthors = newPA
        out.authorPapers = newAP
        out.mentions.author = mentionAuthor
        out.affiliations.links = links
        return (out, report)
    }

    /// The circles of each splittable row of `transpose` (an author's papers): papers joined when
    /// they share a coauthor, small circles attached (see the type's documentation), numbered by
    /// first paper. `circleOfEntry` is parallel to `transpose.items`; `circles` counts per row (1
    /// for a row that is not split: not splittable, one paper, or the corpus's subject).
    func circles(membership gpa: CSR, transpose gap: CSR, splittable: [Bool], venue: [String?], prior: [Double],
                 only: [Int]? = nil)
        -> (circleOfEntry: [Int32], circles: [Int32], subjectNote: [Int: String]) {
        let paperCount = gpa.rowCount
        let groupCount = gap.rowCount
        let subjectPapers = paperCount >= options.subjectMinPapers ? Int(Double(paperCount) * options.subjectShare) : Int.max
        var circleOfEntry = [Int32](repeating: 0, count: gap.items.count)   // circle per (group, paper) entry
        var circles = [Int32](repeating: 1, count: groupCount)
        var subjectNote: [Int: String] = [:]
        var owner = [Int32](repeating: -1, count: groupCount)      // group → local paper that first had it
        var ownerStamp = [Int32](repeating: -1, count: groupCount)
        var local: [Int32] = []
        var venueOwner: [String: Int32] = [:]
        var coauthors: [Int32] = []
        var egoPairs = Set<EgoPair>()
        for g in only ?? Array(0..<groupCount) where splittable[g] && gap.rowLength(g) > 1 {
            let papers = gap.row(g)
            let base = gap.offsets[g]
            if papers.count > subjectPapers {
                subjectNote[g] = "never split: on \(papers.count) of the corpus's \(paperCount) papers (its subject, as the owner of a profile page or of an export)"
                continue
            }
            local.removeAll(keepingCapacity: true)
            local.append(contentsOf: 0..<Int32(papers.count))
            func lfind(_ x: Int32) -> Int32 { UnionFind.root(x, &local) }
            func lunion(_ x: Int32, _ y: Int32) {
                let rx = lfind(x), ry = lfind(y)
                if rx != ry { if rx < ry { local[Int(ry)] = rx } else { local[Int(rx)] = ry } }
            }
            coauthors.removeAll(keepingCapacity: true)
            for (i, p) in papers.enumerated() {
                let row = gpa.row(Int(p))
                if row.count > options.maxEvidenceAuthors { continue }
                for h in row where Int(h) != g {
                    if ownerStamp[Int(h)] == Int32(g) {
                        // A coauthor whose name stands for several people is no evidence.
                        if prior[Int(h)] < options.weakCoauthorPrior { lunion(owner[Int(h)], Int32(i)) }
                    } else {
                        ownerStamp[Int(h)] = Int32(g)
                        owner[Int(h)] = Int32(i)
                        coauthors.append(h)
                    }
                }
            }
            // The coauthors' own ties (ego-network): circles joined by `egoLinks` distinct pairs of
            // coauthors with rare names who wrote together without this name.
            var split = false
            for i in 1..<papers.count where lfind(Int32(i)) != lfind(0) { split = true; break }
            if split && options.egoLinks > 0 {
                // Every tie between two circles has an end outside the largest circle: only the
                // coauthors outside it are scanned (the largest holds most of a prolific name's).
                var csize = [Int32](repeating: 0, count: papers.count)
                var largest: Int32 = 0
                for i in 0..<papers.count { csize[Int(lfind(Int32(i)))] += 1 }
                for i in 0..<Int32(papers.count) where local[Int(i)] == i && csize[Int(i)] > csize[Int(largest)] { largest = i }
                egoPairs.removeAll(keepingCapacity: true)
                for h in coauthors where prior[Int(h)] < options.egoPrior {
                    let rh = lfind(owner[Int(h)])
                    if rh == largest { continue }
                    for q in gap.row(Int(h)) {
                        let row = gpa.row(Int(q))
                        if row.count > options.maxEvidenceAuthors { continue }
                        for d in row where d != h && ownerStamp[Int(d)] == Int32(g) && prior[Int(d)] < options.egoPrior {
                            let rd = lfind(owner[Int(d)])
                            if rd == rh { continue }
                            // A tie with both ends outside the largest circle is taken from its smaller end.
                            if rd != largest && d < h { continue }
                            egoPairs.insert(EgoPair(a: min(rh, rd), b: max(rh, rd), h: min(h, d), d: max(h, d)))
                        }
                    }
                }
                if !egoPairs.isEmpty {
                    var count: [UInt64: Int] = [:]
                    for e in egoPairs { count[UInt64(UInt32(e.a)) << 32 | UInt64(UInt32(e.b)), default: 0] += 1 }
                    for (k, c) in count.sorted(by: { $0.key < $1.key }) where c >= options.egoLinks {
                        lunion(Int32(truncatingIfNeeded: k >> 32), Int32(truncatingIfNeeded: k & 0xFFFF_FFFF))
                    }
                }
            }
            // Circle sizes; small circles join the largest circle sharing a venue.
            var size = [Int32](repeating: 0, count: papers.count)
            for i in 0..<papers.count { size[Int(lfind(Int32(i)))] += 1 }
            var roots = (0..<Int32(papers.count)).filter { local[Int($0)] == $0 }
            if roots.count > 1 {
                roots.sort { (size[Int($0)], $1) > (size[Int($1)], $0) }
                // Papers of each root (a counting sort by root).
                var byRoot: [Int32: [Int32]] = [:]
                for i in 0..<Int32(papers.count) { byRoot[lfind(i), default: []].append(i) }
                venueOwner.removeAll(keepingCapacity: true)
                for r in roots {
                    let ps = byRoot[r]!
                    if ps.count <= options.smallCircle && r != roots[0] {
                        var target: Int32?
                        for i in ps {
                            if let v = venue[Int(gap.items[base + Int(i)])], let o = venueOwner[v] { target = o; break }
                        }
                        // No venue in common: it stays a person of its own (a paper with no
                        // coauthor or venue in common is as likely someone else).
                        if let target { lunion(target, r) }
                        continue
                    }
                    for i in ps {
                        guard let v = venue[Int(gap.items[base + Int(i)])], !v.isEmpty else { continue }
                        if venueOwner[v] == nil { venueOwner[v] = r }
                    }
                }
            }
            // Number the circles by first paper.
            var number = [Int32](repeating: -1, count: papers.count)
            var k: Int32 = 0
            for i in 0..<papers.count {
                let r = Int(lfind(Int32(i)))
                if number[r] < 0 { number[r] = k; k += 1 }
                circleOfEntry[base + i] = number[r]
            }
            circles[g] = k
        }
        return (circleOfEntry, circles, subjectNote)
    }

    /// The estimated number of people behind each author of `corpus`: the number of coauthor
    /// circles the evidence pass finds among the papers of a name-keyed author (1 for authors with
    /// an id, corporate authors, the corpus's subject, and names whose papers form one circle).
    /// - Complexity: that of the circles: O(Σ n_p²) over papers with n_p ≤ `maxEvidenceAuthors`.
    /// With `only`, just those authors are examined (the others get 1): the cost is then that of
    /// their papers alone.
    public func ambiguity(_ corpus: Corpus, only: [Int]? = nil) -> [Int32] {
        if !corpus.authors.ambiguity.isEmpty { return corpus.authors.ambiguity }
        let n = corpus.authors.count
        var nameKeyed = [Bool](repeating: false, count: n)
        for a in 0..<n { nameKeyed[a] = EvidenceResolution.isNameKeyed(corpus.authors, a) }
        let keyed = nameKeyed
        let prior = EvidenceResolution.namePriors(corpus.authors, nameKeyed: nameKeyed, only: only)
        for a in 0..<n { nameKeyed[a] = nameKeyed[a] && prior[a] >= options.minNamePrior }
        // Coauthors' priors (weak coauthors, the ego-network) need every name's.
        let all = only == nil ? prior : EvidenceResolution.namePriors(corpus.authors, nameKeyed: keyed, only: nil)
        return circles(membership: corpus.paperAuthors, transpose: corpus.authorPapers, splittable: nameKeyed,
                       venue: corpus.papers.venue, prior: all, only: only).circles
    }

    /// The prior of each name: how many other people the corpus is expected to hold with the same
    /// name if given and family names were combined at random, f·g/N for a name whose family key
    /// is that of f name-keyed authors and whose given key that of g, among N name-keyed authors
    /// ("Wei Wang" in DBLP: thousands of Wangs, hundreds of Weis → about 2; "Kathleen McKeown":
    /// about 0). Common names are the ones that stand for several people (DBLP's split names are
    /// mostly such). With `only`, just those authors get a prior (the others 0): one pass over the
    /// names counting only their keys.
    /// - Complexity: O(A) hash lookups for A authors.
    static func namePriors(_ t: AuthorTable, nameKeyed: [Bool], only: [Int]?) -> [Double] {
        let n = t.count
        var prior = [Double](repeating: 0, count: n)
        var families: [String: Int] = [:], givens: [String: Int] = [:]
        if let only {
            for a in only where nameKeyed[a] { families[t.familyKey[a]] = 0; givens[t.givenKey[a]] = 0 }
            if families.isEmpty { return prior }
        }
        var total = 0
        for a in 0..<n where nameKeyed[a] {
            total += 1
            let f = t.familyKey[a], g = t.givenKey[a]
            if only == nil {
                families[f, default: 0] += 1
                givens[g, default: 0] += 1
            } else {
                if let c = families[f] { families[f] = c + 1 }
                if let c = givens[g] { givens[g] = c + 1 }
            }
        }
        guard total > 0 else { return prior }
        for a in only ?? Array(0..<n) where nameKeyed[a] {
            guard !t.givenKey[a].isEmpty else { continue }
            prior[a] = Double(families[t.familyKey[a]] ?? 0) * Double(givens[t.givenKey[a]] ?? 0) / Double(total)
        }
        return prior
    }

    /// One tie between two circles of a name: coauthors h < d (in circles a < b) wrote together.
    struct EgoPair: Hashable {
        var a: Int32
        var b: Int32
        var h: Int32
        var d: Int32
    }

    /// Join confidence from the number of shared coauthors s: s / (s + 1).
    static func joinConfidence(_ shared: Int) -> Double { Double(shared) / Double(shared + 1) }

    static func format(_ x: Double) -> String {
        let r = (x * 100).rounded() / 100
        return String(r)
    }

    /// Stamp arrays over coarse keys for `sharedCoauthors`: the coauthors of the author marked
    /// last stay marked, so pairs that share their first author (as the join's pairs come, grouped)
    /// mark it once.
    struct SharedScratch {
        var mark: [Int32]
        var seen: [Int32]
        var markStamp: Int32 = 0
        var seenStamp: Int32 = 0
        var marked = -1
        init(count: Int) {
            mark = [Int32](repeating: -1, count: count)
            seen = [Int32](repeating: -1, count: count)
        }
    }

    /// Coauthors (by coarse key) shared by authors x and y, not counting their own coarse key.
    func sharedCoauthors(_ x: Int, _ y: Int, pa: CSR, ap: CSR, coarse: [Int32], scratch s: inout SharedScratch) -> Int {
        let own = coarse[x]
        if s.marked != x {
            s.markStamp &+= 1
            s.marked = x
            for p in ap.row(x) where pa.rowLength(Int(p)) <= options.maxEvidenceAuthors {
                for b in pa.row(Int(p)) where Int(b) != x && coarse[Int(b)] != own { s.mark[Int(coarse[Int(b)])] = s.markStamp }
            }
        }
        s.seenStamp &+= 1
        var shared = 0
        for p in ap.row(y) where pa.rowLength(Int(p)) <= options.maxEvidenceAuthors {
            for b in pa.row(Int(p)) where Int(b) != y && coarse[Int(b)] != own {
                let c = Int(coarse[Int(b)])
                if s.mark[c] == s.markStamp && s.seen[c] != s.seenStamp { s.seen[c] = s.seenStamp; shared += 1 }
            }
        }
        return shared
    }

    /// Whether authors x and y have a paper in common (sorted paper lists merged).
    func sharePaper(_ x: Int, _ y: Int, ap: CSR) -> Bool {
        var i = ap.offsets[x], j = ap.offsets[y]
        let ie = ap.offsets[x + 1], je = ap.offsets[y + 1]
        while i < ie && j < je {
            let a = ap.items[i], b = ap.items[j]
            if a == b { return true }
            if a < b { i += 1 } else { j += 1 }
        }
        return false
    }

    /// The evidence line of one circle of a split name: its papers, years, top venues and coauthors.
    func splitNote(_ corpus: Corpus, g: Int, circle: Int, circles: Int, papers: ArraySlice<Int32>, name: String,
                   finalAuthors: CSR) -> String {
        var years: [Int] = []
        var venues: [String: Int] = [:]
        var coauthors = Set<Int32>()
        for p in papers {
            if let y = corpus.papers.yearOf(Int(p)) { years.append(y) }
            if let v = corpus.papers.venue[Int(p)], !v.isEmpty { venues[v, default: 0] += 1 }
            for b in finalAuthors.row(Int(p)) { coauthors.insert(b) }
        }
        let span = years.isEmpty ? "years unknown" : (years.min()! == years.max()! ? "\(years.min()!)" : "\(years.min()!)–\(years.max()!)")
        let topVenues = venues.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { "\($0.key) (\($0.value))" }
        return "split '\(name)' into \(circles) people by coauthor circles that share no coauthor: this is circle \(circle + 1): \(papers.count) paper\(papers.count == 1 ? "" : "s"), \(span), \(max(0, coauthors.count - 1)) coauthors" + (topVenues.isEmpty ? "" : ", venues " + topVenues.joined(separator: ", "))
    }
}
