/// A chart of yearly series: grouped bars on the left axis (e.g. papers and new authors per year)
/// and one line on the right axis (e.g. cumulative authors), a year axis, a title and a legend.
///
/// Element classes, for styling and tests: `bar <series id>` (one per year with a value > 0),
/// `line <series id>` (the polyline), `point <series id>` (one per year, when the years are few).
public struct YearlyChart: Sendable {
    public struct Series: Sendable {
        /// A CSS-safe identifier used as a class name (`papers`, `new-authors`).
        public var id: String
        public var name: String
        /// One value per year of the chart.
        public var values: [Double]
        public var color: String
        public init(id: String, name: String, values: [Double], color: String) {
            self.id = id
            self.name = name
            self.values = values
            self.color = color
        }
    }

    public var title: String
    public var subtitle: String
    public var years: ClosedRange<Int>
    public var bars: [Series]
    public var line: Series?
    public var barAxisLabel: String
    public var lineAxisLabel: String

    public init(title: String, subtitle: String, years: ClosedRange<Int>, bars: [Series], line: Series?,
                barAxisLabel: String, lineAxisLabel: String) {
        precondition(bars.allSatisfy { $0.values.count == years.count } && (line?.values.count ?? years.count) == years.count,
                     "one value per year")
        self.title = title
        self.subtitle = subtitle
        self.years = years
        self.bars = bars
        self.line = line
        self.barAxisLabel = barAxisLabel
        self.lineAxisLabel = lineAxisLabel
    }

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let n = years.count
        let left = 70.0, right = line == nil ? 24.0 : 76.0
        let plotTop = 100.0, plotH = 300.0
        let plotW = min(1100, max(520, Double(n) * 38))
        let width = (left + plotW + right).rounded(.up)
        let plotBottom = plotTop + plotH
        let height = plotBottom + 56
        let yw = plotW / Double(n)
        func x(_ i: Int) -> Double { left + Double(i) * yw }
        var w = SVGWriter(width: width, height: height)

        w.text(title, x: 20, y: 30, size: 17, weight: "bold", cls: "title")
        w.text(subtitle, x: 20, y: 50, size: 12, fill: "#555555", cls: "subtitle")

        // Legend under the subtitle.
        var lx = 20.0
        w.open("legend")
        for s in bars {
            w.rect(x: lx, y: 66, width: 12, height: 12, fill: s.color)
            w.text(s.name, x: lx + 17, y: 76)
            lx += 17 + textWidth(s.name) + 24
        }
        if let l = line {
            w.line(x1: lx, y1: 72, x2: lx + 22, y2: 72, stroke: l.color, width: 2.5)
            w.circle(cx: lx + 11, cy: 72, r: 3, fill: l.color)
            w.text(l.name + " (right axis)", x: lx + 28, y: 76)
        }
        w.close()

        // Left axis: bar values.
        let barMax = bars.flatMap(\.values).max() ?? 0
        let ticks = niceTicks(max: barMax)
        let top = ticks.last ?? 1
        func yBar(_ v: Double) -> Double { plotBottom - plotH * v / top }
        for t in ticks {
            w.line(x1: left, y1: yBar(t), x2: left + plotW, y2: yBar(t), stroke: t == 0 ? "#888888" : "#e6e6e6")
            w.text(tickLabel(t), x: left - 6, y: yBar(t) + 4, anchor: .end, size: 10, fill: "#444444")
        }
        w.text(barAxisLabel, x: 18, y: plotTop + plotH / 2, anchor: .middle, size: 11, fill: "#333333", rotate: -90)

        // Bars, grouped per year.
        let group = yw * 0.8
        let bw = group / Double(max(bars.count, 1))
        for (k, s) in bars.enumerated() {
            for (i, year) in years.enumerated() where s.values[i] > 0 {
                let v = s.values[i]
                w.rect(x: x(i) + yw * 0.1 + Double(k) * bw, y: yBar(v), width: max(bw - (bw > 4 ? 1 : 0), 0.5),
                       height: plotBottom - yBar(v), fill: s.color, cls: "bar \(s.id)",
                       title: "\(year): \(tickLabel(v)) \(s.name)")
            }
        }

        // Right axis and the line.
        if let l = line {
            let lineTicks = niceTicks(max: l.values.max() ?? 0)
            let lineTop = lineTicks.last ?? 1
            func yLine(_ v: Double) -> Double { plotBottom - plotH * v / lineTop }
            w.line(x1: left + plotW, y1: plotTop, x2: left + plotW, y2: plotBottom, stroke: l.color)
            for t in lineTicks {
                w.line(x1: left + plotW, y1: yLine(t), x2: left + plotW + 4, y2: yLine(t), stroke: l.color)
                w.text(tickLabel(t), x: left + plotW + 7, y: yLine(t) + 4, size: 10, fill: l.color)
            }
            w.text(lineAxisLabel, x: width - 14, y: plotTop + plotH / 2, anchor: .middle, size: 11, fill: l.color, rotate: 90)
            let points = (0..<n).map { i in (x(i) + yw / 2, yLine(l.values[i])) }
            w.polyline(points, stroke: l.color, width: 2.5, cls: "line \(l.id)")
            if n <= 80 {
                for (i, year) in years.enumerated() {
                    w.circle(cx: points[i].0, cy: points[i].1, r: 3, fill: l.color, cls: "point \(l.id)",
                             title: "\(year): \(tickLabel(l.values[i])) \(l.name)")
                }
            }
        }

        // Year axis.
        w.line(x1: left, y1: plotTop, x2: left, y2: plotBottom, stroke: "#888888")
        let every = labelEvery(yearWidth: yw)
        for (i, year) in years.enumerated() where i % every == 0 {
            w.line(x1: x(i) + yw / 2, y1: plotBottom, x2: x(i) + yw / 2, y2: plotBottom + 4, stroke: "#888888")
            w.text(String(year), x: x(i) + yw / 2, y: plotBottom + 17, anchor: .middle, size: 10, fill: "#444444", cls: "year")
        }
        w.text("year", x: left + plotW / 2, y: plotBottom + 40, anchor: .middle, size: 11, fill: "#333333")

        return w.document(title: title, description: subtitle)
    }
}
