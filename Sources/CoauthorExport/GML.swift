import CoauthorOutput
import CoauthorText

/// GML as networkx, igraph and Gephi read it: ASCII with `&#N;` character references, integer
/// node `id`s (`0…n−1` in node order).
///
/// `label` is the display name, made unique where several authors share one (networkx keys GML
/// nodes by label and refuses duplicates), and `key` is the stable id:
/// `networkx.read_gml(path, label="key")` gives the same node ids as the other formats. Reals
/// always carry a decimal point; unknown values are left out.
public enum GMLWriter {
    public static func write(_ m: ExportModel, to out: TextSink) {
        let g = m.graph
        let labels = m.uniqueLabels
        let nodeAttrs = m.nodeAttributes(label: false)
        let edgeAttrs = m.edgeAttributes()
        out.write("Creator \(Text.gml("\(m.metadata.generator) \(m.metadata.version)"))\n")
        out.write("graph [\n  directed 0\n  name \"coauthor\"\n")
        for v in 0..<m.nodeCount {
            out.write("  node [\n    id \(v)\n    label \(Text.gml(labels[v]))\n    key \(Text.gml(m.ids[v]))\n")
            for a in nodeAttrs { if let x = a.value(v) { out.write("    \(a.name) \(gml(x))\n") } }
            out.write("  ]\n")
        }
        for e in 0..<m.edgeCount {
            out.write("  edge [\n    source \(g.edgeSource[e])\n    target \(g.edgeTarget[e])\n")
            for a in edgeAttrs { if let x = a.value(e) { out.write("    \(a.name) \(gml(x))\n") } }
            out.write("  ]\n")
        }
        out.write("]\n")
    }

    static func gml(_ v: AttributeValue) -> String {
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return Text.gmlReal(d)
        case .string(let s): return Text.gml(s)
        }
    }
}
