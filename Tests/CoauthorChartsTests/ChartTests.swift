import CoauthorText
import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorCharts

@Suite struct GanttChartTests {
    static func chart(rows: [CollaborationGantt.Row], years: ClosedRange<Int> = 2016...2026) -> CollaborationGantt {
        CollaborationGantt(title: "Collaboration timeline: Qin Huang", subtitle: "test", years: years,
                           papers: [.init(year: 2016, count: 1), .init(year: 2017, count: 5), .init(year: 2020, count: 0)],
                           rows: rows)
    }

    @Test func rowsSpansMarksAndBars() {
        let rows = [
            CollaborationGantt.Row(label: "Ann A", first: 2016, last: 2018, marks: [.init(year: 2016, count: 1), .init(year: 2018, count: 3)]),
            CollaborationGantt.Row(label: "Bob B", first: 2017, last: 2017, marks: [.init(year: 2017, count: 2)]),
            CollaborationGantt.Row(label: "Cy C", first: 2020, last: 2026, marks: [.init(year: 2020, count: 1), .init(year: 2026, count: 1)]),
        ]
        let svg = Self.chart(rows: rows).svg()
        let doc = SVGDocument(svg)
        #expect(doc.isWellFormed, "\(doc.error ?? "")")
        #expect(doc.count(class: "row", element: "g") == 3)
        #expect(doc.count(class: "span", element: "rect") == 3)
        #expect(doc.count(class: "mark", element: "circle") == 5)
        #expect(doc.count(class: "paper-bar", element: "rect") == 2)   // the zero year draws no bar
        #expect(doc.texts.filter { ["Ann A", "Bob B", "Cy C"].contains($0) } == ["Ann A", "Bob B", "Cy C"])
        #expect(doc.texts.filter { $0 == "2016" }.count == 2)           // year axis above and below
        #expect(doc.texts.contains("Collaboration timeline: Qin Huang"))
        #expect(doc.texts.contains("joint papers in a year"))             // the legend
        // Static: no script element, no event-handler attribute, no javascript: link.
        #expect(!doc.elements.contains { $0.name == "script" })
        #expect(doc.elements.allSatisfy { $0.attributes.keys.allSatisfy { !$0.lowercased().hasPrefix("on") } })
        #expect(!svg.lowercased().contains("javascript"))
        // Bigger counts draw bigger marks (area ∝ count, capped by the row height).
        let radii = doc.elements.filter { $0.attributes["class"] == "mark" }.compactMap { Double($0.attributes["r"]!) }
        #expect(radii[1] > radii[0])
        // Spans run from the first to the last year: Cy's is 7 years wide, Bob's 1.
        let widths = doc.elements.filter { $0.attributes["class"] == "span" }.compactMap { Double($0.attributes["width"]!) }
        #expect(widths[2] > 6 * widths[1])
    }

    @Test func namesAreEscaped() {
        let nasty = "<script>'x'</script> & \"Zoë\" \u{01}"
        let svg = Self.chart(rows: [.init(label: nasty, first: 2016, last: 2016, marks: [.init(year: 2016, count: 1)])]).svg()
        let doc = SVGDocument(svg)
        #expect(doc.isWellFormed, "\(doc.error ?? "")")
        #expect(!doc.elements.contains { $0.name == "script" })
        #expect(svg.contains("&lt;script&gt;&apos;x&apos;&lt;/script&gt; &amp; &quot;Zoë&quot; \u{FFFD}"))
        #expect(doc.texts.contains("<script>'x'</script> & \"Zoë\" \u{FFFD}"))
        // Long names are cut with an ellipsis in the row label (the row's tooltip keeps them whole).
        let long = String(repeating: "Wolfeschlegelsteinhausen ", count: 3)
        let cut = SVGDocument(Self.chart(rows: [.init(label: long, first: 2016, last: 2016, marks: [])]).svg())
        #expect(cut.texts.contains(String(long.prefix(35)) + "…"))
        #expect(Text.svg("a<b>&\"'c") == "a&lt;b&gt;&amp;&quot;&apos;c")
        #expect(Text.svg("tab\tnew\nline\u{FFFE}") == "tab\tnew\nline\u{FFFD}")
    }

    @Test func emptyAndLongCharts() {
        let empty = SVGDocument(Self.chart(rows: []).svg())
        #expect(empty.isWellFormed)
        #expect(empty.count(class: "row") == 0)
        #expect(empty.texts.contains("no coauthors"))
        // 120 years and 300 coauthors: still well-formed, years thinned to readable labels.
        let many = (0..<300).map { CollaborationGantt.Row(label: "Author \($0)", first: 1900 + $0 % 100, last: 1900 + $0 % 100 + 19,
                                                          marks: [.init(year: 1900 + $0 % 100, count: 1 + $0 % 7)]) }
        let big = SVGDocument(Self.chart(rows: many, years: 1900...2019).svg())
        #expect(big.isWellFormed)
        #expect(big.count(class: "row") == 300 && big.count(class: "mark") == 300)
        let yearLabels = big.elements.filter { $0.attributes["class"] == "year" }.count
        #expect(yearLabels > 0 && yearLabels < 2 * 120)
        // A row reaching outside the chart's years is clipped to them.
        let clipped = SVGDocument(Self.chart(rows: [.init(label: "x", first: 2000, last: 2030, marks: [.init(year: 2000, count: 1)])]).svg())
        #expect(clipped.isWellFormed && clipped.count(class: "span") == 1 && clipped.count(class: "mark") == 0)
    }
}

@Suite struct YearlyChartTests {
    static func chart(_ papers: [Double], _ newAuthors: [Double], _ cumulative: [Double], years: ClosedRange<Int>) -> YearlyChart {
        YearlyChart(title: "Collaboration over time", subtitle: "<test & check>", years: years,
                    bars: [.init(id: "papers", name: "papers", values: papers, color: "#4c78a8"),
                           .init(id: "new-authors", name: "new authors", values: newAuthors, color: "#f58518")],
                    line: .init(id: "cumulative-authors", name: "cumulative authors", values: cumulative, color: "#2ca02c"),
                    barAxisLabel: "per year", lineAxisLabel: "cumulative")
    }

    @Test func barsLineAndPoints() {
        let svg = Self.chart([1, 5, 0, 2], [3, 8, 0, 1], [3, 11, 11, 12], years: 2016...2019).svg()
        let doc = SVGDocument(svg)
        #expect(doc.isWellFormed, "\(doc.error ?? "")")
        #expect(doc.count(class: "papers", element: "rect") == 3)
        #expect(doc.count(class: "new-authors", element: "rect") == 3)
        #expect(doc.count(class: "cumulative-authors", element: "polyline") == 1)
        #expect(doc.count(class: "point", element: "circle") == 4)
        #expect(doc.texts.contains("<test & check>"))
        let points = doc.elements.first { $0.name == "polyline" }!.attributes["points"]!.split(separator: " ")
        #expect(points.count == 4)
        // The tallest bar reaches the top tick; bar heights are proportional to the values.
        let heights = doc.elements.filter { $0.attributes["class"] == "bar papers" }.compactMap { Double($0.attributes["height"]!) }
        #expect(abs(heights[1] / heights[0] - 5) < 0.01)
    }

    @Test func manyYears() {
        let n = 2569
        let doc = SVGDocument(Self.chart([Double](repeating: 1, count: n), (0..<n).map { Double($0 % 3) },
                                       (0..<n).map(Double.init), years: 0...(n - 1)).svg())
        #expect(doc.isWellFormed)
        #expect(doc.count(class: "papers") == n)
        #expect(doc.count(class: "new-authors") == (0..<n).filter { $0 % 3 != 0 }.count)
        #expect(doc.count(class: "point") == 0)   // too many years for a dot each
    }

    @Test func allZero() {
        let doc = SVGDocument(Self.chart([0], [0], [0], years: 2000...2000).svg())
        #expect(doc.isWellFormed)
        #expect(doc.count(class: "bar") == 0)
    }
}

@Suite struct SVGWriterTests {
    @Test func numbers() {
        #expect(num(12) == "12")
        #expect(num(12.5) == "12.5")
        #expect(num(-3.25) == "-3.25")
        #expect(num(0.004) == "0")
        #expect(num(1.005) == "1" || num(1.005) == "1.01")
        #expect(num(7.06) == "7.06")
        #expect(num(.nan) == "0")
    }

    @Test func ticks() {
        #expect(niceTicks(max: 8) == [0, 2, 4, 6, 8])
        #expect(niceTicks(max: 39) == [0, 10, 20, 30, 40])
        #expect(niceTicks(max: 3) == [0, 1, 2, 3])
        #expect(niceTicks(max: 0) == [0, 1])
        #expect(niceTicks(max: 1234) == [0, 500, 1000, 1500])
    }
}
