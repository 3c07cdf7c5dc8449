import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// The first pass over a BibTeX file read in pieces (`BibCrossrefScan`), which stops only at `@`
/// and `=`, finds exactly what a scan stopping at every `@`, `c` and `C` finds (the field-name
/// search it replaced, kept here as the oracle): the same targets, the same later entries, the same
/// "unknown target" flag. (That pieces read with it give the whole read's records, inheritance
/// included, is `StreamedReadersTests`.)
@Suite struct BibCrossrefScanTests {
    /// The previous scan: every `c`/`C` tried as the start of `crossref`.
    static func oracle(_ p: UnsafeBufferPointer<UInt8>) -> BibCrossrefScan {
        var scan = BibCrossrefScan()
        var k = 0
        let n = p.count
        while true {
            k = BibScanner.firstOf(p, k, n, 0x40, 0x63, 0x43, 0x40)
            guard k < n else { return scan }
            if p[k] == 0x40 {
                if let open = RecordBoundary.bibHeaderEnd(p, k) {
                    let key = BibCrossrefScan.key(p, from: open)
                    if !key.isEmpty, !scan.targets.isEmpty {
                        let lower = BibCrossrefScan.lower(UnsafeBufferPointer(rebasing: p[key]))
                        if scan.targets.contains(lower) { scan.laterEntries.insert(lower) }
                    }
                    k = open
                } else {
                    k += 1
                }
                continue
            }
            k = scan.crossref(p, at: k, n: n)
        }
    }

    static func check(_ bytes: [UInt8], _ label: String) {
        bytes.withUnsafeBufferPointer { p in
            var scan = BibCrossrefScan()
            scan.scan(p, limit: p.count)
            let expected = oracle(p)
            #expect(scan.targets == expected.targets, "\(label)")
            #expect(scan.laterEntries == expected.laterEntries, "\(label)")
            #expect(scan.unknownTargets == expected.unknownTargets, "\(label)")
        }
    }

    @Test func sameAsTheFieldNameSearchOnEveryBibFile() throws {
        let root = TestPaths.sharedData
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)!
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "bib" }.sorted { $0.path < $1.path }
        #expect(files.count > 20)
        var withTargets = 0
        for f in files {
            let bytes = [UInt8](try Data(contentsOf: f))
            Self.check(bytes, f.lastPathComponent)
            var scan = BibCrossrefScan()
            bytes.withUnsafeBufferPointer { scan.scan($0, limit: $0.count) }
            if !scan.targets.isEmpty { withTargets += 1 }
        }
        #expect(withTargets >= 3)   // files with cross-references are among them
    }

    @Test func edgeCases() {
        let cases = [
            "@inproceedings{a, crossref = {Conf}}\n@proceedings{conf, title={T}}",
            "@inproceedings{a, CrossRef= \"Q{\\\"u}\"}\n@proceedings{Q{\\\"u}, title={T}}",   // TeX in the value
            "@inproceedings{a,crossref={x}}@inproceedings{b,crossref={x}}@inproceedings{c,crossref={X}}@proceedings{x,}",
            "@misc{a, mycrossref = {no}, crossreference = {no}, crossref\n\t = {yes}}",
            "@misc{a, crossref = macro}",                  // a macro: target not known
            "@misc{a, crossref = {a} # {b}}",              // joined
            "@misc{a, crossref = {unclosed",
            "@misc{a, crossref = {}}",                     // empty value
            "@misc{a, crossref = {x}, title = {crossref = {y}}}@proceedings{y,}",
            "crossref = {top}",                            // at offset 0
            "@misc{a, note = {a = b c = d}, crossref = {z}}@misc{z,}@misc{Z,}",
            "@misc{a, crossref = {p}} @misc{b, crossref = {q}} @misc{c, crossref = {p}} @proceedings{q,} @proceedings{p,}",
        ]
        for c in cases { Self.check(Array(c.utf8), c) }
    }
}
