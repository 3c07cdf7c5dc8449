import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords


/// Runs a system tool with `input` on standard input and returns its standard output.
func tool(_ args: [String], input: [UInt8]) throws -> [UInt8] {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = args
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out")
    try Data(input).write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    p.standardInput = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = try FileHandle(forWritingTo: outURL)
    try p.run()
    p.waitUntilExit()
    #expect(p.terminationStatus == 0, "\(args) failed")
    return [UInt8](try Data(contentsOf: outURL))
}

/// How the round-trip tests compress a file: with the system tools, as users make such files.
enum Packing: String, CaseIterable {
    case gzip, zstd, bzip2
    /// Three gzip members, cut at arbitrary bytes (as `cat a.gz b.gz c.gz` or `pigz` make).
    case gzipMembers

    func pack(_ b: [UInt8]) throws -> [UInt8] {
        switch self {
        case .gzip: return try tool(["gzip", "-c", "-n"], input: b)
        case .zstd: return try tool(["zstd", "-q", "-c"], input: b)
        case .bzip2: return try tool(["bzip2", "-c"], input: b)
        case .gzipMembers:
            let cuts = [0, b.count / 3 + 1, 2 * b.count / 3 + 7, b.count].map { min($0, b.count) }
            var out: [UInt8] = []
            for k in 0..<3 { out += try tool(["gzip", "-c", "-n"], input: Array(b[cuts[k]..<cuts[k + 1]])) }
            return out
        }
    }
}

/// Every record a load hands over, as text (every field), and the load's counts and messages.
func loadedText(_ loader: RecordLoader, _ paths: [String]) throws -> (records: [String], summary: String) {
    var out: [String] = []
    let s = try loadInternedRecords(loader, paths) { r, _ in out.append(String(describing: r)) }
    return (out, "\(s.records) \(s.skipped) \(s.diagnostics.map(\.description))")
}

@Suite struct CompressedInputTests {
    static let options = ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27))

    /// One example of every input format.
    static let examples: [String] = [
        "seeds/qin-huang-profile.txt", "Examples/inputs/acl.xml", "Examples/inputs/dblp.xml", "Examples/inputs/openalex-page.json",
        "Examples/inputs/openalex-work.json", "Examples/inputs/openalex-works.jsonl", "Examples/inputs/papers.csv",
        "Examples/inputs/papers.jsonl", "Examples/inputs/papers.tsv", "Examples/inputs/profile.txt", "Examples/inputs/pubmed.xml",
        "Examples/inputs/refs.bib",
    ].map { TestPaths.repoRoot.appendingPathComponent($0).path } + [
        "ris-wos/example_wos.ris", "ris-wos/example_full.ris", "ris-wos/example_pubmed_medline.txt", "semanticscholar/Paper.json",
        "dblp/csl-yaml/conf/wsdm.yaml", "scopus/litstudy_scopus.csv",
    ].map { TestPaths.sharedData.appendingPathComponent($0).path }

    static let cslJSON = """
    [{"id": "a", "type": "article-journal", "title": "One", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Rick"}], "issued": {"date-parts": [[2020]]}},
     {"id": "b", "type": "article-journal", "title": "Two", "author": [{"family": "Doe", "given": "Jane"}, {"literal": "The Group"}], "issued": {"date-parts": [[2021]]}}]
    """

    /// Each example, compressed each way and stored under its own name, reads record for record as
    /// the plain file (the content, not the name, says it is compressed).
    @Test(arguments: Packing.allCases) func everyFormatRoundTrips(_ packing: Packing) throws {
        try withScratchDirectory("packed") { dir in
            var files = Self.examples.map { ($0, [UInt8](FileManager.default.contents(atPath: $0)!)) }
            files.append((try dir.write("items.json", Self.cslJSON), Array(Self.cslJSON.utf8)))
            let loader = RecordLoader(options: Self.options)
            var formats: Set<InputFormat> = []
            for (k, (path, bytes)) in files.enumerated() {
                let name = (path as NSString).lastPathComponent
                let sub = dir.url.appendingPathComponent("\(k)")
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
                let packed = sub.appendingPathComponent(name).path
                try Data(try packing.pack(bytes)).write(to: URL(fileURLWithPath: packed))
                let plain = try loadedText(loader, [path])
                let read = try loadedText(loader, [packed])
                #expect(read.records.count == plain.records.count && read.records.count > 0, "\(name) \(packing)")
                #expect(read.records.map { $0.replacingOccurrences(of: packed, with: path) } == plain.records, "\(name) \(packing)")
                #expect(read.summary.replacingOccurrences(of: packed, with: path) == plain.summary, "\(name) \(packing)")
                let opened = try loader.open(packed, pieces: false)
                #expect(opened.input.compression?.rawValue == (packing == .gzipMembers ? "gzip" : packing.rawValue))
                if let f = opened.format { formats.insert(f) }
            }
            #expect(formats == Set(InputFormat.allCases), "every format: \(formats)")
        }
    }

    /// Read in pieces of a few bytes (records cut at every place a piece can end), each streamed
    /// format gives the records, in order, and the messages of the whole-file read.
    @Test func tinyPiecesGiveTheWholeFileRecords() throws {
        let files = [
            TestPaths.repoRoot.appendingPathComponent("Examples/inputs/papers.jsonl").path, TestPaths.repoRoot.appendingPathComponent("Examples/inputs/openalex-works.jsonl").path,
            TestPaths.repoRoot.appendingPathComponent("Examples/inputs/dblp.xml").path, TestPaths.sharedData.appendingPathComponent("dblp/xml/dblp-sample.xml").path, TestPaths.repoRoot.appendingPathComponent("Examples/inputs/pubmed.xml").path,
            TestPaths.sharedData.appendingPathComponent("pubmed/pubmed21n1298-first300.xml").path, TestPaths.sharedData.appendingPathComponent("pubmed/ncbiutils_pubmed.xml").path,
        ]
        for file in files {
            try StreamedReadersTests.compare(file, sizes: [1, 100, 4096], label: (file as NSString).lastPathComponent)
        }
    }

    /// A JSON Lines file with a bad line in the middle, read in pieces, reports the bad line at its
    /// line in the file.
    @Test func piecesReportLinesOfTheWholeFile() throws {
        try withScratchDirectory("pieces-lines") { dir in
            var lines: [String] = []
            for i in 1...50 { lines.append(#"{"id":"p\#(i)","title":"T","year":2000,"authors":["A \#(i)","B \#(i)"]}"#) }
            lines[36] = "{not json"
            let path = try dir.write("p.jsonl", lines.joined(separator: "\n") + "\n")
            var loader = RecordLoader(options: Self.options, chunkBytes: 64)
            loader.wholeBelow = 0
            let got = try loadedText(loader, [path])
            #expect(got.records.count == 49)
            #expect(got.summary.contains("p.jsonl:37:"), "\(got.summary)")
        }
    }

    /// `et al.` is not a person in any reader: the list is marked as cut short (dblp XML, JSON Lines,
    /// RIS give the same authors).
    @Test func etAlIsNeverAPerson() throws {
        try withScratchDirectory("etal") { dir in
            let xml = try dir.write("d.xml", """
            <?xml version="1.0"?>
            <dblp>
            <article key="a/1"><author>Jane Doe</author><author>et al.</author><title>X</title><year>2001</year></article>
            </dblp>
            """)
            let jsonl = try dir.write("d.jsonl", #"{"id":"a/1","title":"X","year":2001,"authors":["Jane Doe","et al."]}"# + "\n")
            let ris = try dir.write("d.ris", "TY  - JOUR\nAU  - Doe, Jane\nAU  - et al.\nTI  - X\nPY  - 2001\nER  - \n")
            for path in [xml, jsonl, ris] {
                var seen: [PaperRecord] = []
                _ = try RecordLoader(options: Self.options).load([path]) { seen.append($0) }
                #expect(seen.count == 1)
                #expect(seen.first?.authors.map(\.displayName) == ["Jane Doe"], "\(path)")
                #expect(seen.first?.authorsTruncated == true, "\(path)")
            }
        }
    }
}
