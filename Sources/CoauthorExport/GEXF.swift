import CoauthorOutput
import CoauthorText

/// GEXF 1.3, dynamic with integer years, so Gephi's timeline replays how the field grew.
///
/// - Each node with known years has one spell from its first to its last year; each edge one spell
///   per run of consecutive years in which the two wrote together. Elements without a known year
///   have no spell (present throughout).
/// - `viz:color` from the community (a fixed palette; grey for a node in no community), `viz:size`
///   from the paper count, `viz:position` from the layout when there is one.
/// - The edge weight is the `weight` attribute of `<edge>` (Gephi's own weight column); the other
///   attributes are declared under `<attributes>` with GEXF types and ids equal to their titles.
/// - No `<attributes mode=…>` and no edge ids: both optional in the 1.3 schema, and an edge id would
///   appear as an extra attribute in networkx.
public enum GEXFWriter {
    public static func write(_ m: ExportModel, to out: TextSink) {
        let nodeAttrs = m.nodeAttributes(label: false, positions: false)
        let edgeAttrs = m.edgeAttributes(weight: false)
        let g = m.graph
        out.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        out.write("<gexf xmlns=\"http://gexf.net/1.3\" xmlns:viz=\"http://gexf.net/1.3/viz\" version=\"1.3\">\n")
        out.write("  <meta>\n")
        let creator = m.metadata.version.isEmpty ? m.metadata.generator : "\(m.metadata.generator) \(m.metadata.version)"
        out.write("    <creator>\(Text.xml(creator, content: true))</creator>\n")
        var description = "Coauthorship graph: \(m.nodeCount) authors, \(m.edgeCount) coauthor ties"
        if !m.metadata.inputs.isEmpty { description += "; inputs: " + m.metadata.inputs.joined(separator: ", ") }
        if !m.metadata.options.isEmpty {
            description += "; options: " + m.metadata.options.map { "\($0.0)=\($0.1)" }.joined(separator: " ")
        }
        out.write("    <description>\(Text.xml(description, content: true))</description>\n")
        out.write("  </meta>\n")
        var graphTag = "  <graph defaultedgetype=\"undirected\" mode=\"dynamic\" timeformat=\"integer\""
        if let (lo, hi) = m.yearRange { graphTag += " start=\"\(lo)\" end=\"\(hi)\"" }
        out.write(graphTag + ">\n")
        declare("node", nodeAttrs, out)
        declare("edge", edgeAttrs, out)

        let maxPapers = max(1, g.nodePapers.max() ?? 1)
        out.write("    <nodes count=\"\(m.nodeCount)\">\n")
        for v in 0..<m.nodeCount {
            out.write("      <node id=\"\(Text.xml(m.ids[v]))\" label=\"\(Text.xml(m.labels[v]))\">\n")
            attvalues(nodeAttrs, v, out)
            if let a = m.year(g.nodeFirstYear[v]), let b = m.year(g.nodeLastYear[v]) {
                out.write("        <spells><spell start=\"\(a)\" end=\"\(b)\"/></spells>\n")
            }
            if let c = m.community {
                let (r, gr, b) = Palette.color(Int(c[v]))
                out.write("        <viz:color r=\"\(r)\" g=\"\(gr)\" b=\"\(b)\"/>\n")
            }
            out.write("        <viz:size value=\"\(Text.number(Palette.size(papers: Int(g.nodePapers[v]), max: Int(maxPapers))))\"/>\n")
            if let p = m.positions {
                out.write("        <viz:position x=\"\(Text.xmlNumber(p.x[v]))\" y=\"\(Text.xmlNumber(p.y[v]))\" z=\"0\"/>\n")
            }
            out.write("      </node>\n")
        }
        out.write("    </nodes>\n")
        out.write("    <edges count=\"\(m.edgeCount)\">\n")
        for e in 0..<m.edgeCount {
            let s = Int(g.edgeSource[e]), t = Int(g.edgeTarget[e])
            out.write("      <edge source=\"\(Text.xml(m.ids[s]))\" target=\"\(Text.xml(m.ids[t]))\" weight=\"\(Text.xmlNumber(m.weight(e)))\">\n")
            attvalues(edgeAttrs, e, out)
            let spells = ExportModel.spells(m.years(e))
            if !spells.isEmpty {
                out.write("        <spells>")
                for (a, b) in spells { out.write("<spell start=\"\(a)\" end=\"\(b)\"/>") }
                out.write("</spells>\n")
            }
            out.write("      </edge>\n")
        }
        out.write("    </edges>\n  </graph>\n</gexf>\n")
    }

    private static func declare(_ cls: String, _ attrs: [Attribute], _ out: TextSink) {
        out.write("    <attributes class=\"\(cls)\">\n")
        for a in attrs {
            out.write("      <attribute id=\"\(a.name)\" title=\"\(a.name)\" type=\"\(a.type.gexf)\"/>\n")
        }
        out.write("    </attributes>\n")
    }

    private static func attvalues(_ attrs: [Attribute], _ i: Int, _ out: TextSink) {
        var line = ""
        for a in attrs {
            guard let v = a.value(i) else { continue }
            let text: String
            switch v {
            case .int(let x): text = String(x)
            case .double(let d): text = Text.xmlNumber(d)
            case .string(let s): text = Text.xml(s)
            }
            line += "<attvalue for=\"\(a.name)\" value=\"\(text)\"/>"
        }
        if !line.isEmpty { out.write("        <attvalues>\(line)</attvalues>\n") }
    }
}
