import CoauthorGraph
import CoauthorRecords
import Foundation
import Testing

/// Graph counts on real files equal those of the independent standard-library Python oracle
/// (Tests/oracle/coauthor_oracle.py, written from docs/identity.md and the format descriptions
/// only), run in the same test run.
@Suite struct OracleConformanceTests {
    static let inputs: [String] = {
        var out = ["seeds/qin-huang-profile.txt"]
        let fm = FileManager.default
        // XML examples are for Tests/oracle/xml_counts.py (XMLOracleTests); this oracle reads the rest.
        for f in ((try? fm.contentsOfDirectory(atPath: repoRoot.appendingPathComponent("Examples/inputs").path)) ?? []).sorted()
        where !f.hasSuffix(".xml") {
            out.append("Examples/inputs/" + f)
        }
        for dir in ["dblp/bib-sample/conf", "dblp/bib-sample/journals", "bibtex/beebe", "bibtex/edge-cases"] {
            let d = sharedData.appendingPathComponent(dir)
            for f in ((try? fm.contentsOfDirectory(atPath: d.path)) ?? []).sorted() where f.hasSuffix(".bib") {
                out.append(d.appendingPathComponent(f).path)
            }
        }
        return out
    }()

    /// Our figures for one input, through the same library calls the CLI makes.
    static func ours(_ path: String) throws -> [String: Any] {
        let builder = CorpusBuilder()
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))
        let full = path.hasPrefix("/") ? path : repoRoot.appendingPathComponent(path).path
        let summary = try loader.load([full]) { builder.add($0) }
        let corpus = builder.finish()
        let g = CoauthorGraph(corpus: corpus)
        let s = g.summary()
        var fractional = 0.0
        for f in g.edgeFractional { fractional += f }
        return ["papers": s.papers, "mentions": corpus.report.mentions - corpus.report.unusableMentions,
                "authors": s.authors, "edges": s.edges, "total_weight": s.totalWeight,
                "total_fractional": fractional, "components": s.components,
                "largest_component": s.largestComponent, "isolated": s.isolated,
                "first_year": s.firstYear as Any, "last_year": s.lastYear as Any,
                "hyperauthored_papers": s.hyperauthoredPapers, "skipped_records": summary.skipped]
    }

    @Test(arguments: inputs) func countsEqualTheOracle(_ path: String) throws {
        let full = path.hasPrefix("/") ? path : repoRoot.appendingPathComponent(path).path
        let p = Process()
        p.executableURL = try venvPython()
        p.arguments = [repoRoot.appendingPathComponent("Tests/oracle/coauthor_oracle.py").path, "--as-of", "2026-11-27", full]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let oracle = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let mine = try Self.ours(path)
        for key in ["papers", "mentions", "authors", "edges", "total_weight", "components", "largest_component",
                    "isolated", "first_year", "last_year", "hyperauthored_papers", "skipped_records"] {
            let a = mine[key] as? Int, b = (oracle[key] as? NSNumber)?.intValue
            #expect(a == b, "\(path): \(key) ours \(a.map(String.init) ?? "nil"), oracle \(b.map(String.init) ?? "nil")")
        }
        let fa = mine["total_fractional"] as! Double, fb = (oracle["total_fractional"] as! NSNumber).doubleValue
        #expect(close(fa, fb, rel: 1e-9), "\(path): total_fractional ours \(fa), oracle \(fb)")
    }
}
