import CoauthorText
import ArgumentParser
import CoauthorAlgorithms
import CoauthorGraph
import CoauthorRecords

struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Collaboration indicators: authors per paper, collaboration index and coefficients, Lotka's law, countries (SCP/MCP).",
        discussion: """
        Counts over the papers with at least one author (N), f_j = papers with j distinct authors: \
        authors_per_paper, collaboration_index, degree_of_collaboration, collaboration_coefficient, \
        modified_collaboration_coefficient, Lotka's law (least squares and maximum likelihood with \
        the Kolmogorov-Smirnov statistic) and, when the records carry affiliations, per country the \
        papers (full and fractional), single- and multiple-country papers (SCP, MCP), the MCP \
        ratio, and the international co-authorship share. Formulas and references: \
        docs/indicators.md. CSV has one row of the scalar indicators (per year with --by-year).

        Examples:
          coauthor indicators savedrecs.txt
          coauthor indicators works.json --format json
          coauthor indicators scopus.csv --by-year --format csv
        """)

    @OptionGroup(title: "Indicators options") var own: CommandOptions
    @OptionGroup(title: HelpSection.graph) var years: YearOptions
    @OptionGroup(title: HelpSection.graph) var yearAliases: YearAliasOptions
    @OptionGroup var input: InputOptions
    @OptionGroup(title: HelpSection.output) var output: OutputFileOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(help: "Output format.")
        var format: TableFormat = .table
        @Flag(name: .customLong("by-year"), help: "The indicators of each year (papers without a year are left out).")
        var byYear = false
    }


    func run() throws {
        let clock = StepClock(enabled: input.timings)
        let (_, corpus, stored) = try loadCorpus(input, clock: clock)
        if stored != nil {
            if !input.quiet { StdErr.write("coauthor: warning: a snapshot keeps no affiliations: no country indicators\n") }
        }
        let countries = corpus.affiliations.isEmpty ? nil : UnitCorpus(corpus, unit: .country)
        if let c = countries, c.unplacedAddresses > 0, !input.quiet {
            StdErr.write("coauthor: warning: \(c.unplacedAddresses) author affiliations name an address no rule places in a country; counted as 'unknown country'\n")
        }
        let range = try yearRange
        func inRange(_ p: Int) -> Bool {
            guard let y = corpus.papers.yearOf(p) else { return range.from == nil && range.to == nil }
            return (range.from.map { y >= $0 } ?? true) && (range.to.map { y <= $0 } ?? true)
        }
        let all = CollaborationIndicators(corpus: corpus, countries: countries, keep: inRange)
        var perYear: [(year: Int, value: CollaborationIndicators)] = []
        if own.byYear {
            let ys = Set((0..<corpus.papers.count).filter(inRange).compactMap { corpus.papers.yearOf($0) }).sorted()
            perYear = ys.map { y in (year: y, value: CollaborationIndicators(corpus: corpus, countries: countries,
                                                                             keep: { corpus.papers.yearOf($0) == y })) }
        }
        switch own.format {
        case .json:
            var fields = IndicatorsCommand.json(all)
            if own.byYear {
                fields.append(("years", .array(perYear.map { .object([("year", .int($0.year))] + IndicatorsCommand.json($0.value)) })))
            }
            try output.write(JSON.render(.object(fields)) + "\n")
        case .csv:
            let rows = own.byYear ? perYear.map { (label: String($0.year), value: $0.value) } : [(label: "all", value: all)]
            var out = (["year"] + IndicatorsCommand.scalars(all).map(\.name)).joined(separator: ",") + "\n"
            for r in rows {
                out += ([r.label] + IndicatorsCommand.scalars(r.value).map { $0.value.map(Text.jsonNumber) ?? "" }).joined(separator: ",") + "\n"
            }
            try output.write(out)
        case .table:
            var text = TextTable.aligned(IndicatorsCommand.scalars(all).map { [$0.name.replacingOccurrences(of: "_", with: " "), $0.value.map { Text.significant($0) } ?? "-"] })
            if let rows = all.countries {
                text += "\n" + TextTable.aligned(rows.map {
                    [$0.code, $0.name, String($0.papers), Text.significant($0.fractional), String($0.singleCountryPapers),
                     String($0.multipleCountryPapers), $0.mcpRatio.map { Text.significant($0) } ?? "-"]
                }, header: ["country", "name", "papers", "fractional", "SCP", "MCP", "MCP ratio"], leftColumns: 2)
            }
            if own.byYear {
                let names = ["papers", "authors", "authors_per_paper", "collaboration_index", "international_coauthorship_share"]
                text += "\n" + TextTable.aligned(perYear.map { y in
                    let s = Dictionary(uniqueKeysWithValues: IndicatorsCommand.scalars(y.value).map { ($0.name, $0.value) })
                    return [String(y.year)] + names.map { n in s[n]!.map { Text.significant($0) } ?? "-" }
                }, header: ["year"] + names.map { $0.replacingOccurrences(of: "_", with: " ") })
            }
            try output.write(text)
        }
    }

    /// A named scalar indicator (nil: not defined for these papers).
    struct Scalar {
        var name: String
        var value: Double?
    }

    static func scalars(_ i: CollaborationIndicators) -> [Scalar] {
        [Scalar(name: "papers", value: Double(i.papers)), Scalar(name: "authors", value: Double(i.authors)),
         Scalar(name: "single_authored_papers", value: Double(i.singleAuthoredPapers)),
         Scalar(name: "multi_authored_papers", value: Double(i.multiAuthoredPapers)),
         Scalar(name: "authors_per_paper", value: i.authorsPerPaper),
         Scalar(name: "papers_per_author", value: i.papersPerAuthor),
         Scalar(name: "collaboration_index", value: i.collaborationIndex),
         Scalar(name: "degree_of_collaboration", value: i.degreeOfCollaboration),
         Scalar(name: "collaboration_coefficient", value: i.collaborationCoefficient),
         Scalar(name: "modified_collaboration_coefficient", value: i.modifiedCollaborationCoefficient),
         Scalar(name: "lotka_beta_least_squares", value: i.lotka?.betaLeastSquares),
         Scalar(name: "lotka_c_least_squares", value: i.lotka?.cLeastSquares),
         Scalar(name: "lotka_r_squared", value: i.lotka?.rSquared),
         Scalar(name: "lotka_alpha_mle", value: i.lotka?.alphaMaximumLikelihood),
         Scalar(name: "lotka_ks_statistic", value: i.lotka?.ksStatistic),
         Scalar(name: "papers_with_country", value: Double(i.papersWithCountry)),
         Scalar(name: "international_coauthorship_share", value: i.internationalCoauthorshipShare)]
    }

    static func number(_ d: Double?) -> JSON.Value { d.map { .double($0) } ?? .null }

    static func json(_ i: CollaborationIndicators) -> [(String, JSON.Value)] {
        var o: [(String, JSON.Value)] = [
            ("papers", .int(i.papers)), ("authors", .int(i.authors)),
            ("single_authored_papers", .int(i.singleAuthoredPapers)), ("multi_authored_papers", .int(i.multiAuthoredPapers)),
            ("authors_per_paper", number(i.authorsPerPaper)), ("papers_per_author", number(i.papersPerAuthor)),
            ("collaboration_index", number(i.collaborationIndex)), ("degree_of_collaboration", number(i.degreeOfCollaboration)),
            ("collaboration_coefficient", number(i.collaborationCoefficient)),
            ("modified_collaboration_coefficient", number(i.modifiedCollaborationCoefficient)),
        ]
        if let l = i.lotka {
            o.append(("lotka", .object([
                ("beta_least_squares", number(l.betaLeastSquares)), ("c_least_squares", number(l.cLeastSquares)),
                ("r_squared", number(l.rSquared)), ("alpha_mle", number(l.alphaMaximumLikelihood)),
                ("ks_statistic", number(l.ksStatistic)),
                ("frequencies", .array(l.frequencies.map { .object([("papers", .int($0.papers)), ("authors", .int($0.authors))]) })),
            ])))
        } else {
            o.append(("lotka", .null))
        }
        o.append(("papers_with_country", .int(i.papersWithCountry)))
        o.append(("international_coauthorship_share", number(i.internationalCoauthorshipShare)))
        o.append(("countries", i.countries.map { rows in
            .array(rows.map {
                .object([("country", .string($0.code)), ("name", .string($0.name)), ("papers", .int($0.papers)),
                         ("fractional", .double($0.fractional)), ("scp", .int($0.singleCountryPapers)),
                         ("mcp", .int($0.multipleCountryPapers)), ("mcp_ratio", number($0.mcpRatio))])
            })
        } ?? .null))
        return o
    }
}

extension IndicatorsCommand: YearFiltered {}
