import CoauthorTestSupport
import Foundation
import Testing

/// Pictures readable on a slide (issue 23 point 6) and the community-level map (issue 20 point 6),
/// on the real exports: the text size is measured in pixels of a librsvg rendering at the
/// documented width (`Tests/charts/text_size.py`), not read from attributes.
@Suite(.serialized) struct PictureTests {
    static let acl = FirstHourTests.path("acl-anthology/xml-sample")
    static let wos = FirstHourTests.wos
    static let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    func render(_ args: [String], file: String = "g.svg") throws -> (CLI.Result, URL) {
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent(file)
        let r = try CLI.run(["render"] + args + ["-o", out.path])
        #expect(r.status == 0, "\(r.stderr)")
        return (r, out)
    }

    /// Font size in pixels of every node label and header text, seen `width` pixels wide.
    func textSizes(_ svg: URL, width: Int) throws -> [(kind: String, text: String, px: Double)] {
        _ = try testTool("rsvg-convert")
        let json = try runPythonJSON("Tests/charts/text_size.py", [svg.path, String(width)]) as? [String: Any] ?? [:]
        let texts = json["texts"] as? [[String: Any]] ?? []
        return texts.map { ($0["kind"] as? String ?? "", $0["text"] as? String ?? "", $0["px"] as? Double ?? 0) }
    }

    /// At the default --width (1400 px) the smallest label is seen at ≥ 12.5 px (10 pt at 96 dpi is
    /// 13.3 px) and every header text at ≥ 15 px (12 pt: 16 px), on the ACL sample (2,000 of 4,345
    /// authors drawn), a WoS export and the seed. Without the scaling (--width 0) the ACL labels are
    /// below 8 px: the measurement can fail.
    @Test(arguments: [[acl], [wos], seed]) func textIsReadableAtTheDocumentedWidth(_ input: [String]) throws {
        let (_, svg) = try render(input + ["-q"])
        let sizes = try textSizes(svg, width: 1400)
        let labels = sizes.filter { $0.kind == "label" }, header = sizes.filter { $0.kind == "header" }
        #expect(labels.count == 30)
        #expect(header.count >= 4)
        for t in labels { #expect(t.px >= 12.5, "label '\(t.text)' seen at \(t.px) px") }
        for t in header { #expect(t.px >= 15, "header '\(t.text)' seen at \(t.px) px") }
    }

    @Test func withoutScalingTheLabelsShrink() throws {
        let (_, svg) = try render([PictureTests.acl, "-q", "--width", "0"])
        let labels = try textSizes(svg, width: 1400).filter { $0.kind == "label" }
        #expect(labels.count == 30)
        #expect(labels.allSatisfy { $0.px < 8 }, "\(labels.map(\.px))")
    }

    /// A canvas wider than --width declares that width; a narrower one keeps its natural size.
    @Test func svgDeclaresTheDocumentedWidth() throws {
        let (_, big) = try render([PictureTests.acl, "-q", "--width", "1200"])
        let text = try String(contentsOf: big, encoding: .utf8)
        #expect(text.contains("<svg width=\"1200px\" height=\""))
        let (_, small) = try render(PictureTests.seed)
        #expect(try String(contentsOf: small, encoding: .utf8).contains("<svg width=\"636pt\""))
    }

    /// Isolated authors and tiny components are left out by default, and the run says so.
    @Test func smallComponentsAreLeftOut() throws {
        // WoS: two 100+-author papers add no ties, so their 303 other authors are isolated (stats'
        // `isolated`; Bruna and one coauthor of those papers are in the main component through their ids).
        let (r, svg) = try render([PictureTests.wos])
        #expect(r.stderr.contains("coauthor: note: left out 303 authors in 303 components of fewer than 4"))
        let doc = try SVGNodes.parse(try Data(contentsOf: svg))
        let stats = try CLI.json(try CLI.run(["stats", PictureTests.wos, "--format", "json", "-q"]).stdout)
        let authors = try #require(stats["authors"] as? Int)
        #expect(doc.groups == authors - 303)
        #expect(doc.texts.contains { $0.contains("without 303 authors in 303 components of fewer than 4") })
        // --min-component-size 1 draws everyone.
        let (all, everyone) = try render([PictureTests.wos, "--min-component-size", "1"])
        #expect(!all.stderr.contains("left out"))
        #expect(try SVGNodes.parse(try Data(contentsOf: everyone)).groups == authors)
        // The seed is one component: nothing is left out, nothing is said.
        let (seedRun, _) = try render(PictureTests.seed)
        #expect(seedRun.stderr == "")
    }

    /// The label's halo lies under the circles; on top, each label is clipped to its circle in the
    /// colour that contrasts with the fill.
    @Test func halosUnderTheCircles() throws {
        let (_, svg) = try render(PictureTests.seed)
        let text = try String(contentsOf: svg, encoding: .utf8)
        let halos = try #require(text.range(of: "<g id=\"halos\" class=\"halos\">"))
        let firstNode = try #require(text.range(of: "class=\"node\">"))
        let lastEdge = try #require(text.range(of: "class=\"edge\">", options: .backwards))
        #expect(lastEdge.lowerBound < halos.lowerBound && halos.lowerBound < firstNode.lowerBound)
        #expect(!text.contains(".node text { paint-order"))
        // Mingfu Liang's circle is indigo (#332288): white text on it.
        let node = try #require(text.range(of: "<title>Mingfu Liang\n"))
        let end = try #require(text.range(of: "</g>", range: node.upperBound..<text.endIndex))
        let group = text[node.lowerBound..<end.lowerBound]
        #expect(group.contains("clip-path=\"url(#clip-"))
        #expect(group.contains("fill=\"#FFFFFF\">Mingfu Liang</text>"))
    }

    /// The ten hues and grey are as far apart under simulated protanopia, deuteranopia and
    /// tritanopia as Okabe–Ito's seven (`Tests/charts/palette_cvd.py`).
    @Test func paletteStaysDistinguishable() throws {
        let r = try runTool(try testPython(), [TestPaths.repoRoot.appendingPathComponent("Tests/charts/palette_cvd.py").path])
        #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
        #expect(r.stdout.split(separator: "\n").count == 4)
    }

    @Test func averageYearOverlay() throws {
        let (r, svg) = try render(PictureTests.seed + ["--color-by", "avg-year"])
        #expect(r.status == 0)
        let text = try String(contentsOf: svg, encoding: .utf8)
        #expect(text.contains("<linearGradient id=\"colour-scale\""))
        let doc = try SVGNodes.parse(try Data(contentsOf: svg))
        #expect(doc.texts.contains("Average publication year"))
        // Qin Huang is on all 18 papers: the mean of their years (from the CSV export), to one decimal.
        let dir = try CLI.scratch()
        #expect(try CLI.run(["export"] + PictureTests.seed + ["--to", "csv", "-o", dir.path, "-q"]).status == 0)
        let papers = try CSVTable(try String(contentsOf: dir.appendingPathComponent("papers.csv"), encoding: .utf8))
        let year = try #require(papers.column("year")), authors = try #require(papers.column("authors"))
        let years = papers.rows.filter { $0[authors].components(separatedBy: "; ").contains("Qin Huang") }.compactMap { Double($0[year]) }
        #expect(years.count == 18)
        let mean = years.reduce(0, +) / Double(years.count)
        let qin = try #require(doc.titles.first { $0.hasPrefix("Qin Huang\n") })
        #expect(qin.hasSuffix("average year: \(String(format: "%.1f", mean))"))
    }
}
