import Testing
import Foundation
@testable import CoauthorModel
@testable import CoauthorRecords
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

@Suite struct LatinFastPathTests {
    /// The Latin fast path (each scalar folded on its own from a table) gives what the general path
    /// (NFKD of the whole string) gives, on random text over every scalar of the Latin blocks,
    /// ASCII letters and separators, and a few scalars outside (which send it to the general path).
    @Test func latinAgreesWithGeneral() {
        var rng = SplitMix64(seed: 29)
        let latin = (0x80..<0x250).compactMap(Unicode.Scalar.init) + (0x1E00..<0x1F00).compactMap(Unicode.Scalar.init)
        let other: [Unicode.Scalar] = ["a", "Z", "0", " ", "-", ".", "'", "\u{301}", "\u{308}", "\u{3A3}", "\u{3C3}",
                                       "\u{410}", "\u{4E2D}", "\u{AC00}", "\u{212A}", "\u{FB01}", "\u{2160}"]
        for _ in 0..<6000 {
            var s = String.UnicodeScalarView()
            for _ in 0..<rng.next(below: 9) {
                s.append(rng.next(below: 3) == 0 ? other[rng.next(below: other.count)] : latin[rng.next(below: latin.count)])
            }
            let text = String(s)
            #expect(NameKey.familyKey(text) == NameKey.slowFamilyKey(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
            #expect(NameKey.givenKey(text) == NameKey.slowGivenKey(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        // Every Latin scalar alone, and next to an ASCII letter on both sides.
        for u in latin {
            for text in [String(u), "a" + String(u) + "b", "X" + String(u) + String(u)] {
                #expect(NameKey.familyKey(text) == NameKey.slowFamilyKey(text), "U+\(String(u.value, radix: 16))")
                #expect(NameKey.givenKey(text) == NameKey.slowGivenKey(text), "U+\(String(u.value, radix: 16))")
            }
        }
        // The table takes almost every scalar of the blocks (else the fast path would be moot).
        #expect(NameKey.latinFold.filter { $0 != nil }.count > 700)
    }
}

/// `CorpusBuilder.add(_:names:)` (authors as interned names) builds the corpus `add` builds.
@Suite struct InternedNamesTests {
    func record(_ id: String, _ file: String, _ year: Int?, _ title: String, _ authors: [String],
                doi: String? = nil, truncated: Bool = false) -> PaperRecord {
        PaperRecord(id: id, title: title, authors: authors.compactMap(NameParser.parse), authorsTruncated: truncated,
                    year: year, doi: doi, source: SourceLocation(file: file, line: 1))
    }

    @Test func sameCorpusAsAuthorNames() {
        let records = [
            record("1", "a", 2016, "Graphs", ["Qin Huang", "Q. Huang", "Ann Lee", "Ann Lee", "Wei Wang 0001"]),
            record("2", "a", 2017, "More graphs", ["Qin Huang", "Chi-Hao Wu", "Chihao Wu", "Huang, Qin"]),
            record("3", "b", 2016, "Graphs", ["Qin Huang", "Ann Lee", "Bo Li"], truncated: false),   // duplicate of 1
            record("4", "b", 2018, "X", ["A. Lee", "Ann Lee", "—", "Wei Wang 0001", "Bo Li"], doi: "10.1/x"),
            record("5", "c", 2018, "Y", ["Bo Li", "Q. Huang"], doi: "https://doi.org/10.1/X"),         // duplicate of 4
            record("6", "c", nil, "", ["Jürgen Müller", "Jurgen Muller", "Ann Lee"]),
        ]
        var aliases = AliasTable()
        aliases.add(label: "Q. Huang", replaceBy: "Qin Huang")
        for options in [IdentityOptions(), IdentityOptions(mergeInitials: true), IdentityOptions(aliases: aliases),
                        IdentityOptions(mergeInitials: true, aliases: aliases, deduplicate: false)] {
            let plain = CorpusBuilder(options: options)
            for r in records { plain.add(r) }
            // Names interned by their raw text, in order of first sight (as the reader does).
            let interned = CorpusBuilder(options: options)
            var index: [String: Int32] = [:]
            for r in records {
                var new: [AuthorName] = []
                var ids: [Int32] = []
                for a in r.authors {
                    if index[a.raw] == nil { index[a.raw] = Int32(index.count); new.append(a) }
                    ids.append(index[a.raw]!)
                }
                interned.addNames(new)
                var bare = r
                bare.authors = []
                ids.withUnsafeBufferPointer { interned.add(bare, names: $0) }
            }
            let a = plain.finish(), b = interned.finish()
            let info = Snapshot.Info(skippedRecords: 0, inputs: ["a", "b", "c"])
            #expect(Snapshot.encode(a, info: info) == Snapshot.encode(b, info: info))
            #expect(a.report.mentions == b.report.mentions && a.report.aliasedMentions == b.report.aliasedMentions)
            #expect(a.report.unusableMentions == b.report.unusableMentions)
            #expect(a.report.merges == b.report.merges && a.report.initialMerges == b.report.initialMerges)
            #expect(a.report.duplicateMentions == b.report.duplicateMentions)
        }
    }
}

/// `NameInterner` against a dictionary: keys of every length around the inline limit (22 bytes),
/// empty keys, keys differing in one byte, through many growths.
@Suite struct NameInternerTests {
    /// The inline words from three word loads equal the words made byte by byte.
    @Test func wordsAsByteByByte() {
        var rng = SplitMix64(seed: 11)
        for _ in 0..<20_000 {
            let key = (0..<rng.next(below: 23)).map { _ in UInt8(truncatingIfNeeded: rng.next(below: 256)) }
            key.withUnsafeBufferPointer { b in
                let x = NameInterner.words(b), y = NameInterner.wordsByByte(b)
                #expect(x.0 == y.0 && x.1 == y.1 && x.2 == y.2, "\(key)")
            }
        }
        let empty = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        #expect(NameInterner.words(empty) == NameInterner.wordsByByte(empty))
    }

    @Test func agreesWithDictionary() {
        var rng = SplitMix64(seed: 5)
        let interner = NameInterner(capacity: 2)
        var oracle: [[UInt8]: Int32] = [:]
        var keys: [[UInt8]] = []
        var made = 0
        for _ in 0..<60_000 {
            var key: [UInt8]
            if !keys.isEmpty && rng.next(below: 3) == 0 {
                key = keys[rng.next(below: keys.count)]
                if rng.next(below: 4) == 0, !key.isEmpty { key[rng.next(below: key.count)] ^= 1 }   // a near miss
            } else {
                key = (0..<rng.next(below: 41)).map { _ in UInt8(truncatingIfNeeded: rng.next(below: 4) + 0x61) }
            }
            let want = oracle[key]
            let got = key.withUnsafeBufferPointer { b in
                interner.value(of: b) {
                    made += 1
                    return Int32(oracle.count) - 3   // negative values too
                }
            }
            if let want { #expect(got == want) } else { oracle[key] = got; keys.append(key) }
        }
        #expect(made == oracle.count && interner.count == oracle.count)
        #expect(oracle.keys.contains { $0.count > 22 } && oracle.keys.contains { $0.count == 22 } && oracle[[]] != nil)
    }
}
