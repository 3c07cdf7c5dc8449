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

    @Test func tenColoursThenTenRingsThenGrey() {
        // 23 separate pairs: 23 communities; ten filled hues, the same ten hues as rings, three grey.
        let g = graph((0..<23).map { paper("p\($0)", ["A Person\($0)", "B Person\($0)"], year: 2000 + $0) })
        let comps = g.connectedComponents()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(
            sizeValues: degrees(g), sizeName: "degree",
            colouring: .community(membership: comps.membership.map(Int.init), labels: (0..<23).map { "c\($0)" }, heading: "Communities", noun: "community")))
        #expect(d.fill.filter { $0 == Palette.other }.count == 6)
        #expect(d.legend.count == 21)
        #expect(d.legend.last?.text == "3 more (6 authors)")
        #expect(Array(d.legend.prefix(10).map(\.colour)) == Palette.categorical)
        #expect(d.legend.prefix(10).allSatisfy { $0.outline == nil })
        #expect(Array(d.legend[10..<20].compactMap(\.outline)) == Palette.categorical)
        #expect(Array(d.legend[10..<20].map(\.colour)) == Palette.categorical.map(Palette.ringFill))
        // Every node carries its community's style: 20 distinct (fill, outline) pairs and grey.
        let styles = Set(zip(d.fill, d.outline).map { "\($0.0)/\($0.1 ?? "")" })
        #expect(styles.count == 21)
        let dot = DOT.write(d)
        #expect(dot.contains("color=\"#332288\", penwidth="))
    }

    @Test func ringFillAndTextColour() {
        #expect(Palette.ringFill("#0072B2") == "#B3D5E8")
        #expect(Palette.textColour(on: "#332288") == "#FFFFFF")   // dark indigo: white text
        #expect(Palette.textColour(on: "#440154") == "#FFFFFF")   // viridis' dark end
        #expect(Palette.textColour(on: "#F0E442") == "#1A1A1A")
        #expect(Palette.textColour(on: "#BBBBBB") == "#1A1A1A")
    }

    @Test func averageYearScale() throws {
        // Values 2000…2019 and one outlier: the scale runs from the 5th to the 95th percentile.
        let g = graph((0..<21).map { paper("p\($0)", ["A Person\($0)", "B Person\($0)"], year: 2000 + $0) })
        var values = (0..<g.nodeCount).map { v -> Double? in Double(g.nodeFirstYear[v]) }
        values[0] = 1900
        values[1] = nil
        let d = NetworkDrawing(graph: g, options: DrawingOptions(
            sizeValues: degrees(g), sizeName: "degree",
            colouring: .scale(values: values, heading: "Average publication year", noun: "average year", decimals: 1)))
        let scale = try #require(d.colourScale)
        #expect(scale.low.hasPrefix("≤ ") && scale.high.hasPrefix("≥ "))
        #expect(scale.stops.first == "#440154" && scale.stops.last == "#FDE725")
        #expect(d.legend.map(\.text) == ["no value"])
        let missing = d.order.firstIndex(of: 1)!
        #expect(d.fill[missing] == Palette.other)
        let outlier = d.order.firstIndex(of: 0)!
        #expect(d.fill[outlier] == "#440154")
        #expect(d.nodeTooltip[outlier].hasSuffix("average year: 1900"))
    }

    @Test func fontScaleMultipliesEveryText() {
        let g = smallGraph()
        var o = communityOptions(g)
        let plain = NetworkDrawing(graph: g, options: o)
        o.fontScale = 2.5
        let big = NetworkDrawing(graph: g, options: o)
        #expect(big.textScale == 2.5)
        for (a, b) in zip(plain.fontSize, big.fontSize) { #expect(abs(b - a * 2.5) <= 0.25 * 2.5 + 0.25) }   // both rounded to 0.5 pt
        #expect(DOT.write(big, for: .selfContained).contains("POINT-SIZE=\"55\""))   // the title, 22 pt × 2.5
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
