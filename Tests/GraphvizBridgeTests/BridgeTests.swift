import Foundation
import GraphvizBridge
import Testing

let triangle = """
graph "t" { start=1; node [shape=circle, fixedsize=shape, width=0.3];
  a [label="Zoë & <co>"]; b [label="黄钦"]; c; a -- b; b -- c; c -- a; c -- d }
"""

@Suite struct InProcessTests {
    @Test func svgAndPositions() throws {
        let r = try Graphviz.render(GraphvizRequest(dot: triangle, engine: .neato, formats: [.svg], readLayout: true))
        let svg = String(decoding: try #require(r.bytes(.svg)), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml"))
        #expect(svg.components(separatedBy: "class=\"node\"").count - 1 == 4)
        #expect(svg.contains("Zoë &amp; &lt;co&gt;"))
        #expect(svg.contains("黄钦"))
        let layout = try #require(r.layout)
        #expect(layout.nodes.map(\.name) == ["a", "b", "c", "d"])
        for n in layout.nodes {
            #expect(n.x >= layout.minX && n.x <= layout.maxX && n.y >= layout.minY && n.y <= layout.maxY)
            #expect(n.width >= 0.3 * 72 - 0.01)
            #expect(n.x == (n.x * 100).rounded() / 100)
        }
        #expect(layout.nodes[0].labelWidth > layout.nodes[1].labelWidth)   // "Zoë & <co>" is wider than "黄钦"
        #expect(layout.nodes[3].labelWidth > 0)                          // default label \N = "d"
        #expect(r.warnings.isEmpty)
    }

    @Test func unknownEngineNamesTheValidOnes() {
        #expect(throws: GraphvizError.unknownEngine("spring", valid: ["dot", "neato", "fdp", "sfdp", "circo", "twopi"])) {
            try LayoutEngine(validating: "spring")
        }
        let message = GraphvizError.unknownEngine("spring", valid: LayoutEngine.allCases.map(\.rawValue)).description
        #expect(message == "unknown layout engine 'spring' (valid: dot, neato, fdp, sfdp, circo, twopi)")
        #expect(Set(Graphviz.availableEngines()) == Set(LayoutEngine.allCases))
    }

    @Test func syntaxErrorsAreCapturedNotPrinted() throws {
        do {
            _ = try Graphviz.render(GraphvizRequest(dot: "graph { a -- }", engine: .dot))
            Issue.record("no error")
        } catch {
            guard case .syntax(let m) = error else { Issue.record("wrong error \(error)"); return }
            #expect(m.contains("syntax error in line 1"))
        }
        // The next graph reads fine: no parser state is left behind.
        #expect(try Graphviz.render(GraphvizRequest(dot: triangle, engine: .dot)).bytes(.svg) != nil)
        // A second graph where cgraph's lexer already buffered it (the rest of the line) is refused,
        // instead of being handed to the next read.
        #expect(throws: GraphvizError.syntax("the DOT text holds more than one graph")) {
            try Graphviz.render(GraphvizRequest(dot: "graph a { x } graph b { y }", engine: .dot))
        }
        // The same error each time: the line count starts afresh for every graph.
        for _ in 0..<3 {
            #expect(throws: GraphvizError.syntax("syntax error in line 4 near '}'")) {
                try Graphviz.render(GraphvizRequest(dot: "graph {\n a -- b;\n c -- \n}\n", engine: .dot))
            }
        }
    }

    @Test func emptyGraphIsAnError() {
        #expect(throws: GraphvizError.emptyGraph) { try Graphviz.render(GraphvizRequest(dot: "graph { }", engine: .sfdp)) }
        #expect(GraphvizError.emptyGraph.description == "the graph has no nodes: nothing to lay out")
    }

    @Test func knownCrashersAreRefused() throws {
        // In-process this would abort the test process (maze.c assertion); it is refused instead.
        for engine in [LayoutEngine.sfdp, .twopi] {
            do {
                _ = try Graphviz.render(GraphvizRequest(dot: "graph { splines=ortho; a -- b }", engine: engine))
                Issue.record("not refused")
            } catch {
                guard case .unsupported(let m) = error else { Issue.record("wrong error \(error)"); continue }
                #expect(m.contains("splines=ortho"))
            }
        }
        // Engines that draw it are let through.
        #expect(try Graphviz.render(GraphvizRequest(dot: "graph { splines=ortho; a -- b }", engine: .dot)).bytes(.svg) != nil)
    }

    @Test func pngAndPDFThroughCairo() throws {
        #expect(Graphviz.availableFormats() == [.svg, .png, .pdf])
        let r = try Graphviz.render(GraphvizRequest(dot: triangle, engine: .circo, formats: [.png, .pdf]))
        #expect(r.outputs.map(\.format) == [.png, .pdf])
        #expect(r.bytes(.png)!.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(r.bytes(.pdf)!.starts(with: Array("%PDF-".utf8)))
        #expect(OutputFormat(fileName: "x/Net.PNG") == .png)
        #expect(OutputFormat(fileName: "net.svg") == .svg)
        #expect(OutputFormat(fileName: "net.jpeg") == nil)
    }

    /// sfdp draws from libc's rand() before seeding; the bridge resets it before every layout.
    @Test(arguments: [LayoutEngine.sfdp, .neato, .twopi, .circo, .dot])
    func reproducibleInOneProcess(engine: LayoutEngine) throws {
        let dot = ringOfCliques(40)
        let a = try Graphviz.render(GraphvizRequest(dot: dot, engine: engine, readLayout: true))
        _ = try Graphviz.render(GraphvizRequest(dot: ringOfCliques(25), engine: engine))
        let b = try Graphviz.render(GraphvizRequest(dot: dot, engine: engine, readLayout: true))
        #expect(a.layout == b.layout)
        #expect(a.bytes(.svg) == b.bytes(.svg), "SVG differs")
    }

    @Test func concurrentCallsAreSerialised() async throws {
        let dot = ringOfCliques(20)
        let expected = try Graphviz.render(GraphvizRequest(dot: dot, engine: .neato)).bytes(.svg)
        let results = try await withThrowingTaskGroup(of: [UInt8]?.self) { group in
            for _ in 0..<8 {
                group.addTask { try Graphviz.render(GraphvizRequest(dot: dot, engine: .neato)).bytes(.svg) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected }, "SVGs differ")
    }

    @Test func sessionsOwnTheirContext() throws {
        // A session of its own: used, then freed (gvFreeContext once, in deinit).
        var session: GraphvizSession? = try GraphvizSession()
        #expect(try session!.render(GraphvizRequest(dot: triangle, engine: .fdp)).bytes(.svg) != nil)
        session = nil
        #expect(try Graphviz.render(GraphvizRequest(dot: triangle, engine: .fdp)).bytes(.svg) != nil)
    }
}

/// `k` triangles joined in a ring. (Named: Graphviz names an anonymous graph after a process-wide
/// counter, "%3", "%5", …, which would show in the SVG's `<title>`.)
func ringOfCliques(_ k: Int) -> String {
    var s = "graph \"ring\" { start=3; overlap=prism; splines=false; node [shape=circle, fixedsize=shape, width=0.2];\n"
    for i in 0..<k {
        s += "  a\(i) [label=\"Author \(i)\"]; a\(i) -- b\(i); b\(i) -- c\(i); c\(i) -- a\(i); c\(i) -- a\((i + 1) % k);\n"
    }
    return s + "}\n"
}

/// Memory over 1,000 renders, measured in a process of its own (GraphvizBench) so that the other
/// tests running in parallel here do not blur the numbers.
@Suite struct MemoryTests {
    @Test func thousandRendersKeepMemoryFlat() throws {
        let bench = try benchBinary()
        let p = Process()
        p.executableURL = bench
        p.arguments = ["memory", "--renders", "1000"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let rss = try #require(json["rss_kb"] as? [Int])
        #expect(rss.count == 10)
        // After the first 100 renders (caches warmed), 900 more add less than 256 KB in all (under
        // 0.3 KB per render; measured: 0–128 KB). A leaked context costs 3.6 KB per render, a leaked
        // graph, layout or SVG buffer tens of KB, an HTML-like label in the DOT 0.1–0.7 KB.
        let growth = rss.last! - rss.first!
        print("GraphvizBench memory: RSS \(rss.first!) KB after 100 renders, \(rss.last!) KB after 1000 (\(growth) KB)")
        #expect(growth < 256, "RSS grew \(growth) KB over 900 renders: \(rss)")
    }

    func benchBinary() throws -> URL {
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let c = dir.appendingPathComponent("GraphvizBench")
            if FileManager.default.isExecutableFile(atPath: c.path) { return c }
            dir = dir.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/GraphvizBench")
    }
}
