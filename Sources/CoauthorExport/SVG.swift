/// Text post-processing of the SVG Graphviz makes from `DOT.write`: our tooltips and a style sheet.
///
/// Graphviz gives every node and edge group a `<title>` holding its DOT name (`n12`,
/// `n3&#45;&#45;n12`); browsers show a group's `<title>` as its tooltip. `SVG.decorate` replaces
/// those with the drawing's tooltips (name, papers, metric, community; joint papers and years) and
/// adds a `<style>`: a font fallback list for viewers without Noto Sans CJK, and a white halo
/// behind node labels so they stay readable over edges and coloured circles.
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
                    lines[i + 1] = "<title>\(escape(d.nodeTooltip[v]))</title>"
                    nodesDone += 1
                } else if line.hasSuffix("class=\"edge\">"), let k = edgeIndex[name] {
                    lines[i + 1] = "<title>\(escape(d.edgeTooltip[k]))</title>"
                    edgesDone += 1
                }
            }
            i += 1
        }
        guard styleAdded else { throw DecorationError.unexpectedSVG("no <svg> element") }
        guard nodesDone == d.ids.count else {
            throw DecorationError.unexpectedSVG("\(nodesDone) node groups for \(d.ids.count) nodes")
        }
        guard edgesDone == d.edgeEnds.count else {
            throw DecorationError.unexpectedSVG("\(edgesDone) edge groups for \(d.edgeEnds.count) edges")
        }
        return lines.joined(separator: "\n")
    }

    static func titleText(_ line: String) -> String? {
        guard line.hasPrefix("<title>"), line.hasSuffix("</title>") else { return nil }
        return String(line.dropFirst(7).dropLast(8))
    }

    /// XML character data: `&`, `<`, `>` escaped; control characters other than line breaks and
    /// tabs (not allowed in XML 1.0) dropped.
    public static func escape(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\n", "\t": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
