import Foundation
import Testing
@testable import CoauthorModel
@testable import CoauthorRecords

@Suite struct JSONLinesReaderTests {
    @Test func dblpShape() throws {
        let line = #"{"id":"conf/x/A16","type":"inproceedings","year":2016,"authors":["Wei Wang 0001","Jürgen Müller"]}"#
        let (r, sink) = try readAll(JSONLinesReader.self, line + "\n", name: "dblp.jsonl")
        #expect(r.count == 1)
        #expect(sink.diagnostics.isEmpty)
        let p = try #require(r.first)
        #expect(p.id == "conf/x/A16")
        #expect(p.title == "")
        #expect(p.year == 2016)
        #expect(p.date == nil)
        #expect(p.category == "inproceedings")
        #expect(p.authorsTruncated == false)
        #expect(p.source == SourceLocation(file: "dblp.jsonl", line: 1))
        #expect(p.authors == [
            AuthorName(raw: "Wei Wang", given: "Wei", family: "Wang", ids: [PersistentID(.dblp, "Wei Wang 0001")]),
            AuthorName(raw: "Jürgen Müller", given: "Jürgen", family: "Müller"),
        ])
    }

    @Test func allMembers() throws {
        let line = """
        {"id": 42, "title": "Graphs \\"in\\" practice", "date": "2019-07-15", "venue": "KDD", \
        "doi": "10.1145/1234", "url": "https://example.org/p", "abstract": "We study.", "type": "article", \
        "authors_truncated": true, "unknown": {"nested": [1, 2]}, "authors": [\
        {"given": "Qin", "family": "Huang", "orcid": "https://orcid.org/0000-0002-1825-0097"}, \
        {"name": "Ludwig van Beethoven", "s2": 12345}, \
        {"raw": "Wei Wang 0002", "dblp": "Wei Wang 0002", "openalex": "https://openalex.org/A5023888391"}, \
        "Huang, Qin"]}
        """
        let (r, sink) = try readAll(JSONLinesReader.self, line)
        #expect(sink.diagnostics.isEmpty)
        let p = try #require(r.first)
        #expect(p.id == "42")
        #expect(p.title == #"Graphs "in" practice"#)
        #expect(p.date == PaperDate(year: 2019, month: 7, day: 15))
        #expect(p.year == 2019)
        #expect(p.venue == "KDD")
        #expect(p.doi == "10.1145/1234")
        #expect(p.url == "https://example.org/p")
        #expect(p.abstract == "We study.")
        #expect(p.category == "article")
        #expect(p.authorsTruncated)
        #expect(p.authors == [
            AuthorName(raw: "Qin Huang", given: "Qin", family: "Huang",
                       ids: [PersistentID(.orcid, "0000-0002-1825-0097")]),
            AuthorName(raw: "Ludwig van Beethoven", given: "Ludwig", family: "van Beethoven",
                       ids: [PersistentID(.s2, "12345")]),
            AuthorName(raw: "Wei Wang", given: "Wei", family: "Wang",
                       ids: [PersistentID(.dblp, "Wei Wang 0002"), PersistentID(.openalex, "A5023888391")]),
            AuthorName(raw: "Huang, Qin", given: "Qin", family: "Huang"),
        ])
    }

    @Test func yearsDatesAndDefaults() throws {
        let text = """
        {"year": "2015", "authors": []}

        {"year": 2014.0, "date": "2014-02", "authors": ["Ann Al"], "et_al": false}
        {"id": "  ", "title": null, "year": null, "authors": ["A One", "et al."]}
        """
        let (r, sink) = try readAll(JSONLinesReader.self, text)
        #expect(sink.diagnostics.isEmpty)
        #expect(r.map(\.id) == ["line 1", "line 3", "line 4"])
        #expect(r.map(\.source.line) == [1, 3, 4])
        #expect(r.map(\.year) == [2015, 2014, nil])
        #expect(r[0].authors.isEmpty)
        #expect(r[1].date == PaperDate(year: 2014, month: 2))
        #expect(r[1].authors.map(\.family) == ["Al"])
        #expect(r[1].authorsTruncated == false)
        #expect(r[2].title == "")
        #expect(r[2].authors.map(\.raw) == ["A One"])
        #expect(r[2].authorsTruncated)
    }

    @Test func aBadLineInTheMiddleIsSkippedAndTheRestRead() throws {
        let text = """
        {"id": "a", "authors": ["A One"]}
        {"id": "b", "authors": ["X" "Y"]}
        {"id": "c", "authors": ["C Three"]}
        """
        let (r, sink) = try readAll(JSONLinesReader.self, text, name: "f.jsonl")
        #expect(r.map(\.id) == ["a", "c"])
        #expect(r.map(\.source.line) == [1, 3])
        #expect(sink.skipped == 1)
        #expect(sink.emitted == 2)
        #expect(sink.diagnostics.map(\.description) == [
            #"f.jsonl:2:29: invalid JSON: expected ',' or ']', found '"'"#,
        ])
    }

    @Test func aLineCutInHalfIsReportedAsTruncated() throws {
        // CRLF line ends; the last line is cut inside a string, the middle one after a value.
        let text = "{\"id\": \"a\", \"authors\": []}\r\n"
            + "{\"id\": \"d\", \"authors\": [\"A\"\r\n"
            + "{\"id\": \"c\", \"title\": \"Half a li"
        let (r, sink) = try readAll(JSONLinesReader.self, text, name: "cut.jsonl")
        #expect(r.map(\.id) == ["a"])
        #expect(sink.skipped == 2)
        #expect(sink.diagnostics.map(\.description) == [
            "cut.jsonl:2:28: truncated JSON: unexpected end of input (expected ',' or ']')",
            "cut.jsonl:3:32: truncated JSON: unterminated string",
        ])
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let text = #"{"authors": ["Müller" 1]}"#
        let (_, sink) = try readAll(JSONLinesReader.self, text, name: "u.jsonl")
        // `{"authors": [` is 13 characters and `"Müller" ` 9 more: the `1` is character 23.
        #expect(sink.diagnostics.map(\.description) == [
            "u.jsonl:1:23: invalid JSON: expected ',' or ']', found '1'",
        ])
    }

    @Test func linesThatAreNotPaperObjectsAreSkipped() throws {
        let text = """
        [1, 2]
        {"id": "e"}
        {"authors": "A B"}
        {"authors": [], "year": "soon"}
        {"authors": [], "year": 2016.5}
        {"authors": [], "date": "2016-02-30"}
        {"authors": [], "date": "May 2016"}
        {"authors": [], "title": 7}
        {"authors": [3]}
        {"authors": [{"name": "A", "orcid": true}]}
        {"id": "ok", "authors": ["", {"orcid": "0000-0001"}, null, "B Two"]}
        """
        let (r, sink) = try readAll(JSONLinesReader.self, text, name: "s.jsonl")
        #expect(r.map(\.id) == ["ok"])
        #expect(r.first?.authors.map(\.raw) == ["B Two"])
        #expect(sink.skipped == 10)
        #expect(sink.diagnostics.map(\.description) == [
            "s.jsonl:1: expected a JSON object, found an array",
            #"s.jsonl:2: no "authors" array"#,
            #"s.jsonl:3: "authors" must be an array, found a string"#,
            #"s.jsonl:4: "year" "soon" is not a number"#,
            #"s.jsonl:5: "year" 2016.5 is not a whole number"#,
            #"s.jsonl:6: "date" "2016-02-30" is not a valid day"#,
            #"s.jsonl:7: "date" "May 2016" is not YYYY, YYYY-MM or YYYY-MM-DD"#,
            #"s.jsonl:8: "title" must be a string, found a number"#,
            "s.jsonl:9: authors[0] must be a string or an object, found a number",
            #"s.jsonl:10: "authors[0].orcid" must be a string or a number, found a boolean"#,
            "s.jsonl:11: warning: authors[0]: empty author name ignored",
            "s.jsonl:11: warning: authors[1]: author without a name ignored",
            "s.jsonl:11: warning: authors[2]: null author ignored",
        ])
    }

    @Test func mentionsWithoutLettersOrDigitsAreNotAuthors() throws {
        let text = #"{"authors": ["—", "A One", "B ?", {"name": "…"}, "李 明", "Ann ①"]}"#
        let (r, sink) = try readAll(JSONLinesReader.self, text, name: "n.jsonl")
        #expect(r.first?.authors.map(\.raw) == ["A One", "李 明", "Ann ①"])
        #expect(r.first?.authors[1].family == "明")
        #expect(sink.skipped == 0)
        #expect(sink.diagnostics.map(\.description) == [
            #"n.jsonl:1: warning: authors[0]: "—" has no letters or digits; not an author"#,
            #"n.jsonl:1: warning: authors[2]: "B ?" has no letters or digits; not an author"#,
            #"n.jsonl:1: warning: authors[3]: "…" has no letters or digits; not an author"#,
        ])
    }

    @Test func etAlMarker() {
        for s in ["et al.", "et al", "Et Al.", "ET AL", "  et al. ", "\tet al"] {
            #expect(AuthorName.isEtAl(s), "\(s)")
        }
        for s in ["et  al", "etal", "et al..", "et alb", "Ann Al", "e. al.", "", "et-al"] {
            #expect(!AuthorName.isEtAl(s), "\(s)")
        }
    }

    @Test func strictModeThrowsAtTheFirstBadLine() throws {
        let text = """
        {"id": "a", "authors": ["A One"]}
        {"id": "b", "authors": [
        """
        do {
            _ = try readAll(JSONLinesReader.self, text, name: "f.jsonl", strict: true)
            Issue.record("strict mode should throw")
        } catch let e as RecordError {
            #expect(e == .strict(Diagnostic(SourceLocation(file: "f.jsonl", line: 2, column: 25),
                                            "truncated JSON: unexpected end of input (expected a value)")))
        }
    }

    @Test func sniffAndRegistry() {
        func doc(_ t: String) -> SourceDocument { SourceDocument(name: "x", text: t) }
        #expect(JSONLinesReader.sniff(doc("\n  \n{\"id\": 1, \"authors\": []}\n{broken")))
        #expect(!JSONLinesReader.sniff(doc("{\"id\": 1}\n")))
        #expect(!JSONLinesReader.sniff(doc("{\n  \"authors\": []\n}\n")))
        #expect(!JSONLinesReader.sniff(doc("[{\"authors\": []}]")))
        #expect(!JSONLinesReader.sniff(doc("title,authors\nA,B\n")))
        #expect(!JSONLinesReader.sniff(doc("")))
        #expect(RecordReaders.detect(path: "d/x.ndjson", document: nil) == .jsonl)
        #expect(RecordReaders.detect(path: "x.JSONL", document: nil) == .jsonl)
        #expect(RecordReaders.detect(path: "x.txt", document: doc("{\"authors\": [\"A B\"]}")) == .jsonl)
        #expect(RecordReaders.reader(for: .jsonl) is JSONLinesReader.Type)
    }

    /// The byte-level name path must give exactly what `NameParser.parse` gives.
    @Test func fastNamePathAgreesWithNameParser() {
        let names = [
            "Wei Wang 0001", "Wang 0001", "0001", "1234 5678", "Ann 12345", "Ann Lee 123",
            "Jürgen Müller", "Zoë Österreich", "Łukasz Kaiser", "ádám kovács", "Chi-Hao Wu",
            "Ludwig van Beethoven", "von Neumann", "Ludwig von der Tann", "Jean de la Fontaine",
            "de la Cruz", "Martin Luther King Jr.", "John Smith III", "Ann Lee IV", "Ann Lee Iv",
            "Ann Lee jr.", "Sam Sr.", "Sam SR", "JR Smith Jr", "Ann Lee ii", "Ann Lee iiii", "A B Jr",
            "Ann Lee Jr. 0003", "J. R. R. Tolkien", "Single", "x y", "X", "Huang, Qin", "Huang,Qin",
            "", "   ", "  Padded   Name ", "Tab\tSeparated", "Line\nBreak", "CR\r\nLF",
            "e\u{301}mile zola", "a \u{301}b", "Ann \u{1E9E}tz", "Ann Lee Ⅳ", "Ann ßmith Lee",
            "Ann élan Lee", "Ann van élan", "Ann van Élan",
        ]
        for n in names {
            #expect(NameParser.parse(n) == NameParser.parseGeneral(n), "\(n)")
        }
        // And a few worked by hand.
        #expect(NameParser.parse("Martin Luther King Jr.") ==
                AuthorName(raw: "Martin Luther King Jr.", given: "Martin Luther", family: "King Jr."))
        #expect(NameParser.parse("Ludwig von der Tann") ==
                AuthorName(raw: "Ludwig von der Tann", given: "Ludwig", family: "von der Tann"))
        #expect(NameParser.parse("von Neumann") ==
                AuthorName(raw: "von Neumann", given: "von", family: "Neumann"))
        #expect(NameParser.parse("Wang 0001") ==
                AuthorName(raw: "Wang", given: nil, family: "Wang", ids: [PersistentID(.dblp, "Wang 0001")]))
        // Simple names take the byte path; the rest fall back.
        func isFast(_ s: String) -> Bool {
            if case .parsed = s.utf8.withContiguousStorageIfAvailable({ NameParser.fastParse($0, s) })! { return true }
            return false
        }
        #expect(isFast("Wei Wang 0001"))
        #expect(isFast("Jürgen Müller"))
        #expect(!isFast("Zoë Österreich"))
        #expect(!isFast("Huang, Qin"))
        #expect(!isFast("  Padded"))
    }
}

/// The byte-level path for flat lines must give what the general parser gives, or decline.
@Suite struct JSONLinesFastPathTests {
    static let lines: [String] = [
        #"{"id":"conf/x/A16","type":"inproceedings","year":2016,"authors":["Wei Wang 0001","Jürgen Müller"]}"#,
        #"{"id": "a", "title": "T", "year": "2015", "date": "2015-03", "venue": "V", "doi": "10.1/x", "url": "u", "abstract": "ab", "authors": ["A B", "—", "", "et al."]}"#,
        #"{"id": 17, "year": null, "title": null, "authors": [null, "Huang, Qin", "ET AL"], "et_al": false}"#,
        #"{"authors": ["X Y"], "authors": ["Z W", "et al"], "authors_truncated": null}"#,
        #"{"authors": [], "extra": [1, "two", true, null], "n": 0}"#,
        #"{"id":"  padded  ","authors":["  Spaced   Name  ","van der Berg, Jan, Jr."]}"#,
        #"{ "id" : "ws" , "authors" : [ "A  B" , "Ludwig van Beethoven" ] , "type" : "article" }"#,
        #"{}"#,
        // Declined: the general path reports or reads them.
        #"{"id":"e","authors":["Jos\u00e9 Blakeley"]}"#,
        #"{"id":"f","year":2016.0,"authors":["A B"]}"#,
        #"{"id":"g","authors":[{"name":"A B"}]}"#,
        #"{"id":"h","authors":"A B"}"#,
        #"{"id":"i","year":"20x6","authors":["A B"]}"#,
        #"{"id":"j","date":"2016-13","authors":["A B"]}"#,
        #"{"id":"k","authors":["A B",]}"#,
        #"{"id":"l","year":-5,"authors":["A B"]}"#,
        #"{"id":"m","year":0123,"authors":["A B"]}"#,
        #"{"id":true,"authors":["A B"]}"#,
        #"{"id":"n","authors":["A B"]} x"#,
        #"{"id":"o","authors":["A B"],"authors_truncated":1}"#,
        #"{"id":"p","authors":["A B"],"meta":{"a":1}}"#,
        #"{"id":"q","title":"tab\#u{09}in","authors":["A B"]}"#,
    ]

    @Test func sameAsGeneralParser() throws {
        let fast = JSONLinesFastPath()
        let interner = NameInterner()
        var names: [AuthorName] = []
        var taken = 0
        for (n, line) in Self.lines.enumerated() {
            let location = SourceLocation(file: "t.jsonl", line: n + 1)
            let bytes = Array(line.utf8)
            let result = bytes.withUnsafeBufferPointer {
                fast.record($0, location: location, interner: interner, names: &names)
            }
            guard let (r, warnings) = result else { continue }
            taken += 1
            var parser = JSONParser()
            let value = try bytes.withUnsafeBufferPointer { try parser.parse($0) }
            let object = try #require(value.objectValue)
            var w: [String] = []
            let g = try JSONLinesReader.record(from: object, location: location, warnings: &w)
            #expect(r.id == g.id, "line \(n + 1)")
            #expect(r.title == g.title)
            #expect(r.year == g.year)
            #expect(r.date == g.date)
            #expect(r.venue == g.venue)
            #expect(r.doi == g.doi)
            #expect(r.url == g.url)
            #expect(r.abstract == g.abstract)
            #expect(r.category == g.category)
            #expect(r.authors == g.authors, "line \(n + 1)")
            #expect(r.authorsTruncated == g.authorsTruncated, "line \(n + 1)")
            #expect(warnings == w, "line \(n + 1)")
        }
        #expect(taken == 7)   // the first seven lines; `{}` has no authors and is declined
        // The whole reader gives the same records and diagnostics with the fast path as the
        // general parser alone does (the declined lines included).
        let text = Self.lines.joined(separator: "\n")
        let (records, sink) = try readAll(JSONLinesReader.self, text, name: "t.jsonl")
        #expect(records.count + sink.skipped == Self.lines.count)
        #expect(records.map(\.id).contains("e"))
        #expect(records.first { $0.id == "e" }?.authors.first?.raw == "José Blakeley")
    }

    /// With one interner over many lines, the records of a fresh interner per line (authors looked
    /// up by index), truncation flags and warnings, as bytes (`line`) and as records; each distinct
    /// spelling parsed once, in order of first sight.
    @Test func sharedInternerSameAsFresh() throws {
        let fast = JSONLinesFastPath()
        let interner = NameInterner(capacity: 4)   // grows several times
        var names: [AuthorName] = []
        var taken = 0
        for round in 0..<3 {
            for (n, line) in Self.lines.enumerated() {
                let location = SourceLocation(file: "t.jsonl", line: n + 1)
                let bytes = Array(line.utf8)
                var freshNames: [AuthorName] = []
                let fresh = bytes.withUnsafeBufferPointer {
                    fast.record($0, location: location, interner: NameInterner(), names: &freshNames)
                }
                var mentions: [Int32] = []
                let interned = bytes.withUnsafeBufferPointer {
                    fast.line($0, location: location, interner: interner, mentions: &mentions).map { ($0.record, $1) }
                }
                names += interner.takeNames()
                #expect((fresh == nil) == (interned == nil), "line \(n + 1)")
                guard let (p, pw) = fresh, let (r, rw) = interned else { continue }
                taken += 1
                #expect(r.authors.isEmpty)
                #expect(mentions.map { names[Int($0)] } == p.authors, "line \(n + 1)")
                #expect(r.authorsTruncated == p.authorsTruncated, "line \(n + 1)")
                #expect(rw == pw, "line \(n + 1)")
                #expect(r.id == p.id && r.title == p.title && r.year == p.year && r.category == p.category)
            }
            if round == 0 { #expect(names.count == Int(interner.nameCount)) }
        }
        #expect(taken == 21)
        // Each distinct spelling parsed once: the later rounds made no new names.
        #expect(names.count == 9)
    }

    /// `RecordLoader.loadInterned` gives the records, diagnostics and summary of `load`.
    @Test func loaderInternedSameAsPlain() throws {
        try withScratchDirectory("interned") { dir in
            let a = try dir.write("a.jsonl", Self.lines.joined(separator: "\n") + "\nnot json\n")
            let b = try dir.write("b.jsonl", Self.lines.reversed().joined(separator: "\n"))
            let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
            var plain: [PaperRecord] = []
            let s1 = try loader.load([a, b]) { plain.append($0) }
            var got: [PaperRecord] = []
            var names: [AuthorName] = []
            let interner = NameInterner()
            var flat = FlatRecordBatch()
            let s2 = try loader.loadInterned([a, b], interner: interner, interned: { line, n in
                names += interner.takeNames()
                var r = line.record
                r.authors = n.map { names[Int($0)] }
                got.append(r)
                // The batch keeps the same record as bytes.
                line.append(to: &flat)
                var b = flat.record(flat.count - 1)
                b.authors = r.authors
                #expect(b.id == r.id && b.title == r.title && b.venue == r.venue && b.category == r.category)
                #expect(b.doi == r.doi && b.url == r.url && b.abstract == r.abstract && b.year == r.year)
                #expect(b.date?.month == r.date?.month && b.date?.day == r.date?.day && b.source == r.source)
                #expect(b.authorsTruncated == r.authorsTruncated)
            }, handler: { got.append($0) })
            #expect(flat.count > 0)
            #expect(got.map(\.id) == plain.map(\.id))
            #expect(got.map(\.authors) == plain.map(\.authors))
            #expect(got.map(\.title) == plain.map(\.title) && got.map(\.year) == plain.map(\.year))
            #expect(got.map(\.venue) == plain.map(\.venue) && got.map(\.category) == plain.map(\.category))
            #expect(got.map(\.doi) == plain.map(\.doi) && got.map(\.date) == plain.map(\.date))
            #expect(got.map(\.authorsTruncated) == plain.map(\.authorsTruncated))
            #expect(got.map(\.source) == plain.map(\.source))
            #expect(s1.diagnostics == s2.diagnostics)
            #expect(s1.records == s2.records && s1.skipped == s2.skipped && s1.files == s2.files)
        }
    }

    @Test func etAlBytes() {
        for (s, want) in [("et al.", true), ("Et Al", true), (" et al ", true), ("et  al", false), ("etal.", false),
                          ("et al..", false), ("ET AL", true), ("et\tal", false), ("", false)] {
            let got = Array(s.utf8).withUnsafeBufferPointer { JSONLinesFastPath.isEtAl($0) }
            #expect(got == want, "\(s)")
            #expect(got == AuthorName.isEtAl(s), "\(s)")
        }
    }
}

/// `JSONLinesFastPath.touchAuthors` (the reader's look-ahead) finds the slot each plain author
/// string of a block's lines will be looked up at, skips what it cannot read quickly, and never
/// reads past the block, however the block is cut.
@Suite struct LookaheadTests {
    @Test func homesOfPlainAuthors() {
        let interner = NameInterner(capacity: 1 << 10)
        let text = #"""
        {"id": "a", "year": 2016, "authors": ["Won Kim", "Injun Choi"]}
        {"title": "authors", "authors" : [ "Sunit K. Gala" , null, "A Name Longer Than Twenty-Two Bytes"]}
        {"id": "b", "authors": ["Jos\u00e9 Blakeley", "Ann Lee"]}
        {"id": "c", "authors": []}
        {"id": "d", "authors": ["Mark Sche
        """#
        func home(_ s: String) -> Int32 {
            let b = Array(s.utf8)
            return b.withUnsafeBufferPointer { interner.home(of: $0) }
        }
        let bytes = Array(text.utf8)
        var homes: [Int32] = []
        bytes.withUnsafeBufferPointer { JSONLinesFastPath().touchAuthors($0, interner: interner, homes: &homes) }
        // The `null` ends the second line's scan; the escape ends the third's; the last is cut.
        #expect(homes == ["Won Kim", "Injun Choi", "Sunit K. Gala"].map(home))
        // Any prefix of the block: no read past its end, and the homes found are a prefix.
        for cut in 0...bytes.count {
            var part: [Int32] = []
            bytes.withUnsafeBufferPointer {
                JSONLinesFastPath().touchAuthors(UnsafeBufferPointer(rebasing: $0[0..<cut]), interner: interner, homes: &part)
            }
            #expect(Array(homes.prefix(part.count)) == part, "cut \(cut)")
        }
    }
}
