import Foundation
import Testing

/// The XML readers through the command line.
@Suite(.serialized) struct XMLInputTests {
    static let data = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    @Test func dblpSampleFigures() throws {
        let r = try CLI.run(["stats", XMLInputTests.data.appendingPathComponent("dblp/xml/dblp-sample.xml").path, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let j = try CLI.json(r.stdout)
        // SOURCE.txt: 131 records, 61 authors, 28 coauthor pairs.
        #expect(j["papers"] as? Int == 131)
        #expect(j["authors"] as? Int == 61)
        #expect(j["edges"] as? Int == 28)
    }

    @Test func truncatedXMLFailsWithItsLocation() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("cut.xml")
        try Data("<dblp>\n<article key=\"k\">\n<author>A B</author>\n<title>T".utf8).write(to: f)
        let r = try CLI.run(["stats", f.path])
        #expect(r.status == 65)
        #expect(r.stderr == "\(f.path):4:9: truncated document: end of file inside <title> (3 elements still open), opened at line 4\n")
        #expect(r.stdout == "")
    }

    @Test func externalEntityIsAnErrorNotARead() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("xxe.xml")
        try Data(#"<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><dblp>&e;</dblp>"#.utf8).write(to: f)
        let r = try CLI.run(["stats", f.path, "--input-format", "dblp-xml"])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("\(f.path):1:61: undeclared entity &e;"))
        #expect(!r.stderr.contains("root:") && !r.stdout.contains("root:"))
    }

    @Test func nameVariantsAsAliases() throws {
        let sample = XMLInputTests.data.appendingPathComponent("acl-anthology/xml-sample").path
        let variants = XMLInputTests.data.appendingPathComponent("acl-anthology/name_variants.yaml").path
        let plain = try CLI.run(["stats", sample, "--format", "json"])
        let merged = try CLI.run(["stats", sample, "--format", "json", "--aliases", variants])
        #expect(plain.status == 0 && merged.status == 0)
        #expect(merged.stderr == "")
        let a = try CLI.json(plain.stdout), b = try CLI.json(merged.stdout)
        #expect(a["papers"] as? Int == 1683)
        #expect(b["papers"] as? Int == 1683)
        #expect((b["authors"] as? Int ?? 0) < (a["authors"] as? Int ?? 0))
    }

    @Test func formatsAreListed() throws {
        let r = try CLI.run(["stats", "--help"])
        #expect(r.stdout.contains("dblp-xml, pubmed, acl"))
        #expect(r.stdout.contains("name_variants.yaml"))
    }
}
