import ArgumentParser
import CoauthorAlgorithms
import CoauthorCharts
import CoauthorGraph
import CoauthorText

struct TimelineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "timeline",
        abstract: "Collaboration over time: yearly activity, tie spans with their papers, bursts, charts.",
        discussion: """
        Everything is read from the papers' years (and dates where known); papers without a year are \
        left out of every row (a warning says how many). Definitions and references: docs/timelines.md.

        Field timeline (default): per year, papers, active_authors, new_authors, active_ties, \
        new_ties, cumulative_authors, cumulative_ties, and the cumulative graph's \
        largest_component_share and mean_degree.
        Author timeline (--author): per year from the author's first to last paper (empty years \
        included) papers, coauthors, new_coauthors, cumulative_coauthors; the table and JSON also \
        list each coauthor's span (first_year, last_year, papers, years_active).
        Tie spans (--pairs): every tie with its first and last year and the ids of its papers; with \
        --author, the author's coauthors with their spans and papers.
        Windows: --window N --step S slides an N-year window by S years (CiteSpace's time slicing); \
        --cumulative grows it from the first year. A row's "new" counts what first appears after the \
        previous row's end, so they add up to the cumulative columns.
        Bursts (--bursts): Kleinberg's two-state burst detection on yearly counts of each author's \
        papers and each tie's joint papers, against the papers per year (--burst-scale s, \
        --burst-gamma γ).
        Charts (--format svg): with --author a collaboration Gantt chart (one row per coauthor by \
        first collaboration); else papers and new authors per year with the cumulative authors.

        Examples:
          coauthor timeline qin-huang.txt --author "Qin Huang"
          coauthor timeline refs.bib --window 3 --step 1 --format csv
          coauthor timeline refs.bib --pairs --format csv -o ties.csv
          coauthor timeline refs.bib --bursts --top 20
          coauthor timeline qin-huang.txt --author "Qin Huang" --format svg -o qin.svg
        """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, svg }

    @OptionGroup(title: "Timeline options") var own: CommandOptions
    @OptionGroup var graph: TableGraphSourceOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(help: "One author's timeline (a name or an identity key).")
        var author: String?
        @Flag(help: "Every tie with its span and the papers behind it (with --author: the author's coauthors).")
        var pairs = false
        @Option(help: ArgumentHelp("Rows are windows of this many years (with --step).", valueName: "years"))
        var window: Int?
        @Option(help: ArgumentHelp("Years between the starts of consecutive windows (default 1).", valueName: "years"))
        var step: Int?
        @Flag(help: "Rows are growing windows from the first year (every --step years).")
        var cumulative = false
        @Flag(help: "Kleinberg bursts of authors' papers and ties' joint papers per year.")
        var bursts = false
        @Option(name: .customLong("burst-scale"), help: "Bursts: the burst state's rate ÷ the base rate, s > 1 (default 2).")
        var burstScale: Double?
        @Option(name: .customLong("burst-gamma"), help: "Bursts: the cost of entering a burst, γ·ln(years), γ ≥ 0 (default 1).")
        var burstGamma: Double?
        @Option(name: .customLong("seed"), help: "Windows: the seed of the Leiden runs behind each window's modularity.")
        var communitySeed: Int = 1
        @Option(help: "Bursts and pairs: show the first N rows (0 = all).")
        var top: Int = 0
        @Option(help: "Output format (svg: a chart).")
        var format: Format = .table
    }



    func validate() throws {
        if let w = own.window, w < 1 { throw ValidationError("--window must be at least 1 year") }
        if let s = own.step, s < 1 { throw ValidationError("--step must be at least 1 year") }
        if own.window != nil && own.cumulative { throw ValidationError("--window and --cumulative exclude each other") }
        if own.step != nil && own.window == nil && !own.cumulative { throw ValidationError("--step needs --window or --cumulative") }
        if own.pairs && own.bursts { throw ValidationError("--pairs and --bursts exclude each other") }
        if (own.pairs || own.bursts) && (own.window != nil || own.cumulative) {
            throw ValidationError("--window and --cumulative slice the yearly rows; --\(own.pairs ? "pairs" : "bursts") has none")
        }
        if own.format == .svg && (own.pairs || own.bursts) { throw ValidationError("--format svg draws the yearly timeline; --\(own.pairs ? "pairs" : "bursts") is table, csv or json") }
        if own.format == .svg && (own.window != nil || own.cumulative) { throw ValidationError("--format svg draws yearly rows; drop --window/--cumulative") }
        if !own.bursts && (own.burstScale != nil || own.burstGamma != nil) { throw ValidationError("--burst-scale and --burst-gamma need --bursts") }
        if let s = own.burstScale, !(s > 1) || !s.isFinite { throw ValidationError("--burst-scale must be greater than 1") }
        if let g = own.burstGamma, !(g >= 0) || !g.isFinite { throw ValidationError("--burst-gamma must be 0 or more") }
        if own.top < 0 { throw ValidationError("--top must be 0 (all) or more") }
        if own.top > 0 && !(own.pairs || own.bursts) { throw ValidationError("--top applies to --pairs and --bursts") }
    }

    var mode: WindowMode {
        if let w = own.window { return .sliding(width: w, step: own.step ?? 1) }
        if own.cumulative { return .cumulative(step: own.step ?? 1) }
        return .yearly
    }

    func run() throws {
        let loaded = try loadGraph(input, filters, years: try yearRange, unit: unit.unit)
        if loaded.imported != nil {
            throw CLIError.usage("a timeline needs paper records; a Spark output directory holds the graph only (run timeline on the inputs)")
        }
        let g = loaded.graph
        let node = try own.author.map { try AuthorLookup(g).nodeOrExit(named: $0) }
        let h = CollaborationHistory(g)
        if !input.quiet && h.undatedPapers > 0 {
            StdErr.write("coauthor: warning: \(h.undatedPapers) paper\(h.undatedPapers == 1 ? "" : "s") without a year left out of the timeline\n")
        }
        let text: String
        do {
            if own.bursts {
                var found = try h.bursts(author: node, s: own.burstScale ?? 2, gamma: own.burstGamma ?? 1)
                if own.top > 0 { found = Array(found.prefix(own.top)) }
                text = renderBursts(found, h)
            } else if own.pairs {
                if let v = node {
                    var spans = try AuthorTimeline(h, author: v).collaborators
                    if own.top > 0 { spans = Array(spans.prefix(own.top)) }
                    text = renderCollaborators(spans, h, header: true)
                } else {
                    var spans = h.tieSpans()
                    if own.top > 0 { spans = Array(spans.prefix(own.top)) }
                    text = renderPairs(spans, h)
                }
            } else if let v = node {
                let t = try AuthorTimeline(h, author: v, mode: mode)
                if own.format == .svg {
                    guard let chart = gantt(t, h) else { throw noYears("\(g.name(v)) has no paper with a year") }
                    text = chart.svg()
                } else {
                    text = renderAuthor(t, h)
                }
            } else {
                // Windowed rows carry the modularity of each window's own graph under Leiden
                // (CiteSpace-style time slices); yearly rows do not (one Leiden run per year is
                // costly on large fields and the issue asks for it per window).
                let seed = UInt64(own.communitySeed)
                let leiden: WindowModularity? = mode == .yearly ? nil : { @Sendable windowGraph in
                    windowGraph.edgeCount == 0 ? Double.nan
                        : try Communities.detect(windowGraph, method: .leiden, seed: seed).modularity
                }
                let t = try FieldTimeline(h, mode: mode, windowModularity: leiden)
                if own.format == .svg {
                    guard let chart = fieldChart(t, h) else { throw noYears("no paper has a year") }
                    text = chart.svg()
                } else {
                    text = renderField(t)
                }
            }
        } catch let e as AlgorithmError {
            throw CLIError.dataError("\(e)")
        }
        try output.write(text)
    }

    func noYears(_ why: String) -> Error {
        CLIError.dataError("nothing to chart: \(why)")
    }

    // MARK: Field

    func renderField(_ t: FieldTimeline) -> String {
        let windowed = t.mode != .yearly
        let hasQ = t.rows.contains { $0.modularity != nil }
        let keys = (windowed ? ["window_start", "window_end"] : ["year"])
            + ["papers", "active_authors", "new_authors", "active_ties", "new_ties", "cumulative_authors",
               "cumulative_ties", "largest_component_share", "mean_degree"] + (hasQ ? ["modularity"] : [])
        func values(_ r: FieldTimelineRow) -> [JSON.Value] {
            (windowed ? [.int(r.window.start), .int(r.window.end)] : [.int(r.window.start)])
                + [.int(r.papers), .int(r.activeAuthors), .int(r.newAuthors), .int(r.activeTies), .int(r.newTies),
                   .int(r.cumulativeAuthors), .int(r.cumulativeTies), .double(r.largestComponentShare), .double(r.meanDegree)]
                + (hasQ ? [r.modularity.map { .double($0) } ?? .null] : [])
        }
        return render(keys: keys, rows: t.rows.map(values), leftColumns: 0, empty: "no paper has a year\n")
    }

    func fieldChart(_ t: FieldTimeline, _ h: CollaborationHistory) -> YearlyChart? {
        guard let span = h.years, !t.rows.isEmpty else { return nil }
        let last = t.rows.last!
        let dated = t.rows.reduce(0) { $0 + $1.papers }
        return YearlyChart(
            title: "Collaboration over time",
            subtitle: "\(dated) papers, \(last.cumulativeAuthors) authors, \(last.cumulativeTies) coauthor ties, \(span.lowerBound)–\(span.upperBound)",
            years: span,
            bars: [.init(id: "papers", name: "papers", values: t.rows.map { Double($0.papers) }, color: "#4c78a8"),
                   .init(id: "new-authors", name: "new authors", values: t.rows.map { Double($0.newAuthors) }, color: "#f58518")],
            line: .init(id: "cumulative-authors", name: "cumulative authors", values: t.rows.map { Double($0.cumulativeAuthors) },
                        color: "#2ca02c"),
            barAxisLabel: "papers, new authors per year", lineAxisLabel: "cumulative authors")
    }

    // MARK: Author

    func renderAuthor(_ t: AuthorTimeline, _ h: CollaborationHistory) -> String {
        let g = h.graph
        let windowed = t.mode != .yearly
        let keys = (windowed ? ["window_start", "window_end"] : ["year"])
            + ["papers", "coauthors", "new_coauthors", "cumulative_coauthors"]
        let rows: [[JSON.Value]] = t.rows.map { r in
            (windowed ? [.int(r.window.start), .int(r.window.end)] : [.int(r.window.start)])
                + [.int(r.papers), .int(r.coauthors), .int(r.newCoauthors), .int(r.cumulativeCoauthors)]
        }
        let papers = Int(g.nodePapers[t.author])
        let span = t.papersPerYear.isEmpty ? "no dated papers"
            : "\(t.papersPerYear.first!.year)–\(t.papersPerYear.last!.year)"
        switch own.format {
        case .csv:
            return render(keys: keys, rows: rows, leftColumns: 0, empty: "")
        case .json:
            let years: [JSON.Value] = rows.map { .object(Array(zip(keys, $0))) }
            return JSON.render(.object([
                ("author", .string(g.name(t.author))), ("key", .string(g.key(t.author))),
                ("papers", .int(papers)), ("undated_papers", .int(t.undatedPapers)),
                ("coauthor_count", .int(t.collaborators.count)),
                ("years", .array(years)),
                ("coauthors", collaboratorsJSON(t.collaborators, h)),
            ])) + "\n"
        default:
            var out = "\(g.name(t.author)): \(papers) paper\(papers == 1 ? "" : "s"), \(t.collaborators.count) coauthor\(t.collaborators.count == 1 ? "" : "s"), \(span)\n\n"
            out += render(keys: keys, rows: rows, leftColumns: 0, empty: "no dated papers\n")
            out += "\n" + renderCollaborators(t.collaborators, h, header: false)
            return out
        }
    }

    func collaboratorsJSON(_ spans: [CollaboratorSpan], _ h: CollaborationHistory) -> JSON.Value {
        let g = h.graph, ids = g.corpus.papers.id
        return .array(spans.map { c in
            .object([("coauthor", .string(g.name(c.coauthor))), ("key", .string(g.key(c.coauthor))),
                     ("first_year", c.tie.firstYear.map { .int($0) } ?? .null),
                     ("last_year", c.tie.lastYear.map { .int($0) } ?? .null),
                     ("papers", .int(c.tie.papers)), ("years_active", .int(c.tie.yearsActive)),
                     ("paper_ids", .array(c.tie.jointPapers.map { .string(ids[$0]) }))])
        })
    }

    /// The author's coauthors with their spans: `coauthor,first_year,last_year,papers,years_active`
    /// (CSV and the `--pairs` listing add `paper_ids`).
    func renderCollaborators(_ spans: [CollaboratorSpan], _ h: CollaborationHistory, header: Bool) -> String {
        let g = h.graph, ids = g.corpus.papers.id
        switch own.format {
        case .json:
            return JSON.render(collaboratorsJSON(spans, h)) + "\n"
        case .csv:
            var out = "coauthor,first_year,last_year,papers,years_active,paper_ids\n"
            for c in spans {
                out += [Text.delimited(g.name(c.coauthor)), c.tie.firstYear.map(String.init) ?? "", c.tie.lastYear.map(String.init) ?? "",
                        String(c.tie.papers), String(c.tie.yearsActive),
                        Text.delimited(c.tie.jointPapers.map { ids[$0] }.joined(separator: "; "))].joined(separator: ",") + "\n"
            }
            return out
        default:
            if spans.isEmpty { return "no coauthors\n" }
            let rows = spans.map { c in
                [g.name(c.coauthor), c.tie.firstYear.map(String.init) ?? "-", c.tie.lastYear.map(String.init) ?? "-",
                 String(c.tie.papers), String(c.tie.yearsActive)] + (header ? [c.tie.jointPapers.map { ids[$0] }.joined(separator: "; ")] : [])
            }
            return TextTable.aligned(rows, header: ["coauthor", "first year", "last year", "papers", "years active"] + (header ? ["papers behind the tie"] : []),
                               leftColumns: 1)
        }
    }

    func gantt(_ t: AuthorTimeline, _ h: CollaborationHistory) -> CollaborationGantt? {
        guard let first = t.papersPerYear.first?.year, let last = t.papersPerYear.last?.year else { return nil }
        let g = h.graph
        let papers = Int(g.nodePapers[t.author])
        let dated = t.collaborators.filter { $0.tie.firstYear != nil }
        // Homonyms (dblp's "Wei Wang 0001" and "Wei Wang 0011" both display as "Wei Wang") get their
        // identity key so that two rows never look like one person.
        var seen: [String: Int] = [:]
        for c in dated { seen[g.name(c.coauthor), default: 0] += 1 }
        func label(_ v: Int) -> String { seen[g.name(v)]! > 1 ? "\(g.name(v)) (\(g.key(v)))" : g.name(v) }
        return CollaborationGantt(
            title: "Collaboration timeline: \(g.name(t.author))",
            subtitle: "\(papers) paper\(papers == 1 ? "" : "s"), \(t.collaborators.count) coauthor\(t.collaborators.count == 1 ? "" : "s"), \(first)–\(last); coauthors in order of first joint paper",
            years: first...last,
            papers: t.papersPerYear,
            papersLabel: "papers per year",
            rows: dated.map { c in
                .init(label: label(c.coauthor), first: c.tie.firstYear!, last: c.tie.lastYear!,
                      marks: c.tie.perYear)
            })
    }

    // MARK: Pairs

    func renderPairs(_ spans: [TieSpan], _ h: CollaborationHistory) -> String {
        let g = h.graph, ids = g.corpus.papers.id
        switch own.format {
        case .json:
            return JSON.render(.array(spans.map { s in
                .object([("author_a", .string(g.name(s.a))), ("author_b", .string(g.name(s.b))),
                         ("first_year", s.firstYear.map { .int($0) } ?? .null), ("last_year", s.lastYear.map { .int($0) } ?? .null),
                         ("papers", .int(s.papers)), ("years_active", .int(s.yearsActive)),
                         ("paper_ids", .array(s.jointPapers.map { .string(ids[$0]) })),
                         ("key_a", .string(g.key(s.a))), ("key_b", .string(g.key(s.b)))])
            })) + "\n"
        case .csv:
            var out = "author_a,author_b,first_year,last_year,papers,paper_ids\n"
            for s in spans {
                out += [Text.delimited(g.name(s.a)), Text.delimited(g.name(s.b)), s.firstYear.map(String.init) ?? "",
                        s.lastYear.map(String.init) ?? "", String(s.papers),
                        Text.delimited(s.jointPapers.map { ids[$0] }.joined(separator: "; "))].joined(separator: ",") + "\n"
            }
            return out
        default:
            if spans.isEmpty { return "no coauthor ties\n" }
            return TextTable.aligned(spans.map { s in
                [g.name(s.a), g.name(s.b), s.firstYear.map(String.init) ?? "-", s.lastYear.map(String.init) ?? "-",
                 String(s.papers), s.jointPapers.map { ids[$0] }.joined(separator: "; ")]
            }, header: ["author a", "author b", "first year", "last year", "papers", "papers behind the tie"], leftColumns: 2)
        }
    }

    // MARK: Bursts

    func renderBursts(_ found: [TimelineBurst], _ h: CollaborationHistory) -> String {
        let g = h.graph
        func names(_ s: TimelineBurst.Subject) -> (String, String, String, String?) {
            switch s {
            case .author(let v): return ("author", g.name(v), g.key(v), nil)
            case .tie(let e):
                let a = Int(g.edgeSource[e]), b = Int(g.edgeTarget[e])
                return ("tie", g.name(a), g.key(a), g.name(b))
            }
        }
        switch own.format {
        case .json:
            return JSON.render(.array(found.map { b in
                let (kind, a, _, other) = names(b.subject)
                return .object([("kind", .string(kind)), ("author_a", .string(a)), ("author_b", other.map { .string($0) } ?? .null),
                                ("start", .int(b.start)), ("end", .int(b.end)), ("strength", .double(b.strength)),
                                ("papers", .int(b.papers))])
            })) + "\n"
        case .csv:
            var out = "kind,author_a,author_b,start,end,strength,papers\n"
            for b in found {
                let (kind, a, _, other) = names(b.subject)
                out += [kind, Text.delimited(a), Text.delimited(other ?? ""), String(b.start), String(b.end),
                        Text.cellNumber(b.strength), String(b.papers)].joined(separator: ",") + "\n"
            }
            return out
        default:
            if found.isEmpty { return "no bursts (s = \(Text.significant(own.burstScale ?? 2)), γ = \(Text.significant(own.burstGamma ?? 1)))\n" }
            return TextTable.aligned(found.map { b in
                let (kind, a, _, other) = names(b.subject)
                return [kind, other.map { "\(a) — \($0)" } ?? a, String(b.start), String(b.end), Text.significant(b.strength), String(b.papers)]
            }, header: ["kind", "who", "start", "end", "strength", "papers"], leftColumns: 2)
        }
    }

    // MARK: Shared

    /// Rows as CSV, JSON (an array of objects) or an aligned table.
    func render(keys: [String], rows: [[JSON.Value]], leftColumns: Int, empty: String) -> String {
        func text(_ v: JSON.Value, table: Bool) -> String {
            switch v {
            case .int(let i): return String(i)
            case .double(let d): return table ? Text.significant(d) : Text.cellNumber(d)
            case .string(let s): return table ? s : Text.delimited(s)
            case .null: return table ? "-" : ""
            default: return JSON.render(v, pretty: false)
            }
        }
        switch own.format {
        case .json:
            return JSON.render(.array(rows.map { .object(Array(zip(keys, $0))) })) + "\n"
        case .csv:
            return ([keys.joined(separator: ",")] + rows.map { $0.map { text($0, table: false) }.joined(separator: ",") })
                .joined(separator: "\n") + "\n"
        default:
            if rows.isEmpty { return empty }
            return TextTable.aligned(rows.map { $0.map { text($0, table: true) } },
                               header: keys.map { $0.replacingOccurrences(of: "_", with: " ") }, leftColumns: leftColumns)
        }
    }
}

extension TimelineCommand: GraphCommand {}
