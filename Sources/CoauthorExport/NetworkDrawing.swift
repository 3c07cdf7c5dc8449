import CoauthorText
import CoauthorGraph
import Foundation

/// How nodes are coloured.
public enum NodeColouring: Sendable {
    /// One colour per community: `membership[v]` is node `v`'s community id (`0..<labels.count`;
    /// -1 = none) and `labels[c]` the legend text of community `c`. `heading` names the grouping in
    /// the legend ("Communities"), `noun` one group in tooltips ("community").
    case community(membership: [Int], labels: [String], heading: String, noun: String)
    /// A sequential scale over the year of each author's first (kept) paper.
    case firstYear
    /// One neutral colour.
    case none
}

/// What to draw and how, beyond the graph itself.
public struct DrawingOptions: Sendable {
    /// The size metric per node: circle area is proportional to it (NaN and negative values are
    /// drawn at the minimum size).
    public var sizeValues: [Double]
    /// What circle area is proportional to, for the legend ("PageRank", "1/constraint").
    public var sizeName: String
    /// The metric shown in tooltips and its values (default: `sizeName` and `sizeValues`).
    public var metricName: String?
    public var metricValues: [Double]?
    public var colouring: NodeColouring
    /// Label the most central nodes by `sizeValues` (ties by name, then key); 0 = none.
    public var labelCount: Int
    /// The Graphviz layout engine the drawing is for (graph attributes differ per engine).
    public var engine: String
    /// Seeds the force-directed engines (`start`).
    public var seed: UInt64
    public var title: String?
    /// Lines under the title (separated by "\n"): input, counts, date range, what is shown.
    public var caption: String?
    /// The node at the centre of an ego view (outlined, always labelled, twopi's root).
    public var ego: Int?
    /// Fixed node positions in points (per graph node; nil = laid out): a geographic map
    /// (`render --unit country`). With positions the engine keeps them (`pos="x,y!"`,
    /// `notranslate`) and no overlap removal moves them.
    public var positions: [MapPoint?]?

    public init(sizeValues: [Double], sizeName: String, colouring: NodeColouring = .none, labelCount: Int = 30,
                engine: String = "sfdp", seed: UInt64 = 0, title: String? = nil, caption: String? = nil, ego: Int? = nil) {
        self.sizeValues = sizeValues
        self.sizeName = sizeName
        self.colouring = colouring
        self.labelCount = labelCount
        self.engine = engine
        self.seed = seed
        self.title = title
        self.caption = caption
        self.ego = ego
    }
}

/// A coauthorship graph turned into visual columns: everything a writer needs, decided once.
///
/// Visual encoding (the same for every output format):
/// - **Size.** Circle *area* is proportional to the size metric (`diameter = maxDiameter ·
///   √(value / max)`), floored at `minDiameter` so that every author stays visible.
/// - **Colour.** Communities: Okabe–Ito's seven colour-blind-safe hues for the seven largest
///   communities (ties: the one with the more central top member), grey for the rest. First year:
///   viridis over at most seven year bins, grey for authors without a dated paper.
/// - **Edges.** Width grows with the logarithm of joint papers (`0.6 + 1.2·log₂ w` points, at most
///   6), in translucent grey, drawn under the nodes.
/// - **Labels.** The `labelCount` most central authors (and the ego) carry their name, the font
///   growing with centrality (10–16 pt). Nodes use `fixedsize=shape`: edges meet the circle, but
///   overlap removal (`overlap=prism`, `sep=+4`) keeps circle *and* label of every node apart, so
///   labels never overlap each other or other nodes.
/// - **Order.** Nodes are emitted sorted by identity key (so the record order of the input does not
///   matter) and named `n0`, `n1`, … in that order; edges sorted by their ends.
public struct NetworkDrawing: Sendable {
    public static let maxDiameter = 1.0   // inches
    public static let minDiameter = 0.12
    public static let fontName = "Noto Sans CJK SC"

    /// Graph node of each emitted node (emitted order = sorted by key).
    public let order: [Int]
    /// DOT name of each emitted node.
    public let ids: [String]
    public let diameter: [Double]
    public let fill: [String]
    /// Name label, or nil for an unlabelled node.
    public let label: [String?]
    public let fontSize: [Double]
    /// Tooltip text (lines separated by "\n").
    public let nodeTooltip: [String]
    public let isEgo: [Bool]
    /// Each emitted node's fixed position (`DrawingOptions.positions`), or nil.
    public let pinned: [MapPoint?]

    /// Edges as emitted positions (a < b), sorted.
    public let edgeEnds: [(Int, Int)]
    public let edgeWidth: [Double]
    public let edgeTooltip: [String]
    public let edgeColour: String

    public let title: String?
    public let caption: String?
    /// Legend rows: a swatch colour and its text.
    public let legendHeading: String?
    public let legend: [(colour: String, text: String)]
    /// What circle size means, as a sentence.
    public let sizeNote: String
    /// Graph attributes, in emitted order.
    public let graphAttributes: [(String, String)]

    public init(graph g: CoauthorGraph, options o: DrawingOptions) {
        let n = g.nodeCount
        precondition(o.sizeValues.count == n, "one size value per node")
        // Emitted order: by identity key (unique).
        let order = (0..<n).sorted { g.key($0).utf8.lexicographicallyPrecedes(g.key($1).utf8) }
        var position = [Int](repeating: 0, count: n)
        for (i, v) in order.enumerated() { position[v] = i }
        self.order = order
        ids = (0..<n).map { "n\($0)" }

        // Size: area ∝ value.
        let values = o.sizeValues.map { $0.isNaN || $0 < 0 ? 0 : $0 }
        let maxValue = values.max() ?? 0
        func scaled(_ v: Double) -> Double { maxValue > 0 ? (v / maxValue).squareRoot() : 0 }
        diameter = order.map { v in max(NetworkDrawing.minDiameter, NetworkDrawing.maxDiameter * scaled(values[v])) }

        // Centrality rank: value descending, then name, then key.
        let ranked = (0..<n).sorted { a, b in
            if values[a] != values[b] { return values[a] > values[b] }
            let na = g.name(a), nb = g.name(b)
            if na != nb { return na.unicodeScalars.lexicographicallyPrecedes(nb.unicodeScalars) { $0.value < $1.value } }
            return g.key(a).utf8.lexicographicallyPrecedes(g.key(b).utf8)
        }
        var labelled = [Bool](repeating: false, count: n)
        for v in ranked.prefix(max(0, o.labelCount)) { labelled[v] = true }
        if let e = o.ego { labelled[e] = true }
        label = order.map { labelled[$0] ? g.name($0) : nil }
        fontSize = order.map { v in ((10 + 6 * scaled(values[v])) * 2).rounded() / 2 }
        isEgo = order.map { $0 == o.ego }
        pinned = order.map { v in o.positions?[v] ?? nil }

        // Colour.
        var fill = [String](repeating: Palette.other, count: n)
        var legend: [(colour: String, text: String)] = []
        var legendHeading: String?
        var groupText = [String](repeating: "", count: n)
        switch o.colouring {
        case .none:
            fill = [String](repeating: "#4C78A8", count: n)
        case .community(let membership, let labels, let heading, _):
            precondition(membership.count == n, "one community per node")
            legendHeading = heading
            // Communities by size, ties by their most central member's rank.
            var size: [Int: Int] = [:], best: [Int: Int] = [:]
            for (r, v) in ranked.enumerated() where membership[v] >= 0 {
                size[membership[v], default: 0] += 1
                if best[membership[v]] == nil { best[membership[v]] = r }
            }
            let communities = size.keys.sorted { a, b in
                size[a]! != size[b]! ? size[a]! > size[b]! : best[a]! < best[b]!
            }
            var colourOf: [Int: String] = [:]
            for (i, c) in communities.enumerated() where i < Palette.categorical.count {
                colourOf[c] = Palette.categorical[i]
                legend.append((Palette.categorical[i], c < labels.count ? labels[c] : "community \(c)"))
            }
            let rest = communities.dropFirst(Palette.categorical.count)
            if !rest.isEmpty {
                let authors = rest.reduce(0) { $0 + size[$1]! }
                legend.append((Palette.other, "\(rest.count) more (\(authors) author\(authors == 1 ? "" : "s"))"))
            }
            for v in 0..<n {
                let c = membership[v]
                fill[v] = colourOf[c] ?? Palette.other
                groupText[v] = c >= 0 && c < labels.count ? labels[c] : ""
            }
        case .firstYear:
            legendHeading = "First paper"
            let years = (0..<n).compactMap { g.nodeFirstYear[$0] == .unknown ? nil : Int(g.nodeFirstYear[$0]) }
            if let lo = years.min(), let hi = years.max() {
                let span = hi - lo + 1
                let bins = min(7, span)
                // Bin b holds years lo + ⌊b·span/bins⌋ … lo + ⌊(b+1)·span/bins⌋ − 1.
                func start(_ b: Int) -> Int { lo + b * span / bins }
                func colour(_ b: Int) -> String { Palette.viridis(bins == 1 ? 0.5 : Double(b) / Double(bins - 1)) }
                for b in 0..<bins {
                    let a = start(b), z = start(b + 1) - 1
                    legend.append((colour(b), a == z ? "\(a)" : "\(a)–\(z)"))
                }
                for v in 0..<n where g.nodeFirstYear[v] != .unknown {
                    let y = Int(g.nodeFirstYear[v])
                    var b = 0
                    while b + 1 < bins && start(b + 1) <= y { b += 1 }
                    fill[v] = colour(b)
                }
            }
            if years.count < n { legend.append((Palette.other, "no dated paper")) }
        }
        self.fill = order.map { fill[$0] }
        self.legend = legend
        self.legendHeading = legendHeading

        // Tooltips.
        nodeTooltip = order.map { v in
            var lines = [g.name(v)]
            let p = Int(g.nodePapers[v])
            var papers = "\(p) paper\(p == 1 ? "" : "s")"
            if g.nodeFirstYear[v] != .unknown {
                let a = g.nodeFirstYear[v], z = g.nodeLastYear[v]
                papers += a == z ? " (\(a))" : " (\(a)–\(z))"
            }
            lines.append(papers)
            lines.append("\(g.degree(v)) coauthor\(g.degree(v) == 1 ? "" : "s")")
            lines.append("\(o.metricName ?? o.sizeName): \(Text.significant((o.metricValues ?? o.sizeValues)[v], nan: "–", wholeNumbers: true))")
            if case .community(_, _, _, let noun) = o.colouring, !groupText[v].isEmpty {
                lines.append("\(noun): \(groupText[v])")
            }
            return lines.joined(separator: "\n")
        }

        // Edges, sorted by emitted ends.
        var edges: [(Int, Int, Int)] = (0..<g.edgeCount).map { e in
            let a = position[Int(g.edgeSource[e])], b = position[Int(g.edgeTarget[e])]
            return (min(a, b), max(a, b), e)
        }
        edges.sort { ($0.0, $0.1) < ($1.0, $1.1) }
        edgeEnds = edges.map { ($0.0, $0.1) }
        edgeWidth = edges.map { x in
            let w = Double(g.edgeWeight[x.2])
            return min(6, ((0.6 + 1.2 * log2(max(1, w))) * 10).rounded() / 10)
        }
        edgeTooltip = edges.map { x in
            let e = x.2, s = Int(g.edgeSource[e]), t = Int(g.edgeTarget[e])
            let w = Int(g.edgeWeight[e])
            var text = "\(g.name(s)) – \(g.name(t))\n\(w) joint paper\(w == 1 ? "" : "s")"
            let a = g.edgeFirstYear[e], z = g.edgeLastYear[e]
            if a != .unknown { text += a == z ? " (\(a))" : " (\(a)–\(z))" }
            return text
        }
        // Many edges: lighter, so the nodes stay readable.
        edgeColour = g.edgeCount > 1500 ? "#4D4D4D40" : "#4D4D4D66"

        title = o.title
        caption = o.caption
        if maxValue > 0, let top = ranked.first {
            sizeNote = "Circle area ∝ \(o.sizeName) (largest: \(g.name(top)), \(Text.significant(values[top], nan: "–", wholeNumbers: true)))"
        } else {
            sizeNote = "Circle area ∝ \(o.sizeName)"
        }

        // Graph attributes per engine.
        var attributes: [(String, String)] = [
            ("outputorder", "edgesfirst"), ("splines", "false"), ("bgcolor", "white"), ("pad", "0.3"),
            ("fontname", NetworkDrawing.fontName), ("labelloc", "t"), ("labeljust", "l"),
        ]
        switch o.engine {
        case "sfdp", "fdp":
            attributes += [("overlap", "prism"), ("sep", "+4"), ("start", String(o.seed))]
        case "neato":
            attributes += [("overlap", "prism"), ("sep", "+4"), ("start", String(o.seed)), ("pack", "true")]
        case "twopi":
            // Root: the ego, else the most central author. Ring spacing: wide enough for the
            // fullest ring to hold its nodes and labels side by side, and no rescaling before
            // overlap removal (prism's default rescales to the label size and then tears the rings
            // into columns).
            let root = o.ego ?? ranked.first ?? 0
            var width = [Double](repeating: 0, count: n)   // inches each node needs along its ring
            for v in 0..<n {
                let d = max(NetworkDrawing.minDiameter, NetworkDrawing.maxDiameter * scaled(values[v]))
                let text = labelled[v] ? NetworkDrawing.estimatedWidth(g.name(v), points: (10 + 6 * scaled(values[v]))) / 72 : 0
                width[v] = max(d, text) + 0.1
            }
            var ranksep = 1.0
            for (ring, members) in NetworkDrawing.rings(g, from: root).enumerated() where ring > 0 {
                let circumference = members.reduce(0) { $0 + width[$1] }
                ranksep = max(ranksep, circumference / (2 * Double.pi) / Double(ring))
            }
            attributes += [("overlap", "prism"), ("overlap_scaling", "0"), ("sep", "+4"),
                           ("ranksep", Text.fixed(ranksep, decimals: 2)), ("root", ids[position[root]])]
        case "circo":
            attributes += [("overlap", "prism"), ("sep", "+4"), ("mindist", "0.4")]
        case "dot":
            attributes += [("nodesep", "0.15"), ("ranksep", "0.6")]
        default:
            attributes += [("overlap", "prism"), ("sep", "+4")]
        }
        if o.positions != nil {
            // A map: the positions are the layout; nothing may move them.
            attributes.removeAll { $0.0 == "overlap" || $0.0 == "sep" || $0.0 == "overlap_scaling" || $0.0 == "pack" }
            attributes += [("overlap", "true"), ("notranslate", "true"), ("inputscale", "72")]
        }
        graphAttributes = attributes
    }

    /// Nodes by hop distance from `root` (ring 0 is the root; unreachable nodes are left out).
    static func rings(_ g: CoauthorGraph, from root: Int) -> [[Int]] {
        var distance = [Int](repeating: -1, count: g.nodeCount)
        distance[root] = 0
        var rings = [[root]]
        while let last = rings.last, !last.isEmpty {
            var next: [Int] = []
            for v in last {
                for u in g.neighbors(of: v) where distance[Int(u)] < 0 {
                    distance[Int(u)] = rings.count
                    next.append(Int(u))
                }
            }
            rings.append(next)
        }
        return rings.dropLast()
    }

    /// A generous estimate of a label's width in points (1 em for East Asian wide characters, 0.56
    /// em otherwise); Graphviz measures the real one, this only sizes twopi's rings.
    public static func estimatedWidth(_ s: String, points: Double) -> Double {
        var em = 0.0
        for u in s.unicodeScalars {
            let v = u.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || v >= 0x20000
            em += wide ? 1.0 : 0.56
        }
        return em * points
    }

}

/// A point of a map drawing, in points (1/72 inch), y up.
public struct MapPoint: Sendable, Hashable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    /// The Equal Earth projection (Šavrič, Patterson & Jenny 2019, doi:10.1080/13658816.2018.1504949),
    /// an equal-area world projection, of a latitude and longitude in degrees, scaled so that the
    /// map is `width` points wide (x from −width/2 at longitude −180° to +width/2 at +180°).
    public static func equalEarth(latitude: Double, longitude: Double, width: Double) -> MapPoint {
        let a1 = 1.340264, a2 = -0.081106, a3 = 0.000893, a4 = 0.003796
        let m = 3.0.squareRoot() / 2
        let phi = latitude * .pi / 180, lambda = longitude * .pi / 180
        let theta = asin(m * sin(phi))
        let t2 = theta * theta, t6 = t2 * t2 * t2
        let x = 2 * 3.0.squareRoot() * lambda * cos(theta) / (3 * (9 * a4 * t6 * t2 + 7 * a3 * t6 + 3 * a2 * t2 + a1))
        let y = theta * (a1 + a2 * t2 + t6 * (a3 + a4 * t2))
        // x at λ = π, θ = 0 is 2√3π / (3 a1): the half-width.
        let scale = width / 2 / (2 * 3.0.squareRoot() * .pi / (3 * a1))
        return MapPoint(x: x * scale, y: y * scale)
    }
}
