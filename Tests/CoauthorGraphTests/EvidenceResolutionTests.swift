import Foundation
import Testing
@testable import CoauthorGraph
import CoauthorIngest
@testable import CoauthorRecords

/// The evidence pass on small corpora where the right answer is obvious, and the scoring code
/// against hand computations.
@Suite struct EvidenceResolutionTests {
    let evidence = IdentityOptions(resolution: .evidence)

    func record(_ id: String, _ names: [AuthorName], year: Int, venue: String) -> PaperRecord {
        PaperRecord(id: id, title: "T " + id, authors: names, year: year, venue: venue,
                    source: SourceLocation(file: "mem", line: 1))
    }
    func name(_ s: String) -> AuthorName { NameParser.parse(s)! }
    func named(_ s: String, _ id: PersistentID) -> AuthorName {
        var a = NameParser.parse(s)!
        a.ids = [id]
        return a
    }
    /// Papers of each author key, as paper ids.
    func papers(_ c: Corpus) -> [String: [String]] {
        var out: [String: [String]] = [:]
        for a in 0..<c.authors.count { out[c.authors.key[a]] = c.authorPapers.row(a).map { c.papers.id[Int($0)] } }
        return out
    }

    /// Two J. Smiths: a chemist of the 1980s and a machine-learning researcher of the 2010s, each
    /// with their own coauthors; the exact step makes one author, the evidence two.
    func twoSmiths() -> [PaperRecord] {
        [record("c1", [name("J. Smith"), name("Alice Ant")], year: 1985, venue: "J. Chem."),
         record("c2", [name("J. Smith"), name("Alice Ant"), name("Bob Bee")], year: 1987, venue: "J. Chem."),
         record("c3", [name("Bob Bee"), name("J. Smith")], year: 1990, venue: "J. Chem."),
         record("m1", [name("Carl Cat"), name("J. Smith")], year: 2015, venue: "NeurIPS"),
         record("m2", [name("J. Smith"), name("Dora Dog"), name("Carl Cat")], year: 2018, venue: "NeurIPS"),
         record("m3", [name("J. Smith"), name("Dora Dog")], year: 2020, venue: "ICML")]
    }

    @Test func homonymsInDisjointFieldsAndDecadesAreSplit() {
        #expect(papers(corpus(twoSmiths()))["j|smith"] == ["c1", "c2", "c3", "m1", "m2", "m3"])
        let c = corpus(twoSmiths(), options: evidence)
        let p = papers(c)
        #expect(p["j|smith#1"] == ["c1", "c2", "c3"])
        #expect(p["j|smith#2"] == ["m1", "m2", "m3"])
        #expect(p["j|smith"] == nil)
        let a = c.authors.key.firstIndex(of: "j|smith#2")!
        #expect(c.authors.displayName[a] == "J. Smith ⟨2⟩")
        #expect(c.authors.joinReasons[a].contains(.split))
        #expect(c.authors.evidence(of: a).count == 1)
        #expect(c.authors.evidence(of: a)[0].contains("2015–2020"))
        // Every mention of the second circle resolves to the second person.
        let m = c.mentions
        for p in 3..<6 {
            let k = (m.byPaper.offsets[p]..<m.byPaper.offsets[p + 1]).first { m.spellingText[Int(m.byPaper.items[$0])] == "J. Smith" }!
            #expect(c.authors.key[Int(m.author[k])] == "j|smith#2")
        }
        // The exact step estimates two people behind the one name.
        let exact = corpus(twoSmiths())
        #expect(EvidenceResolution().ambiguity(exact)[exact.authors.key.firstIndex(of: "j|smith")!] == 2)
        #expect(EvidenceResolution().ambiguity(exact)[exact.authors.key.firstIndex(of: "alice|ant")!] == 1)
    }

    @Test func variantsWithTheSameCoauthorsAreJoined() {
        let records = [record("1", [name("John Smith"), name("Alice Ant")], year: 2001, venue: "V"),
                       record("2", [name("J. Smith"), name("Alice Ant")], year: 2002, venue: "V"),
                       record("3", [name("Smith, John R."), name("Bob Bee"), name("A. Ant")], year: 2003, venue: "V"),
                       // A different given name with the same coauthor is another person.
                       record("4", [name("James Smith"), name("Alice Ant")], year: 2003, venue: "V")]
        #expect(corpus(records).authors.count == 7)
        let c = corpus(records, options: evidence)
        let p = papers(c)
        // J. Smith is compatible with John and James: it joins the one it shares more coauthors with.
        #expect(p["john|smith"] == ["1", "2", "3"])
        #expect(p["james|smith"] == ["4"])
        #expect(p["alice|ant"] == ["1", "2", "3", "4"])
        let a = c.authors.key.firstIndex(of: "john|smith")!
        #expect(c.authors.displayName[a] == "John R. Smith")   // one mention each: the longest
        #expect(c.authors.joinReasons[a].contains(.evidence))
        #expect(c.authors.evidence(of: a).contains { $0.contains("shared coauthor") })
    }

    /// Nicknames (`Nicknames`): "Bob" and "Robert", "Bill" and "William" (another name block:
    /// b/w) are one person when they share coauthors; never without, never two authors of one
    /// paper, never two persistent ids.
    @Test func nicknamesWithTheSameCoauthorsAreJoined() {
        let records = [record("1", [name("Robert Smith"), name("Alice Ant")], year: 2001, venue: "V"),
                       record("2", [name("Bob Smith"), name("Alice Ant"), name("Carl Cat")], year: 2002, venue: "V"),
                       record("3", [name("William Jones"), name("Dora Dog")], year: 2001, venue: "W"),
                       record("4", [name("Bill Jones"), name("Dora Dog")], year: 2003, venue: "W"),
                       // Different coauthors: no evidence that Bobby is this Robert.
                       record("5", [name("Bobby Smith"), name("Eve Elk")], year: 2004, venue: "X"),
                       // Two authors of one paper: two people.
                       record("6", [name("Richard Roe"), name("Rick Roe"), name("Fay Fox")], year: 2005, venue: "Y"),
                       record("7", [name("Rick Roe"), name("Fay Fox")], year: 2006, venue: "Y")]
        #expect(corpus(records).authors.count == 12)
        let p = papers(corpus(records, options: evidence))
        #expect(p["robert|smith"] == ["1", "2"])
        #expect(p["bob|smith"] == nil)
        #expect(p["william|jones"] == ["3", "4"])
        #expect(p["bill|jones"] == nil)
        #expect(p["bobby|smith"] == ["5"])
        #expect(p["richard|roe"] == ["6"])
        #expect(p["rick|roe"] == ["6", "7"])
        // Two ORCIDs stay two people whatever their names and coauthors.
        let orcidA = PersistentID(.orcid, "0000-0002-1825-0097"), orcidB = PersistentID(.orcid, "0000-0001-5109-3700")
        let ids = [record("1", [named("Robert Smith", orcidA), name("Alice Ant")], year: 2001, venue: "V"),
                   record("2", [named("Bob Smith", orcidB), name("Alice Ant")], year: 2002, venue: "V")]
        let q = papers(corpus(ids, options: evidence))
        #expect(q["orcid:0000-0002-1825-0097"] == ["1"])
        #expect(q["orcid:0000-0001-5109-3700"] == ["2"])
        // The exact step never reads nicknames (nor do its id anchor and subject rules).
        #expect(!GivenToken.compatible(GivenToken.tokens("Bob"), GivenToken.tokens("Robert")))
        #expect(GivenToken.compatible(GivenToken.tokens("Bob", nicknames: true), GivenToken.tokens("Robert J.", nicknames: true)))
        #expect(!GivenToken.compatible(GivenToken.tokens("Bob", nicknames: true), GivenToken.tokens("Richard", nicknames: true)))
    }

    /// Hyphenation and diacritics: "Jean-Pierre" and "Jean Pierre" have one key already (the exact
    /// step drops hyphens and spaces of given names), as have "Jürgen Müller" and "Jurgen Muller"
    /// (combining marks dropped); "J.-P." joins them by evidence (two initials, shared coauthors).
    @Test func hyphenationAndDiacriticVariantsAreOnePerson() {
        let records = [record("1", [name("Jean-Pierre Dupont"), name("Marie Curie")], year: 2001, venue: "V"),
                       record("2", [name("Jean Pierre Dupont"), name("Marie Curie")], year: 2002, venue: "V"),
                       record("3", [name("J.-P. Dupont"), name("M. Curie")], year: 2003, venue: "V"),
                       record("4", [name("Jürgen Müller"), name("Anna Berg")], year: 2001, venue: "W"),
                       record("5", [name("Jurgen Muller"), name("Anna Berg")], year: 2002, venue: "W")]
        let exact = papers(corpus(records))
        #expect(exact["jeanpierre|dupont"] == ["1", "2"])
        #expect(exact["jp|dupont"] == ["3"])
        #expect(exact["jurgen|muller"] == ["4", "5"])
        let p = papers(corpus(records, options: evidence))
        #expect(p["jeanpierre|dupont"] == ["1", "2", "3"])
        #expect(p["marie|curie"] == ["1", "2", "3"])
        #expect(p["jurgen|muller"] == ["4", "5"])
    }

    @Test func twoAuthorsOfOnePaperAreNeverJoined() {
        let records = [record("1", [name("John Smith"), name("J. Smith"), name("Alice Ant")], year: 2001, venue: "V"),
                       record("2", [name("J. Smith"), name("Alice Ant")], year: 2002, venue: "V")]
        let c = corpus(records, options: evidence)
        #expect(papers(c)["john|smith"] == ["1"])
        #expect(papers(c)["j|smith"] == ["1", "2"])
    }

    @Test func persistentIdsAreNeverSplitNorJoined() {
        let orcidA = PersistentID(.orcid, "0000-0002-1825-0097"), orcidB = PersistentID(.orcid, "0000-0001-5109-3700")
        var records = twoSmiths().map { r -> PaperRecord in
            var r = r
            r.authors = r.authors.map { $0.displayName == "J. Smith" ? named("J. Smith", orcidA) : $0 }
            return r
        }
        records.append(record("x", [named("John Smith", orcidB), name("Alice Ant")], year: 1986, venue: "J. Chem."))
        let c = corpus(records, options: evidence)
        let p = papers(c)
        #expect(p["orcid:0000-0002-1825-0097"] == ["c1", "c2", "c3", "m1", "m2", "m3"])
        #expect(p["orcid:0000-0001-5109-3700"] == ["x"])
    }

    /// A profile page's owner whose circles and topics change over the years stays one person; the
    /// same papers among many others (the name no longer the corpus's subject) are split.
    @Test func theSubjectOfACorpusStaysOne() {
        var records: [PaperRecord] = []
        for i in 0..<6 { records.append(record("a\(i)", [name("Qin Huang"), name("Ann Lee"), name("Bo Chen")], year: 2000 + i, venue: "Optics")) }
        for i in 0..<6 { records.append(record("b\(i)", [name("Qin Huang"), name("Cy Dunn"), name("Di Eng")], year: 2015 + i, venue: "Power Systems")) }
        let owner = corpus(records, options: evidence)
        #expect(papers(owner)["qin|huang"]?.count == 12)
        #expect(owner.authors.evidence(of: owner.authors.key.firstIndex(of: "qin|huang")!).first?.contains("never split") == true)
        // Among many other Qins and Huangs, Qin Huang is a common name (prior above 0.05).
        for i in 0..<20 { records.append(record("z\(i)", [name("Qin Other\(i)"), name("Some\(i) Huang")], year: 2010, venue: "Other")) }
        let many = corpus(records, options: evidence)
        #expect(papers(many)["qin|huang#1"]?.count == 6)
        #expect(papers(many)["qin|huang#2"]?.count == 6)
    }

    /// Two circles of "J. Smith" with no coauthor in common: one person when they publish in the
    /// same venues in the same years, two when the years lie decades apart or the venues differ.
    func profileCircles(secondFrom: Int, secondVenues: [String]) -> [PaperRecord] {
        var records: [PaperRecord] = []
        for i in 0..<3 { records.append(record("a\(i)", [name("J. Smith"), name("Alice Ant")], year: 2010 + i, venue: "J. Chem.")) }
        for i in 0..<3 {
            records.append(record("b\(i)", [name("J. Smith"), name("Bob Bee")], year: secondFrom + i, venue: secondVenues[i]))
        }
        // Other papers, so that the venues are not the whole corpus (inverse document frequency > 0).
        for i in 0..<6 { records.append(record("o\(i)", [name("Carl Cat"), name("Dora Dog")], year: 2000, venue: "Other \(i % 2)")) }
        return records
    }

    @Test func circlesWithAgreeingProfilesAreOnePerson() {
        let pass = EvidenceResolution(options: EvidenceOptions(minNamePrior: 0))
        let same = pass.resolve(corpus(profileCircles(secondFrom: 2011, secondVenues: ["J. Chem.", "J. Chem.", "Chem. Rev."])))
        #expect(papers(same)["j|smith"] == ["a0", "a1", "a2", "b0", "b1", "b2"])
        // Without the profile rule the circles (no coauthor in common) are two people.
        let off = EvidenceResolution(options: EvidenceOptions(minNamePrior: 0, profileSimilarity: 0))
            .resolve(corpus(profileCircles(secondFrom: 2011, secondVenues: ["J. Chem.", "J. Chem.", "Chem. Rev."])))
        #expect(papers(off)["j|smith#1"] == ["a0", "a1", "a2"])
        #expect(papers(off)["j|smith#2"] == ["b0", "b1", "b2"])
        // The same venues decades apart: two people.
        let apart = pass.resolve(corpus(profileCircles(secondFrom: 1985, secondVenues: ["J. Chem.", "J. Chem.", "Chem. Rev."])))
        #expect(papers(apart)["j|smith#1"] == ["a0", "a1", "a2"])
        #expect(papers(apart)["j|smith#2"] == ["b0", "b1", "b2"])
        // The same years in other venues: two people.
        let other = pass.resolve(corpus(profileCircles(secondFrom: 2011, secondVenues: ["NeurIPS", "ICML", "NeurIPS"])))
        #expect(papers(other)["j|smith#1"] == ["a0", "a1", "a2"])
        #expect(papers(other)["j|smith#2"] == ["b0", "b1", "b2"])
        // The exact step's ambiguity estimate counts the same two circles.
        #expect(pass.ambiguity(corpus(profileCircles(secondFrom: 2011, secondVenues: ["NeurIPS", "ICML", "NeurIPS"])))
                    .max() == 2)
    }

    /// A J. Smith with two circles whose venues agree weakly (cosine 0.19 when J. Smith is rare,
    /// 0.21 among many J.s and Smiths): a rare name's circles join (threshold 0.2 × prior 1/7 =
    /// 0.03), a common name's stay apart (threshold capped at 0.25); a fixed threshold of 0.2 gets
    /// both wrong.
    @Test func theProfileThresholdFollowsTheNamePrior() {
        var records: [PaperRecord] = []
        for i in 0..<3 { records.append(record("a\(i)", [name("J. Smith"), name("Alice Ant")], year: 2010 + i, venue: "J. Chem.")) }
        for i in 0..<10 {
            records.append(record("b\(i)", [name("J. Smith"), name("Bob Bee")], year: 2011 + i % 3, venue: i == 0 ? "J. Chem." : "V\(i)"))
        }
        // Other papers: J. Smith is not the corpus's subject (on half of its papers or more).
        for i in 0..<14 {
            records.append(record("o\(i)", i % 2 == 0 ? [name("Carl Cat"), name("Dora Dog")] : [name("Eve Eel"), name("Fay Fox")],
                                  year: 2000, venue: "Other \(i % 2)"))
        }
        let a = records.prefix(3).map(\.id), b = records[3..<13].map(\.id)
        let pass = EvidenceResolution(options: EvidenceOptions(minNamePrior: 0))
        let fixed = EvidenceResolution(options: EvidenceOptions(minNamePrior: 0, profileSimilarity: 0.2, profilePriorScale: 0))
        #expect(pass.options.profileThreshold(prior: 0.2) == 0.2 * 0.2)
        #expect(pass.options.profileThreshold(prior: 9) == 0.25)
        #expect(papers(pass.resolve(corpus(records)))["j|smith"] == a + b)
        let rareFixed = papers(fixed.resolve(corpus(records)))
        #expect(rareFixed["j|smith#1"] == a && rareFixed["j|smith#2"] == b)
        // Twenty other J.s and Smiths make J. Smith a common name (prior 21 × 21 / 47 = 9.4).
        for i in 0..<20 { records.append(record("z\(i)", [name("J. Other\(i)"), name("Some\(i) Smith")], year: 2010, venue: "Misc")) }
        let common = papers(pass.resolve(corpus(records)))
        #expect(common["j|smith#1"] == a && common["j|smith#2"] == b)
        #expect(papers(fixed.resolve(corpus(records)))["j|smith"] == a + b)
    }

    /// Two papers of J. Smith decades and fields apart whose only link is a coauthor "Wei Zhang"
    /// with name prior 0.9 (3 Zhangs × 3 Weis among 10 authors): at a weak-coauthor prior of 0.5 she
    /// is no evidence (two J. Smiths), at 1.0 she joins them.
    @Test func aCoauthorWithACommonNameIsNoEvidence() {
        let records = [record("p1", [name("J. Smith"), name("Wei Zhang")], year: 1985, venue: "J. Chem."),
                       record("p2", [name("Wei Zhang"), name("J. Smith")], year: 2015, venue: "NeurIPS"),
                       record("o1", [name("Li Zhang"), name("Wei Ant")], year: 2000, venue: "Other"),
                       record("o2", [name("Bo Zhang"), name("Wei Bee")], year: 2000, venue: "Other"),
                       record("o3", [name("Carl Cat"), name("Dora Dog")], year: 2000, venue: "Other"),
                       record("o4", [name("Eve Eel"), name("Fay Fox")], year: 2000, venue: "Other")]
        let c = corpus(records)
        let priors = EvidenceResolution.namePriors(c.authors, nameKeyed: (0..<c.authors.count).map { _ in true })
        #expect(abs(priors[c.authors.key.firstIndex(of: "wei|zhang")!] - 0.9) < 1e-9)
        let split = papers(EvidenceResolution(options: EvidenceOptions(minNamePrior: 0)).resolve(c))
        #expect(split["j|smith#1"] == ["p1"] && split["j|smith#2"] == ["p2"])
        let joined = papers(EvidenceResolution(options: EvidenceOptions(minNamePrior: 0, weakCoauthorPrior: 1.0)).resolve(c))
        #expect(joined["j|smith"] == ["p1", "p2"])
    }

    /// "Wang Wei" and "Wei Wang" (given and family name swapped) with two coauthors in common are one
    /// person; without one, or when both write on one paper, or with persistent ids, they stay apart.
    @Test func swappedNameOrderWithSharedCoauthorsIsJoined() {
        let shared = [record("1", [name("Wei Wang"), name("Alice Ant"), name("Bob Bee")], year: 2001, venue: "V"),
                      record("2", [name("Wang, Wei"), name("Alice Ant")], year: 2002, venue: "W"),
                      record("3", [name("Wei, Wang"), name("Bob Bee")], year: 2003, venue: "X")]
        // "Wang, Wei" is the same key as "Wei Wang"; "Wei, Wang" (family Wei) is the swapped order.
        #expect(corpus(shared).authors.count == 4)
        // One shared coauthor (Bob Bee) is not enough for a swapped order: two are needed.
        let c = corpus(shared, options: evidence)
        let p = papers(c)
        #expect(p["wei|wang"] == ["1", "2"])
        #expect(p["wang|wei"] == ["3"])
        var withCoauthor = shared
        withCoauthor.append(record("4", [name("Wei, Wang"), name("Alice Ant")], year: 2004, venue: "X"))
        let j = corpus(withCoauthor, options: evidence)
        #expect(papers(j)["wei|wang"] == ["1", "2", "3", "4"])
        let a = j.authors.key.firstIndex(of: "wei|wang")!
        #expect(j.authors.evidence(of: a).contains { $0.contains("given and family name swapped") })
        // Two authors of one paper are two people, however their names look.
        var onePaper = withCoauthor
        onePaper.append(record("5", [name("Wei Wang"), name("Wei, Wang")], year: 2005, venue: "X"))
        #expect(papers(corpus(onePaper, options: evidence))["wang|wei"] == ["3", "4", "5"])
        // Different persistent ids are never joined.
        let idA = PersistentID(.orcid, "0000-0002-1825-0097"), idB = PersistentID(.orcid, "0000-0001-5109-3700")
        let ids = [record("1", [named("Wei Wang", idA), name("Alice Ant")], year: 2001, venue: "V"),
                   record("2", [named("Wei, Wang", idB), name("Alice Ant")], year: 2002, venue: "V")]
        let i = papers(corpus(ids, options: evidence))
        #expect(i["orcid:0000-0002-1825-0097"] == ["1"])
        #expect(i["orcid:0000-0001-5109-3700"] == ["2"])
    }

    /// Letters NFKD does not decompose (ø, ł, ß) and the German spelling of umlauts are folded, for
    /// names with a coauthor in common; "Mueller" meets "Müller", never "Muller".
    @Test func transliterationVariantsWithSharedCoauthorsAreJoined() {
        let records = [record("1", [name("Søren Ørsted"), name("Alice Ant")], year: 2001, venue: "V"),
                       record("2", [name("Soren Orsted"), name("Alice Ant")], year: 2002, venue: "V"),
                       record("3", [name("Jürgen Müller"), name("Bob Bee")], year: 2001, venue: "V"),
                       record("4", [name("Juergen Mueller"), name("Bob Bee")], year: 2002, venue: "V"),
                       record("5", [name("Hans Muller"), name("Carl Cat")], year: 2002, venue: "V"),
                       record("6", [name("Hans Mueller"), name("Carl Cat")], year: 2003, venue: "V"),
                       record("7", [name("Paweł Weiß"), name("Dora Dog")], year: 2001, venue: "V"),
                       record("8", [name("Pawel Weiss"), name("Dora Dog")], year: 2002, venue: "V"),
                       // No coauthor in common: not joined.
                       record("9", [name("Łukasz Ząb"), name("Eve Elk")], year: 2001, venue: "V"),
                       record("10", [name("Lukasz Zab"), name("Fay Fox")], year: 2001, venue: "V")]
        let exact = papers(corpus(records))
        #expect(exact["søren|ørsted"] == ["1"])
        #expect(exact["pawel|weiß"] == ["7"] || exact["paweł|weiß"] == ["7"])
        let p = papers(corpus(records, options: evidence))
        #expect(p["søren|ørsted"] == ["1", "2"] || p["soren|orsted"] == ["1", "2"])
        // Mueller joins Müller (written with the umlaut), not a Muller never written so.
        #expect(p["jurgen|muller"] == ["3", "4"] || p["juergen|mueller"] == ["3", "4"])
        #expect(p["hans|muller"] == ["5"])
        #expect(p["hans|mueller"] == ["6"])
        #expect(p.values.contains(["7", "8"]))
        #expect(p.values.contains(["9"]) && p.values.contains(["10"]))
    }

    @Test func transliterationsOfKeys() {
        #expect(EvidenceResolution.transliterations("ørsted").map { $0.text } == ["orsted", "oersted"])
        #expect(EvidenceResolution.transliterations("weiß").map { $0.text } == ["weiss"])
        #expect(EvidenceResolution.transliterations("mueller").map { $0.text } == ["muller"])
        #expect(EvidenceResolution.transliterations("mueller").allSatisfy { $0.umlaut })
        #expect(EvidenceResolution.transliterations("smith").isEmpty)
    }

    @Test func resolutionIsDeterministic() {
        let a = corpus(twoSmiths(), options: evidence), b = corpus(twoSmiths(), options: evidence)
        #expect(a.authors.key == b.authors.key)
        #expect(a.mentions.author == b.mentions.author)
        #expect(a.paperAuthors.items == b.paperAuthors.items)
    }

    /// A corpus with homonyms and variants: common names ("Wei Wang", "W. Wang", "Li Zhang"…)
    /// written in groups of rare-named coauthors, drawn with a fixed seed.
    func crowd(papers: Int, seed: UInt64) -> [PaperRecord] {
        var rng = SplitMix64(seed: seed)
        let common = ["Wei Wang", "W. Wang", "Wei W. Wang", "Li Zhang", "L. Zhang", "Yan Liu", "Y. Liu", "Jun Li"]
        let groups = 40
        var out: [PaperRecord] = []
        for p in 0..<papers {
            let g = Int(rng.next() % UInt64(groups))
            var names: [AuthorName] = [name(common[Int(rng.next() % UInt64(common.count))])]
            for _ in 0..<(1 + Int(rng.next() % 3)) {
                names.append(name("Rare\(g) Person\(g * 7 + Int(rng.next() % 5))"))
            }
            out.append(record("p\(p)", names, year: 1990 + g % 30, venue: "V\(g % 9)"))
        }
        return out
    }

    /// The pieces run on two threads give the same persons as one thread (every step that can run
    /// in parallel is made to, however small the corpus).
    @Test func threadsDoNotChangeTheResult() {
        let exact = corpus(crowd(papers: 600, seed: 16))
        // Every name may be split (the crowd's few names have low priors).
        let pass = EvidenceResolution(options: EvidenceOptions(minNamePrior: 0))
        let (one, r1) = pass.resolveWithReport(exact, threads: 1)
        let (two, r2) = pass.resolveWithReport(exact, threads: 2, minParallel: 0)
        #expect(r1 == r2)
        #expect(r1.splitNames > 0 && r1.joins > 0)
        #expect(one.authors.key == two.authors.key)
        #expect(one.authors.displayName == two.authors.displayName)
        #expect(one.authors.evidence == two.authors.evidence)
        #expect(one.authors.spellings == two.authors.spellings)
        #expect(one.authors.ids == two.authors.ids)
        #expect(one.mentions.author == two.mentions.author)
        #expect(one.paperAuthors.items == two.paperAuthors.items)
        #expect(one.paperAuthors.offsets == two.paperAuthors.offsets)
    }

    @Test func givenNamesCompatibility() {
        func ok(_ x: String, _ y: String) -> Bool { GivenToken.compatible(GivenToken.tokens(x), GivenToken.tokens(y)) }
        #expect(ok("EM", "Emilio M."))
        #expect(ok("Emilio", "Emilio M."))
        #expect(ok("E", "Emilio M."))
        #expect(ok("J. R.", "John"))
        #expect(ok("H. L.", "Heraldo L."))
        #expect(!ok("Emil", "Emilio"))
        #expect(!ok("John Ronald", "John Peter"))
        #expect(!ok("", "John"))
        // "Li" is a name, not two initials (it has a lower-case letter).
        #expect(!ok("Li", "Lan Ing"))
        // A hyphenated given name is one name: "Wei" is not "Wei-Nan" with a missing middle name.
        #expect(!ok("Wei", "Wei-Nan"))
        #expect(ok("W.-N.", "Wei-Nan"))
        #expect(ok("C.-H.", "Chi-Hao"))
        #expect(ok("Chihao", "Chi-Hao"))
    }

    @Test func scoresMatchAHandComputation() {
        // Predicted {0,1,2} {3,4}; gold {0,1} {2,3,4}: n = 2, 1, 2 in the three intersections.
        let s = ClusterScores(predicted: [1, 1, 1, 2, 2], gold: [1, 1, 2, 2, 2])
        #expect(abs(s.b3Precision - 11.0 / 15.0) < 1e-12)   // (4/3 + 1/3 + 4/2) / 5
        #expect(abs(s.b3Recall - 11.0 / 15.0) < 1e-12)      // (4/2 + 1/3 + 4/3) / 5
        #expect(abs(s.pairPrecision - 0.5) < 1e-12)         // 2 of 4 predicted pairs
        #expect(abs(s.pairRecall - 0.5) < 1e-12)            // 2 of 4 gold pairs
        let one = ClusterScores(predicted: [7, 7, 7, 7], gold: [0, 0, 1, 1])
        #expect(abs(one.b3Precision - 0.5) < 1e-12)
        #expect(one.b3Recall == 1)
        #expect(abs(one.pairPrecision - 1.0 / 3.0) < 1e-12)
        #expect(one.pairRecall == 1)
        #expect(abs(one.b3F1 - 2.0 / 3.0) < 1e-12)
        #expect(one.predictedClusters == 1 && one.goldClusters == 2)
        let singletons = ClusterScores(predicted: [0, 1, 2], gold: [0, 1, 2])
        #expect(singletons.pairPrecision == 1 && singletons.pairRecall == 1 && singletons.b3F1 == 1)
    }

    @Test func badGoldRowsAreErrorsWithTheirLine() throws {
        let c = corpus(twoSmiths())
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-gold-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        func load(_ text: String) throws -> IdentityGold {
            let path = dir.appendingPathComponent("gold.csv").path
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return try IdentityGold.load(path: path, corpus: c)
        }
        func failure(_ text: String) -> String? {
            do { _ = try load(text); return nil } catch { return "\(error)" }
        }
        let good = try load("paper,position,person\nc1,1,chemist\nm1,2,learner\nc2,2,alice\n")
        #expect(good.mention.count == 3)
        #expect(good.score(c).b3Precision < 1)
        #expect(failure("paper,position,person\nc1,1,a\nnope,1,b\n")?.contains("gold.csv:3:") == true)
        #expect(failure("paper,position,person\nc1,1,a\nc1,3,b\n")?.contains("gold.csv:3:") == true)
        #expect(failure("paper,position,person\nc1,1,a\n\nc1,1,b\n")?.contains("gold.csv:4:") == true)
        #expect(failure("paper,person\nc1,a\n")?.contains("gold.csv:1:") == true)
        #expect(failure("paper,position,person\nc1,x,a\n")?.contains("gold.csv:2:") == true)
    }
}
