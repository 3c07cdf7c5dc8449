import Foundation
import Testing
import CoauthorRecords
@testable import CoauthorGraph

@Suite struct SnapshotTests {
    func sample() -> Corpus {
        var t = AliasTable()
        t.add(label: "A. Lee", replaceBy: "Ann Lee")
        let b = CorpusBuilder(options: IdentityOptions(mergeInitials: true, aliases: t))
        b.add(PaperRecord(id: "1", title: "Ünïcödé — “quotes”", authors: ["Ann Lee", "Bo Chen", "Wei Wang 0001"].compactMap(NameParser.parse),
                          year: 2001, venue: "V", doi: "10.1/x", source: SourceLocation(file: "a.bib", line: 3)))
        b.add(PaperRecord(id: "2", title: "Second", authors: ["A. Lee", "B. Chen", "Chen, Bo"].compactMap(NameParser.parse),
                          authorsTruncated: true, date: PaperDate(year: 2003, month: 2, day: 9),
                          abstract: "text", source: SourceLocation(file: "b.csv", line: 7)))
        b.add(PaperRecord(id: "3", title: "second", authors: ["Ann Lee", "Bo Chen", "Cy Dee"].compactMap(NameParser.parse),
                          year: 2004, source: SourceLocation(file: "c.csv", line: 1)))   // merged into paper 2
        b.add(PaperRecord(id: "4", title: "No authors", authors: [], source: SourceLocation(file: "a.bib", line: 9)))
        return b.finish()
    }

    func same(_ x: Corpus, _ y: Corpus) {
        #expect(x.papers.id == y.papers.id && x.papers.title == y.papers.title && x.papers.year == y.papers.year)
        #expect(x.papers.month == y.papers.month && x.papers.day == y.papers.day && x.papers.venue == y.papers.venue)
        #expect(x.papers.doi == y.papers.doi && x.papers.abstract == y.papers.abstract && x.papers.category == y.papers.category)
        #expect(x.papers.authorsTruncated == y.papers.authorsTruncated && x.papers.sourceFile == y.papers.sourceFile)
        #expect(x.papers.sourceLine == y.papers.sourceLine && x.papers.nativeID == y.papers.nativeID)
        #expect(x.authors.key == y.authors.key && x.authors.displayName == y.authors.displayName)
        #expect(x.authors.ids == y.authors.ids && x.authors.spellings == y.authors.spellings)
        #expect(x.authors.joinReasons == y.authors.joinReasons && x.authors.familyKey == y.authors.familyKey)
        #expect(x.authors.givenKey == y.authors.givenKey)
        #expect(x.paperAuthors.offsets == y.paperAuthors.offsets && x.paperAuthors.items == y.paperAuthors.items)
        #expect(x.authorPapers.offsets == y.authorPapers.offsets && x.authorPapers.items == y.authorPapers.items)
        #expect(x.sourceFiles == y.sourceFiles && x.report.merges == y.report.merges)
        #expect(x.report.mentions == y.report.mentions && x.report.aliasedMentions == y.report.aliasedMentions)
        #expect(x.report.initialMerges == y.report.initialMerges)
    }

    @Test func roundTrip() throws {
        var c = sample()
        c.papers.nativeID.append(row: 1, "pmid:31452104")
        #expect(c.papers.nativeID[row: 1] == "pmid:31452104" && c.papers.nativeID[row: 0] == nil)
        #expect(c.report.merges.count == 1 && !c.authors.ids.allSatisfy(\.isEmpty))
        let bytes = Snapshot.encode(c, info: .init(skippedRecords: 3, inputs: ["a.bib", "b.csv"]))
        #expect(bytes.count % 8 == 0)
        let (back, info) = try bytes.withUnsafeBytes { try Snapshot.decode($0, path: "mem") }
        back._checkInvariants()
        same(c, back)
        #expect(info == .init(skippedRecords: 3, inputs: ["a.bib", "b.csv"]))
        // The graph of the decoded corpus is the same graph.
        let g1 = CoauthorGraph(corpus: c), g2 = CoauthorGraph(corpus: back)
        #expect(g1.summary() == g2.summary() && g1.edgeFractional == g2.edgeFractional)
        // Encoding is deterministic.
        #expect(Snapshot.encode(back, info: info) == bytes)
    }

    @Test func damageIsDetected() throws {
        let bytes = Snapshot.encode(sample(), info: .init(skippedRecords: 0, inputs: []))
        for i in stride(from: 32, to: bytes.count, by: max(1, bytes.count / 97)) {
            var b = bytes
            b[i] ^= 0x40
            #expect(throws: SnapshotError.corrupt(path: "m", reason: "checksum mismatch")) {
                try b.withUnsafeBytes { try Snapshot.decode($0, path: "m") }
            }
        }
        let cut = Array(bytes.prefix(bytes.count - 5))
        #expect(throws: SnapshotError.corrupt(path: "m", reason: "the file is shorter than its header says")) {
            try cut.withUnsafeBytes { try Snapshot.decode($0, path: "m") }
        }
        // Versions 1–4 (no stored graph or indexes; no native paper ids) and any later version are
        // refused, naming the file.
        #expect(bytes[8] == 5)
        for version: UInt8 in [1, 2, 3, 4, 6] {
            var other = bytes
            other[8] = version
            #expect(throws: SnapshotError.unsupportedVersion(path: "m", version: Int(version))) {
                try other.withUnsafeBytes { try Snapshot.decode($0, path: "m") }
            }
        }
        #expect(SnapshotError.unsupportedVersion(path: "m", version: 1).description.hasPrefix("m: snapshot version 1 is not supported"))
        #expect(throws: SnapshotError.notASnapshot(path: "m")) {
            try Array("@article{x,}".utf8).withUnsafeBytes { try Snapshot.decode($0, path: "m") }
        }
    }

    func sameGraph(_ a: CoauthorGraph, _ b: CoauthorGraph) {
        #expect(a.options == b.options && a.nodeAuthor == b.nodeAuthor && a.nodePapers == b.nodePapers)
        #expect(a.nodeFirstYear == b.nodeFirstYear && a.nodeLastYear == b.nodeLastYear)
        #expect(a.offsets == b.offsets && a.neighbors == b.neighbors && a.adjacencyEdge == b.adjacencyEdge)
        #expect(a.edgeSource == b.edgeSource && a.edgeTarget == b.edgeTarget && a.edgeWeight == b.edgeWeight)
        #expect(a.edgeFractional == b.edgeFractional && a.edgeFirstYear == b.edgeFirstYear && a.edgeLastYear == b.edgeLastYear)
        #expect(a.paperKept == b.paperKept && a.keptPaperCount == b.keptPaperCount && a.hyperauthoredPapers == b.hyperauthoredPapers)
    }

    @Test func storedGraphRoundTrips() throws {
        let c = sample()
        for options in [GraphOptions(), GraphOptions(fromYear: 2002, maxAuthors: 2, minWeight: 2, largestComponent: true)] {
            let g = CoauthorGraph(corpus: c, options: options)
            let bytes = Snapshot.encode(c, info: .init(skippedRecords: 0, inputs: []), graph: g)
            let back = try bytes.withUnsafeBytes { try Snapshot.decodeContents($0, path: "m") }
            back.corpus._checkInvariants()
            same(c, back.corpus)
            let stored = try #require(back.graph)
            stored._checkInvariants()
            sameGraph(stored, g)
            sameGraph(stored, CoauthorGraph(corpus: back.corpus, options: options))
            #expect(Snapshot.encode(back.corpus, info: back.info, graph: stored) == bytes)
        }
        // Without a graph, none comes back.
        let plain = Snapshot.encode(c, info: .init(skippedRecords: 0, inputs: []))
        #expect(try plain.withUnsafeBytes { try Snapshot.decodeContents($0, path: "m") }.graph == nil)
    }

    @Test func inconsistentStoredGraphIsRefused() throws {
        let c = sample()
        let g = CoauthorGraph(corpus: c)
        #expect(g.edgeCount >= 2)
        // Edges in the wrong order, under a valid checksum.
        let swapped = CoauthorGraph(
            corpus: c, options: g.options,
            nodes: .init(author: g.nodeAuthor, papers: g.nodePapers, first: g.nodeFirstYear, last: g.nodeLastYear),
            edges: .init(source: g.edgeSource.reversed(), target: g.edgeTarget.reversed(), weight: g.edgeWeight,
                         fractional: g.edgeFractional, first: g.edgeFirstYear, last: g.edgeLastYear),
            paperKept: g.paperKept, keptPaperCount: g.keptPaperCount, hyperauthored: 0)
        let bytes = Snapshot.encode(c, info: .init(skippedRecords: 0, inputs: []), graph: swapped)
        #expect(throws: SnapshotError.corrupt(path: "m", reason: "stored graph: edges out of order")) {
            try bytes.withUnsafeBytes { try Snapshot.decodeContents($0, path: "m") }
        }
    }
}

/// Forged snapshots — damaged on purpose and given a valid checksum — are errors, never traps
/// (issue 21): every 8-byte word of the payload set to values that overflow `Int`, wrap a sum or
/// point past the end, and every byte flipped, each with its checksum made right again.
@Suite struct SnapshotForgeryTests {
    /// Decodes a forged snapshot; when it is accepted, uses it as a command would (graphs under
    /// the stored and other filters, their summaries). Returns whether it was accepted.
    static func use(_ bytes: [UInt8]) throws -> Bool {
        do {
            let c = try bytes.withUnsafeBytes { try Snapshot.decodeContents($0, path: "f.coauthor") }
            _ = c.graph?.summary()
            _ = CoauthorGraph(corpus: c.corpus).summary()
            _ = CoauthorGraph(corpus: c.corpus, options: GraphOptions(maxAuthors: 0, largestComponent: true)).summary()
            return true
        } catch let e as SnapshotError {
            guard case .corrupt(let path, _) = e, path == "f.coauthor" else { throw e }
            return false
        }
    }

    @Test func forgedCountsAndOffsetsAreErrors() throws {
        let c = SnapshotTests().sample()
        let bytes = Snapshot.encode(c, info: .init(skippedRecords: 1, inputs: ["a.bib"]), graph: CoauthorGraph(corpus: c))
        var rejected = 0, tried = 0
        for w in stride(from: 32, to: bytes.count - 7, by: 8) {
            let old = bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: w, as: UInt64.self) }
            for v: UInt64 in [.max, 1 << 63, UInt64(Int.max), old &+ 1, old &- 1, old << 1, 0, old &+ (1 << 62)] where v != old {
                var forged = bytes
                forged.withUnsafeMutableBytes { $0.storeBytes(of: v.littleEndian, toByteOffset: w, as: UInt64.self) }
                Snapshot.seal(&forged)
                tried += 1
                if try !Self.use(forged) { rejected += 1 }
            }
        }
        for i in 32..<bytes.count {
            for mask: UInt8 in [0x80, 0x01, 0xFF] {
                var forged = bytes
                forged[i] ^= mask
                Snapshot.seal(&forged)
                tried += 1
                if try !Self.use(forged) { rejected += 1 }
            }
        }
        // Most changes are caught by the structure checks (a changed title byte is a valid file).
        #expect(rejected > tried / 2, "\(rejected) of \(tried) rejected")
    }

    @Test func namedForgeriesGiveTheirReasons() throws {
        let c = SnapshotTests().sample()
        let bytes = Snapshot.encode(c, info: .init(skippedRecords: 0, inputs: []), graph: CoauthorGraph(corpus: c))
        // A word whose change to UInt64.max used to trap (`Int(UInt64)`, an overflowing sum) now
        // reads as a corrupt section.
        var reasons: Set<String> = []
        for w in stride(from: 32, to: bytes.count - 7, by: 8) {
            var forged = bytes
            forged.withUnsafeMutableBytes { $0.storeBytes(of: UInt64.max, toByteOffset: w, as: UInt64.self) }
            Snapshot.seal(&forged)
            do { _ = try forged.withUnsafeBytes { try Snapshot.decodeContents($0, path: "f") } } catch let e as SnapshotError {
                if case .corrupt(_, let r) = e { reasons.insert(r) }
            }
        }
        for r in ["count out of range", "paper membership is inconsistent", "report counts", "merge log is inconsistent"] {
            #expect(reasons.contains(r), "\(r) not among \(reasons.sorted())")
        }
    }
}
