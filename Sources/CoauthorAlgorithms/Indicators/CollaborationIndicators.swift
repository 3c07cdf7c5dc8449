import CoauthorGraph
import CoauthorModel
import Foundation

/// The collaboration indicators bibliometric studies report, from a corpus (`coauthor indicators`).
/// Formulas, references and complexity: docs/indicators.md.
///
/// With N = papers with at least one author and f_j = papers with j distinct authors:
/// - `authorsPerPaper` = Σ j f_j / N (Lawani 1980);
/// - `collaborationIndex` = Σ_{j≥2} j f_j / Σ_{j≥2} f_j (as bibliometrix reports it; nil without
///   multi-authored papers);
/// - `degreeOfCollaboration` = (N − f_1) / N (Subramanyam 1983, doi:10.1177/016555158300600105);
/// - `collaborationCoefficient` = 1 − Σ_j (1/j) f_j / N (Ajiferuke, Burell & Tague 1988,
///   doi:10.1007/BF02016680);
/// - `modifiedCollaborationCoefficient` = N/(N−1) × CC (Savanur & Srikanth 2010,
///   doi:10.1007/s11192-009-0098-9; nil for N < 2);
/// - `lotka`: Lotka's law over authors' paper counts (`Lotka`);
/// - with country data (`UnitCorpus` of countries): per country papers (full), fractional papers,
///   SCP/MCP (papers whose known countries are only this one / this one and at least one other),
///   MCP ratio; and the international co-authorship share = papers with two or more known countries
///   / papers with at least one known country.
///
/// - Complexity: O(P + A) for P papers and A author mentions, plus `Lotka`'s fit.
public struct CollaborationIndicators: Sendable {
    public var papers = 0
    public var authors = 0
    public var singleAuthoredPapers = 0
    public var multiAuthoredPapers = 0
    public var authorsPerPaper: Double?
    public var papersPerAuthor: Double?
    public var collaborationIndex: Double?
    public var degreeOfCollaboration: Double?
    public var collaborationCoefficient: Double?
    public var modifiedCollaborationCoefficient: Double?
    public var lotka: Lotka?
    /// Nil when the corpus has no country data.
    public var countries: [CountryRow]?
    public var papersWithCountry = 0
    public var internationalCoauthorshipShare: Double?

    public struct CountryRow: Sendable, Equatable {
        /// ISO code, or `unknown` for addresses no rule places.
        public var code: String
        public var name: String
        public var papers: Int
        public var fractional: Double
        public var singleCountryPapers: Int
        public var multipleCountryPapers: Int
        public var mcpRatio: Double?
    }

    /// The indicators over the papers `keep` says yes to (all when nil).
    public init(corpus: Corpus, countries: UnitCorpus?, keep: ((Int) -> Bool)? = nil) {
        var f: [Int: Int] = [:]
        var seen = [Bool](repeating: false, count: corpus.authors.count)
        var papersOf = [Int](repeating: 0, count: corpus.authors.count)
        for p in 0..<corpus.papers.count where keep?(p) ?? true {
            let row = corpus.paperAuthors.row(p)
            guard !row.isEmpty else { continue }
            papers += 1
            f[row.count, default: 0] += 1
            for a in row {
                if !seen[Int(a)] { seen[Int(a)] = true; authors += 1 }
                papersOf[Int(a)] += 1
            }
        }
        singleAuthoredPapers = f[1] ?? 0
        multiAuthoredPapers = papers - singleAuthoredPapers
        if papers > 0 {
            let n = Double(papers)
            var mentions = 0.0, inverse = 0.0, multiMentions = 0.0
            for (j, count) in f {
                mentions += Double(j * count)
                inverse += Double(count) / Double(j)
                if j >= 2 { multiMentions += Double(j * count) }
            }
            authorsPerPaper = mentions / n
            papersPerAuthor = n / Double(authors)
            collaborationIndex = multiAuthoredPapers > 0 ? multiMentions / Double(multiAuthoredPapers) : nil
            degreeOfCollaboration = Double(multiAuthoredPapers) / n
            let cc = 1 - inverse / n
            collaborationCoefficient = cc
            modifiedCollaborationCoefficient = papers > 1 ? n / (n - 1) * cc : nil
            lotka = Lotka(paperCounts: papersOf.filter { $0 > 0 })
        }
        guard let units = countries, units.unit == .country, units.papersWithUnits > 0 else { return }
        let c = units.corpus
        var rows: [CountryRow] = c.authors.key.indices.map { u in
            CountryRow(code: c.authors.key[u], name: c.authors.displayName[u], papers: 0, fractional: 0,
                       singleCountryPapers: 0, multipleCountryPapers: 0, mcpRatio: nil)
        }
        let unknown = c.authors.key.firstIndex(of: UnitCorpus.unknownCountry)
        var withKnown = 0, international = 0
        for p in 0..<c.papers.count where keep?(p) ?? true {
            let shares = units.shares(of: p)
            guard !shares.isEmpty else { continue }
            papersWithCountry += 1
            let known = shares.filter { Int($0.unit) != unknown }.count
            if known > 0 { withKnown += 1 }
            if known > 1 { international += 1 }
            for s in shares {
                let u = Int(s.unit)
                rows[u].papers += 1
                rows[u].fractional += s.share
                guard u != unknown else { continue }
                if known == 1 { rows[u].singleCountryPapers += 1 } else { rows[u].multipleCountryPapers += 1 }
            }
        }
        for i in rows.indices where rows[i].code != UnitCorpus.unknownCountry && rows[i].papers > 0 {
            rows[i].mcpRatio = Double(rows[i].multipleCountryPapers) / Double(rows[i].papers)
        }
        self.countries = rows.filter { $0.papers > 0 }
            .sorted { ($1.papers, $0.code) < ($0.papers, $1.code) }
        internationalCoauthorshipShare = withKnown > 0 ? Double(international) / Double(withKnown) : nil
    }
}

/// Lotka's law: the number of authors with x papers falls as C / x^β.
///
/// - Least squares (as bibliometrix's `lotka`): over the distinct paper counts x with y(x) > 0
///   authors, the line log10(y(x)/A) = log10(C) − β log10(x) fitted by ordinary least squares (A =
///   authors); `rSquared` is the fit's coefficient of determination. Nil with fewer than two
///   distinct counts.
/// - Maximum likelihood: the discrete power law P(x) = x^−α / ζ(α), x ≥ 1 (Clauset, Shalizi &
///   Newman 2009, doi:10.1137/070710111, eq. 3.5 with x_min = 1): α solves ζ'(α)/ζ(α) = −mean(ln x),
///   found by bisection on [1 + 1e-9, 50] to 1e-13; ζ and ζ' by direct sums to K = 64 and the
///   Euler–Maclaurin remainder (three terms). Nil when every author has one paper (α → ∞) or the
///   root is not in the interval.
/// - `ksStatistic` = max over x = 1…max of |S(x) − P(X ≤ x)| (S the authors' empirical CDF), for the
///   maximum-likelihood fit.
public struct Lotka: Sendable, Equatable {
    /// Authors per paper count: `frequencies[k]` = (papers, authors), ascending by papers.
    public var frequencies: [Frequency]
    public var betaLeastSquares: Double?
    public var cLeastSquares: Double?
    public var rSquared: Double?
    public var alphaMaximumLikelihood: Double?
    public var ksStatistic: Double?

    public struct Frequency: Sendable, Equatable {
        public var papers: Int
        public var authors: Int
    }

    public init(paperCounts: [Int]) {
        var count: [Int: Int] = [:]
        for x in paperCounts { count[x, default: 0] += 1 }
        frequencies = count.keys.sorted().map { Frequency(papers: $0, authors: count[$0]!) }
        let total = Double(paperCounts.count)
        if frequencies.count >= 2 {
            let xs = frequencies.map { log10(Double($0.papers)) }
            let ys = frequencies.map { log10(Double($0.authors) / total) }
            let n = Double(xs.count)
            let mx = xs.reduce(0, +) / n, my = ys.reduce(0, +) / n
            var sxy = 0.0, sxx = 0.0, syy = 0.0
            for i in xs.indices {
                sxy += (xs[i] - mx) * (ys[i] - my)
                sxx += (xs[i] - mx) * (xs[i] - mx)
                syy += (ys[i] - my) * (ys[i] - my)
            }
            let slope = sxy / sxx
            betaLeastSquares = -slope
            cLeastSquares = pow(10, my - slope * mx)
            rSquared = syy > 0 ? sxy * sxy / (sxx * syy) : nil
        }
        guard !paperCounts.isEmpty else { return }
        let meanLog = paperCounts.reduce(0.0) { $0 + log(Double($1)) } / total
        guard meanLog > 0 else { return }
        func g(_ a: Double) -> Double { let z = Lotka.zeta(a); return z.derivative / z.value + meanLog }
        var lo = 1 + 1e-9, hi = 50.0
        guard g(lo) < 0, g(hi) > 0 else { return }
        while hi - lo > 1e-13 {
            let mid = (lo + hi) / 2
            if g(mid) < 0 { lo = mid } else { hi = mid }
        }
        let alpha = (lo + hi) / 2
        alphaMaximumLikelihood = alpha
        let z = Lotka.zeta(alpha).value
        var cdf = 0.0, empirical = 0.0, d = 0.0
        var k = 0
        for x in 1...(frequencies.last!.papers) {
            cdf += pow(Double(x), -alpha) / z
            if k < frequencies.count, frequencies[k].papers == x { empirical += Double(frequencies[k].authors) / total; k += 1 }
            d = max(d, abs(empirical - cdf))
        }
        ksStatistic = d
    }

    /// ζ(s) and ζ'(s) for s > 1: Σ_{k<K} k^−s plus the Euler–Maclaurin remainder from K,
    /// K^{1−s}/(s−1) + K^{−s}/2 + s K^{−s−1}/12 − s(s+1)(s+2) K^{−s−3}/720, and its derivative in s.
    static func zeta(_ s: Double) -> (value: Double, derivative: Double) {
        let K = 64.0
        var v = 0.0, dv = 0.0
        for k in 1..<64 {
            let t = pow(Double(k), -s)
            v += t
            dv -= log(Double(k)) * t
        }
        let lnK = log(K)
        let a = pow(K, 1 - s), b = pow(K, -s), c = pow(K, -s - 1), e = pow(K, -s - 3)
        let poly = s * (s + 1) * (s + 2)
        v += a / (s - 1) + b / 2 + s * c / 12 - poly * e / 720
        dv += -lnK * a / (s - 1) - a / ((s - 1) * (s - 1))
        dv += -lnK * b / 2
        dv += c / 12 - s * lnK * c / 12
        dv -= ((3 * s * s + 6 * s + 2) - poly * lnK) * e / 720
        return (v, dv)
    }
}
