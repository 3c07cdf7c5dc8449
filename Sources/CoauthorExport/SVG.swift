import CoauthorText
import Foundation

/// Text post-processing of the SVG Graphviz makes from `DOT.write(_:for: .svg)`: tooltips, a
/// header with title, caption and legend, and a style sheet.
///
/// - Tooltips: Graphviz gives every node and edge group a `<title>` holding its DOT name (`n12`,
///   `n3&#45;&#45;n12`); browsers show a group's `<title>` as its tooltip. They are replaced with
///   the drawing's tooltips (name, papers, metric, community; joint papers and years).
/// - Header: the canvas grows upwards by a band holding the title, the caption (one line per
///   "\n"), what circle size means and the colour legend (a disc per colour, like the nodes); a
///   header wider than the drawing widens the canvas and centres the drawing. Text widths there are
///   estimated (1 em for East Asian wide characters, 0.56 em otherwise), generously: they only
///   decide where legend entries wrap and how wide the canvas must be.
/// - Style: a font fallback list for viewers without Noto Sans CJK, and a white halo behind node
///   labels so they stay readable over edges and coloured circles.
public enum SVG {
    public enum DecorationError: Error, Equatable, CustomStringConvertible {
        /// Graphviz's SVG did not have the node or edge groups the drawing has.
        case unexpectedSVG(String)

        public var description: String {
            switch self { case .unexpectedSVG(let m): return "unexpected SVG from Graphviz: \(m)" }
        }
    }

    static let style = """
        <style>
        text { font-family: "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif; }
        .node text { paint-order: stroke; stroke: #FFFFFF; stroke-width: 3px; stroke-linejoin: round; }
        .node:hover ellipse { stroke: #1A1A1A; stroke-width: 2px; }
        </style>
        """

    /// `svg` with our tooltips and style.
    /// - Throws: `DecorationError` when a node or edge of the drawing has no group in the SVG.
    public static func decorate(_ svg: String, drawing d: NetworkDrawing) throws -> String {
        var nodeIndex: [String: Int] = [:]
        for (i, id) in d.ids.enumerated() { nodeIndex[id] = i }
        var edgeIndex: [String: Int] = [:]
        for (k, (a, b)) in d.edgeEnds.enumerated() { edgeIndex[d.ids[a] + "&#45;&#45;" + d.ids[b]] = k }

        var lines = svg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var nodesDone = 0, edgesDone = 0
        var styleAdded = false
        var i = 0
        while i < lines.count {
            let line = lines[i]
            if !styleAdded, line.hasPrefix("<svg") {
                var j = i
                while j < lines.count && !lines[j].hasSuffix(">") { j += 1 }
                if j < lines.count { lines.insert(style, at: j + 1); styleAdded = true; i = j + 2; continue }
            }
            if line.hasPrefix("<g id=\""), i + 1 < lines.count, let name = titleText(lines[i + 1]) {
                if line.hasSuffix("class=\"node\">"), let v = nodeIndex[name] {
                    lines[i + 1] = "<title>\(Text.xmlCharacterData(d.nodeTooltip[v]))</title>"
                    nodesDone += 1
                } else if line.hasSuffix("class=\"edge\">"), let k = edgeIndex[name] {
                    lines[i + 1] = "<title>\(Text.xmlCharacterData(d.edgeTooltip[k]))</title>"
                    edgesDone += 1
                }
            }
            i += 1
        }
        guard styleAdded else { throw DecorationError.unexpectedSVG("no <svg> element") }
        try addHeader(&lines, drawing: d)
        guard nodesDone == d.ids.count else {
            throw DecorationError.unexpectedSVG("\(nodesDone) node groups for \(d.ids.count) nodes")
        }
        guard edgesDone == d.edgeEnds.count else {
            throw DecorationError.unexpectedSVG("\(edgesDone) edge groups for \(d.edgeEnds.count) edges")
        }
        return lines.joined(separator: "\n")
    }

    /// Grows the canvas by the header band and draws the header into it.
    static func addHeader(_ lines: inout [String], drawing d: NetworkDrawing) throws {
        // Graphviz writes: <svg width="Wpt" height="Hpt"\n viewBox="0.00 0.00 W H" …>, then
        // <g id="graph0" class="graph" transform="scale(1 1) rotate(0) translate(X Y)">.
        guard let svgLine = lines.firstIndex(where: { $0.hasPrefix("<svg width=\"") }),
              let viewLine = lines[svgLine...].firstIndex(where: { $0.contains("viewBox=\"") }),
              let graphLine = lines.firstIndex(where: { $0.hasPrefix("<g id=\"graph0\"") }),
              let view = between(lines[viewLine], "viewBox=\"", "\""),
              let translate = between(lines[graphLine], "translate(", ")") else {
            throw DecorationError.unexpectedSVG("no canvas size or graph transform")
        }
        let box = view.split(separator: " ").compactMap { Double($0) }
        let shift = translate.split(separator: " ").compactMap { Double($0) }
        guard box.count == 4, shift.count == 2 else { throw DecorationError.unexpectedSVG("viewBox '\(view)'") }
        let width = box[2], height = box[3]

        let band = header(d, width: width)
        let newWidth = max(width, band.width), newHeight = height + band.height
        func n(_ v: Double) -> String { Text.fixed(v, decimals: 2) }
        lines[svgLine] = "<svg width=\"\(Int(newWidth.rounded(.up)))pt\" height=\"\(Int(newHeight.rounded(.up)))pt\""
        lines[viewLine] = lines[viewLine].replacingOccurrences(of: "viewBox=\"\(view)\"", with: "viewBox=\"0.00 0.00 \(n(newWidth)) \(n(newHeight))\"")
        // A header wider than the drawing: centre the drawing under it.
        lines[graphLine] = lines[graphLine].replacingOccurrences(
            of: "translate(\(translate))",
            with: "translate(\(n(shift[0] + (newWidth - width) / 2)) \(n(shift[1] + band.height)))")
        lines.insert("<rect x=\"0\" y=\"0\" width=\"\(n(newWidth))\" height=\"\(n(newHeight))\" fill=\"white\"/>\n" + band.svg, at: graphLine)
    }

    /// The header band: its SVG (a `<g id="legend">`), height and the width it needs, in points.
    static func header(_ d: NetworkDrawing, width: Double) -> (svg: String, height: Double, width: Double) {
        let margin = 14.0
        let font = "font-family=\"\(NetworkDrawing.fontName)\""
        var out = "<g id=\"legend\" class=\"legend\">\n"
        var y = 8.0, needed = 0.0
        func text(_ s: String, size: Double, bold: Bool = false, colour: String = "#1A1A1A", advance: Double) {
            y += advance
            out += "<text x=\"\(Text.fixed(margin))\" y=\"\(Text.fixed(y, decimals: 2))\" \(font) font-size=\"\(Text.fixed(size))\""
            out += (bold ? " font-weight=\"bold\"" : "") + " fill=\"\(colour)\">\(Text.xmlCharacterData(s))</text>\n"
            needed = max(needed, 2 * margin + textWidth(s, size: size, bold: bold))
        }
        if let t = d.title { text(t, size: 22, bold: true, advance: 26) }
        for (i, c) in (d.caption?.split(separator: "\n").map(String.init) ?? []).enumerated() {
            text(c, size: 12, colour: "#555555", advance: i == 0 ? 18 : 16)
        }
        text(d.sizeNote, size: 12, colour: "#555555", advance: 17)
        if !d.legend.isEmpty {
            if let h = d.legendHeading { text(h, size: 12, bold: true, advance: 20) }
            let limit = max(width, needed, 480) - margin
            var x = margin
            y += 18
            for entry in d.legend {
                let w = 16 + textWidth(entry.text, size: 12, bold: false)
                if x > margin && x + w > limit { x = margin; y += 18 }
                out += "<circle cx=\"\(Text.fixed(x + 6, decimals: 2))\" cy=\"\(Text.fixed(y - 4, decimals: 2))\" r=\"6\" fill=\"\(entry.colour)\"/>\n"
                out += "<text x=\"\(Text.fixed(x + 16, decimals: 2))\" y=\"\(Text.fixed(y, decimals: 2))\" \(font) font-size=\"12\" fill=\"#1A1A1A\">\(Text.xmlCharacterData(entry.text))</text>\n"
                x += w + 18
                needed = max(needed, x - 18 + margin)
            }
        }
        return (out + "</g>", y + 12, needed)
    }

    /// A generous estimate of a text's width in points.
    static func textWidth(_ s: String, size: Double, bold: Bool) -> Double {
        NetworkDrawing.estimatedWidth(s, points: size) * (bold ? 1.06 : 1)
    }

    static func between(_ s: String, _ start: String, _ end: String) -> String? {
        guard let a = s.range(of: start), let b = s.range(of: end, range: a.upperBound..<s.endIndex) else { return nil }
        return String(s[a.upperBound..<b.lowerBound])
    }

    static func titleText(_ line: String) -> String? {
        guard line.hasPrefix("<title>"), line.hasSuffix("</title>") else { return nil }
        return String(line.dropFirst(7).dropLast(8))
    }

}
