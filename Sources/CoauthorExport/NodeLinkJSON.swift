import CoauthorOutput
import CoauthorText

/// networkx's node-link JSON (`networkx.node_link_graph(data, edges="edges")` rebuilds the graph),
/// one node or edge per line. Every node and edge carries every attribute, `null` where unknown, so
/// `pandas.DataFrame(data["nodes"])` gets full columns; `paper_ids` is a list. Graph-level
/// metadata sits under `"graph"`: generator, version, inputs, options, counting, counts and the
/// attribute names.
public enum NodeLinkJSONWriter {
    public static func write(_ m: ExportModel, to out: TextSink) {
        let nodeAttrs = m.nodeAttributes()
        let edgeAttrs = m.edgeAttributes().filter { $0.name != "paper_ids" }
        out.write("{\n  \"directed\": false,\n  \"multigraph\": false,\n  \"graph\": {\n")
        var graph: [String] = []
        graph.append("\"name\": \"coauthor\"")
        graph.append("\"generator\": \(Text.json(m.metadata.generator))")
        graph.append("\"version\": \(Text.json(m.metadata.version))")
        graph.append("\"inputs\": [" + m.metadata.inputs.map(Text.json).joined(separator: ", ") + "]")
        graph.append("\"options\": {" + m.metadata.options.map { "\(Text.json($0.0)): \(Text.json($0.1))" }.joined(separator: ", ") + "}")
        graph.append("\"counting\": \(Text.json(m.counting.rawValue))")
        var counts = "\"nodes\": \(m.nodeCount), \"edges\": \(m.edgeCount), \"papers\": \(m.graph.keptPaperCount)"
        if m.community != nil { counts += ", \"communities\": \(m.communityLabels.count - 1)" }
        graph.append("\"counts\": {\(counts)}")
        if let method = m.communityMethod {
            graph.append("\"communities\": {\"method\": \(Text.json(method)), \"labels\": {"
                + m.communityLabels.enumerated().dropFirst().map { "\"\($0.offset)\": \(Text.json($0.element))" }.joined(separator: ", ")
                + "}}")
        }
        graph.append("\"node_attributes\": [" + (["id"] + nodeAttrs.map(\.name)).map(Text.json).joined(separator: ", ") + "]")
        graph.append("\"edge_attributes\": [" + (edgeAttrs.map(\.name) + ["paper_ids"]).map(Text.json).joined(separator: ", ") + "]")
        out.write(graph.map { "    " + $0 }.joined(separator: ",\n"))
        out.write("\n  },\n  \"nodes\": [")
        for v in 0..<m.nodeCount {
            var line = "{\"id\": \(Text.json(m.ids[v]))"
            for a in nodeAttrs { line += ", \(Text.json(a.name)): \(json(a.value(v)))" }
            out.write((v == 0 ? "\n    " : ",\n    ") + line + "}")
        }
        out.write(m.nodeCount > 0 ? "\n  ],\n  \"edges\": [" : "],\n  \"edges\": [")
        for e in 0..<m.edgeCount {
            let s = Int(m.graph.edgeSource[e]), t = Int(m.graph.edgeTarget[e])
            var line = "{\"source\": \(Text.json(m.ids[s])), \"target\": \(Text.json(m.ids[t]))"
            for a in edgeAttrs { line += ", \(Text.json(a.name)): \(json(a.value(e)))" }
            line += ", \"paper_ids\": [" + m.paperIDs(e).map(Text.json).joined(separator: ", ") + "]"
            out.write((e == 0 ? "\n    " : ",\n    ") + line + "}")
        }
        out.write(m.edgeCount > 0 ? "\n  ]\n}\n" : "]\n}\n")
    }

    static func json(_ v: AttributeValue?) -> String {
        guard let v else { return "null" }
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return Text.jsonNumber(d)
        case .string(let s): return Text.json(s)
        }
    }
}
