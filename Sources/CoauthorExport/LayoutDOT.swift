import CoauthorGraph

extension DOT {
    /// The plain graph for a layout whose positions go into an export (`export --layout`): node
    /// `nV` for node V, small fixed circles without labels, prism overlap removal, no splines,
    /// seeded by `seed` (Graphviz's `start`).
    public static func layoutInput(_ g: CoauthorGraph, seed: UInt64) -> String {
        var dot = "graph G {\n  graph [start=\(seed), overlap=prism, splines=false, outputorder=edgesfirst];\n"
        dot += "  node [shape=circle, width=0.2, fixedsize=true, label=\"\"];\n"
        for v in 0..<g.nodeCount { dot += "  n\(v);\n" }
        for e in 0..<g.edgeCount { dot += "  n\(g.edgeSource[e]) -- n\(g.edgeTarget[e]);\n" }
        return dot + "}\n"
    }
}
