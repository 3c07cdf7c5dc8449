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
