import CoauthorModel
import Foundation
import CoauthorParallel

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
    /// Circles of one name whose venue profiles (venues weighted by their inverse document
    /// frequency over the corpus) have at least the cosine similarity `profileThreshold(prior:)`
    /// (at most this), and whose years overlap or lie within `profileYearGap` of each other, are
    /// one person (0: no profile merging).
    public var profileSimilarity: Double
    /// The profile threshold of a name is `profilePriorScale` times its prior, capped at
    /// `profileSimilarity`: a rare name's circles are joined on weaker venue agreement than a
    /// common name's (0: `profileSimilarity` for every name).
    public var profilePriorScale: Double
    /// Authors whose given and family names are swapped are joined only with at least this many
    /// shared coauthors.
    public var swappedMinShared = 2
    public var profileYearGap: Int

    public init(maxEvidenceAuthors: Int = 100, smallCircle: Int = 2, subjectShare: Double = 0.5,
                subjectMinPapers: Int = 10, maxBlock: Int = 5_000, minNamePrior: Double = 0.05,
                weakCoauthorPrior: Double = 0.5, egoLinks: Int = 0, egoPrior: Double = 0.05,
                profileSimilarity: Double = 0.25, profilePriorScale: Double = 0.2, profileYearGap: Int = 1) {
        self.weakCoauthorPrior = weakCoauthorPrior
        self.profileSimilarity = profileSimilarity
        self.profilePriorScale = profilePriorScale
        self.profileYearGap = profileYearGap
        self.egoLinks = egoLinks
        self.egoPrior = egoPrior
        self.minNamePrior = minNamePrior
        self.maxEvidenceAuthors = maxEvidenceAuthors
        self.smallCircle = smallCircle
        self.subjectShare = subjectShare
        self.subjectMinPapers = subjectMinPapers
        self.maxBlock = maxBlock
    }

    /// The cosine a name's circles need to be joined by their venue profiles:
    /// min(`profileSimilarity`, `profilePriorScale` × prior), with prior the expected number of
    /// other people of the name (`EvidenceResolution.namePriors`); `profileSimilarity` when
    /// `profilePriorScale` is 0. A rare name that is split (prior near `minNamePrior`) is most
    /// likely one person in several groups, a common one several people.
    public func profileThreshold(prior: Double) -> Double {
        profilePriorScale > 0 ? min(profileSimilarity, profilePriorScale * prior) : profileSimilarity
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
    /// With `nicknames`, a written-out word that is a nickname of the table (`Nicknames`) is read
    /// as its formal name ("Bob" → "robert"): the evidence pass's joins, not the exact step's.
    static func tokens(_ given: String, nicknames: Bool) -> [GivenToken] {
        var out = tokens(given)
        if nicknames {
            for i in out.indices where !out[i].isInitial { out[i].text = Nicknames.canonical(out[i].text) }
        }
        return out
    }

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
                if u.value < 0x80 ? (u.value >= 0x61 && u.value <= 0x7A) : u.properties.isLowercase { hasLower = true }
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
/// splits names whose papers fall into coauthor circles that share no coauthor (and whose venue
/// and year profiles do not agree).
///
/// 1. **Join.** Name-only authors (keyed by name: not by a persistent id, not corporate) with the
///    same family key and compatible given names (`GivenToken.compatible`: initials vs full given
///    names, a missing or extra middle name) are joined when they share at least one coauthor,
///    compared by family key and first initial (so "HL Vasconcelos" and "Heraldo L. Vasconcelos"
///    count as one shared coauthor before they are joined themselves), and never appear on one
///    paper; so are authors whose given and family names are swapped ("Wang Wei" / "Wei Wang") or
///    transliterated ("Søren" / "Soren", "Mueller" / "Müller"): `variantCandidates`. Candidate pairs are taken strongest first (most shared coauthors, then key order); a
///    join is refused when it would put two incompatible given names, or two authors of one paper,
///    into one person.
/// 2. **Split** (ego-splitting, Epasto, Lattanzi & Paes Leme, KDD 2017,
///    doi:10.1145/3097983.3098054, on papers instead of neighbours): the papers of each name-only
///    person are joined into circles when they share a coauthor (papers with more than
///    `maxEvidenceAuthors` authors give no evidence); circles of at most `smallCircle` papers then
///    join the largest circle that shares a venue with them; then circles whose venue profiles
///    (idf-weighted venue vectors) have a cosine of at least `profileThreshold(prior:)` and whose years
///    meet (within `profileYearGap`) are joined, largest first (`mergeByProfile`). Each circle
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
        // On the key's bytes: a name key ("given|family") has no colon, so most keys are told
        // apart without making a String (the same answer as `NameKey.isIDKey` on the String).
        let (corporate, colon) = t.key.withUTF8(a) { b -> (Bool, Bool) in
            // "corp|" (the key's family part is folded: no combining mark follows the bar)
            let corp = b.count >= 5 && b[0] == 0x63 && b[1] == 0x6F && b[2] == 0x72 && b[3] == 0x70 && b[4] == 0x7C
            return (corp, b.contains(0x3A))
        }
        if corporate { return false }
        return !colon || !NameKey.isIDKey(t.key[a])
    }

    /// The corpus with the evidence pass applied (see the type's documentation).
    /// With `threads` > 1 some steps run on that many threads; the result is the same.
    public func resolve(_ corpus: Corpus, threads: Int = 1) -> Corpus {
        let (c, _) = resolveWithReport(corpus, threads: threads)
        return c
    }

    /// `minParallel`: the size (authors, or author-paper entries) from which steps run on
    /// `threads` threads (lowered by the tests, which check that the result does not change).
    public func resolveWithReport(_ corpus: Corpus, threads: Int = 1, minParallel: Int = 100_000) -> (Corpus, EvidenceReport) {
        var report = EvidenceReport()
        let authors = corpus.authors
        let n = authors.count
        guard n > 0, corpus.mentions.isAvailable else { return (corpus, report) }
        let nameKeyed = (0..<n).map { EvidenceResolution.isNameKeyed(authors, $0) }
        let pa = corpus.paperAuthors, ap = corpus.authorPapers

        // Coarse key of every author (family key + first letter of the given name) and the name
        // priors of the split step (made from the authors before the joins), side by side.
        let givenNames = authors.givenName.count == n ? authors.givenName : StringColumn(repeatElement("", count: n))
        let (coarse, coarseCount, prior, nameNumbers) = EvidenceResolution.coarseKeysAndPriors(
            authors, givenNames: givenNames, nameKeyed: nameKeyed, parallel: threads > 1 && n >= minParallel)

        // 1. Joins.
        var parent = [Int32](0..<Int32(n))
        func find(_ x: Int32) -> Int32 { UnionFind.root(x, &parent) }
        var joinNote: [Int32: [String]] = [:]
        var joined = [Bool](repeating: false, count: n)
        do {
            // Blocks: name-keyed authors with a given name, by coarse key.
            var blockStart = [Int](repeating: 0, count: coarseCount + 1)
            for a in 0..<n where nameKeyed[a] && !authors.givenKey.isEmpty(at: a) { blockStart[Int(coarse[a]) + 1] += 1 }
            for i in 0..<coarseCount { blockStart[i + 1] += blockStart[i] }
            var fill = blockStart
            var members = [Int32](repeating: 0, count: blockStart[coarseCount])
            for a in 0..<n where nameKeyed[a] && !authors.givenKey.isEmpty(at: a) {
                members[fill[Int(coarse[a])]] = Int32(a)
                fill[Int(coarse[a])] += 1
            }
            fill = []
            var tokenCache = TokenCache(givenNames: givenNames)
            func tokens(_ a: Int32) -> [GivenToken] { tokenCache.tokens(a) }
            // Candidate pairs, block by block, in pieces of about equal numbers of members (on
            // `threads` threads); sorted below by a total order, so the pieces do not matter.
            let pieceCount = threads > 1 && n >= minParallel ? 8 : 1
            var cuts = [0]
            for k in 1..<pieceCount {
                let target = members.count * k / pieceCount
                var b = cuts.last!
                while b < coarseCount && blockStart[b] < target { b += 1 }
                cuts.append(b)
            }
            cuts.append(coarseCount)
            let (allMembers, starts, cutList) = (members, blockStart, cuts)
            let entryCoarse = EvidenceResolution.entryCoarseKeys(pa: pa, coarse: coarse)
            // Block 0 finds the swapped and transliterated variants (other blocks), on a thread of
            // its own beside the name blocks' pieces.
            let found = Parallel.map(blocks: pieceCount + 1, threads: threads) { k in
                if k == 0 {
                    return (candidates: self.variantCandidates(authors, nameKeyed: nameKeyed, names: nameNumbers, pa: pa, ap: ap,
                                                               coarse: coarse, entryCoarse: entryCoarse, coarseCount: coarseCount),
                            skipped: 0)
                }
                return self.joinCandidates(blocks: cutList[k - 1]..<cutList[k], blockStart: starts, members: allMembers,
                                           givenNames: givenNames, pa: pa, ap: ap, coarse: coarse, entryCoarse: entryCoarse,
                                           coarseCount: coarseCount)
            }
            var candidates: [JoinCandidate] = []
            for piece in found.dropFirst() { candidates.append(contentsOf: piece.candidates); report.skippedBlocks += piece.skipped }
            // Swapped given/family order and transliteration variants (other blocks).
            let variants = found[0].candidates
            var variantPair = Set<UInt64>()
            for c in variants { variantPair.insert(UInt64(UInt32(c.a)) << 32 | UInt64(UInt32(c.b))) }
            candidates.append(contentsOf: variants)
            func compatible(_ x: Int32, _ y: Int32) -> Bool {
                if GivenToken.compatible(tokens(x), tokens(y)) { return true }
                return variantPair.contains(UInt64(UInt32(min(x, y))) << 32 | UInt64(UInt32(max(x, y))))
            }
            candidates.sort { ($0.shared, $1.a, $1.b, $1.kind.rawValue) > ($1.shared, $0.a, $0.b, $0.kind.rawValue) }
            // Members of each group, for the checks.
            var groupMembers: [Int32: [Int32]] = [:]
            for c in candidates {
                let ra = find(c.a), rb = find(c.b)
                if ra == rb { continue }
                let ma = groupMembers[ra] ?? [ra], mb = groupMembers[rb] ?? [rb]
                var ok = true
                check: for x in ma {
                    for y in mb {
                        if !compatible(x, y) || sharePaper(Int(x), Int(y), ap: ap) {
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
                    "joined '\(authors.displayName[Int(c.a)])' and '\(authors.displayName[Int(c.b)])': \(c.kind.rawValue), \(c.shared) shared coauthor\(c.shared == 1 ? "" : "s") (by family name and initial), never on one paper; confidence \(EvidenceResolution.format(EvidenceResolution.joinConfidence(Int(c.shared))))")
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
        let nameGroup = groupRoot.map { nameKeyed[Int($0)] && prior[Int($0)] >= options.minNamePrior }
        let groupPrior = groupRoot.map { prior[Int($0)] }

        // 2. Circles of each name-keyed group.
        let paperCount = pa.rowCount
        // The venues numbered once, for the profiles and the split notes.
        let venueNumbers = VenueProfile(venue: corpus.papers.venue)
        let found = circles(membership: gpa, transpose: gap, splittable: nameGroup, venue: corpus.papers.venue, year: corpus.papers.year,
                            prior: groupPrior, threads: threads, minParallel: minParallel, venueProfile: venueNumbers)
        let circleOfEntry = found.circleOfEntry, circles = found.circles, subjectNote = found.subjectNote

        // Final authors: one per (group, circle), in group order then circle order.
        var firstFinal = [Int32](repeating: 0, count: groupCount + 1)
        for g in 0..<groupCount { firstFinal[g + 1] = firstFinal[g] + circles[g] }
        let finalCount = Int(firstFinal[groupCount])
        // The final author of a group that is not split (-1 for a split group).
        var unsplit = [Int32](repeating: -1, count: groupCount)
        for g in 0..<groupCount where circles[g] == 1 { unsplit[g] = firstFinal[g] }
        // Back to papers: each group's transpose row lists its papers ascending, so a cursor per
        // split group finds the entry of (group, paper) as the papers are walked in order.
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
                var f = unsplit[Int(g)]
                if f < 0 {
                    f = firstFinal[Int(g)] + circleOfEntry[entryCursor[Int(g)]]
                    entryCursor[Int(g)] += 1
                }
                slot[Int(g)] = f
                newItems.append(f)
            }
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
        keys.reserveCapacity(finalCount, bytes: authors.key.bytes.count + authors.key.bytes.count / 4)
        display.reserveCapacity(finalCount, bytes: authors.displayName.bytes.count + authors.displayName.bytes.count / 4)
        fam.reserveCapacity(finalCount, bytes: authors.familyKey.bytes.count + authors.familyKey.bytes.count / 4)
        giv.reserveCapacity(finalCount, bytes: authors.givenKey.bytes.count + authors.givenKey.bytes.count / 4)
        gname.reserveCapacity(finalCount, bytes: givenNames.bytes.count + givenNames.bytes.count / 4)
        var ids: [[PersistentID]] = []
        ids.reserveCapacity(finalCount)
        var reasons: [Set<AuthorTable.JoinReason>] = []
        reasons.reserveCapacity(finalCount)
        var evidence: [[String]] = []
        evidence.reserveCapacity(finalCount)
        let ambiguity = [Int32](repeating: 1, count: finalCount)
        // The spellings column, built from its parts: unchanged rows are copied as bytes.
        let oldSpellings = authors.spellings
        var spellStart = [Int](), spellText = StringColumn(), spellMentions = [Int]()
        spellStart.reserveCapacity(finalCount + 1)
        spellStart.append(0)
        spellText.reserveCapacity(oldSpellings.text.count, bytes: oldSpellings.text.bytes.count)
        spellMentions.reserveCapacity(oldSpellings.text.count)
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
        // The evidence line of every split person, made beforehand (on `threads` threads).
        var splitPersons: [Int32] = []    // final persons of split groups, ascending
        var splitGroup: [Int32] = []
        for g in 0..<groupCount where circles[g] > 1 {
            for f in firstFinal[g]..<firstFinal[g + 1] { splitPersons.append(f); splitGroup.append(Int32(g)) }
        }
        let splitLines: [String] = {
            let persons = splitPersons, groupsOf = splitGroup, first = firstFinal, circleCount = circles
            let roots = groupRoot
            let pieces = Parallel.map(blocks: threads > 1 ? 4 : 1, threads: threads) { b -> [String] in
                let range = Parallel.ranges(persons.count, blocks: threads > 1 ? 4 : 1)[b]
                var seen = [Int32](repeating: -1, count: finalCount)
                var venueCount = [Int32](repeating: 0, count: venueNumbers.idf.count)
                var lines: [String] = []
                lines.reserveCapacity(range.count)
                for i in range {
                    let f = Int(persons[i]), g = Int(groupsOf[i])
                    lines.append(self.splitNote(corpus, g: g, circle: f - Int(first[g]), circles: Int(circleCount[g]),
                                                papers: newAP.row(f), name: authors.displayName[Int(roots[g])],
                                                finalAuthors: newPA, person: Int32(f), seen: &seen,
                                                venueID: venueNumbers.id, venueCount: &venueCount))
                }
                return lines
            }
            return pieces.flatMap { $0 }
        }()
        var nextSplit = 0
        for g in 0..<groupCount {
            let root = Int(groupRoot[g])
            let members = memberList[memberStart[g]..<memberStart[g + 1]]
            let k = Int(circles[g])
            let f0 = Int(firstFinal[g])
            if k == 1 && members.count == 1 && !changed[f0] && !joined[root] && subjectNote[g] == nil {
                // An author the evidence left alone: its row copied (no Strings made).
                authors.key.withUTF8(root) { keys.append(bytes: $0) }
                authors.displayName.withUTF8(root) { display.append(bytes: $0) }
                reasons.append(authors.joinReasons[root])
                evidence.append(authors.evidence(of: root))
                let own = authors.ids[root]
                ids.append(own.count <= 1 ? own : Set(own).sorted())
                authors.familyKey.withUTF8(root) { fam.append(bytes: $0) }
                authors.givenKey.withUTF8(root) { giv.append(bytes: $0) }
                givenNames.withUTF8(root) { gname.append(bytes: $0) }
                for i in oldSpellings.start[root]..<oldSpellings.start[root + 1] {
                    oldSpellings.text.withUTF8(i) { spellText.append(bytes: $0) }
                    spellMentions.append(oldSpellings.mentions[i])
                }
                spellStart.append(spellMentions.count)
                continue
            }
            var idSet = Set<PersistentID>()
            var why = Set<AuthorTable.JoinReason>()
            for m in members { idSet.formUnion(authors.ids[Int(m)]); why.formUnion(authors.joinReasons[Int(m)]) }
            if members.count > 1 { why.insert(.evidence) }
            var notes: [String] = []
            for m in members { notes.append(contentsOf: authors.evidence(of: Int(m))) }
            for m in members where joined[Int(m)] { notes.append(contentsOf: joinNote[m] ?? []) }
            if let note = subjectNote[g] { notes.append(note) }
            let idList = idSet.sorted()
            for c in 0..<k {
                let f = f0 + c
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
                for s in row { spellText.append(s.text); spellMentions.append(s.mentions) }
                spellStart.append(spellMentions.count)
                let baseName = row.first?.text ?? authors.displayName[root]
                if k > 1 {
                    keys.append(authors.key[root] + "#\(c + 1)")
                    display.append(baseName + " ⟨\(c + 1)⟩")
                    var w = why
                    w.insert(.split)
                    reasons.append(w)
                    evidence.append(notes + [splitLines[nextSplit]])
                    nextSplit += 1
                } else {
                    keys.append(authors.key[root])
                    display.append(members.count > 1 ? baseName : authors.displayName[root])
                    reasons.append(why)
                    evidence.append(notes)
                }
                ids.append(idList)
                fam.append(authors.familyKey[root])
                giv.append(authors.givenKey[root])
                gname.append(givenNames[root])
            }
            if k > 1 { report.splitNames += 1; report.splitPersons += k }
        }
        t.key = keys
        t.displayName = display
        t.ids = ids
        t.spellings = SpellingColumn(start: spellStart, text: spellText, mentions: spellMentions)!
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

    /// The given-name words of authors (nicknames read as formal names), made once per author.
    struct TokenCache {
        let givenNames: StringColumn
        var cache: [Int32: [GivenToken]] = [:]
        init(givenNames: StringColumn) { self.givenNames = givenNames }
        mutating func tokens(_ a: Int32) -> [GivenToken] {
            if let t = cache[a] { return t }
            let t = GivenToken.tokens(givenNames[Int(a)], nicknames: true)
            cache[a] = t
            return t
        }
    }

    /// One pair of name variants that share coauthors.
    struct JoinCandidate {
        var a: Int32
        var b: Int32
        var shared: Int32
        var kind: JoinKind = .compatible
    }

    /// Why two name-keyed authors are a join candidate (the text of the evidence line).
    enum JoinKind: String {
        case compatible = "compatible given names"
        case swapped = "the same name with given and family name swapped"
        case transliterated = "the same name transliterated"
    }

    /// The family and given keys of the authors numbered (first seen first) and the distinct keys.
    struct NameNumbers {
        var famID: [Int32]
        var givID: [Int32]
        var famKeys: [String]
        var givKeys: [String]
    }

    /// Transliterations of a key (`norm`'s output) that NFKD leaves apart: ø → o and oe, ł → l,
    /// đ → d, ß → ss, æ → ae, œ → oe, þ → th, ı → i; and the German spelling of an umlaut, ae/oe/ue
    /// → a/o/u (the key of a name written ä/ö/ü, `umlaut` true). Empty when nothing applies.
    static func transliterations(_ key: String) -> [(text: String, umlaut: Bool)] {
        if key.utf8.allSatisfy({ $0 < 0x80 }) {
            // On the bytes: "ae" → "a", then "oe" → "o", then "ue" → "u" (each left to right, the
            // matches not overlapping).
            var bytes = Array(key.utf8)
            func hasPair(_ v: UInt8) -> Bool {
                var i = 0
                while i + 1 < bytes.count { if bytes[i] == v && bytes[i + 1] == 0x65 { return true }; i += 1 }
                return false
            }
            guard hasPair(0x61) || hasPair(0x6F) || hasPair(0x75) else { return [] }
            for v: UInt8 in [0x61, 0x6F, 0x75] {
                var out: [UInt8] = []
                out.reserveCapacity(bytes.count)
                var i = 0
                while i < bytes.count {
                    out.append(bytes[i])
                    i += bytes[i] == v && i + 1 < bytes.count && bytes[i + 1] == 0x65 ? 2 : 1
                }
                bytes = out
            }
            return [(String(decoding: bytes, as: UTF8.self), true)]
        }
        func map(_ oSlash: String) -> String {
            var out = ""
            for ch in key {
                switch ch {
                case "ø": out += oSlash
                case "ł": out += "l"
                case "đ": out += "d"
                case "ß": out += "ss"
                case "æ": out += "ae"
                case "œ": out += "oe"
                case "þ": out += "th"
                case "ı": out += "i"
                default: out.append(ch)
                }
            }
            return out
        }
        var out: [(String, Bool)] = []
        for v in [map("o"), map("oe")] where v != key && !out.contains(where: { $0.0 == v }) { out.append((v, false)) }
        return out
    }

    /// Join candidates the name blocks cannot find: an author whose given and family keys, swapped,
    /// are another author's ("Wang Wei" / "Wei Wang": both one word each), or whose keys,
    /// transliterated (`transliterations`), are another's ("Søren Ørsted" / "Soren Orsted";
    /// "Juergen Mueller" / "Jürgen Müller", when a spelling of the second has the umlaut). Like the block
    /// candidates they must share at least one coauthor (by coarse key).
    /// - Complexity: one dictionary lookup per distinct family and given key, one set lookup per
    ///   author, and the shared-coauthor count of each candidate pair.
    func variantCandidates(_ authors: AuthorTable, nameKeyed: [Bool], names: NameNumbers, pa: CSR, ap: CSR,
                           coarse: [Int32], entryCoarse: [Int32], coarseCount: Int) -> [JoinCandidate] {
        let n = authors.count
        // The distinct keys indexed (one hash per distinct key, not per author).
        var famIndex: [String: Int32] = [:], givIndex: [String: Int32] = [:]
        famIndex.reserveCapacity(names.famKeys.count)
        givIndex.reserveCapacity(names.givKeys.count)
        for (i, k) in names.famKeys.enumerated() { famIndex[k] = Int32(i) }
        for (i, k) in names.givKeys.enumerated() { givIndex[k] = Int32(i) }
        // Swapped: the family number of each given key and the given number of each family key.
        var famOfGiven = [Int32](repeating: -1, count: names.givKeys.count)
        for (g, k) in names.givKeys.enumerated() where !k.isEmpty {
            if let f = famIndex[k], !k.contains(" ") { famOfGiven[g] = f }
        }
        var givOfFamily = [Int32](repeating: -1, count: names.famKeys.count)
        for (f, k) in names.famKeys.enumerated() where !k.isEmpty && !k.contains(" ") {
            if let g = givIndex[k] { givOfFamily[f] = g }
        }
        // Transliterated keys: the numbers of the variants of each key (with the umlaut flag).
        func variants(_ keys: [String], _ index: [String: Int32]) -> [[(Int32, Bool)]?] {
            var out = [[(Int32, Bool)]?](repeating: nil, count: keys.count)
            for (i, k) in keys.enumerated() {
                let t = EvidenceResolution.transliterations(k)
                if t.isEmpty { continue }
                out[i] = t.compactMap { v in index[v.text].map { ($0, v.umlaut) } }
            }
            return out
        }
        let famVariants = variants(names.famKeys, famIndex), givVariants = variants(names.givKeys, givIndex)
        @inline(__always) func pair(_ f: Int32, _ g: Int32) -> UInt64 { UInt64(UInt32(f)) << 32 | UInt64(UInt32(g)) }
        // Wanted (family, given) pairs and who wants them.
        var wants: [(from: Int32, target: UInt64, kind: JoinKind, umlaut: Bool)] = []
        for a in 0..<n where nameKeyed[a] {
            let f = names.famID[a], g = names.givID[a]
            if names.givKeys[Int(g)].isEmpty { continue }
            if famOfGiven[Int(g)] >= 0 && givOfFamily[Int(f)] >= 0 && names.givKeys[Int(g)].count > 1
                && names.famKeys[Int(f)].count > 1 {
                let t = pair(famOfGiven[Int(g)], givOfFamily[Int(f)])
                if t != pair(f, g) { wants.append((Int32(a), t, .swapped, false)) }
            }
            let fv = famVariants[Int(f)], gv = givVariants[Int(g)]
            if fv == nil && gv == nil { continue }
            for (vf, uf) in [(f, false)] + (fv ?? []) {
                for (vg, ug) in [(g, false)] + (gv ?? []) where vf != f || vg != g {
                    wants.append((Int32(a), pair(vf, vg), .transliterated, uf || ug))
                }
            }
        }
        if wants.isEmpty { return [] }
        var targets: [UInt64: [Int32]] = [:]
        for w in wants { targets[w.target] = [] }
        for a in 0..<n where nameKeyed[a] {
            let k = pair(names.famID[a], names.givID[a])
            if targets[k] != nil { targets[k]!.append(Int32(a)) }
        }
        var scratch = SharedScratch(count: coarseCount, authors: n)
        var out: [JoinCandidate] = []
        var seen = Set<UInt64>()
        for w in wants {
            for y in targets[w.target] ?? [] where y != w.from {
                // An umlaut variant only meets a name written with the umlaut ("Müller", not "Muller").
                if w.umlaut && !authors.spellings[Int(y)].contains(where: { s in
                    s.text.unicodeScalars.contains { "äöüÄÖÜ".unicodeScalars.contains($0) } }) { continue }
                let (a, b) = (min(w.from, y), max(w.from, y))
                guard seen.insert(pair(a, b)).inserted else { continue }
                let shared = sharedCoauthors(Int(a), Int(b), pa: pa, ap: ap, coarse: coarse, entryCoarse: entryCoarse, scratch: &scratch)
                // A swapped order needs two shared coauthors: coauthors are compared by family name and
                // initial, and both orders of a common name ("Wang Wei", "Wei Wang") are often two people.
                if shared >= (w.kind == .swapped ? options.swappedMinShared : 1) {
                    out.append(JoinCandidate(a: a, b: b, shared: Int32(shared), kind: w.kind))
                }
            }
        }
        return out
    }

    /// The coarse key of every author (family key + first letter of the given key, else of the
    /// given name as written), numbered from 0, their number, and the name priors (`priors`):
    /// family and given keys are numbered once by their bytes (the two on two threads when
    /// `parallel`), and the rest is counting over those numbers.
    /// - Complexity: O(A) hash lookups for A authors.
    static func coarseKeysAndPriors(_ authors: AuthorTable, givenNames: StringColumn, nameKeyed: [Bool],
                                    parallel: Bool) -> (coarse: [Int32], coarseCount: Int, prior: [Double], names: NameNumbers) {
        let n = authors.count
        let family = authors.familyKey, given = authors.givenKey
        let (fam, giv) = both(parallel: parallel, { family.distinctNumbers() }, { given.distinctNumbers() })
        let famID = fam.numbers, givID = giv.numbers
        let givKeys = giv.firstRow.map { given[$0] }
        let prior = priors(authors, family: fam, given: giv, nameKeyed: nameKeyed)
        // Coarse keys: (family number, first character); characters numbered once per given key.
        var charIndex: [String: Int32] = [:]
        func charNumber(_ c: Character?) -> Int32 {
            guard let c else { return -1 }
            let k = String(c)
            if let v = charIndex[k] { return v }
            let v = Int32(charIndex.count)
            charIndex[k] = v
            return v
        }
        let givChar = givKeys.map { charNumber($0.first) }
        // A given name that starts with a nickname of another letter ("Bill") is in its formal
        // name's block ("william"): the given keys that could start so are read word by word.
        var nicknameStart = [Bool](repeating: false, count: givKeys.count)
        let moving = Nicknames.movingBlock.keys.map { Array($0.utf8) }
        var movingFirst = [Bool](repeating: false, count: 128)
        for m in moving { movingFirst[Int(m[0])] = true }
        for (i, k) in givKeys.enumerated() {
            guard let b = k.utf8.first, b < 128, movingFirst[Int(b)] else { continue }
            if moving.contains(where: { k.utf8.starts(with: $0) }) { nicknameStart[i] = true }
        }
        var coarseIndex: [UInt64: Int32] = [:]
        var coarse = [Int32](repeating: 0, count: n)
        for a in 0..<n {
            var ch = givChar[Int(givID[a])]
            if ch < 0 { ch = charNumber(NameKey.givenKey(givenNames[a]).first) }
            if nicknameStart[Int(givID[a])], let w = GivenToken.tokens(givenNames[a]).first, !w.isInitial,
               let f = Nicknames.movingBlock[w.text] {
                ch = charNumber(f.first)
            }
            let k = UInt64(UInt32(famID[a])) << 32 | UInt64(UInt32(bitPattern: ch &+ 1))
            if let v = coarseIndex[k] { coarse[a] = v } else {
                let v = Int32(coarseIndex.count)
                coarseIndex[k] = v
                coarse[a] = v
            }
        }
        return (coarse, coarseIndex.count, prior,
                NameNumbers(famID: famID, givID: givID, famKeys: fam.firstRow.map { family[$0] }, givKeys: givKeys))
    }

    /// The join candidates of the name blocks `blocks` (`members[blockStart[b]..<blockStart[b+1]]`
    /// is block b): pairs with compatible given names and at least one shared coauthor, and the
    /// number of blocks too large to search.
    func joinCandidates(blocks: Range<Int>, blockStart: [Int], members: [Int32], givenNames: StringColumn,
                        pa: CSR, ap: CSR, coarse: [Int32], entryCoarse: [Int32], coarseCount: Int) -> (candidates: [JoinCandidate], skipped: Int) {
        var candidates: [JoinCandidate] = []
        var skipped = 0
        var scratch = SharedScratch(count: coarseCount, authors: coarse.count)
        // Per block (reused): the members' given-name words (each author is in one block: made
        // once), and the positions of the members whose first word is an initial or written out.
        var toks: [[GivenToken]] = []
        var initialFirst: [Int] = [], fullFirst: [Int] = []
        for b in blocks {
            let lo = blockStart[b], count = blockStart[b + 1] - lo
            if count < 2 { continue }
            if count > options.maxBlock { skipped += 1; continue }
            toks.removeAll(keepingCapacity: true)
            for i in lo..<(lo + count) { toks.append(GivenToken.tokens(givenNames[Int(members[i])], nicknames: true)) }
            // Pairs that can be compatible: an initial first word with anything; a full first
            // word with the same full first word.
            initialFirst.removeAll(keepingCapacity: true)
            fullFirst.removeAll(keepingCapacity: true)
            for i in 0..<count {
                guard let t0 = toks[i].first else { continue }
                if t0.isInitial { initialFirst.append(i) } else { fullFirst.append(i) }
            }
            // (Candidates are sorted by a total order afterwards: the order of pairs does not matter.)
            func consider(_ i: Int, _ j: Int) {
                guard GivenToken.compatible(toks[i], toks[j]) else { return }
                let x = members[lo + i], y = members[lo + j]
                let shared = sharedCoauthors(Int(x), Int(y), pa: pa, ap: ap, coarse: coarse, entryCoarse: entryCoarse, scratch: &scratch)
                if shared > 0 {
                    candidates.append(JoinCandidate(a: min(x, y), b: max(x, y), shared: Int32(shared)))
                }
            }
            for (k, i) in initialFirst.enumerated() {
                for j in initialFirst[(k + 1)...] { consider(i, j) }
                for j in fullFirst { consider(i, j) }
            }
            if fullFirst.count > 1 {
                var byFirst: [String: [Int]] = [:]
                for i in fullFirst { byFirst[toks[i][0].text, default: []].append(i) }
                for group in byFirst.values where group.count > 1 {
                    for i in 0..<group.count { for j in (i + 1)..<group.count { consider(group[i], group[j]) } }
                }
            }
        }
        return (candidates, skipped)
    }

    /// The circles of each splittable row of `transpose` (an author's papers): papers joined when
    /// they share a coauthor, small circles attached (see the type's documentation), numbered by
    /// first paper. `circleOfEntry` is parallel to `transpose.items`; `circles` counts per row (1
    /// for a row that is not split: not splittable, one paper, or the corpus's subject).
    /// With `threads` > 1 (and no `only`), the rows are cut into pieces of about equal numbers of
    /// papers, examined on that many threads (each row's circles depend on that row alone).
    /// `venueProfile`: the corpus's venues already numbered (`VenueProfile(venue:)`), else numbered here.
    func circles(membership gpa: CSR, transpose gap: CSR, splittable: [Bool], venue: [String?], year: [Year], prior: [Double],
                 only: [Int]? = nil, threads: Int = 1, minParallel: Int = 100_000, venueProfile: VenueProfile? = nil)
        -> (circleOfEntry: [Int32], circles: [Int32], subjectNote: [Int: String]) {
        let groupCount = gap.rowCount
        var rows: [Int] = []
        for g in only ?? Array(0..<groupCount) where splittable[g] && gap.rowLength(g) > 1 { rows.append(g) }
        var circleOfEntry = [Int32](repeating: 0, count: gap.items.count)   // circle per (group, paper) entry
        var circles = [Int32](repeating: 1, count: groupCount)
        var subjectNote: [Int: String] = [:]
        let pieceCount = threads > 1 && only == nil && gap.items.count >= minParallel ? 2 : 1
        var cuts = [0]
        do {
            var total = 0
            for g in rows { total += gap.rowLength(g) }
            var acc = 0, i = 0
            for k in 1..<max(pieceCount, 1) {
                let target = total * k / pieceCount
                while i < rows.count && acc < target { acc += gap.rowLength(rows[i]); i += 1 }
                cuts.append(i)
            }
            cuts.append(rows.count)
        }
        let profile = options.profileSimilarity > 0 && !rows.isEmpty ? venueProfile ?? VenueProfile(venue: venue) : nil
        circleOfEntry.withUnsafeMutableBufferPointer { entryBuffer in
            circles.withUnsafeMutableBufferPointer { circlesBuffer in
                let entryOut = SharedStorage(entryBuffer), circlesOut = SharedStorage(circlesBuffer)
                let list = rows, cutList = cuts
                let notes = Parallel.map(blocks: pieceCount, threads: threads) { k in
                    self.circlePiece(rows: list[cutList[k]..<cutList[k + 1]], membership: gpa, transpose: gap,
                                     venue: venue, year: year, venueProfile: profile, prior: prior, circleOfEntry: entryOut, circles: circlesOut)
                }
                for piece in notes { subjectNote.merge(piece) { a, _ in a } }
            }
        }
        return (circleOfEntry, circles, subjectNote)
    }

    /// The circles of `rows` (see `circles`), written to their entries of `circleOfEntry` and
    /// `circles`; returns the notes of the rows never split.
    func circlePiece(rows: ArraySlice<Int>, membership gpa: CSR, transpose gap: CSR, venue: [String?], year: [Year],
                     venueProfile: VenueProfile?, prior: [Double],
                     circleOfEntry: SharedStorage<Int32>, circles: SharedStorage<Int32>) -> [Int: String] {
        let paperCount = gpa.rowCount
        let groupCount = gap.rowCount
        let subjectPapers = paperCount >= options.subjectMinPapers ? Int(Double(paperCount) * options.subjectShare) : Int.max
        var subjectNote: [Int: String] = [:]
        if rows.isEmpty { return subjectNote }
        var owner = [Int32](repeating: -1, count: groupCount)      // group → local paper that first had it
        var ownerStamp = [Int32](repeating: -1, count: groupCount)
        var local: [Int32] = []
        var venueOwner: [String: Int32] = [:]
        var coauthors: [Int32] = []
        var egoPairs = Set<EgoPair>()
        // Ties of each scanned coauthor: tieItems[tieStart[h]..<tieEnd[h]] (-1: not listed yet).
        var tieStart: [Int] = [], tieEnd: [Int] = [], tieSeen: [Int32] = [], tieItems: [Int32] = []
        for g in rows {
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
                if tieStart.isEmpty {
                    tieStart = [Int](repeating: -1, count: groupCount)
                    tieEnd = [Int](repeating: 0, count: groupCount)
                    tieSeen = [Int32](repeating: -1, count: groupCount)
                }
                for h in coauthors where prior[Int(h)] < options.egoPrior {
                    let rh = lfind(owner[Int(h)])
                    if rh == largest { continue }
                    // The rare-named coauthors of h (distinct, papers of at most maxEvidenceAuthors),
                    // listed once on first use: a coauthor of many split names is scanned once.
                    if tieStart[Int(h)] < 0 {
                        tieStart[Int(h)] = tieItems.count
                        for q in gap.row(Int(h)) {
                            let row = gpa.row(Int(q))
                            if row.count > options.maxEvidenceAuthors { continue }
                            for d in row where d != h && tieSeen[Int(d)] != h && prior[Int(d)] < options.egoPrior {
                                tieSeen[Int(d)] = h
                                tieItems.append(d)
                            }
                        }
                        tieEnd[Int(h)] = tieItems.count
                    }
                    for t in tieStart[Int(h)]..<tieEnd[Int(h)] {
                        let d = tieItems[t]
                        guard ownerStamp[Int(d)] == Int32(g) else { continue }
                        let rd = lfind(owner[Int(d)])
                        if rd == rh { continue }
                        // A tie with both ends outside the largest circle is taken from its smaller end.
                        if rd != largest && d < h { continue }
                        egoPairs.insert(EgoPair(a: min(rh, rd), b: max(rh, rd), h: min(h, d), d: max(h, d)))
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
            // Profiles: circles whose venues agree and whose years meet are one person.
            if options.profileSimilarity > 0, let vp = venueProfile {
                mergeByProfile(papers: papers, find: lfind, union: lunion, year: year, profile: vp,
                               threshold: options.profileThreshold(prior: prior[g]))
            }
            // Number the circles by first paper.
            var number = [Int32](repeating: -1, count: papers.count)
            var k: Int32 = 0
            for i in 0..<papers.count {
                let r = Int(lfind(Int32(i)))
                if number[r] < 0 { number[r] = k; k += 1 }
                circleOfEntry.base[base + i] = number[r]
            }
            circles.base[g] = k
        }
        return subjectNote
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
        // Coauthors' priors (weak coauthors, the ego-network) need every name's.
        let all = EvidenceResolution.namePriors(corpus.authors, nameKeyed: keyed)
        var examined = [Bool](repeating: only == nil, count: n)
        if let only { for a in only { examined[a] = true } }
        for a in 0..<n { nameKeyed[a] = nameKeyed[a] && examined[a] && all[a] >= options.minNamePrior }
        return circles(membership: corpus.paperAuthors, transpose: corpus.authorPapers, splittable: nameKeyed,
                       venue: corpus.papers.venue, year: corpus.papers.year, prior: all, only: only).circles
    }

    /// The prior of each name: how many other people the corpus is expected to hold with the same
    /// name if given and family names were combined at random, f·g/N for a name whose family key
    /// is that of f name-keyed authors and whose given key that of g, among N name-keyed authors
    /// ("Wei Wang" in DBLP: thousands of Wangs, hundreds of Weis → about 2; "Kathleen McKeown":
    /// about 0). Common names are the ones that stand for several people (DBLP's split names are
    /// mostly such). The keys are numbered by their bytes (`StringColumn.distinctNumbers`), not hashed as `String`s.
    /// - Complexity: O(A + bytes of the keys) for A authors.
    static func namePriors(_ t: AuthorTable, nameKeyed: [Bool]) -> [Double] {
        priors(t, family: t.familyKey.distinctNumbers(), given: t.givenKey.distinctNumbers(), nameKeyed: nameKeyed)
    }

    /// `namePriors` from the family and given keys already numbered (`StringColumn.distinctNumbers`).
    static func priors(_ t: AuthorTable, family: (numbers: [Int32], firstRow: [Int]),
                       given: (numbers: [Int32], firstRow: [Int]), nameKeyed: [Bool]) -> [Double] {
        let n = t.count
        var prior = [Double](repeating: 0, count: n)
        var families = [Int](repeating: 0, count: family.firstRow.count)
        var givens = [Int](repeating: 0, count: given.firstRow.count)
        var total = 0
        for a in 0..<n where nameKeyed[a] {
            total += 1
            families[Int(family.numbers[a])] += 1
            givens[Int(given.numbers[a])] += 1
        }
        guard total > 0 else { return prior }
        for a in 0..<n where nameKeyed[a] && !t.givenKey.isEmpty(at: a) {
            prior[a] = Double(families[Int(family.numbers[a])]) * Double(givens[Int(given.numbers[a])]) / Double(total)
        }
        return prior
    }

    /// The venues of a corpus numbered (first seen first) with their inverse document frequency,
    /// log(P / P_v) for P papers of which P_v are in venue v (Spärck Jones 1972): a venue that
    /// holds a large share of the corpus (arXiv's CoRR) says little about who wrote a paper.
    /// - Complexity: O(P) hash lookups.
    struct VenueProfile: Sendable {
        /// The venue number of each paper (-1: none).
        var id: [Int32]
        var idf: [Double]
        init(venue: [String?]) {
            var index: [String: Int32] = [:]
            var count: [Int] = []
            id = [Int32](repeating: -1, count: venue.count)
            for (p, v) in venue.enumerated() {
                guard let v, !v.isEmpty else { continue }
                if let k = index[v] { id[p] = k; count[Int(k)] += 1 } else {
                    let k = Int32(count.count)
                    index[v] = k
                    count.append(1)
                    id[p] = k
                }
            }
            let total = Double(venue.count)
            idf = count.map { log(total / Double($0)) }
        }
    }

    /// Joins circles of one name whose profiles agree: taken largest first (ties: first paper),
    /// each circle joins the person (a circle, or circles already joined) with the most similar
    /// venue profile, when the cosine of the two idf-weighted venue vectors is at least
    /// `threshold` (`EvidenceOptions.profileThreshold(prior:)` of the name) and their year spans overlap or lie within `profileYearGap` years
    /// (a span with no known year meets every span); else it starts a person of its own.
    /// - Complexity: O(k² v) for k circles of at most v distinct venues, on sorted venue lists
    ///   (no hashing).
    func mergeByProfile(papers: ArraySlice<Int32>, find: (Int32) -> Int32, union: (Int32, Int32) -> Void,
                        year: [Year], profile: VenueProfile, threshold: Double) {
        let n = papers.count
        // Papers of each circle, by a counting sort on the root.
        var count = [Int32](repeating: 0, count: n + 1)
        var root = [Int32](repeating: 0, count: n)
        for i in 0..<n { root[i] = find(Int32(i)); count[Int(root[i]) + 1] += 1 }
        var roots: [Int32] = []
        for r in 0..<n where count[r + 1] > 0 { roots.append(Int32(r)) }
        if roots.count < 2 { return }
        for i in 0..<n { count[i + 1] += count[i] }
        var fill = count
        var member = [Int32](repeating: 0, count: n)
        for i in 0..<n { member[Int(fill[Int(root[i])])] = Int32(i); fill[Int(root[i])] += 1 }
        roots.sort { (count[Int($0) + 1] - count[Int($0)], $1) > (count[Int($1) + 1] - count[Int($1)], $0) }
        struct Person { var venues: [(Int32, Double)]; var norm: Double; var lo: Year; var hi: Year; var root: Int32 }
        var persons: [Person] = []
        var ids: [Int32] = []
        for r in roots {
            ids.removeAll(keepingCapacity: true)
            var lo = Year.max, hi = Year.min
            for k in Int(count[Int(r)])..<Int(count[Int(r) + 1]) {
                let p = Int(papers[papers.startIndex + Int(member[k])])
                let v = profile.id[p]
                if v >= 0 { ids.append(v) }
                let y = year[p]
                if y != Year.unknown { lo = min(lo, y); hi = max(hi, y) }
            }
            ids.sort()
            var venues: [(Int32, Double)] = []
            var i = 0
            while i < ids.count {
                var j = i + 1
                while j < ids.count && ids[j] == ids[i] { j += 1 }
                venues.append((ids[i], Double(j - i) * profile.idf[Int(ids[i])]))
                i = j
            }
            let norm = venues.reduce(0) { $0 + $1.1 * $1.1 }
            var best = -1
            var bestSim = threshold
            if norm > 0 {
                for (k, q) in persons.enumerated() where q.norm > 0 {
                    if lo <= hi && q.lo <= q.hi
                        && (Int(lo) > Int(q.hi) + options.profileYearGap || Int(q.lo) > Int(hi) + options.profileYearGap) { continue }
                    var dot = 0.0, a = 0, b = 0
                    while a < venues.count && b < q.venues.count {
                        if venues[a].0 == q.venues[b].0 { dot += venues[a].1 * q.venues[b].1; a += 1; b += 1 }
                        else if venues[a].0 < q.venues[b].0 { a += 1 } else { b += 1 }
                    }
                    if dot == 0 { continue }
                    let sim = dot / (norm * q.norm).squareRoot()
                    if sim >= bestSim && (best < 0 || sim > bestSim) { best = k; bestSim = sim }
                }
            }
            if best < 0 {
                persons.append(Person(venues: venues, norm: norm, lo: lo, hi: hi, root: r))
                continue
            }
            union(persons[best].root, r)
            // The person's profile: the sum of its circles' venue vectors, its years' span.
            var q = persons[best]
            var merged: [(Int32, Double)] = []
            var a = 0, b = 0
            while a < venues.count || b < q.venues.count {
                if b == q.venues.count || (a < venues.count && venues[a].0 < q.venues[b].0) { merged.append(venues[a]); a += 1 }
                else if a == venues.count || q.venues[b].0 < venues[a].0 { merged.append(q.venues[b]); b += 1 }
                else { merged.append((venues[a].0, venues[a].1 + q.venues[b].1)); a += 1; b += 1 }
            }
            q.venues = merged
            q.norm = merged.reduce(0) { $0 + $1.1 * $1.1 }
            q.lo = min(q.lo, lo)
            q.hi = max(q.hi, hi)
            persons[best] = q
        }
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

    /// Scratch of `sharedCoauthors`: a stamp array over coarse keys (the coauthors of the author
    /// marked last stay marked, so pairs that share their first author, as the join's pairs come,
    /// mark it once) and each author's distinct coarse coauthors, listed once on first use
    /// (`items[start[a]..<end[a]]`, start -1 until listed): an author paired with many is scanned once.
    struct SharedScratch {
        var mark: [Int32]
        var markStamp: Int32 = 0
        var marked = -1
        var start: [Int]
        var end: [Int]
        var items: [Int32] = []
        init(count: Int, authors: Int) {
            mark = [Int32](repeating: -1, count: count)
            start = [Int](repeating: -1, count: authors)
            end = [Int](repeating: 0, count: authors)
        }
    }

    /// The distinct coarse keys of the coauthors of `x` (papers of at most `maxEvidenceAuthors`),
    /// without x's own coarse key, as a range of `s.items`. `entryCoarse` is the coarse key of
    /// each entry of `pa.items` (`entryCoarseKeys`): a paper's keys are read in a row.
    func coarseCoauthors(_ x: Int, pa: CSR, ap: CSR, coarse: [Int32], entryCoarse: [Int32],
                         scratch s: inout SharedScratch) -> Range<Int> {
        if s.start[x] >= 0 { return s.start[x]..<s.end[x] }
        let own = coarse[x]
        s.markStamp &+= 1
        s.marked = -1
        let stamp = s.markStamp
        let maxAuthors = options.maxEvidenceAuthors
        var items: [Int32] = [], mark: [Int32] = []
        swap(&items, &s.items)
        swap(&mark, &s.mark)
        let begin = items.count
        pa.offsets.withUnsafeBufferPointer { off in
            entryCoarse.withUnsafeBufferPointer { ec in
                mark.withUnsafeMutableBufferPointer { m in
                    for p in ap.row(x) {
                        let lo = off[Int(p)], hi = off[Int(p) + 1]
                        if hi - lo > maxAuthors { continue }
                        for e in lo..<hi {
                            let c = ec[e]
                            if c != own && m[Int(c)] != stamp { m[Int(c)] = stamp; items.append(c) }
                        }
                    }
                }
            }
        }
        let end = items.count
        swap(&items, &s.items)
        swap(&mark, &s.mark)
        s.start[x] = begin
        s.end[x] = end
        return begin..<end
    }

    /// The coarse key of every entry of `pa.items` (for `coarseCoauthors`).
    static func entryCoarseKeys(pa: CSR, coarse: [Int32]) -> [Int32] {
        pa.items.map { coarse[Int($0)] }
    }

    /// Coauthors (by coarse key) shared by authors x and y of one block (one coarse key), not
    /// counting that key.
    func sharedCoauthors(_ x: Int, _ y: Int, pa: CSR, ap: CSR, coarse: [Int32], entryCoarse: [Int32],
                         scratch s: inout SharedScratch) -> Int {
        let rx = coarseCoauthors(x, pa: pa, ap: ap, coarse: coarse, entryCoarse: entryCoarse, scratch: &s)
        let ry = coarseCoauthors(y, pa: pa, ap: ap, coarse: coarse, entryCoarse: entryCoarse, scratch: &s)
        if s.marked != x {
            s.markStamp &+= 1
            s.marked = x
            for t in rx { s.mark[Int(s.items[t])] = s.markStamp }
        }
        var shared = 0
        for t in ry where s.mark[Int(s.items[t])] == s.markStamp { shared += 1 }
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
    /// `seen` is a stamp array over the final authors (the person's own index is the stamp);
    /// `venueID` numbers each paper's venue (`VenueProfile.id`) and `venueCount`, one zero per
    /// venue number, counts them (left all zero).
    func splitNote(_ corpus: Corpus, g: Int, circle: Int, circles: Int, papers: ArraySlice<Int32>, name: String,
                   finalAuthors: CSR, person: Int32, seen: inout [Int32], venueID: [Int32], venueCount: inout [Int32]) -> String {
        var lo = Int.max, hi = Int.min
        var venuePaper: [Int32] = []    // a paper of each distinct venue, first seen first
        var coauthors = 0
        for p in papers {
            if let y = corpus.papers.yearOf(Int(p)) { lo = min(lo, y); hi = max(hi, y) }
            let v = Int(venueID[Int(p)])
            if v >= 0 {
                if venueCount[v] == 0 { venuePaper.append(p) }
                venueCount[v] += 1
            }
            for b in finalAuthors.row(Int(p)) where seen[Int(b)] != person { seen[Int(b)] = person; coauthors += 1 }
        }
        var venues: [(key: String, value: Int)] = []
        venues.reserveCapacity(venuePaper.count)
        for p in venuePaper {
            let v = Int(venueID[Int(p)])
            venues.append((corpus.papers.venue[Int(p)]!, Int(venueCount[v])))
            venueCount[v] = 0
        }
        let span = lo > hi ? "years unknown" : (lo == hi ? "\(lo)" : "\(lo)–\(hi)")
        let topVenues = venues.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.prefix(3).map { "\($0.key) (\($0.value))" }
        return "split '\(name)' into \(circles) people by coauthor circles that share no coauthor and whose venues and years do not agree: this is circle \(circle + 1): \(papers.count) paper\(papers.count == 1 ? "" : "s"), \(span), \(max(0, coauthors - 1)) coauthors" + (topVenues.isEmpty ? "" : ", venues " + topVenues.joined(separator: ", "))
    }
}
