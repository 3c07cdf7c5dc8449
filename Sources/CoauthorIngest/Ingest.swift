import CoauthorGraph
import CoauthorParallel
import CoauthorRecords
import Foundation

/// What to read and how: the readers' options, a forced format, strictness, threads and the identity
/// rules (everything `coauthor`'s input options say).
public struct IngestOptions: Sendable {
    public var reader: ReaderOptions
    /// Read every input with this reader instead of detecting the format.
    public var format: InputFormat?
    /// Stop at the first malformed record instead of skipping it.
    public var strict: Bool
    /// Cores for reading, building and resolving (≥ 1). With more than one, files are read ahead
    /// on worker threads and records go to the corpus builder in batches on a second thread; the
    /// corpus is the same with one thread or many.
    public var threads: Int
    public var identity: IdentityOptions
    /// Caps on input and record sizes (`--max-input-size`, `--max-record-size`).
    public var limits: InputLimits

    public init(reader: ReaderOptions, format: InputFormat? = nil, strict: Bool = false, threads: Int = 1,
                identity: IdentityOptions = IdentityOptions(), limits: InputLimits = InputLimits()) {
        self.reader = reader
        self.limits = limits
        self.format = format
        self.strict = strict
        self.threads = max(1, threads)
        self.identity = identity
    }
}

/// The ingestion pipeline as one call: read every input (files, directories, `-`), resolve author
/// identities, build the coauthorship graph.
///
/// ```swift
/// let options = IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026)), threads: 2)
/// let loaded = try Ingest.load(["refs.bib", "dblp/"], options: options)
/// print(loaded.graph.nodeCount, loaded.summary.records)
/// ```
///
/// This is the path `coauthor` itself reads by: readers that can (JSON Lines of the flat shape,
/// BibTeX) hand their records over as bytes with interned author names (`RecordLoader.loadInterned`),
/// and the builder resolves each run of new names as a batch before adding the run's records
/// (`CorpusBuilder`'s cache-warming steps, which are `package`: only this pipeline calls them).
/// The stages are also available one by one (`read`, then `IngestedRecords.resolve`) for callers
/// that report between them, as the CLI does.
public enum Ingest {
    /// Reads every input into a corpus builder. Throws `RecordError` for what stops the run
    /// (unreadable input, unknown format, a malformed record with `strict`); skipped records are
    /// counted in the summary, with their diagnostics.
    public static func read(_ inputs: [String], options: IngestOptions,
                            progress: ((LoadProgress) -> Void)? = nil) throws -> IngestedRecords {
        try read(inputs, options: options, batchSize: 4096, progress: progress)
    }

    /// `read` with a chosen batch size between reader and builder (tests cross batch boundaries
    /// with small ones; the corpus does not depend on it).
    static func read(_ inputs: [String], options: IngestOptions, batchSize: Int,
                     progress: ((LoadProgress) -> Void)?) throws -> IngestedRecords {
        let builder = CorpusBuilder(options: options.identity)
        let loader = RecordLoader(options: options.reader, forcedFormat: options.format, strict: options.strict,
                                  threads: options.threads, limits: options.limits)
        let pipeline = BuildPipeline(builder: builder, concurrent: options.threads > 1, batchSize: batchSize)
        defer { pipeline.finish() }
        let interner = NameInterner()
        let summary = try loader.loadInterned(inputs, interner: interner,
                                              interned: { pipeline.add($0, names: $1, from: interner) },
                                              handler: { pipeline.add($0) },
                                              sized: { pipeline.expectedBytes = $0 },
                                              progress: progress)
        return IngestedRecords(summary: summary, builder: builder, threads: options.threads)
    }

    /// Reads, resolves and builds in one call. `graph` filters the graph (years, `maxAuthors`,
    /// minimum papers and weight, largest component).
    public static func load(_ inputs: [String], options: IngestOptions, graph: GraphOptions = GraphOptions(),
                            progress: ((LoadProgress) -> Void)? = nil) throws -> Ingested {
        let records = try read(inputs, options: options, progress: progress)
        let corpus = records.resolve()
        return Ingested(summary: records.summary, corpus: corpus,
                        graph: CoauthorGraph(corpus: corpus, options: graph, threads: options.threads))
    }
}

/// Every record read, not yet resolved into authors (the first stage of `Ingest.load`).
public struct IngestedRecords {
    /// Files, records, skipped records and their diagnostics.
    public let summary: LoadSummary
    /// The builder the records went to (after `resolve`, its mention tables back the authorship
    /// table of `coauthor authorships`).
    public let builder: CorpusBuilder
    let threads: Int

    /// Papers handed to the builder (before duplicates are merged).
    public var paperCount: Int { builder.paperCount }

    /// Resolves author identities and merges duplicate records (`CorpusBuilder.finish`); call once.
    public func resolve(progress: ((Double) -> Void)? = nil) -> Corpus {
        builder.finish(threads: threads, progress: progress)
    }
}

/// What `Ingest.load` returns.
public struct Ingested {
    public var summary: LoadSummary
    public var corpus: Corpus
    public var graph: CoauthorGraph
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
    /// The builder's thread. At most sixteen batches handed over but not yet added (bounds the
    /// records held in memory: about 1 MB a batch of DBLP records); sixteen let the reader run ahead
    /// while the builder meets a run of new names: on all of DBLP the builder's idle time fell from
    /// 0.6 to 0.2 s (four batches).
    private let stage = Parallel.SerialWorker(label: "coauthor.build", depth: 16)
    @exclusivity(unchecked) private var batch: Batch
    /// Records per batch (4096; tests use small batches to cross batch boundaries often).
    let batchSize: Int
    /// The inputs' size in bytes (0: unknown; set by the reader before any record) and the bytes of
    /// the byte-path lines of the current batch: after the first full batch the builder reserves
    /// room for the records to come.
    @exclusivity(unchecked) var expectedBytes = 0
    @exclusivity(unchecked) private var batchBytes = 0
    @exclusivity(unchecked) private var reserved = false

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

        init(capacity: Int) {
            order.reserveCapacity(capacity)
            nameStart.reserveCapacity(capacity)
            nameEnd.reserveCapacity(capacity)
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

    init(builder: CorpusBuilder, concurrent: Bool, batchSize: Int = 4096) {
        self.builder = builder
        self.concurrent = concurrent
        self.batchSize = batchSize
        self.batch = Batch(capacity: batchSize)
    }

    /// What to reserve, once, from the first full batch of byte-path records: its papers,
    /// mentions, id and title bytes scaled by the inputs' size over the batch's, plus a quarter
    /// (room beyond what is used costs address space only; see `CorpusBuilder.reserve`).
    private func reservation(for b: Batch) -> (papers: Int, mentions: Int, idBytes: Int, titleBytes: Int)? {
        guard !reserved else { return nil }
        reserved = true
        guard expectedBytes > 0, batchBytes > 0, b.count == batchSize, b.flat.count == b.count else { return nil }
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
            if batch.count > 0 { batch.feed(builder); batch = Batch(capacity: batchSize); batchBytes = 0 }   // keep the order read
            builder.add(r)
            return
        }
        batch.order.append(Int32(-1 - batch.records.count))
        batch.records.append(r)
        if batch.count == batchSize { handOver() }
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
            if batch.count == batchSize {
                if let r = reservation(for: batch) {
                    builder.reserve(papers: r.papers, mentions: r.mentions, idBytes: r.idBytes, titleBytes: r.titleBytes)
                }
                batch.feed(builder)
                batch = Batch(capacity: batchSize)
                batchBytes = 0
            }
            return
        }
        if batch.count == batchSize { handOver() }
    }

    private func handOver() {
        let b = batch
        let r = reservation(for: b)
        batch = Batch(capacity: batchSize)
        batchBytes = 0
        stage.submit {
            if let r { self.builder.reserve(papers: r.papers, mentions: r.mentions, idBytes: r.idBytes, titleBytes: r.titleBytes) }
            b.feed(self.builder)
        }
    }

    /// Adds what is left and waits until the builder has every record.
    func finish() {
        guard concurrent else {
            if batch.count > 0 { batch.feed(builder); batch = Batch(capacity: batchSize) }
            return
        }
        if batch.count > 0 { handOver() }
        stage.drain()
    }
}

