/// A typed attribute value.
public enum AttributeValue: Sendable, Equatable {
    case int(Int)
    case double(Double)
    case string(String)
}

/// An attribute's type, as the typed formats declare it.
public enum AttributeType: Sendable {
    case int, double, string

    var graphML: String {
        switch self {
        case .int: return "int"
        case .double: return "double"
        case .string: return "string"
        }
    }

    var gexf: String {
        switch self {
        case .int: return "integer"
        case .double: return "double"
        case .string: return "string"
        }
    }
}

/// One column of the node or edge table every format draws from.
public struct Attribute {
    public var name: String
    public var type: AttributeType
    /// The value of element `i`; nil where unknown (an unknown year, no ORCID, no community).
    public var value: (Int) -> AttributeValue?
}

extension ExportModel {
    /// The node attributes in the order every format writes them (the stable id is the node's
    /// id, not one of these): `label`, `papers`, `first_year`, `last_year`, `ambiguity` (authors),
    /// persistent ids by kind (ORCID first), each metric, `community`, `community_label`, `x`, `y`.
    public func nodeAttributes(label: Bool = true, positions: Bool = true) -> [Attribute] {
        let g = graph
        var out: [Attribute] = []
        if label { out.append(Attribute(name: "label", type: .string) { .string(self.labels[$0]) }) }
        out.append(Attribute(name: "papers", type: .int) { .int(Int(g.nodePapers[$0])) })
        out.append(Attribute(name: "first_year", type: .int) { self.year(g.nodeFirstYear[$0]).map(AttributeValue.int) })
        out.append(Attribute(name: "last_year", type: .int) { self.year(g.nodeLastYear[$0]).map(AttributeValue.int) })
        if let a = ambiguity { out.append(Attribute(name: "ambiguity", type: .int) { .int(a[$0]) }) }
        for c in idColumns {
            let values = c.values
            out.append(Attribute(name: c.kind, type: .string) { values[$0].map(AttributeValue.string) })
        }
        for m in metrics {
            switch m.values {
            case .double(let v): out.append(Attribute(name: m.name, type: .double) { .double(v[$0]) })
            case .int(let v): out.append(Attribute(name: m.name, type: .int) { .int(v[$0]) })
            case .string(let v): out.append(Attribute(name: m.name, type: .string) { v[$0].map(AttributeValue.string) })
            }
        }
        if let c = community {
            let labels = communityLabels
            out.append(Attribute(name: "community", type: .int) { c[$0] > 0 ? .int(Int(c[$0])) : nil })
            out.append(Attribute(name: "community_label", type: .string) { c[$0] > 0 ? .string(labels[Int(c[$0])]) : nil })
        }
        if positions, let p = self.positions {
            out.append(Attribute(name: "x", type: .double) { .double(p.x[$0]) })
            out.append(Attribute(name: "y", type: .double) { .double(p.y[$0]) })
        }
        return out
    }

    /// The edge attributes: `weight` (joint papers, or Σ 1/(n−1) under fractional counting, or the
    /// normalised weight with `--normalize`),
    /// `fractional`, `papers`, `first_year`, `last_year`, `paper_ids` (joined with "; ").
    public func edgeAttributes(weight: Bool = true) -> [Attribute] {
        let g = graph
        var out: [Attribute] = []
        if weight {
            if let n = normalizedWeights {
                out.append(Attribute(name: "weight", type: .double) { .double(n[$0]) })
            } else if integerWeights {
                out.append(Attribute(name: "weight", type: .int) { .int(Int(g.edgeWeight[$0])) })
            } else {
                out.append(Attribute(name: "weight", type: .double) { .double(g.edgeFractional[$0]) })
            }
        }
        out.append(Attribute(name: "fractional", type: .double) { .double(g.edgeFractional[$0]) })
        out.append(Attribute(name: "papers", type: .int) { .int(Int(g.edgeWeight[$0])) })
        out.append(Attribute(name: "first_year", type: .int) { self.year(g.edgeFirstYear[$0]).map(AttributeValue.int) })
        out.append(Attribute(name: "last_year", type: .int) { self.year(g.edgeLastYear[$0]).map(AttributeValue.int) })
        out.append(Attribute(name: "paper_ids", type: .string) { .string(self.paperIDs($0).joined(separator: "; ")) })
        return out
    }
}
