// BibTeX parsing speed next to a plain byte scan of the same files (issue 9: parsing at ≥ 50 % of
// the speed of a byte scan). A benchmark, not a test.
//
//     swift build -c release --product BibBench
//     .build/release/BibBench /tmp/coauthor-bench/dblp-bib [--repeat 5]
//
// Both sides read every `.bib` file under the directory the way `coauthor` does
// (`SourceDocument.load`: read the file, check UTF-8); the byte scan then makes one pass counting
// line feeds, `@` and braces, the parse runs `BibTeXReader` into a sink that counts records and
// mentions. Each side is timed `--repeat` times (default 5); the minimum is reported.
import CoauthorRecords
import Foundation

let args = CommandLine.arguments
guard args.count >= 2 else {
    FileHandle.standardError.write(Data("usage: BibBench DIRECTORY [--repeat N]\n".utf8))
    exit(64)
}
let repeats = args.firstIndex(of: "--repeat").flatMap { args.count > $0 + 1 ? Int(args[$0 + 1]) : nil } ?? 5
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

@MainActor func parse() throws -> (records: Int, mentions: Int) {
    var records = 0, mentions = 0
    let reader = BibTeXReader(options: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))
    for f in files {
        let doc = try SourceDocument.load(path: f)
        let sink = RecordSink { r in records += 1; mentions += r.authors.count }
        try reader.read(doc, into: sink)
    }
    return (records, mentions)
}

var bestScan = Double.infinity, bestParse = Double.infinity
var scanned = (bytes: 0, counts: [Int]()), parsed = (records: 0, mentions: 0)
for _ in 0..<repeats {
    var t = now()
    scanned = try scan()
    bestScan = min(bestScan, now() - t)
    t = now()
    parsed = try parse()
    bestParse = min(bestParse, now() - t)
}
let mb = Double(scanned.bytes) / 1e6
print("files \(files.count), \(String(format: "%.1f", mb)) MB; lines \(scanned.counts[0]), '@' \(scanned.counts[1]), braces \(scanned.counts[2])/\(scanned.counts[3])")
print("byte scan   \(String(format: "%.3f", bestScan)) s  \(String(format: "%.0f", mb / bestScan)) MB/s")
print("BibTeX read \(String(format: "%.3f", bestParse)) s  \(String(format: "%.0f", mb / bestParse)) MB/s  (\(parsed.records) records, \(parsed.mentions) mentions)")
print("parse speed / byte-scan speed: \(String(format: "%.0f", 100 * bestScan / bestParse)) %  (minimum of \(repeats) runs each)")
