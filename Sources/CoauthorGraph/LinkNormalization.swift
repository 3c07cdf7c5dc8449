/// Link normalisation as VOSviewer and bibliometrix do it (`--normalize`): a tie's weight from its
/// joint papers c_ij and the papers of its two ends c_i, c_j (the diagonal of the co-occurrence
/// matrix), full counting:
///
/// | method        | s_ij                          | reference |
/// |---------------|-------------------------------|-----------|
/// | `association` | c_ij / (c_i c_j)              | association strength, van Eck & Waltman 2009, doi:10.1002/asi.21075 |
/// | `cosine`      | c_ij / √(c_i c_j)             | Salton's cosine |
/// | `jaccard`     | c_ij / (c_i + c_j − c_ij)     | Jaccard index |
/// | `inclusion`   | c_ij / min(c_i, c_j)          | inclusion index |
/// | `equivalence` | c_ij² / (c_i c_j)             | equivalence index |
/// | `none`        | c_ij                          | |
///
/// These are bibliometrix's `normalizeSimilarity` formulas; the raw counts stay in exports beside
/// the normalised weight (`papers`, `fractional`). c_i is the node's papers in the filtered graph
/// (`CoauthorGraph.nodePapers`). Complexity: O(E).
public enum LinkNormalization: String, Sendable, CaseIterable {
    case none, association, cosine, jaccard, inclusion, equivalence

    /// s_ij from c_ij, c_i and c_j.
    public func normalized(_ cij: Double, _ ci: Double, _ cj: Double) -> Double {
        switch self {
        case .none: return cij
        case .association: return cij / (ci * cj)
        case .cosine: return cij / (ci * cj).squareRoot()
        case .jaccard: return cij / (ci + cj - cij)
        case .inclusion: return cij / min(ci, cj)
        case .equivalence: return cij * cij / (ci * cj)
        }
    }

    /// Each edge's normalised weight.
    public func edgeWeights(_ g: CoauthorGraph) -> [Double] {
        (0..<g.edgeCount).map { e in
            normalized(Double(g.edgeWeight[e]), Double(g.nodePapers[Int(g.edgeSource[e])]),
                       Double(g.nodePapers[Int(g.edgeTarget[e])]))
        }
    }
}

extension WeightedAdjacency {
    /// The graph's adjacency with each edge weighted by `weights[e]` (e.g. `LinkNormalization.edgeWeights`).
    public init(_ g: CoauthorGraph, edgeWeights weights: [Double]) {
        nodeCount = g.nodeCount
        offsets = g.offsets
        neighbors = g.neighbors
        self.weights = g.adjacencyEdge.map { weights[Int($0)] }
    }
}
