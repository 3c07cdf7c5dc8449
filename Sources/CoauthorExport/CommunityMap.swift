import CoauthorGraph

/// The network one level up: one node per community, one tie per pair of communities whose members
/// wrote together (`render --level communities`).
///
/// - A community's **members** are its authors among the kept ones; its **papers** are the distinct
///   kept papers with at least one of them as an author; its years those papers' years.
/// - Between two communities: **ties** counts the coauthor ties (author pairs) that join a member of
///   one to a member of the other; **joint papers** counts the distinct papers behind those ties
///   (a paper with two authors in one community and one in the other counts once; it is also the
///   edge weight of `graph`); **tie weight** sums the joint-paper weights of those ties (the
///   quotient graph's weight, each paper counted once per author pair).
/// - Communities are numbered as in `membership` (0-based); only those with a kept member appear,
///   in id order.
public struct CommunityMap: Sendable {
    public struct Community: Sendable, Equatable {
        public var id: Int
        public var label: String
        public var members: Int
        public var papers: Int
        public var firstYear: Int?
        public var lastYear: Int?
        /// Up to three members, the most central first (in the order of `ranked`).
        public var topMembers: [String]
    }

    public struct Tie: Sendable, Equatable {
        /// Positions in `communities` (a < b).
        public var a: Int
        public var b: Int
        public var ties: Int
        public var jointPapers: Int
        public var tieWeight: Int
        public var firstYear: Int?
        public var lastYear: Int?
    }

    public let communities: [Community]
    public let ties: [Tie]

    /// - Parameters:
    ///   - membership: community of each node of `g` (−1 = none: left out).
    ///   - labels: text of each community id.
    ///   - keep: which nodes count (e.g. those outside tiny components).
    ///   - ranked: nodes from the most central down, to name each community's top members.
    public init(graph g: CoauthorGraph, membership: [Int], labels: [String], keep: [Bool], ranked: [Int]) {
        precondition(membership.count == g.nodeCount && keep.count == g.nodeCount, "one community per node")
        let count = (membership.max() ?? -1) + 1
        func counted(_ v: Int) -> Bool { keep[v] && membership[v] >= 0 }
        var members = [Int](repeating: 0, count: count)
        for v in 0..<g.nodeCount where counted(v) { members[membership[v]] += 1 }
        var top = [[String]](repeating: [], count: count)
        for v in ranked where counted(v) && top[membership[v]].count < 3 { top[membership[v]].append(g.name(v)) }

        // Papers per community: the distinct kept papers of its members.
        let corpus = g.corpus
        let years = corpus.papers.year
        var seen = [Int32](repeating: -1, count: corpus.papers.count)   // last community that counted paper p
        var papers = [Int](repeating: 0, count: count)
        var first = [Int?](repeating: nil, count: count), last = [Int?](repeating: nil, count: count)
        var byCommunity = [[Int]](repeating: [], count: count)
        for v in 0..<g.nodeCount where counted(v) { byCommunity[membership[v]].append(v) }
        for c in 0..<count {
            for v in byCommunity[c] {
                for p in corpus.authorPapers.row(Int(g.nodeAuthor[v])) where g.paperKept[Int(p)] && seen[Int(p)] != Int32(c) {
                    seen[Int(p)] = Int32(c)
                    papers[c] += 1
                    let y = years[Int(p)]
                    if y != .unknown {
                        let year = Int(y)
                        first[c] = min(first[c] ?? year, year)
                        last[c] = max(last[c] ?? year, year)
                    }
                }
            }
        }
        var position = [Int](repeating: -1, count: count)
        var list: [Community] = []
        for c in 0..<count where members[c] > 0 {
            position[c] = list.count
            list.append(Community(id: c, label: c < labels.count ? labels[c] : "community \(c + 1)", members: members[c],
                                  papers: papers[c], firstYear: first[c], lastYear: last[c], topMembers: top[c]))
        }
        communities = list

        // Ties between communities: author pairs, their weights, and the distinct papers behind them.
        struct Pair: Hashable { var a: Int, b: Int }
        var pairTies: [Pair: (ties: Int, weight: Int)] = [:]
        for e in 0..<g.edgeCount {
            let s = Int(g.edgeSource[e]), t = Int(g.edgeTarget[e])
            guard counted(s), counted(t), membership[s] != membership[t] else { continue }
            let a = position[membership[s]], b = position[membership[t]]
            let key = Pair(a: min(a, b), b: max(a, b))
            let old = pairTies[key] ?? (0, 0)
            pairTies[key] = (old.ties + 1, old.weight + Int(g.edgeWeight[e]))
        }
        var joint: [Pair: (papers: Int, first: Int?, last: Int?)] = [:]
        let provenance = ExportModel.edgeProvenance(g)
        var byPaper: [Int32: Set<Pair>] = [:]
        for e in 0..<g.edgeCount {
            let s = Int(g.edgeSource[e]), t = Int(g.edgeTarget[e])
            guard counted(s), counted(t), membership[s] != membership[t] else { continue }
            let a = position[membership[s]], b = position[membership[t]]
            let key = Pair(a: min(a, b), b: max(a, b))
            for p in provenance.row(e) { byPaper[p, default: []].insert(key) }
        }
        for (p, pairs) in byPaper {
            let y = years[Int(p)]
            for key in pairs {
                var j = joint[key] ?? (0, nil, nil)
                j.papers += 1
                if y != .unknown {
                    let year = Int(y)
                    j.first = min(j.first ?? year, year)
                    j.last = max(j.last ?? year, year)
                }
                joint[key] = j
            }
        }
        ties = pairTies.keys.sorted { ($0.a, $0.b) < ($1.a, $1.b) }.map { key in
            let t = pairTies[key]!, j = joint[key] ?? (0, nil, nil)
            return Tie(a: key.a, b: key.b, ties: t.ties, jointPapers: j.papers, tieWeight: t.weight, firstYear: j.first, lastYear: j.last)
        }
    }

    /// The map as a graph: node `i` is `communities[i]` (key `community:ID` with the 1-based id,
    /// name its label, papers and years its own), edge weight the joint papers.
    public func graph(options: GraphOptions) -> CoauthorGraph {
        let nodes = communities.map { c in
            ImportedGraph.Node(key: "community:\(c.id + 1)", label: c.label, ids: [], papers: c.papers,
                               firstYear: c.firstYear, lastYear: c.lastYear)
        }
        let edges = ties.map { t in
            ImportedGraph.Edge(a: Int32(t.a), b: Int32(t.b), weight: Int32(clamping: max(1, t.jointPapers)),
                               fractional: Double(t.tieWeight), firstYear: t.firstYear, lastYear: t.lastYear)
        }
        // Keys are unique and edges valid by construction.
        return try! ImportedGraph.graph(nodes: nodes, edges: edges, options: options)
    }
}
