/// A small, fast, seeded pseudo-random generator (Steele, Lea & Flood 2014,
/// doi:10.1145/2714064.2660195). All randomness in coauthor is injected through a seeded
/// generator like this one, never global, so the same seed gives the same output.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (Lemire's nearly-divisionless method, exact).
    public mutating func next(below bound: Int) -> Int {
        precondition(bound > 0, "bound must be positive")
        return Int(truncatingIfNeeded: next(upperBound: UInt64(bound)))
    }

    /// `k` distinct values of `0..<n` in the order drawn (partial Fisher–Yates); all of them
    /// shuffled when k ≥ n.
    public mutating func sample(_ k: Int, from n: Int) -> [Int] {
        var pool = Array(0..<n)
        let m = min(k, n)
        for i in 0..<m {
            let j = i + next(below: n - i)
            pool.swapAt(i, j)
        }
        return Array(pool[0..<m])
    }
}
