import Testing
import CoauthorParallel

/// `filled` and `joined` (arrays made in two halves on two threads) give the arrays a plain
/// `map` and `+` give, for sizes around the halves' edges, on one thread and on two.
@Suite struct ParallelFillTests {
    @Test func filledIsMap() {
        for count in [0, 1, 2, 3, 1000, 1001, 65_537] {
            let want = (0..<count).map { Double($0 * 7 % 13) }
            for parallel in [false, true] {
                #expect(filled(count: count, parallel: parallel) { Double($0 * 7 % 13) } == want, "\(count) \(parallel)")
            }
        }
    }

    @Test func joinedIsConcatenation() {
        for (m, n) in [(0, 0), (0, 5), (5, 0), (1, 1), (999, 1001), (40_000, 3)] {
            let a = (0..<m).map { Int32($0) }, b = (0..<n).map { Int32(-$0 - 1) }
            for parallel in [false, true] {
                #expect(joined(a, b, parallel: parallel) == a + b, "\(m) \(n) \(parallel)")
            }
        }
    }
}
