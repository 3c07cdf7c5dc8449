import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// Which reader a file goes to, and what the loader says about JSON that no reader takes.
@Suite struct FormatDetectionTests {
    func scratch() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-detect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    func detect(_ name: String, _ text: String) -> InputFormat? {
        RecordReaders.detect(path: name, document: SourceDocument(name: name, text: text))
    }

    @Test func jsonDocumentsByContent() {
        #expect(detect("w.json", #"{"id": "https://openalex.org/W1", "authorships": []}"#) == .openalex)
        #expect(detect("p.json", #"{"meta": {"count": 1}, "results": [{"id": "https://openalex.org/W1"}]}"#) == .openalex)
        #expect(detect("s.json", #"{"paperId": "x", "authors": []}"#) == .s2)
        #expect(detect("c.json", #"[{"id": "a", "type": "book", "title": "T"}]"#) == .cslJSON)
        #expect(detect("x.json", #"{"foo": 1}"#) == nil)
        // A one-line S2 paper is also a one-line JSON Lines file with "authors": S2 comes first.
        #expect(detect("s.json", #"{"paperId": "x", "authors": [{"authorId": "1", "name": "A B"}]}"#) == .s2)
    }

    /// `.jsonl` is JSON Lines, unless its first object is an OpenAlex work.
    @Test func jsonLinesAndOpenAlexWorks() throws {
        #expect(detect("d.jsonl", #"{"id": "conf/x/A16", "authors": ["Wei Wang 0001"]}"# + "\n") == .jsonl)
        #expect(detect("o.jsonl", #"{"id": "https://openalex.org/W1", "authorships": []}"# + "\n" + #"{"id": "W2"}"# + "\n") == .openalex)
        #expect(detect("o.ndjson", #"{"id": "https://openalex.org/W1", "title": "t"}"# + "\n") == .openalex)
        #expect(RecordReaders.detect(path: "o.jsonl", document: nil) == .jsonl)
        // Forced through the JSON Lines reader, a work is skipped with a hint.
        let (r, sink) = try readAll(JSONLinesReader.self, #"{"id": "https://openalex.org/W1", "authorships": []}"#, name: "o.jsonl")
        #expect(r.isEmpty)
        #expect(sink.diagnostics.map(\.description) == ["o.jsonl:1: no \"authors\" array (an OpenAlex work: use --input-format openalex)"])
    }

    @Test func tabbedAndYAMLFormats() {
        #expect(detect("a.nbib", "PMID- 1\n") == .medline)
        #expect(detect("pubmed.txt", "PMID- 1\nTI  - x\n") == .medline)
        #expect(detect("savedrecs.txt", "FN Clarivate Analytics Web of Science\nVR 1.0\n") == .wos)
        #expect(detect("refs.ris", "TY  - JOUR\nER  - \n") == .ris)
        #expect(detect("export.txt", "\u{FEFF}TY  - JOUR\nER  - \n") == .ris)
        #expect(detect("refs.yaml", "---\nreferences:\n- id: a\n") == .cslYAML)
        #expect(detect("name_variants.yaml", "- canonical: {first: A, last: B}\n") == nil)
    }

    /// Every shape the JSON readers are given through the loader: a cut document is `truncated`
    /// at FILE:LINE:COLUMN, an unknown shape names what it holds.
    @Test func badJSONThroughTheLoader() throws {
        let dir = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        func write(_ name: String, _ text: String) throws -> String {
            let f = dir.appendingPathComponent(name)
            try Data(text.utf8).write(to: f)
            return f.path
        }
        // Cut in half: each of the three JSON formats, and one that is cut before it says what it is.
        let work = try String(contentsOf: TestPaths.repoRoot.appendingPathComponent("Examples/inputs/openalex-work.json"), encoding: .utf8)
        let cutWork = try write("work.json", String(work.prefix(work.count / 2)))
        let paper = try String(contentsOf: TestPaths.sharedData.appendingPathComponent("semanticscholar/Citation.json"), encoding: .utf8)
        let cutPaper = try write("paper.json", String(paper.prefix(paper.count / 2)))
        let cutCSL = try write("items.json", "[\n {\"id\": \"a\", \"type\": \"book\", \"title\": \"T\"},\n {\"id\": \"b\", \"type\": \"bo")
        let cutEarly = try write("early.json", "{\"meta\": {\"count\": 5, \"db_res")
        for path in [cutWork, cutPaper, cutCSL, cutEarly] {
            do {
                _ = try loader.load([path]) { _ in }
                Issue.record("\(path): no error")
            } catch let RecordError.truncated(loc, _) {
                let doc = try SourceDocument.load(path: path)
                #expect(loc == doc.location(at: doc.bytes.count), "\(path)")
                #expect(loc.column != nil)
            }
        }
        // Valid JSON of no known shape.
        let unknown = try write("unknown.json", #"{"hello": "world", "n": [1, 2]}"#)
        #expect(throws: RecordError.unknownFormat(
            path: unknown,
            hint: "a JSON object with members \"hello\", \"n\": not an OpenAlex work or results page, a Semantic Scholar paper response "
                + "or CSL-JSON items; use --input-format with one of: " + InputFormat.allCases.map(\.rawValue).joined(separator: ", "))) {
            _ = try loader.load([unknown]) { _ in }
        }
        // Broken JSON of no known shape: where it breaks.
        let broken = try write("broken.json", "{\"hello\": \"world\",\n \"n\": [1, 2,]}")
        #expect(throws: RecordError.malformed(SourceLocation(file: broken, line: 2, column: 13), "invalid JSON: trailing comma before ']'")) {
            _ = try loader.load([broken]) { _ in }
        }
        // A forced reader on the wrong shape says so.
        let s2 = TestPaths.sharedData.appendingPathComponent("semanticscholar/Reference.json").path
        let forced = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)), forcedFormat: .cslJSON)
        do {
            _ = try forced.load([s2]) { _ in }
            Issue.record("no error")
        } catch let RecordError.malformed(loc, message) {
            #expect(loc == SourceLocation(file: s2, line: 1, column: 1))
            #expect(message.hasPrefix("not CSL-JSON: a JSON object with members"))
        }
    }

    /// The shared folders read whole, by detection: every file a reader takes, the rest ignored.
    @Test func sharedFoldersByDetection() throws {
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        var n = 0
        let ris = TestPaths.sharedData.appendingPathComponent("ris-wos").path
        let summary = try loader.load([ris]) { _ in n += 1 }
        // 7 RIS files (1+1+2+2+3+4+1 records), the WoS export (2) and the MEDLINE file (10).
        #expect(summary.files.count == 9)
        #expect(n == 14 + 2 + 10)
        #expect(Set(summary.ignoredFiles.map { ($0 as NSString).lastPathComponent }) == ["SOURCE.txt", "rispy-LICENSE.txt"])
        let csl = TestPaths.sharedData.appendingPathComponent("dblp/csl-yaml").path
        let c = try loader.load([csl]) { _ in }
        #expect(c.records == 3758 + 4679 + 533 + 2165 + 117)
        #expect(c.skipped == 0)
    }
}
