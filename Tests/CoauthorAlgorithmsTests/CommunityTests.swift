import CoauthorGraph
import CoauthorRecords
import Foundation
import Testing
@testable import CoauthorAlgorithms

/// Community detection on graphs small enough to work out by hand, and properties every run must have.
@Suite struct CommunityTests {
    /// Two triangles 0-1-2 and 3-4-5 joined by the edge 2–3.
    let twoTriangles = adjacency(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])

    @Test func modularityByHand() throws {
        // m = 7; each triangle: L = 3, K = 2 + 2 + 3 = 7. Q = 2 (3/7 − γ (7/14)²).
        let halves = [0, 0, 0, 1, 1, 1]
        #expect(abs(try Modularity.modularity(twoTriangles, membership: halves) - (6.0 / 7 - 0.5)) < 1e-15)
        #expect(abs(try Modularity.modularity(twoTriangles, membership: halves, resolution: 2) - (6.0 / 7 - 1)) < 1e-15)
        // One community: Q = 1 − γ. Singletons: Q = −γ Σ (k/2m)² = −(4·4 + 2·9)/196.
        #expect(abs(try Modularity.modularity(twoTriangles, membership: [Int](repeating: 5, count: 6))) < 1e-15)
        #expect(abs(try Modularity.modularity(twoTriangles, membership: Array(0..<6)) + 34.0 / 196) < 1e-15)
        // Weighted: the bridge weighs 5 → m = 11, K = 11 each, Q = 2 (3/11 − 1/4).
        let w = adjacency(6, [(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)], weights: [1, 1, 1, 1, 1, 1, 5])
        #expect(abs(try Modularity.modularity(w, membership: halves) - (6.0 / 11 - 0.5)) < 1e-15)
        // Labels are any non-negative integers; a wrong count or a negative label is an error.
        #expect(try Modularity.modularity(twoTriangles, membership: [7, 7, 7, 2, 2, 2]) == (try Modularity.modularity(twoTriangles, membership: halves)))
        #expect(throws: AlgorithmError.self) { try Modularity.modularity(twoTriangles, membership: [0, 0]) }
        #expect(throws: AlgorithmError.self) { try Modularity.modularity(twoTriangles, membership: [0, 0, 0, 1, 1, -1]) }
        #expect(throws: AlgorithmError.self) { try Modularity.modularity(twoTriangles, membership: halves, resolution: -1) }
        // No edges: undefined.
        #expect(try Modularity.modularity(adjacency(3, []), membership: [0, 1, 2]).isNaN)
    }

    @Test func everyMethodFindsTheTwoTriangles() throws {
        for method in [CommunityMethod.leiden, .louvain, .labelPropagation] {
            for seed in UInt64(0)..<10 {
                let r = try Communities.detect(twoTriangles, method: method, seed: seed)
                #expect(r.membership == [0, 0, 0, 1, 1, 1], "\(method) seed \(seed)")
                #expect(r.sizes == [3, 3])
                #expect(abs(r.modularity - 5.0 / 14) < 1e-15)
            }
        }
        let c = try Communities.detect(twoTriangles, method: .components)
        #expect(c.membership == [0, 0, 0, 0, 0, 0] && abs(c.modularity) < 1e-15)
    }

    @Test func numberingBySizeThenName() throws {
        // A triangle, a pair and another triangle: the triangles come first; between them, the
        // one holding the smallest name ("Ada") wins; without names, the smallest node.
        let g = adjacency(8, [(0, 1), (1, 2), (0, 2), (3, 4), (5, 6), (6, 7), (5, 7)])
        let plain = try Communities.detect(g, method: .components)
        #expect(plain.membership == [0, 0, 0, 2, 2, 1, 1, 1])
        #expect(plain.sizes == [3, 3, 2])
        let names = ["Zoe", "Yan", "Xu", "Bob", "Cy", "Wu", "Ada", "Vic"]
        let named = try Communities.detect(g, method: .components, names: names)
        #expect(named.membership == [1, 1, 1, 2, 2, 0, 0, 0])
        #expect(named.folded(minSize: 3) == [1, 1, 1, -1, -1, 0, 0, 0])
        #expect(named.members() == [[5, 6, 7], [0, 1, 2], [3, 4]])
        #expect(throws: AlgorithmError.self) { try Communities.detect(g, names: ["one"]) }
    }

    @Test func edgeCases() throws {
        // No nodes, no edges, isolated nodes: singletons, Q undefined; nothing throws.
        for method in CommunityMethod.allCases {
            let empty = try Communities.detect(adjacency(0, []), method: method)
            #expect(empty.membership.isEmpty && empty.count == 0 && empty.levels.count == 1)
            let edgeless = try Communities.detect(adjacency(3, []), method: method, names: ["c", "b", "a"])
            #expect(edgeless.membership == [2, 1, 0] && edgeless.modularity.isNaN)
            // One edge and an isolated node: Q = 1/1 − (2/2)² = 0.
            let pair = try Communities.detect(adjacency(3, [(1, 2)]), method: method)
            #expect(pair.membership == [1, 0, 0] && abs(pair.modularity) < 1e-15)
        }
        #expect(throws: AlgorithmError.self) { try Communities.detect(self.twoTriangles, resolution: -0.5) }
        #expect(throws: AlgorithmError.self) { try Communities.detect(self.twoTriangles, resolution: .nan) }
        // Weights that are not positive and finite never reach an algorithm: the graph refuses them.
        for bad in [0.0, -1, .nan, .infinity] {
            #expect(throws: GraphError.self) {
                try WeightedAdjacency(nodeCount: 2, edges: [WeightedEdge(0, 1, bad)])
            }
        }
        #expect(throws: GraphError.badWeight(a: 0, b: 1, weight: 0)) {
            try WeightedAdjacency(nodeCount: 2, edges: [WeightedEdge(0, 1, 1), WeightedEdge(0, 1, 0)])
        }
    }

    @Test func resolutionZeroMergesEachComponent() throws {
        // γ = 0: every merge gains, so each connected component becomes one community.
        let g = adjacency(9, [(0, 1), (1, 2), (2, 3), (4, 5), (5, 6), (4, 6), (7, 8)])
        for method in [CommunityMethod.leiden, .louvain] {
            let r = try Communities.detect(g, method: method, resolution: 0)
            #expect(r.membership == [0, 0, 0, 0, 1, 1, 1, 2, 2], "\(method)")
            #expect(abs(r.modularity - 1) < 1e-15)
        }
    }

    /// Seeded random graphs with a planted structure, isolated nodes and weights 1…4.
    static func randomGraph(seed: UInt64, n: Int = 300, groups: Int = 8, pIn: Double = 0.15, pOut: Double = 0.01) -> WeightedAdjacency {
        var rng = SplitMix64(seed: seed)
        var edges: [WeightedEdge] = []
        for a in 0..<(n - 10) {
            for b in (a + 1)..<(n - 10) {
                let p = a % groups == b % groups ? pIn : pOut
                if rng.nextUnit() < p { edges.append(WeightedEdge(a, b, Double(1 + rng.next(below: 4)))) }
            }
        }
        return try! WeightedAdjacency(nodeCount: n, edges: edges)
    }

    @Test func validityAndDeterminism() throws {
        for s in UInt64(1)...4 {
            let g = Self.randomGraph(seed: s)
            for method in CommunityMethod.allCases {
                let r = try Communities.detect(g, method: method, resolution: s == 4 ? 1.7 : 1, seed: s)
                // A partition: every node once, ids 0..<count, sizes non-increasing and right.
                #expect(r.membership.count == g.nodeCount)
                #expect(r.membership.allSatisfy { (0..<r.count).contains($0) })
                #expect(r.sizes == r.sizes.sorted(by: >) && r.sizes.reduce(0, +) == g.nodeCount)
                #expect(r.members().map(\.count) == r.sizes)
                if method != .louvain {
                    #expect(Communities.disconnected(g, membership: r.membership).isEmpty, "\(method) seed \(s)")
                }
                for level in r.levels {
                    let q = try Modularity.modularity(g, membership: level.membership, resolution: r.resolution)
                    #expect(abs(q - level.modularity) < 1e-12)
                }
                // Same seed, same everything.
                let again = try Communities.detect(g, method: method, resolution: r.resolution, seed: s)
                #expect(again.levels == r.levels, "\(method) seed \(s)")
            }
        }
    }

    @Test func levelsNestAndImprove() throws {
        let g = Self.randomGraph(seed: 11, n: 400, groups: 12)
        let louvain = try Communities.detect(g, method: .louvain, seed: 3)
        #expect(louvain.levels.count >= 2)
        for (fine, coarse) in zip(louvain.levels, louvain.levels.dropFirst()) {
            // Every community of a level lies inside one community of the next.
            var parent = [Int: Int]()
            for v in 0..<g.nodeCount {
                if let p = parent[fine.membership[v]] { #expect(p == coarse.membership[v]) }
                parent[fine.membership[v]] = coarse.membership[v]
            }
            #expect(coarse.count <= fine.count)
        }
        let leiden = try Communities.detect(g, method: .leiden, seed: 3)
        for (a, b) in zip(leiden.levels, leiden.levels.dropFirst()) { #expect(b.modularity >= a.modularity - 1e-12) }
        let capped = try Communities.detect(g, method: .leiden, seed: 3, iterations: 1)
        #expect(capped.levels.count == 1 && capped.levels[0] == leiden.levels[0])
    }

    @Test func largeGraphsSameWithOneAndTwoThreads() throws {
        // From 2^16 row entries on, Leiden refines and aggregates in two fixed halves: the result
        // must not depend on the thread count, and stay connected and consistent in Q.
        let g = Self.randomGraph(seed: 5, n: 2400, groups: 24)
        #expect(g.neighbors.count >= 1 << 16)
        for method in [CommunityMethod.leiden, .louvain] {
            let one = try Communities.detect(g, method: method, seed: 9, threads: 1)
            let two = try Communities.detect(g, method: method, seed: 9, threads: 2)
            #expect(one.levels == two.levels, "\(method)")
            if method == .leiden { #expect(Communities.disconnected(g, membership: one.membership).isEmpty) }
            for level in one.levels {
                let q = try Modularity.modularity(g, membership: level.membership)
                #expect(abs(q - level.modularity) < 1e-12)
            }
            #expect(one.modularity > 0.3)
        }
    }

    @Test func leidenRepairsWhatLouvainCanBreak() throws {
        // Traag et al.'s example shape: a node bridging two groups that leave it behind. Across
        // many seeded random graphs Leiden's communities are all connected.
        var checked = 0
        for s in UInt64(20)..<40 {
            let g = Self.randomGraph(seed: s, n: 120, groups: 6, pIn: 0.2, pOut: 0.03)
            let r = try Communities.detect(g, method: .leiden, seed: s)
            #expect(Communities.disconnected(g, membership: r.membership).isEmpty)
            checked += r.count
        }
        #expect(checked > 100)
    }

    @Test func normalizedMutualInformation() {
        #expect(Communities.normalizedMutualInformation([0, 0, 1, 1], [5, 5, 3, 3]) == 1)
        #expect(abs(Communities.normalizedMutualInformation([0, 0, 1, 1], [0, 1, 0, 1])) < 1e-15)
        #expect(Communities.normalizedMutualInformation([0, 0, 0], [1, 1, 1]) == 1)
        // a = {01}{23}, b = {0}{123}: joint ¼, ¼, ½ against marginals (½, ¼), (½, ¾), (½, ¾):
        // I = ¼ ln 2 + ¼ ln ⅔ + ½ ln 4/3 = (3/2) ln 2 − (3/4) ln 3; H(a) = ln 2, H(b) = ln 4 − (3/4) ln 3.
        let i = 1.5 * log(2.0) - 0.75 * log(3.0)
        let h = log(2.0) + log(4.0) - 0.75 * log(3.0)
        #expect(abs(Communities.normalizedMutualInformation([0, 0, 1, 1], [0, 1, 1, 1]) - 2 * i / h) < 1e-15)
    }
}

/// Community labels on a hand-made corpus.
@Suite struct CommunityLabelTests {
    func record(_ id: String, _ title: String, _ authors: [String], year: Int, abstract: String? = nil) -> PaperRecord {
        PaperRecord(id: id, title: title, authors: authors.compactMap(NameParser.parse), year: year, abstract: abstract,
                    source: SourceLocation(file: "mem", line: 1))
    }

    func graph(_ records: [PaperRecord]) -> CoauthorGraph {
        let b = CorpusBuilder()
        for r in records { b.add(r) }
        return CoauthorGraph(corpus: b.finish())
    }

    @Test func distinctiveTermsAndPhrases() throws {
        let g = graph([
            record("1", "Graph Neural Networks for Molecules", ["Ann A", "Bo B"], year: 2019),
            record("2", "Scalable Graph Neural Networks", ["Ann A", "Cy C"], year: 2020,
                   abstract: "We propose a new approach to graph neural networks that scales."),
            record("3", "Graph neural networks: a survey of the results", ["Bo B", "Cy C"], year: 2021),
            record("4", "Protein Folding with Language Models", ["Di D", "Ed E"], year: 2018),
            record("5", "Language Models of Protein Folding", ["Di D", "Fay F"], year: 2022),
            record("6", "Protein folding, revisited", ["Ed E", "Fay F"], year: 2017),
        ])
        let r = try Communities.detect(g)
        #expect(r.sizes == [3, 3])
        var shares: [Double] = []
        let labels = CommunityLabels.label(g, membership: r.membership, count: r.count) { shares.append($0) }
        #expect(shares.first == 0 && shares.last == 1 && shares == shares.sorted())   // progress from 0 to 1
        let ann = r.membership[g.nodeOf("Ann A")], di = r.membership[g.nodeOf("Di D")]
        #expect(labels[ann].terms.first?.text == "graph neural networks")
        #expect(labels[di].terms.first?.text == "protein folding")
        #expect(labels[di].terms.map(\.text).contains("language models"))
        // Stop words and boilerplate never appear; no term sits inside another.
        for l in labels {
            for t in l.terms {
                #expect(!["a", "of", "the", "with", "for", "we", "propose", "new", "approach", "results"].contains(t.text))
                #expect(t.score > 0)
                for u in l.terms where u.text != t.text { #expect(!(" " + u.text + " ").contains(" " + t.text + " ")) }
            }
        }
        #expect(labels[ann].papers == 3 && labels[ann].firstYear == 2019 && labels[ann].lastYear == 2021)
        #expect(labels[di].papers == 3 && labels[di].firstYear == 2017 && labels[di].lastYear == 2022)
        #expect(labels[ann].label.hasPrefix("graph neural networks"))
    }

    @Test func logLikelihoodByHand() {
        // a = 3 of N_c = 4 papers in c have the term, T = 4 of N = 10 overall.
        // Cells O: 3, 1, 1, 5; E: 1.6, 2.4, 2.4, 3.6.
        let g2 = 2 * (3 * log(3 / 1.6) + 1 * log(1 / 2.4) + 1 * log(1 / 2.4) + 5 * log(5 / 3.6))
        #expect(abs(CommunityLabels.logLikelihood(a: 3, nc: 4, total: 4, n: 10) - g2) < 1e-12)
        // Under-represented and evenly spread terms score 0.
        #expect(CommunityLabels.logLikelihood(a: 1, nc: 4, total: 4, n: 10) == 0)
        #expect(CommunityLabels.logLikelihood(a: 2, nc: 5, total: 4, n: 10) == 0)
    }

    @Test func sharedPapersAndOneCommunity() throws {
        // One community = the whole corpus: terms ranked by weighted paper count.
        let g = graph([
            record("1", "Sparse Matrix Methods", ["Ann A", "Bo B"], year: 2010),
            record("2", "Sparse Matrix Ordering", ["Bo B", "Cy C"], year: 2011),
            record("3", "Graph Ordering", ["Ann A", "Cy C"], year: 2012),
        ])
        let labels = CommunityLabels.label(g, membership: [0, 0, 0], count: 1)
        #expect(labels[0].terms.first == LabelTerm(text: "sparse matrix", score: 2))
        #expect(labels[0].papers == 3)
        // Nodes in no community (−1) count towards no label; a paper is shared by its authors.
        var membership = [0, 0, 0]
        membership[g.nodeOf("Bo B")] = -1
        membership[g.nodeOf("Cy C")] = 1
        let split = CommunityLabels.label(g, membership: membership, count: 2)
        #expect(split.map(\.papers) == [2, 2])
    }
}

extension CoauthorGraph {
    func nodeOf(_ name: String) -> Int { (0..<nodeCount).first { self.name($0) == name }! }
}

/// The byte-level term scanner against the scalar-by-scalar scan it replaced (kept here as the
/// reference): the same term texts in the same order, on ASCII and mixed texts.
@Suite struct VocabularyScanTests {
    /// The words of each phrase of `text` as the former `Vocabulary.terms(of:)` found them.
    static func referencePhrases(_ text: String) -> [[String]] {
        var phrases: [[String]] = [], phrase: [String] = []
        func flush() { if !phrase.isEmpty { phrases.append(phrase) }; phrase = [] }
        var current = String.UnicodeScalarView()
        func endWord(breaksPhrase: Bool) {
            while let l = current.last, l == "-" || l == "'" || l == "’" { current.removeLast() }
            var w = String(current).lowercased()
            current = String.UnicodeScalarView()
            if w.hasSuffix("'s") || w.hasSuffix("’s") { w.removeLast(2) }
            if !w.isEmpty {
                if w.count < 2 || StopWords.set.contains(w) || w.unicodeScalars.allSatisfy({ !TermCharacters.isLetter($0) }) {
                    flush()
                } else {
                    phrase.append(w)
                }
            }
            if breaksPhrase { flush() }
        }
        for u in text.unicodeScalars {
            if TermCharacters.isAlphanumeric(u) {
                current.append(u)
            } else if (u == "-" || u == "'" || u == "’") && !current.isEmpty {
                current.append(u)
            } else if TermCharacters.isWhitespace(u) {
                endWord(breaksPhrase: false)
            } else {
                endWord(breaksPhrase: true)
            }
        }
        endWord(breaksPhrase: true)
        return phrases
    }

    static func referenceTerms(_ text: String, trigrams: Bool) -> [String] {
        var out: [String] = []
        for p in referencePhrases(text) {
            for i in p.indices {
                out.append(p[i])
                if i >= 1 { out.append(p[i - 1] + " " + p[i]) }
                if trigrams && i >= 2 { out.append(p[i - 2] + " " + p[i - 1] + " " + p[i]) }
            }
        }
        return out
    }

    @Test func sameTermsAsTheScalarScan() {
        let texts = [
            "Graph Neural Networks for Sparse Matrix Factorization",
            "The model's co-operation -- x-ray's 2019 results; Deep-Learning' and 'quoted' words",
            "Naïve Bayes for Élan’s CAFÉ corpus, Straße and STRASSE: ÉCOLE normale’s “quoted” text",
            "Ｆｕｌｌｗｉｄｔｈ ｗｏｒｄｓ and 日本語 テキスト mixed with ASCII words\tand\ttabs\nnew lines",
            "e\u{301}cole vs \u{E9}cole, \u{212A}elvin scale, ﬁnite ﬁelds, Ωmega — dash… ellipsis",
            "a b c 12 3d 42nd A1 a-b-c- -lead trail- it's O'Neil's l’homme’s ’tis",
            "", "   ", "---", "’s", "x’s y's", "emoji 🙂 in-between 🙂words and ✓ checks",
        ]
        for text in texts {
            for trigrams in [true, false] {
                var vocab = Vocabulary()
                var ids: [Int32] = []
                vocab.terms(of: text, trigrams: trigrams) { ids.append($0) }
                // Compared lower-cased: `text` shows acronyms in capitals.
                let got = ids.map { vocab.text($0).lowercased() }
                #expect(got == Self.referenceTerms(text, trigrams: trigrams), "\(text)")
            }
        }
    }

    @Test func sameWordSameIdAcrossScans() {
        // An ASCII word met in an ASCII text and in a mixed one gets one id; canonically equivalent
        // spellings share one.
        var vocab = Vocabulary()
        var a: [Int32] = [], b: [Int32] = [], c: [Int32] = [], d: [Int32] = []
        vocab.terms(of: "sparse matrix", trigrams: true) { a.append($0) }
        vocab.terms(of: "sparse matrix für Élan", trigrams: true) { b.append($0) }
        vocab.terms(of: "e\u{301}cole", trigrams: true) { c.append($0) }
        vocab.terms(of: "\u{E9}cole", trigrams: true) { d.append($0) }
        #expect(Array(b.prefix(3)) == a)
        #expect(c == d)
    }
}
