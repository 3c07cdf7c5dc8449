import Foundation
import Testing

/// A new user's first hour with real exports (issue 23): names printed by one command work in the
/// next, and a paper exported twice counts once.
@Suite(.serialized) struct FirstHourTests {
    static let data = CLI.repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
    static func path(_ relative: String) -> String { data.appendingPathComponent(relative).path }
    static let openalex = path("openalex/openalexpro_search_biodiversity_finance_page1.json")
    static let pubmed = path("pubmed/pubmed21n1298-first300.xml")
    static let wos = path("wos/brunalab_coauthors_nsf_savedrecs.txt")
    static let scopus = path("scopus/bibliometrix_scopus_sample.csv")

    /// `rank`'s CSV rows as (author, key), in rank order.
    static func ranked(_ file: String) throws -> [(author: String, key: String)] {
        let r = try CLI.run(["rank", file, "--by", "papers", "--top", "0", "--format", "csv", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let rows = try CSVTable(r.stdout)
        let author = try #require(rows.column("author")), key = try #require(rows.column("key"))
        return rows.rows.map { (author: $0[author], key: $0[key]) }
    }

    /// Names of id-keyed authors, exactly as `rank` prints them, go back into `path`,
    /// `timeline --author` and `render --ego`.
    @Test(arguments: [openalex, pubmed]) func rankedNamesWorkEverywhere(_ file: String) throws {
        let rows = try FirstHourTests.ranked(file)
        var count: [String: Int] = [:]
        for r in rows { count[r.author, default: 0] += 1 }
        let picked = rows.filter { $0.key.hasPrefix("orcid:") || $0.key.hasPrefix("openalex:") }
            .filter { count[$0.author] == 1 }.prefix(2).map(\.author)
        try #require(picked.count == 2, "\(file): fewer than 2 id-keyed authors")
        let p = try CLI.run(["path", file, "--from", picked[0], "--to", picked[1], "--format", "json", "-q"])
        #expect(p.status == 0 || p.status == 1, "\(p.stderr)")
        let json = try CLI.json(p.stdout)
        #expect(json["from"] as? String == picked[0] && json["to"] as? String == picked[1])
        let t = try CLI.run(["timeline", file, "--author", picked[0], "--format", "csv", "-q"])
        #expect(t.status == 0, "timeline --author '\(picked[0])': \(t.stderr)")
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("ego.dot").path
        let e = try CLI.run(["render", file, "--ego", picked[1], "-o", out, "-q"])
        #expect(e.status == 0, "render --ego '\(picked[1])': \(e.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains(picked[1]))
        // A name two authors share (OpenAlex: one mention of Stefano Pagiola carries no id) is an
        // error that lists both keys; a key then works.
        guard file == FirstHourTests.openalex else { return }
        let keys = rows.filter { $0.author == "Stefano Pagiola" }.map(\.key)
        #expect(keys.count == 2)
        let r = try CLI.run(["path", file, "--from", "Stefano Pagiola", "--to", keys[0], "-q"])
        #expect(r.status == 64)
        for k in keys { #expect(r.stderr.contains("'\(k)'")) }
        #expect(try CLI.run(["path", file, "--from", keys[1], "--to", keys[0], "-q"]).status != 64)
    }

    /// stats --format json as a dictionary, with standard error.
    static func stats(_ args: [String], stdin: Data? = nil) throws -> (figures: [String: Any], stderr: String) {
        let r = try CLI.run(["stats"] + args + ["--format", "json"], stdin: stdin)
        #expect(r.status == 0, "\(r.stderr)")
        return (try CLI.json(r.stdout), r.stderr)
    }

    /// The WoS export given twice, or joined with itself through standard input: 102 papers, the
    /// same ties and weights, 102 merges reported and listed.
    @Test func wosExportJoinedWithItself() throws {
        let once = try FirstHourTests.stats([FirstHourTests.wos])
        #expect(once.figures["papers"] as? Int == 102 && once.figures["merged_records"] as? Int == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: FirstHourTests.wos))
        for twice in [try FirstHourTests.stats([FirstHourTests.wos, FirstHourTests.wos]),
                      try FirstHourTests.stats(["-", "--input-format", "wos"], stdin: bytes + bytes)] {
            for k in ["papers", "authors", "edges", "total_weight", "triangles"] {
                #expect(twice.figures[k] as? Int == once.figures[k] as? Int, "\(k)")
            }
            #expect(twice.figures["merged_records"] as? Int == 102)
            #expect(twice.stderr.contains("102 records were merged into papers read before (102 same id)"))
        }
        let listed = try CLI.run(["stats", FirstHourTests.wos, FirstHourTests.wos, "--merges", "--format", "json", "-q"])
        let merges = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]] ?? []
        #expect(merges.count == 102)
        #expect(merges.allSatisfy { $0["reason"] as? String == "id" && ($0["record"] as? String)?.hasPrefix("WOS:") == true })
        #expect(Set(merges.compactMap { $0["record"] as? String }).count == 102)
    }

    /// The other native ids: PubMed PMIDs, OpenAlex W-ids, Scopus EIDs (and DOIs), each file twice.
    @Test(arguments: [pubmed, openalex, scopus]) func nativeIdsMergeAcrossFiles(_ file: String) throws {
        let once = try FirstHourTests.stats([file, "-q"]).figures
        let twice = try FirstHourTests.stats([file, file, "-q"]).figures
        for k in ["papers", "authors", "edges", "total_weight"] {
            #expect(twice[k] as? Int == once[k] as? Int, "\(k)")
        }
        // The second copy's every record merges (the first copy's own repeats again too).
        let merged = (once["papers"] as? Int ?? 0) + 2 * (once["merged_records"] as? Int ?? 0)
        #expect(twice["merged_records"] as? Int == merged)
    }
}

/// A CSV document with a header row (RFC 4180 quoting), for reading the CLI's tables back.
struct CSVTable {
    var header: [String]
    var rows: [[String]]

    init(_ text: String) throws {
        var records: [[String]] = []
        var field = "", record: [String] = [], quoted = false, afterQuote = false
        for ch in text {
            if quoted {
                if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
                continue
            }
            switch ch {
            case "\"": if afterQuote { field.append("\"") }; quoted = true
            case ",": record.append(field); field = ""
            case "\n", "\r\n": record.append(field); records.append(record); record = []; field = ""
            default: field.append(ch)
            }
            afterQuote = false
        }
        if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
        guard let h = records.first else { throw CSVError.empty }
        header = h
        rows = Array(records.dropFirst())
    }

    func column(_ name: String) -> Int? { header.firstIndex(of: name) }
    enum CSVError: Error { case empty }
}

/// One option grammar (issue 23, point 3) and a thesaurus from the suggestions (point 8).
@Suite(.serialized) struct OptionGrammarTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    /// Years are --from-year/--to-year in every command that filters by year; --from/--to still
    /// work where they mean nothing else.
    @Test func yearsHaveOneSpelling() throws {
        let canonical = try CLI.run(["stats"] + seed + ["--from-year", "2020", "--to-year", "2024", "--format", "json"])
        let old = try CLI.run(["stats"] + seed + ["--from", "2020", "--to", "2024", "--format", "json"])
        #expect(canonical.status == 0 && canonical.stdout == old.stdout)
        let all = try CLI.json(try CLI.run(["stats"] + seed + ["--format", "json"]).stdout)
        #expect((try CLI.json(canonical.stdout)["papers"] as? Int ?? 0) < (all["papers"] as? Int ?? 0))
        for command in ["stats", "rank", "communities", "timeline", "identities", "path", "export", "render", "indicators"] {
            let help = try CLI.run([command, "--help"])
            #expect(help.stdout.contains("--from-year <year>") && help.stdout.contains("--to-year <year>"), "\(command)")
        }
        let both = try CLI.run(["rank"] + seed + ["--from", "2020", "--from-year", "2021"])
        #expect(both.status == 64 && both.stderr.contains("give --from-year once"))
    }

    /// Every command that prints a result takes -o.
    @Test func outputOptionEverywhere() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let runs: [[String]] = [["stats"], ["rank", "--top", "3"], ["identities"], ["communities"],
                                ["timeline"], ["path", "--from", "Ye Wang", "--to", "Zhe Lin"], ["indicators"],
                                ["stats", "--merges"], ["identities", "--suggest", "--format", "thesaurus"]]
        for (i, args) in runs.enumerated() {
            let file = dir.appendingPathComponent("out\(i).txt").path
            let printed = try CLI.run([args[0]] + seed + args.dropFirst() + ["-q"])
            let written = try CLI.run([args[0]] + seed + args.dropFirst() + ["-q", "-o", file])
            #expect(written.status == 0 && written.stdout == "", "\(args)")
            #expect(try String(contentsOfFile: file, encoding: .utf8) == printed.stdout, "\(args)")
        }
    }

    /// Options spelled as other tools spell them name the one meant, not the closest by letters.
    @Test func synonymsSuggestTheOptionMeant() throws {
        let cases: [([String], String)] = [
            (["rank", "--metric", "pagerank"], "--by"),
            (["export", "--to", "json", "-o", "-", "--from", "2010"], "--from-year"),
            (["render", "-o", "x.svg", "--metric", "degree"], "--size-by"),
            (["communities", "--algorithm", "louvain"], "--method"),
            (["stats", "--since", "2010"], "--from-year"),
            (["timeline", "--ego", "Qin Huang"], "--author"),
        ]
        for (args, meant) in cases {
            let r = try CLI.run([args[0]] + seed + args.dropFirst())
            #expect(r.status == 64, "\(args)")
            #expect(r.stderr.contains("did you mean '\(meant)'?"), "\(args): \(r.stderr)")
        }
        // Without a synonym, ArgumentParser's own suggestion stays.
        let typo = try CLI.run(["rank"] + seed + ["--topp", "3"])
        #expect(typo.status == 64 && typo.stderr.contains("--top"))
    }

    /// identities --suggest --format thesaurus writes a VOSviewer thesaurus that --aliases reads
    /// back: on the Web of Science export, every suggested pair is joined, and nothing else.
    @Test func thesaurusFromSuggestionsRoundTrips() throws {
        let wos = FirstHourTests.wos
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("thesaurus.txt").path
        let w = try CLI.run(["identities", wos, "--suggest", "--format", "thesaurus", "-o", file, "-q"])
        #expect(w.status == 0)
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "label\treplace by")
        let entries = lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false) }
        #expect(entries.count >= 8 && entries.allSatisfy { $0.count == 2 })
        // A coauthor's two spellings (the one with more papers kept).
        #expect(entries.contains { $0[0] == "Maria Miriti" && $0[1] == "Maria N. Miriti" })
        let before = try FirstHourTests.stats([wos, "-q"]).figures
        let after = try FirstHourTests.stats([wos, "--aliases", file, "-q"]).figures
        #expect((before["authors"] as? Int ?? 0) - (after["authors"] as? Int ?? 0) == entries.count)
        #expect(after["papers"] as? Int == before["papers"] as? Int)
        let left = try CLI.run(["identities", wos, "--aliases", file, "--suggest", "--format", "csv", "-q"])
        #expect(left.stdout == "author_a,author_b,shared_coauthors,papers_a,papers_b,key_a,key_b\n")
    }
}

/// Community labels a user can trust (issue 23, point 7), on the real exports.
@Suite(.serialized) struct CommunityLabelTrustTests {
    static let acl = FirstHourTests.path("acl-anthology/xml-sample")
    /// Words that must never be a label's: generic words, URL parts, hosts and companies, markup.
    static let forbidden: Set<String> = ["lack", "fails", "guide", "conceptual", "thunlp", "microsoft", "https", "http",
                                         "www", "github", "com", "org", "eliconia", "i", "em"]

    static func communities(_ file: String) throws -> [[String: Any]] {
        let r = try CLI.run(["communities", file, "--format", "json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        return try CLI.json(r.stdout)["communities"] as? [[String: Any]] ?? []
    }

    @Test(arguments: [FirstHourTests.wos, FirstHourTests.openalex, FirstHourTests.scopus, acl])
    func labelsHoldNoGenericWordsMarkupOrInflectedRepeats(_ file: String) throws {
        let all = try CommunityLabelTrustTests.communities(file)
        #expect(all.count > 3)
        for c in all {
            let terms = (c["terms"] as? [[String: Any]] ?? []).compactMap { $0["term"] as? String }
            let label = c["label"] as? String ?? ""
            for text in terms + [label] {
                #expect(!text.contains("<") && !text.contains(">") && !text.contains("/"), "\(file): \(text)")
                let words = text.split(whereSeparator: { $0 == " " || $0 == "," }).map { $0.lowercased() }
                #expect(CommunityLabelTrustTests.forbidden.isDisjoint(with: words), "\(file): '\(text)'")
            }
            // No two terms of one community differ only by a plural ending.
            let lower = Set(terms.map { $0.lowercased() })
            for t in lower {
                #expect(!lower.contains(t + "s") && !lower.contains(t + "es"), "\(file): '\(t)' twice")
                if t.hasSuffix("y") { #expect(!lower.contains(t.dropLast() + "ies"), "\(file): '\(t)' twice") }
            }
            // Each labelled circle shows its paper count and one or two of its papers' titles.
            if !terms.isEmpty {
                let titles = c["typical_titles"] as? [String] ?? []
                #expect((1...2).contains(titles.count) && (c["papers"] as? Int ?? 0) >= titles.count, "\(file)")
                #expect(titles.allSatisfy { !$0.contains("<i>") }, "\(file): \(titles)")
            }
        }
    }

    /// Acronyms keep their capitals (OpenAlex: payments for ecosystem services, PES; REDD).
    @Test func acronymsKeepTheirCase() throws {
        let terms = try CommunityLabelTrustTests.communities(FirstHourTests.openalex)
            .flatMap { ($0["terms"] as? [[String: Any]] ?? []).compactMap { $0["term"] as? String } }
        let words = Set(terms.flatMap { $0.split(separator: " ").map(String.init) })
        #expect(words.contains("PES") || words.contains("REDD"), "\(words.sorted())")
        #expect(!words.contains("pes") && !words.contains("redd"))
    }

    /// Web of Science's italics (`<i>H</i><i>eliconia acuminata</i>`) read as words: Heliconia.
    @Test func markupInTitlesIsText() throws {
        let r = try CLI.run(["communities", FirstHourTests.wos, "--format", "json", "--resolution", "3", "-q"])
        #expect(!r.stdout.contains("<i>") && !r.stdout.contains("eliconia\"") )
        #expect(!r.stdout.lowercased().contains("\"eliconia"))
    }

    /// The table leaves out communities of one author and says how many it left out.
    @Test func singletonsAreHiddenInTheTable() throws {
        let json = try CommunityLabelTrustTests.communities(FirstHourTests.openalex)
        let singles = json.filter { $0["size"] as? Int == 1 }.count
        #expect(singles > 0)
        let table = try CLI.run(["communities", FirstHourTests.openalex, "-q"]).stdout
        #expect(table.contains("(+ \(singles) communit\(singles == 1 ? "y" : "ies") of one author not shown"))
        let sizes = table.split(separator: "\n").dropFirst(3).compactMap { line -> Int? in
            let f = line.split(separator: " ", omittingEmptySubsequences: true)
            return f.count > 2 && Int(f[0]) != nil ? Int(f[1]) : nil
        }
        #expect(!sizes.isEmpty && !sizes.contains(1))
        #expect(table.contains("e.g. "))
    }
}
