import CoauthorModel

/// A collaboration Gantt chart for one author: the author's papers per year as bars on top, then
/// one row per coauthor (in the order given: by first collaboration) with a bar from the first to
/// the last joint year and a dot per year with joint papers, its area proportional to their number;
/// a year axis above and below the rows, a title and a legend.
///
/// Element classes, for styling and tests: `paper-bar` (one per year with papers), `row` (one group
/// per coauthor), `span` (one per row), `mark` (one per row and year with joint papers).
public struct CollaborationGantt: Sendable {
    /// Papers in one year: a bar of the top chart, or a mark of a coauthor's row.
    public typealias Mark = YearCount

    public struct Row: Sendable {
        public var label: String
        public var first: Int
        public var last: Int
        /// Joint papers per year.
        public var marks: [Mark]
        public init(label: String, first: Int, last: Int, marks: [Mark]) {
            self.label = label
            self.first = first
            self.last = last
            self.marks = marks
        }
    }

    public var title: String
    public var subtitle: String
    public var years: ClosedRange<Int>
    /// The author's papers per year (years without papers may be left out).
    public var papers: [Mark]
    public var papersLabel: String
    public var rows: [Row]

    public init(title: String, subtitle: String, years: ClosedRange<Int>, papers: [Mark],
                papersLabel: String = "papers per year", rows: [Row]) {
        self.title = title
        self.subtitle = subtitle
        self.years = years
        self.papers = papers
        self.papersLabel = papersLabel
        self.rows = rows
    }

    // Colours (ColorBrewer Blues; readable in greyscale).
    static let paperColor = "#4c78a8"
    static let spanColor = "#c6dbef"
    static let spanStroke = "#9ecae1"
    static let markColor = "#08519c"

    /// The chart as a standalone SVG document.
    public func svg() -> String {
        let pad = 20.0
        let yearCount = years.count
        let yw = min(46, max(12, 560 / Double(yearCount)))
        let maxLabel = min(36, max(rows.map { $0.label.count }.max() ?? 0, papersLabel.count / 2))
        let labelW = max(130, textWidth(String(repeating: "n", count: maxLabel)) + 24)
        let plotX = pad + labelW
        let plotW = yw * Double(yearCount)
        let width = max(plotX + plotW + pad, 660).rounded(.up)
        func x(_ year: Int) -> Double { plotX + Double(year - years.lowerBound) * yw }

        let titleY = 30.0, subtitleY = 50.0
        let panelTop = 68.0, panelH = 76.0
        let baseline = panelTop + panelH
        let axisTopY = baseline + 16
        let rowH = 18.0
        let rowsTop = axisTopY + 8
        let rowsBottom = rowsTop + rowH * Double(max(rows.count, 1))
        let axisBottomY = rowsBottom + 15
        let legendY = axisBottomY + 28
        let height = legendY + 22
        var w = SVGWriter(width: width, height: height)

        w.text(title, x: pad, y: titleY, size: 17, weight: "bold", cls: "title")
        w.text(subtitle, x: pad, y: subtitleY, size: 12, fill: "#555555", cls: "subtitle")

        // Year grid, behind everything.
        for (i, year) in years.enumerated() {
            let fill = i % 2 == 0 ? "#fafafa" : "#ffffff"
            w.rect(x: x(year), y: panelTop, width: yw, height: rowsBottom - panelTop, fill: fill)
        }
        for year in years.lowerBound...(years.upperBound + 1) {
            w.line(x1: x(year), y1: panelTop, x2: x(year), y2: rowsBottom, stroke: "#e4e4e4")
        }

        // The author's papers per year.
        let maxPapers = max(1, papers.map(\.count).max() ?? 1)
        let barMax = panelH - 16
        w.text(papersLabel, x: plotX - 10, y: panelTop + panelH / 2 + 4, anchor: .end, size: 11, weight: "bold", fill: "#333333")
        w.line(x1: plotX, y1: baseline, x2: plotX + plotW, y2: baseline, stroke: "#888888")
        for m in papers where m.count > 0 && years.contains(m.year) {
            let h = barMax * Double(m.count) / Double(maxPapers)
            let bw = min(yw * 0.6, 26)
            let bx = x(m.year) + (yw - bw) / 2
            w.rect(x: bx, y: baseline - h, width: bw, height: h, fill: Self.paperColor, cls: "paper-bar",
                   title: "\(m.year): \(m.count) paper\(m.count == 1 ? "" : "s")")
            if yw >= 16 {
                w.text(String(m.count), x: x(m.year) + yw / 2, y: baseline - h - 3, anchor: .middle, size: 10, fill: "#333333")
            }
        }

        // Year axes.
        let every = labelEvery(yearWidth: yw)
        for year in years where (year - years.lowerBound) % every == 0 {
            w.text(String(year), x: x(year) + yw / 2, y: axisTopY, anchor: .middle, size: 10, fill: "#444444", cls: "year")
            w.text(String(year), x: x(year) + yw / 2, y: axisBottomY, anchor: .middle, size: 10, fill: "#444444", cls: "year")
        }

        // One row per coauthor.
        if rows.isEmpty {
            w.text("no coauthors", x: plotX + plotW / 2, y: rowsTop + rowH / 2 + 4, anchor: .middle, fill: "#777777")
        }
        let rMax = rowH / 2 - 1
        let rUnit = 3.6
        for (i, row) in rows.enumerated() {
            let top = rowsTop + Double(i) * rowH
            let mid = top + rowH / 2
            let total = row.marks.reduce(0) { $0 + $1.count }
            let span = row.first == row.last ? "\(row.first)" : "\(row.first)–\(row.last)"
            w.open("row", title: "\(row.label): \(span), \(total) joint paper\(total == 1 ? "" : "s")")
            if i % 2 == 1 {
                w.rect(x: pad, y: top, width: plotX + plotW - pad, height: rowH, fill: "#dfe7f1", fillOpacity: 0.45)
            }
            w.text(clipped(row.label, 36), x: plotX - 10, y: mid + 4, anchor: .end, cls: "label")
            let first = max(row.first, years.lowerBound), last = min(row.last, years.upperBound)
            w.rect(x: x(first) + 3, y: mid - 4, width: Double(last - first + 1) * yw - 6, height: 8,
                   fill: Self.spanColor, cls: "span", rx: 4, stroke: Self.spanStroke)
            for m in row.marks where m.count > 0 && years.contains(m.year) {
                let r = min(rMax, rUnit * Double(m.count).squareRoot())
                w.circle(cx: x(m.year) + yw / 2, cy: mid, r: r, fill: Self.markColor, cls: "mark",
                         title: "\(row.label), \(m.year): \(m.count) joint paper\(m.count == 1 ? "" : "s")")
            }
            w.close()
        }
        w.line(x1: plotX, y1: rowsTop, x2: plotX + plotW, y2: rowsTop, stroke: "#888888")

        // Legend.
        var lx = pad
        w.open("legend")
        w.rect(x: lx, y: legendY - 9, width: 10, height: 10, fill: Self.paperColor)
        w.text(papersLabel, x: lx + 15, y: legendY)
        lx += 15 + textWidth(papersLabel) + 22
        w.rect(x: lx, y: legendY - 8, width: 28, height: 8, fill: Self.spanColor, rx: 4, stroke: Self.spanStroke)
        let spanText = "first to last joint year"
        w.text(spanText, x: lx + 34, y: legendY)
        lx += 34 + textWidth(spanText) + 22
        for c in [1, 2, 4] {
            let r = min(rMax, rUnit * Double(c).squareRoot())
            w.circle(cx: lx + r, cy: legendY - 4, r: r, fill: Self.markColor)
            w.text(String(c), x: lx + 2 * r + 3, y: legendY)
            lx += 2 * r + 16
        }
        w.text("joint papers in a year", x: lx + 2, y: legendY)
        w.close()

        return w.document(title: title, description: subtitle)
    }
}
