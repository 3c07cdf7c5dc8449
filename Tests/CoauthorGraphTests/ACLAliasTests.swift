import Foundation
import Testing
import CoauthorIngest
import CoauthorRecords
@testable import CoauthorGraph

/// `--aliases name_variants.yaml`: the ACL Anthology's name variants as a thesaurus.
@Suite struct ACLAliasTests {
    static let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data/acl-anthology")
    static let variantsPath = shared.appendingPathComponent("name_variants.yaml").path

    func acl(_ id: String, _ names: [(String, String, String?)]) -> PaperRecord {
        PaperRecord(id: id, title: "T", authors: names.compactMap { ACLAnthologyReader.authorName(first: $0.0, last: $0.1, id: $0.2) },
                    source: SourceLocation(file: "mem", line: 1))
    }

    func identities(_ records: [PaperRecord], _ aliases: AliasTable = AliasTable()) -> Corpus {
        let b = CorpusBuilder(options: IdentityOptions(aliases: aliases))
        for r in records { b.add(r) }
        return b.finish()
    }

    /// From the file: "Kathy McKeown" is a variant of canonical "Kathleen McKeown" (no id), and
    /// "Alexander Waibel" of "Alex Waibel" (id alex-waibel). Both pairs occur in the P19/2020.acl sample.
    @Test func knownVariantPairsMerge() throws {
        let table = try AliasTable.load(path: ACLAliasTests.variantsPath)
        let records = [acl("1", [("Kathleen", "McKeown", nil), ("Alex", "Waibel", nil)]),
                       acl("2", [("Kathy", "McKeown", nil), ("Alexander", "Waibel", nil)])]
        let plain = identities(records)
        #expect(plain.authors.count == 4)
        let merged = identities(records, table)
        #expect(merged.authors.count == 2)
        #expect(merged.authors.displayName == ["Kathleen McKeown", "Alex Waibel"])
        #expect(merged.authors.key == ["kathleen|mckeown", "acl:alex-waibel"])
        // Changed mentions: Kathy → Kathleen, Alexander → Alex, and Alex gains the id; Kathleen stays as is.
        #expect(merged.report.aliasedMentions == 3)
        // A mention the XML tags with the same id joins too, whatever its spelling.
        let tagged = identities(records + [acl("3", [("A.", "Waibel", "alex-waibel")])], table)
        #expect(tagged.authors.count == 2)
    }

    /// The same name for several people (the Anthology's nine "Yang Liu" entries) is not replaced:
    /// only the XML's `<author id>` tells them apart.
    @Test func ambiguousNamesAreLeftAlone() throws {
        let table = try AliasTable.load(path: ACLAliasTests.variantsPath)
        #expect(table.ambiguous.contains("yang|liu"))
        #expect(table.replacements["yang|liu"] == nil)
        let c = identities([acl("1", [("Yang", "Liu", "yang-liu-ict"), ("Yang", "Liu", nil)]),
                            acl("2", [("Yang", "Liu", "yang-liu-edinburgh")])], table)
        #expect(c.authors.key == ["acl:yang-liu-ict", "yang|liu", "acl:yang-liu-edinburgh"])
    }

    @Test func tableFromEntries() throws {
        let yaml = """
        - canonical: {first: Solomon Teferra, last: Abate}
          variants:
          - {first: Solomon, last: Teferra Abate}
        - canonical: {first: Steven, last: Abney}
          id: steven-abney
          variants:
          - {first: Steve, last: Abney}
        - canonical: {first: Ann, last: Same}
          id: ann-same-1
        - canonical: {first: Ann, last: Same}
          id: ann-same-2
        """
        let t = AliasTable(aclNameVariants: try ACLNameVariants.parse(SourceDocument(name: "n.yaml", text: yaml)))
        #expect(t.replacements.count == 4)     // both Abate spellings, both Abney spellings
        #expect(t.ambiguous == ["ann|same"])
        #expect(t.ids["steve|abney"] == PersistentID(.acl, "steven-abney"))
        #expect(t.ids["solomon|teferra abate"] == nil)
        let v = t.apply(AuthorName(raw: "Solomon Teferra Abate", given: "Solomon", family: "Teferra Abate"))
        #expect(v.given == "Solomon Teferra" && v.family == "Abate" && v.ids.isEmpty)
        // A mention's own ids are kept.
        let own = t.apply(AuthorName(raw: "Steve Abney", given: "Steve", family: "Abney", ids: [PersistentID(.orcid, "0000-0002-1825-0097")]))
        #expect(own.ids == [PersistentID(.orcid, "0000-0002-1825-0097")])
        #expect(own.displayName == "Steven Abney")
    }

    /// Other extensions still load VOSviewer's thesaurus.
    @Test func vosviewerStillLoads() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-alias-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("thesaurus.txt")
        try Data("label\treplace by\nQ. Huang\tQin Huang\n".utf8).write(to: f)
        let t = try AliasTable.load(path: f.path)
        #expect(t.replacements["q|huang"]?.displayName == "Qin Huang")
        let bad = dir.appendingPathComponent("bad.yml")
        try Data("- canonical: {first: A\n".utf8).write(to: bad)
        #expect(throws: RecordError.malformed(SourceLocation(file: bad.path, line: 1), "'{' without '}'")) {
            try AliasTable.load(path: bad.path)
        }
    }

    /// The four sample collections through the reader and the builder: the thesaurus only merges.
    @Test func sampleCollections() throws {
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        var records: [PaperRecord] = []
        _ = try loader.load([ACLAliasTests.shared.appendingPathComponent("xml-sample").path]) { records.append($0) }
        let plain = identities(records)
        let merged = identities(records, try AliasTable.load(path: ACLAliasTests.variantsPath))
        #expect(merged.authors.count < plain.authors.count)
        #expect(merged.papers.count == plain.papers.count)
        let name = { (c: Corpus, n: String) in c.authors.displayName.filter { $0 == n }.count }
        #expect(name(plain, "Kathy McKeown") == 1 && name(plain, "Kathleen McKeown") == 1)
        #expect(name(merged, "Kathy McKeown") == 0 && name(merged, "Kathleen McKeown") == 1)
    }
}
