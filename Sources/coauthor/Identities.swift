import ArgumentParser
import CoauthorGraph
import CoauthorText
import CoauthorRecords

struct Identities: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List every resolved author with the spellings, ids and reasons that made them one.",
        discussion: """
        An auditable merge log: each author (identity) with every spelling seen and how often, the
        persistent ids (ORCID, DBLP homonym numbers, …), the paper count and why spellings were
        joined: id (a shared persistent id), name folding (case, accents, hyphens, name order),
        alias (--aliases), initials (--merge-initials). With --suggest, lists likely duplicates
        that were NOT merged (same family name, compatible given names, a shared coauthor), to be
        confirmed in an alias file.

        Examples:
          coauthor identities seeds/qin-huang-profile.txt --as-of 2026-11-27
          coauthor identities refs.bib dblp.xml --format json > identities.json
          coauthor identities refs.bib --suggest --format csv
        """)

    @OptionGroup var input: InputOptions
    @OptionGroup var years: YearOptions
    @OptionGroup var filters: GraphFilterOptions

    @Option(help: "Output format: table, csv or json.")
    var format: TableFormat = .table
    @Flag(help: "List likely duplicates that were not merged instead of the identities.")
    var suggest = false

    func run() throws {
        let loaded = try loadGraph(input, filters, years: years.range)
        let g = loaded.graph
        if suggest {
            let (pairs, skipped) = g.duplicateSuggestions()
            if skipped > 0 && !input.quiet {
                StdErr.write("coauthor: warning: \(skipped) name groups with over 2,000 authors were not examined\n")
            }
            try emit(renderSuggestions(pairs, g))
            return
        }
        let a = g.corpus.authors
        let order = (0..<g.nodeCount).sorted { (g.name($0), g.key($0)) < (g.name($1), g.key($1)) }
        func spellings(_ v: Int) -> [AuthorTable.Spelling] { a.spellings[Int(g.nodeAuthor[v])] }
        func ids(_ v: Int) -> [String] { a.ids[Int(g.nodeAuthor[v])].map(\.description) }
        func reasons(_ v: Int) -> [String] { a.joinReasons[Int(g.nodeAuthor[v])].sorted().map(\.rawValue) }
        switch format {
        case .csv:
            var out = "key,author,papers,spellings,ids,joined_by\n"
            for v in order {
                out += [Text.delimited(g.key(v)), Text.delimited(g.name(v)), String(g.nodePapers[v]),
                        Text.delimited(spellings(v).map { "\($0.text) (\($0.mentions))" }.joined(separator: "; ")),
                        Text.delimited(ids(v).joined(separator: "; ")), Text.delimited(reasons(v).joined(separator: "; "))]
                    .joined(separator: ",") + "\n"
            }
            try emit(out)
        case .json:
            try emit(JSON.render(.array(order.map { v in
                .object([("key", .string(g.key(v))), ("author", .string(g.name(v))), ("papers", .int(Int(g.nodePapers[v]))),
                         ("spellings", .array(spellings(v).map { .object([("text", .string($0.text)), ("mentions", .int($0.mentions))]) })),
                         ("ids", .array(ids(v).map { .string($0) })),
                         ("joined_by", .array(reasons(v).map { .string($0) }))])
            })) + "\n")
        case .table:
            let rows = order.map { v in
                [g.name(v), String(g.nodePapers[v]),
                 spellings(v).count > 1 ? spellings(v).map { "\($0.text) (\($0.mentions))" }.joined(separator: "; ") : "",
                 reasons(v).joined(separator: ", "), g.key(v)]
            }
            try emit(TextTable.aligned(rows, header: ["author", "papers", "spellings", "joined by", "key"], leftColumns: 5))
        }
    }

    func renderSuggestions(_ pairs: [DuplicateSuggestion], _ g: CoauthorGraph) -> String {
        switch format {
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
