import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// Runs `Tests/oracle/scholarly_formats.py --records FILE` (Python's json and a line-based YAML
/// reader, written from the format descriptions) and returns its JSON object.
func scholarlyOracle(_ file: URL, format: String? = nil) throws -> [String: Any] {
    try runOracle("scholarly_formats.py", ["--records"] + (format.map { ["--format", $0] } ?? []) + [file.path])
}

/// The oracle's author key: the first persistent id (orcid, dblp, openalex, s2, acl), else
/// "given|family" as read.
func scholarlyKey(_ a: AuthorName) -> String {
    for kind in ["orcid", "dblp", "openalex", "s2", "acl"] {
        if let id = a.ids.first(where: { $0.kind.rawValue == kind }) { return id.description }
    }
    return (a.given ?? "") + "|" + (a.family ?? "")
}

/// The counts `scholarly_formats.py` prints, from records.
struct ScholarlyCounts: Equatable, CustomStringConvertible {
    var records = 0, mentions = 0, distinctAuthors = 0, pairs = 0, orcidMentions = 0, distinctOrcids = 0
    var idMentions = 0, recordsWithoutAuthors = 0, groupAuthors = 0, skipped = 0

    init(_ records: [PaperRecord], skipped: Int) {
        var keys = Set<String>(), pairSet = Set<[String]>(), orcids = Set<String>()
        self.records = records.count
        self.skipped = skipped
        for r in records {
            let names = r.authors.map(scholarlyKey)
            mentions += names.count
            groupAuthors += r.groupAuthors.count
            if names.isEmpty { recordsWithoutAuthors += 1 }
            keys.formUnion(names)
            let d = Set(names).sorted()
            for i in 0..<d.count { for j in (i + 1)..<d.count { pairSet.insert([d[i], d[j]]) } }
            for a in r.authors {
                if !a.ids.isEmpty { idMentions += 1 }
                if let o = a.ids.first(where: { $0.kind == .orcid }) { orcidMentions += 1; orcids.insert(o.value) }
            }
        }
        distinctAuthors = keys.count
        pairs = pairSet.count
        distinctOrcids = orcids.count
    }

    init(oracle j: [String: Any]) {
        func n(_ k: String) -> Int { j[k] as? Int ?? -1 }
        records = n("records"); mentions = n("mentions"); distinctAuthors = n("distinct_authors"); pairs = n("pairs")
        orcidMentions = n("orcid_mentions"); distinctOrcids = n("distinct_orcids"); idMentions = n("id_mentions")
        recordsWithoutAuthors = n("records_without_authors"); groupAuthors = n("group_authors"); skipped = n("skipped")
    }

    var description: String {
        "records \(records), mentions \(mentions), distinct \(distinctAuthors), pairs \(pairs), orcid \(orcidMentions)/\(distinctOrcids), "
            + "with ids \(idMentions), without authors \(recordsWithoutAuthors), groups \(groupAuthors), skipped \(skipped)"
    }
}

/// The readers of the scholarly sources against `Tests/oracle/scholarly_formats.py`, run in the same
/// test run, on every real sample in ../shared/data and the OpenAlex fixtures in Examples/inputs:
/// the counts, and every record's id, year, title and author keys. Each file goes through
/// format detection first, as the command line reads it.
@Suite struct ScholarlyOracleTests {
    static let s2 = TestPaths.sharedData.appendingPathComponent("semanticscholar")
    static let ris = TestPaths.sharedData.appendingPathComponent("ris-wos")
    static let csl = TestPaths.sharedData.appendingPathComponent("dblp/csl-yaml")

    static let files: [(path: String, format: InputFormat)] = [
        ("semanticscholar/Paper.json", .s2), ("semanticscholar/Citation.json", .s2),
        ("semanticscholar/Reference.json", .s2), ("semanticscholar/PaperWithNullValues.json", .s2),
        ("ris-wos/example_full.ris", .ris), ("ris-wos/example_bom.ris", .ris), ("ris-wos/example_empty_tag.ris", .ris),
        ("ris-wos/example_multiline.ris", .ris), ("ris-wos/example_urls.ris", .ris),
        ("ris-wos/example_extraneous_data.ris", .ris), ("ris-wos/example_utf_chars.ris", .ris),
        ("ris-wos/example_wos.ris", .wos), ("ris-wos/example_pubmed_medline.txt", .medline),
        ("dblp/csl-yaml/conf/acl.yaml", .cslYAML), ("dblp/csl-yaml/conf/sigmod.yaml", .cslYAML),
        ("dblp/csl-yaml/conf/wsdm.yaml", .cslYAML), ("dblp/csl-yaml/journals/jmlr.yaml", .cslYAML),
        ("dblp/csl-yaml/books/mit.yaml", .cslYAML),
        ("Examples/inputs/openalex-work.json", .openalex), ("Examples/inputs/openalex-page.json", .openalex),
        ("Examples/inputs/openalex-works.jsonl", .openalex),
    ]

    static func url(_ path: String) -> URL {
        path.hasPrefix("Examples/") ? TestPaths.repoRoot.appendingPathComponent(path) : TestPaths.sharedData.appendingPathComponent(path)
    }

    /// Reads a file with the reader detection picks; returns records and sink.
    static func read(_ url: URL) throws -> (InputFormat?, [PaperRecord], RecordSink) {
        let doc = try SourceDocument.load(path: url.path)
        guard let format = RecordReaders.detect(path: url.path, document: doc) else { return (nil, [], RecordSink { _ in }) }
        var out: [PaperRecord] = []
        let sink = RecordSink { out.append($0) }
        try RecordReaders.reader(for: format).init(options: ReaderOptions(asOf: PaperDate(year: 2026))).read(doc, into: sink)
        return (format, out, sink)
    }

    @Test(arguments: files.map(\.path)) func agreesWithTheOracle(_ path: String) throws {
        let url = Self.url(path)
        let (format, records, sink) = try Self.read(url)
        #expect(format == Self.files.first { $0.path == path }?.format, "\(path): detected \(format.map { $0.rawValue } ?? "nothing")")
        let oracle = try scholarlyOracle(url)
        #expect(oracle["format"] as? String == format?.rawValue)
        let mine = ScholarlyCounts(records, skipped: sink.skipped)
        #expect(mine == ScholarlyCounts(oracle: oracle), "\(path)")
        let theirs = (oracle["details"] as? [Any] ?? []).compactMap { XMLOracleRecord($0) }
        let ours = records.map { XMLOracleRecord(id: $0.id, year: $0.year, title: $0.title, authors: $0.authors.map(scholarlyKey)) }
        #expect(ours.count == theirs.count)
        if let i = (0..<min(ours.count, theirs.count)).first(where: { ours[$0] != theirs[$0] }) {
            Issue.record("\(path): record \(i) differs:\n  reader: \(ours[i])\n  oracle: \(theirs[i])")
        }
        #expect(sink.diagnostics.allSatisfy { $0.severity == .warning }, "\(sink.diagnostics)")
    }

    /// SOURCE.txt's figures for Paper.json's 1,000 citing papers: 998 with authors, 3,389 author
    /// mentions, 3,229 distinct authorIds, 8,343 coauthor pairs (by authorId; the 3 mentions with a
    /// null authorId count by their name, which is how those figures come out).
    @Test func semanticScholarSourceFigures() throws {
        let (_, records, sink) = try Self.read(Self.s2.appendingPathComponent("Paper.json"))
        let citing = records[1...1000]
        // The top-level paper, 1,000 citing papers, 8 of 14 references (6 are unresolved strings).
        #expect(records.count == 1 + 1000 + 8)
        #expect(records[0].id == "2d5673caa9e6af3a7b82a43f19ee920992db07ad")
        #expect(records[0].authors.map(\.raw) == ["A. Turing"])
        #expect(records[0].doi == "10.1093/MIND/LIX.236.433")
        #expect(records[0].year == 1950 && records[0].date == PaperDate(year: 1950, month: 10, day: 1))
        #expect(records[0].venue == "The Philosophy of Artificial Intelligence")
        #expect(citing.count == 1000)
        #expect(citing.filter { !$0.authors.isEmpty }.count == 998)
        #expect(citing.reduce(0) { $0 + $1.authors.count } == 3389)
        let key = { (a: AuthorName) in a.ids.first { $0.kind == .s2 }?.value ?? a.raw }
        #expect(citing.flatMap(\.authors).filter { $0.ids.isEmpty }.count == 3)
        #expect(Set(citing.flatMap(\.authors).map(key)).count == 3229)
        var pairs = Set<[String]>()
        for r in citing {
            let k = Set(r.authors.map(key)).sorted()
            for i in 0..<k.count { for j in (i + 1)..<k.count { pairs.insert([k[i], k[j]]) } }
        }
        #expect(pairs.count == 8343)
        #expect(sink.diagnostics.map(\.description) == ["\(Self.s2.path)/Paper.json:1: warning: 6 unresolved references (no paperId, no authors) not read as papers"])
    }

    /// SOURCE.txt (dblp): the CSL-YAML files hold 3,758 + 4,679 + 533 + 2,165 + 117 references.
    @Test func cslYAMLReferenceCounts() throws {
        for (file, n) in [("conf/sigmod.yaml", 3758), ("conf/acl.yaml", 4679), ("conf/wsdm.yaml", 533),
                          ("journals/jmlr.yaml", 2165), ("books/mit.yaml", 117)] {
            let (_, records, sink) = try Self.read(Self.csl.appendingPathComponent(file))
            #expect(records.count == n, "\(file)")
            #expect(sink.diagnostics.isEmpty, "\(file): \(sink.diagnostics.prefix(3))")
        }
    }

    /// The real Web of Science and MEDLINE exports, field by field where SOURCE.txt describes them.
    @Test func realTaggedExports() throws {
        let (wosFormat, wos, _) = try Self.read(Self.ris.appendingPathComponent("example_wos.ris"))
        #expect(wosFormat == .wos)
        #expect(wos.map(\.id) == ["WOS:000221807500019", "WOS:000221807500020"])
        #expect(wos[0].authors.map(\.displayName) == ["PS Parkes-Loach", "AP Majeed", "CJ Law", "PA Loach"])
        #expect(wos[0].title == "Interactions stabilizing the structure of the core light-harvesting complex (LHl) of photosynthetic bacteria and its subunit (B820)")
        #expect(wos[0].venue == "BIOCHEMISTRY" && wos[0].year == 2004 && wos[0].date == PaperDate(year: 2004, month: 6, day: 8))
        #expect(wos[0].doi == "10.1021/bi049798f")
        let (medFormat, med, _) = try Self.read(Self.ris.appendingPathComponent("example_pubmed_medline.txt"))
        #expect(medFormat == .medline)
        #expect(med.count == 10)
        #expect(med[0].id == "30922926")
        #expect(med[0].authors.map(\.displayName) == ["Darren K Griffin", "Denis M Larkin", "Rebecca E O'Connor"])
        #expect(med[0].doi == "10.1016/j.ejmg.2019.03.004")
        #expect(med[0].date == PaperDate(year: 2020, month: 2))
        #expect(med[0].venue == "European journal of medical genetics")
        #expect(med[1].authors.first?.ids == [PersistentID(.orcid, "0000-0001-8312-6087")])
        let (_, cyr, _) = try Self.read(Self.ris.appendingPathComponent("example_utf_chars.ris"))
        #expect(cyr.first?.authors.first == AuthorName(raw: "Dobrokhotova, Yu E.", given: "Yu E.", family: "Dobrokhotova"))
        #expect(cyr.first?.abstract?.hasPrefix("Состояние рецепторного") == true)
    }
}
