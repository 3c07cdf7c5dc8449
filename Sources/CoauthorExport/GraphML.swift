import CoauthorOutput
import CoauthorText

/// GraphML with typed keys (`int`, `double`, `string`), as networkx, Gephi, Cytoscape and igraph
/// read it. Node ids are the stable ids; `label`, `weight`, `x` and `y` are the attribute names
/// Gephi maps to labels, edge weights and positions. Unknown values (a year, an ORCID) are left
/// out, which GraphML reads as missing. Generator, inputs and options go in the graph's `<desc>`.
public enum GraphMLWriter {
    public static func write(_ m: ExportModel, to out: TextSink) {
        let nodeAttrs = m.nodeAttributes()
        let edgeAttrs = m.edgeAttributes()
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n")
        for a in nodeAttrs {
            out.write("  <key id=\"v_\(a.name)\" for=\"node\" attr.name=\"\(a.name)\" attr.type=\"\(a.type.graphML)\"/>\n")
        }
        for a in edgeAttrs {
            out.write("  <key id=\"e_\(a.name)\" for=\"edge\" attr.name=\"\(a.name)\" attr.type=\"\(a.type.graphML)\"/>\n")
        }
        out.write("  <graph id=\"coauthor\" edgedefault=\"undirected\">\n")
        out.write("    <desc>\(Text.xml(description(m), content: true))</desc>\n")
        for v in 0..<m.nodeCount {
            out.write("    <node id=\"\(Text.xml(m.ids[v]))\">")
            for a in nodeAttrs { data("v_" + a.name, a.value(v), out) }
            out.write("</node>\n")
        }
        for e in 0..<m.edgeCount {
            let s = Int(m.graph.edgeSource[e]), t = Int(m.graph.edgeTarget[e])
            out.write("    <edge source=\"\(Text.xml(m.ids[s]))\" target=\"\(Text.xml(m.ids[t]))\">")
            for a in edgeAttrs { data("e_" + a.name, a.value(e), out) }
            out.write("</edge>\n")
        }
        out.write("  </graph>\n</graphml>\n")
    }

    private static func data(_ key: String, _ value: AttributeValue?, _ out: TextSink) {
        guard let value else { return }
        let text: String
        switch value {
        case .int(let i): text = String(i)
        case .double(let d): text = Text.xmlNumber(d)
        case .string(let s):
            // An empty <data> element would read back as a missing value, not "".
            guard !s.isEmpty else { return }
            text = Text.xml(s, content: true)
        }
        out.write("<data key=\"\(key)\">\(text)</data>")
    }

    /// Graph-level metadata as the graph's `<desc>` (graph-level `<key for="graph">` data would
    /// be reported as an error by Gephi's importer).
    static func description(_ m: ExportModel) -> String {
        var out = m.metadata.version.isEmpty ? m.metadata.generator : "\(m.metadata.generator) \(m.metadata.version)"
        out += ": coauthorship graph, \(m.nodeCount) authors, \(m.edgeCount) coauthor ties"
        if !m.metadata.inputs.isEmpty { out += "; inputs: " + m.metadata.inputs.joined(separator: ", ") }
        if !m.metadata.options.isEmpty {
            out += "; options: " + m.metadata.options.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        }
        return out
    }
}
