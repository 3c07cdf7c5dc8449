import CoauthorText
import CoauthorExport
import CoauthorGraph
import Foundation
import Testing

/// Compares `text` with the committed snapshot `Snapshots/<name>`; with COAUTHOR_RECORD_SNAPSHOTS=1
/// in the environment, writes it instead (and fails, so a recording run is never taken for a pass).
func expectSnapshot(_ text: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let url = testsDirectory.appendingPathComponent("Snapshots").appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["COAUTHOR_RECORD_SNAPSHOTS"] == "1" {
        try Data(text.utf8).write(to: url)
        Issue.record("recorded snapshot \(name)", sourceLocation: sourceLocation)
        return
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "DOT differs from Snapshots/\(name) (COAUTHOR_RECORD_SNAPSHOTS=1 re-records)",
            sourceLocation: sourceLocation)
}

@Suite struct DOTWriterTests {
    func communityOptions(_ g: CoauthorGraph, engine: String = "sfdp") -> DrawingOptions {
        let comps = g.connectedComponents()
        return DrawingOptions(
            sizeValues: degrees(g), sizeName: "degree",
            colouring: .community(membership: comps.membership.map(Int.init),
                                  labels: (0..<comps.count).map { "circle \($0)" }, heading: "Communities", noun: "community"),
            labelCount: 4, engine: engine, seed: 7, title: "Tricky <names> & \"quotes\"",
            caption: "test input · 7 papers\nsecond line")
    }

    @Test func snapshotCommunities() throws {
        let g = smallGraph()
        try expectSnapshot(DOT.write(NetworkDrawing(graph: g, options: communityOptions(g))), "small-community.dot")
    }

    @Test func snapshotFirstYearEgoSelfContained() throws {
        let g = smallGraph()
        let ada = (0..<g.nodeCount).first { g.name($0) == "Ada Lovelace" }!
        let o = DrawingOptions(sizeValues: degrees(g), sizeName: "degree", colouring: .firstYear, labelCount: 2,
                               engine: "twopi", seed: 1, ego: ada)
        try expectSnapshot(DOT.write(NetworkDrawing(graph: g, options: o), for: .selfContained), "small-first-year-ego.dot")
    }

    @Test func escaping() {
        #expect(Text.graphvizLabel("a\"b\\c&d\ne") == "\"a\\\"b\\\\c&amp;d e\"")
        #expect(Text.graphvizLabel("\\N") == "\"\\\\N\"")
        #expect(Text.graphvizLabel("黄钦 Zoë") == "\"黄钦 Zoë\"")
        #expect(Text.graphvizHTML("<b> & \"x\"") == "&lt;b&gt; &amp; &quot;x&quot;")
        #expect(Text.fixed(0.5) == "0.5")
        #expect(Text.fixed(12) == "12")
        #expect(Text.fixed(0.12345) == "0.123")
        #expect(Text.fixed(-0.0001) == "0")
    }

    @Test func recordOrderDoesNotMatter() {
        let papers = [
            paper("a", ["Ann One", "Bo Two", "Cy Three"], year: 2010),
            paper("b", ["Cy Three", "Di Four"], year: 2011),
            paper("c", ["Eve Five", "Ann One"], year: 2012),
        ]
        let g1 = graph(papers), g2 = graph(papers.reversed())
        let d1 = DOT.write(NetworkDrawing(graph: g1, options: DrawingOptions(sizeValues: degrees(g1), sizeName: "degree")))
        let d2 = DOT.write(NetworkDrawing(graph: g2, options: DrawingOptions(sizeValues: degrees(g2), sizeName: "degree")))
        #expect(d1 == d2)
    }

    @Test func areaIsProportionalToTheMetric() {
        let g = syntheticGraph(authors: 80)
        let values = degrees(g)
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: values, sizeName: "degree"))
        let maxValue = values.max()!
        for (i, v) in d.order.enumerated() {
            let expected = NetworkDrawing.maxDiameter * (values[v] / maxValue).squareRoot()
            if expected >= NetworkDrawing.minDiameter {
                #expect(abs(d.diameter[i] - expected) < 1e-12)
            } else {
                #expect(d.diameter[i] == NetworkDrawing.minDiameter)
            }
        }
    }

    @Test func theMostCentralAreLabelled() {
        let g = syntheticGraph(authors: 80)
        let values = degrees(g)
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: values, sizeName: "degree", labelCount: 10))
        let labelled = d.order.enumerated().filter { d.label[$0.offset] != nil }.map(\.element)
        #expect(labelled.count == 10)
        let threshold = labelled.map { values[$0] }.min()!
        #expect(values.filter { $0 > threshold }.count < 10)
        let none = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: values, sizeName: "degree", labelCount: 0))
        #expect(none.label.allSatisfy { $0 == nil })
    }

    @Test func sevenColoursThenGrey() {
        // Nine separate pairs: nine communities, the two smallest-ranked share grey.
        let g = graph((0..<9).map { paper("p\($0)", ["A Person\($0)", "B Person\($0)"], year: 2000 + $0) })
        let comps = g.connectedComponents()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(
            sizeValues: degrees(g), sizeName: "degree",
            colouring: .community(membership: comps.membership.map(Int.init), labels: (0..<9).map { "c\($0)" }, heading: "Communities", noun: "community")))
        #expect(Set(d.fill).count == 8)
        #expect(d.fill.filter { $0 == Palette.other }.count == 4)
        #expect(d.legend.count == 8)
        #expect(d.legend.last?.text == "2 more (4 authors)")
        #expect(Array(d.legend.prefix(7).map(\.colour)) == Palette.categorical)
    }

    @Test func firstYearScale() {
        let g = smallGraph()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: degrees(g), sizeName: "degree", colouring: .firstYear))
        // Years 2016–2020 of first papers: five one-year bins, from dark to light.
        #expect(d.legend.map(\.text) == ["2016", "2017", "2018", "2019", "2020"])
        #expect(d.legend.first?.colour == "#440154")
        #expect(d.legend.last?.colour == "#FDE725")
        for (i, v) in d.order.enumerated() {
            let y = Int(g.nodeFirstYear[v])
            #expect(d.fill[i] == d.legend.first { $0.text == String(y) }?.colour)
        }
    }

    @Test func tooltips() {
        let g = smallGraph()
        let d = NetworkDrawing(graph: g, options: communityOptions(g))
        let ada = d.order.firstIndex { g.name($0) == "Ada Lovelace" }!
        #expect(d.nodeTooltip[ada] == "Ada Lovelace\n5 papers (2018–2022)\n4 coauthors\ndegree: 4\ncommunity: circle 0")
        let zoe = d.order.firstIndex { g.name($0) == "Zoë Ångström" }!
        let k = d.edgeEnds.firstIndex { Set([$0.0, $0.1]) == Set([ada, zoe]) }!
        #expect(d.edgeTooltip[k] == "Ada Lovelace – Zoë Ångström\n4 joint papers (2018–2022)")
        #expect(d.edgeWidth[k] == 3)   // 0.6 + 1.2·log₂ 4
    }
}
