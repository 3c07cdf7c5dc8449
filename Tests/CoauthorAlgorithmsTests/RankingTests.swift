import CoauthorGraph
import CoauthorRecords
import Testing
@testable import CoauthorAlgorithms

/// `Ranking.order` against a plain full sort written from the rule (best score first, NaN last,
/// ties by display name, then key, as Unicode scalars), and its top-N selection against the
/// prefix of the full order, on scores with many ties and NaNs.
@Suite struct RankingTests {
    /// Authors with names that tie after folding differently: accents, case, a DBLP number.
    static let graph: CoauthorGraph = {
        let names = ["Ann Lee", "Bo Li", "Zoë Adams", "Zoe Adams", "ann lee", "Émile Zola", "Wei Wang 0001", "Wei Wang 0002",
                     "Wei Wang", "李 四", "Chi-Hao Wu", "Qin Huang"]
        let b = CorpusBuilder()
        for (i, n) in names.enumerated() {
            b.add(PaperRecord(id: "p\(i)", title: "T\(i)", authors: [n, names[(i + 1) % names.count]].compactMap(NameParser.parse),
                              year: 2020, source: SourceLocation(file: "mem", line: i + 1)))
        }
        return CoauthorGraph(corpus: b.finish())
    }()

    static func plainOrder(_ score: [Double], _ g: CoauthorGraph, higherIsBetter: Bool) -> [Int] {
        func scalars(_ s: String) -> [UInt32] { s.unicodeScalars.map(\.value) }
        return (0..<g.nodeCount).sorted { a, b in
            let x = score[a], y = score[b]
            if x.isNaN != y.isNaN { return !x.isNaN }
            if !x.isNaN && x != y { return higherIsBetter ? x > y : x < y }
            let na = scalars(g.name(a)), nb = scalars(g.name(b))
            if na != nb { return na.lexicographicallyPrecedes(nb) }
            return scalars(g.key(a)).lexicographicallyPrecedes(scalars(g.key(b)))
        }
    }

    @Test func equalsAPlainSortAndItsPrefixes() {
        let g = Self.graph
        #expect(g.nodeCount >= 10)
        var rng = SplitMix64(seed: 5)
        for round in 0..<200 {
            // Few distinct values (many ties), some NaNs.
            let score = (0..<g.nodeCount).map { _ -> Double in
                let r = rng.next(below: 6)
                return r == 0 ? .nan : Double(r % 3) * (round % 2 == 0 ? 0.5 : -1)
            }
            for higher in [true, false] {
                let full = Ranking.order(score, in: g, higherIsBetter: higher)
                #expect(full == Self.plainOrder(score, g, higherIsBetter: higher))
                for top in [1, 2, 3, 5, g.nodeCount - 1, g.nodeCount, g.nodeCount + 4] {
                    #expect(Ranking.order(score, in: g, higherIsBetter: higher, top: top) == Array(full.prefix(top)),
                            "round \(round), top \(top)")
                }
            }
        }
    }
}

/// `Neighbourhood.within` on a hand-made chain with a branch: rings by hop count, ego first.
@Suite struct NeighbourhoodTests {
    @Test func ringsByHops() {
        let b = CorpusBuilder()
        let pairs = [["Ann Lee", "Bo Li"], ["Bo Li", "Cy Ng"], ["Cy Ng", "Di Ho"], ["Bo Li", "Ed Wu"], ["Fay Xu", "Gus Yo"]]
        for (i, p) in pairs.enumerated() {
            b.add(PaperRecord(id: "p\(i)", title: "T\(i)", authors: p.compactMap(NameParser.parse), year: 2020,
                              source: SourceLocation(file: "mem", line: i + 1)))
        }
        let g = CoauthorGraph(corpus: b.finish())
        func v(_ name: String) -> Int { (0..<g.nodeCount).first { g.name($0) == name }! }
        func names(_ nodes: [Int]) -> [String] { nodes.map { g.name($0) } }
        #expect(names(Neighbourhood.within(1, hopsOf: v("Ann Lee"), in: g)) == ["Ann Lee", "Bo Li"])
        #expect(Set(names(Neighbourhood.within(2, hopsOf: v("Ann Lee"), in: g))) == ["Ann Lee", "Bo Li", "Cy Ng", "Ed Wu"])
        #expect(names(Neighbourhood.within(2, hopsOf: v("Ann Lee"), in: g)).first == "Ann Lee")
        #expect(Set(names(Neighbourhood.within(9, hopsOf: v("Ann Lee"), in: g))) == ["Ann Lee", "Bo Li", "Cy Ng", "Di Ho", "Ed Wu"])
        #expect(names(Neighbourhood.within(3, hopsOf: v("Fay Xu"), in: g)) == ["Fay Xu", "Gus Yo"])
    }
}
