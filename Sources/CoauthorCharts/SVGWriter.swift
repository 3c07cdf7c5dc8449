import CoauthorText
/// Charts as SVG text, written from plain numbers and labels.
///
/// Why a module of its own: a chart is presentation, so it does not belong in `CoauthorAlgorithms`
/// (which computes and never formats), and the drawing code is pure text generation that is worth
/// unit-testing directly — escaping, element counts, layout on empty and very long inputs — without
/// spawning the command-line tool, which an executable target cannot offer cleanly. The module
/// knows nothing about graphs: the CLI turns timeline results into the chart models here
/// (`CollaborationGantt`, `YearlyChart`), so later commands (rendering a graph, exports) can reuse
/// the writer. Output is static SVG 1.1: no scripts, no external references, fonts by generic
/// family, every text and attribute value XML-escaped.
public enum Charts {
}

/// A small SVG element writer: numbers printed with at most two decimals, text escaped.
struct SVGWriter {
    private(set) var body = ""
    let width: Double
    let height: Double

    init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    /// The finished document.
    func document(title: String, description: String) -> String {
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"\(num(width))\" height=\"\(num(height))\" "
        out += "viewBox=\"0 0 \(num(width)) \(num(height))\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
        out += "<title>\(Text.svg(title))</title>\n"
        out += "<desc>\(Text.svg(description))</desc>\n"
        out += "<rect x=\"0\" y=\"0\" width=\"\(num(width))\" height=\"\(num(height))\" fill=\"#ffffff\"/>\n"
        out += body
        out += "</svg>\n"
        return out
    }

    mutating func raw(_ s: String) { body += s }

    mutating func open(_ cls: String, title: String? = nil) {
        body += "<g class=\"\(Text.svg(cls))\">"
        if let t = title { body += "<title>\(Text.svg(t))</title>" }
        body += "\n"
    }

    mutating func close() { body += "</g>\n" }

    mutating func rect(x: Double, y: Double, width: Double, height: Double, fill: String, cls: String? = nil,
                       rx: Double = 0, stroke: String? = nil, fillOpacity: Double? = nil, title: String? = nil) {
        body += "<rect"
        if let c = cls { body += " class=\"\(Text.svg(c))\"" }
        body += " x=\"\(num(x))\" y=\"\(num(y))\" width=\"\(num(max(0, width)))\" height=\"\(num(max(0, height)))\""
        if rx > 0 { body += " rx=\"\(num(rx))\"" }
        body += " fill=\"\(fill)\""
        if let o = fillOpacity { body += " fill-opacity=\"\(num(o))\"" }
        if let s = stroke { body += " stroke=\"\(s)\" stroke-width=\"1\"" }
        if let t = title { body += "><title>\(Text.svg(t))</title></rect>\n" } else { body += "/>\n" }
    }

    mutating func circle(cx: Double, cy: Double, r: Double, fill: String, cls: String? = nil, title: String? = nil) {
        body += "<circle"
        if let c = cls { body += " class=\"\(Text.svg(c))\"" }
        body += " cx=\"\(num(cx))\" cy=\"\(num(cy))\" r=\"\(num(r))\" fill=\"\(fill)\" stroke=\"#ffffff\" stroke-width=\"0.8\""
        if let t = title { body += "><title>\(Text.svg(t))</title></circle>\n" } else { body += "/>\n" }
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, width: Double = 1, dash: String? = nil) {
        body += "<line x1=\"\(num(x1))\" y1=\"\(num(y1))\" x2=\"\(num(x2))\" y2=\"\(num(y2))\" stroke=\"\(stroke)\" stroke-width=\"\(num(width))\""
        if let d = dash { body += " stroke-dasharray=\"\(d)\"" }
        body += "/>\n"
    }

    mutating func polyline(_ points: [(Double, Double)], stroke: String, width: Double, cls: String? = nil) {
        body += "<polyline"
        if let c = cls { body += " class=\"\(Text.svg(c))\"" }
        body += " points=\"" + points.map { "\(num($0.0)),\(num($0.1))" }.joined(separator: " ")
        body += "\" fill=\"none\" stroke=\"\(stroke)\" stroke-width=\"\(num(width))\" stroke-linejoin=\"round\"/>\n"
    }

    enum Anchor: String { case start, middle, end }

    mutating func text(_ s: String, x: Double, y: Double, anchor: Anchor = .start, size: Double = 11,
                       weight: String? = nil, fill: String = "#222222", cls: String? = nil, rotate: Double? = nil) {
        body += "<text"
        if let c = cls { body += " class=\"\(Text.svg(c))\"" }
        body += " x=\"\(num(x))\" y=\"\(num(y))\""
        if anchor != .start { body += " text-anchor=\"\(anchor.rawValue)\"" }
        if size != 11 { body += " font-size=\"\(num(size))\"" }
        if let w = weight { body += " font-weight=\"\(w)\"" }
        body += " fill=\"\(fill)\""
        if let r = rotate { body += " transform=\"rotate(\(num(r)) \(num(x)) \(num(y)))\"" }
        body += ">\(Text.svg(s))</text>\n"
    }
}

/// A coordinate with at most two decimals, no exponent, no trailing zeros ("12", "12.5", "-3.25").
func num(_ x: Double) -> String {
    guard x.isFinite else { return "0" }
    let hundredths = Int((x * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let a = abs(hundredths)
    let whole = a / 100, frac = a % 100
    if frac == 0 { return sign + String(whole) }
    if frac % 10 == 0 { return sign + String(whole) + "." + String(frac / 10) }
    return sign + String(whole) + "." + (frac < 10 ? "0" : "") + String(frac)
}

/// Axis ticks 0, step, 2·step, … up to the first multiple of step ≥ max, with step 1, 2 or 5 × 10^k
/// giving about `target` intervals (integers only when `integer`).
func niceTicks(max: Double, target: Int = 5, integer: Bool = true) -> [Double] {
    let top = max > 0 ? max : 1
    let raw = top / Double(target)
    var magnitude = 1.0
    while magnitude * 10 <= raw { magnitude *= 10 }
    while magnitude > raw { magnitude /= 10 }
    let residual = raw / magnitude
    var step = (residual <= 1 ? 1 : residual <= 2 ? 2 : residual <= 5 ? 5 : 10) * magnitude
    if integer { step = Swift.max(1, step.rounded()) }
    let count = Int((top / step).rounded(.up))
    return (0...count).map { Double($0) * step }
}

/// A tick label: integers without decimals, others with up to two.
func tickLabel(_ v: Double) -> String {
    v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : num(v)
}

/// Rough width of a label in DejaVu Sans at `size` px (0.6 em per character on average).
func textWidth(_ s: String, size: Double = 11) -> Double {
    Double(s.count) * size * 0.6
}

/// A label cut to `limit` characters with an ellipsis.
func clipped(_ s: String, _ limit: Int) -> String {
    s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
}

/// Every k-th year gets a label so that labels are at least `minSpacing` px apart.
func labelEvery(yearWidth: Double, minSpacing: Double = 34) -> Int {
    Swift.max(1, Int((minSpacing / yearWidth).rounded(.up)))
}
