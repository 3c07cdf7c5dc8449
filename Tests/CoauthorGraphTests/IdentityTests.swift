import Testing
import CoauthorRecords
@testable import CoauthorGraph

@Suite struct IdentityTests {
    func key(_ s: String) -> String? { NameParser.parse(s).flatMap(NameKey.key(for:)) }

    @Test func foldingRules() {
        #expect(key("Chi-Hao Wu") == "chihao|wu")
        #expect(key("Chihao Wu") == "chihao|wu")
        #expect(key("Chi Hao Wu") == "chihao|wu")
        #expect(key("Huang, Qin") == "qin|huang")
        #expect(key("Qin Huang") == "qin|huang")
        #expect(key("Jürgen Müller") == "jurgen|muller")
        #expect(key("JURGEN MULLER") == "jurgen|muller")
        #expect(key("José García-López") == "jose|garcia lopez")
        #expect(key("Ludwig van Beethoven") == "ludwig|van beethoven")
        #expect(key("J. R. R. Tolkien") == "jrr|tolkien")
        #expect(key("Martin Luther King Jr.") == "martinluther|king jr")
        #expect(key("Ångström") == "|angstrom")
        // NFKD folds compatibility forms: the ligature ﬁ is "fi".
        #expect(key("Eleﬁ Smith") == "elefi|smith")
    }

    @Test func persistentIdsWin() {
        let a = AuthorName(raw: "Wei Wang", given: "Wei", family: "Wang",
                           ids: [PersistentID(.dblp, "Wei Wang 0001"), PersistentID(.orcid, "0000-0001-2345-6789")])
        #expect(NameKey.key(for: a) == "orcid:0000-0001-2345-6789")
        #expect(NameParser.parse("Wei Wang 0001").flatMap(NameKey.key(for:)) == "dblp:Wei Wang 0001")
        #expect(NameParser.parse("Wei Wang 0001")?.displayName == "Wei Wang")
    }

    @Test func differentFullNamesNeverMerge() {
        let c = corpus([paper("1", ["Qin Huang", "Qing Huang", "Q. Huang"])], options: IdentityOptions(mergeInitials: true))
        // Two full-name candidates for "Q." → it stays alone; the full names stay apart.
        #expect(c.authors.count == 3)
        #expect(c.report.initialMerges == 0)
    }

    @Test func initialsMergeOnlyWhenAsked() {
        let records = [paper("1", ["Qin Huang", "Ann Lee"]), paper("2", ["Q. Huang", "Bo Chen"]),
                       paper("3", ["C.-H. Wu", "Chi-Hao Wu"])]
        #expect(corpus(records).authors.count == 6)
        let merged = corpus(records, options: IdentityOptions(mergeInitials: true))
        #expect(merged.authors.count == 4)
        #expect(merged.report.initialMerges == 2)
        #expect(merged.authors.key.contains("qin|huang"))
        #expect(!merged.authors.key.contains("q|huang"))
        // Paper 3 lists the same person twice once merged: counted once.
        #expect(merged.paperAuthors.rowLength(2) == 1)
    }

    @Test func displayNameIsMostFrequentThenLongestThenSmallest() {
        let c = corpus([paper("1", ["Chihao Wu"]), paper("2", ["Chi-Hao Wu"]), paper("3", ["Chi-Hao Wu"]),
                        paper("4", ["Bo Li"]), paper("5", ["bo li"]), paper("6", ["BO LI"]),
                        paper("7", ["José García"]), paper("8", ["Jose Garcia"]),
                        paper("9", ["Wu, Chihao"]), paper("10", ["Wu, Chihao"])])
        // Chi-Hao Wu: 2 × "Chi-Hao Wu" vs 1 × "Chihao Wu" at first; then "Chihao Wu" reaches 3.
        // Bo Li: three spellings, one mention each, same length → the smallest code points ("BO LI").
        // José García: same count and length → code point order puts "Jose Garcia" first.
        #expect(c.authors.displayName == ["Chihao Wu", "BO LI", "Jose Garcia"])
        let early = corpus([paper("1", ["Chihao Wu"]), paper("2", ["Chi-Hao Wu"])])
        #expect(early.authors.displayName == ["Chi-Hao Wu"])   // a tie goes to the longer spelling
        #expect(c.authors.spellings[0] == [.init(text: "Chihao Wu", mentions: 3), .init(text: "Chi-Hao Wu", mentions: 2)])
    }

    @Test func aliasesApplyFirst() {
        var t = AliasTable()
        t.add(label: "Q. Huang", replaceBy: "Qin Huang")
        let c = corpus([paper("1", ["Q. Huang", "Ann Lee"]), paper("2", ["Qin Huang"])],
                       options: IdentityOptions(aliases: t))
        #expect(c.authors.count == 2)
        #expect(c.authors.displayName[0] == "Qin Huang")
        #expect(c.report.aliasedMentions == 1)
    }
}

@Suite struct KeyFastPathTests {
    /// The ASCII fast path gives what the general Unicode path gives.
    @Test func asciiAgreesWithGeneral() {
        var rng = SplitMix64(seed: 11)
        let alphabet = Array("aZ09 -.'_,;:!?()[]{}@#&*/\\\"\t")
        for _ in 0..<3000 {
            let s = String((0..<rng.next(below: 14)).map { _ in alphabet[rng.next(below: alphabet.count)] })
            // Appending a non-ASCII mark forces the general path; an accent-free é → e keeps the key comparable.
            #expect(NameKey.familyKey(s) == NameKey.familyKey(s + "\u{301}"), "\(s)")
            #expect(NameKey.givenKey(s) == NameKey.givenKey(s + "\u{301}"), "\(s)")
        }
    }
}
