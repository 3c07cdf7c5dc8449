/// Self-checks of the data structures everything else trusts: each `_checkInvariants()` walks a
/// structure once and stops the program with the broken rule (a `precondition`) when it does not
/// hold. Debug builds run them where the structures are made (the builder, the graph, a decoded
/// snapshot); the tests call them on what they build; release builds skip them.
///
/// - Complexity: O(size of the structure) each.

extension CSR {
    /// Offsets start at 0, never decrease and end at the item count; every item is below `columns`.
    public func _checkInvariants(columns: Int) {
        precondition(!offsets.isEmpty && offsets[0] == 0, "CSR: offsets must start at 0")
        for r in 0..<rowCount { precondition(offsets[r] <= offsets[r + 1], "CSR: offsets decrease at row \(r)") }
        precondition(offsets[rowCount] == items.count, "CSR: the last offset is not the item count")
        for x in items { precondition(x >= 0 && Int(x) < columns, "CSR: item \(x) outside 0..<\(columns)") }
    }
}

extension Corpus {
    /// The paper and author columns have one entry per paper and per author; `paperAuthors` and
    /// `authorPapers` are each other's transpose (the same membership pairs), rows ascending.
    public func _checkInvariants() {
        let p = papers.count, a = authors.count
        precondition(papers.title.count == p && papers.year.count == p && papers.venue.count == p
                     && papers.doi.count == p && papers.sourceFile.count == p && papers.sourceLine.count == p,
                     "Corpus: a paper column has the wrong length")
        precondition(papers.nativeID.rows.allSatisfy { $0 >= 0 && Int($0) < p }, "Corpus: a native id names no paper")
        precondition(authors.displayName.count == a && authors.ids.count == a && authors.joinReasons.count == a,
                     "Corpus: an author column has the wrong length")
        precondition(paperAuthors.rowCount == p && authorPapers.rowCount == a, "Corpus: membership rows")
        paperAuthors._checkInvariants(columns: a)
        authorPapers._checkInvariants(columns: p)
        precondition(paperAuthors.items.count == authorPapers.items.count, "Corpus: membership is not its transpose")
        var seen = [Int](repeating: 0, count: a)
        for paper in 0..<p {
            for k in paperAuthors.offsets[paper]..<paperAuthors.offsets[paper + 1] {
                let author = Int(paperAuthors.items[k])
                let row = authorPapers.offsets[author]..<authorPapers.offsets[author + 1]
                precondition(row.lowerBound + seen[author] < row.upperBound
                             && Int(authorPapers.items[row.lowerBound + seen[author]]) == paper,
                             "Corpus: paper \(paper) of author \(author) missing from its authorPapers row")
                seen[author] += 1
            }
        }
        for f in papers.sourceFile { precondition(f >= 0 && Int(f) < sourceFiles.count, "Corpus: source file \(f)") }
    }
}

extension CoauthorGraph {
    /// The CSR rows are strictly ascending, in range, without self-loops, and each entry names the
    /// edge that joins its two ends; every edge is stored as (smaller, larger) with a weight of at
    /// least one joint paper and a positive, finite fractional weight; node and edge columns have one
    /// entry per node and edge; nodes are distinct authors of the corpus.
    public func _checkInvariants() {
        let n = nodeCount, m = edgeCount
        precondition(nodePapers.count == n && nodeFirstYear.count == n && nodeLastYear.count == n, "graph: node columns")
        precondition(edgeTarget.count == m && edgeWeight.count == m && edgeFractional.count == m
                     && edgeFirstYear.count == m && edgeLastYear.count == m, "graph: edge columns")
        precondition(offsets.count == n + 1 && offsets[0] == 0 && offsets[n] == 2 * m
                     && neighbors.count == 2 * m && adjacencyEdge.count == 2 * m, "graph: CSR sizes")
        var isNode = [Bool](repeating: false, count: corpus.authors.count)
        for v in 0..<n {
            let author = Int(nodeAuthor[v])
            precondition(author >= 0 && author < corpus.authors.count && !isNode[author], "graph: node \(v)'s author")
            isNode[author] = true
            precondition(offsets[v] <= offsets[v + 1], "graph: offsets decrease at node \(v)")
            var last = -1
            for k in offsets[v]..<offsets[v + 1] {
                let u = Int(neighbors[k]), e = Int(adjacencyEdge[k])
                precondition(u > last && u < n && u != v, "graph: row \(v) not strictly ascending, or a self-loop")
                precondition(e >= 0 && e < m && Int(edgeSource[e]) == min(u, v) && Int(edgeTarget[e]) == max(u, v),
                             "graph: entry \(k) of row \(v) names the wrong edge")
                last = u
            }
        }
        for e in 0..<m {
            precondition(edgeSource[e] < edgeTarget[e], "graph: edge \(e) not stored as (smaller, larger)")
            precondition(edgeWeight[e] >= 1, "graph: edge \(e) without a joint paper")
            precondition(edgeFractional[e] > 0 && edgeFractional[e].isFinite, "graph: edge \(e)'s fractional weight")
        }
        precondition(paperKept.count == corpus.papers.count && paperKept.filter { $0 }.count == keptPaperCount,
                     "graph: kept papers")
    }
}
