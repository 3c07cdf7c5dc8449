import ArgumentParser

@main
struct Coauthor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coauthor",
        abstract: "Turn paper records into a coauthorship graph: who works with whom.",
        discussion: """
        Inputs: scholar-profile pages, BibTeX/biblatex, CSV/TSV, JSON Lines, dblp/PubMed/ACL Anthology
        XML, OpenAlex works, Semantic Scholar paper responses, CSL-JSON and CSL-YAML, RIS, Web of Science
        plain text and MEDLINE (.nbib), detected by extension then content (--input-format forces one).
        Directories are read recursively; '-' is standard input.

        Exit codes: 0 success, 64 bad usage, 65 bad input data, 66 input missing or unreadable,
        73 output cannot be written.
        """,
        version: "0.1.0",
        subcommands: [Stats.self, Rank.self, PathCommand.self, CommunitiesCommand.self, TimelineCommand.self,
                      Render.self, Export.self, Identities.self, Build.self, GraphvizWorker.self])
}
