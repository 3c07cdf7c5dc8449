import Foundation
import Testing

@Suite(.serialized) struct CommunitiesCommandTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    func rows(_ csv: String) -> [(author: String, community: Int)] {
        csv.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: ",")
            return (String(f[0]), Int(f[2])!)
        }
    }

    @Test func tableOnTheSeed() throws {
        let r = try CLI.run(["communities"] + seed)
        #expect(r.status == 0)
        #expect(r.stderr == "")
        let lines = r.stdout.split(separator: "\n").map(String.init)
        #expect(lines[0] == "leiden, resolution 1, seed 0: 9 communities of 39 authors, modularity 0.384661")
        #expect(lines[1].hasPrefix("id  size  papers  label") && lines[1].hasSuffix("top authors"))
        // A line per community and, under it, the title that carries its label best.
        #expect(lines.count == 3 + 2 * 9)
        #expect(lines[4].hasPrefix("    e.g. "))
        // Qin Huang's circle (with Siyang Li and Chunyang Xia) is the largest.
        #expect(lines[3].hasPrefix(" 1    14      18  object detection"))
        #expect(lines[3].hasSuffix("Qin Huang, Siyang Li, Chi-Hao Wu"))
        // The circle around Mingfu Liang reads like ads recommendation; Ye Wang's like video object segmentation.
        let mingfu = try #require(lines.first { $0.contains("Mingfu Liang") })
        #expect(mingfu.contains("online ads recommendation"))
        let ye = try #require(lines.first { $0.contains("Ye Wang") })
        #expect(ye.contains("unsupervised video object segmentation"))
    }

    @Test func csvHasEveryAuthorOnce() throws {
        let r = try CLI.run(["communities"] + seed + ["--format", "csv"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("author,key,community\n"))
        let all = rows(r.stdout)
        #expect(all.count == 39)
        #expect(Set(all.map(\.author)).count == 39)
        #expect(Set(all.map(\.community)) == Set(1...9))
        // Grouped by community (ascending), then by name.
        let ids = all.map(\.community)
        #expect(ids == ids.sorted())
        for c in Set(ids) {
            let names = all.filter { $0.community == c }.map(\.author)
            #expect(names == names.sorted())
        }
        let community = Dictionary(uniqueKeysWithValues: all.map { ($0.author, $0.community) })
        #expect(community["Siyang Li"] == 1 && community["Chunyang Xia"] == 1 && community["Qin Huang"] == 1)
        #expect(community["Ye Wang"] == community["Jongmoo Choi"])
        // Sizes non-increasing with the id; ties by the smallest member name.
        let sizes = (1...9).map { c in all.filter { $0.community == c }.count }
        #expect(sizes == [14, 4, 3, 3, 3, 3, 3, 3, 3])
        let smallest = (3...9).map { c in all.filter { $0.community == c }.map(\.author).min()! }
        #expect(smallest == smallest.sorted())
    }

    @Test func jsonFields() throws {
        let r = try CLI.run(["communities"] + seed + ["--format", "json"])
        #expect(r.status == 0)
        let j = try CLI.json(r.stdout)
        let keys = r.stdout.split(separator: "\n").filter { $0.hasPrefix("  \"") }.map { $0.split(separator: "\"")[1] }
        #expect(keys == ["method", "resolution", "seed", "modularity", "communities"])
        #expect(j["method"] as? String == "leiden")
        #expect(j["resolution"] as? Int == 1)
        #expect(j["seed"] as? Int == 0)
        #expect(abs((j["modularity"] as? Double ?? 0) - 0.384661) < 1e-6)
        let communities = try #require(j["communities"] as? [[String: Any]])
        #expect(communities.map { $0["id"] as? Int } == (1...9).map { $0 })
        #expect(communities.compactMap { $0["size"] as? Int }.reduce(0, +) == 39)
        for c in communities {
            #expect(Set(c.keys) == ["id", "size", "label", "terms", "top_authors", "papers", "first_year", "last_year",
                                    "typical_titles"])
            #expect((1...2).contains((c["typical_titles"] as? [String])?.count ?? 0))
            let terms = try #require(c["terms"] as? [[String: Any]])
            #expect((1...5).contains(terms.count))
            let scores = terms.compactMap { $0["score"] as? Double }
            #expect(scores.count == terms.count && scores == scores.sorted(by: >) && scores.allSatisfy { $0 > 0 })
            #expect(((c["top_authors"] as? [String])?.count ?? 0) == min(5, c["size"] as! Int))
            #expect((c["first_year"] as! Int) <= (c["last_year"] as! Int))
        }
        // Qin Huang wrote every paper, so his circle has all 18 (2016–2026).
        #expect(communities[0]["papers"] as? Int == 18)
        #expect(communities[0]["first_year"] as? Int == 2016 && communities[0]["last_year"] as? Int == 2026)
        #expect((communities[0]["top_authors"] as? [String])?.first == "Qin Huang")
    }

    @Test func minSizeFoldsIntoOther() throws {
        let csv = try CLI.run(["communities"] + seed + ["--format", "csv", "--min-size", "4"])
        let all = rows(csv.stdout)
        #expect(all.count == 39)
        #expect(Set(all.map(\.community)) == [1, 2, -1])
        #expect(all.filter { $0.community == -1 }.count == 21)
        #expect(all.suffix(21).allSatisfy { $0.community == -1 })
        let json = try CLI.json(try CLI.run(["communities"] + seed + ["--format", "json", "--min-size", "4"]).stdout)
        let communities = try #require(json["communities"] as? [[String: Any]])
        #expect(communities.map { $0["id"] as? Int } == [1, 2, -1])
        #expect(communities[2]["label"] as? String == "other")
        #expect((communities[2]["terms"] as? [Any])?.isEmpty == true)
        #expect(communities[2]["size"] as? Int == 21)
        // Folding changes the report, not the partition.
        #expect(abs((json["modularity"] as? Double ?? 0) - 0.384661) < 1e-6)
        let table = try CLI.run(["communities"] + seed + ["--min-size", "4"])
        #expect(table.stdout.hasPrefix("leiden, resolution 1, seed 0: 2 communities of 39 authors (+ 7 of fewer than 4 authors folded into -1)"))
        #expect(table.stdout.contains("\n-1    21       8  other "))
    }

    @Test func deterministicForASeed() throws {
        for format in ["table", "csv", "json"] {
            for method in ["leiden", "louvain", "label-propagation", "components"] {
                let args = ["communities"] + seed + ["--format", format, "--method", method, "--seed", "42"]
                let a = try CLI.run(args), b = try CLI.run(args)
                #expect(a.status == 0 && a.stdout == b.stdout, "\(format) \(method)")
                #expect(!a.stdout.isEmpty)
            }
        }
    }

    @Test func methodsResolutionAndCounting() throws {
        for method in ["louvain", "label-propagation", "components"] {
            let r = try CLI.run(["communities"] + seed + ["--method", method, "--format", "csv"])
            #expect(r.status == 0 && rows(r.stdout).count == 39, "\(method)")
        }
        let components = try CLI.json(try CLI.run(["communities"] + seed + ["--method", "components", "--format", "json"]).stdout)
        #expect((components["communities"] as? [Any])?.count == 1 && components["modularity"] as? Int == 0)
        // γ = 0 joins each connected component (the seed is connected): Q = 1.
        let zero = try CLI.json(try CLI.run(["communities"] + seed + ["--resolution", "0", "--format", "json"]).stdout)
        #expect((zero["communities"] as? [Any])?.count == 1 && zero["modularity"] as? Int == 1)
        // A larger γ gives more, smaller circles.
        let fine = try CLI.json(try CLI.run(["communities"] + seed + ["--resolution", "3", "--format", "json"]).stdout)
        #expect(((fine["communities"] as? [Any])?.count ?? 0) > 9)
        let fractional = try CLI.run(["communities"] + seed + ["--counting", "fractional", "--format", "json"])
        #expect(fractional.status == 0)
        #expect(abs((try CLI.json(fractional.stdout)["modularity"] as? Double ?? 0) - 0.384661) > 1e-3)
    }

    @Test func outputFile() throws {
        let dir = try CLI.scratch()
        let file = dir.appendingPathComponent("circles.csv")
        try Data("old contents\n".utf8).write(to: file)
        let r = try CLI.run(["communities"] + seed + ["--format", "csv", "-o", file.path])
        #expect(r.status == 0 && r.stdout == "" && r.stderr == "")
        let direct = try CLI.run(["communities"] + seed + ["--format", "csv"])
        #expect(try String(contentsOf: file, encoding: .utf8) == direct.stdout)
        // Nothing but the file is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["circles.csv"])
        let bad = try CLI.run(["communities"] + seed + ["-o", dir.appendingPathComponent("no/such/dir.csv").path])
        #expect(bad.status == 73)
        #expect(bad.stderr == "coauthor: error: \(dir.path)/no/such/dir.csv: cannot write: no such file or directory\n")
    }

    @Test func usageErrors() throws {
        let method = try CLI.run(["communities"] + seed + ["--method", "spectral"])
        #expect(method.status == 64 && method.stderr.contains("spectral"))
        let gamma = try CLI.run(["communities"] + seed + ["--resolution=-1"])
        #expect(gamma.status == 64 && gamma.stderr.contains("--resolution must be a number ≥ 0"))
        let size = try CLI.run(["communities"] + seed + ["--min-size", "0"])
        #expect(size.status == 64 && size.stderr.contains("--min-size must be at least 1"))
        let help = try CLI.run(["communities", "--help"])
        #expect(help.status == 0 && help.stdout.contains("Examples:") && help.stdout.contains("--counting"))
    }

    @Test func noAuthorsLeft() throws {
        // Filters that keep nobody: an empty report, not an error.
        let r = try CLI.run(["communities"] + seed + ["--min-papers", "100", "--format", "json"])
        #expect(r.status == 0)
        let j = try CLI.json(r.stdout)
        #expect((j["communities"] as? [Any])?.isEmpty == true)
        #expect(j["modularity"] is NSNull)
        let table = try CLI.run(["communities"] + seed + ["--min-papers", "100"])
        #expect(table.stdout == "leiden, resolution 1, seed 0: 0 communities of 0 authors, modularity -\n")
    }
}
