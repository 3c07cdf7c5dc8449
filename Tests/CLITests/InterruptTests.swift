import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// SIGINT and SIGTERM sent to a running `coauthor` end it by that signal, leave no temporary file
/// and no Graphviz child behind (issue 21). The signals are sent by this test to its child.
@Suite(.serialized) struct InterruptTests {
    /// Starts `coauthor args` in `dir` (output to files there, standard input a pipe kept open).
    static func start(_ args: [String], in dir: URL) throws -> (process: Process, stdin: Pipe) {
        let p = Process()
        p.executableURL = CLI.binary
        p.arguments = args
        p.currentDirectoryURL = dir
        FileManager.default.createFile(atPath: dir.path + "/.stdout", contents: nil)
        FileManager.default.createFile(atPath: dir.path + "/.stderr", contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: dir.appendingPathComponent(".stdout"))
        p.standardError = try FileHandle(forWritingTo: dir.appendingPathComponent(".stderr"))
        let input = Pipe()
        p.standardInput = input
        try p.run()
        return (p, input)
    }

    /// Polls `condition` every 2 ms for up to `seconds`.
    static func waitFor(_ seconds: Double, _ condition: () -> Bool) -> Bool {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            if condition() { return true }
            usleep(2000)
        }
        return condition()
    }

    /// The visible and hidden entries of `dir`, without the test's own log files.
    static func entries(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { !$0.hasPrefix(".std") }.sorted()
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedExportRemovesItsTemporaryFiles(signal: Int32) throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        // `edges.csv` is a FIFO nobody reads: the export writes nodes.csv to its temporary file,
        // then waits to open the FIFO — a run caught in the middle, every time.
        let out = d.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        #expect(mkfifo(out.path + "/edges.csv", 0o644) == 0)
        let seed = CLI.repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt").path
        let (p, _) = try Self.start(["export", seed, "--to", "csv", "-o", out.path], in: d)
        let caught = Self.waitFor(30) { Self.entries(out.path).contains { $0.hasPrefix(".nodes.csv.tmp-") } }
        #expect(caught, "no temporary file appeared: \(Self.entries(out.path))")
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(p.terminationStatus == signal)
        #expect(Self.entries(out.path) == ["edges.csv"])
        #expect(fileType(out.path + "/edges.csv") == S_IFIFO)
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedBuildLeavesNothing(signal: Int32) throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        // Reading standard input that never ends.
        let (p, input) = try Self.start(["build", "-", "--input-format", "bibtex", "-o", "s.coauthor"], in: d)
        input.fileHandleForWriting.write(Data("@article{a, author = {Ann Lee and Bo Chen}, title = {T}, year = 2001}\n".utf8))
        usleep(300_000)
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(p.terminationStatus == signal)
        #expect(Self.entries(d.path) == [])
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func interruptedRenderStopsItsGraphvizChild(signal: Int32) throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        // A dense graph that dot needs minutes to lay out (as in runawayLayoutsAreStopped).
        var lines = ""
        for i in 0..<300 {
            for k in [(7, 3), (13, 5), (31, 1)] {
                lines += "{\"id\":\"p\(i)-\(k.0)\",\"title\":\"t\",\"year\":2000,\"authors\":[\"A\(i) X\",\"A\((i * k.0 + k.1) % 300) X\"]}\n"
            }
        }
        try lines.write(to: d.appendingPathComponent("dense.jsonl"), atomically: true, encoding: .utf8)
        let (p, _) = try Self.start(["render", "dense.jsonl", "--layout", "dot", "--timeout", "600", "-o", "g.svg"], in: d)
        var child: pid_t = 0
        let started = Self.waitFor(60) {
            // The child is the Graphviz worker (`coauthor _graphviz`), a child of the process.
            let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(p.processIdentifier)/task")) ?? []
            for t in tasks {
                let list = (try? String(contentsOfFile: "/proc/\(p.processIdentifier)/task/\(t)/children", encoding: .utf8)) ?? ""
                if let first = list.split(separator: " ").first.flatMap({ pid_t($0) }) { child = first; return true }
            }
            return false
        }
        #expect(started, "no Graphviz child appeared")
        usleep(200_000)
        kill(p.processIdentifier, signal)
        p.waitUntilExit()
        #expect(p.terminationReason == .uncaughtSignal)
        #expect(p.terminationStatus == signal)
        // The child is gone (killed, then reaped by init) within a few seconds.
        let gone = Self.waitFor(10) {
            let stat = (try? String(contentsOfFile: "/proc/\(child)/stat", encoding: .utf8)) ?? ""
            return stat.isEmpty || stat.contains(") Z ")
        }
        #expect(child > 0 && gone, "Graphviz child \(child) still running")
        if !gone { kill(child, SIGKILL) }
        #expect(Self.entries(d.path) == ["dense.jsonl"])
    }
}
