import CoauthorGraph
import HeapModule

/// Authors in ranking order by a metric's scores: best first (lowest first when the metric ranks
/// lowest-first, as constraint does), NaN last, ties broken by display name, then by identity key
/// (both compared as UTF-8 bytes, which orders like Unicode scalar values, without making
/// `String`s). This is the order of `coauthor rank`, `render`'s most central authors and every
/// "top N" list.
public enum Ranking {
    /// Node indices of `graph` in ranking order by `score` (one value per node). With `top` > 0,
    /// only the first `top`: the `top` best scores are kept in a bounded heap
    /// (swift-collections' min-max `Heap`, worst kept score at its minimum), every node scoring at
    /// least as well as the `top`-th best is selected (ties at the boundary included), and only
    /// those are sorted.
    /// - Complexity: O(N log top) for the selection, plus O(K log K) to sort the K selected nodes
    ///   (all N when `top` is 0).
    public static func order(_ score: [Double], in graph: CoauthorGraph, higherIsBetter: Bool, top: Int = 0) -> [Int] {
        precondition(score.count == graph.nodeCount, "one score per node")
        let names = graph.corpus.authors.displayName, keys = graph.corpus.authors.key
        func better(_ x: Double, _ y: Double) -> Bool { RankedScore.better(x, y, higherIsBetter: higherIsBetter) }
        var candidates = Array(0..<graph.nodeCount)
        if top > 0 && top < graph.nodeCount {
            var kept = Heap<RankedScore>()
            kept.reserveCapacity(top)
            for v in 0..<graph.nodeCount {
                let x = RankedScore(value: score[v], higherIsBetter: higherIsBetter)
                if kept.count < top {
                    kept.insert(x)
                } else if x > kept.min! {
                    kept.replaceMin(with: x)
                }
            }
            let threshold = kept.min!.value
            candidates = candidates.filter { !better(threshold, score[$0]) }
        }
        candidates.sort { a, b in
            let x = score[a], y = score[b]
            if better(x, y) { return true }
            if better(y, x) { return false }
            let na = Int(graph.nodeAuthor[a]), nb = Int(graph.nodeAuthor[b])
            let byName = compareBytes(names, na, nb)
            if byName != 0 { return byName < 0 }
            return compareBytes(keys, na, nb) < 0
        }
        return top > 0 ? Array(candidates.prefix(top)) : candidates
    }

    /// −1, 0 or 1 as string `a` of `column` orders before, with or after string `b` by UTF-8 bytes.
    static func compareBytes(_ column: StringColumn, _ a: Int, _ b: Int) -> Int {
        column.withUTF8(a) { x in
            column.withUTF8(b) { y in
                let n = min(x.count, y.count)
                for i in 0..<n where x[i] != y[i] { return x[i] < y[i] ? -1 : 1 }
                return x.count == y.count ? 0 : (x.count < y.count ? -1 : 1)
            }
        }
    }
}

/// A score ordered by rank: `a < b` when `a` ranks worse than `b` (NaN worst of all, NaNs equal).
struct RankedScore: Comparable {
    var value: Double
    var higherIsBetter: Bool

    static func better(_ x: Double, _ y: Double, higherIsBetter: Bool) -> Bool {
        if x.isNaN != y.isNaN { return !x.isNaN }
        if !x.isNaN && x != y { return higherIsBetter ? x > y : x < y }
        return false
    }

    static func < (a: RankedScore, b: RankedScore) -> Bool { better(b.value, a.value, higherIsBetter: a.higherIsBetter) }
    static func == (a: RankedScore, b: RankedScore) -> Bool { !(a < b) && !(b < a) }
}
