import Foundation
import Testing
@testable import CoauthorGraph
@testable import CoauthorRecords

/// The exact step's id rules (`IDLinks`): ids of different schemes on one mention, the id anchor
/// and the corpus's subject, on small corpora where the answer is obvious.
@Suite struct IDLinksTests {
    static let orcid = PersistentID(.orcid, "0000-0003-3381-8477")
    static let orcid2 = PersistentID(.orcid, "0000-0002-1825-0097")
    static let rid = PersistentID(.researcherid, "H-2769-2012")

    func record(_ id: String, _ names: [AuthorName], year: Int = 2010, venue: String = "V") -> PaperRecord {
        PaperRecord(id: id, title: "T " + id, authors: names, year: year, venue: venue,
                    source: SourceLocation(file: "mem", line: 1))
    }
    func name(_ s: String, _ ids: PersistentID...) -> AuthorName {
        var a = NameParser.parse(s)!
        a.ids = ids
        return a
    }
    func papers(_ c: Corpus) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for a in 0..<c.authors.count { out[c.authors.key[a]] = c.authorPapers.row(a).map { c.papers.id[Int($0)] } }
        return out
    }
    let both: [IdentityOptions] = [IdentityOptions(), IdentityOptions(resolution: .evidence)].map { o in
        var o = o
        o.anchorIDs = true
        return o
    }
    func corpus(_ r: [PaperRecord], options: IdentityOptions? = nil) -> Corpus {
        var o = options ?? IdentityOptions()
        o.anchorIDs = true
        return CoauthorGraphTests.corpus(r, options: o)
    }

    /// An ORCID and a ResearcherID on one mention (Web of Science OI and RI) make the mentions with
    /// only the ResearcherID the same person, keyed by the ORCID.
    @Test func idsOfDifferentSchemesOnOneMentionAreOnePerson() {
        let records = [record("1", [name("Emilio M. Bruna", Self.orcid, Self.rid), name("Ana Ant")]),
                       record("2", [name("EM Bruna", Self.rid), name("Bo Bee")]),
                       record("3", [name("Emilio Bruna", Self.orcid), name("Cy Cat")])]
        for o in both {
            let c = corpus(records, options: o)
            #expect(papers(c)["orcid:0000-0003-3381-8477"] == ["1", "2", "3"])
            #expect(papers(c)["researcherid:H-2769-2012"] == nil)
            let a = c.authors.key.firstIndex(of: "orcid:0000-0003-3381-8477")!
            #expect(c.authors.joinReasons[a].contains(.linkedIDs))
            #expect(c.authors.evidence(of: a).contains { $0.contains("linked ids") })
            #expect(c.report.linkedIDs == 1)
        }
        // Without the mention that carries both, nothing links them.
        let apart = corpus(Array(records.dropFirst()))
        #expect(papers(apart)["researcherid:H-2769-2012"] == ["2"])
        #expect(papers(apart)["orcid:0000-0003-3381-8477"] == ["3"])
    }

    /// Two ORCIDs that each appear beside one ResearcherID are two people: the second link is refused.
    @Test func twoIdsOfOneSchemeAreNeverJoined() {
        let records = [record("1", [name("Emilio Bruna", Self.orcid, Self.rid), name("Ana Ant")]),
                       record("2", [name("Eva Bruna", Self.orcid2, Self.rid), name("Bo Bee")]),
                       record("3", [name("E Bruna", Self.rid), name("Cy Cat")])]
        for o in both {
            let p = papers(corpus(records, options: o))
            #expect(p["orcid:0000-0003-3381-8477"] == ["1", "3"])
            #expect(p["orcid:0000-0002-1825-0097"] == ["2"])
        }
    }

    /// Linked ids whose mentions sit on one paper are two authors of that paper: not joined.
    @Test func linkedIdsOnOnePaperStayApart() {
        let records = [record("1", [name("Emilio Bruna", Self.orcid, Self.rid), name("Ana Ant")]),
                       record("2", [name("E Bruna", Self.rid), name("Emilio Bruna", Self.orcid)])]
        let p = papers(corpus(records))
        #expect(p["orcid:0000-0003-3381-8477"] == ["1", "2"])
        #expect(p["researcherid:H-2769-2012"] == ["2"])
    }

    /// A name-only author joins the one id identity it fits when every one of its papers shares a
    /// coauthor with it; not when a paper does not, nor when two id identities fit the name.
    @Test func nameOnlyMentionsJoinTheOneIdIdentityTheyFit() {
        var records = [record("1", [name("Emilio M. Bruna", Self.orcid), name("Ana Ant"), name("Bo Bee")]),
                       record("2", [name("EM Bruna", Self.orcid), name("Cy Cat")]),
                       record("3", [name("E. M. Bruna"), name("A. Ant")]),
                       record("4", [name("E. M. Bruna"), name("Cy Cat")])]
        for o in both {
            let c = corpus(records, options: o)
            #expect(papers(c)["orcid:0000-0003-3381-8477"] == ["1", "2", "3", "4"])
            let a = c.authors.key.firstIndex(of: "orcid:0000-0003-3381-8477")!
            #expect(c.authors.joinReasons[a].contains(.idAnchor))
            #expect(c.report.anchoredNames == 1)
        }
        // A paper of the name among strangers: no anchor (it may be someone else).
        var stranger = records
        stranger.append(record("5", [name("E. M. Bruna"), name("Zed Zu")]))
        #expect(papers(corpus(stranger))["em|bruna"] == ["3", "4", "5"])
        // Two id identities fit "E. M. Bruna": no anchor.
        records.append(record("6", [name("Eva M. Bruna", Self.orcid2), name("Ana Ant")]))
        #expect(papers(corpus(records))["em|bruna"] == ["3", "4"])
        // A given name that does not fit every spelling of the id identity: no anchor.
        let other = [record("1", [name("Emilio M. Bruna", Self.orcid), name("Ana Ant")]),
                     record("2", [name("Enzo Bruna"), name("Ana Ant")])]
        #expect(papers(corpus(other))["enzo|bruna"] == ["2"])
    }

    /// A name-only author that writes on a paper with the id identity is someone else.
    @Test func theAnchorNeverJoinsTwoAuthorsOfOnePaper() {
        let records = [record("1", [name("Emilio M. Bruna", Self.orcid), name("Ana Ant")]),
                       record("2", [name("E. Bruna"), name("Ana Ant"), name("Emilio M. Bruna", Self.orcid)])]
        #expect(papers(corpus(records))["e|bruna"] == ["2"])
    }

    /// The subject of a corpus (a researcher's own export): a name-only mention on a single-author
    /// paper, with no coauthor to tell, is the subject when the name fits only the subject.
    @Test func aNameOnlyMentionOfTheSubjectJoinsIt() {
        var records = (0..<11).map { record("p\($0)", [name("Emilio M. Bruna", Self.orcid), name("Coauthor\($0) Ant")]) }
        records.append(record("solo", [name("Emilio M. Bruna")]))
        for o in both {
            let c = corpus(records, options: o)
            #expect(papers(c)["orcid:0000-0003-3381-8477"]?.count == 12)
            #expect(c.authors.evidence(of: c.authors.key.firstIndex(of: "orcid:0000-0003-3381-8477")!).contains { $0.contains("subject") })
        }
        // Below 10 papers there is no subject.
        #expect(papers(corpus(Array(records.suffix(9))))["emiliom|bruna"] == ["solo"])
        // Another Bruna whose name the mention also fits: ambiguous, left alone.
        var rival = records
        rival.append(record("r", [name("E. Bruna")]))
        rival.append(record("r2", [name("Eva Bruna"), name("Zed Zu")]))
        let c = corpus(rival)
        #expect(papers(c)["e|bruna"] == ["r"])
        #expect(papers(c)["orcid:0000-0003-3381-8477"]?.count == 12)
    }
}
