import ArgumentParser
import CoauthorDistributed
import CoauthorGraph
import CoauthorOutput
import CoauthorRecords
import Foundation

/// Exit codes (sysexits.h): 0 success, 64 usage, 65 bad input data, 66 input missing or unreadable,
/// 73 output cannot be created, 70 internal error.
enum Exit {
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    static let software = ExitCode(70)
}

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
        StdErr.write("coauthor: error: a Spark output directory must be the only input\n")
        throw ExitCode.validationFailure
    }
    if years.from != nil || years.to != nil {
        StdErr.write("coauthor: error: --from/--to need paper records; a Spark output holds the graph only (filter the authorships before the job)\n")
        throw ExitCode.validationFailure
    }
    StdErr.quiet = input.quiet
    var out: SparkOutput
    do {
        out = try SparkOutput.load(path: input.inputs[0])
    } catch {
        StdErr.write("\(error)\n")
        switch error {
        case .incomplete: throw Exit.noInput
        case .bad: throw Exit.dataError
        }
    }
    if filters.maxAuthors != out.manifest.maxAuthors && filters.maxAuthors != GraphFilterOptions().maxAuthors {
        StdErr.write("coauthor: error: the Spark job built this graph with --max-authors \(out.manifest.maxAuthors); rerun the job with --max-authors \(filters.maxAuthors)\n")
        throw ExitCode.validationFailure
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
            StdErr.write("coauthor: error: --unit \(unit.rawValue) needs affiliations; a Spark output holds the author graph only\n")
            throw ExitCode.validationFailure
        }
        clock.lap("read Spark output")
        return Loaded(summary: LoadSummary(), corpus: spark.graph.corpus, graph: spark.graph, clock: clock, imported: spark)
    }
    var (summary, corpus, stored) = try loadCorpus(input, clock: clock, authorAliases: unit != .organization)
    var units: UnitCorpus?
    if unit != .author {
        if stored != nil {
            StdErr.write("coauthor: error: a snapshot keeps no affiliations: give the input files for --unit \(unit.rawValue)\n")
            throw ExitCode.validationFailure
        }
        var aliases = OrganizationAliases()
        if unit == .organization, let a = input.aliases {
            do { aliases = try OrganizationAliases.load(path: a) } catch let e as RecordError {
                StdErr.write(errorLine(e))
                if case .unreadable = e { throw Exit.noInput }
                throw Exit.dataError
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
    StdErr.write("coauthor: error: the papers make \(count.pairs) coauthor pairs, over the limit of \(PairCount.limit) (the largest paper has \(count.largestPaper) authors); lower --max-authors (default 100) to leave out papers with more authors\n")
    throw Exit.dataError
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
        StdErr.write("coauthor: error: \(dir) is a Spark job's output (a graph, no paper records): this command needs the records\n")
        throw ExitCode.validationFailure
    }
    ProtectedInputs.add(input.inputs)      // no output of this run may replace an input
    let snapshots = input.inputs.filter { $0 != "-" && Snapshot.isSnapshot(path: $0) }
    if !snapshots.isEmpty {
        guard input.inputs.count == 1 else {
            StdErr.write("coauthor: error: a snapshot (\(snapshots[0])) must be the only input\n")
            throw ExitCode.validationFailure
        }
        if input.aliases != nil || input.mergeInitials || input.noDedupe || input.resolve != nil {
            StdErr.write("coauthor: error: identities are resolved when a snapshot is built: give --aliases, --merge-initials, --resolve or --no-dedupe to 'coauthor build'\n")
            throw ExitCode.validationFailure
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
            StdErr.write("coauthor: error: \(e)\n")
            throw Exit.dataError
        }
    }
    do {
        var identity = IdentityOptions(mergeInitials: input.mergeInitials, deduplicate: !input.noDedupe,
                                       resolution: input.resolution)
        if authorAliases, let a = input.aliases { identity.aliases = try AliasTable.load(path: a) }
        let builder = CorpusBuilder(options: identity)
        builderOut?(builder)
        let loader = RecordLoader(options: input.readerOptions, forcedFormat: input.inputFormat, strict: input.strict,
                                  threads: input.cores, limits: input.limits)
        let progress = Progress(enabled: !input.quiet && StdErr.isTerminal, label: "reading")
        let pipeline = BuildPipeline(builder: builder, concurrent: input.cores > 1)
        let summary: LoadSummary
        do {
            defer { pipeline.finish() }
            let interner = NameInterner()
            summary = try loader.loadInterned(input.inputs, interner: interner,
                                              interned: { pipeline.add($0, names: $1, from: interner) },
                                              handler: { pipeline.add($0) },
                                              sized: { pipeline.expectedBytes = $0 },
                                              progress: progress.enabled ? { progress.update($0) } : nil)
        }
        progress.finish()
        ProtectedInputs.add(summary.files)     // the files found in input directories
        clock.lap("read \(summary.records) records")
        if !input.quiet {
            for d in summary.diagnostics { StdErr.write("\(d)\n") }
            for f in summary.ignoredFiles { StdErr.write("\(f): warning: not a recognised record file; ignored\n") }
        }
        let bar = ShareProgress(label: "resolving", total: Double(builder.paperCount), unit: "papers")
        let corpus = builder.finish(threads: input.cores, progress: bar.enabled ? { bar.update($0) } : nil)
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
        StdErr.write(errorLine(e))
        switch e {
        case .unreadable: throw Exit.noInput
        case .badOption: throw ExitCode.validationFailure
        default: throw Exit.dataError
        }
    }
}

/// "3 records were merged into papers read before (2 same id, 1 same DOI)".
func mergeSummary(_ merges: [RecordMerge]) -> String {
    var byReason: [RecordMerge.Reason: Int] = [:]
    for m in merges { byReason[m.reason, default: 0] += 1 }
    let why = RecordMerge.Reason.allCases.compactMap { r in byReason[r].map { "\($0) same \(r == .id ? "id" : r == .doi ? "DOI" : "title")" } }
    return "\(merges.count) record\(merges.count == 1 ? " was" : "s were") merged into papers read before (\(why.joined(separator: ", ")))"
}

/// Feeds records to a `CorpusBuilder`: with `concurrent`, in batches on a second thread while the
/// reader goes on parsing (reading and interning overlap on two cores); the builder sees the
/// records in exactly the order read, so the corpus is the same as with one thread.
///
/// Records read by the JSON Lines byte path come as bytes (`FlatRecordBatch`: no `String` per
/// field, no `PaperRecord`) with their authors as interned names (`NameInterner`): a batch carries
/// the names first seen in it, then each record with the range of its name indices in one flat
/// `Int32` array.
final class BuildPipeline: @unchecked Sendable {
    private let builder: CorpusBuilder
    private let concurrent: Bool
    private let queue = DispatchQueue(label: "coauthor.build")
    /// Batches handed over but not yet added (bounds the records held in memory: about 1 MB a
    /// batch of DBLP records). Sixteen let the reader run ahead while the builder meets a run of
    /// new names: on all of DBLP the builder's idle time fell from 0.6 to 0.2 s (four batches).
    private let inFlight = DispatchSemaphore(value: 16)
    private var batch = Batch()
    static let batchSize = 4096
    /// The inputs' size in bytes (0: unknown; set by the reader before any record) and the bytes of
    /// the byte-path lines of the current batch: after the first full batch the builder reserves
    /// room for the records to come.
    var expectedBytes = 0
    private var batchBytes = 0
    private var reserved = false

    struct Batch {
        /// Records with `AuthorName`s (general readers).
        var records: [PaperRecord] = []
        /// Records of the byte path.
        var flat = FlatRecordBatch()
        /// Per record in read order: its index in `flat` (≥ 0) or −1 − its index in `records`.
        var order: [Int32] = []
        /// Per flat record: where its names start and end in `names`.
        var nameStart: [Int32] = []
        var nameEnd: [Int32] = []
        var names: [Int32] = []
        /// Names interned while this batch was read (given to the builder before its records).
        var newNames: [AuthorName] = []

        init() {
            order.reserveCapacity(BuildPipeline.batchSize)
            nameStart.reserveCapacity(BuildPipeline.batchSize)
            nameEnd.reserveCapacity(BuildPipeline.batchSize)
        }

        var count: Int { order.count }

        /// Adds the batch's records in order. The names of each run of byte-path records are
        /// resolved together first (`CorpusBuilder.resolve`, then `warm`); a general record in
        /// between is added in its place, so spellings are numbered as record by record.
        func feed(_ builder: CorpusBuilder) {
            builder.addNames(newNames)
            names.withUnsafeBufferPointer { all in
                var i = 0
                while i < order.count {
                    var j = i
                    while j < order.count && order[j] >= 0 { j += 1 }
                    if j > i {
                        let run = UnsafeBufferPointer(rebasing: all[Int(nameStart[Int(order[i])])..<Int(nameEnd[Int(order[j - 1])])])
                        builder.resolve(run)
                        builder.warm(run)
                        for o in order[i..<j] {
                            let k = Int(o)
                            builder.add(flat, k, names: UnsafeBufferPointer(rebasing: all[Int(nameStart[k])..<Int(nameEnd[k])]))
                        }
                    }
                    if j < order.count { builder.add(records[Int(-1 - order[j])]); j += 1 }
                    i = j
                }
            }
        }
    }

    init(builder: CorpusBuilder, concurrent: Bool) {
        self.builder = builder
        self.concurrent = concurrent
    }

    /// What to reserve, once, from the first full batch of byte-path records: its papers,
    /// mentions, id and title bytes scaled by the inputs' size over the batch's, plus a quarter
    /// (room beyond what is used costs address space only; see `CorpusBuilder.reserve`).
    private func reservation(for b: Batch) -> (papers: Int, mentions: Int, idBytes: Int, titleBytes: Int)? {
        guard !reserved else { return nil }
        reserved = true
        guard expectedBytes > 0, batchBytes > 0, b.count == BuildPipeline.batchSize, b.flat.count == b.count else { return nil }
        let scale = 1.25 * Double(expectedBytes) / Double(batchBytes)
        var idBytes = 0, titleBytes = 0
        for k in 0..<b.flat.count {
            idBytes += b.flat.withBytes(k, .id) { $0.count }
            titleBytes += b.flat.withBytes(k, .title) { $0.count }
        }
        func scaled(_ x: Int) -> Int { Int(min(Double(expectedBytes), (Double(x) * scale).rounded(.up))) }
        return (scaled(b.count), scaled(b.names.count), scaled(idBytes), scaled(titleBytes))
    }

    func add(_ r: PaperRecord) {
        guard concurrent else {
            if batch.count > 0 { batch.feed(builder); batch = Batch(); batchBytes = 0 }   // keep the order read
            builder.add(r)
            return
        }
        batch.order.append(Int32(-1 - batch.records.count))
        batch.records.append(r)
        if batch.count == BuildPipeline.batchSize { handOver() }
    }

    /// A record of the byte path whose authors are `names`, values of `interner`.
    func add(_ r: FlatRecord, names: UnsafeBufferPointer<Int32>, from interner: NameInterner) {
        batch.newNames.append(contentsOf: interner.takeNames())
        batch.order.append(Int32(batch.flat.count))
        batchBytes += r.byteCount
        r.append(to: &batch.flat)
        batch.nameStart.append(Int32(batch.names.count))
        batch.names.append(contentsOf: names)
        batch.nameEnd.append(Int32(batch.names.count))
        if !concurrent {
            if batch.count == BuildPipeline.batchSize {
                if let r = reservation(for: batch) {
                    builder.reserve(papers: r.papers, mentions: r.mentions, idBytes: r.idBytes, titleBytes: r.titleBytes)
                }
                batch.feed(builder)
                batch = Batch()
                batchBytes = 0
            }
            return
        }
        if batch.count == BuildPipeline.batchSize { handOver() }
    }

    private func handOver() {
        let b = batch
        let r = reservation(for: b)
        batch = Batch()
        batchBytes = 0
        inFlight.wait()
        queue.async {
            if let r { self.builder.reserve(papers: r.papers, mentions: r.mentions, idBytes: r.idBytes, titleBytes: r.titleBytes) }
            b.feed(self.builder)
            self.inFlight.signal()
        }
    }

    /// Adds what is left and waits until the builder has every record.
    func finish() {
        guard concurrent else {
            if batch.count > 0 { batch.feed(builder); batch = Batch() }
            return
        }
        if batch.count > 0 { handOver() }
        queue.sync {}
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

func errorLine(_ e: RecordError) -> String {
    switch e {
    case .unreadable, .unknownFormat, .empty, .badOption: return "coauthor: error: \(e)\n"
    default: return "\(e)\n"
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
