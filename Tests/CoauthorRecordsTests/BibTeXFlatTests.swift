import Foundation
import Testing
@testable import CoauthorRecords

/// BibTeX's byte path (`RecordLoader.loadInterned`: records as bytes, authors interned per file)
/// hands over what the general path (`RecordLoader.load`: `PaperRecord`s) gives, record for record,
/// with one thread and with files read ahead on two; the same bytes in a JSON Lines file and a
/// BibTeX file stay two names.
@Suite struct BibTeXFlatTests {
    /// What a record says, in the terms both paths keep (a date without a month is the year alone).
    struct Seen: Equatable, CustomStringConvertible {
        var id, title: String
        var venue, category, doi, url, abstract: String?
        var year: Int?
        var month, day: Int?
        var truncated: Bool
        var source: String
        var authors: [String]
        var description: String {
            let v: String = venue ?? "-"
            let y: String = year.map { String($0) } ?? "-"
            return id + " " + title + " " + v + " " + y + " " + authors.joined(separator: "; ") + " " + source
        }

        init(_ r: PaperRecord) {
            id = r.id; title = r.title; venue = r.venue; category = r.category; doi = r.doi; url = r.url
            abstract = r.abstract; year = r.year; month = r.date?.month; day = r.date?.day
            truncated = r.authorsTruncated; source = r.source.description
            authors = r.authors.map { a in
                "\(a.raw)|\(a.given ?? "∅")|\(a.family ?? "∅")|\(a.isCorporate)|\(a.ids.map(\.description).joined(separator: ","))"
            }
        }
    }

    struct Run: Equatable {
        var records: [Seen] = []
        var diagnostics: [String] = []
        var files: [String] = []
        var count = 0, skipped = 0
        var flat = 0
        /// Ids of the records the byte path handed over as `PaperRecord`s.
        var general: [String] = []
    }

    func load(_ paths: [String], threads: Int, interned: Bool, strict: Bool = false) throws -> Run {
        var out = Run()
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)), strict: strict, threads: threads)
        let summary: LoadSummary
        if interned {
            summary = try loadInternedRecords(loader, paths) { r, flat in
                out.records.append(Seen(r))
                if flat { out.flat += 1 } else { out.general.append(r.id) }
            }
        } else {
            summary = try loader.load(paths) { out.records.append(Seen($0)) }
        }
        out.diagnostics = summary.diagnostics.map(\.description)
        out.files = summary.files
        out.count = summary.records
        out.skipped = summary.skipped
        return out
    }

    static let tricky = #"""
    @string{acl = "Proc. of ACL"}
    % a comment line
    @inproceedings{A1, author = {Wei Wang 0001 and J{\"u}rgen M{\"u}ller and others},
      title = {A {T}itle with \emph{markup} --- and   spaces}, booktitle = acl # " 2016", year = 2016,
      doi = {10.1/x\_y}, url = {http://x.org/a~b}}
    @article{A2, author = "van Dyke, Jr, Dick and {World Health Organization} and  and Jean de La Fontaine",
      title = {Plain
         title over lines}, journal = {J. Test}, date = {2015-03-02}}
    @inproceedings{A3, author = {Wei Wang 0001 and Gr{o}tschel, Martin}, title = {Crossref child}, crossref = {P1}}
    @proceedings{P1, title = {Proceedings One}, booktitle = {Proc One}, year = 2014}
    @misc{A4, author = {Solo}, title = {}, year = {n.d.}}
    @article{A5, author = {X and Y and OTHERS}, title = {T}, journal = {}, publisher = {Pub}, year = 2020, year = 2021}
    @article{bad, author = {Unclosed, title = {x}
    @article{A6, author = {Ann   Lee and Bo Li and {\relax Ch}ristopher Manning}, title = {After bad}, year = 2019,
      abstract = {An   abstract}, date = {2019}}
    @book{A7, author = {Knuth, Donald E.}, title = "Quoted {T}itle", publisher = {Addison}, year = "1968", crossref = {nowhere}}
    @inproceedings{A8, author = {Lee, Ann and Bo Li}, title = {Waits}, crossref = {P2}}
    @inproceedings{A9, author = {Ann Lee}, title = {Behind a waiting entry}, booktitle = {Conf}, year = 2013}
    @proceedings{P2, title = {Proceedings Two}, year = 2012}
    """#

    @Test func sameRecordsAsTheGeneralPath() throws {
        try withScratchDirectory("bibflat") { dir in
            let write = dir.write
            // More distinct names than the reader's table of recent names keeps (so it starts afresh
            // part-way), and names met again after that.
            var many = ""
            for k in 0..<(BibScanner.recentLimit + 300) {
                many += "@article{M\(k), author = {Given\(k) Family\(k % 1000) and Wei Wang 0001}, title = {Paper \(k)}, journal = {J}, year = 2000}\n"
            }
            many += "@article{Mlast, author = {Given0 Family0 and Given7 Family7}, title = {Again}, journal = {J}, year = 2001}\n"
            let paths = [
                try write("a.bib", BibTeXFlatTests.tricky),
                try write("b.jsonl", #"{"id": "j1", "title": "From JSON", "authors": ["Gr{o}tschel, Martin", "Wei Wang 0001"]}"# + "\n"),
                try write("c.bib", "@article{C1, author = {Gr{o}tschel, Martin and Ann Lee}, title = {Again}, journal = {J}, year = 2001}\n"),
                try write("d.bib", many),
            ]
            let general = try load(paths, threads: 1, interned: false)
            #expect(general.records.count == 13 + BibScanner.recentLimit + 301)
            #expect(general.skipped == 1)
            for threads in [1, 2] {
                let flat = try load(paths, threads: threads, interned: true)
                #expect(flat.records == general.records, "threads \(threads)")
                if flat.records != general.records {
                    for (x, y) in zip(flat.records, general.records) where x != y { Issue.record("\(x)\n  vs \(y)") }
                }
                #expect(flat.diagnostics == general.diagnostics)
                #expect(flat.files == general.files && flat.count == general.count && flat.skipped == general.skipped)
                // Every record takes the byte path but those that wait for a cross-reference further
                // down (A3, A8) and those read while one waits (P1, A9, P2).
                #expect(flat.general == ["A3", "P1", "A8", "A9", "P2"])
                #expect(flat.flat == flat.records.count - 5)
            }
            // The JSON Lines spelling and the BibTeX one of the same bytes are two different names.
            let json = general.records.first { $0.id == "j1" }!, bib = general.records.first { $0.id == "C1" }!
            #expect(json.authors[0] != bib.authors[0])
            // With --strict, the first malformed entry stops both paths at the same place.
            for threads in [1, 2] {
                var messages: [String] = []
                for interned in [false, true] {
                    do {
                        _ = try load(paths, threads: threads, interned: interned, strict: true)
                        Issue.record("strict mode should throw")
                    } catch {
                        messages.append("\(error)")
                    }
                }
                #expect(messages[0] == messages[1])
            }
        }
    }
}
