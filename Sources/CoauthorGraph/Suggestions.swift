import CoauthorModel

/// One line of a VOSviewer thesaurus: mentions named `label` are read as `replaceBy`.
public struct ThesaurusEntry: Sendable, Equatable {
    public var label: String
    public var replaceBy: String
}

/// A pair of identities that may be one person but were not merged.
public struct DuplicateSuggestion: Sendable, Equatable {
    /// Nodes of the graph, `a < b`.
    public var a: Int
    public var b: Int
    /// Coauthors the two have in common.
    public var sharedCoauthors: Int
}

extension CoauthorGraph {
    /// Likely duplicates that identity resolution kept apart: the same family key, compatible given
    /// names (the same first letter, and one a prefix of the other or at most three letters long —
    /// `Q` / `Qin`, `J R` / `John`), and at least one shared coauthor. Ordered by shared coauthors
    /// (most first), then by names. For review: confirmed pairs go into an alias file.
    ///
    /// - Complexity: O(Σ_g k_g² · d) over groups of k_g authors with one family name and initial.
    /// - Parameter maxGroup: groups larger than this are not examined (reported in `skippedGroups`).
    public func duplicateSuggestions(maxGroup: Int = 2_000) -> (suggestions: [DuplicateSuggestion], skippedGroups: Int) {
        let authors = corpus.authors
        var groups: [String: [Int]] = [:]
        for v in 0..<nodeCount {
            let a = Int(nodeAuthor[v])
            let given = authors.givenKey[a]
            guard let first = given.first, !authors.familyKey[a].isEmpty else { continue }
            groups[authors.familyKey[a] + "|" + String(first), default: []].append(v)
        }
        var out: [DuplicateSuggestion] = []
        var skipped = 0
        for key in groups.keys.sorted() {
            let members = groups[key]!
            if members.count < 2 { continue }
            if members.count > maxGroup { skipped += 1; continue }
            for i in 0..<members.count {
                for j in (i + 1)..<members.count {
                    let x = members[i], y = members[j]
                    let gx = authors.givenKey[Int(nodeAuthor[x])], gy = authors.givenKey[Int(nodeAuthor[y])]
                    guard gx != gy else { continue }
                    let short = gx.count <= gy.count ? gx : gy, long = gx.count <= gy.count ? gy : gx
                    guard long.hasPrefix(short) || short.count <= 3 else { continue }
                    let shared = sharedNeighbors(x, y)
                    if shared > 0 { out.append(DuplicateSuggestion(a: min(x, y), b: max(x, y), sharedCoauthors: shared)) }
                }
            }
        }
        out.sort { l, r in
            if l.sharedCoauthors != r.sharedCoauthors { return l.sharedCoauthors > r.sharedCoauthors }
            return (name(l.a), name(l.b), l.a, l.b) < (name(r.a), name(r.b), r.a, r.b)
        }
        return (out, skipped)
    }

    /// The suggestions as a VOSviewer thesaurus (`--aliases` reads it back): in each pair the
    /// identity with fewer papers (ties: the shorter given name, then the later name) is replaced
    /// by the other; chains are followed to their end (`J Smith` → `John Smith` → `John R. Smith`).
    /// Left out, and counted in `skipped`: a name suggested for two different identities (which
    /// one it is must be decided by hand), and pairs where either side is keyed by a persistent id
    /// (a thesaurus rewrites names; it cannot join two ids).
    public func thesaurus(_ suggestions: [DuplicateSuggestion]) -> (entries: [ThesaurusEntry], skipped: Int) {
        let authors = corpus.authors
        func better(_ x: Int, _ y: Int) -> Bool {
            if nodePapers[x] != nodePapers[y] { return nodePapers[x] > nodePapers[y] }
            let gx = authors.givenKey[Int(nodeAuthor[x])].count, gy = authors.givenKey[Int(nodeAuthor[y])].count
            if gx != gy { return gx > gy }
            return (name(x), x) < (name(y), y)
        }
        var target: [Int: Int] = [:]
        var conflicted = Set<Int>()
        var skipped = 0
        for s in suggestions {
            guard !NameKey.isIDKey(key(s.a)), !NameKey.isIDKey(key(s.b)) else { skipped += 1; continue }
            let (to, from) = better(s.a, s.b) ? (s.a, s.b) : (s.b, s.a)
            if let t = target[from], t != to { conflicted.insert(from) } else { target[from] = to }
        }
        for c in conflicted { target[c] = nil }
        skipped += conflicted.count
        var entries: [ThesaurusEntry] = []
        for (from, first) in target {
            var to = first, steps = 0
            while let next = target[to], steps < target.count { to = next; steps += 1 }
            // A cycle cannot happen with `better`; kept safe. Names that do not read back as their
            // identity are left out too (the thesaurus would not join them).
            guard to != from, let label = typedName(from), let replaceBy = typedName(to) else { skipped += 1; continue }
            entries.append(ThesaurusEntry(label: label, replaceBy: replaceBy))
        }
        entries.sort { ($0.replaceBy, $0.label) < ($1.replaceBy, $1.label) }
        return (entries, skipped)
    }

    /// The name of a name-keyed node written so that it reads back as the node's key: the display
    /// name when it does, else "Family, Given" split where the key's family part says (a display
    /// name does not show that "Laura V. Barbosa Silva" is Barbosa Silva, Laura V.); nil when no
    /// form does.
    func typedName(_ v: Int) -> String? {
        func reads(_ text: String) -> Bool {
            guard let n = NameParser.parse(text) else { return false }
            return NameKey.nameKey(given: n.given, family: n.family, raw: n.raw, corporate: false) == key(v)
        }
        let display = name(v)
        if reads(display) { return display }
        let words = display.split(separator: " ")
        for k in 1..<max(1, words.count) {
            let text = words[k...].joined(separator: " ") + ", " + words[..<k].joined(separator: " ")
            if reads(text) { return text }
        }
        return nil
    }

    /// Common neighbours of two nodes (merge of two sorted rows).
    public func sharedNeighbors(_ x: Int, _ y: Int) -> Int {
        var i = offsets[x], j = offsets[y], count = 0
        while i < offsets[x + 1] && j < offsets[y + 1] {
            if neighbors[i] < neighbors[j] { i += 1 } else if neighbors[j] < neighbors[i] { j += 1 } else {
                count += 1; i += 1; j += 1
            }
        }
        return count
    }
}
