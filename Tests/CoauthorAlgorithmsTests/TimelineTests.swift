import CoauthorGraph
import CoauthorRecords
import Testing
@testable import CoauthorAlgorithms

/// A record with plain-text author names and an optional year or full date.
func timelineRecord(_ id: String, _ names: [String], year: Int? = nil, month: Int? = nil, day: Int? = nil) -> PaperRecord {
    PaperRecord(id: id, title: "T " + id, authors: names.compactMap(NameParser.parse),
                year: year, date: year.flatMap { y in month.map { PaperDate(year: y, month: $0, day: day) } },
                source: SourceLocation(file: "mem", line: 1))
}

/// The graph of some records under the given filters.
func timelineGraph(_ records: [PaperRecord], options: GraphOptions = GraphOptions()) -> CoauthorGraph {
    let b = CorpusBuilder()
    for r in records { b.add(r) }
    return CoauthorGraph(corpus: b.finish(), options: options)
}

extension CoauthorGraph {
    func nodeNamed(_ name: String) -> Int { (0..<nodeCount).first { self.name($0) == name }! }
}

/// Timelines worked out by hand on six records (see the comments for every figure).
///
///     P1 2000  A B          edges: A–B (P1, P3)   B–C (P2)
///     P2 2001  B C                 A–D (P3)       B–D (P3)
///     P3 2003  A B D               E–F (P4)       A–C (P5 undated, P6)
///     P4 2003  E F
///     P5 ----  A C
///     P6 2004  A C
@Suite struct HandTimelineTests {
    static let records = [
        timelineRecord("P1", ["Ann A", "Bob B"], year: 2000),
        timelineRecord("P2", ["Bob B", "Cy C"], year: 2001),
        timelineRecord("P3", ["Ann A", "Bob B", "Dee D"], year: 2003),
        timelineRecord("P4", ["Eve E", "Fay F"], year: 2003),
        timelineRecord("P5", ["Ann A", "Cy C"]),
        timelineRecord("P6", ["Ann A", "Cy C"], year: 2004),
    ]

    struct Row: Equatable {
        var start, end, papers, activeAuthors, newAuthors, activeTies, newTies, cumAuthors, cumTies: Int
        var share, meanDegree: Double
    }
    func rows(_ t: FieldTimeline) -> [Row] {
        t.rows.map { Row(start: $0.window.start, end: $0.window.end, papers: $0.papers, activeAuthors: $0.activeAuthors,
                         newAuthors: $0.newAuthors, activeTies: $0.activeTies, newTies: $0.newTies,
                         cumAuthors: $0.cumulativeAuthors, cumTies: $0.cumulativeTies,
                         share: $0.largestComponentShare, meanDegree: $0.meanDegree) }
    }

    @Test func history() {
        let g = timelineGraph(Self.records)
        let h = CollaborationHistory(g)
        #expect(h.years == 2000...2004)
        #expect(h.papersPerYear == [1, 1, 0, 2, 1])
        #expect(h.undatedPapers == 1)
        for e in 0..<g.edgeCount { #expect(h.edgePapers.rowLength(e) == Int(g.edgeWeight[e])) }
        let a = g.nodeNamed("Ann A"), c = g.nodeNamed("Cy C")
        // A–C: P6 (2004) first, the undated P5 last.
        #expect(h.edgePapers.row(g.edge(a, c)!).map { g.corpus.papers.id[Int($0)] } == ["P6", "P5"])
        #expect(h.nodePapers.row(a).map { g.corpus.papers.id[Int($0)] } == ["P1", "P3", "P6", "P5"])
    }

    @Test func yearlyFieldTimeline() throws {
        let t = try FieldTimeline(CollaborationHistory(timelineGraph(Self.records)))
        #expect(t.undatedPapers == 1)
        #expect(rows(t) == [
            // 2000: A, B and A–B appear.
            Row(start: 2000, end: 2000, papers: 1, activeAuthors: 2, newAuthors: 2, activeTies: 1, newTies: 1,
                cumAuthors: 2, cumTies: 1, share: 1, meanDegree: 1),
            // 2001: B and C active, C new (P5 has no year); B–C new.
            Row(start: 2001, end: 2001, papers: 1, activeAuthors: 2, newAuthors: 1, activeTies: 1, newTies: 1,
                cumAuthors: 3, cumTies: 2, share: 1, meanDegree: 4.0 / 3),
            // 2002: nothing; the cumulative graph stays.
            Row(start: 2002, end: 2002, papers: 0, activeAuthors: 0, newAuthors: 0, activeTies: 0, newTies: 0,
                cumAuthors: 3, cumTies: 2, share: 1, meanDegree: 4.0 / 3),
            // 2003: A B D E F active, D E F new; A–B A–D B–D E–F active, three new; components {A,B,C,D} {E,F}.
            Row(start: 2003, end: 2003, papers: 2, activeAuthors: 5, newAuthors: 3, activeTies: 4, newTies: 3,
                cumAuthors: 6, cumTies: 5, share: 4.0 / 6, meanDegree: 10.0 / 6),
            // 2004: A, C and A–C (its first dated paper) active.
            Row(start: 2004, end: 2004, papers: 1, activeAuthors: 2, newAuthors: 0, activeTies: 1, newTies: 1,
                cumAuthors: 6, cumTies: 6, share: 4.0 / 6, meanDegree: 2),
        ])
    }

    @Test func slidingAndCumulativeWindows() throws {
        let h = CollaborationHistory(timelineGraph(Self.records))
        let sliding = try FieldTimeline(h, mode: .sliding(width: 2, step: 1))
        #expect(rows(sliding) == [
            Row(start: 2000, end: 2001, papers: 2, activeAuthors: 3, newAuthors: 3, activeTies: 2, newTies: 2,
                cumAuthors: 3, cumTies: 2, share: 1, meanDegree: 4.0 / 3),
            // New = first seen after the previous window's end (2001): nothing in 2002.
            Row(start: 2001, end: 2002, papers: 1, activeAuthors: 2, newAuthors: 0, activeTies: 1, newTies: 0,
                cumAuthors: 3, cumTies: 2, share: 1, meanDegree: 4.0 / 3),
            Row(start: 2002, end: 2003, papers: 2, activeAuthors: 5, newAuthors: 3, activeTies: 4, newTies: 3,
                cumAuthors: 6, cumTies: 5, share: 4.0 / 6, meanDegree: 10.0 / 6),
            Row(start: 2003, end: 2004, papers: 3, activeAuthors: 6, newAuthors: 0, activeTies: 5, newTies: 1,
                cumAuthors: 6, cumTies: 6, share: 4.0 / 6, meanDegree: 2),
        ])
        let cumulative = try FieldTimeline(h, mode: .cumulative(step: 2))
        #expect(rows(cumulative) == [
            Row(start: 2000, end: 2001, papers: 2, activeAuthors: 3, newAuthors: 3, activeTies: 2, newTies: 2,
                cumAuthors: 3, cumTies: 2, share: 1, meanDegree: 4.0 / 3),
            Row(start: 2000, end: 2003, papers: 4, activeAuthors: 6, newAuthors: 3, activeTies: 5, newTies: 3,
                cumAuthors: 6, cumTies: 5, share: 4.0 / 6, meanDegree: 10.0 / 6),
            // The last growing window ends at the last year.
            Row(start: 2000, end: 2004, papers: 5, activeAuthors: 6, newAuthors: 0, activeTies: 6, newTies: 1,
                cumAuthors: 6, cumTies: 6, share: 4.0 / 6, meanDegree: 2),
        ])
        // Non-overlapping windows with a gap: 2002 is in no window; its (absent) newcomers would
        // count in the next row, so new still sums to the cumulative count.
        let gapped = try FieldTimeline(h, mode: .sliding(width: 1, step: 2))
        #expect(gapped.rows.map(\.window) == [TimeWindow(2000, 2000), TimeWindow(2002, 2002), TimeWindow(2004, 2004)])
        #expect(gapped.rows.map(\.newAuthors) == [2, 1, 3])
        #expect(gapped.rows.map(\.activeAuthors) == [2, 0, 2])
        #expect(gapped.rows.map(\.cumulativeAuthors) == [2, 3, 6])
    }

    @Test func windowGeneration() throws {
        #expect(try WindowMode.yearly.windows(over: 2000...2002) == [TimeWindow(2000, 2000), TimeWindow(2001, 2001), TimeWindow(2002, 2002)])
        // Every sliding window is 3 wide; the last reaches past 2005.
        #expect(try WindowMode.sliding(width: 3, step: 2).windows(over: 2000...2005)
                == [TimeWindow(2000, 2002), TimeWindow(2002, 2004), TimeWindow(2004, 2006)])
        #expect(try WindowMode.sliding(width: 10, step: 1).windows(over: 2000...2005) == [TimeWindow(2000, 2009)])
        #expect(try WindowMode.cumulative(step: 1).windows(over: 2000...2001) == [TimeWindow(2000, 2000), TimeWindow(2000, 2001)])
        #expect(try WindowMode.cumulative(step: 4).windows(over: 2000...2005) == [TimeWindow(2000, 2003), TimeWindow(2000, 2005)])
        #expect(throws: AlgorithmError.self) { try WindowMode.sliding(width: 0, step: 1).windows(over: 2000...2001) }
        #expect(throws: AlgorithmError.self) { try WindowMode.cumulative(step: 0).windows(over: 2000...2001) }
        #expect(TimeWindow(2016, 2018).description == "2016–2018")
    }

    @Test func authorTimeline() throws {
        let g = timelineGraph(Self.records)
        let h = CollaborationHistory(g)
        let a = g.nodeNamed("Ann A")
        let t = try AuthorTimeline(h, author: a)
        #expect(t.rows.map(\.window.start) == [2000, 2001, 2002, 2003, 2004])
        #expect(t.rows.map(\.papers) == [1, 0, 0, 1, 1])
        #expect(t.rows.map(\.coauthors) == [1, 0, 0, 2, 1])            // B; -; -; B, D; C
        #expect(t.rows.map(\.newCoauthors) == [1, 0, 0, 1, 1])         // B; D; C
        #expect(t.rows.map(\.cumulativeCoauthors) == [1, 1, 1, 2, 3])
        #expect(t.undatedPapers == 1)
        #expect(t.papersPerYear == [YearCount(year: 2000, count: 1), YearCount(year: 2003, count: 1), YearCount(year: 2004, count: 1)])
        #expect(t.collaborators.map { g.name($0.coauthor) } == ["Bob B", "Dee D", "Cy C"])
        let spans = t.collaborators.map(\.tie)
        #expect(spans.map(\.firstYear) == [2000, 2003, 2004])
        #expect(spans.map(\.lastYear) == [2003, 2003, 2004])
        #expect(spans.map(\.papers) == [2, 1, 2])                     // A–C: P6 and the undated P5
        #expect(spans.map(\.yearsActive) == [2, 1, 1])
        #expect(spans[2].jointPapers.map { g.corpus.papers.id[$0] } == ["P6", "P5"])
        // Two-year windows over A's years.
        let w = try AuthorTimeline(h, author: a, mode: .sliding(width: 2, step: 2))
        #expect(w.rows.map(\.window) == [TimeWindow(2000, 2001), TimeWindow(2002, 2003), TimeWindow(2004, 2005)])
        #expect(w.rows.map(\.papers) == [1, 1, 1])
        #expect(w.rows.map(\.coauthors) == [1, 2, 1])
        #expect(w.rows.map(\.newCoauthors) == [1, 1, 1])
        #expect(throws: AlgorithmError.noSuchNode(99)) { try AuthorTimeline(h, author: 99) }
    }

    @Test func tieSpans() {
        let g = timelineGraph(Self.records)
        let spans = CollaborationHistory(g).tieSpans()
        func names(_ s: TieSpan) -> String { g.name(s.a) + "–" + g.name(s.b) }
        // By first year; 2003's three by names.
        #expect(spans.map(names) == ["Ann A–Bob B", "Bob B–Cy C", "Ann A–Dee D", "Bob B–Dee D", "Eve E–Fay F", "Ann A–Cy C"])
        #expect(spans.map(\.papers) == [2, 1, 1, 1, 1, 2])
        #expect(spans[0].jointPapers.map { g.corpus.papers.id[$0] } == ["P1", "P3"])
        #expect(spans[0].perYear == [YearCount(year: 2000, count: 1), YearCount(year: 2003, count: 1)])
    }

    @Test func datesOrderWithinAYear() throws {
        // Same year: the May paper comes after the February one, an undated-month paper first.
        let g = timelineGraph([
            timelineRecord("may", ["Ann A", "Bob B"], year: 2010, month: 5, day: 2),
            timelineRecord("feb", ["Ann A", "Cy C"], year: 2010, month: 2, day: 20),
            timelineRecord("yearonly", ["Ann A", "Bob B"], year: 2010),
            timelineRecord("feb1", ["Ann A", "Dee D"], year: 2010, month: 2, day: 1),
        ])
        let h = CollaborationHistory(g)
        let a = g.nodeNamed("Ann A")
        #expect(h.nodePapers.row(a).map { g.corpus.papers.id[Int($0)] } == ["yearonly", "feb1", "feb", "may"])
        // B's first joint paper is the year-only one, before D (Feb 1) and C (Feb 20).
        #expect(try AuthorTimeline(h, author: a).collaborators.map { g.name($0.coauthor) } == ["Bob B", "Dee D", "Cy C"])
        #expect(h.tieSpans().map { g.name($0.b) } == ["Bob B", "Dee D", "Cy C"])
    }

    @Test func filtersApply() throws {
        // --min-weight 2 keeps A–B and A–C; every node stays.
        let heavy = timelineGraph(Self.records, options: GraphOptions(minWeight: 2))
        let hh = CollaborationHistory(heavy)
        #expect(heavy.edgeCount == 2)
        for e in 0..<heavy.edgeCount { #expect(hh.edgePapers.rowLength(e) == Int(heavy.edgeWeight[e])) }
        let t = try FieldTimeline(hh)
        #expect(t.rows.map(\.cumulativeTies) == [1, 1, 1, 1, 2])
        #expect(t.rows.map(\.cumulativeAuthors) == [2, 3, 3, 6, 6])
        // --max-authors 2: P3 adds no ties, so A–B holds P1 only and D has no coauthors.
        let small = timelineGraph(Self.records, options: GraphOptions(maxAuthors: 2))
        let hs = CollaborationHistory(small)
        let a = small.nodeNamed("Ann A"), b = small.nodeNamed("Bob B")
        #expect(hs.edgePapers.row(small.edge(a, b)!).map { small.corpus.papers.id[Int($0)] } == ["P1"])
        let at = try AuthorTimeline(hs, author: a)
        #expect(at.rows.map(\.papers) == [1, 0, 0, 1, 1])     // P3 still counts as A's paper
        #expect(at.rows.map(\.coauthors) == [1, 0, 0, 0, 1])
        // --from 2001: the 2000 paper is gone; years start in 2001.
        let late = CollaborationHistory(timelineGraph(Self.records, options: GraphOptions(fromYear: 2001)))
        #expect(late.years == 2001...2004)
        #expect(late.undatedPapers == 0)   // a year bound drops undated papers
    }

    @Test func emptyAndUndated() throws {
        let g = timelineGraph([timelineRecord("x", ["Ann A", "Bob B"])])
        let h = CollaborationHistory(g)
        #expect(h.years == nil)
        #expect(try FieldTimeline(h).rows.isEmpty)
        let t = try AuthorTimeline(h, author: 0)
        #expect(t.rows.isEmpty)
        #expect(t.collaborators.count == 1 && t.collaborators[0].tie.firstYear == nil)
        #expect(try h.bursts().isEmpty)
    }

    @Test func windowModularityExtensionPoint() throws {
        // The hook receives each window's own graph; nothing fills it by default.
        let g = timelineGraph(Self.records)
        let h = CollaborationHistory(g)
        #expect(try FieldTimeline(h, mode: .sliding(width: 2, step: 1)).rows.allSatisfy { $0.modularity == nil })
        let t = try FieldTimeline(h, mode: .sliding(width: 2, step: 1), windowModularity: { Double($0.edgeCount) })
        let expected = t.rows.map { r in
            Double(CoauthorGraph(corpus: g.corpus, options: GraphOptions(fromYear: r.window.start, toYear: r.window.end)).edgeCount)
        }
        #expect(t.rows.map(\.modularity) == expected)
        #expect(expected == [2, 1, 4, 5])
    }
}

/// The seed (Qin Huang's profile page as of 2026-11-27), against the figures and counts
/// taken by hand from the page.
@Suite struct SeedTimelineTests {
    @Test func qinHuangTimeline() throws {
        let g = try seedGraph()
        let h = CollaborationHistory(g)
        let q = g.nodeNamed("Qin Huang")
        let t = try AuthorTimeline(h, author: q)
        #expect(t.rows.map(\.window.start) == Array(2016...2026))
        // The issue: 2016: 1, 2017: 5, 2018: 4, 2019: 1, 2020: 0, 2021: 0, 2022: 1, 2023: 1, 2024: 0,
        // 2025: 2, 2026: 3 (18 in all).
        #expect(t.rows.map(\.papers) == [1, 5, 4, 1, 0, 0, 1, 1, 0, 2, 3])
        #expect(t.rows.map(\.papers).reduce(0, +) == 18)
        // By hand from the page (the owner added where missing; "Chi-Hao Wu" = "Chihao Wu"):
        // 2016 Xia, Zheng; 2017 Xia again + Wu, H. Wang, Katsavounidis, S. Li, Song, C. Yang, Lin, Zhu;
        // 2018 Li, Song, Yang again + Seybold, Vorobyov, Shen, Y. Wang, Choi, Chen; 2019 Quan, S. Zhang;
        // 2022 Xu, Du, H. Zhang; 2023 X. Wang, Jin, S. Huang; 2025 Liang, X. Liu, R. Jin, Cokbas,
        // Z. Liu, Tao; 2026 Jiang, Zheng, B. Liu, Zikun Liu, Luo, Q. Li, Legel, Voelker.
        #expect(t.rows.map(\.coauthors) == [2, 9, 9, 2, 0, 0, 3, 3, 0, 6, 8])
        #expect(t.rows.map(\.newCoauthors) == [2, 8, 6, 2, 0, 0, 3, 3, 0, 6, 8])
        #expect(t.rows.map(\.cumulativeCoauthors) == [2, 10, 16, 18, 18, 18, 21, 24, 24, 30, 38])
        #expect(t.collaborators.count == 38)
        // Σ joint papers over the coauthors = Qin Huang's strength.
        let strength = (g.offsets[q]..<g.offsets[q + 1]).reduce(0) { $0 + Int(g.edgeWeight[Int(g.adjacencyEdge[$1])]) }
        #expect(t.collaborators.reduce(0) { $0 + $1.tie.papers } == strength)
        #expect(strength == 47)
        let top = t.collaborators.first { g.name($0.coauthor) == "Siyang Li" }!.tie
        #expect((top.firstYear, top.lastYear, top.papers, top.yearsActive) == (2017, 2018, 3, 2))
        // First collaborations by date: Xia and Zheng (Mar 2016), then Wu (Jul 20, 2017).
        #expect(t.collaborators.prefix(3).map { g.name($0.coauthor) } == ["Chunyang Xia", "Wenchao Zheng", "Chi-Hao Wu"])
    }

    @Test func fieldTimeline() throws {
        let g = try seedGraph()
        let h = CollaborationHistory(g)
        for e in 0..<g.edgeCount { #expect(h.edgePapers.rowLength(e) == Int(g.edgeWeight[e])) }
        let t = try FieldTimeline(h)
        #expect(t.rows.map(\.papers) == [1, 5, 4, 1, 0, 0, 1, 1, 0, 2, 3])
        // 2016: Huang, Xia, Zheng and their triangle.
        let r0 = t.rows[0]
        #expect((r0.activeAuthors, r0.newAuthors, r0.activeTies, r0.newTies, r0.meanDegree) == (3, 3, 3, 3, 2))
        // 2017: 10 authors active (Huang + 9), 8 new; ties: RA 3, SUR 3, TOA 2 more, Contextual 6,
        // MICL 2 more = 16, of which Huang–Xia is from 2016: 15 new, 18 in all.
        let r1 = t.rows[1]
        #expect((r1.activeAuthors, r1.newAuthors, r1.activeTies, r1.newTies, r1.cumulativeAuthors, r1.cumulativeTies)
                == (10, 8, 16, 15, 11, 18))
        #expect(r1.meanDegree == 2.0 * 18 / 11)
        // The last row is the whole graph (`coauthor stats`: 39 authors, 74 edges, one component).
        let last = t.rows.last!
        #expect((last.cumulativeAuthors, last.cumulativeTies, last.largestComponentShare) == (39, 74, 1))
        #expect(t.rows.map(\.newAuthors).reduce(0, +) == 39)
        #expect(t.rows.map(\.newTies).reduce(0, +) == 74)
    }
}
