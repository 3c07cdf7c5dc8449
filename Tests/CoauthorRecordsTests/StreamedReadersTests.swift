import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// Every format read in pieces (`InputPieces`, `RecordBoundary`) gives, piece size whatever, the
/// records, counts and messages (same `FILE:LINE`) of the whole-file read.
@Suite struct StreamedReadersTests {
    static let options = ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27))

    static func repo(_ p: String) -> String { TestPaths.repoRoot.appendingPathComponent(p).path }
    static func shared(_ p: String) -> String { TestPaths.sharedData.appendingPathComponent(p).path }

    /// Every example input of every format read in pieces.
    static let files: [String] = [
        "Examples/inputs/acl.xml", "Examples/inputs/dblp.xml", "Examples/inputs/openalex-page.json",
        "Examples/inputs/openalex-works.jsonl", "Examples/inputs/papers.csv", "Examples/inputs/papers.jsonl",
        "Examples/inputs/papers.tsv", "Examples/inputs/pubmed.xml", "Examples/inputs/refs.bib",
    ].map(repo) + [
        "ris-wos/example_bom.ris", "ris-wos/example_empty_tag.ris", "ris-wos/example_extraneous_data.ris",
        "ris-wos/example_full.ris", "ris-wos/example_multiline.ris", "ris-wos/example_pubmed_medline.txt",
        "ris-wos/example_urls.ris", "ris-wos/example_utf_chars.ris", "ris-wos/example_wos.ris",
        "scopus/bibliometrix_scopus_sample.csv", "scopus/litstudy_scopus.csv", "lens/bibliometrix_lens_sample.csv",
        "openalex/openalexpro_search_biodiversity_finance_page1.json",
        "wos/brunalab_coauthors_nsf_savedrecs.txt", "wos/scientopy_wos_2026_04_02_4071_tabdelimited.txt",
        "acl-anthology/xml-sample/1952.earlymt.xml", "acl-anthology/xml-sample/J19.xml",
        "dblp/xml/dblp-sample.xml", "pubmed/ncbiutils_pubmed.xml", "pubmed/pubmed-29768149.xml", "pubmed/ncbiutils_orcid.xml",
        // BibTeX: @string macros, crossref, comments, TeX accents, Scopus keys and addresses.
        "bibtex/beebe/epodd.bib", "bibtex/beebe/printing-history.bib", "bibtex/beebe/serif.bib", "bibtex/beebe/texbook1.bib",
        "bibtex/beebe/texbook2.bib", "bibtex/beebe/texgraph.bib", "bibtex/beebe/texjourn.bib", "bibtex/beebe/texnique.bib",
        "bibtex/beebe/tugboat.bib", "bibtex/beebe/type.bib",
        "bibtex/edge-cases/IEEEexample.bib", "bibtex/edge-cases/biblatex-apa-test-references.bib",
        "bibtex/edge-cases/biblatex-chicago-notes-test.bib", "bibtex/edge-cases/biblatex-examples.bib",
        "bibtex/edge-cases/biblatex-gost-examples.bib", "bibtex/edge-cases/hep-bibliography.bib", "bibtex/edge-cases/xampl.bib",
        "scopus/pybibx_scopus.bib", "scopus/wblca_29_04_2025_Scopus.bib", "dblp/bib-sample/conf/wsdm.bib",
    ].map(shared)

    /// Piece sizes: every size up to 64 bytes for small files, a spread of odd sizes for all.
    static func sizes(_ bytes: Int) -> [Int] {
        let spread = [1, 2, 3, 7, 13, 31, 64, 97, 257, 1000, 4093, 65_537]
        return bytes <= 40_000 ? Array(1...64) + spread.filter { $0 > 64 } : spread
    }

    static func loader(_ chunk: Int, strict: Bool = false) -> RecordLoader {
        var l = RecordLoader(options: options, strict: strict, chunkBytes: chunk)
        l.wholeBelow = 0
        return l
    }

    /// The records (every field), counts and messages of reading `path` in pieces of each size,
    /// against the whole-file read.
    static func compare(_ path: String, sizes: [Int], label: String) throws {
        let whole = RecordLoader(options: options, chunkBytes: 1 << 30)
        let expected = try loadedText(whole, [path])
        #expect(expected.records.count > 0, "\(label)")
        for chunk in sizes {
            let l = loader(chunk)
            let opened = try l.open(path, pieces: true)
            guard case .pieces(let p) = opened.content else {
                Issue.record("\(label) is not read in pieces at \(chunk) bytes")
                return
            }
            p.cancel()
            let got = try loadedText(l, [path])
            #expect(got.records.count == expected.records.count, "\(label) in pieces of \(chunk)")
            for (a, b) in zip(got.records, expected.records) where a != b {
                Issue.record("\(label) in pieces of \(chunk): \(a) != \(b)")
                break
            }
            #expect(got.summary == expected.summary, "\(label) in pieces of \(chunk)")
        }
    }

    @Test(arguments: files) func examplesInTinyPieces(_ path: String) throws {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        try Self.compare(path, sizes: Self.sizes(size), label: (path as NSString).lastPathComponent)
    }

    /// The same files with CRLF line ends (made here from the LF files).
    @Test(arguments: files.filter { !$0.hasSuffix(".json") }) func crlfInTinyPieces(_ path: String) throws {
        let bytes = [UInt8](FileManager.default.contents(atPath: path)!)
        guard !bytes.contains(0x0D) else { return }
        var crlf: [UInt8] = []
        for b in bytes {
            if b == 0x0A { crlf.append(0x0D) }
            crlf.append(b)
        }
        try withScratchDirectory("crlf") { dir in
            let name = (path as NSString).lastPathComponent
            let file = dir.url.appendingPathComponent(name)
            try Data(crlf).write(to: file)
            try Self.compare(file.path, sizes: [1, 5, 64, 1000], label: "\(name) (CRLF)")
        }
    }

    /// Records cut where only a scanner that knows the syntax finds the boundary: quoted CSV fields
    /// holding line feeds, delimiters and `""`; JSON strings holding brackets, commas and escaped
    /// quotes; a results page with members after `results`; a CSL-JSON array.
    @Test func syntaxAtTheBoundaries() throws {
        try withScratchDirectory("boundaries") { dir in
            var csv = "id,title,authors,year\r\n"
            for i in 1...30 {
                switch i % 5 {
                case 0: csv += "p\(i),\"Title, with\ncomma and \"\"quotes\"\"\nover lines\",\"Doe, Jane; Roe, Rick\",200\(i % 10)\r\n"
                case 1: csv += "p\(i),\"Quoted\" trailing text,Ann One,2001\n"            // text after the closing quote: skipped
                case 2: csv += "\n"                                                        // an empty row
                case 3: csv += "p\(i),Plain,\"A B; C D\",19x9\n"                           // a year that is not a number
                default: csv += "p\(i),\"\",\"E F;\nG H\",2010\n"
                }
            }
            let paths = [
                try dir.write("t.csv", csv),
                try dir.write("t.tsv", csv.replacingOccurrences(of: ",", with: "\t")),
                try dir.write("items.json", """
                [{"id": "a", "type": "article-journal", "title": "One, [two] {three} \\"four\\"", "author": [{"family": "Doe", "given": "Jane"}, {"family": "Roe", "given": "Rick"}], "issued": {"date-parts": [[2020]]}},
                 {"id": "b", "type": "article-journal", "title": "Two\\\\", "author": [{"family": "Doe", "given": "Jane"}, {"literal": "The Group"}], "issued": {"date-parts": [[2021]]}},
                 "not an item",
                 {"id": "c", "type": "book", "title": "]]]},,,", "author": [{"family": "Poe", "given": "Ed"}, {"family": "Doe", "given": "Jane"}]}]

                """),
                try dir.write("page.json", """
                {"meta": {"count": 3, "note": "results: [1, 2]"}, "results": [
                 {"id": "https://openalex.org/W1", "title": "A, [b]", "authorships": [{"author": {"display_name": "Ann One"}}, {"author": {"display_name": "Bo Two"}}]},
                 {"id": "https://openalex.org/W2", "title": "C \\" d", "authorships": [{"author": {"display_name": "Ann One"}}, {"author": {"display_name": "Cy Three"}}]},
                 7,
                 {"id": "https://openalex.org/W3", "title": "e", "authorships": [{"author": {"display_name": "Bo Two"}}, {"author": {"display_name": "Cy Three"}}]}
                ], "group_by": []}
                """),
                try dir.write("m.nbib", String(repeating: """
                PMID- 1
                TI  - A title
                      continued
                FAU - Doe, Jane
                FAU - Roe, Rick
                DP  - 2001 Jan

                PMID- 2
                FAU - Poe, Ed
                AU  - Poe E

                """, count: 3)),
                try dir.write("w.ciw", "FN Clarivate Analytics Web of Science\nVR 1.0\n" + String(repeating: """
                PT J
                AU Doe, J
                   Roe, R
                TI A title
                PY 2001
                ER

                PT J
                AU Poe, E
                TI Without an end

                """, count: 3) + "EF\nPT J\nAU Late, L\n   Later, L\nER\n"),
            ]
            for p in paths { try Self.compare(p, sizes: Array(1...40) + [97, 500], label: (p as NSString).lastPathComponent) }
        }
    }

    /// BibTeX cut before entry lines: macros defined in one piece and used in later ones,
    /// cross-references with the target after the child (the child and the records after it wait)
    /// and before it, a target that is missing (its warning at the end, in the order of the whole
    /// read), a target named through a macro (every entry kept), comments, `@preamble`, entries
    /// left open (the next entry line ends them: the message names its line), an entry whose key
    /// runs into the next header (which the whole read swallows: so do the pieces), LF and CRLF.
    @Test func bibtexAtTheBoundaries() throws {
        let text = """
        % A hand-made file.
        @preamble{"\\newcommand{\\noop}[1]{}"}
        @string{ACM = "ACM Press"}
        @String(venue = {Proc. } # ACM)
        @comment{ @article{inside, title = {not read}} }
        @inproceedings{child0, author = {Al Open and Bo Two}, title = {Waits in vain}, crossref = {broken}}
        @inproceedings{child1,
          author = {Jane Doe and Rick Roe},
          title = {Before its parent},
          crossref = {Parent},
        }
        @article{plain1, author = {Ann One and Bo Two}, title = {Plain}, journal = venue, year = 2001}
        @inproceedings{child2, author = {Cy Three and Jane Doe}, title = {Missing}, crossref = {nowhere}}
        @inproceedings{child3, author = {Ed Five and Cy Three}, title = {Missing too}, crossref = "Gone"}
        @proceedings{parent, title = {The Proceedings}, booktitle = {Proc. of Things}, year = {1999}}
        @proceedings{broken, title = {Never closed}, year = {2000},, }
        @inproceedings{child4, author = {Ann One and Ed Five}, title = {After its parent}, crossref = {PARENT}}
        @article{open1, author = {Al Open}, title = {Never closed
        @article{plain2, author = {Bo Two and Cy Three}, title = {After an open one}, year = 2003, journal = ACM}
        @article{
        @book{swallowed, author = {Dee Four}, title = {Read as a key}, year = 2004}
        @article{plain3, author = {Dee Four and Ann One}, title = {Last}, year = {2005}, journal = {J}}
          % an indented comment line
        @misc{viaMacro, author = {Al Open and Dee Four}, title = {Via a macro}, crossref = venue}
        @string{
        @misc{macroname, author = {Fay Six}, title = {Not a macro}}
        @article{Salvi Malacarne2022, author = {Fay Six and Ann One}, title = {Scopus key}, year = 2022, journal = {J}}
        @string{late = {Late Journal}}
        @article{plain4, author = {Gus Seven and Fay Six}, title = {Late macro}, year = 2023, journal = late}

        """
        try withScratchDirectory("bib-boundaries") { dir in
            // Without the crossref through a macro, the first scan knows every target: a child whose
            // target is nowhere after it goes at once (its warning still at the end, in order).
            let known = text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("viaMacro") }
                .joined(separator: "\n")
            for (name, body) in [("t.bib", text), ("crlf.bib", text.replacingOccurrences(of: "\n", with: "\r\n")),
                                 ("known.bib", known), ("known-crlf.bib", known.replacingOccurrences(of: "\n", with: "\r\n"))] {
                let p = try dir.write(name, body)
                try Self.compare(p, sizes: Array(1...48) + [97, 500], label: name)
                let got = try loadedText(Self.loader(7), [p])
                #expect(got.records.contains { $0.contains("child1") && $0.contains("1999") && $0.contains("Proc. of Things") }, "\(name)")
                #expect(got.records.contains { $0.contains("child4") && $0.contains("1999") }, "\(name)")
                let warnings = ["broken", "nowhere", "gone"].map { got.summary.range(of: "target \\'\($0)\\' not found")?.lowerBound }
                #expect(warnings.allSatisfy { $0 != nil } && warnings[0]! < warnings[1]! && warnings[1]! < warnings[2]!, "\(name): \(got.summary)")
            }
        }
    }

    /// With `--strict`, the first malformed record stops the run with the same `FILE:LINE` message
    /// whatever the piece size.
    @Test func strictErrorsAtTheSameLine() throws {
        try withScratchDirectory("strict") { dir in
            let paths = [
                try dir.write("s.csv", "id,title,authors,year\na,T,A B,2001\nb,T,C D,20x1\nc,T,E F,2003\n"),
                try dir.write("s.ris", "TY  - JOUR\nAU  - Doe, J\nER  - \nTY  - JOUR\nAU  - Roe, R\nTY  - JOUR\nAU  - Poe, E\nER  - \n"),
                try dir.write("s.json", #"[{"id": "a", "type": "book", "title": "T", "author": [{"family": "Doe"}]},"#
                              + "\n 5,\n" + #" {"id": "b", "type": "book", "title": "U", "author": [{"family": "Roe"}]}]"#),
                try dir.write("s.bib", "@string{j = {J}}\n@article{a, author = {A B}, title = {T}, journal = j}\n"
                              + "@article{b, author = {C D}, title = {U}\n@article{c, author = {E F}, title = {V}}\n"),
            ]
            for p in paths {
                func message(_ l: RecordLoader) -> String {
                    do {
                        _ = try l.load([p]) { _ in }
                        return "no error"
                    } catch { return "\(error)" }
                }
                var whole = RecordLoader(options: Self.options, strict: true, chunkBytes: 1 << 30)
                whole.wholeBelow = 1 << 30
                let expected = message(whole)
                #expect(expected.contains((p as NSString).lastPathComponent + ":"), "\(expected)")
                for chunk in [1, 2, 5, 20, 64] {
                    #expect(message(Self.loader(chunk, strict: true)) == expected, "\(p) in pieces of \(chunk)")
                }
            }
        }
    }

    /// The formats read whole stay whole (and say so when too large for `--max-input-size`).
    @Test func formatsReadWhole() throws {
        for path in [Self.repo("Examples/inputs/profile.txt"),
                     Self.shared("dblp/csl-yaml/conf/wsdm.yaml"), Self.shared("semanticscholar/Paper.json"),
                     Self.repo("Examples/inputs/openalex-work.json")] {
            let opened = try Self.loader(64).open(path, pieces: true)
            guard case .whole = opened.content else {
                Issue.record("\(path) read in pieces")
                continue
            }
            var small = Self.loader(64)
            small.limits = InputLimits(maxDocumentBytes: 100, maxRecordBytes: 100)
            #expect(throws: RecordError.self) { _ = try small.open(path, pieces: true) }
            do { _ = try small.open(path, pieces: true) } catch {
                #expect("\(error)".contains("--max-input-size; its format is not read in pieces"), "\(error)")
            }
        }
    }
}
