import ArgumentParser
import CoauthorGraph

/// `--unit`: what the nodes stand for (authors, organisations, countries).
struct UnitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Nodes are authors, organizations or countries (from the records' affiliations: OpenAlex, PubMed, Web of Science, Scopus, Crossref). With organization, --aliases is an organisation thesaurus.",
        valueName: "author|organization|country"))
    var unit: AnalysisUnit = .author
}

extension AnalysisUnit: ExpressibleByArgument {}
