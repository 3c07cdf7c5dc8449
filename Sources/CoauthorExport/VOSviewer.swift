import CoauthorOutput
import CoauthorText

/// VOSviewer's map and network files and VOSviewer Online's JSON.
///
/// Items are numbered `1…n` in node order. Map file columns (tab-separated, header row): `id`,
/// `label`, `x`, `y` (with a layout), `cluster` (with communities), `weight<Links>` (coauthors),
/// `weight<Total link strength>` (Σ link strengths), `weight<Documents>` (papers),
/// `score<Avg. pub. year>` and a `score<METRIC>` per metric. A label holding a tab, comma,
/// semicolon, quote or line break is double-quoted with quotes doubled, as VOSviewer asks.
/// The network file has one `id<TAB>id<TAB>strength` line per link, no header.
/// VOSviewer clusters run 1…1000: nodes of communities past 1000 get no cluster.
public enum VOSviewerWriter {
    public static let maxClusters = 1000

    public static func writeMap(_ m: ExportModel, to out: TextSink) {
        var header = ["id", "label"]
        if m.positions != nil { header += ["x", "y"] }
        if m.community != nil { header.append("cluster") }
        header += ["weight<Links>", "weight<Total link strength>", "weight<Documents>", "score<Avg. pub. year>"]
        let scores = scoreColumns(m)
        header += scores.map { "score<\($0.name)>" }
        out.write(header.joined(separator: "\t") + "\n")
        let g = m.graph
        for v in 0..<m.nodeCount {
            var row = ["\(v + 1)", Text.delimited(m.labels[v], sep: "\t", quoteAlso: [",", ";"], excelSafe: m.excelSafe)]
            if let p = m.positions { row += [Text.cellNumber(p.x[v]), Text.cellNumber(p.y[v])] }
            if let c = m.community { row.append(c[v] > 0 && c[v] <= maxClusters ? "\(c[v])" : "") }
            row += ["\(g.degree(v))", Text.cellNumber(m.strength[v]), "\(g.nodePapers[v])", m.averageYear[v].map(Text.cellNumber) ?? ""]
            row += scores.map { Text.cellNumber($0.values[v]) }
            out.write(row.joined(separator: "\t") + "\n")
        }
    }

    public static func writeNetwork(_ m: ExportModel, to out: TextSink) {
        for e in 0..<m.edgeCount {
            out.write("\(m.graph.edgeSource[e] + 1)\t\(m.graph.edgeTarget[e] + 1)\t\(Text.cellNumber(m.weight(e)))\n")
        }
    }

    /// VOSviewer Online JSON: `{"network": {"items": […], "links": […], "clusters": […]}}`.
    public static func writeJSON(_ m: ExportModel, to out: TextSink) {
        let g = m.graph
        let scores = scoreColumns(m)
        out.write("{\n  \"network\": {\n    \"items\": [")
        for v in 0..<m.nodeCount {
            var item = "{\"id\": \(v + 1), \"label\": \(Text.json(m.labels[v]))"
            if let p = m.positions, p.x[v].isFinite, p.y[v].isFinite {
                item += ", \"x\": \(Text.number(p.x[v])), \"y\": \(Text.number(p.y[v]))"
            }
            if let c = m.community, c[v] > 0 && c[v] <= maxClusters { item += ", \"cluster\": \(c[v])" }
            item += ", \"weights\": {\"Links\": \(g.degree(v)), \"Total link strength\": \(Text.number(m.strength[v])), \"Documents\": \(g.nodePapers[v])}"
            var s: [String] = []
            if let y = m.averageYear[v] { s.append("\"Avg. pub. year\": \(Text.number(y))") }
            for c in scores where c.values[v].isFinite { s.append("\(Text.json(c.name)): \(Text.number(c.values[v]))") }
            item += ", \"scores\": {" + s.joined(separator: ", ") + "}}"
            out.write((v == 0 ? "\n      " : ",\n      ") + item)
        }
        out.write(m.nodeCount > 0 ? "\n    ],\n    \"links\": [" : "],\n    \"links\": [")
        for e in 0..<m.edgeCount {
            let link = "{\"source_id\": \(g.edgeSource[e] + 1), \"target_id\": \(g.edgeTarget[e] + 1), \"strength\": \(Text.number(m.weight(e)))}"
            out.write((e == 0 ? "\n      " : ",\n      ") + link)
        }
        out.write(m.edgeCount > 0 ? "\n    ]" : "]")
        if m.community != nil {
            out.write(",\n    \"clusters\": [")
            let k = min(m.communityLabels.count - 1, maxClusters)
            for c in 0..<k {
                out.write((c == 0 ? "\n      " : ",\n      ") + "{\"cluster\": \(c + 1), \"label\": \(Text.json(m.communityLabels[c + 1]))}")
            }
            out.write(k > 0 ? "\n    ]" : "]")
        }
        out.write("\n  }\n}\n")
    }

    /// Communities past VOSviewer's 1,000 clusters (nodes in them get no cluster), or 0.
    public static func overflowCommunities(_ m: ExportModel) -> Int {
        max(0, m.communityLabels.count - 1 - maxClusters)
    }

    /// The `score<…>` columns: the ambiguity (authors), then the numeric metrics.
    private static func scoreColumns(_ m: ExportModel) -> [(name: String, values: [Double])] {
        (m.ambiguity.map { [(name: "ambiguity", values: $0.map(Double.init))] } ?? []) + m.metrics.compactMap(numeric)
    }

    private static func numeric(_ c: NodeColumn) -> (name: String, values: [Double])? {
        switch c.values {
        case .double(let v): return (c.name, v)
        case .int(let v): return (c.name, v.map(Double.init))
        case .string: return nil
        }
    }

}
