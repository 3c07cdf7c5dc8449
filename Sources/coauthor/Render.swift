import ArgumentParser
import CoauthorAlgorithms
import CoauthorExport
import CoauthorGraph
import CoauthorOutput
import CoauthorRecords
import Foundation
import GraphvizBridge

extension LayoutEngine: ExpressibleByArgument {}

/// What colours the nodes.
enum ColorBy: String, ExpressibleByArgument, CaseIterable {
    case community
    case firstYear = "first-year"
    case avgYear = "avg-year"
    case none
}

/// What one node of the drawing stands for.
enum DrawingLevel: String, ExpressibleByArgument, CaseIterable {
    case authors
    case communities
}

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw the collaboration network as SVG (or PNG/PDF) with Graphviz.",
        discussion: """
        Circle area is proportional to --size-by (any rank metric, computed on the whole filtered \
        graph), colour shows the community, the first year or the average publication year, edge \
        width grows with the logarithm of joint papers. The --labels most central authors are named; \
        labels never overlap. Hovering a node or edge in the SVG shows its details (name, papers, \
        metric, community; joint papers and years). A legend and a caption (input, counts, years) sit \
        above the drawing.

        --color-by community: the Leiden communities of the whole filtered graph (seed --seed), the \
        same partition 'coauthor communities --seed S' reports, each named by its distinctive title \
        terms; the ten largest in ten colour-blind-safe hues, the next ten as rings of the same hues \
        (pale fill, coloured outline), the rest grey. --color-by avg-year: VOSviewer's overlay, the \
        mean year of each author's papers on a viridis scale from its 5th to its 95th percentile \
        (a colour bar in the legend). --normalize association (or cosine, jaccard, inclusion, \
        equivalence) runs Leiden on the normalised tie weights, as 'coauthor communities \
        --normalize' and 'coauthor export --normalize' do (one partition for the three); edge widths \
        and tooltips keep joint papers.

        Readable at one width: text is sized for the picture shown --width pixels wide (default \
        1400). When the drawing is wider than that, every label and the header grow by the ratio \
        (the layout is redone with the bigger labels, so they still never overlap) and the SVG \
        declares that width; shown at --width, labels are 13–21 px and the caption 16 px high (the \
        sizes of a small drawing at its natural size). --font-scale multiplies all text further; \
        --width 0 keeps text at its natural size whatever the canvas.

        Isolated authors and tiny components (fewer than --min-component-size authors; by default 3, \
        or 1 % of the largest component's authors when that is more) are left out of the drawing: \
        they would fill the canvas around the network without telling anything about it. \
        Standard error and the caption say how many were left out; --min-component-size 1 draws \
        everyone. Not in ego views or country maps.

        --level communities draws one circle per Leiden community (area ∝ members, or papers with \
        --size-by papers), labelled by its title terms, with ties as wide as the papers joining \
        members of the two communities; hovering shows members, papers, years, top authors, and per \
        tie the coauthor ties and joint papers behind it. For big graphs, where the author-level \
        drawing is a hairball.

        Graphviz runs in a child process (this program re-invoked), one per drawing, with a time \
        limit (--timeout): the same input, options and --seed give byte-identical SVG, and a \
        Graphviz crash or a runaway layout becomes an error message instead of taking the run down.

        Big graphs: above --max-nodes only the most central authors by --size-by are drawn (and \
        standard error says so). The default cap depends on the engine: sfdp and twopi 2000, neato \
        and fdp 1000, circo 200, dot 300.

        The output format follows the extension of -o: .svg, .png, .pdf (PNG and PDF need Graphviz's \
        cairo plugin), .dot/.gv for the styled DOT text that would be laid out (no layout), or .html \
        for the interactive map ('coauthor report', same layout and seed).

        Examples:
          coauthor render seeds/qin-huang-profile.txt --as-of 2026-11-27 -o network.svg
          coauthor render qin-huang.txt --ego "Qin Huang" -o ego.svg
          coauthor render dblp.jsonl --max-nodes 1500 --size-by core -o big.svg
          coauthor render refs.bib --color-by first-year --labels 50 -o group.png
          coauthor render savedrecs.txt --unit country -o countries.svg
          coauthor render acl/ --color-by avg-year --width 1920 -o overlay.svg
          coauthor render dblp.jsonl --level communities --seed 1 -o circles.svg

        --unit country draws a map: each country at its centroid in the Equal Earth projection \
        (neato keeps the positions), circle area by --size-by (--size-by papers for papers), ties by \
        joint papers; give --layout to lay the countries out as a network instead.
        """)

    @OptionGroup(title: "Render options") var own: CommandOptions
    @OptionGroup(title: "Render options") var metric: MetricArguments
    @OptionGroup var source: GraphSourceOptions
    @OptionGroup(title: HelpSection.graph) var unit: UnitOptions
    @OptionGroup(title: "Render options") var normalization: NormalizeOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(name: .shortAndLong, help: ArgumentHelp("The file to write: .svg, .png, .pdf, or .dot/.gv.", valueName: "file"))
        var output: String
        @Option(help: "Graphviz layout engine (default: sfdp; twopi with --ego; neato with --level communities).")
        var layout: LayoutEngine?
        @Option(name: .customLong("size-by"), help: "Circle area ∝ this metric, any of rank's (for constraint: 1/constraint; default: pagerank; with --level communities: members, or papers).")
        var sizeByOption: Metric?
        @Option(name: .customLong("color-by"), help: "Node colour: community (Leiden), year of first paper, average publication year (avg-year), or none.")
        var colorBy: ColorBy = .community
        @Option(help: "What a circle is: an author, or a Leiden community (see above).")
        var level: DrawingLevel = .authors
        @Option(name: .customLong("min-component-size"), help: "Leave out components of fewer authors than this (1 = draw everyone; default: 3, or 1 % of the largest component when that is more).")
        var minComponentSize: Int?
        @Option(help: ArgumentHelp("Size text for the picture shown this many pixels wide (0 = natural size).", valueName: "px"))
        var width: Int = 1400
        @Option(name: .customLong("font-scale"), help: ArgumentHelp("Multiply every text size by this.", valueName: "factor"))
        var fontScale: Double = 1
        @Option(help: "Name the N most central authors (0 = none).")
        var labels: Int = 30
        @Option(help: "Draw only the N most central authors (0 = all).")
        var top: Int = 0
        @Option(help: "Draw the neighbourhood of this author (ego view; name or identity key).")
        var ego: String?
        @Option(help: "Ego view: coauthors up to this many hops away.")
        var radius: Int = 1
        @Option(name: .customLong("max-nodes"), help: "Never send more authors than this to Graphviz (default: per engine, see above).")
        var maxNodes: Int?
        @Option(help: ArgumentHelp("A title above the drawing.", valueName: "text"))
        var title: String?
        @Option(help: ArgumentHelp("Stop the layout after this many seconds.", valueName: "seconds"))
        var timeout: Double = 120
    }
    var output: String { own.output }
    var layout: LayoutEngine? { own.layout }
    var sizeByOption: Metric? { own.sizeByOption }
    var colorBy: ColorBy { own.colorBy }
    var level: DrawingLevel { own.level }
    var minComponentSize: Int? { own.minComponentSize }
    var width: Int { own.width }
    var fontScale: Double { own.fontScale }
    var labels: Int { own.labels }
    var top: Int { own.top }
    var ego: String? { own.ego }
    var radius: Int { own.radius }
    var maxNodes: Int? { own.maxNodes }
    var title: String? { own.title }
    var timeout: Double { own.timeout }

    static let engineCap: [LayoutEngine: Int] = [.sfdp: 2000, .twopi: 2000, .neato: 1000, .fdp: 1000, .circo: 200, .dot: 300]

    enum Target { case graphviz(OutputFormat), dot, report }

    var target: Target? {
        let lower = output.lowercased()
        if lower.hasSuffix(".dot") || lower.hasSuffix(".gv") { return .dot }
        if lower.hasSuffix(".html") || lower.hasSuffix(".htm") { return .report }
        return OutputFormat(fileName: output).map { .graphviz($0) }
    }

    func validate() throws {
        if target == nil { throw ValidationError("-o must name a .svg, .png, .pdf, .dot, .gv or .html file, got '\(output)'") }
        if case .report = target!, ego != nil || top > 0 || colorBy != .community || level != .authors || normalization.normalize != .none {
            throw ValidationError("-o FILE.html writes the interactive report ('coauthor report'), which takes no --ego, --top, --color-by, --level or --normalize")
        }
        if level == .communities {
            if ego != nil || top > 0 { throw ValidationError("--level communities draws every community; it takes no --ego or --top") }
            if colorBy != .community { throw ValidationError("--level communities colours by community; it takes no --color-by") }
            if let s = sizeByOption, s != .papers {
                throw ValidationError("--level communities sizes circles by members (default) or --size-by papers, not by \(s.rawValue)")
            }
        }
        if let m = minComponentSize, m < 1 { throw ValidationError("--min-component-size must be at least 1") }
        if width < 0 { throw ValidationError("--width must be 0 (natural size) or more pixels") }
        if !(fontScale > 0) || !fontScale.isFinite { throw ValidationError("--font-scale must be more than 0") }
        if labels < 0 { throw ValidationError("--labels must be 0 (none) or more") }
        if top < 0 { throw ValidationError("--top must be 0 (all) or more") }
        if radius < 1 { throw ValidationError("--radius must be at least 1") }
        if ego == nil && radius != 1 { throw ValidationError("--radius needs --ego") }
        if let m = maxNodes, m < 1 { throw ValidationError("--max-nodes must be at least 1") }
        if !(timeout > 0) { throw ValidationError("--timeout must be more than 0 seconds") }
        if normalization.normalize != .none && colorBy != .community {
            throw ValidationError("--normalize sets the weights Leiden colours by; it needs --color-by community")
        }
        try normalization.check(counting: metric.counting)
    }

    func run() throws {
        // Countries are drawn where they are: a map (fixed positions, kept by neato).
        let map = unit.unit == .country && layout == nil && ego == nil
        // neato for the few nodes of a community map (sfdp spreads a small graph thin).
        let engine = map ? .neato : layout ?? (ego != nil ? .twopi : level == .communities ? .neato : .sfdp)
        if case .report = target! {
            try ReportJob(input: input, years: try yearRange, filters: filters, unit: unit.unit, metric: metric, output: output, dataOnly: false,
                          sizeBy: sizeByOption ?? .pagerank, metricChoice: nil, maxNodes: maxNodes ?? 20_000, layout: engine, title: title,
                          timeout: timeout).run()
            return
        }
        let loaded = try loadGraph(input, filters, years: try yearRange, unit: unit.unit)
        let full = loaded.graph
        guard full.nodeCount > 0 else {
            throw CLIError.dataError("nothing to draw: no authors are left after reading and filtering")
        }
        let sizeBy = sizeByOption ?? .pagerank
        let adj = WeightedAdjacency(full, counting: metric.counting)
        let score = level == .communities && sizeBy != .pagerank ? [Double](repeating: 0, count: full.nodeCount)
            : try computeMetric(sizeBy, adj, full, metric.options(threads: input.threads))
        let egoNode = try ego.map { try AuthorLookup(full).nodeOrExit(named: $0) }

        var plan: DrawingPlan
        if level == .communities {
            plan = try planCommunityMap(full, score: score, edgeWeights: normalization.weights(full),
                                        bySize: sizeByOption == .papers ? .papers : .members,
                                        minComponentSize: minComponentSize ?? LeftOut.automaticSize(full), labels: labels,
                                        cap: maxNodes ?? Render.engineCap[engine]!, engine: engine, seed: metric.seed,
                                        title: title, quiet: input.quiet) {
                caption(full: full, drawn: $0, engine: engine, leftOut: $1)
            }
        } else {
            plan = try planDrawing(full, score: score, edgeWeights: normalization.weights(full), sizeBy: sizeBy,
                                   colorBy: colorBy, labels: labels, top: top,
                                   ego: egoNode, radius: radius, cap: maxNodes ?? Render.engineCap[engine]!, engine: engine,
                                   seed: metric.seed, title: title, quiet: input.quiet,
                                   minComponentSize: map || egoNode != nil ? 1 : minComponentSize ?? LeftOut.automaticSize(full),
                                   positions: map ? { g in (0..<g.nodeCount).map { Render.mapPosition(countryCode: g.key($0)) } } : nil) {
                caption(full: full, drawn: $0, engine: engine, leftOut: $1)
            }
        }
        // SVG gets its header and label halos by post-processing (see DOT.Target); Graphviz draws
        // them itself for PNG and PDF.
        func dotText(_ d: NetworkDrawing) -> String {
            if case .graphviz(let f) = target!, f != .svg { return DOT.write(d, for: .selfContained) }
            return DOT.write(d)
        }

        let format: OutputFormat
        switch target! {
        case .dot:
            plan.rescale(fontScale)
            try writeOutput(dotText(plan.drawing), to: output)
            return
        case .report: return
        case .graphviz(let f): format = f
        }
        // Text sized for --width: lay out, measure the canvas, and when it is wider than --width
        // lay out again with every text size grown by the ratio (at most three layouts; each ends
        // with 5 % to spare, since bigger labels widen the canvas a little).
        plan.rescale(fontScale)
        var rendered = try runGraphviz(GraphvizRequest(dot: dotText(plan.drawing), engine: engine, formats: [format], readLayout: width > 0),
                                       timeout: timeout)
        if width > 0 {
            // How big text comes out at --width, relative to asked (1 = as asked).
            func reached(_ r: Rendered, _ d: NetworkDrawing) -> Double {
                guard let box = r.layout else { return 1 }
                let canvas = (box.maxX - box.minX + 2 * Render.pad) * 4 / 3   // px at 96 dpi
                return d.textScale / (fontScale * max(1, canvas / Double(width)))
            }
            var best = (rendered: rendered, scale: plan.drawing.textScale, reached: reached(rendered, plan.drawing))
            for _ in 0..<2 where best.reached < 0.98 {
                // When labels fill the canvas, it grows with them and nothing is gained: keep the best.
                plan.rescale(best.scale / best.reached * 1.05)
                let r = try runGraphviz(GraphvizRequest(dot: dotText(plan.drawing), engine: engine, formats: [format], readLayout: true),
                                        timeout: timeout)
                let now = reached(r, plan.drawing)
                if now <= best.reached * 1.02 { break }
                best = (r, plan.drawing.textScale, now)
            }
            rendered = best.rendered
            plan.rescale(best.scale)
        }
        let drawing = plan.drawing
        if !input.quiet {
            for w in rendered.warnings { StdErr.write("coauthor: graphviz: \(w)\n") }
        }
        let bytes = rendered.bytes(format) ?? []
        if format == .svg {
            do {
                let svg = try SVG.decorate(String(decoding: bytes, as: UTF8.self), drawing: drawing,
                                           displayWidth: width > 0 ? Double(width) : nil)
                try writeOutput(svg, to: output)
            } catch let e as SVG.DecorationError {
                throw CLIError.software("\(e)")
            }
        } else {
            try write(bytes)
        }
    }

    /// Graphviz's `pad` around the drawing, in points (NetworkDrawing's 0.3 inch).
    static let pad = 0.3 * 72

    /// Map width in points (about 14 inches).
    static let mapWidth = 1000.0

    /// A country's node on the map: its centroid (`CountryTable`) in the Equal Earth projection;
    /// "unknown country" (no centroid) sits in the map's lower left corner, off the continents.
    static func mapPosition(countryCode: String) -> MapPoint {
        if let c = CountryTable.shared.country(code: countryCode) {
            return MapPoint.equalEarth(latitude: c.latitude, longitude: c.longitude, width: mapWidth)
        }
        return MapPoint.equalEarth(latitude: -70, longitude: -170, width: mapWidth)
    }

    /// Writes the output file (`AtomicFiles`); exit 73 when it cannot be written.
    func write(_ bytes: [UInt8]) throws {
        do { try AtomicFiles.write(bytes: bytes, to: output) } catch { throw failed(error) }
    }

    /// Two lines under the title: what was read, and what is shown how.
    func caption(full: CoauthorGraph, drawn: CoauthorGraph, engine: LayoutEngine, leftOut: LeftOut?) -> String {
        var shown: [String] = []
        if level == .communities {
            shown.append("\(drawn.nodeCount) Leiden communities (seed \(metric.seed)\(normalizedNote))")
        } else if let e = ego {
            shown.append("ego network of \(e) (radius \(radius)): \(drawn.nodeCount) authors")
        } else if drawn.nodeCount + (leftOut?.authors ?? 0) < full.nodeCount {
            shown.append("the \(drawn.nodeCount) most central authors")
        }
        if let l = leftOut { shown.append(l.caption) }
        if level != .communities && normalization.normalize != .none {
            shown.append("communities on \(normalization.normalize.rawValue)-normalised ties")
        }
        shown.append("layout \(engine.rawValue), seed \(metric.seed)")
        return drawingCaption(inputs: input.inputs, full: full, unit: unit.unit, shown: shown)
    }

    /// ", association-normalised ties" under --normalize, else "".
    var normalizedNote: String {
        normalization.normalize == .none ? "" : ", \(normalization.normalize.rawValue)-normalised ties"
    }

    static func displayName(_ m: Metric) -> String {
        switch m {
        case .pagerank: return "PageRank"
        case .eigenvector: return "eigenvector centrality"
        case .harmonic: return "harmonic centrality"
        case .core: return "core number"
        case .effectiveSize: return "effective size"
        case .papers: return "papers"
        default: return m.rawValue
        }
    }

    /// This program, for re-invoking itself as the Graphviz worker.
    static var selfExecutable: URL {
        if let u = Bundle.main.executableURL { return u }
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    }
}

/// What a drawing shows: the authors chosen (the ego's neighbourhood or everyone, the most central
/// first, at most `cap`), their communities and the styled drawing. Shared by `render` and `report`.
struct DrawingPlan {
    /// The drawn authors (a subgraph of the filtered graph).
    var graph: CoauthorGraph
    /// Full-graph node of each drawn node.
    var original: [Int]
    /// Leiden communities of the whole filtered graph, when colouring by community.
    var communities: CommunityColouring?
    var drawing: NetworkDrawing
    /// Authors that were candidates before the cap (equal to the drawn count when nothing was cut).
    var candidates: Int
    /// What the drawing was made from, to make it again with other text sizes.
    var options: DrawingOptions

    /// The drawing again with every text size multiplied by `scale`.
    mutating func rescale(_ scale: Double) {
        guard options.fontScale != scale else { return }
        options.fontScale = scale
        drawing = NetworkDrawing(graph: graph, options: options)
    }
}

/// Authors left out of a drawing for sitting in components smaller than `--min-component-size`.
struct LeftOut {
    var authors: Int
    var components: Int
    var minSize: Int

    var caption: String {
        "without \(authors) author\(authors == 1 ? "" : "s") in \(components) component\(components == 1 ? "" : "s") of fewer than \(minSize)"
    }

    /// The default `--min-component-size`: 3 (no isolated authors or pairs), or 1 % of the
    /// largest component's authors when that is more.
    static func automaticSize(_ g: CoauthorGraph) -> Int {
        let comps = g.connectedComponents()
        let largest = comps.sizes.max() ?? 0
        return max(3, (largest + 99) / 100)
    }

    /// The authors of components smaller than `minSize` (nil when there are none, or when every
    /// author is in one: then nothing is left out).
    static func find(_ g: CoauthorGraph, minSize: Int) -> (leftOut: LeftOut, keep: [Bool])? {
        guard minSize > 1 else { return nil }
        let comps = g.connectedComponents()
        let small = comps.sizes.map { $0 < minSize }
        let smallCount = small.filter { $0 }.count
        guard smallCount > 0, smallCount < comps.count else { return nil }
        let keep = (0..<g.nodeCount).map { !small[Int(comps.membership[$0])] }
        let authors = keep.filter { !$0 }.count
        return (LeftOut(authors: authors, components: smallCount, minSize: minSize), keep)
    }

    func note(_ unitNoun: String = "authors") -> String {
        "coauthor: note: left out \(authors) \(authors == 1 ? String(unitNoun.dropLast()) : unitNoun) in \(components) component\(components == 1 ? "" : "s") of fewer than \(minSize) (isolated authors and small groups; --min-component-size 1 draws them)\n"
    }
}

/// Leiden communities as `render` colours them.
struct CommunityColouring {
    var membership: [Int]
    var labels: [String]
    var heading: String
    var noun: String
}

func planDrawing(_ full: CoauthorGraph, score: [Double], edgeWeights: [Double]? = nil, sizeBy: Metric, colorBy: ColorBy, labels: Int, top: Int,
                 ego egoNode: Int?, radius: Int, cap: Int, engine: LayoutEngine, seed: UInt64, title: String?, quiet: Bool,
                 minComponentSize: Int = 1,
                 positions: ((CoauthorGraph) -> [MapPoint?])? = nil,
                 caption: (CoauthorGraph, LeftOut?) -> String) throws -> DrawingPlan {
    var candidates = Array(0..<full.nodeCount)
    var leftOut: LeftOut?
    if let e = egoNode {
        candidates = Neighbourhood.within(radius, hopsOf: e, in: full)
    } else if let found = LeftOut.find(full, minSize: minComponentSize) {
        leftOut = found.leftOut
        candidates = candidates.filter { found.keep[$0] }
        if !quiet { StdErr.write(found.leftOut.note()) }
    }
    let ranked = Ranking.order(score, in: full, higherIsBetter: sizeBy.higherIsBetter)
    var inCandidates = [Bool](repeating: false, count: full.nodeCount)
    for v in candidates { inCandidates[v] = true }
    var chosen = ranked.filter { inCandidates[$0] }
    if top > 0 && chosen.count > top { chosen = Array(chosen.prefix(top)) }
    if chosen.count > cap {
        if !quiet {
            StdErr.write("coauthor: note: \(candidates.count) authors are too many to lay out with \(engine.rawValue); drawing the \(cap) most central by \(sizeBy.rawValue) (--max-nodes)\n")
        }
        chosen = Array(chosen.prefix(cap))
    }
    if let e = egoNode, !chosen.contains(e) { chosen[chosen.count - 1] = e }
    var keep = [Bool](repeating: false, count: full.nodeCount)
    for v in chosen { keep[v] = true }
    let g = full.subgraph(keeping: keep)
    let original = (0..<full.nodeCount).filter { keep[$0] }   // subgraph node → full graph node
    let drawnEgo = egoNode.flatMap { e in original.firstIndex(of: e) }

    // Node columns for the drawing.
    let metricValues = original.map { score[$0] }
    let sizeValues = sizeBy == .constraint ? metricValues.map { $0 > 0 ? 1 / $0 : .nan } : metricValues
    let colouring: NodeColouring
    var communities: CommunityColouring?
    switch colorBy {
    case .none: colouring = .none
    case .firstYear: colouring = .firstYear
    case .avgYear:
        let years = ExportModel.averageYears(g)
        colouring = .scale(values: years, heading: "Average publication year", noun: "average year", decimals: 1)
    case .community:
        let c: (membership: [Int], labels: [String], heading: String, noun: String)
        do { c = try leidenCommunities(full, edgeWeights: edgeWeights, score: score, ranked: ranked, seed: seed) } catch let e as AlgorithmError {
            throw CLIError.dataError("communities: \(e)")
        }
        communities = CommunityColouring(membership: c.membership, labels: c.labels, heading: c.heading, noun: c.noun)
        colouring = .community(membership: original.map { c.membership[$0] }, labels: c.labels, heading: c.heading, noun: c.noun)
    }
    var options = DrawingOptions(
        sizeValues: sizeValues, sizeName: sizeBy == .constraint ? "1/constraint" : Render.displayName(sizeBy),
        colouring: colouring, labelCount: labels, engine: engine.rawValue, seed: seed,
        title: title, caption: caption(g, leftOut), ego: drawnEgo)
    options.metricName = Render.displayName(sizeBy)
    options.positions = positions?(g)
    options.metricValues = metricValues
    return DrawingPlan(graph: g, original: original, communities: communities,
                       drawing: NetworkDrawing(graph: g, options: options), candidates: candidates.count, options: options)
}

/// How a community map is drawn (`render --level communities`, and the report's community level
/// laid out by Graphviz): a circle per community of `map`, area ∝ members or papers, coloured as
/// the author level colours the community, labelled one term a line.
func communityMapOptions(_ map: CommunityMap, bySize: CommunitySize, labels: Int, engine: LayoutEngine, seed: UInt64,
                         heading: String) -> DrawingOptions {
    let size = map.communities.map { Double(bySize == .papers ? $0.papers : $0.members) }
    var options = DrawingOptions(
        sizeValues: size, sizeName: bySize == .papers ? "papers" : "members",
        colouring: .community(membership: Array(0..<map.communities.count), labels: map.communities.map(\.label),
                              heading: heading, noun: "community"),
        labelCount: labels, engine: engine.rawValue, seed: seed)
    options.memberNoun = (one: "community", many: "communities")
    // One term a line: a compact label box, so the circles stay close.
    options.labels = map.communities.map { $0.label.replacingOccurrences(of: ", ", with: "\n") }
    options.diameterScale = 1.5
    return options
}

/// What a community's circle area is proportional to.
enum CommunitySize { case members, papers }

/// `render --level communities`: the Leiden communities of the whole filtered graph (the partition
/// `--color-by community` colours) as nodes, the authors of components smaller than
/// `minComponentSize` left out first, at most `cap` communities (the biggest).
func planCommunityMap(_ full: CoauthorGraph, score: [Double], edgeWeights: [Double]?, bySize: CommunitySize, minComponentSize: Int, labels: Int,
                      cap: Int, engine: LayoutEngine, seed: UInt64, title: String?, quiet: Bool,
                      caption: (CoauthorGraph, LeftOut?) -> String) throws -> DrawingPlan {
    var keep = [Bool](repeating: true, count: full.nodeCount)
    var leftOut: LeftOut?
    if let found = LeftOut.find(full, minSize: minComponentSize) {
        leftOut = found.leftOut
        keep = found.keep
        if !quiet { StdErr.write(found.leftOut.note()) }
    }
    let ranked = Ranking.order(score, in: full, higherIsBetter: true)
    let c: (membership: [Int], labels: [String], heading: String, noun: String)
    do { c = try leidenCommunities(full, edgeWeights: edgeWeights, score: score, ranked: ranked, seed: seed) } catch let e as AlgorithmError {
        throw CLIError.dataError("communities: \(e)")
    }
    var map = CommunityMap(graph: full, membership: c.membership, labels: c.labels, keep: keep, ranked: ranked)
    if map.communities.count > cap {
        if !quiet {
            StdErr.write("coauthor: note: \(map.communities.count) communities are too many to lay out with \(engine.rawValue); drawing the \(cap) largest (--max-nodes)\n")
        }
        // Communities are numbered by size: the first `cap` kept ones are the largest.
        let kept = Set(map.communities.prefix(cap).map(\.id))
        for v in 0..<full.nodeCount where !kept.contains(c.membership[v]) { keep[v] = false }
        map = CommunityMap(graph: full, membership: c.membership, labels: c.labels, keep: keep, ranked: ranked)
    }
    let g = map.graph(options: full.options)
    var options = communityMapOptions(map, bySize: bySize, labels: labels, engine: engine, seed: seed, heading: c.heading)
    options.title = title
    options.caption = caption(g, leftOut)
    func years(_ a: Int?, _ z: Int?) -> String {
        guard let a, let z else { return "" }
        return a == z ? " (\(a))" : " (\(a)–\(z))"
    }
    func plural(_ n: Int, _ word: String) -> String { "\(n) \(word)\(n == 1 ? "" : "s")" }
    options.nodeTooltips = map.communities.map { k in
        ["community \(k.id + 1): \(k.label)", plural(k.members, "author"), plural(k.papers, "paper") + years(k.firstYear, k.lastYear),
         "top: " + k.topMembers.joined(separator: ", ")].joined(separator: "\n")
    }
    options.edgeTooltips = map.ties.map { t in
        let a = map.communities[t.a], b = map.communities[t.b]
        return "\(a.label) – \(b.label)\n" + plural(t.jointPapers, "joint paper") + years(t.firstYear, t.lastYear)
            + "\n" + plural(t.ties, "coauthor tie")
    }
    return DrawingPlan(graph: g, original: [], communities: nil, drawing: NetworkDrawing(graph: g, options: options),
                       candidates: g.nodeCount, options: options)
}

/// Lays out (and renders) DOT text in the Graphviz worker process; failures become a message on
/// standard error and an exit code (64 for an unusable engine or format, 65 for a graph Graphviz
/// refuses, 70 otherwise).
func runGraphviz(_ request: GraphvizRequest, timeout: Double) throws -> Rendered {
    let worker = IsolatedGraphviz(executable: Render.selfExecutable, arguments: ["_graphviz"], timeout: timeout)
    do {
        return try worker.render(request)
    } catch {
        var hint = ""
        if case .timedOut = error { hint = " (draw fewer authors with --max-nodes or --top, try --layout sfdp, or allow more --timeout)" }
        let message = "\(error)\(hint)"
        switch error {
        case .unknownEngine, .formatUnavailable, .unsupported: throw CLIError.usage(message)
        case .emptyGraph, .syntax: throw CLIError.dataError(message)
        default: throw CLIError.software(message)
        }
    }
}

/// Two lines under a drawing's title: the input, counts and years; then `shown` (what is drawn how).
func drawingCaption(inputs: [String], full: CoauthorGraph, unit: AnalysisUnit = .author, shown: [String]) -> String {
    let names = inputs.map { $0 == "-" ? "standard input" : $0 }
    var source = names.first ?? ""
    if names.count > 1 { source += " and \(names.count - 1) more" }
    let s = full.summary()
    let nodes = unit == .author ? "authors" : unit == .country ? "countries" : "organizations"
    var parts = [source, "\(s.papers) papers", "\(s.authors) \(nodes)", "\(s.edges) \(unit == .author ? "coauthor " : "")ties"]
    if let a = s.firstYear, let z = s.lastYear { parts.append(a == z ? "\(a)" : "\(a)–\(z)") }
    return parts.joined(separator: " · ") + "\n" + shown.joined(separator: " · ")
}

/// `--color-by community`: Leiden communities of the whole filtered graph (weighted by joint papers,
/// resolution 1, the drawing's `--seed`), numbered by size, each named by its most distinctive title
/// terms (`CommunityLabels`), else by its most central member. The same partition `coauthor
/// communities --seed S` reports.
func leidenCommunities(_ g: CoauthorGraph, edgeWeights: [Double]?, score: [Double], ranked: [Int], seed: UInt64) throws
    -> (membership: [Int], labels: [String], heading: String, noun: String) {
    guard g.edgeCount > 0 else {
        // No ties: every author is a community of one; say so rather than run Leiden on nothing.
        return ((0..<g.nodeCount).map { $0 }, (0..<g.nodeCount).map { g.name($0) }, "Communities (no ties: one per author)", "community")
    }
    let c = try Communities.labelled(g, edgeWeights: edgeWeights, seed: seed)
    let result = c.result
    var labels = c.labels.map(\.label)
    for v in ranked {
        let c = result.membership[v]
        if labels[c].isEmpty { labels[c] = g.name(v) + (result.sizes[c] > 1 ? " + \(result.sizes[c] - 1)" : "") }
    }
    return (result.membership, labels, "Communities (Leiden, modularity \(String(format: "%.3f", result.modularity)))", "community")
}

/// The hidden worker: lays out one graph from standard input (see `IsolatedGraphviz`).
struct GraphvizWorker: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "_graphviz", abstract: "Internal: Graphviz worker process for 'render'.", shouldDisplay: false)

    func run() throws {
        let status = IsolatedGraphviz.serve()
        if status != 0 { throw ExitCode(status) }
    }
}

extension Render: GraphCommand {}
