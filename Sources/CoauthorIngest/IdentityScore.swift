import CoauthorGraph
import CoauthorRecords
import Foundation

/// How well an assignment of mentions to authors matches a gold standard.
///
/// - B³ (Bagga & Baldwin 1998, "Algorithms for scoring coreference chains", LREC workshop;
///   Amigó et al. 2009, doi:10.1007/s10791-008-9066-8): for each mention m, precision is the share
///   of the mentions in m's predicted cluster that are in m's gold cluster, recall the share of m's
///   gold cluster that is in its predicted cluster; both averaged over mentions. With n_pg mentions
///   in predicted cluster p and gold cluster g: P = Σ n_pg² / |p| / N, R = Σ n_pg² / |g| / N.
/// - Pairwise: over unordered pairs of mentions, precision = pairs together in both / pairs
///   together in the prediction, recall = pairs together in both / pairs together in the gold
///   (1 when there is no pair to count).
/// - F1 = 2PR / (P + R) (0 when both are 0).
///
/// - Complexity: O(N log N) for N mentions (one sort of the (predicted, gold) label pairs).
public struct ClusterScores: Sendable, Equatable {
    public var mentions: Int
    public var b3Precision: Double
    public var b3Recall: Double
    public var b3F1: Double
    public var pairPrecision: Double
    public var pairRecall: Double
    public var pairF1: Double
    public var predictedClusters: Int
    public var goldClusters: Int

    /// Scores of `predicted` against `gold` (labels per mention; equal labels = one cluster).
    public init(predicted: [Int32], gold: [Int32]) {
        precondition(predicted.count == gold.count)
        let n = predicted.count
        mentions = n
        func sizes(_ labels: [Int32]) -> [Int32: Int] {
            var s: [Int32: Int] = [:]
            for l in labels { s[l, default: 0] += 1 }
            return s
        }
        let ps = sizes(predicted), gs = sizes(gold)
        predictedClusters = ps.count
        goldClusters = gs.count
        var joint = (0..<n).map { UInt64(UInt32(bitPattern: predicted[$0])) << 32 | UInt64(UInt32(bitPattern: gold[$0])) }
        joint.sort()
        var b3p = 0.0, b3r = 0.0, together = 0.0
        var i = 0
        while i < n {
            var j = i
            while j < n && joint[j] == joint[i] { j += 1 }
            let c = Double(j - i)
            let p = Int32(bitPattern: UInt32(truncatingIfNeeded: joint[i] >> 32))
            let g = Int32(bitPattern: UInt32(truncatingIfNeeded: joint[i]))
            b3p += c * c / Double(ps[p]!)
            b3r += c * c / Double(gs[g]!)
            together += c * (c - 1) / 2
            i = j
        }
        func f1(_ p: Double, _ r: Double) -> Double { p + r == 0 ? 0 : 2 * p * r / (p + r) }
        b3Precision = n == 0 ? 1 : b3p / Double(n)
        b3Recall = n == 0 ? 1 : b3r / Double(n)
        b3F1 = f1(b3Precision, b3Recall)
        let predictedPairs = ps.values.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
        let goldPairs = gs.values.reduce(0.0) { $0 + Double($1) * Double($1 - 1) / 2 }
        pairPrecision = predictedPairs == 0 ? 1 : together / predictedPairs
        pairRecall = goldPairs == 0 ? 1 : together / goldPairs
        pairF1 = f1(pairPrecision, pairRecall)
    }
}

/// A gold standard of author identity: one row per author mention, `paper,position,person`
/// (the paper's id, the 1-based position among the paper's usable author mentions, and any label
/// naming the true person), with that header. Mentions not listed are not scored.
public struct IdentityGold: Sendable {
    /// Index into `Corpus.mentions` (`byPaper.items`) of each gold mention, and its person label.
    public var mention: [Int]
    public var person: [Int32]
    public var personNames: [String]

    /// Reads a gold file against `corpus`.
    /// - Throws: `RecordError.malformed` with the line of a row that is not three fields, names a
    ///   paper the corpus does not have, a position the paper does not have, or a mention already
    ///   listed; `RecordError.unreadable` when the file cannot be read.
    public static func load(path: String, corpus: Corpus) throws -> IdentityGold {
        let doc = try SourceDocument.load(path: path)
        let rows = DelimitedReader.lines(doc)
        func fail(_ line: Int, _ what: String) -> RecordError { RecordError.malformed(SourceLocation(file: path, line: line), what) }
        guard let header = rows.first else { throw fail(1, "empty gold file: expected the header paper,position,person") }
        guard header.fields.map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) == ["paper", "position", "person"] else {
            throw fail(header.line, "expected the header paper,position,person")
        }
        var paperIndex: [String: Int] = [:]
        paperIndex.reserveCapacity(corpus.papers.count)
        for p in 0..<corpus.papers.count where paperIndex[corpus.papers.id[p]] == nil { paperIndex[corpus.papers.id[p]] = p }
        var out = IdentityGold(mention: [], person: [], personNames: [])
        var personIndex: [String: Int32] = [:]
        var listed = Set<Int>()
        let m = corpus.mentions.byPaper
        for row in rows.dropFirst() {
            if let e = row.error { throw fail(row.line, e) }
            guard row.fields.count == 3 else { throw fail(row.line, "expected 3 fields (paper,position,person), found \(row.fields.count)") }
            let id = row.fields[0], who = row.fields[2]
            guard let p = paperIndex[id] else { throw fail(row.line, "no paper with id '\(id)' in the input") }
            guard let pos = Int(row.fields[1].trimmingCharacters(in: .whitespaces)), pos >= 1 else {
                throw fail(row.line, "position '\(row.fields[1])' is not a 1-based number")
            }
            let count = m.rowLength(p)
            guard pos <= count else { throw fail(row.line, "paper '\(id)' has \(count) author mention\(count == 1 ? "" : "s"), not \(pos)") }
            let k = m.offsets[p] + pos - 1
            guard listed.insert(k).inserted else { throw fail(row.line, "mention \(pos) of paper '\(id)' is listed twice") }
            guard !who.isEmpty else { throw fail(row.line, "empty person") }
            let label: Int32
            if let l = personIndex[who] { label = l } else {
                label = Int32(out.personNames.count)
                personIndex[who] = label
                out.personNames.append(who)
            }
            out.mention.append(k)
            out.person.append(label)
        }
        return out
    }

    /// The scores of the corpus's assignment (`Corpus.mentions.author`) against this gold.
    public func score(_ corpus: Corpus) -> ClusterScores {
        ClusterScores(predicted: mention.map { corpus.mentions.author[$0] }, gold: person)
    }
}
