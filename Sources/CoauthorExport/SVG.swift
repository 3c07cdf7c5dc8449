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
/// - Labels: each node label is drawn twice. Under every circle (a `<g id="halos">` between the
///   edges and the nodes) with a white halo, so it reads over edges; and on its own circle, clipped
///   to the circle, in the colour that contrasts with the fill (white on dark fills). The halo
///   never covers a circle, so a label does not wash out its node's colour.
/// - Size: text is multiplied by the drawing's `textScale`; given a display width, a canvas wider
///   than that is declared that wide (`width`/`height` in px, the viewBox unchanged), so a viewer
///   opens it at the width its text was sized for.
/// - Style: a font fallback list for viewers without Noto Sans CJK.
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
        .halos text { paint-order: stroke; stroke: #FFFFFF; stroke-linejoin: round; }
        .node:hover ellipse { stroke: #1A1A1A; stroke-width: 2px; }
        </style>
        """

    /// `svg` with our tooltips and style.
    /// - Throws: `DecorationError` when a node or edge of the drawing has no group in the SVG.
    public static func decorate(_ svg: String, drawing d: NetworkDrawing, displayWidth: Double? = nil) throws -> String {
        var nodeIndex: [String: Int] = [:]
        for (i, id) in d.ids.enumerated() { nodeIndex[id] = i }
        var edgeIndex: [String: Int] = [:]
        for (k, (a, b)) in d.edgeEnds.enumerated() { edgeIndex[d.ids[a] + "&#45;&#45;" + d.ids[b]] = k }

        var lines = svg.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var nodesDone = 0, edgesDone = 0
        var styleAdded = false
        var halos: [String] = []
        var firstNodeLine: Int?
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
                    // Before the group's comment (`<!-- n0 -->`) that Graphviz writes above it.
                    if firstNodeLine == nil { firstNodeLine = i > 0 && lines[i - 1].hasPrefix("<!--") ? i - 1 : i }
                    splitLabel(&lines, group: i, node: v, drawing: d, halos: &halos)
                } else if line.hasSuffix("class=\"edge\">"), let k = edgeIndex[name] {
                    lines[i + 1] = "<title>\(Text.xmlCharacterData(d.edgeTooltip[k]))</title>"
                    edgesDone += 1
                }
            }
            i += 1
        }
        guard styleAdded else { throw DecorationError.unexpectedSVG("no <svg> element") }
        if let f = firstNodeLine, !halos.isEmpty {
            lines.insert("<g id=\"halos\" class=\"halos\">\n" + halos.joined(separator: "\n") + "\n</g>", at: f)
        }
        try addHeader(&lines, drawing: d, displayWidth: displayWidth)
        guard nodesDone == d.ids.count else {
            throw DecorationError.unexpectedSVG("\(nodesDone) node groups for \(d.ids.count) nodes")
        }
        guard edgesDone == d.edgeEnds.count else {
            throw DecorationError.unexpectedSVG("\(edgesDone) edge groups for \(d.edgeEnds.count) edges")
        }
        return lines.joined(separator: "\n")
    }

    /// The node group starting at line `group`: its label (Graphviz's `<text>` lines) moves under
    /// the circles with a white halo (into `halos`), and a copy clipped to the circle, in the
    /// colour that contrasts with the fill, stays on top.
    static func splitLabel(_ lines: inout [String], group: Int, node v: Int, drawing d: NetworkDrawing, halos: inout [String]) {
        var j = group + 1
        var shape: String?
        while j < lines.count && lines[j] != "</g>" {
            let line = lines[j]
            if shape == nil, line.hasPrefix("<ellipse ") {
                // The circle's geometry, for the clip path.
                var geometry: [String] = []
                for name in ["cx", "cy", "rx", "ry"] {
                    if let value = between(line, " \(name)=\"", "\"") { geometry.append("\(name)=\"\(value)\"") }
                }
                if geometry.count == 4 { shape = "<ellipse " + geometry.joined(separator: " ") + "/>" }
            }
            if line.hasPrefix("<text "), let size = between(line, "font-size=\"", "\"").flatMap(Double.init) {
                let halo = Text.fixed(size * 0.28, decimals: 2)
                halos.append(line.replacingOccurrences(of: "<text ", with: "<text stroke-width=\"\(halo)\" "))
                if let shape {
                    let id = "clip-\(d.ids[v])"
                    var top = line.replacingOccurrences(of: "<text ", with: "<text clip-path=\"url(#\(id))\" ")
                    // Only in the start tag: the name after it may hold anything.
                    if let close = top.firstIndex(of: ">"), let fill = between(String(top[..<close]), " fill=\"", "\"") {
                        let tag = top[..<close].replacingOccurrences(of: " fill=\"\(fill)\"", with: " fill=\"\(Palette.textColour(on: d.fill[v]))\"")
                        top = tag + top[close...]
                    }
                    lines[j] = "<clipPath id=\"\(id)\">\(shape)</clipPath>\n" + top
                } else {
                    lines[j] = ""
                }
            }
            j += 1
        }
    }

    /// Grows the canvas by the header band and draws the header into it.
    static func addHeader(_ lines: inout [String], drawing d: NetworkDrawing, displayWidth: Double?) throws {
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
        if let shown = displayWidth, newWidth * 4 / 3 > shown {
            lines[svgLine] = "<svg width=\"\(Int(shown.rounded()))px\" height=\"\(Int((newHeight * shown / newWidth).rounded(.up)))px\""
        } else {
            lines[svgLine] = "<svg width=\"\(Int(newWidth.rounded(.up)))pt\" height=\"\(Int(newHeight.rounded(.up)))pt\""
        }
        lines[viewLine] = lines[viewLine].replacingOccurrences(of: "viewBox=\"\(view)\"", with: "viewBox=\"0.00 0.00 \(n(newWidth)) \(n(newHeight))\"")
        // A header wider than the drawing: centre the drawing under it.
        lines[graphLine] = lines[graphLine].replacingOccurrences(
            of: "translate(\(translate))",
            with: "translate(\(n(shift[0] + (newWidth - width) / 2)) \(n(shift[1] + band.height)))")
        lines.insert("<rect x=\"0\" y=\"0\" width=\"\(n(newWidth))\" height=\"\(n(newHeight))\" fill=\"white\"/>\n" + band.svg, at: graphLine)
    }

    /// The header band: its SVG (a `<g id="legend">`), height and the width it needs, in points;
    /// every size is multiplied by the drawing's `textScale`.
    static func header(_ d: NetworkDrawing, width: Double) -> (svg: String, height: Double, width: Double) {
        let k = d.textScale
        let margin = 14.0 * k
        let font = "font-family=\"\(NetworkDrawing.fontName)\""
        func n(_ v: Double) -> String { Text.fixed(v, decimals: 2) }
        var out = "<g id=\"legend\" class=\"legend\">\n"
        var y = 8.0 * k, needed = 0.0
        func text(_ s: String, size: Double, bold: Bool = false, colour: String = "#1A1A1A", advance: Double) {
            y += advance * k
            out += "<text x=\"\(n(margin))\" y=\"\(n(y))\" \(font) font-size=\"\(n(size * k))\""
            out += (bold ? " font-weight=\"bold\"" : "") + " fill=\"\(colour)\">\(Text.xmlCharacterData(s))</text>\n"
            needed = max(needed, 2 * margin + textWidth(s, size: size * k, bold: bold))
        }
        if let t = d.title { text(t, size: 22, bold: true, advance: 26) }
        for (i, c) in (d.caption?.split(separator: "\n").map(String.init) ?? []).enumerated() {
            text(c, size: 12, colour: "#555555", advance: i == 0 ? 18 : 16)
        }
        text(d.sizeNote, size: 12, colour: "#555555", advance: 17)
        if !d.legend.isEmpty || d.colourScale != nil {
            if let h = d.legendHeading { text(h, size: 12, bold: true, advance: 20) }
        }
        if let scale = d.colourScale {
            // A colour bar with the values at its ends and middle.
            let barWidth = 260 * k, barHeight = 12 * k
            y += 8 * k
            out += "<defs><linearGradient id=\"colour-scale\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
            for (i, c) in scale.stops.enumerated() {
                out += "<stop offset=\"\(n(Double(i) / Double(max(1, scale.stops.count - 1))))\" stop-color=\"\(c)\"/>"
            }
            out += "</linearGradient></defs>\n"
            out += "<rect x=\"\(n(margin))\" y=\"\(n(y))\" width=\"\(n(barWidth))\" height=\"\(n(barHeight))\" fill=\"url(#colour-scale)\"/>\n"
            y += barHeight + 14 * k
            for (x, anchor, value) in [(margin, "start", scale.low), (margin + barWidth / 2, "middle", scale.middle), (margin + barWidth, "end", scale.high)] {
                out += "<text x=\"\(n(x))\" y=\"\(n(y))\" \(font) font-size=\"\(n(12 * k))\" text-anchor=\"\(anchor)\" fill=\"#1A1A1A\">\(Text.xmlCharacterData(value))</text>\n"
            }
            needed = max(needed, 2 * margin + barWidth)
            if !d.legend.isEmpty { y += 4 * k }
        }
        if !d.legend.isEmpty {
            let limit = max(width, needed, 480 * k) - margin
            var x = margin
            y += 18 * k
            for entry in d.legend {
                let w = 16 * k + textWidth(entry.text, size: 12 * k, bold: false)
                if x > margin && x + w > limit { x = margin; y += 18 * k }
                let stroke = entry.outline.map { " stroke=\"\($0)\" stroke-width=\"\(n(2.5 * k))\"" } ?? ""
                let r = entry.outline == nil ? 6 * k : 4.75 * k
                out += "<circle cx=\"\(n(x + 6 * k))\" cy=\"\(n(y - 4 * k))\" r=\"\(n(r))\" fill=\"\(entry.colour)\"\(stroke)/>\n"
                out += "<text x=\"\(n(x + 16 * k))\" y=\"\(n(y))\" \(font) font-size=\"\(n(12 * k))\" fill=\"#1A1A1A\">\(Text.xmlCharacterData(entry.text))</text>\n"
                x += w + 18 * k
                needed = max(needed, x - 18 * k + margin)
            }
        }
        return (out + "</g>", y + 12 * k, needed)
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
