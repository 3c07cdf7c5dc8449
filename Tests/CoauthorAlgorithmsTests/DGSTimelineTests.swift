import CoauthorGraph
import CoauthorRecords
import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorAlgorithms

/// A GraphStream DGS event stream (`st` time step, `an` add node, `ae` add edge, `ce` change an
/// edge's attributes), read line by line: what each step adds and touches.
struct DGSStream {
    struct Step {
        var time: Int
        var addedNodes: [String] = []
        /// Edge ids added this step.
        var addedEdges: [String] = []
        /// Edge ids added or changed this step (each `ae` and `ce`).
        var touchedEdges: [String] = []
    }
    var steps: [Step] = []
    /// Edge id → endpoints, and the last `weight=` each edge was given.
    var endpoints: [String: (String, String)] = [:]
    var finalWeight: [String: Int] = [:]

    init(path: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true).makeIterator()
        guard lines.next().map({ $0.hasPrefix("DGS") }) == true else { throw TestSetupError("\(path): not a DGS file") }
        _ = lines.next()   // the stream's name and counts
        while let line = lines.next() {
            let f = line.split(separator: " ").map(String.init)
            func weight(_ fields: ArraySlice<String>) -> Int? {
                fields.first { $0.hasPrefix("weight=") }.flatMap { Int($0.dropFirst(7)) }
            }
            switch f[0] {
            case "st": steps.append(Step(time: Int(f[1])!))
            case "an": steps[steps.count - 1].addedNodes.append(f[1])
            case "ae":
                endpoints[f[1]] = (f[2], f[3])
                finalWeight[f[1]] = weight(f[4...]) ?? 1
                steps[steps.count - 1].addedEdges.append(f[1])
                steps[steps.count - 1].touchedEdges.append(f[1])
            case "ce":
                if let w = weight(f[2...]) { finalWeight[f[1]] = w }
                steps[steps.count - 1].touchedEdges.append(f[1])
            default:
                throw TestSetupError("\(path): unexpected event '\(line)'")
            }
        }
    }

    /// Nodes and edges present by the end of each step, counted directly from the events.
    var presentByStep: [(nodes: Int, edges: Int)] {
        var n = 0, e = 0
        return steps.map { s in
            n += s.addedNodes.count
            e += s.addedEdges.count
            return (n, e)
        }
    }

    /// One paper per step, by the authors the step's edges join, dated by the step. Faithful when
    /// each step's touched edges are exactly the pairs of its authors (a paper's clique) — checked
    /// by the caller with `isCliquePerStep`.
    func records() -> [PaperRecord] {
        steps.map { s in
            var authors: [String] = []
            var seen = Set<String>()
            for e in s.touchedEdges {
                let (a, b) = endpoints[e]!
                for x in [a, b] where seen.insert(x).inserted { authors.append(x) }
            }
            return PaperRecord(id: "step\(s.time)", title: "step \(s.time)",
                               authors: authors.map { AuthorName(raw: "N\($0)", family: "N\($0)") },
                               year: s.time, source: SourceLocation(file: "dgs", line: s.time + 1))
        }
    }

    var isCliquePerStep: Bool {
        steps.allSatisfy { s in
            let nodes = Set(s.touchedEdges.flatMap { [endpoints[$0]!.0, endpoints[$0]!.1] })
            return Set(s.touchedEdges).count == s.touchedEdges.count && s.touchedEdges.count == nodes.count * (nodes.count - 1) / 2
        }
    }
}

/// The arXiv q-fin coauthorship event stream: the timeline's cumulative counting from paper years
/// against a direct count of the stream's events.
@Suite struct DGSTimelineTests {
    static let path = TestPaths.sharedData.appendingPathComponent("networks/arxiv-qfin-author.dgs").path

    @Test func cumulativeCountsMatchTheEventStream() throws {
        let stream = try DGSStream(path: Self.path)
        #expect(stream.steps.count == 2569)
        #expect(stream.steps.map(\.time) == Array(0..<2569))
        #expect(stream.isCliquePerStep)
        let direct = stream.presentByStep
        #expect(direct.last!.nodes == 3371 && direct.last!.edges == 5040)   // SOURCE.txt's counts

        let b = CorpusBuilder()
        for r in stream.records() { b.add(r) }
        let g = CoauthorGraph(corpus: b.finish())
        let h = CollaborationHistory(g)
        let t = try FieldTimeline(h)
        #expect(t.rows.count == 2569)
        #expect(t.rows.map(\.cumulativeAuthors) == direct.map(\.nodes))
        #expect(t.rows.map(\.cumulativeTies) == direct.map(\.edges))
        #expect(t.rows.map(\.newAuthors) == stream.steps.map(\.addedNodes.count))
        #expect(t.rows.map(\.newTies) == stream.steps.map(\.addedEdges.count))
        #expect(t.rows.map(\.activeTies) == stream.steps.map(\.touchedEdges.count))
        #expect(t.rows.allSatisfy { $0.papers == 1 })

        // Each tie's joint papers = the weight the stream ends with (`ae` weight=1, then `ce` +1 each).
        var byPair: [String: Int] = [:]
        for (id, (a, c)) in stream.endpoints { byPair[[a, c].sorted().joined(separator: "-")] = stream.finalWeight[id]! }
        var matched = 0
        for s in h.tieSpans() {
            let key = [String(g.name(s.a).dropFirst()), String(g.name(s.b).dropFirst())].sorted().joined(separator: "-")
            #expect(byPair[key] == s.papers, "tie \(key)")
            matched += 1
        }
        #expect(matched == 5040)

        // Largest-component share against a breadth-first count on the graph of the papers up to
        // the step (built afresh), at every 64th step and the last.
        for step in Array(stride(from: 0, to: 2569, by: 64)) + [2568] {
            let s = CoauthorGraph(corpus: g.corpus, options: GraphOptions(toYear: step)).summary()
            let row = t.rows[step]
            #expect(row.cumulativeAuthors == s.authors && row.cumulativeTies == s.edges)
            #expect(row.largestComponentShare == Double(s.largestComponent) / Double(s.authors), "step \(step)")
            #expect(row.meanDegree == s.meanDegree, "step \(step)")
        }
    }

    @Test func slidingWindowsCountDirectly() throws {
        // A 100-step window sliding by 50: active ties = distinct edges touched inside the window.
        let stream = try DGSStream(path: Self.path)
        let b = CorpusBuilder()
        for r in stream.records() { b.add(r) }
        let t = try FieldTimeline(CollaborationHistory(CoauthorGraph(corpus: b.finish())), mode: .sliding(width: 100, step: 50))
        #expect(t.rows.count == 51)   // starts 0, 50, …, 2500 (the last reaching past 2568)
        for row in t.rows {
            let inside = stream.steps.filter { $0.time >= row.window.start && $0.time <= row.window.end }
            let edges = Set(inside.flatMap(\.touchedEdges))
            let nodes = Set(edges.flatMap { [stream.endpoints[$0]!.0, stream.endpoints[$0]!.1] })
            #expect(row.activeTies == edges.count)
            #expect(row.activeAuthors == nodes.count)
            #expect(row.papers == inside.count)
        }
    }
}
