import CoauthorOutput
import CoauthorText

/// Plain Graphviz DOT: an undirected `graph` with every node and edge attribute, no styling.
///
/// Kept apart from the Graphviz bridge's styled writer (`DOT.swift` on that branch) with its own
/// small API, `PlainDOTWriter.write(_:to:)`, so the two can be unified when merging. Node names
/// are the stable ids; `label` is the display name. Graphviz's `weight` must be an integer for
/// `dot`, so it is always the joint-paper count (`fractional` is its own attribute). With
/// communities each node gets `fillcolor` from the palette the GEXF export uses; with a layout,
/// `pos="x,y!"` (pinned, for `neato -n`).
public enum PlainDOTWriter {
    public static func write(_ m: ExportModel, to out: TextSink) {
        let g = m.graph
        let nodeAttrs = m.nodeAttributes(positions: false)
        let edgeAttrs = m.edgeAttributes(weight: false)
        out.write("// \(m.metadata.generator) \(m.metadata.version): coauthorship graph, \(m.nodeCount) authors, \(m.edgeCount) ties\n")
        out.write("graph coauthor {\n")
        for v in 0..<m.nodeCount {
            var attrs: [String] = nodeAttrs.compactMap { a in a.value(v).map { "\(a.name)=\(dot($0))" } }
            if let c = m.community { attrs += ["style=filled", "fillcolor=\(Text.dot(Palette.hex(Int(c[v]))))"] }
            if let p = m.positions, p.x[v].isFinite, p.y[v].isFinite {
                attrs.append("pos=\(Text.dot("\(Text.number(p.x[v])),\(Text.number(p.y[v]))!"))")
            }
            out.write("  \(Text.dot(m.ids[v])) [\(attrs.joined(separator: ", "))];\n")
        }
        for e in 0..<m.edgeCount {
            let s = Int(g.edgeSource[e]), t = Int(g.edgeTarget[e])
            let attrs = ["weight=\(g.edgeWeight[e])"] + edgeAttrs.compactMap { a in a.value(e).map { "\(a.name)=\(dot($0))" } }
            out.write("  \(Text.dot(m.ids[s])) -- \(Text.dot(m.ids[t])) [\(attrs.joined(separator: ", "))];\n")
        }
        out.write("}\n")
    }

    static func dot(_ v: AttributeValue) -> String {
        switch v {
        case .int(let i): return String(i)
        case .double(let d):
            // DOT numerals have no exponent: `1e-05` would split into two tokens, so quote those.
            guard d.isFinite else { return "\"NaN\"" }
            let t = Text.number(d)
            return t.contains("e") ? "\"\(t)\"" : t
        case .string(let s): return Text.dot(s)
        }
    }
}
