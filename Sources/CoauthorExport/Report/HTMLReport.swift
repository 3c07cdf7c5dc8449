import CoauthorGraph
import CoauthorOutput
import Foundation
import CoauthorText

/// A node metric shown in the report (size, colour overlay, ranking table).
public struct ReportMetric: Sendable {
    /// The `rank --by` name (`pagerank`, `effective-size`).
    public var name: String
    /// The column heading ("PageRank").
    public var title: String
    /// Whether a higher value ranks first (false for constraint).
    public var higherIsBetter: Bool
    /// One value per node of the report's graph (NaN = undefined).
    public var values: [Double]

    public init(name: String, title: String, higherIsBetter: Bool, values: [Double]) {
        self.name = name
        self.title = title
        self.higherIsBetter = higherIsBetter
        self.values = values
    }
}

/// One line of the report's statistics table.
public struct ReportStat: Sendable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// The communities of the report's authors.
public struct ReportCommunities: Sendable {
    /// Community per node of the report's graph, `0..<labels.count` (-1 = none).
    public var membership: [Int]
    public var labels: [String]
    /// Members of each community in the whole (filtered) graph, which may hold more authors than
    /// the report draws.
    public var sizes: [Int]
    /// How they were found ("Communities (Leiden, modularity 0.612)").
    public var heading: String

    public init(membership: [Int], labels: [String], sizes: [Int], heading: String) {
        self.membership = membership
        self.labels = labels
        self.sizes = sizes
        self.heading = heading
    }
}

/// The community level laid out by Graphviz: per community (0-based id) its centre in points, y up,
/// and the circle diameters the layout made room for (smallest and largest community).
public struct ReportCommunityLayout: Sendable {
    public var cluster: [Int]
    public var x: [Double]
    public var y: [Double]
    public var minDiameter: Double
    public var maxDiameter: Double

    public init(cluster: [Int], x: [Double], y: [Double], minDiameter: Double, maxDiameter: Double) {
        self.cluster = cluster
        self.x = x
        self.y = y
        self.minDiameter = minDiameter
        self.maxDiameter = maxDiameter
    }
}

/// Everything the interactive report shows, decided by the caller: the graph to draw, its
/// positions, metrics and communities. `HTMLReport` only writes it down.
public struct ReportInput: Sendable {
    /// The authors drawn (a subgraph of the filtered graph when `--max-nodes` cut it).
    public var graph: CoauthorGraph
    /// Layout positions in points, y up (Graphviz's), one per node.
    public var positions: PositionTable
    /// The circle colour of each node as `render` draws it (`#RRGGBB`).
    public var fill: [String]
    public var metrics: [ReportMetric]
    /// The metric that sizes the circles at first (`ReportMetric.name`).
    public var sizeBy: String
    /// Each node's place in name order (then identity key): the order `coauthor rank` gives authors
    /// with equal scores.
    public var tieOrder: [Int]
    public var communities: ReportCommunities?
    public var title: String
    /// Lines under the title: input, counts, what is shown.
    public var caption: String
    /// Things the reader should know ("the 2,000 most central of 9,321 authors are shown").
    public var notes: [String]
    public var stats: [ReportStat]
    /// The estimated number of people behind each author's name (coauthor circles that share no
    /// coauthor, as `rank`'s `ambiguity` column); nil when not estimated (countries, organisations).
    public var ambiguity: [Int]?
    /// The community level's layout (nil: the page places each community at its members' mean).
    public var communityLayout: ReportCommunityLayout?

    public init(graph: CoauthorGraph, positions: PositionTable, fill: [String], metrics: [ReportMetric], sizeBy: String,
                tieOrder: [Int], communities: ReportCommunities?, title: String, caption: String, notes: [String],
                stats: [ReportStat]) {
        self.graph = graph
        self.positions = positions
        self.fill = fill
        self.metrics = metrics
        self.sizeBy = sizeBy
        self.tieOrder = tieOrder
        self.communities = communities
        self.title = title
        self.caption = caption
        self.notes = notes
        self.stats = stats
    }
}

/// The interactive map: one self-contained HTML file (no network access when viewed) holding the
/// page's own script and style (`Report/web/`, embedded into the binary at build time) and the
/// graph as VOSviewer Online JSON.
///
/// The data is `{"info", "config", "network": {"items", "links", "clusters"}, "coauthor"}`:
/// VOSviewer Online reads `network` (items with `id`, `label`, `x`, `y`, `cluster`, `weights`,
/// `scores`; links with `source_id`, `target_id`, `strength`) and ignores `coauthor`, which holds
/// what the page needs beyond it (papers behind every author and tie, spellings, years, colours,
/// the rank order of ties, communities, statistics). Every string goes through `Text.json` with
/// `<`, `>` and `&` as `\u` escapes, so no name or title can end the `<script>` element that
/// carries the data or be read as markup; the page puts data into the document only as text
/// (`textContent`), and its Content-Security-Policy allows no script or style but its own (by hash).
public enum HTMLReport {
    /// The page's style and script modules, in the order they are inlined.
    static let styleSheet = String(decoding: PackageResources.report_css, as: UTF8.self)
    static let page = String(decoding: PackageResources.report_html, as: UTF8.self)
    static let scripts: [String] = [
        PackageResources.util_js, PackageResources.data_js, PackageResources.view_js, PackageResources.filters_js,
        PackageResources.search_js, PackageResources.panel_js, PackageResources.tables_js, PackageResources.communities_js, PackageResources.main_js,
    ].map { String(decoding: $0, as: UTF8.self) }

    /// The whole page.
    public static func writeHTML(_ input: ReportInput, to out: TextSink) {
        let script = scripts.joined(separator: "\n")
        let csp = "default-src 'none'; script-src '\(hash(script))'; style-src '\(hash(styleSheet))'; img-src data: blob:; "
            + "base-uri 'none'; form-action 'none'; object-src 'none'"
        out.write("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        out.write("<meta http-equiv=\"Content-Security-Policy\" content=\"\(csp)\">\n")
        out.write("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        out.write("<meta name=\"generator\" content=\"coauthor report\">\n")
        out.write("<title>\(Text.xml(input.title, content: true))</title>\n<style>")
        out.write(styleSheet)
        out.write("</style>\n</head>\n<body>\n")
        out.write(page)
        out.write("<script type=\"application/json\" id=\"coauthor-data\">")
        writeJSON(input, to: out)
        out.write("</script>\n<script>")
        out.write(script)
        out.write("</script>\n</body>\n</html>\n")
    }

    /// `'sha256-…'` of an inline element's text, as CSP wants it.
    static func hash(_ text: String) -> String {
        "sha256-" + Data(SHA256.digest(Array(text.utf8))).base64EncodedString()
    }

    /// A JSON string safe inside an HTML `<script>` element.
    static func string(_ s: String) -> String { Text.json(s, inScript: true) }

    static func list<S: Sequence>(_ xs: S, _ f: (S.Element) -> String) -> String {
        "[" + xs.map(f).joined(separator: ",") + "]"
    }

    static func year(_ y: Year) -> String { y == .unknown ? "null" : String(y) }

    /// The report's data: VOSviewer Online JSON plus the page's own `coauthor` member.
    public static func writeJSON(_ input: ReportInput, to out: TextSink) {
        let g = input.graph
        let n = g.nodeCount
        let corpus = g.corpus
        let membership = input.communities?.membership

        // Papers shown: every kept paper of a drawn author, numbered in corpus order.
        var paperIndex = [Int32](repeating: -1, count: corpus.papers.count)
        var papersOf: [[Int32]] = []
        papersOf.reserveCapacity(n)
        var used: [Int] = []
        for v in 0..<n {
            var row: [Int32] = []
            for p in corpus.authorPapers.row(Int(g.nodeAuthor[v])) where g.paperKept[Int(p)] {
                row.append(Int32(p))
                if paperIndex[Int(p)] < 0 { paperIndex[Int(p)] = 0; used.append(Int(p)) }
            }
            papersOf.append(row)
        }
        used.sort()
        for (i, p) in used.enumerated() { paperIndex[p] = Int32(i) }

        // Mean year and total link strength, as the VOSviewer export has them.
        var strength = [Int](repeating: 0, count: n)
        for e in 0..<g.edgeCount {
            strength[Int(g.edgeSource[e])] += Int(g.edgeWeight[e])
            strength[Int(g.edgeTarget[e])] += Int(g.edgeWeight[e])
        }

        // Metric values with as few digits as keep their order (the ranking table sorts by them).
        let shown = input.metrics.map { OrderPreservingRounding.round($0.values) }
        let sizeMetric = input.metrics.firstIndex { $0.name == input.sizeBy }
        // A community's colour: the one render gives its members.
        var clusterColour = [String](repeating: Palette.other, count: input.communities?.labels.count ?? 0)
        if let m = membership { for v in 0..<n where m[v] >= 0 { clusterColour[m[v]] = input.fill[v] } }

        out.write("{\n\"info\": {\"title\": \(string(input.title)), \"description\": \(string(input.caption))},\n")
        out.write("\"config\": {\"terminology\": {\"item\": \"author\", \"items\": \"authors\", \"link\": \"coauthor tie\", "
            + "\"links\": \"coauthor ties\", \"link_strength\": \"joint papers\", \"total_link_strength\": \"joint papers in all\"}},\n")
        out.write("\"network\": {\n\"items\": [")
        for v in 0..<n {
            var item = "{\"id\":\(v + 1),\"label\":\(string(g.name(v)))"
            let x = input.positions.x[v], y = input.positions.y[v]
            if x.isFinite && y.isFinite { item += ",\"x\":\(Text.number(x)),\"y\":\(Text.number(y))" }
            if let m = membership, m[v] >= 0 { item += ",\"cluster\":\(m[v] + 1)" }
            item += ",\"weights\":{\"Links\":\(g.degree(v)),\"Total link strength\":\(strength[v]),\"Documents\":\(g.nodePapers[v])}"
            var scores: [String] = []
            var sum = 0, count = 0
            for p in papersOf[v] where corpus.papers.year[Int(p)] != .unknown {
                sum += Int(corpus.papers.year[Int(p)]); count += 1
            }
            if count > 0 { scores.append("\"Avg. pub. year\":\(Text.number((Double(sum) / Double(count) * 10).rounded() / 10))") }
            if let i = sizeMetric, shown[i][v].isFinite { scores.append("\(string(input.metrics[i].name)):\(Text.number(shown[i][v]))") }
            item += ",\"scores\":{" + scores.joined(separator: ",") + "}}"
            out.write((v == 0 ? "\n" : ",\n") + item)
        }
        out.write("\n],\n\"links\": [")
        for e in 0..<g.edgeCount {
            out.write((e == 0 ? "\n" : ",\n")
                + "{\"source_id\":\(g.edgeSource[e] + 1),\"target_id\":\(g.edgeTarget[e] + 1),\"strength\":\(g.edgeWeight[e])}")
        }
        out.write("\n]")
        if let c = input.communities {
            out.write(",\n\"clusters\": [")
            for (i, label) in c.labels.enumerated() {
                out.write((i == 0 ? "\n" : ",\n") + "{\"cluster\":\(i + 1),\"label\":\(string(label)),\"color\":\(string(clusterColour[i]))}")
            }
            out.write("\n]")
        }
        out.write("\n},\n\"coauthor\": {\n\"format\": \"coauthor-report 1\",\n")
        out.write("\"title\": \(string(input.title)),\n\"caption\": \(string(input.caption)),\n")
        out.write("\"notes\": \(list(input.notes, string)),\n")
        out.write("\"stats\": \(list(input.stats) { "[\(string($0.name)), \(string($0.value))]" }),\n")
        out.write("\"metrics\": \(list(input.metrics) { "{\"name\": \(string($0.name)), \"title\": \(string($0.title)), \"higher_is_better\": \($0.higherIsBetter)}" }),\n")
        out.write("\"size_by\": \(string(input.sizeBy)),\n")
        out.write("\"diameter\": {\"min\": \(Text.number(NetworkDrawing.minDiameter * 72)), \"max\": \(Text.number(NetworkDrawing.maxDiameter * 72))},\n")
        let viridis = (0...8).map { Palette.viridis(Double($0) / 8) }
        out.write("\"palette\": {\"categorical\": \(list(Palette.categorical, string)), \"other\": \(string(Palette.other)), \"viridis\": \(list(viridis, string))},\n")
        if let a = input.ambiguity { out.write("\"ambiguity\": \(list(a) { String($0) }),\n") }
        if let l = input.communityLayout {
            out.write("\"community_layout\": {\"diameter\": {\"min\": \(Text.number(l.minDiameter)), \"max\": \(Text.number(l.maxDiameter))}, ")
            out.write("\"cluster\": \(list(l.cluster) { String($0 + 1) }), \"x\": \(list(l.x) { Text.number($0) }), \"y\": \(list(l.y) { Text.number($0) })},\n")
        }
        if let c = input.communities {
            out.write("\"communities\": {\"heading\": \(string(c.heading)), \"sizes\": \(list(c.sizes) { String($0) })},\n")
        }
        out.write("\"key\": \(list(0..<n) { string(g.key($0)) }),\n")
        let spellings = corpus.authors.spellings
        // Other spellings, only for the authors that have them: {"node index": [spelling, …]}.
        var other: [String] = []
        for v in 0..<n {
            let texts = spellings[Int(g.nodeAuthor[v])].map(\.text).filter { $0 != g.name(v) }
            if !texts.isEmpty { other.append("\"\(v)\":" + list(texts, string)) }
        }
        out.write("\"spellings\": {" + other.joined(separator: ",") + "},\n")
        out.write("\"metric_values\": {")
        for (i, m) in input.metrics.enumerated() {
            out.write((i == 0 ? "\n" : ",\n") + "\(string(m.name)): " + list(shown[i]) { Text.jsonNumber($0) })
        }
        out.write("\n},\n")
        out.write("\"tie_order\": \(list(input.tieOrder) { String($0) }),\n")
        out.write("\"author_papers\": [")
        for v in 0..<n { out.write((v == 0 ? "\n" : ",\n") + list(papersOf[v]) { String(paperIndex[Int($0)]) }) }
        out.write("\n],\n\"link_papers\": [")
        let edgePapers = ExportModel.edgeProvenance(g)
        for e in 0..<g.edgeCount {
            out.write((e == 0 ? "\n" : ",\n") + list(edgePapers.row(e)) { String(paperIndex[Int($0)]) })
        }
        let papers = corpus.papers
        func optional(_ s: String?) -> String { s.map(string) ?? "null" }
        let paperID = ExportModel.uniquePaperIDs(corpus)   // the ids the exports give papers
        out.write("\n],\n\"papers\": {\n\"id\": \(list(used) { string(paperID[$0]) }),\n")
        out.write("\"title\": \(list(used) { string(papers.title[$0]) }),\n")
        out.write("\"year\": \(list(used) { year(papers.year[$0]) }),\n")
        out.write("\"doi\": \(list(used) { optional(papers.doi[$0]) }),\n")
        // Native ids only when some paper has one (a list of nulls would add 5 bytes a paper).
        if !papers.nativeID.rows.isEmpty {
            out.write("\"native\": \(list(used) { optional(papers.nativeID[row: $0]) }),\n")
        }
        out.write("\"venue\": \(list(used) { optional(papers.venue[$0]) })\n}\n}\n}\n")
    }
}
