// A seeded generator of synthetic paper records for the benchmarks (Benchmarks/compare), written
// as JSON Lines that `coauthor` and the Python peers read. Not part of the library.
import CoauthorGraph
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The parameters of the synthetic corpus. See `SynthGenerator` for the model.
struct SynthParameters: Equatable {
    /// Number of papers (lines) written.
    var papers = 1_000_000
    /// Size of the author pool; authors that draw no paper do not appear in the output.
    var authors = 550_000
    /// Number of planted communities (groups of authors with their own title terms and venue).
    var communities = 500
    /// Seed of the one SplitMix64 stream everything is drawn from.
    var seed: UInt64 = 1
    /// First and last publication year (inclusive).
    var firstYear = 1990
    var lastYear = 2016
    /// Yearly growth of the number of papers: P(year y) ∝ (1 + growth)^(y − firstYear).
    var growth = 0.05
    /// Probability that an author slot of a paper is filled from the whole pool (by productivity)
    /// instead of the paper's lead community: the share of cross-group collaboration.
    var mixing = 0.1
    /// Team size: with probability 1 − `teamTail`, k = 1 + Poisson(`teamMean`) (the body: papers of
    /// 1–5 authors); otherwise k = 6 + ⌊X⌋ with X ~ Lomax(shape α = `teamShape`, scale λ =
    /// `teamScale`), P(X > x) = (1 + x/λ)^(−α) (the tail up to hundreds). Redrawn above `maxTeam`.
    var teamMean = 1.8
    var teamTail = 0.03
    var teamShape = 2.0
    var teamScale = 4.0
    var maxTeam = 500
    /// Author productivity w ~ Lomax(shape β, scale 1): P(w > x) = (1 + x)^(−β); an author is drawn
    /// with probability ∝ w (inside a community, or from the whole pool with probability `mixing`).
    /// Many authors get one paper or none, a few get hundreds.
    var productivityShape = 3.0
    /// Community sizes are ∝ Pareto(shape γ) draws (a few large groups, many small ones).
    var communitySizeShape = 1.5

    /// A message for the first invalid parameter, nil when all are usable.
    func problem() -> String? {
        if papers < 0 { return "--papers must be ≥ 0" }
        if authors < 1 { return "--authors must be ≥ 1" }
        if communities < 1 || communities > authors { return "--communities must be in 1…authors" }
        if firstYear > lastYear { return "--years: first year after last year" }
        if !(growth > -1 && growth.isFinite) { return "--growth must be > -1" }
        if !(mixing >= 0 && mixing <= 1) { return "--mixing must be in [0, 1]" }
        if !(teamShape > 0 && teamShape.isFinite) || !(teamScale > 0 && teamScale.isFinite) {
            return "--team-shape and --team-scale must be positive"
        }
        if maxTeam < 1 { return "--max-team must be ≥ 1" }
        if !(teamMean >= 0 && teamMean <= 50) { return "--team-mean must be in [0, 50]" }
        if !(teamTail >= 0 && teamTail <= 1) { return "--team-tail must be in [0, 1]" }
        if !(productivityShape > 0 && productivityShape.isFinite) { return "--productivity-shape must be positive" }
        if !(communitySizeShape > 0 && communitySizeShape.isFinite) { return "--community-size-shape must be positive" }
        return nil
    }
}

/// Generates paper records with planted communities, streamed one line at a time.
///
/// The model (all draws from one `SplitMix64(seed)` stream, in a fixed order, so the same
/// parameters give the same bytes):
/// 1. Communities: sizes ∝ s_c ~ Pareto(γ) (each ≥ 1 author), as contiguous blocks of the author
///    pool `0..<authors`. Each community has 12 title terms and a venue made from its own
///    sub-stream `SplitMix64(seed ^ (c + 1) · φ)`.
/// 2. Authors: productivity w_i ~ Lomax(β), w = (1 − u)^(−1/β) − 1. Expected papers of an author
///    ∝ w_i, so paper counts per author are heavy-tailed.
/// 3. Each paper: a lead community c with P(c) ∝ Σ_{i ∈ c} w_i; a team size k (1 + Poisson(μ) with
///    probability 1 − t, else 6 + ⌊λ((1 − u)^(−1/α) − 1)⌋; redrawn while k > maxTeam), clamped to
///    the pool size; k distinct authors, each drawn
///    ∝ w from c with probability 1 − mixing and ∝ w from the whole pool otherwise (a drawn
///    duplicate is redrawn, at most 32 times per slot; then the paper keeps fewer authors); a year
///    with P(y) ∝ (1 + growth)^(y − firstYear); a title of 4–9 words, each one of c's terms with
///    probability ½ and otherwise a general word.
/// 4. Names: author i is `GIVEN[i mod 128] + " " + family(i / 128)`, the family being the base-75
///    digits of i / 128 (at least two) written as consonant–vowel syllables: distinct indices give
///    distinct names, also after case folding.
///
/// Output line: `{"id":"synth/S/N","type":"article","year":Y,"title":"…","venue":"…","authors":[…]}`.
/// - Complexity: O(authors + communities) memory (one `[Double]` of cumulative productivity, one
///   `[Int32]` of community starts); time O(authors + papers · k̄ · log authors).
/// - References: team sizes and productivity after Newman, "The structure of scientific
///   collaboration networks", PNAS 98 (2001); planted partition after Lancichinetti, Fortunato &
///   Radicchi, "Benchmark graphs for testing community detection algorithms", Phys. Rev. E 78 (2008).
struct SynthGenerator {
    let parameters: SynthParameters
    private var rng: SplitMix64
    /// cumulative[i] = w_0 + … + w_{i−1}; count authors + 1.
    private var cumulative: [Double] = []
    /// start[c] = first author of community c; count communities + 1.
    private(set) var start: [Int32] = []
    /// Cumulative weight of the communities (for the lead community), count communities + 1.
    private var communityCumulative: [Double] = []
    private var yearCumulative: [Double] = []
    private var terms: [[[UInt8]]] = []
    private var venues: [[UInt8]] = []
    private var written = 0

    init(_ parameters: SynthParameters) {
        precondition(parameters.problem() == nil, parameters.problem() ?? "")
        self.parameters = parameters
        rng = SplitMix64(seed: parameters.seed)
        let n = parameters.authors, cc = parameters.communities
        // Communities: Pareto sizes, as contiguous blocks with at least one author each.
        var sizes = [Double](repeating: 0, count: cc)
        for c in 0..<cc { sizes[c] = pareto(parameters.communitySizeShape) }
        let total = sizes.reduce(0, +)
        start = [Int32](repeating: 0, count: cc + 1)
        var acc = 0.0
        for c in 0..<cc {
            acc += sizes[c]
            let ideal = Int((Double(n) * acc / total).rounded(.down))
            let lo = Int(start[c]) + 1, hi = n - (cc - 1 - c)
            start[c + 1] = Int32(c == cc - 1 ? n : min(max(ideal, lo), hi))
        }
        // Productivity and its running sums.
        cumulative = [Double](repeating: 0, count: n + 1)
        var s = 0.0
        for i in 0..<n {
            s += pareto(parameters.productivityShape) - 1
            cumulative[i + 1] = s
        }
        communityCumulative = (0...cc).map { cumulative[Int(start[$0])] }
        let years = parameters.lastYear - parameters.firstYear + 1
        yearCumulative = [0]
        var y = 0.0, g = 1.0
        for _ in 0..<years {
            y += g
            g *= 1 + parameters.growth
            yearCumulative.append(y)
        }
        // Community vocabularies and venues (own sub-streams: independent of the main draws).
        for c in 0..<cc {
            var sub = SplitMix64(seed: parameters.seed ^ (UInt64(c + 1) &* 0x9E37_79B9_7F4A_7C15))
            var words: [[UInt8]] = []
            for _ in 0..<12 { words.append(Self.word(&sub, syllables: 2 + sub.next(below: 3), suffix: true)) }
            terms.append(words)
            venues.append(Array("Journal of ".utf8) + Self.capitalised(words[0]) + Array(" and ".utf8) + Self.capitalised(words[1]))
        }
    }

    /// Community of author `i` (binary search over the block starts).
    func community(of i: Int) -> Int {
        var lo = 0, hi = parameters.communities  // start[lo] ≤ i < start[hi]
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if Int(start[mid]) <= i { lo = mid } else { hi = mid }
        }
        return lo
    }

    private mutating func uniform() -> Double { Double(rng.next() >> 11) * 0x1p-53 }

    private mutating func pareto(_ shape: Double) -> Double {
        let u = uniform()
        return pow(1 - u, -1 / shape)
    }

    /// The index j in lo..<hi with table[j] ≤ r < table[j + 1] (table increasing).
    private static func search(_ table: [Double], _ r: Double, _ lo: Int, _ hi: Int) -> Int {
        var lo = lo, hi = hi
        while hi - lo > 1 {
            let mid = (lo + hi) / 2
            if table[mid] <= r { lo = mid } else { hi = mid }
        }
        return lo
    }

    /// An author drawn ∝ productivity from authors a..<b.
    private mutating func author(_ a: Int, _ b: Int) -> Int {
        let r = cumulative[a] + uniform() * (cumulative[b] - cumulative[a])
        return Self.search(cumulative, r, a, b)
    }

    /// The team size: 1 + Poisson(μ) with probability 1 − t, else 6 + ⌊Lomax(α, λ)⌋; redrawn above
    /// maxTeam (the tail is drawn only when maxTeam ≥ 6).
    mutating func teamSize() -> Int {
        let p = parameters
        if p.maxTeam >= 6 && uniform() < p.teamTail {
            while true {
                let x = p.teamScale * (pow(1 - uniform(), -1 / p.teamShape) - 1)
                if x < Double(p.maxTeam - 5) { return 6 + Int(x) }
            }
        }
        while true {
            // Poisson by multiplying uniforms (Knuth): fine for the small means used here.
            let limit = exp(-p.teamMean)
            var k = 0, prod = uniform()
            while prod > limit {
                k += 1
                prod *= uniform()
            }
            if 1 + k <= p.maxTeam { return 1 + k }
        }
    }

    /// The next record as one JSON Lines line (with its newline) appended to `out`.
    mutating func appendPaper(to out: inout [UInt8]) {
        let p = parameters
        let c = Self.search(communityCumulative, uniform() * communityCumulative[p.communities], 0, p.communities)
        let k = min(teamSize(), p.authors)
        var team: [Int] = []
        team.reserveCapacity(k)
        for _ in 0..<k {
            for _ in 0..<32 {
                let a = uniform() < p.mixing ? author(0, p.authors) : author(Int(start[c]), Int(start[c + 1]))
                if !team.contains(a) {
                    team.append(a)
                    break
                }
            }
        }
        let year = p.firstYear + Self.search(yearCumulative, uniform() * yearCumulative[yearCumulative.count - 1], 0, yearCumulative.count - 1)
        let words = 4 + rng.next(below: 6)
        out += Array("{\"id\":\"synth/\(p.seed)/\(written)\",\"type\":\"article\",\"year\":\(year),\"title\":\"".utf8)
        for w in 0..<words {
            if w > 0 { out.append(0x20) }
            let term = rng.next() & 1 == 0 ? terms[c][rng.next(below: 12)] : Self.general[rng.next(below: Self.general.count)]
            out += w == 0 ? Self.capitalised(term) : term
        }
        out += Array("\",\"venue\":\"".utf8)
        out += venues[c]
        out += Array("\",\"authors\":[".utf8)
        for (j, a) in team.enumerated() {
            if j > 0 { out.append(0x2C) }
            out.append(0x22)
            Self.appendName(a, to: &out)
            out.append(0x22)
        }
        out += Array("]}\n".utf8)
        written += 1
    }

    // MARK: names and words

    static let given: [[UInt8]] = [
        "Anna", "Ben", "Carla", "David", "Elena", "Felix", "Greta", "Hugo", "Ines", "Jonas", "Karin", "Lars",
        "Maria", "Nils", "Olga", "Paul", "Rosa", "Simon", "Tara", "Ugo", "Vera", "Walter", "Yara", "Zoltan",
        "Aiko", "Bruno", "Chen", "Dario", "Emma", "Farid", "Gianni", "Hana", "Ivan", "Julia", "Kenji", "Lena",
        "Marco", "Nadia", "Oscar", "Priya", "Quentin", "Rafael", "Sofia", "Tomas", "Ulla", "Victor", "Wei", "Xenia",
        "Yusuf", "Zara", "Adrian", "Bianca", "Cyril", "Daria", "Emil", "Fatima", "Gustav", "Helga", "Igor", "Jana",
        "Kofi", "Lucia", "Mateo", "Nora", "Omar", "Petra", "Ravi", "Selma", "Theo", "Uma", "Vito", "Wanda",
        "Yosef", "Zeynep", "Alma", "Boris", "Clara", "Dmitri", "Eva", "Frank", "Gloria", "Henrik", "Irene", "Jorge",
        "Klara", "Leon", "Mira", "Nikolai", "Ola", "Pedro", "Rita", "Sven", "Tina", "Ulrich", "Valentina", "Wolfgang",
        "Yuki", "Zeno", "Amir", "Beatriz", "Carlos", "Dana", "Erik", "Flora", "Georg", "Hiro", "Ida", "Jakob",
        "Kira", "Luis", "Mei", "Noah", "Otto", "Pia", "Rolf", "Sara", "Timo", "Una", "Viktor", "Wen",
        "Ximena", "Yann", "Zofia", "Arjun", "Bea", "Cem", "Dina", "Elif",
    ].map { Array($0.utf8) }
    static let consonants = Array("bdfghklmnprstvz".utf8)
    static let vowels = Array("aeiou".utf8)
    static let general: [[UInt8]] = [
        "analysis", "learning", "model", "models", "networks", "method", "methods", "approach", "study", "system",
        "systems", "efficient", "robust", "scalable", "towards", "on", "of", "for", "with", "using", "in", "a",
        "the", "and", "data", "evaluation", "framework", "optimal", "adaptive", "distributed", "fast", "novel",
        "theory", "design", "performance", "applications", "estimation", "structure", "dynamic", "large-scale",
    ].map { Array($0.utf8) }

    /// `syllables` consonant–vowel syllables drawn from `g` (a word of a community's vocabulary).
    static func word(_ g: inout SplitMix64, syllables: Int, suffix: Bool) -> [UInt8] {
        var w: [UInt8] = []
        for _ in 0..<syllables {
            w.append(consonants[g.next(below: consonants.count)])
            w.append(vowels[g.next(below: vowels.count)])
        }
        if suffix { w += Array(["tion", "ics", "ing", "ity", "al", "ogy"][g.next(below: 6)].utf8) }
        return w
    }

    static func capitalised(_ w: [UInt8]) -> [UInt8] {
        guard let f = w.first, f >= 0x61, f <= 0x7A else { return w }
        var c = w
        c[0] = f - 0x20
        return c
    }

    /// Author i's name: a given name and a family name of base-75 consonant–vowel syllables.
    static func appendName(_ i: Int, to out: inout [UInt8]) {
        out += given[i % given.count]
        out.append(0x20)
        var q = i / given.count
        var digits: [Int] = []
        let base = consonants.count * vowels.count
        repeat {
            digits.append(q % base)
            q /= base
        } while q > 0
        while digits.count < 2 { digits.append(0) }
        for (j, d) in digits.reversed().enumerated() {
            let cons = consonants[d / vowels.count]
            out.append(j == 0 ? cons - 0x20 : cons)
            out.append(vowels[d % vowels.count])
        }
    }

    static func name(_ i: Int) -> String {
        var b: [UInt8] = []
        appendName(i, to: &b)
        return String(decoding: b, as: UTF8.self)
    }
}
