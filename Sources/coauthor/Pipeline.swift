import ArgumentParser
import CoauthorDistributed
import CoauthorGraph
import CoauthorIngest
import CoauthorOutput
import CoauthorRecords
import Foundation

/// Standard error, unbuffered (write errors ignored: `StandardError`).
enum StdErr {
    static func write(_ s: String) { StandardError.write(s) }
    static var isTerminal: Bool { StandardError.isTerminal }
    /// `-q`: no progress bars either (set once, at load, before any worker thread starts).
    nonisolated(unsafe) static var quiet = false
}

/// Loaded records, resolved identities and the filtered graph.
struct Loaded {
    var summary: LoadSummary
    var corpus: Corpus
    var graph: CoauthorGraph
    var clock: StepClock
    /// The graph was read from a Spark job's output (no paper records: only the graph).
    var imported: SparkOutput? = nil
    /// With `--unit organization|country`: the unit corpus (its fractional counts); `corpus` is its corpus.
    var units: UnitCorpus? = nil
}

/// The graph of a Spark job's output directory given as the only input (nil for any other
/// input), under the filters that can apply to a graph without its papers.
func loadSparkOutput(_ input: InputOptions, _ filters: GraphFilterOptions, years: YearRange) throws -> SparkOutput? {
    guard input.inputs.contains(where: { $0 != "-" && SparkOutput.looks(path: $0) }) else { return nil }
    guard input.inputs.count == 1 else {
        throw CLIError.usage("a Spark output directory must be the only input")
    }
    if years.from != nil || years.to != nil {
        throw CLIError.usage("--from/--to need paper records; a Spark output holds the graph only (filter the authorships before the job)")
    }
    StdErr.quiet = input.quiet
    var out: SparkOutput
    do {
        out = try SparkOutput.load(path: input.inputs[0])
    } catch {
        switch error {
        case .incomplete: throw CLIError(message: "\(error)", exitCode: ExitCode(66), located: true)
        case .bad: throw CLIError(message: "\(error)", exitCode: ExitCode(65), located: true)
        }
    }
    if filters.maxAuthors != out.manifest.maxAuthors && filters.maxAuthors != GraphFilterOptions().maxAuthors {
        throw CLIError.usage("the Spark job built this graph with --max-authors \(out.manifest.maxAuthors); rerun the job with --max-authors \(filters.maxAuthors)")
    }
    out.graph = out.graph.filtered(minPapers: filters.minPapers, minWeight: filters.minWeight,
                                   largestComponent: filters.largestComponent)
    ProcessLifetime.keep(out.graph)
    return out
}

/// Reads every input, resolves identities, builds the graph; prints diagnostics and progress on
/// standard error; maps input errors to exit codes.
func loadGraph(_ input: InputOptions, _ filters: GraphFilterOptions, years: YearRange,
               unit: AnalysisUnit = .author) throws -> Loaded {
    let clock = StepClock(enabled: input.timings)
    if let spark = try loadSparkOutput(input, filters, years: years) {
        if unit != .author {
            throw CLIError.usage("--unit \(unit.rawValue) needs affiliations; a Spark output holds the author graph only")
        }
        clock.lap("read Spark output")
        return Loaded(summary: LoadSummary(), corpus: spark.graph.corpus, graph: spark.graph, clock: clock, imported: spark)
    }
    var (summary, corpus, stored) = try loadCorpus(input, clock: clock, authorAliases: unit != .organization)
    var units: UnitCorpus?
    if unit != .author {
        if stored != nil {
            throw CLIError.usage("a snapshot keeps no affiliations: give the input files for --unit \(unit.rawValue)")
        }
        var aliases = OrganizationAliases()
        if unit == .organization, let a = input.aliases {
            do { aliases = try OrganizationAliases.load(path: a) } catch let e as RecordError {
                var error = CLIError(e)
                if case .unreadable = e {} else { error.exitCode = ExitCode(65) }   // an alias file's problems are bad data
                throw error
            }
        }
        let u = UnitCorpus(corpus, unit: unit, aliases: aliases)
        clock.lap("resolve \(unit.rawValue) units")
        if !input.quiet {
            if corpus.affiliations.isEmpty {
                StdErr.write("coauthor: warning: the records carry no affiliations: the \(unit.rawValue) network is empty\n")
            }
            if u.unplacedAddresses > 0 {
                StdErr.write("coauthor: warning: \(u.unplacedAddresses) author affiliations name an address no rule places in a country; counted as 'unknown country'\n")
            }
        }
        corpus = u.corpus
        units = u
    }
    let options = filters.graphOptions(years: years)
    let graph: CoauthorGraph
    if let g = stored, g.options == options {
        graph = g           // the snapshot's graph was built under the same filters
    } else {
        try checkPairs(corpus, options)
        graph = CoauthorGraph(corpus: corpus, options: options, threads: input.cores)
        clock.lap("build graph")
    }
    if !input.quiet && graph.hyperauthoredPapers > 0 {
        StdErr.write("coauthor: warning: \(graph.hyperauthoredPapers) papers with more than \(filters.maxAuthors) authors add no coauthor ties (--max-authors)\n")
    }
    ProcessLifetime.keep(corpus)
    ProcessLifetime.keep(graph)
    return Loaded(summary: summary, corpus: corpus, graph: graph, clock: clock, units: units)
}

/// Stops with exit 65 when building the graph would go through more coauthor pairs than
/// `PairCount.limit` (a paper of 30,000 authors with `--max-authors 0`), naming the limit.
func checkPairs(_ corpus: Corpus, _ options: GraphOptions) throws {
    let count = PairCount(corpus, options: options)
    guard !count.isWithinLimit else { return }
    throw CLIError.dataError("the papers make \(count.pairs) coauthor pairs, over the limit of \(PairCount.limit) (the largest paper has \(count.largestPaper) authors); lower --max-authors (default 100) to leave out papers with more authors")
}

/// What a command keeps until the process exits instead of freeing when `run()` ends: the corpus
/// and the graph. On all of DBLP freeing them after the result was written took 0.1–0.15 s (a
/// million name strings, then dozens of large blocks unmapped one by one, each unmap stopping the
/// other threads' address translation); at exit the kernel reclaims the whole address space at
/// once. Nothing kept is mutated afterwards (that would copy it).
enum ProcessLifetime {
    nonisolated(unsafe) private static var kept: [Any] = []
    static func keep(_ value: Any) { kept.append(value) }
}

/// Reads every input (or one snapshot) and resolves identities; a snapshot's stored graph comes
/// with it.
/// `builderOut`, when given, receives the builder that made the corpus (not called for a snapshot).
func loadCorpus(_ input: InputOptions, clock: StepClock, authorAliases: Bool = true,
                builderOut: ((CorpusBuilder) -> Void)? = nil) throws -> (LoadSummary, Corpus, CoauthorGraph?) {
    StdErr.quiet = input.quiet
    if let dir = input.inputs.first(where: { $0 != "-" && SparkOutput.looks(path: $0) }) {
        throw CLIError.usage("\(dir) is a Spark job's output (a graph, no paper records): this command needs the records")
    }
    ProtectedInputs.add(input.inputs)      // no output of this run may replace an input
    let snapshots = input.inputs.filter { $0 != "-" && Snapshot.isSnapshot(path: $0) }
    if !snapshots.isEmpty {
        guard input.inputs.count == 1 else {
            throw CLIError.usage("a snapshot (\(snapshots[0])) must be the only input")
        }
        if input.aliases != nil || input.mergeInitials || input.noDedupe || input.resolve != nil {
            throw CLIError.usage("identities are resolved when a snapshot is built: give --aliases, --merge-initials, --resolve or --no-dedupe to 'coauthor build'")
        }
        do {
            let size = (try? FileManager.default.attributesOfItem(atPath: snapshots[0])[.size] as? Int) ?? 0
            let bar = ShareProgress(label: "loading", total: Double(size) / 1e6, unit: "MB")
            let contents = try Snapshot.load(path: snapshots[0], progress: bar.enabled ? { bar.update($0) } : nil)
            let (corpus, info) = (contents.corpus, contents.info)
            bar.finish()
            clock.lap("read snapshot")
            var summary = LoadSummary()
            summary.files = info.inputs
            summary.records = corpus.papers.count + corpus.report.merges.count
            summary.skipped = info.skippedRecords
            return (summary, corpus, contents.graph)
        } catch let e as SnapshotError {
            throw CLIError.dataError("\(e)")
        }
    }
    do {
        var identity = IdentityOptions(mergeInitials: input.mergeInitials, deduplicate: !input.noDedupe,
                                       resolution: input.resolution)
        if authorAliases, let a = input.aliases { identity.aliases = try AliasTable.load(path: a) }
        let options = IngestOptions(reader: input.readerOptions, format: input.inputFormat, strict: input.strict,
                                    threads: input.cores, identity: identity, limits: input.limits)
        let progress = Progress(enabled: !input.quiet && StdErr.isTerminal, label: "reading")
        let records = try Ingest.read(input.inputs, options: options, progress: progress.enabled ? { progress.update($0) } : nil)
        let summary = records.summary
        builderOut?(records.builder)
        progress.finish()
        ProtectedInputs.add(summary.files)     // the files found in input directories
        clock.lap("read \(summary.records) records")
        if !input.quiet {
            for d in summary.diagnostics { StdErr.write("\(d)\n") }
            for f in summary.ignoredFiles { StdErr.write("\(f): warning: not a recognised record file; ignored\n") }
        }
        let bar = ShareProgress(label: "resolving", total: Double(records.paperCount), unit: "papers")
        let corpus = records.resolve(progress: bar.enabled ? { bar.update($0) } : nil)
        bar.finish()
        clock.lap("resolve identities")
        if !input.quiet && corpus.report.unusableMentions > 0 {
            StdErr.write("coauthor: warning: \(corpus.report.unusableMentions) author mentions without a usable name were left out\n")
        }
        if !input.quiet && !corpus.report.merges.isEmpty {
            StdErr.write("coauthor: note: \(mergeSummary(corpus.report.merges)); 'coauthor stats --merges' lists them\n")
        }
        return (summary, corpus, nil)
    } catch let e as RecordError {
        throw CLIError(e)
    }
}

/// "3 records were merged into papers read before (2 same id, 1 same DOI)".
func mergeSummary(_ merges: [RecordMerge]) -> String {
    var byReason: [RecordMerge.Reason: Int] = [:]
    for m in merges { byReason[m.reason, default: 0] += 1 }
    let why = RecordMerge.Reason.allCases.compactMap { r in byReason[r].map { "\($0) same \(r == .id ? "id" : r == .doi ? "DOI" : "title")" } }
    return "\(merges.count) record\(merges.count == 1 ? " was" : "s were") merged into papers read before (\(why.joined(separator: ", ")))"
}

/// Wall-clock durations of the steps of a run, printed on standard error with `--timings`
/// (`timing: STEP SECONDS`), for benchmarks and curious users.
final class StepClock {
    let enabled: Bool
    private var last = DispatchTime.now().uptimeNanoseconds

    init(enabled: Bool) { self.enabled = enabled }

    func lap(_ step: String) {
        let now = DispatchTime.now().uptimeNanoseconds
        if enabled { StdErr.write("timing: \(step) \(String(format: "%.3f", Double(now - last) / 1e9))\n") }
        last = now
    }
}

/// What the progress bars share: a line on standard error redrawn in place, shown only when
/// enabled (a terminal, no `-q`) and once the step has run for more than a second, and cleared at
/// the end.
class ProgressLine: @unchecked Sendable {
    let label: String
    let enabled: Bool
    private let start = Date()
    private var shown = false

    init(label: String, enabled: Bool) {
        self.label = label
        self.enabled = enabled
    }

    /// Seconds since the bar was made, or nil while nothing is to be drawn (disabled, or under a
    /// second).
    var drawable: Double? {
        guard enabled else { return nil }
        let t = Date().timeIntervalSince(start)
        return t > 1 ? t : nil
    }

    /// `\rLABEL ███···· NN%  ` for a share done.
    func bar(_ fraction: Double) -> String {
        let filled = Int((fraction * 24).rounded(.down))
        return "\r\(label) " + String(repeating: "█", count: filled) + String(repeating: "·", count: 24 - filled)
            + " \(Int(fraction * 100))%  "
    }

    /// `, ETA Ns` while the share is strictly between 1 % and 100 %, else nothing.
    func eta(_ fraction: Double, elapsed t: Double) -> String {
        fraction > 0.01 && fraction < 1 ? ", ETA \(Int(t * (1 - fraction) / fraction))s" : ""
    }

    func draw(_ line: String) {
        shown = true
        let text = line.hasPrefix("\r") ? String(line.dropFirst()) : line
        StandardError.write(control: line.hasPrefix("\r") ? "\r" : "", text, control: "\u{1B}[K")
    }

    func finish() {
        if shown { StandardError.write(control: "\r\u{1B}[K", "", control: "") }
    }
}

/// A one-line progress bar for reading (records, rate, share done, ETA, file).
final class Progress: ProgressLine, @unchecked Sendable {
    init(enabled: Bool, label: String) { super.init(label: label, enabled: enabled) }

    func update(_ p: LoadProgress) {
        guard let t = drawable else { return }
        var line = bar(p.fraction) + "\(p.records) records, \(Int(Double(p.records) / t)) records/s"
        if p.storedBytes > 1 {
            // Bytes as stored (compressed inputs: compressed bytes), done of all and per second.
            let mb = Double(p.storedBytes) / 1e6
            line += String(format: ", %.0f of %.0f MB, %.1f MB/s", p.fraction * mb, mb, p.fraction * mb / t)
        }
        line += eta(p.fraction, elapsed: t)
        if p.filesTotal > 1 { line += ", file \(min(p.filesDone + 1, p.filesTotal))/\(p.filesTotal)" }
        draw(line)
    }
}

/// A progress bar for a step known by its share done (resolving identities, writing or loading a
/// snapshot): share, rate in `unit`s per second of `total` and ETA.
final class ShareProgress: ProgressLine, @unchecked Sendable {
    let total: Double
    let unit: String

    init(label: String, total: Double, unit: String) {
        self.total = total
        self.unit = unit
        super.init(label: label, enabled: StdErr.isTerminal && !StdErr.quiet)
    }

    func update(_ fraction: Double) {
        guard let t = drawable else { return }
        let f = min(1, max(0, fraction))
        draw(bar(f) + "\(Int(f * total / t)) \(unit)/s" + eta(f, elapsed: t))
    }
}

/// A progress bar for a computation over many units (sources of betweenness, closeness, harmonic;
/// iterations of PageRank and eigenvector, done of expected; nodes of clustering): share, units per
/// second and ETA; or a line per step when their number is not known ahead (community detection).
/// Updates may come from worker threads (serialised by the caller).
final class StepProgress: ProgressLine, @unchecked Sendable {
    let unit: String

    init(label: String, unit: String) {
        self.unit = unit
        super.init(label: label, enabled: StdErr.isTerminal && !StdErr.quiet)
    }

    func update(done: Int, total: Int) {
        guard total > 0, let t = drawable else { return }
        let f = Double(done) / Double(total)
        draw(bar(f) + "\(done)/\(total) \(unit), \(Int(Double(done) / t))/s" + eta(f, elapsed: t))
    }

    /// A step of a computation whose length is not known ahead (Leiden's iterations, Louvain's
    /// levels): its number, a value and the time so far.
    func step(_ number: Int, value: String) {
        guard let t = drawable else { return }
        draw("\r\(label): \(unit) \(number), \(value), \(String(format: "%.1f", t)) s")
    }
}
