// BibTeX parsing speed next to a plain byte scan of the same files (issue 9: parsing at ≥ 50 % of
// the speed of a byte scan). A benchmark, not a test.
//
//     swift build -c release --product BibBench
//     .build/release/BibBench /tmp/coauthor-bench/dblp-bib [--repeat 5] [--only ROW]
//
// Both sides read every `.bib` file under the directory the way `coauthor` does
// (`SourceDocument.load`: read the file, check UTF-8); the byte scan then makes one pass counting
// line feeds, `@` and braces on one core; the parse reads the directory with `RecordLoader` into a
// sink that counts records and mentions: as `coauthor` reads (`loadInterned`: records as bytes,
// authors interned; with all cores, files read ahead on worker threads, and with one), and as
// `PaperRecord`s (`load`; all cores and one). Each is timed `--repeat` times (default 5), the
// minimum reported; the first row is the one the target (≥ 50 % of the scan's speed) is about.
import CoauthorRecords
import Foundation

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: BibBench DIRECTORY [--repeat N]\n".utf8))
    exit(64)
}
let repeats = args.firstIndex(of: "--repeat").flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil } ?? 5
/// `--only K`: time row K alone (1-based; for profiling).
let only = args.firstIndex(of: "--only").flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil }
let root = args[1]
var files: [String] = []
if let e = FileManager.default.enumerator(atPath: root) {
    while let rel = e.nextObject() as? String {
        if rel.hasSuffix(".bib") { files.append(root + "/" + rel) }
    }
}
files.sort()
guard !files.isEmpty else {
    FileHandle.standardError.write(Data("no .bib files under \(root)\n".utf8))
    exit(66)
}

func now() -> Double { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }

/// One pass over the bytes: line feeds, `@`, `{`, `}`.
@MainActor func scan() throws -> (bytes: Int, counts: [Int]) {
    var total = 0
    var counts = [0, 0, 0, 0]
    for f in files {
        let doc = try SourceDocument.load(path: f)
        total += doc.bytes.count
        doc.bytes.withUnsafeBufferPointer { b in
            var lf = 0, at = 0, open = 0, close = 0
            for c in b {
                lf &+= c == 0x0A ? 1 : 0
                at &+= c == 0x40 ? 1 : 0
                open &+= c == 0x7B ? 1 : 0
                close &+= c == 0x7D ? 1 : 0
            }
            counts[0] += lf; counts[1] += at; counts[2] += open; counts[3] += close
        }
    }
    return (total, counts)
}

let options = ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27))
let cores = ProcessInfo.processInfo.activeProcessorCount

/// The parse `coauthor` runs (`RecordLoader.loadInterned`, as every command reads its inputs, with
/// `threads` cores: files read ahead on worker threads): records handed over as bytes with their
/// authors as interned names, into a sink that counts records and mentions and takes the names
/// made (as the general path's sink drops each record with its names). A record that comes as a
/// `PaperRecord` (one that waits for a cross-reference) is counted as it comes.
@MainActor func parse(threads: Int) throws -> (records: Int, mentions: Int) {
    var records = 0, mentions = 0
    let interner = NameInterner()
    let loader = RecordLoader(options: options, threads: threads)
    _ = try loader.loadInterned([root], interner: interner, interned: { _, n in
        _ = interner.takeNames()
        records += 1
        mentions += n.count
    }, handler: { r in records += 1; mentions += r.authors.count })
    return (records, mentions)
}

/// The general path (`RecordLoader.load`, for library callers that want `PaperRecord`s): every
/// record made with its `AuthorName`s.
@MainActor func parseRecords(threads: Int) throws -> (records: Int, mentions: Int) {
    var records = 0, mentions = 0
    let loader = RecordLoader(options: options, threads: threads)
    _ = try loader.load([root]) { r in records += 1; mentions += r.authors.count }
    return (records, mentions)
}

var bestScan = Double.infinity
var scanned = (bytes: 0, counts: [Int]())
let variants: [(name: String, run: @MainActor () throws -> (records: Int, mentions: Int))] = [
    ("as coauthor reads (bytes, interned names), \(cores) cores", { try parse(threads: cores) }),
    ("as coauthor reads, 1 core", { try parse(threads: 1) }),
    ("as PaperRecords (RecordLoader.load), \(cores) cores", { try parseRecords(threads: cores) }),
    ("as PaperRecords, 1 core", { try parseRecords(threads: 1) }),
]
var best = [Double](repeating: .infinity, count: variants.count)
var counts = [(records: Int, mentions: Int)](repeating: (0, 0), count: variants.count)
for _ in 0..<repeats {
    let t = now()
    scanned = try scan()
    bestScan = min(bestScan, now() - t)
    for (k, v) in variants.enumerated() where only == nil || only == k + 1 {
        let t = now()
        counts[k] = try v.run()
        best[k] = min(best[k], now() - t)
    }
}
let mb = Double(scanned.bytes) / 1e6
func f3(_ x: Double) -> String { String(format: "%.3f", x) }
print("files \(files.count), \(String(format: "%.1f", mb)) MB; lines \(scanned.counts[0]), '@' \(scanned.counts[1]), braces \(scanned.counts[2])/\(scanned.counts[3])")
print("byte scan (1 core)  \(f3(bestScan)) s  \(String(format: "%.0f", mb / bestScan)) MB/s")
for (k, v) in variants.enumerated() where only == nil || only == k + 1 {
    print("BibTeX read \(f3(best[k])) s  \(String(format: "%5.0f", mb / best[k])) MB/s  \(String(format: "%3.0f", 100 * bestScan / best[k])) % of the scan's speed  \(v.name)  (\(counts[k].records) records, \(counts[k].mentions) mentions)")
}
if only == nil, Set(counts.map { "\($0.records) \($0.mentions)" }).count != 1 { print("MISMATCH: the parses count different records or mentions") }
print("parse speed / byte-scan speed, as coauthor reads: \(String(format: "%.0f", 100 * bestScan / best[0])) %  (minimum of \(repeats) runs each)")
