import CoauthorModel

/// The two steps of the exact resolution that work on persistent ids (`docs/identity.md`,
/// "Ids of different schemes" and "Id anchor"), run by `CorpusBuilder.finish()` over the classes
/// (one per identity key) before identities are numbered.
///
/// 1. **Linked ids.** Ids of different schemes written on one author mention (a Web of Science
///    mention with an ORCID in `OI` and a ResearcherID in `RI`; an OpenAlex author id beside an
///    ORCID; a DBLP homonym number beside an ORCID) are one person: the classes keyed by ids
///    joined this way (union-find over id co-occurrence) become one identity. A link that would
///    put two different ids of one scheme into one person is refused, and a group two of whose
///    classes write on one paper is not joined at all (two authors of one paper are two people).
/// 2. **Id anchor.** A name-only class (no id on any of its mentions) joins an id-keyed identity
///    when (a) the id identity is the only one whose spellings with the same family key have a
///    given name compatible with the class's (`GivenToken.compatible`), (b) its given name is
///    compatible with every such spelling, (c) every paper of the class has a coauthor in common
///    with the id identity's papers (compared by family key and first initial; papers with more
///    than `maxEvidenceAuthors` authors give no evidence), and (d) the two never write on one
///    paper. The name-only mentions of a researcher whose other records carry their ORCID join
///    them; a name that stands for someone else (the ACL Anthology's unlabelled "Yang Liu",
///    whose papers do not all sit among the id person's coauthors) does not.
///
/// Deterministic: classes and ids are taken in first-seen order.
/// - Complexity: O(M) over the M mentions (one pass, only when some class is in play), plus the
///   papers of the classes in play times their authors.
struct IDLinks {
    /// One spelling of an id-keyed class: its family key and its given name as written.
    struct Name: Hashable {
        var family: String
        var given: String
    }

    var maxEvidenceAuthors = 100

    /// Classes joined by linked ids, and name-only classes joined by the id anchor.
    var linked = 0
    var anchored = 0
    /// Id-keyed classes with a second id whose link was refused (two ids of one scheme).
    var refused = 0
    /// Why, per class (appended to the identity's `AuthorTable.evidence`).
    var notes: [Int32: [String]] = [:]

    /// The membership the steps read: paper p's mentions are `spellings[start[p]..<end[p]]`.
    struct Membership {
        var start: [Int]
        var end: [Int]
        var spellings: [Int32]
        var spellingClass: [Int32]
    }

    /// Step 1 (see the type's documentation). `parent` is the union-find over classes.
    mutating func linkIDs(classKey: [String], classIsName: [Bool], classIDs: [Set<PersistentID>], used: [Bool],
                          membership m: Membership, parent: inout [Int32]) {
        let classCount = classKey.count
        // Id-keyed classes that carry a second id.
        var multi: [Int] = []
        for c in 0..<classCount where used[c] && !classIsName[c] && classIDs[c].count > 1 { multi.append(c) }
        guard !multi.isEmpty else { return }
        // Id nodes: every id of a class with several, and the primary id of every id-keyed class.
        var idIndex: [PersistentID: Int32] = [:]
        var idList: [PersistentID] = []
        func node(_ id: PersistentID) -> Int32 {
            if let i = idIndex[id] { return i }
            let i = Int32(idList.count)
            idIndex[id] = i
            idList.append(id)
            return i
        }
        for c in multi { for id in classIDs[c].sorted() where IDLinks.isPersonID(id) { _ = node(id) } }
        var idParent = [Int32](0..<Int32(idList.count))
        // Per id root: the id of each scheme it holds.
        var schemes: [[PersistentID.Kind: PersistentID]] = idList.map { [$0.kind: $0] }
        var refused = Set<String>()
        for c in multi {
            let ids = classIDs[c].sorted().filter(IDLinks.isPersonID)
            guard let primary = ids.first(where: { $0.description == classKey[c] }) else { continue }
            for other in ids where other != primary {
                let a = UnionFind.root(node(primary), &idParent), b = UnionFind.root(node(other), &idParent)
                if a == b { continue }
                let clash = schemes[Int(a)].contains { k, v in schemes[Int(b)][k].map { $0 != v } ?? false }
                if clash {
                    refused.insert(classKey[c])
                    continue
                }
                let (r, o) = a < b ? (a, b) : (b, a)
                idParent[Int(o)] = r
                schemes[Int(r)].merge(schemes[Int(o)]) { x, _ in x }
                schemes[Int(o)] = [:]
            }
        }
        self.refused = refused.count
        // Classes per id root.
        var members: [Int32: [Int32]] = [:]
        var rootOrder: [Int32] = []
        for c in 0..<classCount where used[c] && !classIsName[c] {
            guard let id = idFromKey(classKey[c], classIDs[c]), let i = idIndex[id] else { continue }
            let r = UnionFind.root(i, &idParent)
            if members[r] == nil { rootOrder.append(r) }
            members[r, default: []].append(Int32(c))
        }
        let groups = rootOrder.compactMap { r -> [Int32]? in
            let g = members[r]!
            return g.count > 1 ? g : nil
        }
        guard !groups.isEmpty else { return }
        // Two classes of one group on one paper: the group is not joined.
        var groupOf = [Int32](repeating: -1, count: classCount)
        for (i, g) in groups.enumerated() { for c in g { groupOf[Int(c)] = Int32(i) } }
        var conflicted = [Bool](repeating: false, count: groups.count)
        var seenOn: [Int32: Int32] = [:]   // group → the class met on the current paper
        for p in 0..<m.start.count {
            seenOn.removeAll(keepingCapacity: true)
            for k in m.start[p]..<m.end[p] {
                let c = m.spellingClass[Int(m.spellings[k])]
                let g = groupOf[Int(c)]
                if g < 0 { continue }
                if let other = seenOn[g], other != c { conflicted[Int(g)] = true } else { seenOn[g] = c }
            }
        }
        for (i, g) in groups.enumerated() where !conflicted[i] {
            // The identity is keyed by its best id (ORCID first, as `NameKey.primaryID` orders them).
            let head = g.min { IDLinks.priority(classKey[Int($0)], $0) < IDLinks.priority(classKey[Int($1)], $1) }!
            for c in g where c != head {
                let b = UnionFind.root(c, &parent)
                if b == head { continue }
                parent[Int(b)] = head
                linked += 1
            }
            let keys = g.map { classKey[Int($0)] }
            notes[head, default: []].append("linked ids \(keys.joined(separator: ", ")): written on the same author mention (ids of different schemes)")
        }
    }

    /// Sort key of an id-keyed class: its scheme's place in `NameKey.idPriority`, then first seen.
    static func priority(_ key: String, _ c: Int32) -> (Int, Int32) {
        let kind = key.firstIndex(of: ":").flatMap { PersistentID.Kind(rawValue: String(key[..<$0])) }
        return (kind.flatMap { NameKey.idPriority.firstIndex(of: $0) } ?? NameKey.idPriority.count, c)
    }

    /// Whether an id names a person (not an organisation).
    static func isPersonID(_ id: PersistentID) -> Bool { id.kind != .ror }

    /// The id a class is keyed by.
    private func idFromKey(_ key: String, _ ids: Set<PersistentID>) -> PersistentID? {
        if let id = ids.first(where: { $0.description == key }) { return id }
        guard let colon = key.firstIndex(of: ":"), let kind = PersistentID.Kind(rawValue: String(key[..<colon])) else { return nil }
        return PersistentID(kind, String(key[key.index(after: colon)...]))
    }

    /// Step 2 (see the type's documentation).
    mutating func anchorNames(classKey: [String], classIsName: [Bool], classFamily: [String], classGiven: [String],
                              classGivenRaw: [String?], idClassNames: [Int32: [Name]], used: [Bool],
                              membership m: Membership, parent: inout [Int32]) {
        guard !idClassNames.isEmpty else { return }
        let classCount = classKey.count
        // Id identities (union-find roots) and the names of their spellings, by family key.
        // A DBLP homonym number is DBLP's word that the unnumbered mentions of the name are not
        // that person (its unassigned remainder): identities holding one are never anchored to.
        var dblpRoots = Set<Int32>()
        for c in idClassNames.keys where used[Int(c)] && classKey[Int(c)].hasPrefix("dblp:") {
            dblpRoots.insert(UnionFind.root(c, &parent))
        }
        var rootNames: [Int32: [Name]] = [:]
        for c in idClassNames.keys.sorted() where used[Int(c)] && !dblpRoots.contains(UnionFind.root(c, &parent)) {
            let r = UnionFind.root(c, &parent)
            for n in idClassNames[c]! where !(rootNames[r]?.contains(n) ?? false) { rootNames[r, default: []].append(n) }
        }
        var byFamily: [String: [Int32]] = [:]
        for r in rootNames.keys.sorted() {
            for f in Set(rootNames[r]!.map(\.family)).sorted() { byFamily[f, default: []].append(r) }
        }
        var tokenCache: [String: [GivenToken]] = [:]
        func tokens(_ s: String) -> [GivenToken] {
            if let t = tokenCache[s] { return t }
            let t = GivenToken.tokens(s)
            tokenCache[s] = t
            return t
        }
        // (a) and (b): name-only classes with exactly one compatible id identity.
        var candidate: [(cls: Int32, root: Int32)] = []
        for c in 0..<classCount where used[c] && classIsName[c] {
            guard let roots = byFamily[classFamily[c]] else { continue }
            let t = tokens(classGivenRaw[c] ?? "")
            if t.isEmpty { continue }
            var fits: [Int32] = []
            for r in roots where rootNames[r]!.contains(where: { $0.family == classFamily[c] && GivenToken.compatible(t, tokens($0.given)) }) {
                fits.append(r)
            }
            guard fits.count == 1, let r = fits.first else { continue }
            let all = rootNames[r]!.allSatisfy { $0.family != classFamily[c] || GivenToken.compatible(t, tokens($0.given)) }
            if all { candidate.append((Int32(c), r)) }
        }
        guard !candidate.isEmpty else { return }
        // Papers of the classes in play: the candidates and every class of their id identities.
        var slot = [Int32](repeating: -1, count: classCount)   // class → index into `papers`
        var papersOf: [[Int32]] = []
        func track(_ c: Int32) {
            if slot[Int(c)] < 0 { slot[Int(c)] = Int32(papersOf.count); papersOf.append([]) }
        }
        let anchorRoots = Set(candidate.map(\.root))
        for c in candidate { track(c.cls) }
        for c in 0..<classCount where used[c] && !classIsName[c] && anchorRoots.contains(UnionFind.root(Int32(c), &parent)) {
            track(Int32(c))
        }
        for p in 0..<m.start.count {
            for k in m.start[p]..<m.end[p] {
                let s = slot[Int(m.spellingClass[Int(m.spellings[k])])]
                if s >= 0 && papersOf[Int(s)].last != Int32(p) { papersOf[Int(s)].append(Int32(p)) }
            }
        }
        // Coauthors compared by family key and first initial.
        func coarse(_ c: Int) -> String {
            if classIsName[c] { return classFamily[c] + "|" + String(classGiven[c].prefix(1)) }
            let g = idClassNames[Int32(c)]?.first.map { NameKey.givenKey($0.given) } ?? ""
            return classFamily[c] + "|" + String(g.prefix(1))
        }
        var coarseCache: [Int32: String] = [:]
        func coarseOf(_ c: Int32) -> String {
            if let k = coarseCache[c] { return k }
            let k = coarse(Int(c))
            coarseCache[c] = k
            return k
        }
        func coauthors(ofPaper p: Int32, except own: (Int32) -> Bool) -> [String]? {
            let range = m.start[Int(p)]..<m.end[Int(p)]
            if range.count > maxEvidenceAuthors { return nil }
            return range.compactMap { k in
                let c = m.spellingClass[Int(m.spellings[k])]
                return own(c) ? nil : coarseOf(c)
            }
        }
        // The id identities' papers and coauthors.
        var classesOfRoot: [Int32: [Int32]] = [:]
        for c in 0..<classCount where slot[c] >= 0 && !classIsName[c] {
            classesOfRoot[UnionFind.root(Int32(c), &parent), default: []].append(Int32(c))
        }
        var rootPapers: [Int32: Set<Int32>] = [:]
        var rootCoauthors: [Int32: Set<String>] = [:]
        for r in anchorRoots.sorted() {
            let own = Set(classesOfRoot[r] ?? [])
            var ps = Set<Int32>(), co = Set<String>()
            for c in own {
                for p in papersOf[Int(slot[Int(c)])] {
                    ps.insert(p)
                    for k in coauthors(ofPaper: p, except: { own.contains($0) }) ?? [] { co.insert(k) }
                }
            }
            rootPapers[r] = ps
            rootCoauthors[r] = co
        }
        // (c) and (d), in class order.
        for (c, r) in candidate {
            let own = coarseOf(c)
            let ps = papersOf[Int(slot[Int(c)])]
            if ps.isEmpty || ps.contains(where: { rootPapers[r]!.contains($0) }) { continue }
            var supported = true
            var shared = Set<String>()
            for p in ps {
                guard let co = coauthors(ofPaper: p, except: { $0 == c }) else { supported = false; break }
                let hits = co.filter { $0 != own && rootCoauthors[r]!.contains($0) }
                if hits.isEmpty { supported = false; break }
                shared.formUnion(hits)
            }
            guard supported else { continue }
            let a = UnionFind.root(c, &parent), b = UnionFind.root(r, &parent)
            if a == b { continue }
            parent[Int(a)] = b   // the id identity keeps its key
            rootPapers[r]!.formUnion(ps)
            anchored += 1
            notes[r, default: []].append(
                "joined the name-only '\(classKey[Int(c)])' (\(ps.count) paper\(ps.count == 1 ? "" : "s")) to \(classKey[Int(r)]): the only id-bearing identity with a compatible name, every paper shares a coauthor with it (\(shared.count) shared), never on one paper")
        }
    }

    /// Step 3: the subject of a corpus (an identity on more than `share` of its papers, in a corpus
    /// of at least `minPapers`: the owner of a profile page, the researcher of their own export) is
    /// one person by the corpus's word. A name-only class with the subject's family key whose given
    /// name is compatible with every given name of the subject's spellings joins it when it never
    /// writes on a paper with the subject and no other identity of that family key with a
    /// compatible name could be meant instead (one whose own name is not compatible with the
    /// subject's). Single-author papers (an editorial of the researcher's own) are joined this way,
    /// where coauthors give no evidence.
    mutating func anchorSubject(classKey: [String], classIsName: [Bool], classFamily: [String],
                                classGivenRaw: [String?], idClassNames: [Int32: [Name]], used: [Bool],
                                share: Double, minPapers: Int, membership m: Membership, parent: inout [Int32]) {
        let paperCount = m.start.count
        guard paperCount >= minPapers else { return }
        let classCount = classKey.count
        // Papers per identity (union-find root), each paper once.
        var count = [Int32](repeating: 0, count: classCount)
        var last = [Int32](repeating: -1, count: classCount)
        for p in 0..<paperCount {
            for k in m.start[p]..<m.end[p] {
                let r = Int(UnionFind.root(m.spellingClass[Int(m.spellings[k])], &parent))
                if last[r] == Int32(p) { continue }
                last[r] = Int32(p)
                count[r] += 1
            }
        }
        last = []
        var subject = -1
        for c in 0..<classCount where Double(count[c]) > share * Double(paperCount) {
            if !classKey[c].hasPrefix("corp|") { subject = c }
        }
        guard subject >= 0 else { return }
        let s = Int32(subject)
        // The subject's names and those of every other identity, by family key.
        var namesOf: [Int32: [Name]] = [:]
        for c in 0..<classCount where used[c] && !classKey[c].hasPrefix("corp|") {
            let r = UnionFind.root(Int32(c), &parent)
            let names = classIsName[c] ? [Name(family: classFamily[c], given: classGivenRaw[c] ?? "")] : (idClassNames[Int32(c)] ?? [])
            for n in names where !(namesOf[r]?.contains(n) ?? false) { namesOf[r, default: []].append(n) }
        }
        guard let subjectNames = namesOf[s] else { return }
        let families = Set(subjectNames.map(\.family))
        var byFamily: [String: [Int32]] = [:]
        for r in namesOf.keys.sorted() where r != s {
            for f in Set(namesOf[r]!.map(\.family)) where families.contains(f) { byFamily[f, default: []].append(r) }
        }
        var tokenCache: [String: [GivenToken]] = [:]
        func tokens(_ x: String) -> [GivenToken] {
            if let t = tokenCache[x] { return t }
            let t = GivenToken.tokens(x)
            tokenCache[x] = t
            return t
        }
        func fits(_ t: [GivenToken], _ names: [Name], family: String) -> Bool {
            names.allSatisfy { $0.family != family || GivenToken.compatible(t, tokens($0.given)) }
        }
        // Candidates: name-only identities (roots of name classes only) that fit the subject.
        var candidates: [Int32] = []
        for r in byFamily.values.joined().sorted() where !candidates.contains(r) {
            let names = namesOf[r]!
            guard names.count == 1, let name = names.first, families.contains(name.family) else { continue }
            let t = tokens(name.given)
            if t.isEmpty || !fits(t, subjectNames, family: name.family) { continue }
            // No other identity of the family that this name fits while it does not fit the subject.
            let rivals = byFamily[name.family]!.filter { o in
                o != r && namesOf[o]!.contains { $0.family == name.family && GivenToken.compatible(t, tokens($0.given)) }
                    && !namesOf[o]!.allSatisfy { $0.family != name.family || fits(tokens($0.given), subjectNames, family: name.family) }
            }
            if rivals.isEmpty { candidates.append(r) }
        }
        guard !candidates.isEmpty else { return }
        // Only identities made of name classes; never on a paper with the subject.
        var isCandidate = [Bool](repeating: false, count: classCount)
        for c in 0..<classCount where used[c] {
            let r = UnionFind.root(Int32(c), &parent)
            if !classIsName[c], candidates.contains(r) { candidates.removeAll { $0 == r } }
        }
        for r in candidates { isCandidate[Int(r)] = true }
        var clash = [Bool](repeating: false, count: classCount)
        for p in 0..<paperCount {
            var hasSubject = false, here: [Int32] = []
            for k in m.start[p]..<m.end[p] {
                let r = UnionFind.root(m.spellingClass[Int(m.spellings[k])], &parent)
                if r == s { hasSubject = true } else if isCandidate[Int(r)] { here.append(r) }
            }
            if hasSubject { for r in here { clash[Int(r)] = true } }
            if here.count > 1 { for r in here { clash[Int(r)] = true } }
        }
        for r in candidates where !clash[Int(r)] {
            parent[Int(r)] = s
            anchored += 1
            notes[s, default: []].append(
                "joined the name-only '\(classKey[Int(r)])' (\(count[Int(r)]) paper\(count[Int(r)] == 1 ? "" : "s")) to the corpus's subject (on \(count[subject]) of its \(paperCount) papers): its name fits every spelling of the subject's, no other author of that family name fits it, never on one paper with the subject")
        }
    }
}
