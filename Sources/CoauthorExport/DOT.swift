import CoauthorOutput
import CoauthorText
import Foundation

/// Graphviz's DOT language: the styled network writer and its escaping rules.
///
/// The text depends only on the drawing (no Graphviz, no clock, no locale): numbers are printed
/// with fixed decimals, nodes and edges in the drawing's sorted order, attributes in a fixed order.
/// It is what the snapshot tests pin down (SVG bytes may differ between Graphviz versions; the DOT
/// we send must not).
public enum DOT {
    /// Who draws what Graphviz's plain output lacks: the header (title, caption, legend) and a
    /// backdrop that keeps node labels readable over edges and dark circles.
    public enum Target: Sendable {
        /// `SVG.decorate` adds them to Graphviz's SVG (a header band; a white text halo in CSS).
        /// The DOT has no HTML-like labels: Graphviz 2.42 leaks memory on every HTML-like label it
        /// lays out (0.1–0.7 KB per render, measured), so rendering this DOT again and again in one
        /// process keeps memory flat.
        case svg
        /// Graphviz draws them itself, for outputs that cannot be post-processed (PNG, PDF): the
        /// header as the graph's HTML-like label above the network, each node label as an
        /// HTML-like label on a translucent white box. (`coauthor render` lays these out in a fresh
        /// child process, so the leak never accumulates.)
        case selfContained
    }

    /// The styled network as DOT text.
    public static func write(_ d: NetworkDrawing, for target: Target = .svg) -> String {
        var out = "graph \(Text.graphvizLabel(d.title ?? "Coauthorship network")) {\n"
        out += "  graph [" + d.graphAttributes.map { "\($0.0)=\(Text.graphvizLabel($0.1))" }.joined(separator: ", ") + "];\n"
        if case .selfContained = target { out += "  graph [label=<\(legendLabel(d))>];\n" }
        out += "  node [shape=circle, style=filled, fixedsize=shape, label=\"\", fontname=\(Text.graphvizLabel(NetworkDrawing.fontName)), fontcolor=\"#1A1A1A\", color=\"#FFFFFF\", penwidth=0.75];\n"
        out += "  edge [color=\(Text.graphvizLabel(d.edgeColour)), penwidth=0.6];\n"
        for i in d.ids.indices {
            var attrs = ["width=\(Text.fixed(d.diameter[i]))", "fillcolor=\(Text.graphvizLabel(d.fill[i]))"]
            if let l = d.label[i] {
                switch target {
                case .svg: attrs.append("label=\(Text.graphvizLabel(l))")
                case .selfContained:
                    attrs.append("label=<<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLPADDING=\"1\" BGCOLOR=\"#FFFFFF99\"><TR><TD>\(Text.graphvizHTML(l))</TD></TR></TABLE>>")
                }
                attrs.append("fontsize=\(Text.fixed(d.fontSize[i], decimals: 1))")
            }
            if d.isEgo[i] { attrs += ["color=\"#1A1A1A\"", "penwidth=2.5"] }
            if let p = d.pinned[i] { attrs.append("pos=\"\(Text.fixed(p.x, decimals: 1)),\(Text.fixed(p.y, decimals: 1))!\"") }
            out += "  \(d.ids[i]) [\(attrs.joined(separator: ", "))];\n"
        }
        for (k, (a, b)) in d.edgeEnds.enumerated() {
            let w = d.edgeWidth[k]
            out += "  \(d.ids[a]) -- \(d.ids[b])" + (w == 0.6 ? "" : " [penwidth=\(Text.fixed(w, decimals: 1))]") + ";\n"
        }
        return out + "}\n"
    }

    /// Title, caption, size note and colour legend as one HTML-like table (the graph's label, drawn
    /// by Graphviz above the network in every output format). Legend entries go four to a line, each
    /// a coloured disc (like the nodes) and its text.
    static func legendLabel(_ d: NetworkDrawing) -> String {
        let perRow = 4
        var rows: [String] = []
        func line(_ text: String, size: Int, colour: String? = nil, bold: Bool = false) -> String {
            var t = Text.graphvizHTML(text)
            if bold { t = "<B>\(t)</B>" }
            let c = colour.map { " COLOR=\"\($0)\"" } ?? ""
            return "<TR><TD ALIGN=\"LEFT\"><FONT POINT-SIZE=\"\(size)\"\(c)>\(t)</FONT></TD></TR>"
        }
        if let t = d.title { rows.append(line(t, size: 22, bold: true)) }
        for c in d.caption?.split(separator: "\n") ?? [] { rows.append(line(String(c), size: 12, colour: "#555555")) }
        rows.append(line(d.sizeNote, size: 12, colour: "#555555"))
        if !d.legend.isEmpty {
            if let h = d.legendHeading { rows.append(line(h, size: 12, bold: true)) }
            var i = 0
            while i < d.legend.count {
                let entries = d.legend[i..<min(i + perRow, d.legend.count)].map { entry in
                    "<FONT POINT-SIZE=\"16\" COLOR=\"\(entry.colour)\">●</FONT><FONT POINT-SIZE=\"12\">&#160;\(Text.graphvizHTML(entry.text))</FONT>"
                }
                rows.append("<TR><TD ALIGN=\"LEFT\">\(entries.joined(separator: "<FONT POINT-SIZE=\"12\">&#160;&#160;&#160;&#160;</FONT>"))</TD></TR>")
                i += perRow
            }
        }
        return "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"2\" CELLPADDING=\"1\">" + rows.joined() + "</TABLE>"
    }
}
