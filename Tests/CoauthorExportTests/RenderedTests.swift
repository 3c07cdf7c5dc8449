import CoauthorExport
import CoauthorGraph
import Foundation
import GraphvizBridge
import Testing

/// The styled DOT through the system's Graphviz (in this process) and back through `SVG.decorate`.
@Suite struct RenderedDrawingTests {
    func render(_ d: NetworkDrawing, _ engine: LayoutEngine, formats: [OutputFormat] = [.svg],
                target: DOT.Target = .svg) throws -> Rendered {
        try Graphviz.render(GraphvizRequest(dot: DOT.write(d, for: target), engine: engine, formats: formats, readLayout: true))
    }

    @Test func svgParsesWithEveryNodeTitledAndNamesIntact() throws {
        let g = smallGraph()
        let comps = g.connectedComponents()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(
            sizeValues: degrees(g), sizeName: "degree",
            colouring: .community(membership: comps.membership.map(Int.init), labels: ["Zoë & <co>", "黄 钦's"], heading: "Communities", noun: "community"),
            labelCount: g.nodeCount, title: "A <title> & \"more\"", caption: "tricky · names"))
        let r = try render(d, .sfdp)
        let svg = try SVG.decorate(String(decoding: r.bytes(.svg)!, as: UTF8.self), drawing: d)
        let c = try SVGContents.parse(svg)
        #expect(c.nodeGroups == g.nodeCount)
        #expect(c.nodeTitles.count == g.nodeCount)
        #expect(c.edgeTitles.count == g.edgeCount)
        let names = Set((0..<g.nodeCount).map { g.name($0) })
        #expect(Set(c.nodeTitles.map { String($0.split(separator: "\n")[0]) }) == names)
        for name in trickyNames { #expect(names.contains(name)) }
        // Every label is drawn with the exact name; the header carries title, caption and legend.
        for name in names { #expect(c.texts.contains(name), "label \(name)") }
        #expect(c.texts.contains("A <title> & \"more\""))
        #expect(c.texts.contains("tricky · names"))
        #expect(c.texts.contains("Zoë & <co>"))
        #expect(c.texts.contains("黄 钦's"))
        #expect(c.nodeTitles.contains { $0.contains("community: Zoë & <co>") })
        #expect(!svg.contains("<title>n0</title>"))
    }

    /// Overlap removal must keep every label's box apart from every other label's, for every engine.
    @Test(arguments: LayoutEngine.allCases)
    func labelsNeverOverlap(engine: LayoutEngine) throws {
        let g = syntheticGraph(authors: engine == .dot || engine == .circo ? 60 : 150)
        let d = NetworkDrawing(graph: g, options: DrawingOptions(
            sizeValues: degrees(g), sizeName: "degree", labelCount: 40, engine: engine.rawValue, seed: 3))
        let layout = try #require(try render(d, engine).layout)
        #expect(layout.nodes.count == g.nodeCount)
        let labelled = layout.nodes.enumerated().filter { d.label[$0.offset] != nil }.map(\.element)
        #expect(labelled.count == 40)
        #expect(labelled.allSatisfy { $0.labelWidth > 0 })
        var overlaps: [String] = []
        for i in labelled.indices {
            for j in labelled.indices where j > i {
                let a = labelled[i], b = labelled[j]
                let dx = abs(a.x - b.x), dy = abs(a.y - b.y)
                if dx < (a.labelWidth + b.labelWidth) / 2 - 0.01 && dy < (a.labelHeight + b.labelHeight) / 2 - 0.01 {
                    overlaps.append("\(a.name)/\(b.name)")
                }
            }
        }
        #expect(overlaps.isEmpty, "\(engine.rawValue): overlapping labels \(overlaps.prefix(5))")
    }

    @Test func sameInputSameBytesInOneProcess() throws {
        let g = syntheticGraph(authors: 120)
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: degrees(g), sizeName: "degree", seed: 5))
        let first = try render(d, .sfdp).bytes(.svg)
        _ = try render(NetworkDrawing(graph: smallGraph(), options: DrawingOptions(sizeValues: degrees(smallGraph()), sizeName: "degree")), .sfdp)
        let second = try render(d, .sfdp).bytes(.svg)
        #expect(first == second)
        let otherSeed = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: degrees(g), sizeName: "degree", seed: 6))
        #expect(try render(otherSeed, .sfdp).bytes(.svg) != first)
    }

    @Test func decoratedSVGConvertsToPNGWithRsvg() throws {
        let g = smallGraph()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: degrees(g), sizeName: "degree", colouring: .firstYear,
                                                                 labelCount: 10, title: "rsvg"))
        let svg = try SVG.decorate(String(decoding: try render(d, .neato).bytes(.svg)!, as: UTF8.self), drawing: d)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-rsvg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let inURL = dir.appendingPathComponent("g.svg"), outURL = dir.appendingPathComponent("g.png")
        try Data(svg.utf8).write(to: inURL)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["rsvg-convert", inURL.path, "-o", outURL.path]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "rsvg-convert (librsvg2-bin; Tests/scripts/setup.sh installs it) failed")
        let png = try Data(contentsOf: outURL)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(png.count > 1000)
    }

    @Test func selfContainedForPNGAndPDF() throws {
        let g = smallGraph()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: degrees(g), sizeName: "degree", labelCount: 10, title: "png"))
        let r = try render(d, .sfdp, formats: [.png, .pdf, .svg], target: .selfContained)
        #expect(r.bytes(.png)!.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(r.bytes(.pdf)!.starts(with: Array("%PDF".utf8)))
        // Graphviz drew the header itself.
        let c = try SVGContents.parse(String(decoding: r.bytes(.svg)!, as: UTF8.self))
        #expect(c.texts.contains("png"))
    }

    @Test func decorationRefusesAnUnexpectedSVG() throws {
        let g = smallGraph()
        let d = NetworkDrawing(graph: g, options: DrawingOptions(sizeValues: degrees(g), sizeName: "degree"))
        #expect(throws: SVG.DecorationError.self) { try SVG.decorate("<svg></svg>", drawing: d) }
    }
}
