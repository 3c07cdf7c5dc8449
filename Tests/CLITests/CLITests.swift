import CoauthorTestSupport
import Foundation
import Testing

/// Runs the built `coauthor` binary as a user would.
struct CLI {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let binary: URL = {
        if let p = ProcessInfo.processInfo.environment["COAUTHOR_BIN"] { return URL(fileURLWithPath: p) }
        var candidates: [URL] = []
        let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(dir.appendingPathComponent("coauthor"))
            dir = dir.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.appendingPathComponent("coauthor"))
        candidates.append(repoRoot.appendingPathComponent(".build/debug/coauthor"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }()

    typealias Result = ToolResult

    static func run(_ args: [String], stdin: Data? = nil, cwd: URL? = nil) throws -> Result {
        try runTool(binary, args, stdin: stdin, cwd: cwd ?? repoRoot)
    }

    /// A fresh scratch directory.
    static func scratch() throws -> URL {
        let u = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: u, withIntermediateDirectories: true)
        return u
    }

    static func json(_ s: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any] ?? [:]
    }
}

@Suite(.serialized) struct StatsCommandTests {
    let seed = "seeds/qin-huang-profile.txt"

    @Test func seedFigures() throws {
        let r = try CLI.run(["stats", seed, "--as-of", "2026-11-27", "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr == "")
        // The expected figures for the seed, found by hand from the page.
        let keys = r.stdout.split(separator: "\n").compactMap { line -> String? in
            guard let q = line.firstIndex(of: "\""), let e = line[line.index(after: q)...].firstIndex(of: "\"") else { return nil }
            return String(line[line.index(after: q)..<e])
        }
        #expect(keys == ["papers", "authors", "edges", "components", "largest_component", "isolated", "density",
                         "mean_degree", "total_weight", "first_year", "last_year", "skipped_records", "hyperauthored_papers",
                         "triangles", "average_clustering", "transitivity", "max_core", "diameter", "diameter_exact",
                         "diameter_upper_bound", "merged_records", "identities_by_id", "ambiguous_authors"])
        // The seed is Qin Huang's own page: its subject is never split, and no one else has 2+ circles.
        #expect(try CLI.json(r.stdout)["ambiguous_authors"] as? Int == 0)
        let j = try CLI.json(r.stdout)
        #expect(j["papers"] as? Int == 18)
        #expect(j["authors"] as? Int == 39)
        #expect(j["edges"] as? Int == 74)
        #expect(j["total_weight"] as? Int == 87)
        #expect(j["components"] as? Int == 1)
        #expect(j["isolated"] as? Int == 0)
        #expect(j["first_year"] as? Int == 2016)
        #expect(j["last_year"] as? Int == 2026)
        #expect(abs((j["density"] as? Double ?? 0) - 2.0 * 74 / (39.0 * 38)) < 1e-15)
        #expect(abs((j["mean_degree"] as? Double ?? 0) - 2.0 * 74 / 39) < 1e-15)
    }

    @Test func textOutputIsAlignedAndDeterministic() throws {
        let a = try CLI.run(["stats", seed, "--as-of", "2026-11-27"])
        let b = try CLI.run(["stats", seed, "--as-of", "2026-11-27"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        let lines = a.stdout.split(separator: "\n")
        #expect(lines.first == "papers                      18")
        #expect(Set(lines.map(\.count)).count == 1)   // every row the same width
    }

    @Test func standardInput() throws {
        let data = try Data(contentsOf: CLI.repoRoot.appendingPathComponent(seed))
        let r = try CLI.run(["stats", "-", "--as-of", "2026-11-27", "--format", "json"], stdin: data)
        #expect(r.status == 0)
        #expect(try CLI.json(r.stdout)["edges"] as? Int == 74)
    }

    @Test func asOfShiftsYearlessDates() throws {
        // On 2026-03-01 the page's "May 28" and "Apr 13" lie in 2025, "Mar 7" too.
        let r = try CLI.run(["stats", seed, "--as-of", "2026-03-01", "--format", "json", "--from", "2026"])
        #expect(r.status == 0)
        #expect(try CLI.json(r.stdout)["papers"] as? Int == 0)
        let r2 = try CLI.run(["stats", seed, "--as-of", "2026-11-27", "--format", "json", "--from", "2026"])
        #expect(try CLI.json(r2.stdout)["papers"] as? Int == 3)
    }

    @Test func ownerOption() throws {
        // Naming another owner adds them to every paper that lacks them; Qin Huang then only
        // appears where the page lists the name: 8 of the 18 author lines.
        let r = try CLI.run(["stats", seed, "--as-of", "2026-11-27", "--format", "json", "--owner", "Ada Lovelace"])
        let j = try CLI.json(r.stdout)
        #expect(j["authors"] as? Int == 40)
    }
}

@Suite(.serialized) struct BadInputTests {
    @Test func missingFile() throws {
        let r = try CLI.run(["stats", "no/such/file.bib"])
        #expect(r.status == 66)
        #expect(r.stderr == "coauthor: error: no/such/file.bib: cannot read: no such file or directory\n")
        #expect(r.stdout == "")
    }

    @Test func unknownFormat() throws {
        let dir = try CLI.scratch()
        let f = dir.appendingPathComponent("notes.dat")
        try Data("just some words\nnothing bibliographic\n".utf8).write(to: f)
        let r = try CLI.run(["stats", f.path])
        #expect(r.status == 65)
        #expect(r.stderr.hasPrefix("coauthor: error: \(f.path): unknown input format (use --input-format with one of: profile"))
    }

    @Test func invalidUTF8() throws {
        let dir = try CLI.scratch()
        let f = dir.appendingPathComponent("p.txt")
        var bytes = Array("Ann Owner\n1papers\n\nCVJan 3, 2018\nA title\n\nBo ".utf8)
        bytes += [0xC3, 0x28]  // a broken two-byte sequence on line 7, column 4
        bytes += Array("x\n".utf8)
        try Data(bytes).write(to: f)
        let r = try CLI.run(["stats", f.path])
        #expect(r.status == 65)
        #expect(r.stderr == "\(f.path):7:4: invalid UTF-8\n")
    }

    @Test func emptyInput() throws {
        let dir = try CLI.scratch()
        let f = dir.appendingPathComponent("empty.txt")
        try Data("\n  \n".utf8).write(to: f)
        let r = try CLI.run(["stats", f.path])
        #expect(r.status == 65)
        #expect(r.stderr == "coauthor: error: \(f.path): no records in input\n")
        let r2 = try CLI.run(["stats", "-", "--input-format", "profile"], stdin: Data())
        #expect(r2.status == 65)
        #expect(r2.stderr == "coauthor: error: -: no records in input\n")
    }

    let badPage = """
    Ann Owner
    3papers

    CVFeb 30, 2020
    Bad date

    A One

    CVJan 3, 2018
    Good one

    B Two, C Three

    CVJan 4, 2018
    """

    @Test func malformedRecordsAreSkippedAndCounted() throws {
        let dir = try CLI.scratch()
        let f = dir.appendingPathComponent("page.txt")
        try Data(badPage.utf8).write(to: f)
        let r = try CLI.run(["stats", f.path, "--format", "json"])
        #expect(r.status == 0)
        #expect(r.stderr == "\(f.path):4: invalid date Feb 30\n\(f.path):14: entry without a title\n")
        let j = try CLI.json(r.stdout)
        #expect(j["skipped_records"] as? Int == 2)
        #expect(j["papers"] as? Int == 1)
        #expect(j["authors"] as? Int == 3)   // B Two, C Three and the owner
        let strict = try CLI.run(["stats", f.path, "--strict"])
        #expect(strict.status == 65)
        #expect(strict.stderr == "\(f.path):4: invalid date Feb 30 (--strict)\n")
        #expect(strict.stdout == "")
        let quiet = try CLI.run(["stats", f.path, "-q"])
        #expect(quiet.status == 0 && quiet.stderr == "")
    }

    @Test func usageErrors() throws {
        let r = try CLI.run(["stats", "seeds", "--from", "2020", "--to", "2010"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("the year range starts (2020) after it ends (2010)"))
        let r2 = try CLI.run(["stats"])
        #expect(r2.status == 64)
        let r3 = try CLI.run(["stats", "seeds", "--as-of", "27/11/2026"])
        #expect(r3.status == 64)
        #expect(r3.stderr.contains("--as-of expects a date YYYY-MM-DD"))
    }

    @Test func helpHasExamples() throws {
        let r = try CLI.run(["stats", "--help"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("Examples:"))
        #expect(r.stdout.contains("--input-format"))
    }

    /// The root overview's paragraphs are wrapped by the help formatter, not broken by hand: inside a
    /// paragraph every line but the last fills most of the 80 columns (a hand break left lines such
    /// as "dblp/PubMed/ACL Anthology" and "XML, OpenAlex …" half empty).
    @Test func rootHelpParagraphsWrapWell() throws {
        let r = try CLI.run(["--help"])
        #expect(r.status == 0)
        let overview = r.stdout.components(separatedBy: "\nUSAGE:")[0].split(separator: "\n", omittingEmptySubsequences: false)
        #expect(overview.count > 4)
        for (line, next) in zip(overview, overview.dropFirst()) where !line.isEmpty && !next.isEmpty {
            #expect(line.count >= 60, "a paragraph line broken early: '\(line)'")
        }
    }

    @Test func directoriesAreReadRecursively() throws {
        let dir = try CLI.scratch()
        let sub = dir.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: CLI.repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt"),
                                         to: sub.appendingPathComponent("seed.txt"))
        try Data("not a record file\n".utf8).write(to: dir.appendingPathComponent("README.md"))
        let r = try CLI.run(["stats", dir.path, "--as-of", "2026-11-27", "--format", "json"])
        #expect(r.status == 0)
        #expect(try CLI.json(r.stdout)["edges"] as? Int == 74)
        #expect(r.stderr == "\(dir.path)/README.md: warning: not a recognised record file; ignored\n")
    }
}

@Suite(.serialized) struct SnapshotCommandTests {
    @Test func buildThenEveryCommandReadsIt() throws {
        let dir = try CLI.scratch()
        let snap = dir.appendingPathComponent("seed.coauthor").path
        let b = try CLI.run(["build", "seeds/qin-huang-profile.txt", "--as-of", "2026-11-27", "-o", snap])
        #expect(b.status == 0)
        #expect(b.stderr == "wrote \(snap): 18 papers, 39 authors\n")
        let direct = try CLI.run(["stats", "seeds/qin-huang-profile.txt", "--as-of", "2026-11-27", "--format", "json"])
        let viaSnapshot = try CLI.run(["stats", snap, "--format", "json"])
        #expect(viaSnapshot.status == 0 && viaSnapshot.stdout == direct.stdout)
        let r1 = try CLI.run(["rank", "seeds/qin-huang-profile.txt", "--as-of", "2026-11-27", "--by", "betweenness", "--format", "csv"])
        let r2 = try CLI.run(["rank", snap, "--by", "betweenness", "--format", "csv"])
        #expect(r1.stdout == r2.stdout)
        let mixed = try CLI.run(["stats", snap, "seeds/qin-huang-profile.txt"])
        #expect(mixed.status == 64)
        #expect(mixed.stderr == "coauthor: error: a snapshot (\(snap)) must be the only input\n")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: snap))
        bytes[bytes.count - 3] ^= 1
        let broken = dir.appendingPathComponent("broken.coauthor").path
        try bytes.write(to: URL(fileURLWithPath: broken))
        let bad = try CLI.run(["stats", broken])
        #expect(bad.status == 65)
        #expect(bad.stderr == "coauthor: error: \(broken): corrupt snapshot: checksum mismatch\n")
    }
}
