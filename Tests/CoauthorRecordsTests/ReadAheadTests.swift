import Foundation
import Testing
@testable import CoauthorRecords

/// `RecordLoader` with `threads: 2` reads files ahead on worker threads; what it hands over —
/// records, their order, diagnostics, the summary and the first error — is what one thread gives.
@Suite struct ReadAheadTests {
    struct Run: Equatable {
        var ids: [String] = []
        var lines: [Int] = []
        var authors: [[String]] = []
        var diagnostics: [String] = []
        var files: [String] = []
        var records = 0, skipped = 0
        var error: String?
    }

    func run(_ paths: [String], threads: Int, strict: Bool = false, interned: Bool = false) -> Run {
        var out = Run()
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)), strict: strict, threads: threads)
        let take: (PaperRecord) throws -> Void = { r in
            out.ids.append(r.id)
            out.lines.append(r.source.line)
            out.authors.append(r.authors.map(\.raw))
        }
        do {
            let s: LoadSummary
            if interned {
                s = try loadInternedRecords(loader, paths) { r, _ in try take(r) }
            } else {
                s = try loader.load(paths, handler: take)
            }
            out.diagnostics = s.diagnostics.map(\.description)
            out.files = s.files
            out.records = s.records
            out.skipped = s.skipped
        } catch {
            out.error = "\(error)"
        }
        return out
    }

    @Test func sameAsOneThread() throws {
        try withScratchDirectory("readahead") { dir in
            let write = dir.write
            var bib: [String] = []
            for k in 0..<9 {
                var text = ""
                for j in 0..<(k * 3 + 1) {
                    text += "@article{k\(k)x\(j),\n  title = {Paper \(j)},\n  year = {20\(10 + k)},\n  author = {Ann Lee and B{\\\"o}b M{\\\"u}ller and Qin Huang}\n}\n"
                }
                if k == 4 { text += "@article{broken,\n  title = {No end\n" }     // a malformed entry: skipped (strict: the error)
                bib.append(try write("b\(k).bib", text))
            }
            let jsonl = try write("c.jsonl", #"{"id": "j1", "authors": ["Ann Lee", "Wei Wang 0001"]}"# + "\n" + #"{"id": "j2", "authors": ["X Y"]}"#)
            let ris = try write("d.ris", "TY  - JOUR\nTI  - R\nAU  - Lee, Ann\nPY  - 2019\nER  - \n")
            // Every input together, as a directory and as a list; strict mode stops at b4's bad entry.
            for paths in [[dir.path], bib + [jsonl, ris], [ris, jsonl] + bib.reversed()] {
                for interned in [false, true] {
                    let one = run(paths, threads: 1, interned: interned)
                    let two = run(paths, threads: 2, interned: interned)
                    #expect(one == two)
                    #expect(one.error == nil && one.skipped == 1 && one.records == 1 + 4 + 7 + 10 + 13 + 16 + 19 + 22 + 25 + 3)
                    let strictOne = run(paths, threads: 2, strict: true, interned: interned)
                    #expect(strictOne == run(paths, threads: 1, strict: true, interned: interned))
                    #expect(strictOne.error != nil && !strictOne.ids.isEmpty)
                }
            }
            // A file that cannot be read or recognised in the middle: the same error, after the same records.
            let unknown = try write("e.txt", "nothing here\n")
            let empty = try write("f.bib", "  \n")
            for paths in [bib.prefix(5) + [unknown] + bib.suffix(4), bib.prefix(3) + [empty] + bib.suffix(2),
                          bib.prefix(6) + [dir.url.appendingPathComponent("missing.bib").path]] {
                let one = run(Array(paths), threads: 1), two = run(Array(paths), threads: 3)
                #expect(one == two)
                #expect(one.error != nil)
            }
        }
    }
}
