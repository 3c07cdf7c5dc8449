import CoauthorTestSupport
import Foundation
import GraphvizBridge
import Testing

/// Node groups and titles of a Graphviz SVG (read back as an `SVGDocument`, which fails on
/// malformed XML).
struct SVGNodes {
    var groups = 0
    var titles: [String] = []
    var edgeTitles: [String] = []
    var texts: [String] = []

    static func parse(_ data: Data) throws -> SVGNodes {
        let d = SVGDocument(data)
        if let e = d.error { throw TestSetupError("the SVG is not well-formed XML: \(e)") }
        var c = SVGNodes()
        c.groups = d.elements.filter { $0.name == "g" && $0.attributes["class"] == "node" }.count
        c.titles = d.elements.filter { $0.name == "title" && $0.groupClass == "node" }.map(\.text)
        c.edgeTitles = d.elements.filter { $0.name == "title" && $0.groupClass == "edge" }.map(\.text)
        c.texts = d.texts
        return c
    }

    /// The first tooltip line of each node: the author's name.
    var names: [String] { titles.map { String($0.split(separator: "\n").first ?? "") } }
}

@Suite(.serialized) struct RenderCommandTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    func render(_ args: [String], file: String = "g.svg") throws -> (CLI.Result, Data, URL) {
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent(file)
        let r = try CLI.run(["render"] + args + ["-o", out.path])
        return (r, (try? Data(contentsOf: out)) ?? Data(), dir)
    }

    func authorNames(_ args: [String]) throws -> Set<String> {
        let r = try CLI.run(["rank"] + args + ["--format", "json", "--top", "0"])
        let rows = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]] ?? []
        return Set(rows.compactMap { $0["author"] as? String })
    }

    @Test func seedNetwork() throws {
        let (r, data, _) = try render(seed)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let svg = try SVGNodes.parse(data)
        #expect(svg.groups == 39)
        #expect(svg.titles.count == 39)
        #expect(svg.edgeTitles.count == 74)
        #expect(Set(svg.names) == (try authorNames(seed)))
        // Colour and tooltip: the Leiden community that `coauthor communities` reports for the same seed.
        let c = try CLI.run(["communities"] + seed + ["--seed", "0", "--format", "json"])
        let report = try CLI.json(c.stdout)
        let groups = report["communities"] as? [[String: Any]] ?? []
        let qinGroup = try #require(groups.first { ($0["top_authors"] as? [String])?.contains("Qin Huang") == true })
        let label = try #require(qinGroup["label"] as? String)
        let q = try #require(report["modularity"] as? Double)
        let qin = try #require(svg.titles.first { $0.hasPrefix("Qin Huang\n") })
        #expect(qin == "Qin Huang\n18 papers (2016–2026)\n38 coauthors\nPageRank: 0.24345\ncommunity: \(label)")
        // Header: caption, size meaning, the legend.
        #expect(svg.texts.contains("seeds/qin-huang-profile.txt · 18 papers · 39 authors · 74 coauthor ties · 2016–2026"))
        #expect(svg.texts.contains("Circle area ∝ PageRank (largest: Qin Huang, 0.24345)"))
        #expect(svg.texts.contains("Communities (Leiden, modularity \(String(format: "%.3f", q)))"))
        // The 30 most central are named: each label twice, with its halo under the circles and
        // clipped to its circle on top.
        let labels = svg.texts.filter { svg.names.contains($0) }
        #expect(labels.count == 60 && Set(labels).count == 30)
    }

    /// `--normalize` (issue 19): render colours by the partition that `communities --normalize`
    /// reports and `export --normalize --communities leiden` writes, the same for the three; on the
    /// seed, association strength gives another partition than joint papers (12 communities, not
    /// 9), so the check can fail.
    @Test func normalizedCommunitiesAreOnePartition() throws {
        func partition(_ groups: [String: String]) -> Set<Set<String>> {
            Set(Dictionary(grouping: groups.keys, by: { groups[$0]! }).values.map(Set.init))
        }
        func communities(_ extra: [String]) throws -> Set<Set<String>> {
            let r = try CLI.run(["communities"] + seed + ["--format", "csv"] + extra)
            #expect(r.status == 0)
            var byAuthor: [String: String] = [:]
            for line in r.stdout.split(separator: "\n").dropFirst() {
                let f = line.split(separator: ",")
                byAuthor[String(f[0])] = String(f[f.count - 1])
            }
            return partition(byAuthor)
        }
        let normalized = try communities(["--normalize", "association"])
        #expect(normalized != (try communities([])))
        #expect(normalized.count == 12)

        let (r, data, _) = try render(seed + ["--normalize", "association"])
        #expect(r.status == 0)
        let svg = try SVGNodes.parse(data)
        var drawn: [String: String] = [:]
        for t in svg.titles {
            let lines = t.split(separator: "\n")
            drawn[String(lines[0])] = lines.last.map(String.init)
        }
        #expect(partition(drawn) == normalized)
        #expect(svg.texts.contains { $0.contains("communities on association-normalised ties") })

        let dir = try CLI.scratch()
        let e = try CLI.run(["export"] + seed + ["--normalize", "association", "--communities", "leiden", "--to", "json",
                                                 "-o", dir.appendingPathComponent("g.json").path, "-q"])
        #expect(e.status == 0)
        let j = try CLI.json(String(decoding: try Data(contentsOf: dir.appendingPathComponent("g.json")), as: UTF8.self))
        var exported: [String: String] = [:]
        for n in j["nodes"] as? [[String: Any]] ?? [] {
            if let name = n["label"] as? String, let c = n["community"] { exported[name] = "\(c)" }
        }
        #expect(partition(exported) == normalized)

        let refused = try CLI.run(["render"] + seed + ["--normalize", "cosine", "--color-by", "first-year", "-o", "x.svg"])
        #expect(refused.status == 64 && refused.stderr.contains("--normalize"))
    }

    @Test func sameInputSameBytes() throws {
        for layout in ["sfdp", "fdp", "neato", "twopi"] {
            let (a, first, _) = try render(seed + ["--layout", layout])
            let (b, second, _) = try render(seed + ["--layout", layout])
            #expect(a.status == 0 && b.status == 0)
            #expect(!first.isEmpty && first == second, "\(layout): two renders differ")
        }
        let (_, other, _) = try render(seed + ["--seed", "1"])
        let (_, base, _) = try render(seed)
        #expect(other != base)
    }

    @Test func dotSnapshot() throws {
        let (r, data, _) = try render(seed, file: "g.dot")
        #expect(r.status == 0)
        let snapshot = CLI.repoRoot.appendingPathComponent("Tests/CLITests/Snapshots/qin-huang-network.dot")
        if ProcessInfo.processInfo.environment["COAUTHOR_RECORD_SNAPSHOTS"] == "1" {
            try data.write(to: snapshot)
            Issue.record("recorded \(snapshot.lastPathComponent)")
        }
        #expect(String(decoding: data, as: UTF8.self) == (try String(contentsOf: snapshot, encoding: .utf8)))
    }

    @Test func trickyNamesSurviveIntact() throws {
        let dir = try CLI.scratch()
        let page = dir.appendingPathComponent("page.txt")
        let text = "Ann Owner\n3papers\n\nCVJan 3, 2018\nOne\n\nZoë Ångström, 黄钦, José Ñúñez\n\n"
            + "CVJan 4, 2019\nTwo\n\nO\"Brien <Lab> & Co, Back\\slash \\N, AT&amp;T Research\n\n"
            + "CVJan 5, 2020\nThree\n\n김민준, Zoë Ångström\n"
        try Data(text.utf8).write(to: page)
        let names = try authorNames([page.path])
        #expect(names.isSuperset(of: ["黄钦", "O\"Brien <Lab> & Co", "Back\\slash \\N", "AT&amp;T Research", "김민준", "Zoë Ångström"]))
        let (r, data, _) = try render([page.path, "--title", "<Names> & \"quotes\""])
        #expect(r.status == 0)
        let svg = try SVGNodes.parse(data)
        #expect(svg.groups == names.count)
        #expect(Set(svg.names) == names)
        #expect(Set(svg.texts).isSuperset(of: names))      // every label (all 9 are among the 30 most central)
        #expect(svg.texts.contains("<Names> & \"quotes\""))
    }

    @Test func unknownLayoutNamesTheValidOnes() throws {
        let (r, _, _) = try render(seed + ["--layout", "spring"])
        #expect(r.status == 64)
        for e in ["dot", "neato", "fdp", "sfdp", "circo", "twopi"] { #expect(r.stderr.contains(e)) }
    }

    @Test func nothingToDraw() throws {
        let (r, _, _) = try render(seed + ["--min-papers", "100"])
        #expect(r.status == 65)
        #expect(r.stderr == "coauthor: error: nothing to draw: no authors are left after reading and filtering\n")
    }

    @Test func maxNodesKeepsTheMostCentral() throws {
        let (r, data, _) = try render(seed + ["--max-nodes", "10", "--size-by", "degree"])
        #expect(r.status == 0)
        #expect(r.stderr == "coauthor: note: 39 authors are too many to lay out with sfdp; drawing the 10 most central by degree (--max-nodes)\n")
        let svg = try SVGNodes.parse(data)
        #expect(svg.groups == 10)
        let ranked = try CLI.run(["rank"] + seed + ["--by", "degree", "--format", "csv", "--top", "10"])
        let top10 = ranked.stdout.split(separator: "\n").dropFirst().map { String($0.split(separator: ",")[1]) }
        #expect(Set(svg.names) == Set(top10))
        let (t, topData, _) = try render(seed + ["--top", "5", "--labels", "2"])
        #expect(t.status == 0 && t.stderr == "")
        #expect(try SVGNodes.parse(topData).groups == 5)
    }

    @Test func egoView() throws {
        let (r, data, _) = try render(seed + ["--ego", "siyang li"])
        #expect(r.status == 0)
        let svg = try SVGNodes.parse(data)
        // Siyang Li and the five coauthors.
        #expect(Set(svg.names) == ["Siyang Li", "Qin Huang", "Bryan Seybold", "Alexey Vorobyov", "Xiangxin Zhu", "Chi-Hao Wu"])
        #expect(svg.texts.contains { $0.hasPrefix("ego network of siyang li (radius 1): 6 authors") })
        let (two, twoData, _) = try render(seed + ["--ego", "Siyang Li", "--radius", "2", "--layout", "neato"])
        #expect(two.status == 0)
        #expect(try SVGNodes.parse(twoData).groups == 39)
        let (miss, _, _) = try render(seed + ["--ego", "Siyang Lee"])
        #expect(miss.status == 64)
        #expect(miss.stderr.contains("did you mean: 'Siyang Li'"))
    }

    @Test func pngAndPDF() throws {
        let (p, png, _) = try render(seed, file: "g.png")
        #expect(p.status == 0)
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        let (d, pdf, _) = try render(seed + ["--ego", "Qin Huang"], file: "g.PDF")
        #expect(d.status == 0)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
    }

    @Test func svgRendersWithRsvg() throws {
        let (r, _, dir) = try render(seed + ["--color-by", "first-year", "--title", "Qin Huang"])
        #expect(r.status == 0)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["rsvg-convert", dir.appendingPathComponent("g.svg").path, "-o", dir.appendingPathComponent("g.png").path]
        try p.run()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        #expect(try Data(contentsOf: dir.appendingPathComponent("g.png")).starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func usageAndWriteErrors() throws {
        let bad = try CLI.run(["render"] + seed + ["-o", "x.jpeg"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("-o must name a .svg, .png, .pdf, .dot, .gv or .html file"))
        let (w, _, _) = try render(seed, file: "no/such/dir/g.svg")
        #expect(w.status == 73)
        #expect(w.stderr.contains("cannot write"))
        let radius = try CLI.run(["render"] + seed + ["-o", "x.svg", "--radius", "2"])
        #expect(radius.status == 64)
    }

    @Test func helpExplainsColours() throws {
        let r = try CLI.run(["render", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Leiden"))
        #expect(r.stdout.contains("--max-nodes"))
        #expect(!(try CLI.run(["--help"])).stdout.contains("_graphviz"))
    }
}

/// The child-process runner, with the coauthor binary as worker.
@Suite struct IsolatedGraphvizTests {
    var worker: IsolatedGraphviz { IsolatedGraphviz(executable: CLI.binary, arguments: ["_graphviz"], timeout: 60) }

    @Test func crashesAreContained() throws {
        // sfdp + splines=ortho aborts Graphviz 2.42 (maze.c assertion). With the guard off the
        // child dies of SIGABRT, and this process gets an error instead of dying with it.
        var request = GraphvizRequest(dot: "graph { splines=ortho; a -- b }", engine: .sfdp, checkHazards: false)
        do {
            _ = try worker.render(request)
            Issue.record("no crash?")
        } catch {
            guard case .crashed(let signal, let message) = error else { Issue.record("wrong error \(error)"); return }
            #expect(signal == SIGABRT)
            #expect(message.contains("Assertion"))
        }
        request.checkHazards = true
        #expect(throws: GraphvizError.self) { try worker.render(request) }
    }

    @Test func runawayLayoutsAreStopped() throws {
        // dot needs minutes for a dense graph of 600 nodes; the worker is stopped after 1 s.
        var dot = "graph { "
        for i in 0..<600 { dot += "n\(i) -- n\((i * 7 + 3) % 600); n\(i) -- n\((i * 13 + 5) % 600); n\(i) -- n\((i * 31 + 1) % 600); " }
        dot += "}"
        var quick = worker
        quick.timeout = 1
        let start = Date()
        #expect(throws: GraphvizError.timedOut(seconds: 1)) { try quick.render(GraphvizRequest(dot: dot, engine: .dot)) }
        #expect(Date().timeIntervalSince(start) < 10)
    }

    @Test func errorsComeBackTyped() throws {
        #expect(throws: GraphvizError.emptyGraph) { try worker.render(GraphvizRequest(dot: "graph {}", engine: .neato)) }
        do {
            _ = try worker.render(GraphvizRequest(dot: "graph { a -- }", engine: .neato))
            Issue.record("no error")
        } catch {
            guard case .syntax = error else { Issue.record("wrong error \(error)"); return }
        }
    }

    @Test func outputsAndLayoutComeBack() throws {
        let r = try worker.render(GraphvizRequest(dot: "graph { start=2; a -- b -- c -- a }", engine: .fdp,
                                                  formats: [.svg, .png], readLayout: true))
        #expect(r.layout?.nodes.map(\.name) == ["a", "b", "c"])
        #expect(r.bytes(.svg).map { String(decoding: $0, as: UTF8.self).contains("class=\"node\"") } == true)
        #expect(r.bytes(.png)?.starts(with: [0x89, 0x50, 0x4E, 0x47]) == true)
        // A fresh process per job: fdp (which keeps state between layouts in one process) repeats itself.
        let again = try worker.render(GraphvizRequest(dot: "graph { start=2; a -- b -- c -- a }", engine: .fdp,
                                                      formats: [.svg, .png], readLayout: true))
        #expect(again == r)
    }

    @Test func aMissingWorkerIsAnError() {
        let none = IsolatedGraphviz(executable: URL(fileURLWithPath: "/nonexistent/coauthor"), arguments: [])
        #expect(throws: GraphvizError.self) { try none.render(GraphvizRequest(dot: "graph { a }", engine: .dot)) }
    }
}
