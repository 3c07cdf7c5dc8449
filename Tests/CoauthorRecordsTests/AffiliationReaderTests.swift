import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorModel
@testable import CoauthorRecords

/// Affiliations and countries read from the real exports in ../shared/data, against
/// `Tests/oracle/affiliations.py` (Python's json, csv and ElementTree, and its own copy of the
/// placement rule), in the same test run: records, authors, authors with an affiliation,
/// author–affiliation links, affiliations linked to no author, and links per country.
@Suite struct AffiliationReaderTests {
    struct Counts: Equatable, CustomStringConvertible {
        var records = 0, mentions = 0, affiliated = 0, links = 0, unlinked = 0
        var countries: [String: Int] = [:]

        init(_ records: [PaperRecord]) {
            self.records = records.count
            let table = CountryTable.shared
            for r in records {
                mentions += r.authors.count
                var byAuthor = [[Int32]](repeating: [], count: r.authors.count)
                var used = Set<Int32>()
                for l in r.affiliationLinks { byAuthor[Int(l.author)].append(l.affiliation); used.insert(l.affiliation) }
                unlinked += r.affiliations.count - used.count
                for list in byAuthor where !list.isEmpty {
                    affiliated += 1
                    links += list.count
                    for k in list {
                        let a = r.affiliations[Int(k)]
                        let code = a.countryCode ?? table.place(address: a.name)?.code ?? "?"
                        countries[code, default: 0] += 1
                    }
                }
            }
        }

        init(oracle j: [String: Any]) {
            func n(_ k: String) -> Int { j[k] as? Int ?? -1 }
            records = n("records"); mentions = n("mentions"); affiliated = n("affiliated_mentions")
            links = n("links"); unlinked = n("unlinked")
            countries = j["countries"] as? [String: Int] ?? [:]
        }

        var description: String {
            "records \(records), mentions \(mentions), affiliated \(affiliated), links \(links), unlinked \(unlinked), countries \(countries.sorted { $0.key < $1.key })"
        }
    }

    static let files: [(path: String, format: InputFormat, oracle: String)] = [
        ("openalex/openalexpro_search_biodiversity_finance_page1.json", .openalex, "openalex"),
        ("pubmed/pubmr_pubmed_result.xml", .pubmed, "pubmed"),
        ("pubmed/ncbiutils_pubmed.xml", .pubmed, "pubmed"),
        ("pubmed/ncbiutils_orcid.xml", .pubmed, "pubmed"),
        ("wos/brunalab_coauthors_nsf_savedrecs.txt", .wos, "wos"),
        ("wos/scientopy_wos_2026_04_02_4071_tabdelimited.txt", .tsv, "wos-tsv"),
        ("scopus/litstudy_scopus.csv", .scopus, "scopus"),
        ("scopus/bibliometrix_scopus_sample.csv", .scopus, "scopus"),
        ("scopus/wblca_29_04_2025_Scopus.bib", .bibtex, "scopus-bib"),
        ("scopus/pybibx_scopus.bib", .bibtex, "scopus-bib"),
    ]

    @Test(arguments: files.map(\.path)) func agreesWithTheOracle(_ path: String) throws {
        let entry = Self.files.first { $0.path == path }!
        let url = TestPaths.sharedData.appendingPathComponent(path)
        let (format, records, sink) = try ScholarlyOracleTests.read(url)
        #expect(format == entry.format, "\(path): detected \(format.map(\.rawValue) ?? "nothing")")
        #expect(sink.skipped == 0, "\(path): \(sink.skipped) records skipped")
        let oracle = try runOracle("affiliations.py", [entry.oracle, url.path])
        #expect(Counts(records) == Counts(oracle: oracle), "\(path)")
    }

    /// Exact figures measured on the files (and stated in their SOURCE.txt where it gives them).
    @Test func realExportsAreReadWhole() throws {
        func read(_ p: String) throws -> [PaperRecord] { try ScholarlyOracleTests.read(TestPaths.sharedData.appendingPathComponent(p)).1 }
        let openalex = try read("openalex/openalexpro_search_biodiversity_finance_page1.json")
        #expect(openalex.count == 200)
        #expect(openalex.reduce(0) { $0 + $1.authors.count } == 536)
        // 151 distinct institutions (by OpenAlex id), 39 countries (SOURCE.txt).
        let institutions = Set(openalex.flatMap { $0.affiliations.flatMap { $0.ids.filter { $0.kind == .openalex } } })
        #expect(institutions.count == 151)
        let codes = Set(openalex.flatMap { $0.affiliations.compactMap(\.countryCode) })
        #expect(codes.count == 39)
        #expect(try read("scopus/litstudy_scopus.csv").count == 58)
        #expect(try read("scopus/bibliometrix_scopus_sample.csv").count == 8)
        #expect(try read("lens/bibliometrix_lens_sample.csv").count == 8)
        // 314 entries: 311 start a line, 3 follow the `}` of the entry before (`}@CONFERENCE{…`).
        #expect(try read("scopus/wblca_29_04_2025_Scopus.bib").count == 314)
        #expect(try read("scopus/pybibx_scopus.bib").count == 263)
        let wos = try read("wos/brunalab_coauthors_nsf_savedrecs.txt")
        #expect(wos.count == 102)
        #expect(try read("wos/scientopy_wos_2026_04_02_4071_tabdelimited.txt").count == 71)
        // Every record of this ego network is Bruna's: his ORCID is in the OI of 96 records (measured
        // with grep), his ResearcherID H-2769-2012 in the RI of 101; both reach his author entry.
        let orcid = PersistentID(.orcid, "0000-0003-3381-8477"), rid = PersistentID(.researcherid, "H-2769-2012")
        #expect(wos.filter { $0.authors.contains { $0.ids.contains(orcid) } }.count == 96)
        #expect(wos.filter { $0.authors.contains { $0.ids.contains(rid) } }.count == 101)
    }

    @Test func scopusKeysWithSpacesAreRead() throws {
        let bib = "@ARTICLE{Salvi Malacarne20221093,\nauthor = {Salvi, M. and Malacarne, G.},\ntitle = {T},\nyear = {2022}\n}\n"
            + "@ARTICLE{de Souza Castro2020,\nauthor = {Castro, R.},\ntitle = {U},\nyear = {2020}\n}"
        var out: [PaperRecord] = []
        let sink = RecordSink { out.append($0) }
        try BibTeXReader(options: ReaderOptions(asOf: PaperDate(year: 2026))).read(SourceDocument(name: "k.bib", text: bib), into: sink)
        #expect(out.map(\.id) == ["Salvi Malacarne20221093", "de Souza Castro2020"])
        #expect(sink.skipped == 0)
    }

    /// Scopus `Correspondence Address` by hand: two corresponding authors (the newer
    /// `I. Family` form), the older `Family, I.` form without a closing email, a name that matches
    /// no author, and an author already linked by the paper's only affiliation.
    @Test func scopusCorrespondenceAddresses() {
        let two = "M.V. Barros; Univ A, Ponta Grossa, Brazil; email: m@x.br; R. Salvador; DTU, Ballerup; Building 1, Denmark; email: r@dtu.dk"
        #expect(ScopusAddresses.correspondents(two) == [
            .init(name: "M.V. Barros", address: "Univ A, Ponta Grossa, Brazil"),
            .init(name: "R. Salvador", address: "DTU, Ballerup; Building 1, Denmark"),
        ])
        #expect(ScopusAddresses.correspondents("de Almeida, A.T.; Dept X, Recife, Brazil") == [
            .init(name: "de Almeida, A.T.", address: "Dept X, Recife, Brazil")])
        let authors = ["Barros, Murillo Vetroni", "Salvador, Rodrigo", "Salvador, Ana", "Almeida, Adiel T."].map { NameParser.parse($0)! }
        var c = AffiliationCollector()
        ScopusAddresses.linkCorrespondents(two + "; Q. Nobody; Somewhere, Chile; email: q@q", authors: authors, into: &c)
        #expect(c.links == [AffiliationLink(author: 0, affiliation: 0), AffiliationLink(author: 1, affiliation: 1)])
        #expect(c.affiliations.map(\.name) == ["Univ A, Ponta Grossa, Brazil", "DTU, Ballerup; Building 1, Denmark"])
        var one = AffiliationCollector()
        ScopusAddresses.addPaperAffiliations("Dept Y, Univ Z, Lisbon, Portugal", authorCount: 1, into: &one)
        ScopusAddresses.linkCorrespondents("A.T. de Almeida; Other address, Portugal; email: a@b", authors: [authors[3]], into: &one)
        #expect(one.links == [AffiliationLink(author: 0, affiliation: 0)])
        #expect(one.affiliations.count == 1)
    }

    @Test func webOfScienceAddressGroups() {
        let groups = WebOfScienceReader.addressGroups([
            "[Bruna, Emilio M.; Scott, Eric R.] Univ Florida, Dept Wildlife Ecol, Gainesville, FL 32611 USA.",
            "[Uriarte, Maria] Columbia Univ, New York, NY USA.; [Kress, W. John] Smithsonian Inst, Washington, DC 20560 USA.",
            "Univ Sao Paulo, Sao Paulo, Brazil; INPA, Manaus, Amazonas, Brazil.",
        ])
        #expect(groups == [
            .init(authors: ["Bruna, Emilio M.", "Scott, Eric R."], address: "Univ Florida, Dept Wildlife Ecol, Gainesville, FL 32611 USA"),
            .init(authors: ["Uriarte, Maria"], address: "Columbia Univ, New York, NY USA"),
            .init(authors: ["Kress, W. John"], address: "Smithsonian Inst, Washington, DC 20560 USA"),
            .init(authors: [], address: "Univ Sao Paulo, Sao Paulo, Brazil"),
            .init(authors: [], address: "INPA, Manaus, Amazonas, Brazil"),
        ])
        let rp = WebOfScienceReader.reprintAddresses(
            "Bruna, EM (corresponding author), Univ Florida, Gainesville, FL 32611 USA.; Vasconcelos, HL (corresponding author), INPA, Manaus, Brazil.")
        #expect(rp == [.init(authors: ["Bruna, EM"], address: "Univ Florida, Gainesville, FL 32611 USA"),
                       .init(authors: ["Vasconcelos, HL"], address: "INPA, Manaus, Brazil")])
    }

    /// A C1 block with grouped authors: an author at two addresses in two countries, two authors at one.
    @Test func webOfScienceRecordLinksAuthorsToAddresses() throws {
        let text = """
        FN Clarivate Analytics Web of Science
        VR 1.0
        PT J
        AU Bruna, EM
           Scott, ER
           Uriarte, M
        AF Bruna, Emilio M.
           Scott, Eric R.
           Uriarte, Maria
        TI A paper
        PY 2020
        C1 [Bruna, Emilio M.; Scott, Eric R.] Univ Florida, Gainesville, FL 32611 USA.
           [Bruna, Emilio M.] INPA, Manaus, Amazonas, Brazil.
        OI Bruna, Emilio/0000-0003-3381-8477; Uriarte, Maria/0000-0002-0484-0758
        RI Scott, Eric/B-1234-2010
        UT WOS:000000000000001
        ER
        EF
        """
        var out: [PaperRecord] = []
        try WebOfScienceReader(options: ReaderOptions(asOf: PaperDate(year: 2026)))
            .read(SourceDocument(name: "w.txt", text: text), into: RecordSink { out.append($0) })
        let r = try #require(out.first)
        #expect(r.affiliations.map(\.name) == ["Univ Florida, Gainesville, FL 32611 USA", "INPA, Manaus, Amazonas, Brazil"])
        #expect(r.affiliationLinks == [AffiliationLink(author: 0, affiliation: 0), AffiliationLink(author: 1, affiliation: 0),
                                       AffiliationLink(author: 0, affiliation: 1)])
        #expect(r.authors[0].ids == [PersistentID(.orcid, "0000-0003-3381-8477")])
        #expect(r.authors[1].ids == [PersistentID(.researcherid, "B-1234-2010")])
        #expect(r.authors[2].ids == [PersistentID(.orcid, "0000-0002-0484-0758")])
    }

    @Test func countryPlacement() {
        let t = CountryTable.shared
        let cases: [(String, String?)] = [
            ("Univ Florida, Dept Wildlife Ecol, Gainesville, FL 32611 USA", "US"),
            ("Chinese Acad Sci, Beijing 100101, Peoples R China", "CN"),
            ("Univ Oxford, Oxford OX1 3PS, England", "GB"),
            ("Univ Edinburgh, Edinburgh, Midlothian, Scotland", "GB"),
            ("Beckman Institute, University of Illinois at Urbana-Champaign, Urbana, IL 61801, United States", "US"),
            ("School of Biosciences, University of Kent, Canterbury, CT2 7NJ, UK. Electronic address: x@kent.ac.uk", "GB"),
            ("Hormel Institute, University of Minnesota, Austin, MN 55912.", "US"),
            ("Klinik, Maximiliansplatz 2, 91054 Erlangen, Germany. Liu.Bin@uk-erlangen.de.", "DE"),
            ("Dept of Physics, University of New Mexico, Albuquerque, New Mexico", "US"),
            ("Seoul Natl Univ, Seoul, South Korea", "KR"),
            ("Inst. Nacional, Côte d'Ivoire", "CI"),
            ("From the Departments of Pharmacology and Toxicology.", nil),
            ("Hospital of Japanese Foundation for Cancer Research, Tokyo.", nil),
        ]
        for (address, code) in cases { #expect(t.place(address: address)?.code == code, "\(address)") }
        #expect(t.country(named: "Peoples R China")?.code == "CN")
        #expect(t.country(named: "USA")?.code == "US")
        #expect(t.country(named: "England")?.code == "GB")
        #expect(t.country(named: "UK")?.code == "GB")
    }

    /// Every line of the committed table parses; codes and names are unique, centroids in range.
    @Test func countryTableIsWellFormed() {
        let lines = CountryData.table.split(separator: "\n")
        let t = CountryTable.shared
        #expect(t.countries.count == lines.count)
        #expect(Set(t.countries.map(\.code)).count == t.countries.count)
        #expect(Set(t.countries.map(\.name)).count == t.countries.count)
        for c in t.countries {
            #expect(c.code.count == 2 && c.code == c.code.uppercased(), "\(c.code)")
            #expect(abs(c.latitude) <= 90 && abs(c.longitude) <= 180, "\(c.code)")
            #expect(t.country(named: c.name)?.code == c.code, "\(c.name)")
        }
        #expect(t.countries.count >= 200)
    }

    @Test func crossrefCSLAffiliations() throws {
        let json = """
        [{"id":"a","type":"article-journal","title":"T","issued":{"date-parts":[[2020]]},
          "author":[{"family":"Huang","given":"Qin","affiliation":[{"name":"Beihang University, Beijing, China"}]},
                    {"family":"Doe","given":"J","affiliation":[]},
                    {"family":"Roe","given":"R","affiliation":["Univ Oxford, Oxford, England", {"name":"Beihang University, Beijing, China"}]}]}]
        """
        var out: [PaperRecord] = []
        try CSLJSONReader(options: ReaderOptions(asOf: PaperDate(year: 2026))).read(SourceDocument(name: "c.json", text: json), into: RecordSink { out.append($0) })
        let r = try #require(out.first)
        #expect(r.affiliations.map(\.name) == ["Beihang University, Beijing, China", "Univ Oxford, Oxford, England"])
        #expect(r.affiliationLinks == [AffiliationLink(author: 0, affiliation: 0), AffiliationLink(author: 2, affiliation: 1),
                                       AffiliationLink(author: 2, affiliation: 0)])
    }
}

/// `AffiliationCollector` searches linearly below 16 affiliations (links) and hashes from there:
/// the same indices and links, in first-seen order, as a plain first-seen dedupe, across the switch.
@Suite struct AffiliationCollectorTests {
    @Test func sameIndicesAndLinksBelowAndAboveTheHashingThreshold() {
        for count in [1, 5, 15, 16, 17, 40] {
            var c = AffiliationCollector()
            var expectedNames: [String] = []
            var expectedLinks: [AffiliationLink] = []
            for k in 0..<(count * 3) {
                let name = "Dept \(k % count), Univ \(k % 7)"
                let author = k % 5
                let a = Affiliation(name: name)
                c.link(author: author, a)
                if !expectedNames.contains(name) { expectedNames.append(name) }
                let l = AffiliationLink(author: author, affiliation: expectedNames.firstIndex(of: name)!)
                if !expectedLinks.contains(l) { expectedLinks.append(l) }
                #expect(c.add(a) == expectedNames.firstIndex(of: name)!, "count \(count), k \(k)")
            }
            #expect(c.affiliations.map(\.name) == expectedNames, "count \(count)")
            #expect(c.links == expectedLinks, "count \(count)")
        }
    }
}
