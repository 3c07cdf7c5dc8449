import CoauthorGraph

extension DOT {
    /// The plain graph for a layout whose positions go into an export (`export --layout`): node
    /// `nV` for node V, small fixed circles without labels, prism overlap removal, no splines,
    /// seeded by `seed` (Graphviz's `start`).
    /// `overlap` is Graphviz's overlap removal (`prism` keeps circles apart; `true` skips it);
    /// `fastQuadtree` uses sfdp's coarser force approximation (about half the time on 20,000
    /// authors).
    public static func layoutInput(_ g: CoauthorGraph, seed: UInt64, overlap: String = "prism", fastQuadtree: Bool = false) -> String {
        var dot = "graph G {\n  graph [start=\(seed), overlap=\(overlap), splines=false, outputorder=edgesfirst\(fastQuadtree ? ", quadtree=fast" : "")];\n"
        dot += "  node [shape=circle, width=0.2, fixedsize=true, label=\"\"];\n"
        for v in 0..<g.nodeCount { dot += "  n\(v);\n" }
        for e in 0..<g.edgeCount { dot += "  n\(g.edgeSource[e]) -- n\(g.edgeTarget[e]);\n" }
        return dot + "}\n"
    }
}
