import Testing
import CoauthorRecords
@testable import CoauthorGraph

@Suite struct GraphTests {
    /// A: papers 1,2 with B; 1 with C; D–E in 2005; F alone.
    let records = [
        paper("1", ["Ann A", "Bob B", "Cid C"], year: 2001),
        paper("2", ["Ann A", "Bob B"], year: 2003),
        paper("3", ["Cid C"], year: 2002),
        paper("4", ["Dee D", "Eve E"], year: 2005),
        paper("5", ["Fay F"], year: 1999),
        paper("6", [], year: nil),
    ]

    /// Years that do not fit the pairs' packed payload (16 bits) take the per-paper path; the edges
    /// are the same hand-computed ones.
    @Test func yearsOutsideSixteenBits() {
        for (early, late) in [(2001, 2003), (-44, 70_000), (0, 65_535), (65_535, 65_536)] {
            let g = CoauthorGraph(corpus: corpus([paper("1", ["Ann A", "Bob B", "Cid C"], year: early),
                                                  paper("2", ["Ann A", "Bob B"], year: late),
                                                  paper("3", ["Ann A", "Bob B"], year: nil)]))
            let ab = g.edge(g.node("Ann A")!, g.node("Bob B")!)!
            #expect(g.edgeWeight[ab] == 3 && g.edgeFractional[ab] == 2.5)
            #expect(g.edgeFirstYear[ab] == Year(early) && g.edgeLastYear[ab] == Year(late))
            let bc = g.edge(g.node("Bob B")!, g.node("Cid C")!)!
            #expect(g.edgeFirstYear[bc] == Year(early) && g.edgeLastYear[bc] == Year(early) && g.edgeFractional[bc] == 0.5)
        }
    }

    @Test func handComputedGraph() {
        let g = CoauthorGraph(corpus: corpus(records))
        #expect(g.nodeCount == 6)
        #expect(g.edgeCount == 4)
        #expect(g.weight("Ann A", "Bob B") == 2)
        #expect(g.weight("Ann A", "Cid C") == 1)
        #expect(g.weight("Bob B", "Cid C") == 1)
        #expect(g.weight("Dee D", "Eve E") == 1)
        #expect(g.weight("Ann A", "Dee D") == 0)
        let ab = g.edge(g.node("Ann A")!, g.node("Bob B")!)!
        // Fractional: 1/(3−1) from paper 1 + 1/(2−1) from paper 2.
        #expect(g.edgeFractional[ab] == 1.5)
        #expect(g.edgeFirstYear[ab] == 2001 && g.edgeLastYear[ab] == 2003)
        #expect(g.jointPapers(g.node("Ann A")!, g.node("Bob B")!).map { g.corpus.papers.id[$0] } == ["1", "2"])
        #expect(g.nodePapers[g.node("Cid C")!] == 2)
        let s = g.summary()
        #expect(s == GraphSummary(papers: 6, authors: 6, edges: 4, components: 3, largestComponent: 3, isolated: 1,
                                  density: 8.0 / 30.0, meanDegree: 8.0 / 6.0, totalWeight: 5,
                                  firstYear: 1999, lastYear: 2005, hyperauthoredPapers: 0))
        // Rows are ascending and each edge appears in both rows.
        for v in 0..<g.nodeCount {
            let row = Array(g.neighbors(of: v))
            #expect(row == row.sorted())
            for u in row { #expect(g.edge(Int(u), v) != nil) }
        }
    }

    @Test func filters() {
        let c = corpus(records)
        let byYear = CoauthorGraph(corpus: c, options: GraphOptions(fromYear: 2002, toYear: 2005))
        // Papers 2, 3, 4 are kept: nodes A, B, C, D, E; edges A–B, D–E.
        #expect(byYear.summary().papers == 3)
        #expect(byYear.nodeCount == 5 && byYear.edgeCount == 2)
        let minPapers = CoauthorGraph(corpus: c, options: GraphOptions(minPapers: 2))
        #expect(minPapers.nodeCount == 3 && minPapers.edgeCount == 3)   // A, B, C
        let minWeight = CoauthorGraph(corpus: c, options: GraphOptions(minWeight: 2))
        #expect(minWeight.nodeCount == 6 && minWeight.edgeCount == 1)   // only A–B survives
        let largest = CoauthorGraph(corpus: c, options: GraphOptions(largestComponent: true))
        #expect(largest.nodeCount == 3 && largest.edgeCount == 3)
        #expect(Set((0..<3).map { largest.name($0) }) == ["Ann A", "Bob B", "Cid C"])
        let hyper = CoauthorGraph(corpus: c, options: GraphOptions(maxAuthors: 2))
        #expect(hyper.hyperauthoredPapers == 1 && hyper.edgeCount == 2)  // paper 1 adds nothing
        #expect(hyper.nodePapers[hyper.node("Ann A")!] == 2)
        #expect(CoauthorGraph(corpus: c, options: GraphOptions(maxAuthors: 0)).edgeCount == 4)
    }

    @Test func emptyAndSingleNode() {
        let empty = CoauthorGraph(corpus: corpus([]))
        #expect(empty.summary() == GraphSummary(papers: 0, authors: 0, edges: 0, components: 0, largestComponent: 0,
                                                isolated: 0, density: 0, meanDegree: 0, totalWeight: 0,
                                                firstYear: nil, lastYear: nil, hyperauthoredPapers: 0))
        let one = CoauthorGraph(corpus: corpus([paper("1", ["Ann A", "ann a"])]))
        #expect(one.nodeCount == 1 && one.edgeCount == 0)
        #expect(one.corpus.report.duplicateMentions == 1)
    }

    @Test func radixSortMatchesStandardSort() {
        var rng = SplitMix64(seed: 42)
        for n in [0, 1, 5, 63, 64, 1000, 20000] {
            let maxNode = UInt64(rng.next() % 5_000_000 + 1)
            var keys = (0..<n).map { _ in ((rng.next() % maxNode) << 32) | (rng.next() % maxNode) }
            var payload = (0..<n).map { Int32($0) }
            let expected = zip(keys, payload).sorted { ($0.0, $0.1) < ($1.0, $1.1) }
            RadixSort.sort(&keys, payload: &payload, maxKey: ((maxNode - 1) << 32) | (maxNode - 1))
            #expect(keys == expected.map(\.0))
            #expect(payload == expected.map(\.1))   // stable: equal keys keep input order
        }
    }

    @Test func randomGraphsAgreeWithANaiveBuild() {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<20 {
            let people = (0..<30).map { "P\($0) Q\($0)" }
            var recs: [PaperRecord] = []
            for i in 0..<40 {
                let k = Int(rng.next() % 5) + 1
                recs.append(paper("\(i)", (0..<k).map { _ in people[Int(rng.next() % 30)] }, year: 2000 + Int(rng.next() % 10)))
            }
            let g = CoauthorGraph(corpus: corpus(recs))
            // Naive: a dictionary of unordered name pairs.
            var naive: [String: Int] = [:]
            for r in recs {
                let names = Array(Set(r.authors.map(\.raw))).sorted()
                for i in 0..<names.count { for j in (i + 1)..<max(i + 1, names.count) { naive[names[i] + "|" + names[j], default: 0] += 1 } }
            }
            #expect(g.edgeCount == naive.count)
            for e in 0..<g.edgeCount {
                let pair = [g.name(Int(g.edgeSource[e])), g.name(Int(g.edgeTarget[e]))].sorted()
                #expect(naive[pair[0] + "|" + pair[1]] == Int(g.edgeWeight[e]))
            }
        }
    }

    /// Union–find components equal a breadth-first search in node order (ids, sizes, largest) on
    /// sparse random graphs with many components and isolated nodes.
    @Test func componentsMatchABreadthFirstSearch() {
        var rng = SplitMix64(seed: 11)
        for round in 0..<25 {
            let people = (0..<60).map { "P\($0) Q\($0)" }
            var recs: [PaperRecord] = []
            for i in 0..<(10 + round * 2) {
                let k = Int(rng.next() % 3) + 1
                recs.append(paper("\(i)", (0..<k).map { _ in people[Int(rng.next() % 60)] }))
            }
            let g = CoauthorGraph(corpus: corpus(recs))
            var comp = [Int32](repeating: -1, count: g.nodeCount)
            var sizes: [Int] = []
            for s in 0..<g.nodeCount where comp[s] < 0 {
                let c = Int32(sizes.count)
                comp[s] = c
                var queue = [s], head = 0
                while head < queue.count {
                    let v = queue[head]; head += 1
                    for k in g.offsets[v]..<g.offsets[v + 1] where comp[Int(g.neighbors[k])] < 0 {
                        comp[Int(g.neighbors[k])] = c
                        queue.append(Int(g.neighbors[k]))
                    }
                }
                sizes.append(queue.count)
            }
            let uf = g.connectedComponents()
            #expect(uf.membership == comp && uf.sizes == sizes)
            #expect(uf.largest == Components(membership: comp, sizes: sizes).largest)
        }
    }
}
