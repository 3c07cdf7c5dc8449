import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// Every new reader on cut and mutated copies of its samples: each run either reads records or
/// throws a `RecordError`; none traps. The mutations are deterministic (a fixed-seed generator):
/// prefixes cut at random places, ASCII bytes replaced by structural characters, lines dropped
/// or repeated.
@Suite struct ReaderRobustnessTests {
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(next() % UInt64(n)) }
    }

    static let cases: [(InputFormat, String)] = [
        (.openalex, "Examples/inputs/openalex-page.json"), (.openalex, "Examples/inputs/openalex-works.jsonl"),
        (.s2, "semanticscholar/Reference.json"), (.s2, "semanticscholar/Citation.json"),
        (.cslYAML, "dblp/csl-yaml/books/mit.yaml"), (.ris, "ris-wos/example_extraneous_data.ris"),
        (.ris, "ris-wos/example_multiline.ris"), (.wos, "ris-wos/example_wos.ris"),
        (.medline, "ris-wos/example_pubmed_medline.txt"),
    ]

    @Test(arguments: cases.indices) func mutatedSamples(_ k: Int) throws {
        let (format, path) = Self.cases[k]
        let url = path.hasPrefix("Examples/") ? TestPaths.repoRoot.appendingPathComponent(path) : TestPaths.sharedData.appendingPathComponent(path)
        let original = Array(try Data(contentsOf: url))
        var g = Generator(state: UInt64(k) &* 7919 &+ 17)
        let structural = Array("{}[]\":,-\n '\\#|>&*!TYERPMID".utf8)
        var reads = 0, errors = 0
        for round in 0..<150 {
            var b = original
            switch round % 4 {
            case 0:
                b = Array(b.prefix(g.below(b.count + 1)))
            case 1:
                for _ in 0..<(1 + g.below(8)) {
                    let i = g.below(b.count)
                    if b.indices.contains(i), b[i] < 0x80 { b[i] = structural[g.below(structural.count)] }
                }
            case 2:
                var lines = b.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                for _ in 0..<(1 + g.below(4)) where !lines.isEmpty {
                    let i = g.below(lines.count)
                    if g.below(2) == 0 { lines.remove(at: i) } else { lines.insert(lines[i], at: i) }
                }
                b = Array(lines.joined(separator: [0x0A]))
            default:
                let i = g.below(b.count)
                b = Array(b.prefix(i)) + Array(repeating: structural[g.below(structural.count)], count: g.below(300)) + Array(b.dropFirst(i))
            }
            guard let doc = try? SourceDocument(name: "m", bytes: b) else { continue }
            // The sample's own reader, and CSL-JSON's on the same bytes (another reader of JSON).
            for f in [format, .cslJSON] {
                let sink = RecordSink { _ in }
                do {
                    try RecordReaders.reader(for: f).init(options: ReaderOptions(asOf: PaperDate(year: 2026))).read(doc, into: sink)
                    reads += 1
                } catch is RecordError {
                    errors += 1
                }
                _ = RecordReaders.detect(path: "m.json", document: doc)
            }
        }
        #expect(reads + errors > 0)
    }
}
