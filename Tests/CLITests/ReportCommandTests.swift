import Foundation
import Testing

/// `coauthor report` as a user runs it: a self-contained page, the same bytes on every run, the
/// data as VOSviewer Online JSON, and clear errors. (The page's behaviour is tested in a real
/// browser: Tests/browser.)
@Suite(.serialized) struct ReportCommandTests {
    let seed = ["seeds/qin-huang-profile.txt", "--as-of", "2026-11-27"]

    @Test func writesTheSamePageEveryTimeWithNothingFromOutside() throws {
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.html").path, b = dir.appendingPathComponent("b.html").path
        #expect(try CLI.run(["report"] + seed + ["-o", a, "-q"]).status == 0)
        #expect(try CLI.run(["report"] + seed + ["-o", b, "-q"]).status == 0)
        let page = try String(contentsOfFile: a, encoding: .utf8)
        #expect(try Data(contentsOf: URL(fileURLWithPath: a)) == Data(contentsOf: URL(fileURLWithPath: b)))
        // Self-contained: no URL the browser would fetch; a CSP that allows only the page's own code.
        #expect(!page.contains("src=\"http") && !page.contains("href=\"http") && !page.contains("@import"))
        #expect(page.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'sha256-"))
        #expect(!page.contains("unsafe-inline") && !page.contains("unsafe-eval"))
        // No inline event handler attribute anywhere in the page.
        #expect(page.range(of: #"<[^>]+\son[a-z]+="#, options: .regularExpression) == nil)
    }

    @Test func dataOnlyIsVOSviewerOnlineJSON() throws {
        let r = try CLI.run(["report"] + seed + ["--data-only", "-o", "-", "-q"])
        #expect(r.status == 0)
        let json = try CLI.json(r.stdout)
        let network = try #require(json["network"] as? [String: Any])
        let items = try #require(network["items"] as? [[String: Any]])
        let links = try #require(network["links"] as? [[String: Any]])
        #expect(items.count == 39 && links.count == 74)
        let qin = try #require(items.first { $0["label"] as? String == "Qin Huang" })
        #expect(qin["x"] is Double && qin["y"] is Double && qin["cluster"] is Int)
        let weights = try #require(qin["weights"] as? [String: Any])
        #expect(weights["Documents"] as? Int == 18 && weights["Links"] as? Int == 38)
        let scores = try #require(qin["scores"] as? [String: Any])
        #expect(scores["Avg. pub. year"] is Double && scores["pagerank"] is Double)
        #expect(links.allSatisfy { $0["source_id"] is Int && $0["target_id"] is Int && $0["strength"] is Int })
        #expect((json["info"] as? [String: Any])?["title"] is String)
        #expect((network["clusters"] as? [[String: Any]])?.first?["label"] is String)
        // Within one run the page's data and --data-only are the same text.
        let dir = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let page = dir.appendingPathComponent("p.html").path
        #expect(try CLI.run(["report"] + seed + ["-o", page, "-q"]).status == 0)
        #expect(try String(contentsOfFile: page, encoding: .utf8).contains(r.stdout))
    }

    @Test func errorsSayWhatIsWrong() throws {
        let missing = try CLI.run(["report", "no-such-file.bib", "-o", "/tmp/x.html"])
        #expect(missing.status == 66)
        let unwritable = try CLI.run(["report"] + seed + ["-o", "/nonexistent-dir/r.html", "-q"])
        #expect(unwritable.status == 73)
        #expect(unwritable.stderr.contains("/nonexistent-dir/r.html"))
        let empty = try CLI.run(["report"] + seed + ["--from", "2030", "-o", "/tmp/never.html", "-q"])
        #expect(empty.status == 65)
        #expect(!FileManager.default.fileExists(atPath: "/tmp/never.html"))
        let egoHTML = try CLI.run(["render"] + seed + ["--ego", "Qin Huang", "-o", "/tmp/never.html"])
        #expect(egoHTML.status == 64)
    }
}
