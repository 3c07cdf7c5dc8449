import Foundation
import Testing

/// Inputs an attacker or a careless export makes (issue 21), through the real binary: control
/// characters, huge lines, line-end conventions, a lone malformed record, many continuation lines
/// or one title repeated.
@Suite(.serialized) struct HostileInputTests {
    static let shared = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    /// Runs `coauthor args` in `dir` through the shell (so `$BIN` is the binary).
    static func run(_ args: String, in dir: URL) throws -> CLI.Result { try shell("\"$BIN\" \(args)", in: dir) }

    /// Seconds `body` takes.
    static func seconds(_ body: () throws -> Void) rethrows -> Double {
        let start = Date()
        try body()
        return Date().timeIntervalSince(start)
    }

    @Test func controlCharactersNeverReachTheTerminalOrTheFiles() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let evil = "Eve\\u001b]0;owned\\u0007\\u001b[31mRed Mallory"      // JSON escapes: ESC, BEL
        let jsonl = """
            {"id":"1","title":"A \\u001b[2J title","year":2001,"authors":["\(evil)","Ann Lee"]}
            {"id":"2","title":"=HYPERLINK(\\"http://x\\")","year":2002,"authors":["Ann Lee","@SUM(1+1) Bob","Carl \\u009b31m Dee"]}

            """
        try jsonl.write(to: d.appendingPathComponent("evil.jsonl"), atomically: true, encoding: .utf8)
        func clean(_ s: String) -> Bool { !s.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x9B } }
        for cmd in ["rank evil.jsonl", "rank evil.jsonl --format csv", "stats evil.jsonl", "identities evil.jsonl",
                    "communities evil.jsonl", "timeline evil.jsonl --author 'Ann Lee'",
                    "path evil.jsonl --from 'Ann Lee' --to 'Nobody \u{1B}[2J'"] {
            let r = try Self.run(cmd, in: d)
            #expect(clean(r.stdout) && clean(r.stderr), "\(cmd): \(r.stdout.debugDescription) \(r.stderr.debugDescription)")
        }
        let ranked = try Self.run("rank evil.jsonl", in: d)
        #expect(ranked.stdout.contains("\u{FFFD}[31mRed Mallory"), "\(ranked.stdout)")
        for (format, file) in [("dot", "g.dot"), ("pajek", "g.net"), ("gml", "g.gml"), ("graphml", "g.graphml"), ("json", "g.json"),
                               ("gexf", "g.gexf"), ("csv", "csv"), ("vosviewer", "vos")] {
            let r = try Self.run("export evil.jsonl --to \(format) -o \(file)", in: d)
            #expect(r.status == 0, "\(format): \(r.stderr)")
            let path = d.appendingPathComponent(file)
            let files = FileManager.default.fileExists(atPath: path.path + "/nodes.csv") || FileManager.default.fileExists(atPath: path.path + "/map.txt")
                ? try FileManager.default.contentsOfDirectory(atPath: path.path).map { path.appendingPathComponent($0) } : [path]
            for f in files {
                #expect(clean(try String(contentsOf: f, encoding: .utf8)), "\(f.lastPathComponent) holds a control character")
            }
        }
        // Spreadsheet formulas: verbatim by default (the data as read), guarded with --excel-safe.
        let plain = try String(contentsOf: d.appendingPathComponent("csv/papers.csv"), encoding: .utf8)
        #expect(plain.contains(",\"=HYPERLINK(\"\"http://x\"\")\","))
        let safe = try Self.run("export evil.jsonl --to csv --excel-safe -o safe", in: d)
        #expect(safe.status == 0)
        let papers = try String(contentsOf: d.appendingPathComponent("safe/papers.csv"), encoding: .utf8)
        #expect(papers.contains(",\"'=HYPERLINK(\"\"http://x\"\")\","), "\(papers)")
        let nodes = try String(contentsOf: d.appendingPathComponent("safe/nodes.csv"), encoding: .utf8)
        #expect(nodes.contains(",'@SUM(1+1) Bob,") || nodes.contains(",\"'@SUM(1+1) Bob\","), "\(nodes)")
    }

    @Test func aHugeLineIsNotQuotedWhole() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        // A 2 MB CSV header without a title or authors column.
        let header = (0..<200_000).map { "col\($0)" }.joined(separator: ",")
        try (header + "\n1,2,3\n").write(to: d.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        let r = try Self.run("stats wide.csv", in: d)
        #expect(r.status == 65 || r.status == 64, "\(r.status)")
        #expect(r.stderr.hasPrefix("coauthor: error: wide.csv") || r.stderr.hasPrefix("wide.csv"), "\(r.stderr.prefix(300))")
        #expect(r.stderr.utf8.count < 5_000, "a \(r.stderr.utf8.count)-byte message")
        #expect(r.stderr.contains("more bytes)"))
    }

    @Test func crlfProfilePageReadsLikeLF() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let seed = try String(contentsOf: CLI.repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt"), encoding: .utf8)
        try seed.replacingOccurrences(of: "\n", with: "\r\n").write(to: d.appendingPathComponent("crlf.txt"), atomically: true, encoding: .utf8)
        try seed.replacingOccurrences(of: "\n", with: "\r").write(to: d.appendingPathComponent("cr.txt"), atomically: true, encoding: .utf8)
        let lf = try CLI.run(["stats", "seeds/qin-huang-profile.txt", "--format", "json"])
        #expect(lf.status == 0)
        for f in ["crlf.txt", "cr.txt"] {
            let r = try Self.run("stats \(f) --format json", in: d)
            #expect(r.status == 0, "\(f): \(r.stderr)")
            #expect(r.stdout == lf.stdout, "\(f)")
        }
    }

    @Test func crOnlyMedlineKeepsItsAuthors() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let source = Self.shared.appendingPathComponent("ris-wos/example_pubmed_medline.txt")
        let text = try String(contentsOf: source, encoding: .utf8)
        try text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\r")
            .write(to: d.appendingPathComponent("cr.nbib"), atomically: true, encoding: .utf8)
        let lf = try shell("\"$BIN\" stats \"\(source.path)\" --input-format medline --format json", in: d)
        let cr = try Self.run("stats cr.nbib --format json", in: d)
        #expect(lf.status == 0 && cr.status == 0, "\(lf.stderr) \(cr.stderr)")
        #expect(cr.stdout == lf.stdout)
        #expect(!cr.stdout.contains("\"authors\": 0"))
    }

    @Test func aFileWhoseOnlyRecordIsMalformedIsAnError() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        try "@article{x, author = {Ann Lee and Bo Chen}, title = {Unclosed, year = 2001}\n"
            .write(to: d.appendingPathComponent("bad.bib"), atomically: true, encoding: .utf8)
        let r = try Self.run("stats bad.bib", in: d)
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.hasPrefix("bad.bib:1"), "\(r.stderr)")
        #expect(r.stderr.contains("no usable record in this file (1 malformed, skipped)"))
        // One good record beside it still reads (and the bad one is reported and skipped).
        try "@article{y, author = {Cy Dee and Di Eve}, title = {Fine}, year = 2002}\n@article{x, author = {A B}, title = {Unclosed, year = 2001}\n"
            .write(to: d.appendingPathComponent("mixed.bib"), atomically: true, encoding: .utf8)
        let mixed = try Self.run("stats mixed.bib", in: d)
        #expect(mixed.status == 0, "\(mixed.stderr)")
    }

    @Test func continuationLinesAreLinear() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let lines = 200_000
        let more = String(repeating: "continued words of a long abstract\n", count: lines)
        let indented = String(repeating: "      continued words of a long abstract\n", count: lines)
        try ("TY  - JOUR\nAU  - Lee, Ann\nAU  - Chen, Bo\nTI  - Title\nAB  - Start\n" + more + "ER  - \n")
            .write(to: d.appendingPathComponent("long.ris"), atomically: true, encoding: .utf8)
        try ("PMID- 1\nTI  - Title\nAB  - Start\n" + indented + "FAU - Lee, Ann\nFAU - Chen, Bo\nDP  - 2001\n")
            .write(to: d.appendingPathComponent("long.nbib"), atomically: true, encoding: .utf8)
        try ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Lee, A\n   Chen, B\nTI Title\nAB Start\n"
             + String(repeating: "   continued words of a long abstract\n", count: lines) + "PY 2001\nER\nEF\n")
            .write(to: d.appendingPathComponent("long.txt"), atomically: true, encoding: .utf8)
        for (file, format) in [("long.ris", "ris"), ("long.nbib", "medline"), ("long.txt", "wos")] {
            var r: CLI.Result?
            let t = try Self.seconds { r = try Self.run("stats \(file) --input-format \(format) --format json", in: d) }
            #expect(r?.status == 0, "\(file): \(r?.stderr ?? "")")
            #expect(r?.stdout.contains("\"authors\": 2") == true, "\(file): \(r?.stdout ?? "")")
            // Quadratic, each line copied the value so far: 200,000 lines took over 20 s (release).
            #expect(t < 15, "\(file): \(t) s")
        }
    }

    @Test func manyRecordsWithOneTitleAreLinear() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        func write(_ rows: Int, _ name: String) throws {
            var csv = "title,authors,year\n"
            csv.reserveCapacity(rows * 40)
            for _ in 0..<rows { csv += "Same title,Ann Lee; Bo Chen,2001\n" }
            try csv.write(to: d.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        try write(25_000, "small.csv")
        try write(100_000, "large.csv")
        var small: CLI.Result?, large: CLI.Result?
        let tSmall = try Self.seconds { small = try Self.run("stats small.csv -q --format json", in: d) }
        let tLarge = try Self.seconds { large = try Self.run("stats large.csv -q --format json", in: d) }
        #expect(small?.status == 0 && large?.status == 0)
        #expect(large?.stdout.contains("\"papers\": 100000") == true, "\(large?.stdout ?? "")")
        // 4× the rows: about 4× the time when linear, 16× when every row scanned the earlier ones
        // (645,000 rows took over 60 s). Generous bounds for a loaded machine.
        #expect(tLarge < 8 * max(tSmall, 0.5) || tLarge < 5, "25k rows \(tSmall) s, 100k rows \(tLarge) s")
    }
}
