import CoauthorOutput
import CoauthorModel
import Foundation

/// A binary snapshot of a resolved corpus (`coauthor build … -o FILE.coauthor`), so that later
/// commands skip parsing and identity resolution; every command accepts one as its input and
/// applies its own filters to it.
///
/// Layout (all integers little-endian, every section 8-byte aligned so the file can be mapped):
///
///     "COAUTHOR"            8 bytes magic
///     version   UInt32      (5, which added the papers' native ids; earlier versions are
///                           refused: rebuild them)
///     reserved  UInt32
///     payload   UInt64      byte length of what follows the header
///     checksum  UInt64      `Snapshot.checksum` of the payload
///     payload:  sections in a fixed order; each array is `count: UInt64` + elements (+ padding);
///               a string column is `count`, `count + 1` UInt64 offsets and one UTF-8 blob
///               (loaded as a `StringColumn` by two copies: no `String` per row);
///               an optional string column adds a presence byte per row; row groups (each
///               author's spellings) are `count + 1` UInt64 offsets into flat columns;
///               last, optionally, the coauthorship graph `coauthor build` made under the default
///               filters (its options, node and edge columns), so that a command with the same
///               filters skips building it: flag `0`/`1`, then options, kept papers, nodes, edges,
///               adjacency rows. The author → papers index is stored too (not rebuilt on load).
///
/// The checksum is a 64-bit multiply–xor–rotate hash over 8-byte words (fast enough to verify
/// hundreds of megabytes in a fraction of a second); a mismatch, a short file or an unknown
/// version is a `SnapshotError`, never a crash.
public enum Snapshot {
    public static let magic = Array("COAUTHOR".utf8)
    public static let version: UInt32 = 5
    public static let fileExtension = "coauthor"

    /// Extra figures carried with the corpus.
    public struct Info: Sendable, Equatable {
        /// Malformed records skipped while reading the original inputs.
        public var skippedRecords: Int
        /// The original input paths.
        public var inputs: [String]
        public init(skippedRecords: Int, inputs: [String]) {
            self.skippedRecords = skippedRecords
            self.inputs = inputs
        }
    }

    // MARK: Writing

    /// The snapshot bytes of a corpus.
    /// - Parameter graph: a graph of `c` to store with it (any filters; a reader uses it only when
    ///   asked for the same filters).
    public static func encode(_ c: Corpus, info: Info, graph: CoauthorGraph? = nil,
                              progress: ((Double) -> Void)? = nil) -> [UInt8] {
        var w = Writer()
        w.bytes.reserveCapacity(headerSize + estimatedSize(c) + (graph.map { 40 * $0.edgeCount + 24 * $0.nodeCount } ?? 0))
        // The header first, its length and checksum filled in at the end: the payload is written
        // once, in place (32 bytes keep the sections 8-byte aligned in the file).
        w.bytes += magic
        append(&w.bytes, version)
        append(&w.bytes, UInt32(0))
        append(&w.bytes, UInt64(0))
        append(&w.bytes, UInt64(0))
        w.strings(info.inputs)
        w.int(info.skippedRecords)
        // Papers.
        let p = c.papers
        w.column(p.id); w.column(p.title)
        w.array(p.year); w.array(p.month); w.array(p.day)
        w.optionalStrings(p.venue); w.optionalStrings(p.category); w.optionalStrings(p.doi); w.optionalStrings(p.abstract)
        w.array(p.authorsTruncated.map { $0 ? UInt8(1) : 0 })
        w.array(p.sourceFile); w.array(p.sourceLine)
        w.array(p.nativeID.rows); w.column(p.nativeID.strings)
        progress?(0.5)
        // Authors.
        let a = c.authors
        w.column(a.key); w.column(a.displayName)
        w.array(a.ids.map { UInt64($0.count) })
        w.array(a.ids.flatMap { $0.map { UInt8(PersistentID.Kind.allCases.firstIndex(of: $0.kind)!) } })
        w.strings(a.ids.flatMap { $0.map(\.value) })
        w.array(a.spellings.start)
        w.column(a.spellings.text)
        w.array(a.spellings.mentions)
        w.array(a.joinReasons.map { set in
            set.reduce(UInt8(0)) { $0 | (1 << UInt8(AuthorTable.JoinReason.allCases.firstIndex(of: $1)!)) }
        })
        w.column(a.familyKey); w.column(a.givenKey)
        // Membership, files, report.
        progress?(0.8)
        w.array(c.paperAuthors.offsets.map { UInt64($0) }); w.array(c.paperAuthors.items)
        w.array(c.authorPapers.offsets); w.array(c.authorPapers.items)
        w.strings(c.sourceFiles)
        let r = c.report
        w.array([r.mentions, r.unusableMentions, r.aliasedMentions, r.initialMerges, r.duplicateMentions].map { UInt64($0) })
        w.array(r.merges.map { UInt64($0.paper) })
        w.strings(r.merges.map(\.recordID))
        w.strings(r.merges.map(\.source.file))
        w.array(r.merges.map { UInt64($0.source.line) })
        // Bit 0: DOI, bit 2: native id, neither: title; bit 1: took the authors.
        w.array(r.merges.map { ($0.reason == .doi ? UInt8(1) : 0) | ($0.reason == .id ? 4 : 0) | ($0.tookAuthors ? 2 : 0) })
        // The graph.
        if let g = graph {
            progress?(0.9)
            w.int(1)
            let o = g.options
            w.array([Int64(o.fromYear ?? Int(Int64.min)), Int64(o.toYear ?? Int(Int64.min)), Int64(o.maxAuthors),
                     Int64(o.minPapers), Int64(o.minWeight), o.largestComponent ? 1 : 0,
                     Int64(g.keptPaperCount), Int64(g.hyperauthoredPapers)])
            w.array(g.paperKept.map { $0 ? UInt8(1) : 0 })
            w.array(g.nodeAuthor); w.array(g.nodePapers); w.array(g.nodeFirstYear); w.array(g.nodeLastYear)
            w.array(g.edgeSource); w.array(g.edgeTarget); w.array(g.edgeWeight)
            w.array(g.edgeFractional.map { $0.bitPattern })
            w.array(g.edgeFirstYear); w.array(g.edgeLastYear)
            w.array(g.offsets); w.array(g.neighbors); w.array(g.adjacencyEdge)
        } else {
            w.int(0)
        }

        seal(&w.bytes)
        return w.bytes
    }

    /// Fills in the header's payload length and checksum for the bytes after it (`bytes` holds at
    /// least the header). Also how tests and the fuzz target forge snapshots that only the
    /// structure checks can refuse.
    public static func seal(_ bytes: inout [UInt8]) {
        let length = UInt64(bytes.count - headerSize)
        let sum = bytes.withUnsafeBytes { checksum(UnsafeRawBufferPointer(rebasing: $0[headerSize...])) }
        for k in 0..<8 {
            bytes[16 + k] = UInt8(truncatingIfNeeded: length >> UInt64(8 * k))
            bytes[24 + k] = UInt8(truncatingIfNeeded: sum >> UInt64(8 * k))
        }
    }

    /// Bytes before the payload: magic, version, reserved, payload length, checksum.
    static let headerSize = 32

    /// Writes a snapshot through `AtomicFiles`: a temporary name beside `path` renamed into place
    /// (a device or FIFO is written into; see `AtomicFiles` for the rules).
    /// - Parameter progress: called with the share done (0…1): encoding is the first half,
    ///   writing the second.
    public static func write(_ c: Corpus, info: Info, graph: CoauthorGraph? = nil, to path: String,
                             progress: ((Double) -> Void)? = nil) throws(OutputError) {
        let bytes = encode(c, info: info, graph: graph, progress: progress.map { p in { p(0.5 * $0) } })
        try AtomicFiles.write(bytes: bytes, to: path, progress: progress.map { p in { p(0.5 + 0.5 * $0) } })
    }

    // MARK: Reading

    /// True when the file starts with the snapshot magic.
    /// Only a regular file can be a snapshot (it is memory-mapped): a FIFO, a device or a process
    /// substitution is never opened here, so its bytes are left for the one read of the input.
    public static func isSnapshot(path: String) -> Bool {
        var st = stat()
        guard stat(path, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return false }
        guard let h = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? h.close() }
        return (try? h.read(upToCount: 8)).map { Array($0) == magic } ?? false
    }

    /// Reads a snapshot file (memory-mapped).
    /// - Parameter progress: called with the share done (0…1): checking the checksum, then decoding.
    public static func read(path: String, progress: ((Double) -> Void)? = nil) throws -> (corpus: Corpus, info: Info) {
        let c = try load(path: path, progress: progress)
        return (c.corpus, c.info)
    }

    /// What a snapshot holds.
    public struct Contents: Sendable {
        public var corpus: Corpus
        public var info: Info
        /// The graph stored with the corpus, if any (built under `graph.options`).
        public var graph: CoauthorGraph?
    }

    /// Reads a snapshot file (memory-mapped), with the stored graph if it has one.
    public static func load(path: String, progress: ((Double) -> Void)? = nil) throws -> Contents {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) } catch {
            throw SnapshotError.unreadable(path: path, reason: error.localizedDescription)
        }
        return try data.withUnsafeBytes { raw in try decodeContents(raw, path: path, progress: progress) }
    }

    /// Decodes snapshot bytes.
    public static func decode(_ raw: UnsafeRawBufferPointer, path: String,
                              progress: ((Double) -> Void)? = nil) throws -> (corpus: Corpus, info: Info) {
        let c = try decodeContents(raw, path: path, progress: progress)
        return (c.corpus, c.info)
    }

    /// Decodes snapshot bytes, with the stored graph if there is one.
    public static func decodeContents(_ raw: UnsafeRawBufferPointer, path: String,
                                      progress: ((Double) -> Void)? = nil) throws -> Contents {
        guard raw.count >= 32, Array(raw[0..<8]) == magic else { throw SnapshotError.notASnapshot(path: path) }
        let version = raw.loadUnaligned(fromByteOffset: 8, as: UInt32.self).littleEndian
        guard version == Snapshot.version else { throw SnapshotError.unsupportedVersion(path: path, version: Int(version)) }
        let length = raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self).littleEndian
        let sum = raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self).littleEndian
        guard length <= UInt64(raw.count - 32) else { throw SnapshotError.corrupt(path: path, reason: "the file is shorter than its header says") }
        let payload = UnsafeRawBufferPointer(rebasing: raw[32..<(32 + Int(length))])
        guard checksum(payload, progress: progress.map { p in { p(0.3 * $0) } }) == sum else {
            throw SnapshotError.corrupt(path: path, reason: "checksum mismatch")
        }
        var r = Reader(buffer: payload, path: path)

        let inputs = try r.strings()
        let skipped = try r.int()
        var p = PaperTable()
        p.id = try r.column(); p.title = try r.column()
        p.year = try r.array(Year.self); p.month = try r.array(UInt8.self); p.day = try r.array(UInt8.self)
        p.venue = try r.optionalStrings(); p.category = try r.optionalStrings()
        p.doi = try r.optionalStrings(); p.abstract = try r.optionalStrings()
        p.authorsTruncated = try r.array(UInt8.self).map { $0 != 0 }
        p.sourceFile = try r.array(Int32.self); p.sourceLine = try r.array(Int32.self)
        let nativeRows = try r.array(Int32.self)
        let pc = p.id.count
        guard let native = SparseStrings(rows: nativeRows, strings: try r.column()),
              native.rows.allSatisfy({ $0 >= 0 && Int($0) < pc }) else {
            throw SnapshotError.corrupt(path: path, reason: "native paper ids name papers that are not there")
        }
        p.nativeID = native
        guard [p.title.count, p.year.count, p.month.count, p.day.count, p.venue.count, p.category.count, p.doi.count,
               p.abstract.count, p.authorsTruncated.count, p.sourceFile.count, p.sourceLine.count].allSatisfy({ $0 == pc }) else {
            throw SnapshotError.corrupt(path: path, reason: "paper columns differ in length")
        }
        progress?(0.5)
        var a = AuthorTable()
        a.key = try r.column(); a.displayName = try r.column()
        let n = a.key.count
        let idCounts = try r.array(UInt64.self), idKinds = try r.array(UInt8.self), idValues = try r.strings()
        let spellStart = try r.array(Int.self), spellTexts = try r.column(), spellMentions = try r.array(Int.self)
        let reasons = try r.array(UInt8.self)
        a.familyKey = try r.column(); a.givenKey = try r.column()
        guard a.displayName.count == n, idCounts.count == n, spellStart.count == n + 1, reasons.count == n,
              a.familyKey.count == n, a.givenKey.count == n, idKinds.count == idValues.count,
              checkedSum(idCounts) == UInt64(idKinds.count),
              let spellings = SpellingColumn(start: spellStart, text: spellTexts, mentions: spellMentions) else {
            throw SnapshotError.corrupt(path: path, reason: "author columns differ in length")
        }
        a.spellings = spellings
        let kinds = PersistentID.Kind.allCases
        var k = 0
        a.ids = try idCounts.map { c in
            if c == 0 { return [] }
            return try (0..<Int(c)).map { _ in
                guard Int(idKinds[k]) < kinds.count else { throw SnapshotError.corrupt(path: path, reason: "unknown id kind") }
                defer { k += 1 }
                return PersistentID(kinds[Int(idKinds[k])], idValues[k])
            }
        }
        let allReasons = AuthorTable.JoinReason.allCases
        a.joinReasons = reasons.map { bits in
            bits == 0 ? [] : Set(allReasons.enumerated().filter { bits & (1 << UInt8($0.offset)) != 0 }.map(\.element))
        }

        guard let offsets = try r.array(UInt64.self).asInts else {
            throw SnapshotError.corrupt(path: path, reason: "paper membership is inconsistent")
        }
        let items = try r.array(Int32.self)
        let byAuthor = CSR(offsets: try r.array(Int.self), items: try r.array(Int32.self))
        guard byAuthor.offsets.count == n + 1, byAuthor.offsets.first == 0, byAuthor.offsets.last == items.count,
              byAuthor.items.count == items.count, nondecreasing(byAuthor.offsets),
              byAuthor.items.allSatisfy({ $0 >= 0 && Int($0) < pc }) else {
            throw SnapshotError.corrupt(path: path, reason: "author → papers index is inconsistent")
        }
        guard offsets.count == pc + 1, offsets.first == 0, offsets.last == items.count,
              zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }),
              items.allSatisfy({ $0 >= 0 && Int($0) < n }) else {
            throw SnapshotError.corrupt(path: path, reason: "paper membership is inconsistent")
        }
        // Each paper's authors are distinct, and the author → papers index is exactly the
        // transpose of paper → authors (papers ascending), as `CorpusBuilder` makes them: a forged
        // index would otherwise send the graph builder and the metrics out of bounds.
        do {
            var seen = [Int32](repeating: -1, count: n)
            var cursor = Array(byAuthor.offsets.dropLast())
            for paper in 0..<pc {
                for k in offsets[paper]..<offsets[paper + 1] {
                    let author = Int(items[k])
                    guard seen[author] != Int32(paper) else {
                        throw SnapshotError.corrupt(path: path, reason: "paper \(paper) lists an author twice")
                    }
                    seen[author] = Int32(paper)
                    guard cursor[author] < byAuthor.offsets[author + 1], byAuthor.items[cursor[author]] == Int32(paper) else {
                        throw SnapshotError.corrupt(path: path, reason: "author → papers index is inconsistent")
                    }
                    cursor[author] += 1
                }
            }
            guard (0..<n).allSatisfy({ cursor[$0] == byAuthor.offsets[$0 + 1] }) else {
                throw SnapshotError.corrupt(path: path, reason: "author → papers index is inconsistent")
            }
        }
        let sourceFiles = try r.strings()
        guard p.sourceFile.allSatisfy({ $0 >= 0 && Int($0) < sourceFiles.count }) else {
            throw SnapshotError.corrupt(path: path, reason: "paper source index out of range")
        }
        var report = BuildReport()
        let counts = try r.array(UInt64.self)
        guard counts.count == 5, let c = counts.asInts else { throw SnapshotError.corrupt(path: path, reason: "report counts") }
        report.mentions = c[0]; report.unusableMentions = c[1]; report.aliasedMentions = c[2]
        report.initialMerges = c[3]; report.duplicateMentions = c[4]
        let mp = try r.array(UInt64.self), mid = try r.strings(), mfile = try r.strings(), mline = try r.array(UInt64.self)
        let mflags = try r.array(UInt8.self)
        guard [mid.count, mfile.count, mline.count, mflags.count].allSatisfy({ $0 == mp.count }),
              mp.allSatisfy({ $0 < UInt64(pc) }), let lines = mline.asInts else {
            throw SnapshotError.corrupt(path: path, reason: "merge log is inconsistent")
        }
        report.merges = (0..<mp.count).map { i in
            RecordMerge(paper: Int(mp[i]), recordID: mid[i], source: SourceLocation(file: mfile[i], line: lines[i]),
                        reason: mflags[i] & 1 != 0 ? .doi : mflags[i] & 4 != 0 ? .id : .title, tookAuthors: mflags[i] & 2 != 0)
        }
        progress?(0.8)
        let membership = CSR(offsets: offsets, items: items)
        let corpus = Corpus(papers: p, authors: a, paperAuthors: membership,
                            authorPapers: byAuthor, sourceFiles: sourceFiles, report: report)
        var graph: CoauthorGraph?
        if try r.int() == 1 { graph = try readGraph(&r, corpus, path: path) }
        guard r.atEnd else { throw SnapshotError.corrupt(path: path, reason: "trailing bytes") }
        progress?(0.9)
        return Contents(corpus: corpus, info: Info(skippedRecords: skipped, inputs: inputs), graph: graph)
    }

    /// The stored graph section, checked: column lengths, node and author indices in range, edges
    /// strictly ascending by (source, target) with source < target (as `CoauthorGraph` builds them).
    static func readGraph(_ r: inout Reader, _ corpus: Corpus, path: String) throws -> CoauthorGraph {
        func bad(_ what: String) -> SnapshotError { .corrupt(path: path, reason: "stored graph: \(what)") }
        let head = try r.array(Int64.self)
        guard head.count == 8 else { throw bad("header") }
        func opt(_ v: Int64) -> Int? { v == Int64.min ? nil : Int(v) }
        let options = GraphOptions(fromYear: opt(head[0]), toYear: opt(head[1]), maxAuthors: Int(head[2]),
                                   minPapers: Int(head[3]), minWeight: Int(head[4]), largestComponent: head[5] != 0)
        let kept = try r.array(UInt8.self).map { $0 != 0 }
        let nodes = CoauthorGraph.NodeColumns(author: try r.array(Int32.self), papers: try r.array(Int32.self),
                                              first: try r.array(Year.self), last: try r.array(Year.self))
        let edges = CoauthorGraph.EdgeColumns(source: try r.array(Int32.self), target: try r.array(Int32.self),
                                              weight: try r.array(Int32.self),
                                              fractional: try r.array(UInt64.self).map { Double(bitPattern: $0) },
                                              first: try r.array(Year.self), last: try r.array(Year.self))
        let adjacency = CoauthorGraph.AdjacencyColumns(offsets: try r.array(Int.self), neighbors: try r.array(Int32.self),
                                                       edges: try r.array(Int32.self))
        let n = nodes.author.count, m = edges.source.count, authors = corpus.authors.count
        guard kept.count == corpus.papers.count, head[6] == Int64(kept.lazy.filter { $0 }.count) else { throw bad("kept papers") }
        guard head[7] >= 0, head[7] <= Int64(corpus.papers.count), head[2] >= 0, head[3] >= 0, head[4] >= 0 else {
            throw bad("header")
        }
        // Nodes are authors in ascending order (as the builder makes them).
        guard nodes.papers.count == n, nodes.first.count == n, nodes.last.count == n,
              nodes.author.allSatisfy({ $0 >= 0 && Int($0) < authors }),
              zip(nodes.author, nodes.author.dropFirst()).allSatisfy({ $0 < $1 }),
              nodes.papers.allSatisfy({ $0 >= 0 }) else { throw bad("node columns") }
        guard edges.target.count == m, edges.weight.count == m, edges.fractional.count == m,
              edges.first.count == m, edges.last.count == m else { throw bad("edge columns differ in length") }
        guard edges.weight.allSatisfy({ $0 >= 1 }), edges.fractional.allSatisfy({ $0.isFinite && $0 > 0 }) else {
            throw bad("edge weights")
        }
        var previous: UInt64? = nil
        for e in 0..<m {
            let s = edges.source[e], t = edges.target[e]
            guard s >= 0, s < t, Int(t) < n else { throw bad("edge \(e) out of range") }
            let key = UInt64(UInt32(s)) << 32 | UInt64(UInt32(t))
            if let p = previous, p >= key { throw bad("edges out of order") }
            previous = key
        }
        guard adjacency.offsets.count == n + 1, adjacency.offsets.first == 0, adjacency.offsets.last == 2 * m,
              adjacency.neighbors.count == 2 * m, adjacency.edges.count == 2 * m, nondecreasing(adjacency.offsets),
              adjacency.neighbors.allSatisfy({ $0 >= 0 && Int($0) < n }),
              adjacency.edges.allSatisfy({ $0 >= 0 && Int($0) < m }) else { throw bad("adjacency rows") }
        // Row u lists u's neighbours strictly ascending, each with the edge that joins them, and as
        // many as u has edges: with edges unique, every edge is then in both its rows exactly once.
        var degree = [Int](repeating: 0, count: n)
        for e in 0..<m { degree[Int(edges.source[e])] += 1; degree[Int(edges.target[e])] += 1 }
        for u in 0..<n {
            let row = adjacency.offsets[u]..<adjacency.offsets[u + 1]
            guard row.count == degree[u] else { throw bad("adjacency rows") }
            var previous: Int32 = -1
            for k in row {
                let v = adjacency.neighbors[k], e = Int(adjacency.edges[k])
                let s = edges.source[e], t = edges.target[e]
                guard v > previous, (s == Int32(u) && t == v) || (t == Int32(u) && s == v) else { throw bad("adjacency rows") }
                previous = v
            }
        }
        return CoauthorGraph(corpus: corpus, options: options, nodes: nodes, edges: edges, paperKept: kept,
                             keptPaperCount: Int(head[6]), hyperauthored: Int(head[7]), adjacency: adjacency)
    }

    /// The sum of `values`, nil when it overflows.
    static func checkedSum(_ values: [UInt64]) -> UInt64? {
        var total: UInt64 = 0
        for v in values {
            let (s, overflow) = total.addingReportingOverflow(v)
            if overflow { return nil }
            total = s
        }
        return total
    }

    // MARK: Checksum

    /// 64-bit checksum over 8-byte little-endian words (the tail zero-padded), in four
    /// interleaved lanes so that the multiplications of neighbouring words overlap: word i goes to
    /// lane i mod 4, h_l = rotl(h_l ⊕ w · K, 31) · K′; the lanes are then folded in order the same way.
    public static func checksum(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    public static func checksum(_ raw: UnsafeRawBufferPointer, progress: ((Double) -> Void)? = nil) -> UInt64 {
        let k: UInt64 = 0xC2B2_AE3D_27D4_EB4F, k2: UInt64 = 0x1656_67B1_9E37_79F9
        @inline(__always) func step(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = h ^ (w &* k)
            return (x << 31 | x >> 33) &* k2
        }
        let seed: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(raw.count)
        var h0 = seed, h1 = seed &+ 1, h2 = seed &+ 2, h3 = seed &+ 3
        let words = raw.count / 8
        var i = 0
        while i + 4 <= words {
            if i & 0x3F_FFFF == 0, let progress { progress(Double(i) / Double(max(words, 1))) }
            h0 = step(h0, raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian)
            h1 = step(h1, raw.loadUnaligned(fromByteOffset: 8 * i + 8, as: UInt64.self).littleEndian)
            h2 = step(h2, raw.loadUnaligned(fromByteOffset: 8 * i + 16, as: UInt64.self).littleEndian)
            h3 = step(h3, raw.loadUnaligned(fromByteOffset: 8 * i + 24, as: UInt64.self).littleEndian)
            i += 4
        }
        while i < words {
            h0 = step(h0, raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self).littleEndian)
            i += 1
        }
        var tail: UInt64 = 0
        for j in (8 * words)..<raw.count { tail |= UInt64(raw[j]) << UInt64(8 * (j - 8 * words)) }
        var h = step(step(step(step(seed, h0), h1), h2), h3)
        h = step(h, tail)
        return h ^ (h >> 29)
    }

    /// Roughly the encoded size (so the output buffer grows once).
    static func estimatedSize(_ c: Corpus) -> Int {
        let p = c.papers, a = c.authors
        return 64 * 40 + p.id.bytes.count + p.title.bytes.count + a.key.bytes.count + a.displayName.bytes.count
            + a.familyKey.bytes.count + a.givenKey.bytes.count + a.spellings.text.bytes.count
            + 40 * p.count + 56 * a.count + 24 * a.spellings.mentions.count + 4 * c.paperAuthors.items.count
    }

    static func append<T: FixedWidthInteger>(_ out: inout [UInt8], _ v: T) {
        withUnsafeBytes(of: v.littleEndian) { out += $0 }
    }

    // MARK: Sections

    struct Writer {
        var bytes: [UInt8] = []

        mutating func pad() { while bytes.count % 8 != 0 { bytes.append(0) } }

        mutating func int(_ v: Int) { Snapshot.append(&bytes, UInt64(v)) }

        mutating func array<T: FixedWidthInteger>(_ a: [T]) {
            Snapshot.append(&bytes, UInt64(a.count))
            #if _endian(little)
            a.withUnsafeBytes { bytes += $0 }     // the in-memory layout is the file layout
            #else
            for v in a { Snapshot.append(&bytes, v) }
            #endif
            pad()
        }

        mutating func strings<S: Collection>(_ s: S) where S.Element == String {
            var offsets: [UInt64] = [0]
            offsets.reserveCapacity(s.count + 1)
            var blob: [UInt8] = []
            for x in s { blob += x.utf8; offsets.append(UInt64(blob.count)) }
            Snapshot.append(&bytes, UInt64(s.count))
            #if _endian(little)
            offsets.withUnsafeBytes { bytes += $0 }
            #else
            for o in offsets { Snapshot.append(&bytes, o) }
            #endif
            Snapshot.append(&bytes, UInt64(blob.count))
            bytes += blob
            pad()
        }

        /// A string column as it is in memory: count, offsets, blob.
        mutating func column(_ c: StringColumn) {
            Snapshot.append(&bytes, UInt64(c.count))
            #if _endian(little)
            c.offsets.withUnsafeBytes { bytes += $0 }   // Int is 64-bit little-endian here
            #else
            for o in c.offsets { Snapshot.append(&bytes, UInt64(o)) }
            #endif
            Snapshot.append(&bytes, UInt64(c.bytes.count))
            bytes += c.bytes
            pad()
        }

        mutating func optionalStrings(_ s: [String?]) {
            array(s.map { $0 == nil ? UInt8(0) : 1 })
            strings(s.map { $0 ?? "" })
        }
    }

    struct Reader {
        let buffer: UnsafeRawBufferPointer
        let path: String
        var at = 0

        var atEnd: Bool { at == buffer.count }

        mutating func u64() throws -> UInt64 {
            guard at + 8 <= buffer.count else { throw SnapshotError.corrupt(path: path, reason: "unexpected end of data") }
            defer { at += 8 }
            return buffer.loadUnaligned(fromByteOffset: at, as: UInt64.self).littleEndian
        }

        mutating func int() throws -> Int {
            let v = try u64()
            guard v <= UInt64(Int.max) else { throw SnapshotError.corrupt(path: path, reason: "count out of range") }
            return Int(v)
        }

        mutating func count(elementSize: Int) throws -> Int {
            let c = try int()
            guard c <= (buffer.count - at) / max(elementSize, 1) else {
                throw SnapshotError.corrupt(path: path, reason: "a section is longer than the file")
            }
            return c
        }

        mutating func skipPadding() { at = min(buffer.count, (at + 7) & ~7) }

        mutating func array<T: FixedWidthInteger>(_: T.Type) throws -> [T] {
            let size = MemoryLayout<T>.size
            let c = try count(elementSize: size)
            let start = at
            let out = [T](unsafeUninitializedCapacity: c) { dst, initialized in
                #if _endian(little)
                UnsafeMutableRawBufferPointer(dst).copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + c * size)]))
                #else
                for i in 0..<c { dst[i] = T(littleEndian: buffer.loadUnaligned(fromByteOffset: start + i * size, as: T.self)) }
                #endif
                initialized = c
            }
            at += c * size
            skipPadding()
            return out
        }

        mutating func strings() throws -> [String] {
            let c = try count(elementSize: 8)
            guard c < (buffer.count - at) / 8 else { throw SnapshotError.corrupt(path: path, reason: "string table is longer than the file") }
            let offsets = [Int](unsafeUninitializedCapacity: c + 1) { dst, initialized in
                for i in 0...c { dst[i] = Int(truncatingIfNeeded: buffer.loadUnaligned(fromByteOffset: at + 8 * i, as: UInt64.self).littleEndian) }
                initialized = c + 1
            }
            at += 8 * (c + 1)
            let blobLength = try count(elementSize: 1)
            guard offsets[0] == 0, offsets[c] == blobLength, zip(offsets, offsets.dropFirst()).allSatisfy({ $0 <= $1 }) else {
                throw SnapshotError.corrupt(path: path, reason: "string offsets are inconsistent")
            }
            let base = at
            let out = (0..<c).map { i in
                String(decoding: UnsafeRawBufferPointer(rebasing: buffer[(base + offsets[i])..<(base + offsets[i + 1])]), as: UTF8.self)
            }
            at += blobLength
            skipPadding()
            return out
        }

        /// A string column, copied (no `String` per row); the offsets are checked.
        mutating func column() throws -> StringColumn {
            let c = try count(elementSize: 8)
            guard c < (buffer.count - at) / 8 else { throw SnapshotError.corrupt(path: path, reason: "string table is longer than the file") }
            let start = at
            let offsets = [Int](unsafeUninitializedCapacity: c + 1) { dst, initialized in
                #if _endian(little)
                UnsafeMutableRawBufferPointer(dst).copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[start..<(start + 8 * (c + 1))]))
                #else
                for i in 0...c { dst[i] = Int(truncatingIfNeeded: buffer.loadUnaligned(fromByteOffset: start + 8 * i, as: UInt64.self).littleEndian) }
                #endif
                initialized = c + 1
            }
            at += 8 * (c + 1)
            let blobLength = try count(elementSize: 1)
            let blob = [UInt8](UnsafeRawBufferPointer(rebasing: buffer[at..<(at + blobLength)]))
            at += blobLength
            skipPadding()
            guard let column = StringColumn(bytes: blob, offsets: offsets) else {
                throw SnapshotError.corrupt(path: path, reason: "string offsets are inconsistent")
            }
            return column
        }

        /// An optional string column: a `String` only for the rows that have one.
        mutating func optionalStrings() throws -> [String?] {
            let present = try array(UInt8.self)
            let values = try column()
            guard present.count == values.count else { throw SnapshotError.corrupt(path: path, reason: "optional column") }
            return present.indices.map { present[$0] != 0 ? values[$0] : nil }
        }
    }
}

/// Problems with a snapshot file.
public enum SnapshotError: Error, Sendable, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case notASnapshot(path: String)
    case unsupportedVersion(path: String, version: Int)
    case corrupt(path: String, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(p, r): return "\(p): cannot read: \(r)"
        case let .notASnapshot(p): return "\(p): not a coauthor snapshot"
        case let .unsupportedVersion(p, v): return "\(p): snapshot version \(v) is not supported (this coauthor reads version \(Snapshot.version)); rebuild it with 'coauthor build'"
        case let .corrupt(p, r): return "\(p): corrupt snapshot: \(r)"
        }
    }
}

extension Array where Element == UInt64 {
    /// The values as `Int`s; nil when one does not fit (a forged count or offset).
    var asInts: [Int]? {
        var out: [Int] = []
        out.reserveCapacity(count)
        for v in self {
            guard let i = Int(exactly: v) else { return nil }
            out.append(i)
        }
        return out
    }
}
