import CoauthorTestSupport
import Foundation
import Testing

/// `coauthor timeline` as a user runs it.
@Suite(.serialized) struct TimelineCLITests {
    static let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    func timeline(_ args: [String], stdin: Data? = nil) throws -> CLI.Result {
        try CLI.run(["timeline"] + args, stdin: stdin)
    }

    /// A CSV input written to a scratch folder.
    func csvFile(_ text: String) throws -> URL {
        let f = try CLI.scratch().appendingPathComponent("papers.csv")
        try Data(text.utf8).write(to: f)
        return f
    }

    @Test func seedAuthorTimeline() throws {
        let r = try timeline(Self.seed + ["--author", "Qin Huang", "--format", "csv"])
        #expect(r.status == 0 && r.stderr == "")
        // Papers per year are the issue's; coauthor counts were taken by hand from the page.
        #expect(r.stdout == """
            year,papers,coauthors,new_coauthors,cumulative_coauthors
            2016,1,2,2,2
            2017,5,9,8,10
            2018,4,9,6,16
            2019,1,2,2,18
            2020,0,0,0,18
            2021,0,0,0,18
            2022,1,3,3,21
            2023,1,3,3,24
            2024,0,0,0,24
            2025,2,6,6,30
            2026,3,8,8,38

            """)
        let table = try timeline(Self.seed + ["--author", "Huang, Qin"])
        #expect(table.stdout.hasPrefix("Qin Huang: 18 papers, 38 coauthors, 2016–2026\n"))
        #expect(table.stdout.contains("coauthor               first year  last year  papers  years active"))
        #expect(table.stdout.contains("Siyang Li                    2017       2018       3             2"))

        let j = try CLI.json(try timeline(Self.seed + ["--author", "Qin Huang", "--format", "json"]).stdout)
        #expect(j["papers"] as? Int == 18 && j["coauthor_count"] as? Int == 38)
        let years = j["years"] as? [[String: Any]] ?? []
        #expect(years.map { $0["papers"] as? Int ?? -1 } == [1, 5, 4, 1, 0, 0, 1, 1, 0, 2, 3])
        let coauthors = j["coauthors"] as? [[String: Any]] ?? []
        #expect(coauthors.count == 38)
        #expect(coauthors.first?["coauthor"] as? String == "Chunyang Xia")
        #expect(coauthors.first?["paper_ids"] as? [String] == ["qin-huang-profile.txt:131", "qin-huang-profile.txt:124"])
    }

    @Test func seedFieldTimeline() throws {
        let r = try timeline(Self.seed + ["--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "year,papers,active_authors,new_authors,active_ties,new_ties,cumulative_authors,cumulative_ties,largest_component_share,mean_degree")
        #expect(lines.count == 12)
        // 2016: Huang, Xia, Zheng and their triangle; 2017 worked out in SeedTimelineTests.
        #expect(lines[1] == "2016,1,3,3,3,3,3,3,1,2")
        #expect(lines[2] == "2017,5,10,8,16,15,11,18,1,\(2.0 * 18 / 11)")
        #expect(lines[5] == "2020,0,0,0,0,0,19,35,1,\(2.0 * 35 / 19)")
        #expect(lines[11] == "2026,3,9,8,15,15,39,74,1,\(2.0 * 74 / 39)")   // = coauthor stats
    }

    @Test func windows() throws {
        let r = try timeline(Self.seed + ["--window", "3", "--step", "1", "--format", "csv"])
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // Windowed rows end with each window's Leiden modularity.
        #expect(lines.first == "window_start,window_end,papers,active_authors,new_authors,active_ties,new_ties,cumulative_authors,cumulative_ties,largest_component_share,mean_degree,modularity")
        #expect(lines.dropFirst().map { $0.split(separator: ",").prefix(3).joined(separator: ",") } == [
            "2016,2018,10", "2017,2019,10", "2018,2020,5", "2019,2021,1", "2020,2022,1",
            "2021,2023,2", "2022,2024,2", "2023,2025,3", "2024,2026,5"])
        let c = try timeline(Self.seed + ["--cumulative", "--format", "json"])
        let rows = try JSONSerialization.jsonObject(with: Data(c.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(rows.count == 11)
        #expect(rows.map { $0["papers"] as? Int ?? -1 } == [1, 6, 10, 11, 11, 11, 12, 13, 13, 15, 18])
        #expect(rows.last?["cumulative_ties"] as? Int == 74 && rows.last?["active_ties"] as? Int == 74)
        // The last growing window is the whole graph: its modularity is that of `coauthor communities`.
        let whole = try CLI.run(["communities"] + Self.seed + ["--seed", "1", "--format", "json"])
        let q = try CLI.json(whole.stdout)["modularity"] as? Double
        #expect(q != nil && rows.last?["modularity"] as? Double == q)
    }

    @Test func pairs() throws {
        let r = try timeline(Self.seed + ["--pairs", "--format", "csv"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "author_a,author_b,first_year,last_year,papers,paper_ids")
        #expect(lines.count == 75)   // 74 ties
        let papers = lines.dropFirst().map { Int($0.split(separator: ",")[4])! }
        #expect(papers.reduce(0, +) == 87)   // total weight (coauthor stats)
        #expect(lines.contains("Qin Huang,Siyang Li,2017,2018,3,qin-huang-profile.txt:110; qin-huang-profile.txt:96; qin-huang-profile.txt:89"))
        // First years never go down.
        let firsts = lines.dropFirst().map { Int($0.split(separator: ",")[2])! }
        #expect(firsts == firsts.sorted())
        // With --author: the author's coauthors and the papers behind each tie.
        let mine = try timeline(Self.seed + ["--author", "Qin Huang", "--pairs", "--format", "csv"])
        let rows = mine.stdout.split(separator: "\n")
        #expect(rows.first == "coauthor,first_year,last_year,papers,years_active,paper_ids")
        #expect(rows.count == 39)
        #expect(rows.contains("Ye Wang,2018,2018,2,1,qin-huang-profile.txt:75; qin-huang-profile.txt:68"))
        let top = try timeline(Self.seed + ["--pairs", "--top", "3"])
        #expect(top.stdout.split(separator: "\n").count == 5)   // header, rule, three ties
    }

    @Test func bursts() throws {
        // 2000–2015: three background papers a year by rotating pairs; 2006–2008 three more a year
        // by Eve and Fay: their papers and their tie burst then, and only then.
        var csv = "id,title,authors,year\n"
        let background = ["Ann A", "Bob B", "Cy C", "Dee D"]
        for y in 2000...2015 {
            for k in 0..<3 { csv += "bg\(y)\(k),T,\(background[(y + k) % 4]); \(background[(y + k + 1) % 4]),\(y)\n" }
            if (2006...2008).contains(y) { for k in 0..<3 { csv += "ef\(y)\(k),T,Eve E; Fay F,\(y)\n" } }
        }
        let f = try csvFile(csv)
        let r = try timeline([f.path, "--bursts", "--format", "csv"])
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "kind,author_a,author_b,start,end,strength,papers")
        let planted = lines.filter { $0.contains("Eve E") || $0.contains("Fay F") }
        #expect(planted.count == 3)
        #expect(planted.allSatisfy { $0.contains(",2006,2008,") && $0.hasSuffix(",9") })
        #expect(planted.contains { $0.hasPrefix("tie,Eve E,Fay F,2006,2008,") })
        // Strongest first.
        let strengths = lines.dropFirst().map { Double($0.split(separator: ",", omittingEmptySubsequences: false)[5])! }
        #expect(strengths == strengths.sorted(by: >))
        // Only Eve's: her papers and her tie.
        let eve = try timeline([f.path, "--bursts", "--author", "Eve E", "--format", "json"])
        let items = try JSONSerialization.jsonObject(with: Data(eve.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(items.map { $0["kind"] as? String ?? "" }.sorted() == ["author", "tie"])
        // A higher γ makes bursts costlier: none at γ = 10.
        let none = try timeline([f.path, "--bursts", "--burst-gamma", "10"])
        #expect(none.stdout == "no bursts (s = 2, γ = 10)\n")
        // The seed: Qin Huang is on every paper and nobody else bursts at γ = 1.
        #expect(try timeline(Self.seed + ["--bursts"]).stdout == "no bursts (s = 2, γ = 1)\n")
    }

    @Test func authorChart() throws {
        let r = try timeline(Self.seed + ["--author", "Qin Huang", "--format", "svg"])
        #expect(r.status == 0 && r.stderr == "")
        let doc = SVGDocument(r.stdout)
        #expect(doc.isWellFormed, "\(doc.error ?? "")")
        #expect(doc.count(class: "row") == 38)
        #expect(doc.count(class: "span") == 38)
        #expect(doc.count(class: "paper-bar") == 8)   // years with papers: 11 years less 2020, 2021, 2024
        #expect(doc.count(class: "mark") == 42)       // (coauthor, year) pairs: 38 + Xia, S. Li, C. Yang, Song twice
        #expect(doc.texts.contains("Collaboration timeline: Qin Huang"))
        // Rows in order of first collaboration.
        let labels = doc.texts(class: "label")
        #expect(labels.prefix(3) == ["Chunyang Xia", "Wenchao Zheng", "Chi-Hao Wu"])
        #expect(labels.last == "Shali Jiang")
    }

    @Test func fieldChart() throws {
        let r = try timeline(Self.seed + ["--format", "svg"])
        let doc = SVGDocument(r.stdout)
        #expect(doc.isWellFormed)
        #expect(doc.count(class: "papers") == 8)
        #expect(doc.count(class: "new-authors") == 8)
        #expect(doc.count(class: "cumulative-authors", element: "polyline") == 1)
        #expect(doc.count(class: "point") == 11)
    }

    @Test func namesAreEscapedInCharts() throws {
        let f = try csvFile("""
            id,title,authors,year
            1,A,"Ada <Lovelace>; Bob & \\"Son\\"",2001
            2,B,"Ada <Lovelace>; Zoë O'Brien",2003

            """.replacingOccurrences(of: "\\\"", with: "\"\""))
        let r = try timeline([f.path, "--author", "Ada <Lovelace>", "--format", "svg"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = SVGDocument(r.stdout)
        #expect(doc.isWellFormed, "\(doc.error ?? "")")
        #expect(doc.count(class: "row") == 2)
        #expect(doc.texts(class: "label") == ["Bob & \"Son\"", "Zoë O'Brien"])
        #expect(r.stdout.contains("Ada &lt;Lovelace&gt;") && r.stdout.contains("Bob &amp; &quot;Son&quot;") && r.stdout.contains("O&apos;Brien"))
    }

    /// The charts drawn by librsvg: the PNG has the SVG's size and the colours of the bars, spans,
    /// marks and line — they draw, not just parse.
    @Test func chartsRenderToPNG() throws {
        let rsvg = try testTool("rsvg-convert")
        let dir = try CLI.scratch()
        for (name, args, colours) in [
            ("author", ["--author", "Qin Huang"], ["#4c78a8", "#c6dbef", "#08519c", "#222222"]),
            ("field", [], ["#4c78a8", "#f58518", "#2ca02c", "#222222"]),
        ] {
            let svg = dir.appendingPathComponent("\(name).svg"), png = dir.appendingPathComponent("\(name).png")
            let r = try timeline(Self.seed + args + ["--format", "svg", "-o", svg.path])
            #expect(r.status == 0 && r.stdout == "")
            let out = try runTool(rsvg, ["--format", "png", "--output", png.path, svg.path])
            #expect(out.status == 0, "\(out.stderr)")
            let pixels = try pngPixels(png)
            let doc = SVGDocument(try String(contentsOf: svg, encoding: .utf8))
            #expect(pixels.width == Int(doc.elements[0].attributes["width"]!)!)
            #expect(pixels.height == Int(doc.elements[0].attributes["height"]!)!)
            for c in colours {
                #expect((pixels.colors[c] ?? 0) >= 100, "\(name): \(c) drawn on \(pixels.colors[c] ?? 0) pixels")
            }
            #expect((pixels.colors["#ffffff"] ?? 0) < pixels.width * pixels.height * 9 / 10)
        }
    }

    @Test func outputFile() throws {
        let dir = try CLI.scratch()
        let out = dir.appendingPathComponent("t.csv")
        try Data("old".utf8).write(to: out)
        let r = try timeline(Self.seed + ["--format", "csv", "-o", out.path])
        #expect(r.status == 0 && r.stdout == "")
        let direct = try timeline(Self.seed + ["--format", "csv"])
        #expect(try String(contentsOf: out, encoding: .utf8) == direct.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["t.csv"])   // no temporary left
        // A folder that does not exist, or a directory in the way: exit 73, nothing half-written.
        let missing = try timeline(Self.seed + ["-o", dir.appendingPathComponent("no/such/t.csv").path])
        #expect(missing.status == 73)
        #expect(missing.stderr.hasPrefix("coauthor: error: \(dir.path)/no/such/t.csv: cannot write: no such file or directory"))
        let sub = dir.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        let isDir = try timeline(Self.seed + ["--output", sub.path])
        #expect(isDir.status == 73)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["sub", "t.csv"])
    }

    @Test func usageErrors() throws {
        for args in [["--window", "0"], ["--window", "3", "--cumulative"], ["--step", "2"], ["--pairs", "--bursts"],
                     ["--pairs", "--format", "svg"], ["--bursts", "--window", "2"], ["--burst-gamma", "2"],
                     ["--bursts", "--burst-scale", "1"], ["--bursts", "--burst-gamma", "-1"], ["--format", "svg", "--cumulative"],
                     ["--top", "3"], ["--format", "xml"]] {
            let r = try timeline(Self.seed + args)
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stdout == "")
        }
        let unknown = try timeline(Self.seed + ["--author", "Qin Hwang"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("did you mean: 'Qin Huang'"))
    }

    @Test func undatedPapers() throws {
        let f = try csvFile("id,title,authors,year\n1,A,Ann A; Bob B,2001\n2,B,Ann A; Cy C,\n")
        let r = try timeline([f.path, "--author", "Ann A", "--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stderr == "coauthor: warning: 1 paper without a year left out of the timeline\n")
        #expect(r.stdout == "year,papers,coauthors,new_coauthors,cumulative_coauthors\n2001,1,1,1,1\n")
        let q = try timeline([f.path, "--author", "Ann A", "--pairs", "--format", "csv", "--quiet"])
        #expect(q.stderr == "")
        #expect(q.stdout.contains("Cy C,,,1,0,2\n"))
        let noYears = try CLI.run(["timeline", try csvFile("id,title,authors,year\n1,A,Ann A; Bob B,\n").path, "--format", "svg", "-q"])
        #expect(noYears.status == 65)
        #expect(noYears.stderr == "coauthor: error: nothing to chart: no paper has a year\n")
    }
}

/// Size and colour histogram of a PNG, decoded by `Tests/charts/png_pixels.py` (standard library
/// only) in the project's venv Python.
func pngPixels(_ png: URL) throws -> (width: Int, height: Int, colors: [String: Int]) {
    let j = try runPythonJSON("Tests/charts/png_pixels.py", [png.path])
    guard let o = j as? [String: Any], let w = o["width"] as? Int, let h = o["height"] as? Int,
          let c = o["colors"] as? [String: Int] else {
        throw TestSetupError("png_pixels.py printed no size and colours")
    }
    return (w, h, c)
}
