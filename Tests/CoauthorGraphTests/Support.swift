import CoauthorGraph
import CoauthorRecords

/// A seeded generator for reproducible random tests (Steele, Lea & Flood 2014).
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A record whose authors are plain-text names.
func paper(_ id: String, _ names: [String], year: Int? = nil) -> PaperRecord {
    PaperRecord(id: id, title: "T " + id, authors: names.compactMap(NameParser.parse), year: year,
                source: SourceLocation(file: "mem", line: 1))
}

func corpus(_ papers: [PaperRecord], options: IdentityOptions = IdentityOptions()) -> Corpus {
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
