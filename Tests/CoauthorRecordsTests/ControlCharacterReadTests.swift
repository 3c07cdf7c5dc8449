import CoauthorOutput
import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// Control characters from the data (ESC, BEL, the C1 CSI …) are replaced by U+FFFD as records are
/// made (issue 21: "replaced at read time"), in one place of the record model (`AuthorName`,
/// `PaperRecord`, `Affiliation`, `FlatRecordBatch`), whichever reader made the record: one input per
/// reader, read the way the command-line tool reads it, with control characters written into a
/// title word, an author's name, the venue and an affiliation the way the format writes them.
@Suite struct ControlCharacterReadTests {
    /// A file per reader: Examples/inputs and ../shared/data.
    static let files: [(format: String, path: String)] = [
        ("profile", "Examples/inputs/profile.txt"), ("bibtex", "Examples/inputs/refs.bib"),
        ("csv", "Examples/inputs/papers.csv"), ("tsv", "Examples/inputs/papers.tsv"),
        ("jsonl", "Examples/inputs/papers.jsonl"), ("dblp-xml", "Examples/inputs/dblp.xml"),
        ("pubmed", "Examples/inputs/pubmed.xml"), ("acl", "Examples/inputs/acl.xml"),
        ("openalex", "Examples/inputs/openalex-page.json"), ("s2", "semanticscholar/Paper.json"),
        ("csl-yaml", "dblp/csl-yaml/journals/jmlr.yaml"), ("csl-json", "inline:csl.json"), ("ris", "ris-wos/example_full.ris"),
        ("wos", "ris-wos/example_wos.ris"), ("medline", "ris-wos/example_pubmed_medline.txt"),
        ("scopus", "scopus/bibliometrix_scopus_sample.csv"),
    ]

    /// CSL-JSON (no file of it in the examples or the shared data).
    static let cslJSON = """
        [{"id": "a1", "type": "article-journal", "title": "Molecular Structure of Nucleic Acids",
          "container-title": "Nature Journal", "issued": {"date-parts": [[1953]]},
          "author": [{"family": "Watson", "given": "James"}, {"family": "Crick", "given": "Francis"}]}]
        """

    static func url(_ path: String) -> URL {
        path.hasPrefix("Examples/") ? TestPaths.repoRoot.appendingPathComponent(path) : TestPaths.sharedData.appendingPathComponent(path)
    }

    /// ESC [31m, BEL and the C1 CSI as the format writes them (XML 1.0 allows no C0 control, not
    /// even as a character reference: C1 there).
    static func controls(_ format: String) -> String {
        switch format {
        case "jsonl", "openalex", "s2", "csl-json": return "\\u001b[31m\\u0007\\u009b"
        case "dblp-xml", "pubmed", "acl": return "&#x9B;&#x85;"
        default: return "\u{1B}[31m\u{07}\u{9B}"
        }
    }

    /// The records of `text` read as `name` the way the tool reads files (byte paths included).
    static func read(_ text: String, name: String) throws -> [PaperRecord] {
        try withScratchDirectory("controls") { dir in
            let path = try dir.write(name, text)
            var out: [PaperRecord] = []
            let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27)))
            _ = try loadInternedRecords(loader, [path]) { r, _ in out.append(r) }
            return out
        }
    }

    /// Every text of a record the issue names: title, venue, author names, group authors, affiliations.
    static func texts(_ r: PaperRecord) -> [String] {
        [r.title] + (r.venue.map { [$0] } ?? []) + r.authors.flatMap { [$0.raw] + [$0.given, $0.family].compactMap { $0 } }
            + r.groupAuthors + r.affiliations.map(\.name)
    }

    /// The first word (three letters or more, capitalised) of `s` found verbatim in `text`.
    static func word(_ s: String?, in text: String) -> String? {
        guard let s else { return nil }
        return s.split { !$0.isLetter || !$0.isASCII }.map(String.init)
            .filter { $0.count >= 3 && $0.first!.isUppercase }
            .first { text.contains($0) }
    }

    /// `ControlCharacters.contains` on a native string (one scan of its bytes) agrees with the
    /// scalar rule (`isControl`) for every scalar up to U+0800 alone, after a letter, and in a
    /// bridged-looking substring, and for a few beyond.
    @Test func byteScanAgreesWithScalarRule() {
        var scalars = (0..<0x800).compactMap(Unicode.Scalar.init)
        scalars += ["\u{FFFD}", "\u{2028}", "\u{1F600}", "\u{10FFFF}"]
        for u in scalars {
            let expected = ControlCharacters.isControl(u)
            for s in [String(u), "a" + String(u) + "ß", String(("xy" + String(u)).dropFirst())] {
                #expect(ControlCharacters.contains(s) == expected, "U+\(String(u.value, radix: 16))")
                #expect(ControlCharacters.replaced(s).unicodeScalars.contains { ControlCharacters.isControl($0) } == false)
            }
        }
    }

    @Test(arguments: files.map(\.format)) func controlsAreReplacedWhenRecordsAreMade(_ format: String) throws {
        let path = Self.files.first { $0.format == format }!.path
        let inline = path.hasPrefix("inline:")
        let original = inline ? Self.cslJSON : try String(contentsOf: Self.url(path), encoding: .utf8)
        let name = inline ? String(path.dropFirst("inline:".count)) : Self.url(path).lastPathComponent
        let clean = try Self.read(original, name: name)
        try #require(!clean.isEmpty, "\(format): nothing read from \(path)")
        let first = clean.first { !$0.authors.isEmpty } ?? clean[0]
        // Control characters after a title word, the first author's family name, the venue and an affiliation.
        var text = original
        var planted: [(field: String, word: String)] = []
        for (field, value) in [("title", first.title), ("author", first.authors.first?.family),
                               ("venue", first.venue), ("affiliation", clean.lazy.flatMap(\.affiliations).first?.name)] {
            guard let w = Self.word(value, in: text), !planted.contains(where: { $0.word == w }) else { continue }
            text = text.replacingOccurrences(of: w, with: w + Self.controls(format))
            planted.append((field, w))
        }
        try #require(planted.contains { $0.field == "title" } && planted.contains { $0.field == "author" },
                     "\(format): no title or author word to plant controls in")
        let records = try Self.read(text, name: name)
        #expect(records.count == clean.count, "\(format): \(records.count) records instead of \(clean.count)")
        for r in records {
            for t in Self.texts(r) {
                #expect(!t.unicodeScalars.contains { ControlCharacters.isControl($0) },
                        "\(format): a control character in '\(t.debugDescription)' (\(r.source))")
            }
        }
        // The planted characters reached the records, replaced.
        for (field, w) in planted {
            let hit = records.contains { r in
                let values: [String] = switch field {
                case "title": [r.title]
                case "author": r.authors.flatMap { [$0.raw] + [$0.family].compactMap { $0 } }
                case "venue": r.venue.map { [$0] } ?? []
                default: r.affiliations.map(\.name)
                }
                return values.contains { $0.contains(w + "\u{FFFD}") }
            }
            #expect(hit, "\(format): no \(field) holds '\(w)' followed by U+FFFD")
        }
    }

    /// The byte path (JSON Lines of the flat shape, BibTeX): a record's title and venue go into the
    /// batch the corpus builder reads with their control characters replaced; clean bytes as they were.
    @Test func flatBatchesHoldNoControlCharacters() throws {
        var batch = FlatRecordBatch()
        let dirty = "Ann\u{1B}[31m\u{07}Title\u{9B}x\u{7F}", clean = "Clean title, é ü 漢字\ttab"
        let titleBytes = Array(dirty.utf8), venueBytes = Array(clean.utf8), idBytes = Array("k1".utf8)
        titleBytes.withUnsafeBufferPointer { t in
            venueBytes.withUnsafeBufferPointer { v in
                idBytes.withUnsafeBufferPointer { i in
                    let r = FlatRecord(id: i, title: t, venue: v, category: nil, doi: nil, abstract: nil, url: nil,
                                       year: 2020, date: nil, truncated: false,
                                       location: SourceLocation(file: "x", line: 1), byteCount: 0)
                    r.append(to: &batch)
                    #expect(r.record.title == "Ann\u{FFFD}[31m\u{FFFD}Title\u{FFFD}x\u{FFFD}")
                }
            }
        }
        #expect(batch.string(0, .title) == "Ann\u{FFFD}[31m\u{FFFD}Title\u{FFFD}x\u{FFFD}")
        #expect(batch.string(0, .venue) == clean)
        #expect(batch.string(0, .id) == "k1")
    }

    /// The model's setters: a title or venue set after the record was made, names, affiliations.
    @Test func theRecordModelReplacesControls() {
        var r = PaperRecord(id: "1", title: "A\u{1B}B", authors: [AuthorName(raw: "Ann\u{07} Lee", given: "Ann\u{07}", family: "Lee\u{9B}")],
                            venue: "V\u{0}", groupAuthors: ["G\u{1B}"], affiliations: [Affiliation(name: "Uni\u{85}")],
                            source: SourceLocation(file: "x", line: 1))
        #expect(r.title == "A\u{FFFD}B" && r.venue == "V\u{FFFD}" && r.groupAuthors == ["G\u{FFFD}"])
        #expect(r.authors[0].raw == "Ann\u{FFFD} Lee" && r.authors[0].given == "Ann\u{FFFD}" && r.authors[0].family == "Lee\u{FFFD}")
        #expect(r.affiliations[0].name == "Uni\u{FFFD}")
        r.title = "T\u{1B}"
        r.venue = "W\u{9B}"
        #expect(r.title == "T\u{FFFD}" && r.venue == "W\u{FFFD}")
        // Tab, line feed and carriage return are not control characters here (readers fold them).
        #expect(PaperRecord(id: "2", title: "a\tb\nc\rd", authors: [], source: SourceLocation(file: "x", line: 1)).title == "a\tb\nc\rd")
        #expect(AuthorName(raw: "Zoë Ünal 漢字").raw == "Zoë Ünal 漢字")
    }
}
