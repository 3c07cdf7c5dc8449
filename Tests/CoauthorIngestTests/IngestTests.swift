import CoauthorGraph
@testable import CoauthorIngest
import CoauthorRecords
import CoauthorTestSupport
import Foundation
import Testing

/// `Ingest` (the pipeline every command reads by: byte-path records with interned names, batches
/// handed to the builder, runs of new names resolved together) builds the corpus that adding the
/// general readers' `PaperRecord`s one by one builds, whatever the batch size and thread count.
@Suite struct IngestTests {

    /// The corpus of `paths` made the plain way: `RecordLoader.load`, `CorpusBuilder.add` per record.
    func plainCorpus(_ paths: [String], _ options: IngestOptions) throws -> (LoadSummary, Corpus) {
        let builder = CorpusBuilder(options: options.identity)
        let loader = RecordLoader(options: options.reader, forcedFormat: options.format, strict: options.strict)
        let summary = try loader.load(paths) { builder.add($0) }
        return (summary, builder.finish())
    }

    func expectSame(_ paths: [String], _ options: IngestOptions, batchSizes: [Int]) throws {
        let (plainSummary, plain) = try plainCorpus(paths, options)
        let info = Snapshot.Info(skippedRecords: 0, inputs: paths)
        let expected = Snapshot.encode(plain, info: info)
        for threads in [1, 2] {
            for batchSize in batchSizes {
                var o = options
                o.threads = threads
                let records = try Ingest.read(paths, options: o, batchSize: batchSize, progress: nil)
                #expect(records.summary.records == plainSummary.records)
                #expect(records.summary.skipped == plainSummary.skipped)
                let corpus = records.resolve()
                corpus._checkInvariants()
                #expect(Snapshot.encode(corpus, info: info) == expected, "threads \(threads), batch size \(batchSize)")
                #expect(corpus.report.merges == plain.report.merges)
                #expect(corpus.report.mentions == plain.report.mentions)
                #expect(corpus.report.unusableMentions == plain.report.unusableMentions)
            }
        }
    }

    /// JSON Lines files mixing byte-path lines and general ones (an escape, a DOI or title that
    /// may fold into another file's paper), aliases, initials, de-duplication on and off.
    @Test func jsonLinesLikeRecordByRecord() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ingest-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try mixedJSONLines(in: dir)
        var aliases = AliasTable()
        aliases.add(label: "Q. Huang", replaceBy: "Qin Huang")
        for identity in [IdentityOptions(), IdentityOptions(mergeInitials: true, aliases: aliases),
                         IdentityOptions(deduplicate: false)] {
            let options = IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026)), identity: identity)
            try expectSame(paths, options, batchSizes: [1, 2, 3, 4096])
            let (_, plain) = try plainCorpus(paths, options)
            #expect(plain.report.merges.count == (identity.deduplicate ? 2 : 0))
        }
    }

    /// Real files of several formats (every example input) and real BibTeX files (Nelson Beebe's
    /// bibliographies in ../shared/data: the BibTeX byte path, cross-references, macros).
    @Test func realFilesLikeRecordByRecord() throws {
        let examples = TestPaths.repoRoot.appendingPathComponent("Examples/inputs").path
        let beebe = TestPaths.sharedData.appendingPathComponent("bibtex/beebe").path
        #expect(FileManager.default.fileExists(atPath: beebe), "the shared data is missing: \(beebe)")
        let options = IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026)))
        try expectSame([examples], options, batchSizes: [5, 4096])
        try expectSame([beebe], options, batchSizes: [64, 4096])
    }

    /// The one call: the graph is the one built from the corpus with the same filters.
    @Test func loadBuildsTheFilteredGraph() throws {
        let examples = TestPaths.repoRoot.appendingPathComponent("Examples/inputs").path
        let options = IngestOptions(reader: ReaderOptions(asOf: PaperDate(year: 2026)), threads: 2)
        let filters = GraphOptions(fromYear: 2010, maxAuthors: 50, minPapers: 1)
        let loaded = try Ingest.load([examples], options: options, graph: filters)
        let again = CoauthorGraph(corpus: loaded.corpus, options: filters)
        loaded.graph._checkInvariants()
        #expect(loaded.graph.nodeCount == again.nodeCount && loaded.graph.edgeCount == again.edgeCount)
        #expect(loaded.graph.nodeCount > 20)
        #expect(loaded.summary.files.count == 11)
        #expect(throws: RecordError.self) { try Ingest.load(["/nonexistent/x.bib"], options: options) }
    }
}

/// Three JSON Lines files (written into `dir`) mixing lines of the byte path and general ones (an
/// escape, a DOI or title that may fold into another file's paper), initials, a homonym number,
/// accents, an unusable name and "et al.".
func mixedJSONLines(in dir: URL) throws -> [String] {
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    let files: [(name: String, lines: [String])] = [
        ("a.jsonl", [
            #"{"id": "1", "title": "Graphs", "year": 2016, "authors": ["Qin Huang", "Q. Huang", "Ann Lee", "Ann Lee", "Wei Wang 0001"]}"#,
            #"{"id": "2", "year": 2017, "type": "article", "venue": "V", "authors": ["Qin Huang", "Chi-Hao Wu", "Chihao Wu", "Huang, Qin"]}"#,
            #"{"id": 7, "date": "2015-03-04", "authors": ["Jürgen Müller", "et al."]}"#,
            #"{"id": " padded ", "abstract": "x", "authors": ["Bo Li", "—"]}"#,
        ]),
        ("b.jsonl", [
            #"{"id": "3", "title": "Graphs", "year": 2016, "authors": ["Qin Huang", "Ann Lee", "Bo Li"]}"#,
            #"{"id": "4", "title": "X", "year": 2018, "doi": "10.1/x", "authors": ["A. Lee", "Ann Lee", "Wei Wang 0001", "Bo Li"]}"#,
            #"{"authors": ["Ann Lee", "Bo Li"], "year": "2019"}"#,
            #"{"id":"e","authors":["Jos\u00e9 Blakeley", "Ann Lee"]}"#,
        ]),
        ("c.jsonl", [
            #"{"id": "5", "title": "Y", "year": 2018, "doi": "https://doi.org/10.1/X", "authors": ["Bo Li", "Q. Huang"]}"#,
            #"{"id": "6", "authors": ["Jürgen Müller", "Jurgen Muller", "Ann Lee"]}"#,
        ]),
    ]
    var paths: [String] = []
    for f in files {
        let url = dir.appendingPathComponent(f.name)
        try f.lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        paths.append(url.path)
    }
    return paths
}

/// `CorpusBuilder.add(_:_:names:)` (records of the JSON Lines byte path, kept as bytes) builds the
/// corpus that `add` of the general reader's records builds: same papers, authors, merges.
@Suite struct FlatRecordsTests {
    @Test func sameCorpusAsRecords() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("flat-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let paths = try mixedJSONLines(in: dir)
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
        var aliases = AliasTable()
        aliases.add(label: "Q. Huang", replaceBy: "Qin Huang")
        for options in [IdentityOptions(), IdentityOptions(mergeInitials: true, aliases: aliases),
                        IdentityOptions(deduplicate: false)] {
            let plain = CorpusBuilder(options: options)
            _ = try loader.load(paths) { plain.add($0) }
            let flat = CorpusBuilder(options: options)
            let interner = NameInterner()
            var taken = 0
            _ = try loader.loadInterned(paths, interner: interner, interned: { line, names in
                var batch = FlatRecordBatch()
                line.append(to: &batch)
                flat.addNames(interner.takeNames())
                flat.add(batch, 0, names: names)
                taken += 1
                // Room reserved part-way (as Ingest's pipeline does after its first batch) changes nothing.
                if taken == 1 { flat.reserve(papers: 4, mentions: 9, idBytes: 40, titleBytes: 200) }
            }, handler: { flat.add($0) })
            #expect(taken == 9)   // all but the line with an escape
            let a = plain.finish(), b = flat.finish()
            let info = Snapshot.Info(skippedRecords: 0, inputs: paths)
            #expect(Snapshot.encode(a, info: info) == Snapshot.encode(b, info: info))
            #expect(a.report.mentions == b.report.mentions && a.report.aliasedMentions == b.report.aliasedMentions)
            #expect(a.report.unusableMentions == b.report.unusableMentions && a.report.merges == b.report.merges)
            #expect(a.report.merges.count == (options.deduplicate ? 2 : 0))
        }
    }
}

