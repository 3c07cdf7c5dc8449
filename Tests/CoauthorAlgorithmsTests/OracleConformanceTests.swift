import CoauthorGraph
import CoauthorIngest
import CoauthorRecords
import CoauthorTestSupport
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
        for f in ((try? fm.contentsOfDirectory(atPath: TestPaths.repoRoot.appendingPathComponent("Examples/inputs").path)) ?? []).sorted()
        where !f.hasSuffix(".xml") {
            out.append("Examples/inputs/" + f)
        }
        for dir in ["dblp/bib-sample/conf", "dblp/bib-sample/journals", "bibtex/beebe", "bibtex/edge-cases"] {
            let d = TestPaths.sharedData.appendingPathComponent(dir)
            for f in ((try? fm.contentsOfDirectory(atPath: d.path)) ?? []).sorted() where f.hasSuffix(".bib") {
                out.append(d.appendingPathComponent(f).path)
            }
        }
        // The scholarly sources: Semantic Scholar responses, RIS / Web of Science / MEDLINE and CSL-YAML
        // (the oracle reads them with Tests/oracle/scholarly_formats.py).
        for f in ["Paper.json", "Citation.json", "Reference.json", "PaperWithNullValues.json"] {
            out.append(TestPaths.sharedData.appendingPathComponent("semanticscholar/" + f).path)
        }
        let ris = TestPaths.sharedData.appendingPathComponent("ris-wos")
        for f in ((try? fm.contentsOfDirectory(atPath: ris.path)) ?? []).sorted() where f.hasPrefix("example_") {
            out.append(ris.appendingPathComponent(f).path)
        }
        for f in ["conf/acl.yaml", "conf/sigmod.yaml", "conf/wsdm.yaml", "journals/jmlr.yaml", "books/mit.yaml"] {
            out.append(TestPaths.sharedData.appendingPathComponent("dblp/csl-yaml/" + f).path)
        }
        return out
    }()

    /// Our figures for one input, through the same library calls the CLI makes.
    static func ours(_ path: String) throws -> [String: Any] {
        let full = path.hasPrefix("/") ? path : TestPaths.repoRoot.appendingPathComponent(path).path
        let loaded = try Ingest.load([full], options: IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)),
                                                                    threads: 2))
        let (summary, corpus, g) = (loaded.summary, loaded.corpus, loaded.graph)
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
        let full = path.hasPrefix("/") ? path : TestPaths.repoRoot.appendingPathComponent(path).path
        let p = Process()
        p.executableURL = try testPython()
        p.arguments = [TestPaths.repoRoot.appendingPathComponent("Tests/oracle/coauthor_oracle.py").path, "--as-of", "2026-11-27", full]
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

    /// The CSL-YAML files are pandoc-citeproc's conversion of the same DBLP BibTeX files: read
    /// through the library, both give the same papers (ids, years), the same mentions of each
    /// paper, the same identities (keys and display names) and the same graph. Titles differ
    /// (pandoc-citeproc lower-cased them) and are not compared.
    @Test(arguments: ["conf/acl", "conf/sigmod", "conf/wsdm", "journals/jmlr"])
    func cslYAMLEqualsBibTeX(_ venue: String) throws {
        func corpus(_ path: String) throws -> (Corpus, CoauthorGraph) {
            let builder = CorpusBuilder()
            let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))
            _ = try loader.load([TestPaths.sharedData.appendingPathComponent(path).path]) { builder.add($0) }
            let c = builder.finish()
            return (c, CoauthorGraph(corpus: c))
        }
        let (y, gy) = try corpus("dblp/csl-yaml/\(venue).yaml")
        let (b, gb) = try corpus("dblp/bib-sample/\(venue).bib")
        #expect(y.papers.id == b.papers.id)
        #expect(y.papers.year == b.papers.year)
        #expect(y.report.mentions == b.report.mentions)
        func authorsOf(_ c: Corpus, _ p: Int) -> [String] { c.paperAuthors.row(p).map { c.authors.key[Int($0)] } }
        if let p = (0..<min(y.papers.count, b.papers.count)).first(where: { authorsOf(y, $0) != authorsOf(b, $0) }) {
            Issue.record("\(venue): paper \(y.papers.id[p]): yaml \(authorsOf(y, p)), bib \(authorsOf(b, p))")
        }
        let ky = Set(y.authors.key), kb = Set(b.authors.key)
        #expect(ky == kb, "\(venue): only in YAML \(ky.subtracting(kb).sorted().prefix(5)), only in BibTeX \(kb.subtracting(ky).sorted().prefix(5))")
        // pandoc-citeproc's typography wrote every apostrophe in a name as ’ ("Jun’ichi Tsujii",
        // "Ann O’Brien"): the keys fold both alike; the display names differ by that only.
        let names = { (c: Corpus) in
            Dictionary(uniqueKeysWithValues: zip(c.authors.key, c.authors.displayName.map { $0.replacingOccurrences(of: "’", with: "'") }))
        }
        let ny = names(y), nb = names(b)
        let differing = ny.keys.filter { ny[$0] != nb[$0] }.sorted()
        #expect(differing.isEmpty, "\(venue): display names differ for \(differing.prefix(5).map { "\($0): \(ny[$0]!) / \(nb[$0] ?? "-")" })")
        #expect(gy.summary() == gb.summary())
        var pairsY = Set<[String]>(), pairsB = Set<[String]>()
        for e in 0..<gy.edgeSource.count {
            pairsY.insert([y.authors.key[Int(gy.nodeAuthor[Int(gy.edgeSource[e])])], y.authors.key[Int(gy.nodeAuthor[Int(gy.edgeTarget[e])])]].sorted())
        }
        for e in 0..<gb.edgeSource.count {
            pairsB.insert([b.authors.key[Int(gb.nodeAuthor[Int(gb.edgeSource[e])])], b.authors.key[Int(gb.nodeAuthor[Int(gb.edgeTarget[e])])]].sorted())
        }
        #expect(pairsY == pairsB, "\(venue): \(pairsY.subtracting(pairsB).count) pairs only in YAML, \(pairsB.subtracting(pairsY).count) only in BibTeX")
    }
}
