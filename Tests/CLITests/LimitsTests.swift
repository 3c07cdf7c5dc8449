import Foundation
import Testing

/// Small inputs that used to exhaust memory or time stop with exit 65 and a message naming the
/// limit, under a memory limit set in the child (`ulimit -v`, i.e. setrlimit) (issue 21).
@Suite(.serialized) struct LimitsTests {
    /// A 2 GiB address-space limit for the child: far above what these inputs need once capped,
    /// far below what they took before (3 GB for the macros, 5.4 GB for the pairs). Under a
    /// sanitizer (Tests/scripts/sanitizers.sh sets ASAN_OPTIONS/TSAN_OPTIONS) the binary reserves
    /// terabytes of shadow address space, which no address-space limit allows: there the limits are
    /// checked by their exit code and message alone.
    static let memoryLimit: String = {
        let env = ProcessInfo.processInfo.environment
        return env["ASAN_OPTIONS"] != nil || env["TSAN_OPTIONS"] != nil ? ":" : "ulimit -v 2097152"
    }()

    @Test func doublingBibTeXMacrosStopAtTheExpansionLimit() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        var bib = "@string{a0 = \"0123456789abcdef\"}\n"
        for k in 1...40 { bib += "@string{a\(k) = a\(k - 1) # a\(k - 1)}\n" }
        bib += "@article{x, author = {Ann Lee and Bo Chen}, title = a40, year = 2000}\n"
        #expect(bib.utf8.count < 1600)
        try bib.write(to: d.appendingPathComponent("bomb.bib"), atomically: true, encoding: .utf8)
        let start = Date()
        let r = try shell("\(Self.memoryLimit); \"$BIN\" stats bomb.bib", in: d)
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("bomb.bib:"))
        #expect(r.stderr.contains("@string macros expand to more than"), "\(r.stderr)")
        #expect(r.stderr.contains("the limit: 64 MiB + 4 × the file size"))
        #expect(Date().timeIntervalSince(start) < 30)
    }

    @Test func aPaperWithTooManyPairsIsAnErrorNamingTheLimit() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let authors = (0..<30_000).map { "\"Author \($0) Name\"" }.joined(separator: ",")
        let line = "{\"id\":\"big\",\"title\":\"Big science\",\"year\":2020,\"authors\":[\(authors)]}\n"
            + "{\"id\":\"small\",\"title\":\"Small\",\"year\":2021,\"authors\":[\"Ann Lee\",\"Bo Chen\"]}\n"
        try line.write(to: d.appendingPathComponent("big.jsonl"), atomically: true, encoding: .utf8)
        let r = try shell("\(Self.memoryLimit); \"$BIN\" stats big.jsonl --max-authors 0", in: d)
        #expect(r.status == 65, "\(r.status) \(r.stderr)")
        #expect(r.stderr.contains("449985001 coauthor pairs, over the limit of 100000000 (the largest paper has 30000 authors)"), "\(r.stderr)")
        // With the default cap the big paper adds no ties and the run succeeds.
        let ok = try shell("\(Self.memoryLimit); \"$BIN\" stats big.jsonl", in: d)
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stderr.contains("1 papers with more than 100 authors add no coauthor ties"))
        // A snapshot keeps the default graph; asking it for every pair is the same error.
        let build = try shell("\(Self.memoryLimit); \"$BIN\" build big.jsonl -o s.coauthor && \"$BIN\" stats s.coauthor --max-authors 0", in: d)
        #expect(build.status == 65, "\(build.stderr)")
        #expect(build.stderr.contains("over the limit of 100000000"))
    }
}
