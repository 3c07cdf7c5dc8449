import ArgumentParser
import CoauthorGraph

/// `--unit`: what the nodes stand for (authors, organisations, countries).
struct UnitOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Nodes are authors, organizations or countries (from the records' affiliations: OpenAlex, PubMed, Web of Science, Scopus, Crossref). With organization, --aliases is an organisation thesaurus.",
        valueName: "unit"))
    var unit: AnalysisUnit = .author
}

extension AnalysisUnit: ExpressibleByArgument {}

/// `--normalize`: the tie weights communities, exports and render's community colours use
/// (`LinkNormalization`); one partition for the three (`Communities.labelled`).
struct NormalizeOptions: ParsableArguments {
    @Option(help: ArgumentHelp(
        "Tie weights normalised from joint papers and the papers of both ends (association strength: c_ij/(c_i c_j)). Exports keep the raw counts in 'papers' and 'fractional'.",
        valueName: "method"))
    var normalize: LinkNormalization = .none

    /// Normalisation is defined on full counts.
    func check(counting: Counting) throws {
        if normalize != .none && counting == .fractional {
            throw ValidationError("--normalize works on joint papers (full counting); leave out --counting fractional")
        }
    }

    /// The normalised edge weights, or nil for `none`.
    func weights(_ g: CoauthorGraph) -> [Double]? {
        normalize == .none ? nil : normalize.edgeWeights(g)
    }
}

extension LinkNormalization: ExpressibleByArgument {}
