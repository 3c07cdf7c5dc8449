import ArgumentParser
import CoauthorAlgorithms
import CoauthorGraph
import CoauthorRecords
import CoauthorText
import Foundation

struct PathCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "path",
        abstract: "The shortest collaboration chain between two authors, with the papers behind each hop.",
        discussion: """
        Names are matched by identity key (so "Huang, Qin", "qin huang" and "Qin Huang" are the same \
        person); an identity key such as orcid:0000-… or dblp:Wei Wang 0001 works too. The chain is a \
        breadth-first shortest path (the "Erdős number" question); among equally short chains the \
        one through lower node indices (earlier in the input) is shown.

        Exit status: 0 when a chain was found, 1 when the two authors are not connected.

        Examples:
          coauthor path qin-huang.txt --from "Ye Wang" --to "Zhe Lin"
          coauthor path dblp.jsonl --from "Jeffrey D. Ullman" --to "Jennifer Widom"
        """)

    @OptionGroup(title: "Path options") var own: CommandOptions
    @OptionGroup(title: HelpSection.graph) var filters: GraphFilterOptions
    @OptionGroup(title: HelpSection.graph) var years: YearOptions
    @OptionGroup var input: InputOptions
    @OptionGroup(title: HelpSection.output) var output: OutputFileOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(name: .customLong("from"), help: "The first author.")
        var fromName: String
        @Option(name: .customLong("to"), help: "The second author.")
        var toName: String
        @Option(help: "Output format.")
        var format: TableFormat = .table
    }


    func validate() throws {
        if own.format == .csv { throw ValidationError("path output is table or json") }
    }

    func run() throws {
        let loaded = try loadGraph(input, filters, years: YearRange(from: years.fromYear, to: years.toYear))
        let g = loaded.graph
        let lookup = AuthorLookup(g)
        let a = try lookup.nodeOrExit(named: own.fromName)
        let b = try lookup.nodeOrExit(named: own.toName)
        let adj = WeightedAdjacency(g)
        guard let path = try Paths.shortestPath(adj, from: a, to: b) else {
            switch own.format {
            case .json:
                try output.write(JSON.render(.object([("from", .string(g.name(a))), ("to", .string(g.name(b))),
                                          ("connected", .bool(false)), ("length", .null), ("hops", .array([]))])) + "\n")
            default:
                try output.write("\(g.name(a)) and \(g.name(b)) are not connected (no chain of coauthors joins them).\n")
            }
            throw ExitCode(1)
        }
        let hops = zip(path, path.dropFirst()).map { (x, y) in (x, y, g.jointPapers(x, y)) }
        let papers = g.corpus.papers
        switch own.format {
        case .json:
            let hv: [JSON.Value] = hops.map { x, y, ps in
                .object([("from", .string(g.name(x))), ("to", .string(g.name(y))),
                         ("papers", .array(ps.map { p in
                             .object([("id", .string(papers.id[p])), ("title", .string(papers.title[p])),
                                      ("year", papers.yearOf(p).map { .int($0) } ?? .null)])
                         }))])
            }
            try output.write(JSON.render(.object([
                ("from", .string(g.name(a))), ("to", .string(g.name(b))), ("connected", .bool(true)),
                ("length", .int(path.count - 1)),
                ("path", .array(path.map { .object([("author", .string(g.name($0))), ("key", .string(g.key($0)))]) })),
                ("hops", .array(hv)),
            ])) + "\n")
        default:
            var out = "\(g.name(a)) → \(g.name(b)): \(path.count - 1) hop\(path.count == 2 ? "" : "s")\n"
            for (i, (x, y, ps)) in hops.enumerated() {
                out += "\(i + 1). \(g.name(x)) — \(g.name(y)) (\(ps.count) joint paper\(ps.count == 1 ? "" : "s"))\n"
                for p in ps {
                    let year = papers.yearOf(p).map { " (\($0))" } ?? ""
                    out += "     \(papers.title[p])\(year) [\(papers.id[p])]\n"
                }
            }
            try output.write(out)
        }
    }
}

extension AuthorLookup {
    /// The node of a name or key; on a miss or an ambiguous name, the message and exit 64.
    func nodeOrExit(named text: String) throws -> Int {
        do {
            return try node(named: text)
        } catch {
            throw CLIError.usage("\(error)")
        }
    }
}
