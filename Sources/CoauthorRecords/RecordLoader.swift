import CoauthorModel
import CoauthorParallel
import Foundation

/// What a load read and left out.
public struct LoadSummary: Sendable {
    public init() {}
    /// Files read, in the order read (`-` for standard input).
    public var files: [String] = []
    /// Files in input directories that no reader recognised (not read).
    public var ignoredFiles: [String] = []
    /// Records passed on.
    public var records = 0
    /// Malformed records left out (each has a diagnostic).
    public var skipped = 0
    /// Every skipped record and every warning, as `FILE:LINE[:COLUMN]: message`.
    public var diagnostics: [Diagnostic] = []
    /// Total input size in bytes.
    public var bytes = 0
}

/// How far a load has come.
public struct LoadProgress: Sendable {
    /// Records read so far.
    public var records: Int
    /// Estimated share of all input read, 0…1.
    public var fraction: Double
    public var filesDone: Int
    public var filesTotal: Int
    /// All inputs' size as stored (compressed inputs: their compressed bytes); 0 when unknown.
    public var storedBytes = 0
}

/// Expands inputs (files, directories, `-`), picks a reader for each, and streams records.
public struct RecordLoader: Sendable {
    public var options: ReaderOptions
    /// Forces one reader for every input (`--input-format`).
    public var forcedFormat: InputFormat?
    /// Turns the first malformed record into a thrown `RecordError.strict`.
    public var strict: Bool
    /// Cores for reading several files: with 2 or more, files after the current one are read
    /// ahead on worker threads (`ReadAhead`; BibTeX as bytes with its own names under
    /// `loadInterned`); records, diagnostics and errors still arrive in file order, exactly as
    /// with one.
    public var threads: Int
    /// How much one input may make the loader hold (`InputLimits`).
    public var limits: InputLimits
    /// The size of the pieces a streamed input (JSON Lines, OpenAlex JSON Lines, dblp XML, PubMed
    /// XML) is read in; an input no longer than this is read whole.
    public var chunkBytes: Int
    /// An input of at most this many bytes (after decompression) is read whole whatever its
    /// format (default: `chunkBytes`; the tests of pieces set 0).
    public var wholeBelow: Int

    public init(options: ReaderOptions, forcedFormat: InputFormat? = nil, strict: Bool = false, threads: Int = 1,
                limits: InputLimits = InputLimits(), chunkBytes: Int = RecordLoader.defaultChunkBytes) {
        self.options = options
        self.forcedFormat = forcedFormat
        self.strict = strict
        self.threads = threads
        self.limits = limits
        self.chunkBytes = chunkBytes
        wholeBelow = chunkBytes
    }

    /// 4 MiB: a few pieces in flight are far less than a large input, and a piece is large enough
    /// that starting a reader on it costs nothing measurable.
    public static let defaultChunkBytes = 4 << 20

    /// One input file resolved to its format.
    public struct Input: Sendable, Equatable {
        public var path: String
        public var format: InputFormat?
    }

    /// Expands directories recursively (sorted, hidden entries and OpenAlex `manifest` files
    /// skipped); keeps files and `-` as given. A file in a directory whose name says no format
    /// (`part_000.gz`, a FIFO) is kept and recognised by its content when read (`undecided`); if
    /// nothing recognises it then, it is ignored, not an error. Nothing is opened here.
    /// - Throws: `RecordError.unreadable` for a path that does not exist.
    public func expand(_ paths: [String]) throws -> (inputs: [String], undecided: Set<String>) {
        var out: [String] = []
        var undecided: Set<String> = []
        let fm = FileManager.default
        for p in paths {
            if p == "-" { out.append(p); continue }
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir) else {
                throw RecordError.unreadable(path: p, reason: "no such file or directory")
            }
            if !isDir.boolValue { out.append(p); continue }
            guard let e = fm.enumerator(atPath: p) else {
                throw RecordError.unreadable(path: p, reason: "cannot list directory")
            }
            var found: [String] = []
            while let rel = e.nextObject() as? String {
                let name = (rel as NSString).lastPathComponent
                if name.hasPrefix(".") { e.skipDescendants(); continue }
                if name.lowercased() == "manifest" { continue }
                let full = p.hasSuffix("/") ? p + rel : p + "/" + rel
                var sub: ObjCBool = false
                if fm.fileExists(atPath: full, isDirectory: &sub), !sub.boolValue { found.append(full) }
            }
            if found.isEmpty { throw RecordError.empty(path: p) }
            found.sort()
            for f in found {
                out.append(f)
                if forcedFormat == nil && RecordReaders.detect(path: f, document: nil) == nil { undecided.insert(f) }
            }
        }
        return (out, undecided)
    }

    /// Reads every input and hands each good record to `handler`.
    /// - Parameter progress: called after each file with (bytes done, files done, files total).
    /// - Throws: `RecordError` when an input cannot be read at all (or, with `strict`, at the
    ///   first malformed record).
    public func load(_ paths: [String], handler: @escaping (PaperRecord) throws -> Void,
                     progress: ((LoadProgress) -> Void)? = nil) throws -> LoadSummary {
        try run(paths, handler: handler, interned: nil, progress: progress)
    }

    /// Like `load`, but readers that can (JSON Lines lines of the flat shape, BibTeX entries) pass
    /// records as bytes (`FlatRecord`: `append(to:)`, `record`) to `interned` with their authors as
    /// values of `interner` (indices
    /// of the names `interner.takeNames()` hands over, in order); every other record goes to
    /// `handler` as usual. Records arrive in the order read, whichever handler takes them. The
    /// records, warnings and summary are those of `load`. `sized`, before any record, gets the
    /// inputs' total size in bytes (0 for standard input).
    public func loadInterned(_ paths: [String], interner: NameInterner,
                             interned: @escaping (FlatRecord, UnsafeBufferPointer<Int32>) throws -> Void,
                             handler: @escaping (PaperRecord) throws -> Void,
                             sized: ((_ totalBytes: Int) -> Void)? = nil,
                             progress: ((LoadProgress) -> Void)? = nil) throws -> LoadSummary {
        try run(paths, handler: handler, interned: (interner, interned), sized: sized, progress: progress)
    }

    private func run(_ paths: [String], handler: @escaping (PaperRecord) throws -> Void,
                     interned: (NameInterner, (FlatRecord, UnsafeBufferPointer<Int32>) throws -> Void)?,
                     sized: ((Int) -> Void)? = nil,
                     progress: ((LoadProgress) -> Void)?) throws -> LoadSummary {
        var summary = LoadSummary()
        let (inputs, undecided) = try expand(paths)
        let named = Set(paths)
        // Sizes up front (as stored: compressed inputs count their compressed bytes), so progress
        // can say how far through all the input a record lies.
        let sizes = inputs.map { p -> Int in
            p == "-" ? 0 : ((try? FileManager.default.attributesOfItem(atPath: p)[.size] as? Int) ?? 0)
        }
        // `sized` gets the inputs' size once the first is open: compressed inputs count at the
        // ratio the first one decompresses at (an estimate for the builder's reservations).
        var sizedCalled = sized == nil
        let totalBytes = max(1, sizes.reduce(0, +))
        var records = 0
        // Files read ahead on worker threads, at most `2 × threads` beyond the one passed on.
        // Formats whose byte path looks names up in the shared interner (JSON Lines) are read in
        // order here, not ahead; those with names of their own (BibTeX), when records go as bytes,
        // are read ahead that way too, with names interned per file and handed over with it.
        let ahead = threads > 1 && inputs.count > 1
            ? ReadAhead(self, inputs, threads: threads, depth: 2 * threads, inOrder: RecordReaders.formats(.sharedNames),
                        flat: interned == nil ? [] : RecordReaders.formats(.ownNames)) : nil
        var shifted: [Int32] = []
        defer { ahead?.cancel() }
        for (i, path) in inputs.enumerated() {
            let pre = ahead?.take(i)
            // Each input is opened once: by the worker that read it ahead, or here.
            let opened: OpenedInput
            if let result = pre?.opened { opened = try result.get() } else { opened = try open(path, pieces: true) }
            let stored = Double(sizes[i])
            let done = Double(sizes[..<i].reduce(0, +))
            // Within a whole document, the share of lines read stands in for the share of bytes;
            // within one read in pieces, the share of its stored bytes read.
            var lineCount = 0
            var inFile: (Int) -> Double = { _ in 0 }
            switch opened.content {
            case .whole(let doc, _):
                summary.bytes += doc.bytes.count
                if progress != nil {
                    lineCount = max(1, doc.bytes.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) })
                    inFile = { line in stored * min(1, Double(line) / Double(lineCount)) }
                }
            case .pieces(let pieces):
                inFile = { _ in min(stored, Double(pieces.storedBytesRead)) }
            }
            if !sizedCalled {
                sizedCalled = true
                var total = sizes.reduce(0, +)
                if opened.input.compression != nil {
                    // (The input of a piece reader is read on its thread: its counts come through it.)
                    let (decoded, read): (Int, Int)
                    switch opened.content {
                    case .whole(let doc, _): (decoded, read) = (doc.bytes.count, opened.input.storedBytesRead)
                    case .pieces(let pieces): (decoded, read) = (pieces.bytesRead, pieces.storedBytesRead)
                    }
                    if read > 0 { total = Int(Double(total) * Double(decoded) / Double(read)) }
                }
                sized?(total)
            }
            let counted: (Int) -> Void = { line in
                records += 1
                if records & 0x3FFF == 0 {
                    progress?(LoadProgress(records: records, fraction: min(1, (done + inFile(line)) / Double(totalBytes)),
                                           filesDone: i, filesTotal: inputs.count, storedBytes: totalBytes))
                }
            }
            let report: (PaperRecord) throws -> Void = progress == nil ? handler : { r in
                try handler(r)
                counted(r.source.line)
            }
            if opened.isBlank { throw RecordError.empty(path: path) }
            guard let format = pre?.format ?? opened.format else {
                if undecided.contains(path) && !named.contains(path) {
                    summary.ignoredFiles.append(path)
                    continue
                }
                let formats = "use --input-format with one of: " + InputFormat.allCases.map(\.rawValue).joined(separator: ", ")
                let doc = opened.sniffed
                if let first = doc.bytes.first(where: { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }),
                   first == UInt8(ascii: "{") || first == UInt8(ascii: "[") {
                    // JSON that no reader recognises: first say where it is broken, if it is;
                    // else what it holds.
                    _ = try JSONParser.parse(doc)
                    throw RecordError.unknownFormat(
                        path: path,
                        hint: JSONOutline(doc.bytes).description + ": not an OpenAlex work or results page, a Semantic "
                            + "Scholar paper response or CSL-JSON items; " + formats)
                }
                throw RecordError.unknownFormat(path: path, hint: formats)
            }
            let sink: RecordSink
            var reportInterned: ((FlatRecord, UnsafeBufferPointer<Int32>) throws -> Void)?
            if let (interner, take) = interned {
                let r: (FlatRecord, UnsafeBufferPointer<Int32>) throws -> Void = progress == nil ? take : { r, n in
                    try take(r, n)
                    counted(r.location.line)
                }
                reportInterned = r
                sink = RecordSink(strict: strict, interner: interner, handler: report, interned: r)
            } else {
                sink = RecordSink(strict: strict, handler: report)
            }
            var emitted = 0, skipped = 0
            var diagnostics: [Diagnostic] = []
            if var pre, pre.parsed {
                // Read ahead: pass its records on as the reader would have, then its error, if any.
                // The worker that made the `PaperRecord`s frees them (`recycle`), so this copy goes.
                let records = pre.records
                pre.records = []
                if let flat = pre.flat, let (interner, _) = interned, let reportInterned {
                    // Read as bytes: its names become the shared interner's next ones, then its
                    // records go on in the order read (byte-path and general ones).
                    let base = interner.adopt(pre.names)
                    var general = 0
                    for o in pre.order {
                        if o < 0 {
                            try report(records[general])
                            general += 1
                            continue
                        }
                        let j = Int(o)
                        shifted.removeAll(keepingCapacity: true)
                        for n in pre.flatNames[Int(j == 0 ? 0 : pre.flatNameEnds[j - 1])..<Int(pre.flatNameEnds[j])] {
                            shifted.append(n + base)
                        }
                        try shifted.withUnsafeBufferPointer { names in
                            try flat.withRecord(j, byteCount: Int(pre.flatSizes[j])) { try reportInterned($0, names) }
                        }
                    }
                } else {
                    // By index, each record borrowed (`for r in records` copies each: a retain and
                    // release of every string, on cache lines the worker's core holds).
                    for k in 0..<records.count { try report(records[k]) }
                }
                ahead?.recycle(records, from: pre.worker)
                if let e = pre.error { throw e }
                (emitted, skipped, diagnostics) = (records.count + (pre.flat?.count ?? 0), pre.skipped, pre.diagnostics)
            } else {
                try read(opened, as: format, into: sink)
                (emitted, skipped, diagnostics) = (sink.emitted, sink.skipped, sink.diagnostics)
            }
            if case .pieces(let pieces) = opened.content { summary.bytes += pieces.bytesRead }
            if emitted == 0 && skipped > 0 && named.contains(path) {
                // A named file whose every record is malformed is bad data, not an empty graph.
                let first = diagnostics.first { $0.severity == .error }
                throw RecordError.malformed(first?.location ?? SourceLocation(file: path, line: 1),
                                            (first.map { "\($0.message); " } ?? "")
                                            + "no usable record in this file (\(skipped) malformed, skipped)")
            }
            if emitted == 0 && skipped == 0 {
                // A file named on the command line must hold records; one found in a directory may
                // be empty (an ACL Anthology collection whose only volume has front matter and no
                // papers): that is said, and the rest is read.
                guard !named.contains(path) else { throw RecordError.empty(path: path) }
                summary.diagnostics += diagnostics
                summary.diagnostics.append(Diagnostic(SourceLocation(file: path, line: 1), "no records in this file", severity: .warning))
                continue
            }
            summary.files.append(path)
            summary.records += emitted
            summary.skipped += skipped
            summary.diagnostics += diagnostics
            progress?(LoadProgress(records: records, fraction: min(1, (done + stored) / Double(totalBytes)),
                                   filesDone: i + 1, filesTotal: inputs.count, storedBytes: totalBytes))
        }
        return summary
    }
}

/// Files read on worker threads ahead of the loader (`RecordLoader.threads`): each is loaded,
/// recognised and, unless its format is read in order (`inOrder`: JSON Lines, whose byte path
/// looks names up in the loader's shared interner) or it cannot be loaded or recognised (left to
/// the loader, which reports it in order), parsed into a buffer of records and diagnostics,
/// stopping where the reader throws. A format in `flat` (BibTeX under `loadInterned`) is parsed
/// as bytes with a name interner of the file's own, whose names the loader adopts into the shared
/// one when it passes the file on. Workers take the files in order and stay at most `depth` files
/// ahead of the one taken last; each frees the records it made once the loader has passed them on.
final class ReadAhead: @unchecked Sendable {
    struct File {
        /// The input opened (or why it could not be), for the loader to read when it is not parsed here.
        var opened: Result<OpenedInput, Error>?
        /// The format it was read as (set with `parsed`).
        var format: InputFormat?
        var parsed = false
        var records: [PaperRecord] = []
        var skipped = 0
        var diagnostics: [Diagnostic] = []
        var error: Error?
        /// The worker that read it.
        var worker = -1
        /// Read as bytes (`flat` formats): the byte-path records, per record the end of its names
        /// in `flatNames` (values of `names`, made by a reader of this file's own) and its input
        /// bytes; per record in read order its index in `flat` (≥ 0) or −1 − its index in `records`.
        var flat: FlatRecordBatch?
        var flatNames: [Int32] = []
        var flatNameEnds: [Int32] = []
        var flatSizes: [Int32] = []
        var order: [Int32] = []
        var names: [AuthorName] = []
    }

    @exclusivity(unchecked) private var files: [File]
    /// Per worker: record buffers passed on by the loader, to be freed by the worker that made them.
    @exclusivity(unchecked) private var spent: [[[PaperRecord]]]
    private let ready: [DispatchSemaphore]
    private let room: Parallel.Window
    private let lock = NSLock()
    @exclusivity(unchecked) private var next = 0
    @exclusivity(unchecked) private var cancelled = false
    private let workers: Int

    init(_ loader: RecordLoader, _ paths: [String], threads: Int, depth: Int, inOrder: Set<InputFormat>,
         flat: Set<InputFormat>) {
        files = Array(repeating: File(), count: paths.count)
        ready = paths.map { _ in DispatchSemaphore(value: 0) }
        room = Parallel.Window(depth: depth)
        workers = min(threads, paths.count)
        spent = Array(repeating: [], count: workers)
        for w in 0..<workers {
            Parallel.thread { [self] in
                while true {
                    room.enter()
                    lock.lock()
                    let done = spent[w]
                    spent[w] = []
                    lock.unlock()
                    _ = consume done
                    lock.lock()
                    let k = next
                    next += 1
                    let stop = cancelled || k >= paths.count
                    lock.unlock()
                    if stop { break }
                    var f = ReadAhead.read(loader, paths[k], inOrder: inOrder, flat: flat)
                    f.worker = w
                    lock.lock()
                    files[k] = f
                    lock.unlock()
                    ready[k].signal()
                }
            }
        }
    }

    /// File `k` once read (files are taken in order, each once).
    func take(_ k: Int) -> File {
        ready[k].wait()
        lock.lock()
        let f = files[k]
        files[k] = File()
        lock.unlock()
        room.leave()
        return f
    }

    /// Hands back the records of a file once passed on, so that the worker that made them frees
    /// them (before it reads its next file): freed on the loader's thread, every string and array
    /// of them would go back to another thread's malloc arena, both threads contending for it.
    func recycle(_ records: consuming [PaperRecord], from worker: Int) {
        guard worker >= 0 else { return }
        lock.lock()
        spent[worker].append(records)
        lock.unlock()
    }

    /// Lets the workers stop (after the file each is reading).
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        for _ in 0..<workers { room.leave() }
    }

    /// Files of at least this many bytes as stored (64 MiB: a PubMed baseline file is 20–40 MB
    /// compressed and is read ahead; dblp.xml.gz or a large OpenAlex part is not).
    static let readAheadBelow = 64 << 20

    static func read(_ loader: RecordLoader, _ path: String, inOrder: Set<InputFormat>, flat: Set<InputFormat>) -> File {
        var f = File()
        guard path != "-" else { return f }
        // A large file is left to the loader, which reads it in pieces (decompressed on the pieces'
        // thread): read whole here, it would be held whole, with all its records, until passed on.
        if let size = try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int, size >= readAheadBelow { return f }
        let opened: OpenedInput
        do { opened = try loader.open(path, pieces: false) } catch {
            f.opened = .failure(error)
            return f
        }
        f.opened = .success(opened)
        guard !opened.isBlank, let format = opened.format, !inOrder.contains(format) else { return f }
        var records: [PaperRecord] = []
        let sink: RecordSink
        var interner: NameInterner?
        var batch = FlatRecordBatch()
        if flat.contains(format) {
            let names = NameInterner(capacity: 16)
            interner = names
            sink = RecordSink(strict: loader.strict, interner: names, handler: {
                f.order.append(Int32(-1 - records.count))
                records.append($0)
            }, interned: { r, n in
                f.order.append(Int32(batch.count))
                r.append(to: &batch)
                f.flatNames.append(contentsOf: n)
                f.flatNameEnds.append(Int32(f.flatNames.count))
                f.flatSizes.append(Int32(clamping: r.byteCount))
            })
        } else {
            sink = RecordSink(strict: loader.strict) { records.append($0) }
        }
        do {
            try loader.read(opened, as: format, into: sink)
        } catch {
            f.error = error
        }
        if interner != nil { f.flat = batch }
        f.names = interner?.takeNames() ?? []
        f.parsed = true
        f.format = format
        f.records = records
        f.skipped = sink.skipped
        f.diagnostics = sink.diagnostics
        return f
    }

}
