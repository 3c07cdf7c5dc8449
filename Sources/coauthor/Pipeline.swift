import ArgumentParser
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
    /// With `--unit organization|country`: the unit corpus (its fractional counts); `corpus` is its corpus.
    var units: UnitCorpus? = nil
}

/// Reads every input, resolves identities, builds the graph; prints diagnostics and progress on
/// standard error; maps input errors to exit codes.
func loadGraph(_ input: InputOptions, _ filters: GraphFilterOptions, years: YearRange,
               unit: AnalysisUnit = .author) throws -> Loaded {
    let clock = StepClock(enabled: input.timings)
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
func loadCorpus(_ input: InputOptions, clock: StepClock,
                authorAliases: Bool = true) throws -> (LoadSummary, Corpus, CoauthorGraph?) {
    StdErr.quiet = input.quiet
    ProtectedInputs.add(input.inputs)      // no output of this run may replace an input
    let snapshots = input.inputs.filter { $0 != "-" && Snapshot.isSnapshot(path: $0) }
    if !snapshots.isEmpty {
        guard input.inputs.count == 1 else {
            throw CLIError.usage("a snapshot (\(snapshots[0])) must be the only input")
        }
        if input.aliases != nil || input.mergeInitials || input.noDedupe {
            throw CLIError.usage("identities are resolved when a snapshot is built: give --aliases, --merge-initials or --no-dedupe to 'coauthor build'")
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
        var identity = IdentityOptions(mergeInitials: input.mergeInitials, deduplicate: !input.noDedupe)
        if authorAliases, let a = input.aliases { identity.aliases = try AliasTable.load(path: a) }
        let options = IngestOptions(reader: input.readerOptions, format: input.inputFormat, strict: input.strict,
                                    threads: input.cores, identity: identity)
        let progress = Progress(enabled: !input.quiet && StdErr.isTerminal, label: "reading")
        let records = try Ingest.read(input.inputs, options: options, progress: progress.enabled ? { progress.update($0) } : nil)
        let summary = records.summary
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
        return (summary, corpus, nil)
    } catch let e as RecordError {
        throw CLIError(e)
    }
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
        StdErr.write(line + "\u{1B}[K")
    }

    func finish() {
        if shown { StdErr.write("\r\u{1B}[K") }
    }
}

/// A one-line progress bar for reading (records, rate, share done, ETA, file).
final class Progress: ProgressLine, @unchecked Sendable {
    init(enabled: Bool, label: String) { super.init(label: label, enabled: enabled) }

    func update(_ p: LoadProgress) {
        guard let t = drawable else { return }
        var line = bar(p.fraction) + "\(p.records) records, \(Int(Double(p.records) / t)) records/s" + eta(p.fraction, elapsed: t)
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
