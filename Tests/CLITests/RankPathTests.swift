import Foundation
import Testing

@Suite(.serialized) struct RankCommandTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    @Test func degreeRankingByHand() throws {
        let r = try CLI.run(["rank"] + seed + ["--by", "degree", "--format", "csv", "--top", "3"])
        #expect(r.status == 0)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        // The score is named after its metric, and degree is not repeated; ambiguity before the key.
        #expect(lines[0] == "rank,author,degree,papers,ambiguity,key")
        // Qin Huang wrote with all 38 other authors; Siyang Li with 5 (Bryan Seybold, Alexey Vorobyov,
        // Xiangxin Zhu, Chi-Hao Wu, Qin Huang).
        #expect(lines[1] == "1,Qin Huang,38,18,1,qin|huang")   // ambiguity 1: the page's subject
        #expect(lines[2] == "2,Siyang Li,5,3,1,siyang|li")
        #expect(lines.count == 4)
    }

    @Test func tiesAreBrokenByName() throws {
        let r = try CLI.run(["rank"] + seed + ["--by", "papers", "--format", "csv", "--top", "9"])
        let authors = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] }
        // 18 papers; 3 (Siyang Li); then the seven authors with two papers, by name.
        #expect(authors == ["Qin Huang", "Siyang Li", "Chao Yang", "Chi-Hao Wu", "Chunyang Xia", "Jongmoo Choi",
                            "Ye Wang", "Yueru Chen", "Yuhang Song"])
    }

    @Test func jsonAndAllRows() throws {
        let r = try CLI.run(["rank"] + seed + ["--by", "pagerank", "--format", "json", "--top", "0"])
        #expect(r.status == 0)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == 39)
        #expect(rows.map { $0["rank"] as? Int } == (1...39).map { $0 })
        // PageRank is a probability distribution.
        let total = rows.compactMap { $0["pagerank"] as? Double }.reduce(0, +)
        #expect(Array(rows[0].keys).sorted() == ["ambiguity", "author", "degree", "key", "pagerank", "papers", "rank"])
        #expect(abs(total - 1) < 1e-9)
        #expect(rows[0]["author"] as? String == "Qin Huang")
    }

    @Test func constraintRanksBrokersFirst() throws {
        let r = try CLI.run(["rank"] + seed + ["--by", "constraint", "--format", "csv", "--top", "0"])
        let scores = r.stdout.split(separator: "\n").dropFirst().map { Double($0.split(separator: ",")[2])! }
        #expect(scores == scores.sorted())
        #expect(r.stdout.split(separator: "\n")[1].hasPrefix("1,Qin Huang,"))
    }

    @Test func allMetricsTable() throws {
        let r = try CLI.run(["rank"] + seed + ["--all-metrics", "--format", "csv", "--top", "0"])
        let header = r.stdout.split(separator: "\n")[0]
        #expect(header == "rank,author,pagerank,papers,degree,strength,betweenness,closeness,harmonic,eigenvector,clustering,core,constraint,effective_size,ambiguity,key")
        #expect(r.stdout.split(separator: "\n").count == 40)
        let table = try CLI.run(["rank"] + seed + ["--by", "betweenness", "--top", "2"])
        #expect(table.stdout.hasPrefix("rank  author     betweenness  papers  degree\n"))
    }

    @Test func badMetricIsAUsageError() throws {
        let r = try CLI.run(["rank"] + seed + ["--by", "fame"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("fame"))
    }
}

@Suite(.serialized) struct PathCommandTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    @Test func chainWithPapers() throws {
        let r = try CLI.run(["path"] + seed + ["--from", "ye wang", "--to", "Lin, Zhe", "--format", "json"])
        #expect(r.status == 0)
        let j = try CLI.json(r.stdout)
        #expect(j["length"] as? Int == 2)
        let path = (j["path"] as? [[String: Any]])?.compactMap { $0["author"] as? String }
        #expect(path == ["Ye Wang", "Qin Huang", "Zhe Lin"])
        let hops = j["hops"] as? [[String: Any]] ?? []
        // Ye Wang and Qin Huang share the two video-object-segmentation papers of Dec 2018.
        #expect((hops.first?["papers"] as? [Any])?.count == 2)
        #expect((hops.last?["papers"] as? [[String: Any]])?.first?["title"] as? String
                == "Contextual-based Image Inpainting: Infer, Match, and Translate")
    }

    @Test func notConnectedAndDidYouMean() throws {
        let dir = try CLI.scratch()
        let a = "Ann Owner\n1papers\n\nCVJan 3, 2018\nOne\n\nBo Two\n"
        let b = "Cy Owner\n1papers\n\nCVJan 3, 2019\nTwo\n\nDi Four\n"
        try Data(a.utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data(b.utf8).write(to: dir.appendingPathComponent("b.txt"))
        let r = try CLI.run(["path", dir.path, "--from", "Ann Owner", "--to", "Di Four"])
        #expect(r.status == 1)
        #expect(r.stdout == "Ann Owner and Di Four are not connected (no chain of coauthors joins them).\n")
        let miss = try CLI.run(["path", dir.path, "--from", "Ann Ownr", "--to", "Di Four"])
        #expect(miss.status == 64)
        #expect(miss.stderr == "coauthor: error: no author named 'Ann Ownr' in the graph; did you mean: 'Ann Owner'?\n")
    }
}

@Suite(.serialized) struct WindowModularityTests {
    @Test func eachWindowCarriesItsLeidenModularity() throws {
        let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]
        let t = try CLI.run(["timeline"] + seed + ["--window", "3", "--step", "2", "--format", "csv"])
        #expect(t.status == 0)
        let rows = t.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0].last == "modularity")
        // Each window's value is what `coauthor communities` reports for the same years and seed.
        for row in rows.dropFirst() where Int(row[5]) ?? 0 > 0 {
            let c = try CLI.run(["communities"] + seed + ["--from", row[0], "--to", row[1], "--seed", "1", "--format", "json"])
            let q = try #require(try CLI.json(c.stdout)["modularity"] as? Double)
            #expect(abs(q - Double(row.last!)!) < 1e-12, "window \(row[0])–\(row[1])")
        }
        // Yearly rows have no modularity column.
        let yearly = try CLI.run(["timeline"] + seed + ["--format", "csv"])
        #expect(!yearly.stdout.split(separator: "\n")[0].contains("modularity"))
    }
}

@Suite(.serialized) struct LeidenIterationsTests {
    @Test func capIsHonouredAndStillAPartition() throws {
        let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27", "--seed", "3", "--format", "csv"]
        let one = try CLI.run(["communities"] + seed + ["--iterations", "1"])
        #expect(one.status == 0)
        let rows = one.stdout.split(separator: "\n").dropFirst()
        #expect(rows.count == 39)   // every author exactly once
        #expect(try CLI.run(["communities"] + seed + ["--iterations", "1"]).stdout == one.stdout)
        let bad = try CLI.run(["communities"] + seed + ["--iterations", "-1"])
        #expect(bad.status == 64)
    }
}
