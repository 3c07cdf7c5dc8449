import CoauthorTestSupport
import Foundation
import Testing

@Suite(.serialized) struct ExportCommandTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    @Test func everyFormatWritesItsFiles() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let expected: [(String, String, [String])] = [
            ("graphml", "g.graphml", ["g.graphml"]), ("gexf", "g.gexf", ["g.gexf"]), ("json", "g.json", ["g.json"]),
            ("dot", "g.dot", ["g.dot"]), ("gml", "g.gml", ["g.gml"]),
            ("pajek", "p.net", ["p.net", "p.clu", "p.pagerank.vec", "p.core.vec"]),
            ("csv", "csv", ["csv/nodes.csv", "csv/edges.csv", "csv/papers.csv"]),
            ("vosviewer", "vos", ["vos/map.txt", "vos/network.txt", "vos/vosviewer.json"]),
        ]
        for (format, target, files) in expected {
            let r = try CLI.run(["export"] + seed + ["--to", format, "-o", dir.appendingPathComponent(target).path,
                                                     "--metrics", "pagerank,core", "--communities", "components"])
            #expect(r.status == 0, "\(format): \(r.stderr)")
            #expect(r.stdout == "")
            let paths = files.map { dir.appendingPathComponent($0).path }
            #expect(r.stderr == "coauthor: wrote \(paths.joined(separator: ", ")) (39 authors, 74 coauthor ties)\n")
            for p in paths { #expect(FileManager.default.fileExists(atPath: p), "\(p)") }
        }
        // Nothing else: no temporary files left behind.
        let all = FileManager.default.enumerator(atPath: dir.path)!.compactMap { $0 as? String }
        #expect(!all.contains { $0.contains(".tmp-") })
    }

    @Test func seedFiguresInTheExport() throws {
        let r = try CLI.run(["export"] + seed + ["--to", "json", "-o", "-", "--communities", "components"])
        #expect(r.status == 0 && r.stderr == "")
        let j = try CLI.json(r.stdout)
        let graph = try #require(j["graph"] as? [String: Any])
        #expect(graph["counts"] as? [String: Int] == ["nodes": 39, "edges": 74, "papers": 18, "communities": 1])
        let nodes = try #require(j["nodes"] as? [[String: Any]])
        let qin = try #require(nodes.first { $0["id"] as? String == "qin|huang" })
        #expect(qin["label"] as? String == "Qin Huang")
        #expect(qin["papers"] as? Int == 18)
        #expect(qin["first_year"] as? Int == 2016 && qin["last_year"] as? Int == 2026)
        #expect(qin["community_label"] as? String == "Qin Huang")
        let edges = try #require(j["edges"] as? [[String: Any]])
        #expect(edges.map { $0["weight"] as? Int ?? 0 }.reduce(0, +) == 87)
    }

    /// Every export carries each author's `ambiguity`, the same number `rank` reports: checked on
    /// the ACL Anthology sample, where common names ("Ming Zhou") stand for several circles.
    @Test func ambiguityMatchesRank() throws {
        let acl = TestPaths.sharedData.appendingPathComponent("acl-anthology/xml-sample").path
        let e = try CLI.run(["export", acl, "--to", "json", "-o", "-", "-q"])
        #expect(e.status == 0, "\(e.stderr)")
        let nodes = try #require((try CLI.json(e.stdout))["nodes"] as? [[String: Any]])
        var exported: [String: Int] = [:]
        for n in nodes { exported[n["id"] as! String] = n["ambiguity"] as? Int }
        let r = try CLI.run(["rank", acl, "--top", "0", "--format", "json", "-q"])
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])
        var ranked: [String: Int] = [:]
        for row in rows { ranked[row["key"] as! String] = row["ambiguity"] as? Int }
        #expect(exported.count == nodes.count && exported == ranked)
        #expect(exported.values.contains { $0 > 1 } && exported.values.allSatisfy { $0 >= 1 })
    }

    @Test func allMetricsBecomeColumns() throws {
        let r = try CLI.run(["export"] + seed + ["--to", "json", "-o", "-", "--metrics", "all"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try CLI.json(r.stdout)
        let attrs = try #require((j["graph"] as? [String: Any])?["node_attributes"] as? [String])
        #expect(attrs == ["id", "label", "papers", "first_year", "last_year", "ambiguity", "degree", "strength", "betweenness",
                          "closeness", "harmonic", "eigenvector", "pagerank", "clustering", "core", "constraint",
                          "effective_size"])
    }

    @Test func usageErrors() throws {
        let r = try CLI.run(["export"] + seed + ["--to", "xlsx", "-o", "x"])
        #expect(r.status == 64)
        #expect(r.stderr.contains("xlsx"))
        let method = try CLI.run(["export"] + seed + ["--to", "gexf", "-o", "x.gexf", "--communities", "infomap"])
        #expect(method.status == 64)
        #expect(method.stderr.contains("--communities: unknown method 'infomap'; available: leiden, louvain, label-propagation, components"))
        let layout = try CLI.run(["export"] + seed + ["--to", "gexf", "-o", "x.gexf", "--layout", "spring"])
        #expect(layout.status == 64)
        #expect(layout.stderr.contains("--layout spring: unknown layout engine; use one of dot, neato, fdp, sfdp, circo, twopi"))
        let metric = try CLI.run(["export"] + seed + ["--to", "gexf", "-o", "x.gexf", "--metrics", "pagerank,fame"])
        #expect(metric.status == 64)
        let noOutput = try CLI.run(["export"] + seed + ["--to", "gexf"])
        #expect(noOutput.status == 64)
        let years = try CLI.run(["export"] + seed + ["--to", "gexf", "-o", "x.gexf", "--from-year", "2020", "--to-year", "2010"])
        #expect(years.status == 64)
        let stdoutDir = try CLI.run(["export"] + seed + ["--to", "vosviewer", "-o", "-"])
        #expect(stdoutDir.status == 64)
        #expect(stdoutDir.stderr.contains("writes several files"))
        #expect(!FileManager.default.fileExists(atPath: CLI.repoRoot.appendingPathComponent("x.gexf").path))
    }

    @Test func unwritableOutputIs73() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("plain")
        try Data("x".utf8).write(to: file)
        let r = try CLI.run(["export"] + seed + ["--to", "graphml", "-o", file.appendingPathComponent("g.graphml").path])
        #expect(r.status == 73)
        #expect(r.stderr.hasPrefix("coauthor: error: \(file.path)/g.graphml: cannot write: "))
    }

    @Test func helpNamesEveryFormat() throws {
        let r = try CLI.run(["export", "--help"])
        #expect(r.status == 0)
        for f in ["graphml", "gexf", "json", "csv", "pajek", "vosviewer", "dot", "gml", "Examples:", "leiden"] {
            #expect(r.stdout.contains(f), "\(f)")
        }
    }
}

@Suite(.serialized) struct ExportCommunitiesAndLayoutTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    @Test func leidenColumnsAreTheCommunitiesCommandsPartition() throws {
        let dir = try CLI.scratch()
        let r = try CLI.run(["export"] + seed + ["--to", "csv", "-o", dir.path, "--communities", "leiden", "--seed", "1",
                                                  "--layout", "sfdp", "-q"])
        #expect(r.status == 0)
        let nodes = try String(contentsOf: dir.appendingPathComponent("nodes.csv"), encoding: .utf8)
        let c = try CLI.run(["communities"] + seed + ["--seed", "1", "--format", "csv"])
        // Same communities, same numbers: an author's community in the export is the one
        // `coauthor communities` reports for the same seed (both number 1… by size).
        let listed = try CSVTable(c.stdout)
        let lk = try #require(listed.column("key")), lc = try #require(listed.column("community"))
        var theirs: [String: String] = [:]
        for row in listed.rows { theirs[row[lk]] = row[lc] }
        let table = try CSVTable(nodes)
        let ki = try #require(table.column("id")), ci = try #require(table.column("community"))   // ids are the keys
        let xi = try #require(table.column("x")), yi = try #require(table.column("y"))
        var ours: [String: String] = [:]
        for f in table.rows {
            ours[f[ki]] = f[ci]
            #expect(Double(f[xi])?.isFinite == true && Double(f[yi])?.isFinite == true, "\(f[ki]) has a position")
        }
        #expect(ours.count == 39 && ours == theirs)
    }
}
