import ArgumentParser
import CoauthorGraph
import CoauthorRecords
import Foundation

extension InputFormat: ExpressibleByArgument {}

/// The titles of the option sections of `--help`, after the command's own options (each command's
/// `CommandOptions`, titled after the command): the graph (unit, years, filters), then how inputs
/// are read, then author identity, then output and messages. Sections with the same title are one
/// section; ArgumentParser orders them by their first option.
enum HelpSection {
    static let graph = "Graph options"
    static let input = "Input options"
    static let identity = "Identity options"
    static let output = "Output options"
}

/// Where the records come from and how to read them (shared by every command): the input paths,
/// then three sections of `--help` (reading, identity, messages); the properties below forward to
/// them, so a command reads `input.quiet` wherever the option is shown.
struct InputOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Record files or directories (searched recursively); '-' reads standard input.",
                                 valueName: "input"))
    var inputs: [String] = []

    @OptionGroup(title: HelpSection.input) var reading: ReadingOptions
    @OptionGroup(title: HelpSection.identity) var identity: IdentityArguments
    @OptionGroup(title: HelpSection.output) var messages: MessageOptions

    var inputFormat: InputFormat? { reading.inputFormat }
    var asOf: String? { reading.asOf }
    var owner: String? { reading.owner }
    var authorSeparator: String { reading.authorSeparator }
    var titleColumn: String? { reading.titleColumn }
    var authorsColumn: String? { reading.authorsColumn }
    var yearColumn: String? { reading.yearColumn }
    var idColumn: String? { reading.idColumn }
    var strict: Bool { reading.strict }
    var threads: Int { reading.threads }
    var maxInputSize: String? { reading.maxInputSize }
    var maxRecordSize: String? { reading.maxRecordSize }
    var aliases: String? { identity.aliases }
    var mergeInitials: Bool { identity.mergeInitials }
    var resolve: Resolution? { identity.resolve }
    var noDedupe: Bool { get { identity.noDedupe } set { identity.noDedupe = newValue } }
    var quiet: Bool { messages.quiet }
    var timings: Bool { messages.timings }

    /// The resolution used when `--resolve` is not given (chosen by the scores in docs/identity.md).
    static let defaultResolution = Resolution.exact
    var resolution: Resolution { resolve ?? InputOptions.defaultResolution }

    /// `--max-input-size` and `--max-record-size` (checked by `validate`).
    var limits: InputLimits {
        var l = InputLimits()
        if let t = maxInputSize, let v = InputLimits.parseSize(t) { l.maxDocumentBytes = v }
        if let t = maxRecordSize, let v = InputLimits.parseSize(t) { l.maxRecordBytes = v }
        return l
    }

    /// `--threads`, with 0 read as every core.
    var cores: Int { threads == 0 ? ProcessInfo.processInfo.activeProcessorCount : threads }

    func validate() throws {
        if inputs.isEmpty { throw ValidationError("no input given (a file, a directory, or '-' for standard input)") }
        if inputs.filter({ $0 == "-" }).count > 1 { throw ValidationError("'-' (standard input) can be given only once") }
        if let a = asOf, InputOptions.parseDate(a) == nil {
            throw ValidationError("--as-of expects a date YYYY-MM-DD, got '\(a)'")
        }
        if authorSeparator.isEmpty { throw ValidationError("--author-separator must not be empty") }
        if threads < 0 { throw ValidationError("--threads must be 0 (all cores) or more") }
        for (option, value) in [("--max-input-size", maxInputSize), ("--max-record-size", maxRecordSize)] {
            if let v = value, InputLimits.parseSize(v) == nil {
                throw ValidationError("\(option) expects a size in bytes such as 500M or 4G, got '\(v)'")
            }
        }
    }

    static func parseDate(_ s: String) -> PaperDate? {
        let parts = s.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), (1...31).contains(d) else { return nil }
        return PaperDate(year: y, month: m, day: d)
    }

    var readerOptions: ReaderOptions {
        let date: PaperDate
        if let a = asOf, let d = InputOptions.parseDate(a) { date = d } else {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
            date = PaperDate(year: c.year!, month: c.month!, day: c.day!)
        }
        return ReaderOptions(asOf: date, owner: owner, authorSeparator: authorSeparator,
                             titleColumn: titleColumn, authorsColumn: authorsColumn, yearColumn: yearColumn,
                             idColumn: idColumn)
    }
}

/// Filters on the graph (shared by every command that builds one); the year range lives in
/// `YearOptions` because `coauthor path` uses `--from`/`--to` for names.
struct GraphFilterOptions: ParsableArguments {
    @Option(name: .customLong("min-papers"), help: "Keep authors with at least this many papers.")
    var minPapers: Int = 1
    @Option(name: .customLong("min-weight"), help: "Keep coauthor ties with at least this many joint papers.")
    var minWeight: Int = 1
    @Flag(name: .customLong("largest-component"), help: "Keep only the largest connected component.")
    var largestComponent = false
    @Option(name: .customLong("max-authors"),
            help: "A paper with more authors adds no ties (it still counts as a paper); 0 = no limit.")
    var maxAuthors: Int = 100

    func validate() throws {
        if minPapers < 1 { throw ValidationError("--min-papers must be at least 1") }
        if minWeight < 1 { throw ValidationError("--min-weight must be at least 1") }
        if maxAuthors < 0 { throw ValidationError("--max-authors must be 0 (no limit) or more") }
    }

    func graphOptions(years: YearRange) -> GraphOptions {
        GraphOptions(fromYear: years.from, toYear: years.to, maxAuthors: maxAuthors, minPapers: minPapers,
                     minWeight: minWeight, largestComponent: largestComponent)
    }
}

/// A closed year range; nil ends are open.
struct YearRange {
    var from: Int?
    var to: Int?

    func check() throws {
        if let f = from, let t = to, f > t { throw ValidationError("the year range starts (\(f)) after it ends (\(t))") }
    }
}

/// `--from-year YEAR --to-year YEAR`: the year range, spelled the same in every command.
struct YearOptions: ParsableArguments {
    @Option(name: .customLong("from-year"), help: ArgumentHelp("Keep papers from this year on.", valueName: "year"))
    var fromYear: Int?
    @Option(name: .customLong("to-year"), help: ArgumentHelp("Keep papers up to this year.", valueName: "year"))
    var toYear: Int?

    func validate() throws { try YearRange(from: fromYear, to: toYear).check() }
}

/// The years' older spelling `--from YEAR --to YEAR`, kept (hidden) in the commands where `--from`
/// and `--to` mean nothing else (not `path`: names; not `export`: `--to` is the format).
struct YearAliasOptions: ParsableArguments {
    @Option(name: .customLong("from"), help: ArgumentHelp("Older spelling of --from-year.", valueName: "year", visibility: .hidden))
    var fromYear: Int?
    @Option(name: .customLong("to"), help: ArgumentHelp("Older spelling of --to-year.", valueName: "year", visibility: .hidden))
    var toYear: Int?
}

/// The year range of a command that takes both spellings.
protocol YearFiltered {
    var years: YearOptions { get }
    var yearAliases: YearAliasOptions { get }
}

extension YearFiltered {
    /// The range; giving one end in both spellings, or an end before the start, is a usage error
    /// (exit 64).
    var yearRange: YearRange {
        get throws {
            func usage(_ message: String) -> Error { CLIError.usage(message) }
            if years.fromYear != nil && yearAliases.fromYear != nil { throw usage("give --from-year once (--from is its older spelling)") }
            if years.toYear != nil && yearAliases.toYear != nil { throw usage("give --to-year once (--to is its older spelling)") }
            let r = YearRange(from: years.fromYear ?? yearAliases.fromYear, to: years.toYear ?? yearAliases.toYear)
            if let f = r.from, let t = r.to, f > t { throw usage("the year range starts (\(f)) after it ends (\(t))") }
            return r
        }
    }
}

/// `-o FILE`: the result goes to FILE (written whole through a temporary file and a rename)
/// instead of standard output.
struct OutputFileOptions: ParsableArguments {
    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("Write the result to this file (replaced whole, never half-written) instead of standard output.",
                               valueName: "file"))
    var output: String?

    func validate() throws {
        if let o = output, o.isEmpty || o.hasSuffix("/") { throw ValidationError("-o expects a file name") }
    }

    /// Writes `text` to the file, or to standard output without -o.
    func write(_ text: String) throws { try writeOutput(text, to: output) }
}


extension Resolution: ExpressibleByArgument {}

/// What every command that reads its inputs into a graph takes, declared once: the inputs and how
/// to read them, the year range in both spellings and the graph filters. In `--help` the year range
/// and the filters are the "Graph options" section (a command's `--unit` joins it), then the input
/// sections (`InputOptions`).
struct GraphSourceOptions: ParsableArguments {
    @OptionGroup(title: HelpSection.graph) var years: YearOptions
    @OptionGroup(title: HelpSection.graph) var yearAliases: YearAliasOptions
    @OptionGroup(title: HelpSection.graph) var filters: GraphFilterOptions
    @OptionGroup var input: InputOptions
}

/// `GraphSourceOptions` and `--unit` (which joins the "Graph options" section): what `render` and
/// `report` read their graph with.
struct UnitGraphSourceOptions: ParsableArguments, UnitGraphSource {
    @OptionGroup var source: GraphSourceOptions
    @OptionGroup(title: HelpSection.graph) var unit: UnitOptions
}

/// `UnitGraphSourceOptions` and `-o FILE` (in the "Output options" section): what the commands that
/// print a table, CSV or JSON (`rank`, `communities`, `stats`, `timeline`) read and write with.
struct TableGraphSourceOptions: ParsableArguments, UnitGraphSource {
    @OptionGroup var source: GraphSourceOptions
    @OptionGroup(title: HelpSection.graph) var unit: UnitOptions
    @OptionGroup(title: HelpSection.output) var output: OutputFileOptions
}

/// An option group that holds a `GraphSourceOptions`.
protocol GraphSource { var source: GraphSourceOptions { get } }
/// ... and `--unit`.
protocol UnitGraphSource: GraphSource { var unit: UnitOptions { get } }

extension GraphSourceOptions: GraphSource { var source: GraphSourceOptions { self } }

/// A command built on one of the groups above (`@OptionGroup var graph`): its parts read as
/// `input`, `years`, `yearAliases`, `filters` (and `unit`, `output` where the group has them), and
/// the year range as `yearRange`.
protocol GraphCommand: YearFiltered {
    associatedtype Source: GraphSource
    var graph: Source { get }
}

extension GraphCommand {
    var input: InputOptions { graph.source.input }
    var years: YearOptions { graph.source.years }
    var yearAliases: YearAliasOptions { graph.source.yearAliases }
    var filters: GraphFilterOptions { graph.source.filters }
}

extension GraphCommand where Source: UnitGraphSource {
    var unit: UnitOptions { graph.unit }
}

extension GraphCommand where Source == TableGraphSourceOptions {
    var output: OutputFileOptions { graph.output }
}

/// How the inputs are read (the "Input options" section of `--help`).
struct ReadingOptions: ParsableArguments {
    @Option(name: .customLong("input-format"),
            help: "Force a reader instead of detecting by extension and content.")
    var inputFormat: InputFormat?

    @Option(name: .customLong("as-of"), help: ArgumentHelp(
        "Date that completes dates without a year on profile pages (YYYY-MM-DD; default: today).",
        valueName: "date"))
    var asOf: String?

    @Option(help: "Profile owner added to every paper of a profile page that lacks them (default: the page header's name).")
    var owner: String?

    @Option(name: .customLong("author-separator"), help: "CSV/TSV: what separates authors in the authors column.")
    var authorSeparator: String = ";"

    @Option(name: .customLong("title-column"), help: "CSV/TSV: name of the title column.")
    var titleColumn: String?
    @Option(name: .customLong("authors-column"), help: "CSV/TSV: name of the authors column.")
    var authorsColumn: String?
    @Option(name: .customLong("year-column"), help: "CSV/TSV: name of the year column.")
    var yearColumn: String?
    @Option(name: .customLong("id-column"), help: "CSV/TSV: name of the id column.")
    var idColumn: String?

    @Flag(help: "Stop with a non-zero exit at the first malformed record instead of skipping it.")
    var strict = false

    @Option(help: "Cores to use for reading, building and the algorithms (0 = all cores).")
    var threads: Int = 0

    @Option(name: .customLong("max-input-size"), help: ArgumentHelp(
        "The most bytes (after decompression) of one input read whole: formats not read in pieces; also the most bytes of BibTeX from standard input spooled to $TMPDIR (default: half the memory, at most 64G).",
        valueName: "size"))
    var maxInputSize: String?

    @Option(name: .customLong("max-record-size"), help: ArgumentHelp(
        "The most bytes of one record (a JSON line, an XML record) of an input read in pieces (default: 256M).",
        valueName: "size"))
    var maxRecordSize: String?
}

/// Who is who (the "Identity options" section of `--help`).
struct IdentityArguments: ParsableArguments {
    @Option(help: ArgumentHelp("Name thesaurus applied before identity resolution: VOSviewer's format (tab-separated 'label<TAB>replace by'), or the ACL Anthology's name_variants.yaml (.yaml/.yml).",
                               valueName: "file"))
    var aliases: String?

    @Flag(name: .customLong("merge-initials"),
          help: "Merge an initials-only name (Q. Huang) into the one full name that fits (Qin Huang).")
    var mergeInitials = false

    @Option(help: ArgumentHelp("Identity resolution after the exact keying: exact (one author per id or normalised name) or evidence (also join name variants that share coauthors and split names whose papers fall into coauthor circles that share none; see 'coauthor identities'). Default: \(InputOptions.defaultResolution.rawValue).",
                               valueName: "method"))
    var resolve: Resolution?

    @Flag(name: .customLong("no-dedupe"),
          help: "Keep records that are the same paper apart (same WoS/Scopus/PubMed/OpenAlex id; same DOI; same title, year ±1 and a shared author across files).")
    var noDedupe = false
}

/// Messages on standard error (in the "Output options" section of `--help`).
struct MessageOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print no warnings and no progress on standard error.")
    var quiet = false

    @Flag(help: "Print how long each step took on standard error (timing: STEP SECONDS).")
    var timings = false
}
