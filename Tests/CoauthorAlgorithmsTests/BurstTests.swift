import CoauthorGraph
import CoauthorRecords
import Foundation
import Testing
@testable import CoauthorAlgorithms

/// Kleinberg's two-state burst detection on synthetic series.
@Suite struct BurstTests {
    /// σ(i, t) without the binomial coefficient (the same for both states).
    func sigma(_ p: Double, _ r: Int, _ d: Int) -> Double {
        var c = 0.0
        if r > 0 { c -= Double(r) * log(p) }
        if d > r { c -= Double(d - r) * log(1 - p) }
        return c
    }

    /// The cheapest state sequence by trying all 2ⁿ of them (ties: the first in counting order,
    /// i.e. fewer and later bursts — the same preference for the low state as the Viterbi pass).
    func bruteForce(_ r: [Int], _ d: [Int], s: Double, gamma: Double) -> (cost: Double, states: [Bool]) {
        let n = r.count
        let p0 = Double(r.reduce(0, +)) / Double(d.reduce(0, +)), p1 = min(s * p0, 1)
        let tau = gamma * log(Double(n))
        var best = (cost: Double.infinity, states: [Bool]())
        for mask in 0..<(1 << n) {
            var cost = 0.0
            var prev = false
            var states: [Bool] = []
            for t in 0..<n {
                let q = mask >> (n - 1 - t) & 1 == 1
                if q && !prev { cost += tau }
                cost += q ? sigma(p1, r[t], d[t]) : sigma(p0, r[t], d[t])
                states.append(q)
                prev = q
            }
            if cost < best.cost - 1e-9 { best = (cost, states) }
        }
        return best
    }

    func states(_ bursts: [Burst], _ n: Int) -> [Bool] {
        var out = [Bool](repeating: false, count: n)
        for b in bursts { for t in b.start...b.end { out[t] = true } }
        return out
    }

    @Test func plantedBurst() throws {
        // 20 years of 100 papers; the subject has 5 a year, 25 in years 8–11.
        let d = [Int](repeating: 100, count: 20)
        var r = [Int](repeating: 5, count: 20)
        for t in 8...11 { r[t] = 25 }
        let bursts = try Kleinberg.bursts(counts: r, totals: d)
        #expect(bursts.count == 1)
        #expect(bursts.first?.start == 8 && bursts.first?.end == 11)
        // Strength = Σ over the burst of σ(0) − σ(1), with p₀ = (16·5 + 4·25)/2000, p₁ = 2p₀.
        let p0 = 180.0 / 2000, p1 = 2 * p0
        let expected = (8...11).reduce(0.0) { $0 + sigma(p0, r[$1], d[$1]) - sigma(p1, r[$1], d[$1]) }
        #expect(close(bursts[0].strength, expected, rel: 1e-12))
        #expect(bursts[0].strength > 0)
    }

    @Test func twoPlantedBurstsAndTheirOrder() throws {
        let d = [Int](repeating: 50, count: 30)
        var r = [Int](repeating: 1, count: 30)
        for t in 3...5 { r[t] = 12 }
        for t in 20...21 { r[t] = 20 }
        let bursts = try Kleinberg.bursts(counts: r, totals: d)
        #expect(bursts.map { [$0.start, $0.end] } == [[3, 5], [20, 21]])
    }

    @Test func flatSeriesHaveNoBurst() throws {
        // A constant share: the base state explains every year best.
        #expect(try Kleinberg.bursts(counts: [Int](repeating: 7, count: 25), totals: [Int](repeating: 70, count: 25)).isEmpty)
        // The same share with varying totals.
        let d = [10, 40, 20, 80, 30, 60, 50, 90, 100, 20]
        #expect(try Kleinberg.bursts(counts: d.map { $0 / 10 }, totals: d).isEmpty)
        // Nothing relevant, nothing at all, every document relevant (p₀ = 1).
        #expect(try Kleinberg.bursts(counts: [0, 0, 0], totals: [5, 5, 5]).isEmpty)
        #expect(try Kleinberg.bursts(counts: [0, 0], totals: [0, 0]).isEmpty)
        #expect(try Kleinberg.bursts(counts: [3, 1, 4], totals: [3, 1, 4]).isEmpty)
        #expect(try Kleinberg.bursts(counts: [], totals: []).isEmpty)
        // A small bump does not pay for the transition at γ = 1.
        #expect(try Kleinberg.bursts(counts: [5, 5, 6, 5, 5], totals: [100, 100, 100, 100, 100]).isEmpty)
    }

    @Test func viterbiIsOptimal() throws {
        // Every state sequence of random short series: the Viterbi result has the least cost.
        var rng = SplitMix64(seed: 2002)
        for trial in 0..<300 {
            let n = 1 + rng.next(below: 10)
            let d = (0..<n).map { _ in rng.next(below: 30) }
            let r = d.map { $0 == 0 ? 0 : rng.next(below: $0 + 1) }
            let s = [1.5, 2, 3][trial % 3], gamma = [0.0, 0.5, 1, 2][trial % 4]
            guard r.reduce(0, +) > 0 else { continue }
            let found = try Kleinberg.bursts(counts: r, totals: d, s: s, gamma: gamma)
            let best = bruteForce(r, d, s: s, gamma: gamma)
            let ours = states(found, n)
            let p0 = Double(r.reduce(0, +)) / Double(d.reduce(0, +)), p1 = min(s * p0, 1)
            var cost = 0.0, prev = false
            for t in 0..<n {
                if ours[t] && !prev { cost += gamma * log(Double(n)) }
                cost += ours[t] ? sigma(p1, r[t], d[t]) : sigma(p0, r[t], d[t])
                prev = ours[t]
            }
            #expect(close(cost, best.cost, rel: 1e-9), "trial \(trial): r \(r) d \(d) s \(s) γ \(gamma)")
            for b in found { #expect(b.strength >= gamma * log(Double(n)) - 1e-9) }
        }
    }

    @Test func handComputedWeight() throws {
        // Three years of 4 papers; 2 of them the subject's in the middle year only. p₀ = 2/12, p₁ = 1/3.
        // σ₀ − σ₁ in year 2 = 2 ln(p₁/p₀) + 2 ln((1 − p₁)/(1 − p₀)) = 2 ln 2 + 2 ln(0.8) = 2 ln 1.6 = 0.94;
        // entering costs γ ln 3 = 1.0986 at γ = 1 (no burst) and 0.5493 at γ = 0.5 (a burst of 0.94).
        #expect(try Kleinberg.bursts(counts: [0, 2, 0], totals: [4, 4, 4]).isEmpty)
        let b = try Kleinberg.bursts(counts: [0, 2, 0], totals: [4, 4, 4], gamma: 0.5)
        #expect(b.count == 1 && b[0].start == 1 && b[0].end == 1)
        #expect(close(b[0].strength, 2 * log(1.6), rel: 1e-12))
        // The seed's Ye Wang: 2 of 2018's 4 papers, 2 of 18 overall, 11 years: ln(4·49/64) = 1.119
        // < ln 11 at γ = 1.
        #expect(close(2 * log((2.0 / 9) / (1.0 / 9)) + 2 * log((7.0 / 9) / (8.0 / 9)), log(3.0625), rel: 1e-12))
    }

    @Test func burstStateSaturates() throws {
        // p₀ = 50/70 → p₁ = 1: the burst state only explains years where every paper is the subject's.
        let b = try Kleinberg.bursts(counts: [5, 5, 10, 10, 10, 5, 5], totals: [10, 10, 10, 10, 10, 10, 10])
        #expect(b.map { [$0.start, $0.end] } == [[2, 4]])
        #expect(b[0].strength.isFinite)
    }

    @Test func badParameters() {
        #expect(throws: AlgorithmError.self) { try Kleinberg.bursts(counts: [1], totals: [1, 2]) }
        #expect(throws: AlgorithmError.self) { try Kleinberg.bursts(counts: [3], totals: [2]) }
        #expect(throws: AlgorithmError.self) { try Kleinberg.bursts(counts: [-1], totals: [2]) }
        #expect(throws: AlgorithmError.self) { try Kleinberg.bursts(counts: [1], totals: [2], s: 1) }
        #expect(throws: AlgorithmError.self) { try Kleinberg.bursts(counts: [1], totals: [2], gamma: -1) }
    }

    @Test func authorAndTieBurstsInACorpus() throws {
        // 2000–2015: one background paper a year by a rotating pair of the four authors Ann, Bob,
        // Cy, Dee, plus in 2006–2008 three extra papers a year by Eve and Fay together.
        var records: [PaperRecord] = []
        let background = ["Ann A", "Bob B", "Cy C", "Dee D"]
        for y in 2000...2015 {
            for k in 0..<3 {
                records.append(timelineRecord("bg\(y)-\(k)", [background[(y + k) % 4], background[(y + k + 1) % 4]], year: y))
            }
            if (2006...2008).contains(y) {
                for k in 0..<3 { records.append(timelineRecord("ef\(y)-\(k)", ["Eve E", "Fay F"], year: y)) }
            }
        }
        let g = timelineGraph(records)
        let h = CollaborationHistory(g)
        let found = try h.bursts()
        let eve = g.nodeNamed("Eve E"), fay = g.nodeNamed("Fay F"), tie = g.edge(eve, fay)!
        #expect(found.contains { $0.subject == .author(eve) && ($0.start, $0.end, $0.papers) == (2006, 2008, 9) })
        #expect(found.contains { $0.subject == .author(fay) && ($0.start, $0.end) == (2006, 2008) })
        #expect(found.contains { $0.subject == .tie(tie) && ($0.start, $0.end) == (2006, 2008) })
        // The background authors: at most the small lull those years leaves — never a burst in 2006–2008.
        for b in found {
            if case .author(let v) = b.subject, [eve, fay].contains(v) { continue }
            if case .tie(let e) = b.subject, e == tie { continue }
            #expect(!(2006...2008).contains(b.start), "unexpected burst \(b)")
        }
        // Strongest first.
        #expect(zip(found, found.dropFirst()).allSatisfy { $0.strength >= $1.strength })
        // Restricted to Eve: her papers and her one tie.
        let mine = try h.bursts(author: eve)
        #expect(Set(mine.map(\.subject)) == [.author(eve), .tie(tie)])
        #expect(throws: AlgorithmError.self) { try h.bursts(s: 0.5) }
        #expect(throws: AlgorithmError.noSuchNode(-1)) { try h.bursts(author: -1) }
    }
}
