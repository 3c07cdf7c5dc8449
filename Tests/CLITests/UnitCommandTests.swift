import CoauthorTestSupport
import Foundation
import Testing

/// `--unit organization|country` and `coauthor indicators`, by hand on a small fixture and against
/// `Tests/oracle/units_oracle.py` (pandas, its own reading of the files and of the rules in
/// docs/organizations.md and docs/indicators.md) on the fixture and a real OpenAlex page.
@Suite(.serialized) struct UnitCommandTests {
    static let fixture = "Tests/oracle/fixtures/units-wos.txt"
    static let openalex = CLI.repoRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/data/openalex/openalexpro_search_biodiversity_finance_page1.json").path

    /// Nodes (key → papers) and ties ("a|b" with a < b → weight, fractional) of `export --to json`.
    struct Network: Equatable {
        var nodes: [String: Int] = [:]
        /// Each node's fractional paper count (`fractional_papers`).
        var fractional: [String: Double] = [:]
        var edges: [String: [Double]] = [:]
    }

    static func network(_ input: String, unit: String, normalize: String? = nil) throws -> Network {
        let r = try CLI.run(["export", input, "--unit", unit, "--to", "json", "-o", "-", "-q"] + (normalize.map { ["--normalize", $0] } ?? []))
        #expect(r.status == 0, "\(r.stderr)")
        let j = try CLI.json(r.stdout)
        var n = Network()
        for node in j["nodes"] as? [[String: Any]] ?? [] {
            n.nodes[node["id"] as! String] = node["papers"] as? Int
            n.fractional[node["id"] as! String] = (node["fractional_papers"] as? NSNumber)?.doubleValue
        }
        for e in j["edges"] as? [[String: Any]] ?? [] {
            let a = e["source"] as! String, b = e["target"] as! String
            n.edges[min(a, b) + "|" + max(a, b)] = [(e["weight"] as! NSNumber).doubleValue, (e["fractional"] as! NSNumber).doubleValue,
                                                   (e["papers"] as! NSNumber).doubleValue]
        }
        return n
    }

    static func oracle(_ format: String, _ path: String) throws -> [String: Any] {
        let python: URL = ProcessInfo.processInfo.environment["COAUTHOR_PYTHON"].map { URL(fileURLWithPath: $0) }
            ?? CLI.repoRoot.appendingPathComponent(".venv/bin/python")
        let r = try runTool(python, [CLI.repoRoot.appendingPathComponent("Tests/oracle/units_oracle.py").path, format, path])
        #expect(r.status == 0, "\(r.stderr)")
        return try CLI.json(r.stdout)
    }

    /// Every number in `a` equals `b`'s to 1e-9 (relative for large values); keys and shapes equal.
    static func close(_ a: Any?, _ b: Any?, _ path: String = "") -> [String] {
        switch (a, b) {
        case (nil, nil), (is NSNull, is NSNull), (nil, is NSNull), (is NSNull, nil): return []
        case let (x as NSNumber, y as NSNumber):
            let d = abs(x.doubleValue - y.doubleValue)
            return d <= 1e-9 * max(1, abs(y.doubleValue)) ? [] : ["\(path): \(x) vs \(y)"]
        case let (x as String, y as String): return x == y ? [] : ["\(path): \(x) vs \(y)"]
        case let (x as [Any], y as [Any]):
            guard x.count == y.count else { return ["\(path): \(x.count) items vs \(y.count)"] }
            return zip(x, y).enumerated().flatMap { close($0.element.0, $0.element.1, "\(path)[\($0.offset)]") }
        case let (x as [String: Any], y as [String: Any]):
            return Set(x.keys).union(y.keys).sorted().flatMap { close(x[$0], y[$0], path + "." + $0) }
        default: return ["\(path): \(String(describing: a)) vs \(String(describing: b))"]
        }
    }

    @Test func handComputedFixture() throws {
        let country = try Self.network(Self.fixture, unit: "country")
        #expect(country.nodes == ["US": 3, "BR": 1, "GB": 1, "unknown": 1])
        #expect(country.edges == ["BR|US": [1, 1, 1], "US|unknown": [1, 1, 1]])
        #expect(Self.close(country.fractional, ["US": 0.75 + 5.0 / 6 + 1, "BR": 0.25, "GB": 1, "unknown": 1.0 / 6]).isEmpty)
        // Normalised: c_ij = 1, c_US = 3, c_BR = c_unknown = 1; the raw counts stay beside.
        let expectedWeight = ["association": 1.0 / 3, "cosine": 1 / 3.0.squareRoot(), "jaccard": 1.0 / 3,
                              "inclusion": 1.0, "equivalence": 1.0 / 3, "none": 1.0]
        for (method, w) in expectedWeight {
            let n = try Self.network(Self.fixture, unit: "country", normalize: method)
            #expect(Self.close(n.edges, ["BR|US": [w, 1, 1], "US|unknown": [w, 1, 1]]).isEmpty, "\(method): \(n.edges)")
        }
        let mixed = try CLI.run(["export", Self.fixture, "--unit", "country", "--normalize", "cosine", "--counting", "fractional",
                                 "--to", "json", "-o", "-"])
        #expect(mixed.status == 64 && mixed.stderr.contains("--normalize works on joint papers"))
        let org = try Self.network(Self.fixture, unit: "organization")
        // University of Florida: 1/4 + 1/2 on paper 1, 5/6 on paper 3, 1 on paper 4.
        #expect(Self.close(org.fractional, ["org:university florida": 0.75 + 5.0 / 6 + 1, "org:inpa": 0.25, "org:university oxford": 0.5,
                                            "org:university cambridge": 0.5, "org:institute nowhere": 1.0 / 6]).isEmpty)
        #expect(org == Network(nodes: ["org:university florida": 3, "org:inpa": 1, "org:university oxford": 1,
                                       "org:university cambridge": 1, "org:institute nowhere": 1],
                               fractional: org.fractional, edges: ["org:inpa|org:university florida": [1, 1, 1],
                                       "org:institute nowhere|org:university florida": [1, 1, 1],
                                       "org:university cambridge|org:university oxford": [1, 1, 1]]))
        let stats = try CLI.run(["stats", Self.fixture, "--unit", "country", "--format", "json"])
        #expect(stats.stderr.contains("1 author affiliations name an address no rule places in a country"))
        let s = try CLI.json(stats.stdout)
        #expect(s["unit"] as? String == "country" && s["nodes"] as? Int == 4 && s["edges"] as? Int == 2)

        let r = try CLI.run(["indicators", Self.fixture, "--format", "json", "-q"])
        #expect(r.status == 0)
        let j = try CLI.json(r.stdout)
        // N = 4; f_1 = 1, f_2 = 2, f_6 = 1; 10 authors (Ann on two papers).
        let expected: [String: Any] = [
            "papers": 4, "authors": 10, "single_authored_papers": 1, "multi_authored_papers": 3,
            "authors_per_paper": 11.0 / 4, "papers_per_author": 0.4, "collaboration_index": 10.0 / 3,
            "degree_of_collaboration": 0.75, "collaboration_coefficient": 11.0 / 24,
            "modified_collaboration_coefficient": 11.0 / 18, "papers_with_country": 4,
            "international_coauthorship_share": 0.25,
        ]
        for (k, v) in expected { #expect(Self.close(j[k], v, k).isEmpty, "\(k): \(String(describing: j[k]))") }
        // Lotka: 9 authors with one paper, 1 with two: the line through two points, β = log2 9, C = 0.9.
        let lotka = j["lotka"] as? [String: Any] ?? [:]
        #expect(Self.close(lotka["beta_least_squares"], log2(9.0)).isEmpty)
        #expect(Self.close(lotka["c_least_squares"], 0.9).isEmpty)
        // Countries: US on papers 1, 3, 4 (fractional 3/4 + 5/6 + 1), BR and GB once; the unplaced address 1/6.
        let rows = (j["countries"] as? [[String: Any]] ?? []).map { ($0["country"] as! String, $0) }
        let byCode = Dictionary(uniqueKeysWithValues: rows)
        #expect(Self.close(byCode["US"], ["country": "US", "name": "United States", "papers": 3, "fractional": 0.75 + 5.0 / 6 + 1,
                                          "scp": 2, "mcp": 1, "mcp_ratio": 1.0 / 3]).isEmpty)
        #expect(Self.close(byCode["BR"], ["country": "BR", "name": "Brazil", "papers": 1, "fractional": 0.25, "scp": 0, "mcp": 1, "mcp_ratio": 1]).isEmpty)
        #expect(Self.close(byCode["GB"], ["country": "GB", "name": "United Kingdom", "papers": 1, "fractional": 1, "scp": 1, "mcp": 0, "mcp_ratio": 0]).isEmpty)
        #expect(Self.close(byCode["unknown"], ["country": "unknown", "name": "unknown country", "papers": 1, "fractional": 1.0 / 6,
                                               "scp": 0, "mcp": 0, "mcp_ratio": NSNull()]).isEmpty)
        // Fractional counting sums to the number of papers with a country.
        let sum = rows.reduce(0.0) { $0 + ($1.1["fractional"] as! NSNumber).doubleValue }
        #expect(abs(sum - 4) < 1e-12)
    }

    /// `rank --unit` names its node column after the unit and has no author-only `ambiguity`
    /// column; the countries' papers are the hand counts above (US 3, then BR, GB, unknown 1).
    @Test func rankNamesTheUnit() throws {
        let csv = try CLI.run(["rank", Self.fixture, "--unit", "country", "--by", "papers", "--format", "csv", "-q"])
        #expect(csv.status == 0)
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "rank,country,papers,degree,key")
        #expect(lines.dropFirst().first == "1,United States,3,2,US")
        let json = try CLI.run(["rank", Self.fixture, "--unit", "organization", "--by", "papers", "--format", "json", "-q"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.first?["organization"] as? String != nil && rows.allSatisfy { $0["ambiguity"] == nil && $0["author"] == nil })
        let table = try CLI.run(["rank", Self.fixture, "--unit", "country", "--by", "papers", "-q"])
        #expect(table.stdout.hasPrefix("rank  country"))
        let authors = try CLI.run(["rank", Self.fixture, "--by", "papers", "--format", "csv", "-q"])
        #expect(authors.stdout.hasPrefix("rank,author,papers,degree,ambiguity,key\n"))
    }

    @Test(arguments: [("wos", fixture), ("openalex", openalex)])
    func agreesWithTheOracle(_ format: String, _ path: String) throws {
        let o = try Self.oracle(format, path)
        for unit in ["country", "organization"] {
            let mine = try Self.network(path, unit: unit)
            let theirs = o[unit] as? [String: Any] ?? [:]
            let raw = mine.edges.mapValues { Array($0.prefix(2)) }
            let problems = Self.close(mine.nodes, theirs["nodes"], "\(unit).nodes") + Self.close(raw, theirs["edges"], "\(unit).edges")
                + Self.close(mine.fractional, theirs["fractional"], "\(unit).fractional")
            #expect(problems.isEmpty, "\(path): \(problems.prefix(10))")
            for (method, values) in theirs["normalized"] as? [String: Any] ?? [:] {
                let n = try Self.network(path, unit: unit, normalize: method).edges.mapValues { $0[0] }
                let p = Self.close(n, values, "\(unit).\(method)")
                #expect(p.isEmpty, "\(path): \(p.prefix(10))")
            }
        }
        let r = try CLI.run(["indicators", path, "--format", "json", "-q"])
        var mine = try CLI.json(r.stdout)
        // The oracle does not name countries.
        mine["countries"] = (mine["countries"] as? [[String: Any]])?.map { $0.filter { $0.key != "name" } }
        let problems = Self.close(mine, o["indicators"], "indicators")
        #expect(problems.isEmpty, "\(path): \(problems.prefix(10))")
        // Country fractional counts sum to the papers with a country.
        let rows = mine["countries"] as? [[String: Any]] ?? []
        let sum = rows.reduce(0.0) { $0 + ($1["fractional"] as! NSNumber).doubleValue }
        #expect(abs(sum - Double(mine["papers_with_country"] as! Int)) < 1e-9)
    }

    @Test func byYearAndCSV() throws {
        let r = try CLI.run(["indicators", Self.fixture, "--by-year", "--format", "csv", "-q"])
        let lines = r.stdout.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("year,papers,authors,"))
        #expect(lines[1].hasPrefix("2020,2,4,"))
        #expect(lines[2].hasPrefix("2021,2,7,"))
    }

    /// `render --unit country` draws a map: every country pinned at its centroid in the Equal Earth
    /// projection, laid out by neato, which keeps the positions.
    @Test func countryMap() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let dot = dir.appendingPathComponent("map.dot").path
        let r = try CLI.run(["render", Self.fixture, "--unit", "country", "-o", dot, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOfFile: dot, encoding: .utf8)
        #expect(text.contains("notranslate=\"true\"") && !text.contains("pack="))
        let pins = text.split(separator: "\n").filter { $0.contains("pos=") }
        #expect(pins.count == 4)   // US, BR, GB and the unknown country
        // Equal Earth (Šavrič et al. 2019): x = 2√3 λ cos θ / (3 (9 A4 θ⁸ + 7 A3 θ⁶ + 3 A2 θ² + A1)),
        // y = A4 θ⁹ + A3 θ⁷ + A2 θ³ + A1 θ with sin θ = (√3/2) sin φ, scaled to 1000 points wide. At
        // the equator and the date line x is half the width; Brazil (−10.8°, −52.9°) is at the
        // point worked out here from the formula.
        func project(_ lat: Double, _ lon: Double) -> (Double, Double) {
            let a1 = 1.340264, a2 = -0.081106, a3 = 0.000893, a4 = 0.003796
            let t = asin(3.0.squareRoot() / 2 * sin(lat * .pi / 180)), l = lon * .pi / 180
            let x = 2 * 3.0.squareRoot() * l * cos(t) / (3 * (9 * a4 * pow(t, 8) + 7 * a3 * pow(t, 6) + 3 * a2 * t * t + a1))
            let y = a4 * pow(t, 9) + a3 * pow(t, 7) + a2 * pow(t, 3) + a1 * t
            let k = 500 / (2 * 3.0.squareRoot() * .pi / (3 * a1))
            return (x * k, y * k)
        }
        #expect(abs(project(0, 180).0 - 500) < 1e-9)
        let br = project(-10.8, -52.9)
        let brazil = pins.first { $0.contains("label=\"Brazil\"") }.map(String.init) ?? ""
        #expect(brazil.contains("pos=\"\(String(format: "%.1f", br.0)),\(String(format: "%.1f", br.1))!\""), "\(brazil)")
        let svg = dir.appendingPathComponent("map.svg").path
        let s = try CLI.run(["render", Self.fixture, "--unit", "country", "-o", svg, "-q"])
        #expect(s.status == 0)
        #expect(try String(contentsOfFile: svg, encoding: .utf8).contains("layout neato"))
    }
}
