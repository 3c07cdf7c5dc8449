import ArgumentParser
import CoauthorGraph
import CoauthorIngest
import CoauthorText
import CoauthorRecords
import Foundation

struct Identities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every resolved author with the spellings, ids and reasons that made them one.",
        discussion: """
        An auditable merge log: each author (identity) with every spelling seen and how often, the \
        persistent ids (ORCID, DBLP homonym numbers, …), the paper count and why spellings were \
        joined: id (a shared persistent id), name folding (case, accents, hyphens, name order), \
        alias (--aliases), initials (--merge-initials), evidence and split (--resolve evidence), \
        with the evidence behind each join and split (shared coauthors, disjoint circles, years, \
        venues, a confidence). With --suggest, lists likely duplicates that were NOT merged (same \
        family name, compatible given names, a shared coauthor), to be confirmed in an alias \
        file: --suggest --format thesaurus writes them as a VOSviewer thesaurus (label<TAB>replace \
        by; the name with fewer papers is replaced by the other) to edit and pass back with \
        --aliases.

        With --mentions, one row per author mention instead: paper (its id), position (1-based \
        among the paper's usable author mentions), name (as written), author (the resolved key), \
        so that anyone can score the assignment. With --score GOLD, scores the assignment against \
        a gold file (CSV with the header paper,position,person): B³ and pairwise precision, \
        recall and F1, and the number of clusters (docs/identity.md, "Scoring").

        Examples:
          coauthor identities seeds/qin-huang-profile.txt --as-of 2026-11-27
          coauthor identities refs.bib dblp.xml --format json > identities.json
          coauthor identities refs.bib --suggest --format csv
          coauthor identities dblp.jsonl --resolve evidence --mentions --format csv
          coauthor identities dblp.jsonl --resolve evidence --score gold.csv
          coauthor identities refs.bib --suggest --format thesaurus -o thesaurus.txt
          coauthor stats refs.bib --aliases thesaurus.txt
        """)

    @OptionGroup(title: "Identities options") var own: CommandOptions
    @OptionGroup var graph: GraphSourceOptions
    @OptionGroup(title: HelpSection.output) var output: OutputFileOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(help: "Output format (thesaurus, with --suggest: a VOSviewer thesaurus for --aliases).")
        var format: Format = .table
        @Flag(help: "List likely duplicates that were not merged instead of the identities.")
        var suggest = false
        @Flag(help: "List every author mention (paper,position,name,author) instead of the identities.")
        var mentions = false
        @Option(help: ArgumentHelp("Score the resolved authors against a gold file (CSV: paper,position,person).", valueName: "gold.csv"))
        var score: String?
    }

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json, thesaurus }



    func validate() throws {
        if [own.suggest, own.mentions, own.score != nil].filter({ $0 }).count > 1 {
            throw ValidationError("give at most one of --suggest, --mentions and --score")
        }
        if own.format == .thesaurus && !own.suggest { throw ValidationError("--format thesaurus needs --suggest") }
    }

    func run() throws {
        let loaded = try loadGraph(input, filters, years: try yearRange)
        let g = loaded.graph
        if own.mentions || own.score != nil {
            guard g.corpus.mentions.isAvailable else {
                throw CLIError.usage("a snapshot keeps no author mentions: give the record files instead")
            }
        }
        if own.mentions {
            try output.write(renderMentions(g.corpus))
            return
        }
        if let path = own.score {
            let gold: IdentityGold
            do {
                gold = try IdentityGold.load(path: path, corpus: g.corpus)
            } catch let e as RecordError {
                // An unreadable gold file exits 66; a bad line in it, 65 (at its FILE:LINE).
                if case .unreadable = e { throw CLIError(e) }
                throw CLIError(message: "\(e)", exitCode: ExitCode(65), located: true)
            }
            try output.write(renderScores(gold.score(g.corpus)))
            return
        }
        if own.suggest {
            let (pairs, skipped) = g.duplicateSuggestions()
            if skipped > 0 && !input.quiet {
                StdErr.write("coauthor: warning: \(skipped) name groups with over 2,000 authors were not examined\n")
            }
            try output.write(renderSuggestions(pairs, g))
            return
        }
        let a = g.corpus.authors
        let order = (0..<g.nodeCount).sorted { (g.name($0), g.key($0)) < (g.name($1), g.key($1)) }
        func spellings(_ v: Int) -> [AuthorTable.Spelling] { a.spellings[Int(g.nodeAuthor[v])] }
        func ids(_ v: Int) -> [String] { a.ids[Int(g.nodeAuthor[v])].map(\.description) }
        func reasons(_ v: Int) -> [String] { a.joinReasons[Int(g.nodeAuthor[v])].sorted().map(\.rawValue) }
        func evidence(_ v: Int) -> [String] { a.evidence(of: Int(g.nodeAuthor[v])) }
        switch own.format {
        case .csv:
            let withEvidence = order.contains { !evidence($0).isEmpty }
            var out = "key,author,papers,spellings,ids,joined_by" + (withEvidence ? ",evidence" : "") + "\n"
            for v in order {
                out += ([Text.delimited(g.key(v)), Text.delimited(g.name(v)), String(g.nodePapers[v]),
                         Text.delimited(spellings(v).map { "\($0.text) (\($0.mentions))" }.joined(separator: "; ")),
                         Text.delimited(ids(v).joined(separator: "; ")), Text.delimited(reasons(v).joined(separator: "; "))]
                        + (withEvidence ? [Text.delimited(evidence(v).joined(separator: " | "))] : []))
                    .joined(separator: ",") + "\n"
            }
            try output.write(out)
        case .json:
            try output.write(JSON.render(.array(order.map { v in
                .object([("key", .string(g.key(v))), ("author", .string(g.name(v))), ("papers", .int(Int(g.nodePapers[v]))),
                         ("spellings", .array(spellings(v).map { .object([("text", .string($0.text)), ("mentions", .int($0.mentions))]) })),
                         ("ids", .array(ids(v).map { .string($0) })),
                         ("joined_by", .array(reasons(v).map { .string($0) }))]
                        + (evidence(v).isEmpty ? [] : [("evidence", .array(evidence(v).map { .string($0) }))]))
            })) + "\n")
        case .table, .thesaurus:
            let rows = order.map { v in
                [g.name(v), String(g.nodePapers[v]),
                 spellings(v).count > 1 ? spellings(v).map { "\($0.text) (\($0.mentions))" }.joined(separator: "; ") : "",
                 reasons(v).joined(separator: ", "), g.key(v)]
            }
            try output.write(TextTable.aligned(rows, header: ["author", "papers", "spellings", "joined by", "key"], leftColumns: 5))
            let explained = order.filter { !evidence($0).isEmpty }
            if !explained.isEmpty {
                var out = "\nevidence:\n"
                for v in explained {
                    for line in evidence(v) { out += "  \(g.name(v)): \(line)\n" }
                }
                try output.write(out)
            }
        }
    }

    /// One row per author mention: paper id, 1-based position, the name as written, the author's key.
    func renderMentions(_ c: Corpus) -> String {
        let m = c.mentions
        switch own.format {
        case .json:
            var rows: [JSON.Value] = []
            for p in 0..<c.papers.count {
                for (i, k) in (m.byPaper.offsets[p]..<m.byPaper.offsets[p + 1]).enumerated() {
                    rows.append(.object([("paper", .string(c.papers.id[p])), ("position", .int(i + 1)),
                                         ("name", .string(m.spellingText[Int(m.byPaper.items[k])])),
                                         ("author", .string(c.authors.key[Int(m.author[k])]))]))
                }
            }
            return JSON.render(.array(rows)) + "\n"
        case .csv, .table, .thesaurus:
            var out = own.format == .csv ? "paper,position,name,author\n" : ""
            var rows: [[String]] = []
            for p in 0..<c.papers.count {
                let id = c.papers.id[p]
                for (i, k) in (m.byPaper.offsets[p]..<m.byPaper.offsets[p + 1]).enumerated() {
                    let name = m.spellingText[Int(m.byPaper.items[k])], key = c.authors.key[Int(m.author[k])]
                    if own.format == .csv {
                        out += Text.delimited(id) + "," + String(i + 1) + "," + Text.delimited(name) + "," + Text.delimited(key) + "\n"
                    } else {
                        rows.append([id, String(i + 1), name, key])
                    }
                }
            }
            return own.format == .csv ? out : TextTable.aligned(rows, header: ["paper", "position", "name", "author"], leftColumns: 4)
        }
    }

    func renderScores(_ s: ClusterScores) -> String {
        let fields: [(String, Double)] = [("b3_precision", s.b3Precision), ("b3_recall", s.b3Recall), ("b3_f1", s.b3F1),
                                          ("pairwise_precision", s.pairPrecision), ("pairwise_recall", s.pairRecall),
                                          ("pairwise_f1", s.pairF1)]
        let counts: [(String, Int)] = [("mentions", s.mentions), ("predicted_clusters", s.predictedClusters),
                                       ("gold_clusters", s.goldClusters)]
        func num(_ x: Double) -> String { String(format: "%.4f", x) }
        switch own.format {
        case .csv:
            return (fields.map(\.0) + counts.map(\.0)).joined(separator: ",") + "\n"
                + (fields.map { num($0.1) } + counts.map { String($0.1) }).joined(separator: ",") + "\n"
        case .json:
            return JSON.render(.object(fields.map { ($0.0, .double($0.1)) } + counts.map { ($0.0, .int($0.1)) })) + "\n"
        case .table, .thesaurus:
            return TextTable.aligned(fields.map { [$0.0, num($0.1)] } + counts.map { [$0.0, String($0.1)] },
                               header: ["measure", "value"], leftColumns: 1)
        }
    }

    func renderSuggestions(_ pairs: [DuplicateSuggestion], _ g: CoauthorGraph) -> String {
        switch own.format {
        case .thesaurus:
            let (entries, skipped) = g.thesaurus(pairs)
            if skipped > 0 && !input.quiet {
                StdErr.write("coauthor: warning: \(skipped) suggestions left out of the thesaurus (a name suggested for two authors, or authors keyed by an id)\n")
            }
            return "label\treplace by\n" + entries.map { "\($0.label)\t\($0.replaceBy)\n" }.joined()
        case .csv:
            var out = "author_a,author_b,shared_coauthors,papers_a,papers_b,key_a,key_b\n"
            for p in pairs {
                out += [Text.delimited(g.name(p.a)), Text.delimited(g.name(p.b)), String(p.sharedCoauthors),
                        String(g.nodePapers[p.a]), String(g.nodePapers[p.b]), Text.delimited(g.key(p.a)), Text.delimited(g.key(p.b))]
                    .joined(separator: ",") + "\n"
            }
            return out
        case .json:
            return JSON.render(.array(pairs.map { p in
                .object([("author_a", .string(g.name(p.a))), ("author_b", .string(g.name(p.b))),
                         ("shared_coauthors", .int(p.sharedCoauthors)),
                         ("papers_a", .int(Int(g.nodePapers[p.a]))), ("papers_b", .int(Int(g.nodePapers[p.b]))),
                         ("key_a", .string(g.key(p.a))), ("key_b", .string(g.key(p.b)))])
            })) + "\n"
        case .table:
            if pairs.isEmpty { return "no likely duplicates found\n" }
            return TextTable.aligned(pairs.map { [g.name($0.a), g.name($0.b), String($0.sharedCoauthors)] },
                               header: ["author", "maybe the same as", "shared coauthors"], leftColumns: 2)
        }
    }
}

extension Identities: GraphCommand {}
