import Testing
import CoauthorRecords
@testable import CoauthorGraph

@Suite struct DeduplicationTests {
    func rec(_ id: String, _ title: String, _ names: [String], year: Int?, file: String,
             doi: String? = nil, truncated: Bool = false) -> PaperRecord {
        PaperRecord(id: id, title: title, authors: names.compactMap(NameParser.parse), authorsTruncated: truncated,
                    year: year, doi: doi, source: SourceLocation(file: file, line: 1))
    }

    @Test func fullerListWinsAcrossFiles() {
        let c = corpus([
            rec("p1", "Semantic Segmentation with Reverse Attention", ["Qin Huang", "Chunyang Xia", "Chihao Wu"],
                year: 2017, file: "profile.txt", truncated: true),
            rec("b1", "Semantic segmentation with reverse attention.", ["Qin Huang", "Chunyang Xia", "Chihao Wu",
                "Suya You", "C.-C. Jay Kuo"], year: 2017, file: "refs.bib"),
        ])
        #expect(c.papers.count == 1)
        #expect(c.paperAuthors.rowLength(0) == 5)
        #expect(c.report.merges.map(\.reason) == [.title])
        #expect(c.report.merges.first?.tookAuthors == true)
        #expect(c.papers.authorsTruncated == [false])
        // Mentions of the dropped shorter list do not count towards display names.
        #expect(c.authors.spellings.flatMap { $0 }.map(\.mentions).reduce(0, +) == 5)
    }

    @Test func doiMatchesWhateverTheTitle() {
        let c = corpus([
            rec("a", "A title", ["Ann Lee"], year: 2020, file: "x.csv", doi: "10.1000/ABC"),
            rec("b", "Another title entirely", ["Bo Chen"], year: 2011, file: "y.bib", doi: "https://doi.org/10.1000/abc"),
        ])
        #expect(c.papers.count == 1)
        #expect(c.report.merges.first?.reason == .doi)
        #expect(c.report.merges.first?.tookAuthors == false)   // same length: the first list stays
        #expect(c.authors.displayName == ["Ann Lee"])
    }

    @Test func conservativeTitleMatching() {
        let c = corpus([
            rec("a", "Editorial", ["Ann Lee"], year: 2020, file: "x.bib"),
            rec("b", "Editorial", ["Bo Chen"], year: 2020, file: "y.bib"),            // no shared author
            rec("c", "Deep Graphs", ["Ann Lee", "Bo Chen"], year: 2010, file: "x.bib"),
            rec("d", "Deep graphs", ["Ann Lee"], year: 2013, file: "y.bib"),          // three years apart
            rec("e", "Deep Graphs", ["Ann Lee", "Bo Chen"], year: 2010, file: "x.bib"), // same file: distinct records
            rec("f", "Deep Graphs!", ["Bo Chen"], year: 2011, file: "z.bib"),         // one year apart, shared author
        ])
        #expect(c.papers.count == 5)
        #expect(c.report.merges.map(\.recordID) == ["f"])
        let off = CorpusBuilder(options: IdentityOptions(deduplicate: false))
        off.add(rec("a", "T", ["Ann Lee"], year: 2020, file: "x", doi: "10.1/x"))
        off.add(rec("b", "T", ["Ann Lee"], year: 2020, file: "y", doi: "10.1/x"))
        #expect(off.finish().papers.count == 2)
    }
}
