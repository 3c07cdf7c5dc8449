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
        var edges: [String: [Double]] = [:]
    }

    static func network(_ input: String, unit: String) throws -> Network {
        let r = try CLI.run(["export", input, "--unit", unit, "--to", "json", "-o", "-", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try CLI.json(r.stdout)
        var n = Network()
        for node in j["nodes"] as? [[String: Any]] ?? [] { n.nodes[node["id"] as! String] = node["papers"] as? Int }
        for e in j["edges"] as? [[String: Any]] ?? [] {
            let a = e["source"] as! String, b = e["target"] as! String
            n.edges[min(a, b) + "|" + max(a, b)] = [(e["weight"] as! NSNumber).doubleValue, (e["fractional"] as! NSNumber).doubleValue]
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
        #expect(country == Network(nodes: ["US": 3, "BR": 1, "GB": 1, "unknown": 1],
                                   edges: ["BR|US": [1, 1], "US|unknown": [1, 1]]))
        let org = try Self.network(Self.fixture, unit: "organization")
        #expect(org == Network(nodes: ["org:university florida": 3, "org:inpa": 1, "org:university oxford": 1,
                                       "org:university cambridge": 1, "org:institute nowhere": 1],
                               edges: ["org:inpa|org:university florida": [1, 1],
                                       "org:institute nowhere|org:university florida": [1, 1],
                                       "org:university cambridge|org:university oxford": [1, 1]]))
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

    @Test(arguments: [("wos", fixture), ("openalex", openalex)])
    func agreesWithTheOracle(_ format: String, _ path: String) throws {
        let o = try Self.oracle(format, path)
        for unit in ["country", "organization"] {
            let mine = try Self.network(path, unit: unit)
            let theirs = o[unit] as? [String: Any] ?? [:]
            let problems = Self.close(mine.nodes, theirs["nodes"], "\(unit).nodes") + Self.close(mine.edges, theirs["edges"], "\(unit).edges")
            #expect(problems.isEmpty, "\(path): \(problems.prefix(10))")
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
}
