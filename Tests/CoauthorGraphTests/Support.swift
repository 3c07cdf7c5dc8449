import CoauthorGraph
import CoauthorRecords

/// A record whose authors are plain-text names.
func paper(_ id: String, _ names: [String], year: Int? = nil) -> PaperRecord {
    PaperRecord(id: id, title: "T " + id, authors: names.compactMap(NameParser.parse), year: year,
                source: SourceLocation(file: "mem", line: 1))
}

func corpus(_ papers: [PaperRecord], options: IdentityOptions = IdentityOptions()) -> Corpus {
    // Records of one test share a source file unless they say otherwise.
    let b = CorpusBuilder(options: options)
    for p in papers { b.add(p) }
    return b.finish()
}

extension CoauthorGraph {
    /// The node of a display name (tests only: a linear search).
    func node(_ name: String) -> Int? { (0..<nodeCount).first { self.name($0) == name } }
    /// The weight between two named nodes, 0 when not joined.
    func weight(_ a: String, _ b: String) -> Int32 {
        guard let x = node(a), let y = node(b), let e = edge(x, y) else { return 0 }
        return edgeWeight[e]
    }
}
