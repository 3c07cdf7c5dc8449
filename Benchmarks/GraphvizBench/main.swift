// Speed and memory of the Graphviz bridge on synthetic coauthorship graphs.
//
//   GraphvizBench layout [--nodes 1000,2000] [--engines sfdp,twopi,…] [--gml netscience.gml]
//                                                                      layout + SVG time per engine
//   GraphvizBench cut [--authors 60000] [--max-nodes 2000]               the render pipeline on a big graph
//   GraphvizBench memory [--renders 1000]                                 RSS while rendering repeatedly
//   GraphvizBench picture [--gml F | --authors N] [--engine E] [--out x.svg]   a decorated SVG to look at
//
// Everything runs in this process through `Graphviz.render` (the in-process API); the styled DOT is
// the one `coauthor render` sends. Output: one JSON object per line on standard output.
import CoauthorAlgorithms
import CoauthorExport
import CoauthorGraph
import CoauthorRecords
import Foundation
import GraphvizBridge

/// A synthetic coauthorship corpus: `authors` people in groups of about 30; papers of 2–6 authors,
/// mostly from one group (skewed towards its first members, so groups have leaders), sometimes with
/// an outsider. Deterministic for a seed.
func syntheticCorpus(authors: Int, papersPerAuthor: Double = 1.5, seed: UInt64 = 1) -> Corpus {
    var rng = SplitMix64(seed: seed)
    let groupSize = 30
    let groups = max(1, authors / groupSize)
    let builder = CorpusBuilder()
    for p in 0..<Int(Double(authors) * papersPerAuthor) {
        let g = rng.next(below: groups)
        let k = 2 + min(4, rng.next(below: 3) + rng.next(below: 3))
        var members = Set<Int>()
        while members.count < k {
            if rng.next(below: 10) == 0 {
                members.insert(rng.next(below: authors))
            } else {
                let u = Double(rng.next(below: 1 << 20)) / Double(1 << 20)
                members.insert(min(authors - 1, g * groupSize + Int(Double(groupSize) * u * u)))
            }
        }
        let names = members.sorted().map { AuthorName(raw: "Author \($0)", given: "Author", family: "N\($0)") }
        builder.add(PaperRecord(id: "p\(p)", title: "Paper \(p)", authors: names, year: 2000 + rng.next(below: 21),
                                source: SourceLocation(file: "synthetic", line: p + 1)))
    }
    return builder.finish()
}

/// Newman's netscience coauthorship network (GML) as a corpus: one two-author paper per edge,
/// names "FAMILY, G" as written.
func gmlCorpus(_ path: String) throws -> Corpus {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var names: [Int: String] = [:]
    var papers: [(Int, Int)] = []
    var id: Int?, source: Int?
    for raw in text.split(separator: "\n") {
        let line = raw.trimmingCharacters(in: .whitespaces)
        if line.hasPrefix("id ") { id = Int(line.dropFirst(3)) }
        if line.hasPrefix("label "), let i = id { names[i] = String(line.dropFirst(7).dropLast()) }
        if line.hasPrefix("source ") { source = Int(line.dropFirst(7)) }
        if line.hasPrefix("target "), let a = source, let b = Int(line.dropFirst(7)) { papers.append((a, b)) }
    }
    let builder = CorpusBuilder()
    for (k, (a, b)) in papers.enumerated() {
        let authors = [a, b].map { i -> AuthorName in
            let n = names[i] ?? "N\(i)"
            let parts = n.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            return AuthorName(raw: n, given: parts.count > 1 ? parts[1] : nil, family: parts[0])
        }
        builder.add(PaperRecord(id: "e\(k)", title: "", authors: authors, year: 2000,
                                source: SourceLocation(file: path, line: k + 1)))
    }
    return builder.finish()
}

/// The styled DOT of the `maxNodes` most central nodes (PageRank), as `coauthor render` makes it.
func styledDOT(_ full: CoauthorGraph, maxNodes: Int, engine: LayoutEngine) throws -> (dot: String, nodes: Int, seconds: [String: Double]) {
    let (d, seconds) = try styledDrawing(full, maxNodes: maxNodes, engine: engine)
    return (DOT.write(d), d.ids.count, seconds)
}

func styledDrawing(_ full: CoauthorGraph, maxNodes: Int, engine: LayoutEngine, title: String? = nil) throws -> (NetworkDrawing, [String: Double]) {
    var seconds: [String: Double] = [:]
    var t = Date()
    let score = try Spectral.pageRank(WeightedAdjacency(full)).values
    seconds["pagerank"] = Date().timeIntervalSince(t)
    t = Date()
    let order = (0..<full.nodeCount).sorted { score[$0] != score[$1] ? score[$0] > score[$1] : $0 < $1 }
    var keep = [Bool](repeating: false, count: full.nodeCount)
    for v in order.prefix(maxNodes) { keep[v] = true }
    let g = full.subgraph(keeping: keep)
    let original = (0..<full.nodeCount).filter { keep[$0] }
    let comps = g.connectedComponents()
    let drawing = NetworkDrawing(graph: g, options: DrawingOptions(
        sizeValues: original.map { score[$0] }, sizeName: "PageRank",
        colouring: .community(membership: comps.membership.map(Int.init), labels: (0..<comps.count).map { "c\($0)" }, heading: "Components", noun: "component"),
        labelCount: 30, engine: engine.rawValue, seed: 1, title: title, caption: "\(full.nodeCount) authors, \(full.edgeCount) ties"))
    seconds["cut+dot"] = Date().timeIntervalSince(t)
    return (drawing, seconds)
}

func residentKB() -> Int {
    guard let s = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return -1 }
    let f = s.split(separator: " ")
    return f.count > 1 ? (Int(f[1]) ?? 0) * Int(sysconf(Int32(_SC_PAGESIZE))) / 1024 : -1
}

func option(_ name: String, _ fallback: String) -> String {
    let a = CommandLine.arguments
    if let i = a.firstIndex(of: name), i + 1 < a.count { return a[i + 1] }
    return fallback
}

func emitLine(_ fields: [(String, Any)]) {
    let parts = fields.map { k, v -> String in
        switch v {
        case let s as String: return "\"\(k)\": \"\(s)\""
        case let d as Double: return "\"\(k)\": \(String(format: "%.3f", d))"
        case let a as [Int]: return "\"\(k)\": [\(a.map(String.init).joined(separator: ", "))]"
        default: return "\"\(k)\": \(v)"
        }
    }
    FileHandle.standardOutput.write(Data(("{" + parts.joined(separator: ", ") + "}\n").utf8))
}

let mode = CommandLine.arguments.dropFirst().first ?? "layout"
do {
    switch mode {
    case "layout":
        let sizes = option("--nodes", "1000,2000").split(separator: ",").compactMap { Int($0) }
        let engines = try option("--engines", "sfdp,twopi").split(separator: ",").map { try LayoutEngine(validating: String($0)) }
        let gml = CommandLine.arguments.contains("--gml") ? option("--gml", "") : nil
        for n in sizes {
            let corpus = try gml.map(gmlCorpus) ?? syntheticCorpus(authors: n)
            let full = CoauthorGraph(corpus: corpus)
            for e in engines {
                let (dot, nodes, _) = try styledDOT(full, maxNodes: n, engine: e)
                let t = Date()
                let r = try Graphviz.render(GraphvizRequest(dot: dot, engine: e, formats: [.svg]))
                emitLine([("engine", e.rawValue), ("nodes", nodes), ("edges", full.edgeCount), ("seconds", Date().timeIntervalSince(t)),
                          ("svg_bytes", r.bytes(.svg)?.count ?? 0)])
            }
        }
    case "cut":
        let authors = Int(option("--authors", "60000"))!
        let cap = Int(option("--max-nodes", "2000"))!
        let engine = try LayoutEngine(validating: option("--engine", "sfdp"))
        var t = Date()
        let corpus = syntheticCorpus(authors: authors)
        let full = CoauthorGraph(corpus: corpus)
        let build = Date().timeIntervalSince(t)
        let (dot, nodes, s) = try styledDOT(full, maxNodes: cap, engine: engine)
        t = Date()
        _ = try Graphviz.render(GraphvizRequest(dot: dot, engine: engine, formats: [.svg]))
        emitLine([("authors", full.nodeCount), ("edges", full.edgeCount), ("drawn", nodes), ("engine", engine.rawValue),
                  ("build_seconds", build), ("pagerank_seconds", s["pagerank"]!), ("cut_dot_seconds", s["cut+dot"]!),
                  ("layout_svg_seconds", Date().timeIntervalSince(t))])
    case "dot":
        let corpus = CommandLine.arguments.contains("--gml") ? try gmlCorpus(option("--gml", ""))
            : syntheticCorpus(authors: Int(option("--authors", "60"))!, seed: 7)
        let full = CoauthorGraph(corpus: corpus)
        let (dot, _, _) = try styledDOT(full, maxNodes: Int(option("--max-nodes", "2000"))!, engine: try LayoutEngine(validating: option("--engine", "sfdp")))
        FileHandle.standardOutput.write(Data(dot.utf8))
    case "picture":
        let corpus = CommandLine.arguments.contains("--gml") ? try gmlCorpus(option("--gml", ""))
            : syntheticCorpus(authors: Int(option("--authors", "2000"))!)
        let engine = try LayoutEngine(validating: option("--engine", "sfdp"))
        let (d, _) = try styledDrawing(CoauthorGraph(corpus: corpus), maxNodes: Int(option("--max-nodes", "2000"))!, engine: engine,
                                      title: option("--title", "GraphvizBench"))
        let r = try Graphviz.render(GraphvizRequest(dot: DOT.write(d), engine: engine))
        let svg = try SVG.decorate(String(decoding: r.bytes(.svg)!, as: UTF8.self), drawing: d)
        try Data(svg.utf8).write(to: URL(fileURLWithPath: option("--out", "picture.svg")))
    case "memory":
        let renders = Int(option("--renders", "1000"))!
        let full = CoauthorGraph(corpus: syntheticCorpus(authors: 60, seed: 7))
        let (dot, _, _) = try styledDOT(full, maxNodes: 60, engine: .sfdp)
        var samples: [Int] = []
        let t = Date()
        for i in 1...renders {
            _ = try Graphviz.render(GraphvizRequest(dot: dot, engine: .sfdp, formats: [.svg], readLayout: true))
            if i % max(1, renders / 10) == 0 { samples.append(residentKB()) }
        }
        emitLine([("renders", renders), ("seconds", Date().timeIntervalSince(t)), ("rss_kb", samples)])
    default:
        FileHandle.standardError.write(Data("usage: GraphvizBench layout|cut|memory [options]\n".utf8))
        exit(64)
    }
} catch {
    FileHandle.standardError.write(Data("GraphvizBench: \(error)\n".utf8))
    exit(1)
}
