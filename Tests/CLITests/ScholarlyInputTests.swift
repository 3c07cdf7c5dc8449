import Foundation
import Testing

/// The scholarly-source readers through the command line.
@Suite(.serialized) struct ScholarlyInputTests {
    static let data = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    func stats(_ path: String, _ extra: [String] = []) throws -> (CLI.Result, [String: Any]) {
        let r = try CLI.run(["stats", path, "--format", "json"] + extra)
        return (r, r.status == 0 ? try CLI.json(r.stdout) : [:])
    }

    @Test func webOfScienceSavedAsRIS() throws {
        let (r, j) = try stats(Self.data.appendingPathComponent("ris-wos/example_wos.ris").path)
        #expect(r.status == 0 && r.stderr == "")
        #expect(j["papers"] as? Int == 2)
        #expect(j["authors"] as? Int == 13)
        #expect(j["edges"] as? Int == 42)
    }

    @Test func semanticScholarPaperResponse() throws {
        let path = Self.data.appendingPathComponent("semanticscholar/Paper.json").path
        let (r, j) = try stats(path)
        #expect(r.status == 0)
        #expect(r.stderr == "\(path):1: warning: 6 unresolved references (no paperId, no authors) not read as papers\n")
        #expect(j["papers"] as? Int == 1009)
        #expect(j["identities_by_id"] as? Int ?? 0 > 3000)
    }

    @Test func authorResponseIsAnError() throws {
        let path = Self.data.appendingPathComponent("semanticscholar/Author.json").path
        let r = try CLI.run(["stats", path])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("\(path):1:1: a Semantic Scholar author response (authorId 2262347, \"A. Turing\"), not paper records"))
        #expect(r.stdout == "")
    }

    @Test func cslYAMLAndOpenAlexFixtures() throws {
        let (r, j) = try stats(Self.data.appendingPathComponent("dblp/csl-yaml/conf/wsdm.yaml").path)
        #expect(r.status == 0 && r.stderr == "")
        #expect(j["papers"] as? Int == 533)
        let (o, oj) = try stats("Examples/inputs/openalex-works.jsonl")
        #expect(o.status == 0 && o.stderr == "")
        #expect(oj["papers"] as? Int == 3)
        #expect(oj["identities_by_id"] as? Int == 11)
    }

    @Test func truncatedJSONAndRIS() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let json = dir.appendingPathComponent("cut.json")
        try Data("{\"paperId\": \"P\",\n \"authors\": [{\"authorId\": \"1\", \"na".utf8).write(to: json)
        let r = try CLI.run(["stats", json.path])
        #expect(r.status == 65)
        #expect(r.stderr == "\(json.path):2:35: truncated document: unterminated string\n")
        let ris = dir.appendingPathComponent("cut.ris")
        try Data("TY  - JOUR\nAU  - Doe, Jane\nAU  - Roe, Rick\nER  -\nTY  - JOUR\nAU  - Doe, Jane\n".utf8).write(to: ris)
        let s = try CLI.run(["stats", ris.path, "--format", "json"])
        #expect(s.status == 0)
        #expect(s.stderr == "\(ris.path):5: RIS record without ER at the end of the file; skipped\n")
        #expect(try CLI.json(s.stdout)["skipped_records"] as? Int == 1)
        #expect(try CLI.run(["stats", ris.path, "--strict"]).status == 65)
    }

    @Test func unknownJSONShape() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("x.json")
        try Data(#"{"hello": "world"}"#.utf8).write(to: f)
        let r = try CLI.run(["stats", f.path])
        #expect(r.status == 65)
        #expect(r.stderr.contains("unknown input format (a JSON object with members \"hello\": not an OpenAlex work or results page"))
    }

    @Test func newFormatsAreListed() throws {
        let r = try CLI.run(["stats", "--help"])
        for name in ["openalex", "s2", "csl-json", "csl-yaml", "ris", "wos", "medline"] {
            #expect(r.stdout.contains(name), "\(name)")
        }
    }
}
