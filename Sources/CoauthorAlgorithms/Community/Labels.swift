import CoauthorGraph
import Foundation

/// A term and how distinctive it is of a community.
public struct LabelTerm: Sendable, Equatable {
    /// One to three words, lower-case but for acronyms (`Vocabulary.text`).
    public var text: String
    /// G² (or, for a community that is the whole corpus, its weighted paper count).
    public var score: Double
}

/// What a community's papers are about.
public struct CommunityLabel: Sendable {
    /// The top terms (at most three) joined by ", "; empty when its papers have no usable words.
    public var label: String
    /// The most distinctive terms, best first.
    public var terms: [LabelTerm]
    /// Kept papers with at least one author in the community.
    public var papers: Int
    /// Years of those papers (nil when none has a year).
    public var firstYear: Int?
    public var lastYear: Int?
    /// The one or two papers (indices into `Corpus.papers`) that hold most of the label's terms —
    /// what a user reads to judge the label: each paper scores its community share times the summed
    /// G² of the top terms it has (a term only in its abstract counts half); ties by paper order.
    public var typicalPapers: [Int] = []
}

/// Names communities by the terms that set their papers apart from the whole corpus.
///
/// Papers: every kept paper with an author in the graph; a paper counts towards community c with
/// the share s_c(p) of its graph authors that are in c (a paper of three authors, two in c, counts
/// ⅔ towards c). Terms: single words and two-word phrases of titles and abstracts and three-word
/// phrases of titles, lower-cased, never across punctuation or a stop word (English function words,
/// research boilerplate such as "propose", "approach", "results", generic words such as "lack" or
/// "guide", and the names of web hosts and companies that reach abstracts through URLs and
/// affiliations); numbers and one-letter words are dropped. Markup is read as text: tags
/// (`<i>H</i><i>eliconia</i>`, as Web of Science exports italics) are removed without a break, URLs
/// and e-mail addresses are removed. A word written in capitals in most of its occurrences
/// (`REDD`, `PES`, `BERT`) is shown in capitals. Terms that differ only by inflection ("ape" and
/// "apes", "summaries" and "summarization": `stem`) are one term in a label. A term counts once per paper: 1 when in the title, ½ when only in the
/// abstract (x_t(p)).
///
/// Score: Dunning's log-likelihood ratio on the 2 × 2 table of papers (in c / in the rest) ×
/// (with the term / without), with weighted counts a = Σ_p s_c(p) x_t(p), N_c = Σ_p s_c(p), the
/// term's total T = Σ_p x_t(p) and N papers:
///
///     G² = 2 Σ_cells O ln(O / E),   E = row total × column total / N,
///
/// over the cells a, N_c − a, T − a, N − N_c − T + a. Only over-represented terms
/// (a / N_c > (T − a) / (N − N_c)) found in at least two of c's papers (one when c has one paper,
/// or when no term reaches two) qualify. A shorter term inside a better-scored longer one is left
/// out, and a longer term replaces the shorter ones it contains. Ties: longer term first, then
/// code-point order. A community holding the whole corpus has nothing to contrast: its terms are
/// ranked by a, the weighted paper count.
///
/// References: T. Dunning, "Accurate methods for the statistics of surprise and coincidence",
/// Computational Linguistics 19(1), 1993, ACL Anthology J93-1003; P. Rayson & R. Garside,
/// "Comparing corpora using frequency profiling", Workshop on Comparing Corpora, 2000,
/// doi:10.3115/1117729.1117730.
/// - Complexity: O(L) to read the texts (L characters), then O(Σ_p g(p) t(p)) for g(p) communities
///   and t(p) terms of paper p; O(V + Σ_p t(p)) memory for V distinct terms.
public enum CommunityLabels {
    /// A label per community `0..<count` of `membership` (one entry per graph node; −1 = in no
    /// community).
    /// - Parameter progress: called with the share of papers whose terms are read (0…1), now and
    ///   then and at the end of that step (the longest).
    public static func label(_ graph: CoauthorGraph, membership: [Int], count: Int, top: Int = 5,
                             progress: ((Double) -> Void)? = nil) -> [CommunityLabel] {
        precondition(membership.count == graph.nodeCount, "membership needs one entry per node")
        let corpus = graph.corpus
        let papers = corpus.papers
        var nodeOfAuthor = [Int32](repeating: -1, count: corpus.authors.count)
        for v in 0..<graph.nodeCount { nodeOfAuthor[Int(graph.nodeAuthor[v])] = Int32(v) }

        // 1. Papers with graph authors; their terms.
        var vocab = Vocabulary()
        var paperIDs: [Int] = []
        var termStart = [0]
        var termIDs: [Int32] = []
        var termWeight: [Double] = []
        var termCount: [Int32] = []
        var total: [Double] = []
        var scratch: [(Int32, Double)] = []
        for p in 0..<papers.count where graph.paperKept[p] {
            if let progress, p & 0xFFFF == 0 { progress(Double(p) / Double(papers.count)) }
            guard corpus.paperAuthors.row(p).contains(where: { nodeOfAuthor[Int($0)] >= 0 }) else { continue }
            paperIDs.append(p)
            scratch.removeAll(keepingCapacity: true)
            vocab.terms(of: papers.title[p], trigrams: true) { scratch.append(($0, 1)) }
            if let abstract = papers.abstract[p] { vocab.terms(of: abstract, trigrams: false) { scratch.append(($0, 0.5)) } }
            // Presence: the largest weight (title over abstract); count: occurrences.
            scratch.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 > $1.1 }
            for (t, w) in scratch {
                if let l = termIDs.last, l == t, termIDs.count > termStart[termStart.count - 1] {
                    termCount[termCount.count - 1] += 1
                    continue
                }
                termIDs.append(t)
                termWeight.append(w)
                termCount.append(1)
                while total.count <= Int(t) { total.append(0) }
                total[Int(t)] += w
            }
            termStart.append(termIDs.count)
        }
        progress?(1)
        let n = Double(paperIDs.count)

        // 2. (community, paper index, share) for every community among a paper's authors.
        var shares: [(c: Int, i: Int, share: Double)] = []
        var groups: [Int] = []
        for (i, p) in paperIDs.enumerated() {
            groups.removeAll(keepingCapacity: true)
            var authors = 0
            for a in corpus.paperAuthors.row(p) {
                let v = nodeOfAuthor[Int(a)]
                guard v >= 0 else { continue }
                authors += 1
                let c = membership[Int(v)]
                if c >= 0 && c < count { groups.append(c) }
            }
            groups.sort()
            var j = 0
            while j < groups.count {
                var k = j
                while k < groups.count && groups[k] == groups[j] { k += 1 }
                shares.append((groups[j], i, Double(k - j) / Double(authors)))
                j = k
            }
        }
        shares.sort { $0.c != $1.c ? $0.c < $1.c : $0.i < $1.i }

        // 3. Per community: weighted counts, scores, the top terms.
        var out: [CommunityLabel] = []
        var acc = [Double](repeating: 0, count: total.count)
        var occurrences = [Double](repeating: 0, count: total.count)
        var docs = [Int32](repeating: 0, count: total.count)
        var touched: [Int32] = []
        var s = 0
        for c in 0..<count {
            var nc = 0.0
            var paperCount = 0
            var first = Int.max, last = Int.min
            while s < shares.count && shares[s].c < c { s += 1 }
            while s < shares.count && shares[s].c == c {
                let (_, i, share) = shares[s]
                nc += share
                paperCount += 1
                if let y = papers.yearOf(paperIDs[i]) { first = min(first, y); last = max(last, y) }
                for k in termStart[i]..<termStart[i + 1] {
                    let t = Int(termIDs[k])
                    if docs[t] == 0 { touched.append(Int32(t)) }
                    acc[t] += share * termWeight[k]
                    occurrences[t] += share * Double(termCount[k])
                    docs[t] += 1
                }
                s += 1
            }
            let chosen = best(touched, acc: acc, occurrences: occurrences, docs: docs, total: total, nc: nc, n: n,
                              papers: paperCount, vocab: vocab, top: top)
            for t in touched { acc[Int(t)] = 0; occurrences[Int(t)] = 0; docs[Int(t)] = 0 }
            touched.removeAll(keepingCapacity: true)
            let terms = chosen.map { LabelTerm(text: vocab.text($0.0), score: $0.1) }
            // The papers whose titles carry the chosen terms best.
            var typical: [(i: Int, score: Double)] = []
            var chosenScore: [Int32: Double] = [:]
            for (t, score) in chosen { chosenScore[t] = score }
            var k = s - 1
            while k >= 0 && shares[k].c == c {
                let (_, i, share) = shares[k]
                var sum = 0.0
                // Title terms count fully, abstract terms half (as in the scores).
                for j in termStart[i]..<termStart[i + 1] { sum += termWeight[j] * (chosenScore[termIDs[j]] ?? 0) }
                if sum > 0 { typical.append((i, share * sum)) }
                k -= 1
            }
            typical.sort { $0.score != $1.score ? $0.score > $1.score : $0.i < $1.i }
            var label = CommunityLabel(label: labelText(chosen.map(\.0), scores: chosen.map(\.1), vocab: vocab), terms: terms,
                                       papers: paperCount, firstYear: first == .max ? nil : first,
                                       lastYear: last == .min ? nil : last)
            label.typicalPapers = typical.prefix(2).map { paperIDs[$0.i] }
            out.append(label)
        }
        return out
    }

    /// G² of the 2 × 2 table; 0 when the term is not over-represented.
    static func logLikelihood(a: Double, nc: Double, total: Double, n: Double) -> Double {
        let b = max(0, total - a), rest = n - nc
        guard rest > 0, nc > 0, a / nc > b / rest else { return 0 }
        let cells = [(a, nc, total), (max(0, nc - a), nc, n - total), (b, rest, total), (max(0, rest - b), rest, n - total)]
        var g = 0.0
        for (o, row, col) in cells where o > 0 {
            g += o * log(o * n / (row * col))
        }
        return 2 * g
    }

    /// The top terms, best first, as (term, score).
    private static func best(_ touched: [Int32], acc: [Double], occurrences: [Double], docs: [Int32], total: [Double],
                             nc: Double, n: Double, papers: Int, vocab: Vocabulary, top: Int) -> [(Int32, Double)] {
        let wholeCorpus = n - nc <= 1e-9 * n
        func scored(minDocs: Int32) -> [(Int32, Double)] {
            touched.compactMap { t -> (Int32, Double)? in
                guard docs[Int(t)] >= minDocs else { return nil }
                let score = wholeCorpus ? acc[Int(t)]
                    : logLikelihood(a: acc[Int(t)], nc: nc, total: total[Int(t)], n: n)
                return score > 0 ? (t, score) : nil
            }
        }
        var candidates = scored(minDocs: papers >= 2 ? 2 : 1)
        if candidates.isEmpty && papers >= 2 { candidates = scored(minDocs: 1) }
        // Ties (common in a community of one paper): longer, more occurrences, code-point order.
        candidates.sort { x, y in
            if x.1 != y.1 { return x.1 > y.1 }
            let lx = vocab.length(x.0), ly = vocab.length(y.0)
            if lx != ly { return lx > ly }
            let ox = occurrences[Int(x.0)], oy = occurrences[Int(y.0)]
            if ox != oy { return ox > oy }
            return Communities.codePointLess(vocab.text(x.0), vocab.text(y.0))
        }
        var chosen: [(Int32, Double)] = []
        for cand in candidates where chosen.count < top {
            // A term inside a chosen one, or holding one, adds nothing; nor does one that differs from
            // a chosen one only by inflection ("apes" after "ape").
            if chosen.contains(where: { vocab.contains($0.0, cand.0) || vocab.contains(cand.0, $0.0) }) { continue }
            let stems = vocab.stems(cand.0)
            if chosen.contains(where: { vocab.stems($0.0) == stems }) { continue }
            chosen.append(cand)
        }
        return chosen
    }

    /// Up to three top terms scoring at least half the best, joined by ", "; terms that chain
    /// with a two-word overlap ("unsupervised video object" + "video object segmentation") merge.
    static func labelText(_ terms: [Int32], scores: [Double], vocab: Vocabulary) -> String {
        guard let top = scores.first else { return "" }
        var phrases: [[String]] = []
        for (t, score) in zip(terms, scores) where score >= top / 2 {
            let words = vocab.text(t).split(separator: " ").map(String.init)
            if let i = phrases.firstIndex(where: { $0.count >= 2 && words.count >= 2 && Array($0.suffix(2)) == Array(words.prefix(2)) }) {
                phrases[i] += words.dropFirst(2)
            } else if let i = phrases.firstIndex(where: { $0.count >= 2 && words.count >= 2 && Array(words.suffix(2)) == Array($0.prefix(2)) }) {
                phrases[i] = words + phrases[i].dropFirst(2)
            } else if phrases.count < 3 {
                phrases.append(words)
            }
        }
        return phrases.map { $0.joined(separator: " ") }.joined(separator: ", ")
    }
}

/// Terms (one to three words) interned as integer ids.
///
/// Texts that are all ASCII (nearly every title and abstract) are scanned byte by byte: the word is
/// lower-cased into a reused byte buffer and looked up in an open-addressing table over a byte
/// arena (`ByteInterner`), so no `String` is made per token, only one per distinct word. Other
/// texts go through Unicode scalars and `String` as before; their words that are ASCII after
/// lower-casing share the byte table, the others a `String` dictionary (Swift's `String` equality,
/// canonical equivalence), so a word gets the same id whichever path meets it. Term ids of one to
/// three words are interned in an open-addressing table of packed `UInt64` keys (`KeyInterner`).
struct Vocabulary {
    private var asciiWords = ByteInterner()
    private var otherWords: [String: Int32] = [:]
    private var words: [String] = []
    private var gramID = KeyInterner()
    /// The word ids of each term (−1 pads).
    private var parts: [(Int32, Int32, Int32)] = []
    /// Scratch of the byte path: the current word (lower-cased) and the current phrase's word ids.
    private var wordBytes: [UInt8] = []
    private var phrase: [Int32] = []
    /// Per word: occurrences, and those written in capitals (two or more letters, none lower-case).
    private var seen: [Int32] = []
    private var capitals: [Int32] = []

    func length(_ t: Int32) -> Int {
        let p = parts[Int(t)]
        return p.2 >= 0 ? 3 : p.1 >= 0 ? 2 : 1
    }

    /// The term as shown: its words lower-cased, but a word written in capitals in most of its
    /// occurrences (an acronym) in capitals.
    func text(_ t: Int32) -> String {
        let p = parts[Int(t)]
        var shown: [String] = []
        for w in [p.0, p.1, p.2] where w >= 0 {
            let i = Int(w)
            let acronym = i < seen.count && 2 * Int(capitals[i]) > Int(seen[i])
            shown.append(acronym ? words[i].uppercased() : words[i])
        }
        return shown.joined(separator: " ")
    }

    /// The term's words without inflection (`stem`), for telling near-duplicates apart.
    func stems(_ t: Int32) -> [String] {
        let p = parts[Int(t)]
        return [p.0, p.1, p.2].filter { $0 >= 0 }.map { Vocabulary.stem(words[Int($0)]) }
    }

    /// A light English stem, enough to join the forms a label would otherwise repeat: plural
    /// `-ies`/`-es`/`-s`, then `-ization`/`-isation`/`-ation`, `-ing`, `-ed`, and a final `-y`/`-e`
    /// ("summaries", "summary", "summarization" → "summar"; "apes", "ape" → "ap").
    static func stem(_ w: String) -> String {
        var s = w
        func drop(_ suffix: String, keep: Int = 3) -> Bool {
            guard s.hasSuffix(suffix), s.count - suffix.count >= keep else { return false }
            s.removeLast(suffix.count)
            return true
        }
        if !drop("ies") {
            if s.hasSuffix("sses") || s.hasSuffix("xes") || s.hasSuffix("ches") || s.hasSuffix("shes") { _ = drop("es") }
            else if !s.hasSuffix("ss") && !s.hasSuffix("us") && !s.hasSuffix("is") { _ = drop("s", keep: 2) }
        }
        for suffix in ["ization", "isation", "ation", "ing", "ed"] where drop(suffix) { break }
        if s.count > 2, let last = s.last, last == "y" || last == "e" { s.removeLast() }
        return s
    }

    /// Whether term `inner` occurs contiguously in term `outer` (a term contains itself).
    func contains(_ outer: Int32, _ inner: Int32) -> Bool {
        let o = parts[Int(outer)], i = parts[Int(inner)]
        let ow = [o.0, o.1, o.2].filter { $0 >= 0 }, iw = [i.0, i.1, i.2].filter { $0 >= 0 }
        guard iw.count <= ow.count else { return false }
        for s in 0...(ow.count - iw.count) where Array(ow[s..<(s + iw.count)]) == iw { return true }
        return false
    }

    private mutating func term(_ a: Int32, _ b: Int32 = -1, _ c: Int32 = -1) -> Int32? {
        // Words of unigram terms are their own ids' terms: keep one id space for all terms.
        let key: UInt64
        if b < 0 {
            key = UInt64(UInt32(a))
        } else if c < 0 {
            key = 1 << 63 | UInt64(UInt32(a)) << 31 | UInt64(UInt32(b))
        } else {
            guard a < 1 << 20, b < 1 << 20, c < 1 << 20 else { return nil }
            key = 1 << 62 | UInt64(a) << 40 | UInt64(b) << 20 | UInt64(c)
        }
        let (t, isNew) = gramID.intern(key, next: Int32(parts.count))
        if isNew { parts.append((a, b, c)) }
        return t
    }

    /// The id of an ASCII word given by its bytes.
    private mutating func asciiWord(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let (id, isNew) = asciiWords.intern(bytes, next: Int32(words.count))
        if isNew { words.append(String(decoding: bytes, as: UTF8.self)) }
        return id
    }

    private mutating func word(_ w: String) -> Int32 {
        if w.utf8.allSatisfy({ $0 < 0x80 }) {
            return Array(w.utf8).withUnsafeBufferPointer { asciiWord($0) }
        }
        if let id = otherWords[w] { return id }
        let id = Int32(words.count)
        otherWords[w] = id
        words.append(w)
        return id
    }

    private mutating func count(_ word: Int32, inCapitals: Bool) {
        while seen.count <= Int(word) { seen.append(0); capitals.append(0) }
        seen[Int(word)] += 1
        if inCapitals { capitals[Int(word)] += 1 }
    }

    /// Emits the terms of the words in `phrase` and empties it.
    private mutating func flush(trigrams: Bool, _ emit: (Int32) -> Void) {
        for i in phrase.indices {
            if let t = term(phrase[i]) { emit(t) }
            if i >= 1, let t = term(phrase[i - 1], phrase[i]) { emit(t) }
            if trigrams && i >= 2, let t = term(phrase[i - 2], phrase[i - 1], phrase[i]) { emit(t) }
        }
        phrase.removeAll(keepingCapacity: true)
    }

    /// Calls `emit` with the id of every term of `text` (repeats included).
    ///
    /// The text is scanned as UTF-8 bytes. ASCII bytes are classified directly; a non-ASCII
    /// character is decoded and classified as a Unicode scalar (`TermCharacters`). A word of ASCII
    /// bytes only (nearly all) is lower-cased and interned as bytes; a word with any other
    /// character is turned into a `String` and treated as before (trailing ’ stripped, `lowercased`,
    /// canonical equivalence), so both kinds give the words and terms of a scalar-by-scalar scan.
    mutating func terms(of text: String, trigrams: Bool, _ emit: (Int32) -> Void) {
        var text = Vocabulary.withoutMarkup(text)
        text.makeContiguousUTF8()
        phrase.removeAll(keepingCapacity: true)
        wordBytes.removeAll(keepingCapacity: true)
        var nonASCII = false
        let done = text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            let n = bytes.count
            var i = 0
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    i += 1
                    if b &- 0x61 < 26 || b &- 0x41 < 26 || b &- 0x30 < 10 {
                        wordBytes.append(b)
                    } else if (b == 0x2D || b == 0x27) && !wordBytes.isEmpty {
                        wordBytes.append(b)
                    } else if b == 0x20 || b &- 0x09 < 5 {
                        endWord(nonASCII: nonASCII, breaksPhrase: false, trigrams: trigrams, emit)
                        nonASCII = false
                    } else {
                        endWord(nonASCII: nonASCII, breaksPhrase: true, trigrams: trigrams, emit)
                        nonASCII = false
                    }
                    continue
                }
                // A multi-byte UTF-8 sequence (the string's storage is valid UTF-8).
                let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
                var value = UInt32(b) & (length == 4 ? 0x07 : length == 3 ? 0x0F : 0x1F)
                for j in 1..<min(length, n - i) { value = value << 6 | UInt32(bytes[i + j] & 0x3F) }
                let end = min(n, i + length)
                let u = Unicode.Scalar(value) ?? "\u{FFFD}"
                if (u == "\u{2010}" || u == "\u{2011}") && !wordBytes.isEmpty {
                    // Unicode's hyphens inside a word read as '-' ("Sub‐Saharan" is "sub-saharan").
                    wordBytes.append(0x2D)
                } else if TermCharacters.isAlphanumeric(u) || (u == "’" && !wordBytes.isEmpty) {
                    wordBytes.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
                    nonASCII = true
                } else if TermCharacters.isWhitespace(u) {
                    endWord(nonASCII: nonASCII, breaksPhrase: false, trigrams: trigrams, emit)
                    nonASCII = false
                } else {
                    endWord(nonASCII: nonASCII, breaksPhrase: true, trigrams: trigrams, emit)
                    nonASCII = false
                }
                i = end
            }
            endWord(nonASCII: nonASCII, breaksPhrase: true, trigrams: trigrams, emit)
            return true
        }
        precondition(done == true, "a native string has contiguous UTF-8")
    }

    /// Ends the word in `wordBytes` (raw case): a term word, or a phrase break when it is a stop
    /// word, shorter than two characters or without a letter.
    private mutating func endWord(nonASCII: Bool, breaksPhrase: Bool, trigrams: Bool, _ emit: (Int32) -> Void) {
        if nonASCII {
            var current = String(decoding: wordBytes, as: UTF8.self).unicodeScalars
            wordBytes.removeAll(keepingCapacity: true)
            // Apostrophes and hyphens only inside a word; a trailing "'s" goes.
            while let l = current.last, l == "-" || l == "'" || l == "’" { current.removeLast() }
            let original = String(current)
            var w = original.lowercased()
            let inCapitals = w != original && original == original.uppercased() && original.count >= 2
            if w.hasSuffix("'s") || w.hasSuffix("’s") { w.removeLast(2) }
            if !w.isEmpty {
                if w.count < 2 || StopWords.set.contains(w) || w.unicodeScalars.allSatisfy({ !TermCharacters.isLetter($0) }) {
                    flush(trigrams: trigrams, emit)
                } else {
                    let id = word(w)
                    count(id, inCapitals: inCapitals)
                    phrase.append(id)
                }
            }
        } else {
            // The same for an ASCII word, on its bytes.
            while let l = wordBytes.last, l == 0x2D || l == 0x27 { wordBytes.removeLast() }
            let c = wordBytes.count
            var upper = 0, lower = 0
            for j in 0..<c {
                if wordBytes[j] &- 0x41 < 26 { wordBytes[j] |= 0x20; upper += 1 } else if wordBytes[j] &- 0x61 < 26 { lower += 1 }
            }
            let inCapitals = upper >= 2 && lower == 0
            if c >= 2 && wordBytes[c - 2] == 0x27 && wordBytes[c - 1] == 0x73 { wordBytes.removeLast(2) }
            if !wordBytes.isEmpty {
                // The buffer leaves self while the word is interned (no overlapping access).
                var buffer: [UInt8] = []
                swap(&buffer, &wordBytes)
                let id: Int32? = buffer.withUnsafeBufferPointer { w in
                    let hasLetter = w.contains { $0 &- 0x61 < 26 }
                    if w.count < 2 || !hasLetter || StopWords.bytes.contains(w) { return nil }
                    return asciiWord(w)
                }
                buffer.removeAll(keepingCapacity: true)
                swap(&buffer, &wordBytes)
                if let id { count(id, inCapitals: inCapitals); phrase.append(id) } else { flush(trigrams: trigrams, emit) }
            }
        }
        if breaksPhrase { flush(trigrams: trigrams, emit) }
    }
}

extension CommunityLabels {
    /// A title as a user reads it: markup tags removed (`<i>H</i><i>eliconia</i>` is "Heliconia").
    public static func plainTitle(_ title: String) -> String { Vocabulary.withoutMarkup(title, removeURLs: false) }
}

extension Vocabulary {
    /// The text with markup tags removed (no break where they were: `<i>H</i><i>eliconia</i>` is
    /// "Heliconia"), and URLs (`http://…`, `https://…`, `www.…`) and e-mail addresses replaced by a
    /// break, up to the next white space. Texts without `<`, `://`, `www.` or `@` come back as is.
    static func withoutMarkup(_ text: String, removeURLs: Bool = true) -> String {
        // Nearly every text has none of these: one pass without allocating tells.
        var suspect = false
        var previous: (UInt8, UInt8, UInt8) = (0, 0, 0)
        for b in text.utf8 {
            if b == 0x3C || b == 0x40 || (b == 0x2F && previous.2 == 0x2F && previous.1 == 0x3A)
                || (b == 0x2E && previous == (0x77, 0x77, 0x77)) || (b == 0x2E && previous == (0x57, 0x57, 0x57)) {
                suspect = true
                break
            }
            previous = (previous.1, previous.2, b)
        }
        guard suspect else { return text }
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
        func lowerASCII(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }
        func startsURL(_ i: Int) -> Bool {
            for prefix in ["http://", "https://", "ftp://", "www."] {
                let p = Array(prefix.utf8)
                guard i + p.count <= bytes.count && (0..<p.count).allSatisfy({ lowerASCII(bytes[i + $0]) == p[$0] }) else { continue }
                // A scheme starts a URL anywhere (markup may glue it to a word); "www." after a non-letter.
                if prefix != "www." || i == 0 || lowerASCII(bytes[i - 1]) &- 0x61 >= 26 { return true }
            }
            return false
        }
        while i < bytes.count {
            let b = bytes[i]
            // A tag: '<', an optional '/', a letter, then anything but '<' up to '>'.
            if b == 0x3C, i + 1 < bytes.count {
                var j = i + 1
                if bytes[j] == 0x2F { j += 1 }
                if j < bytes.count, lowerASCII(bytes[j]) &- 0x61 < 26 {
                    var k = j
                    while k < bytes.count && bytes[k] != 0x3E && bytes[k] != 0x3C && k - i < 200 { k += 1 }
                    if k < bytes.count && bytes[k] == 0x3E { i = k + 1; continue }
                }
            }
            if removeURLs && startsURL(i) {
                while i < bytes.count && !isSpace(bytes[i]) { i += 1 }
                out.append(0x2E)   // a break, like the end of a sentence
                continue
            }
            if removeURLs && b == 0x40 {
                // An e-mail address: drop the word before '@' (already copied) and after it.
                while let l = out.last, !isSpace(l) { out.removeLast() }
                while i < bytes.count && !isSpace(bytes[i]) { i += 1 }
                out.append(0x2E)
                continue
            }
            out.append(b)
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// Byte strings interned as ids `0, 1, 2, …` in order of first appearance: the bytes in one arena,
/// an open-addressing table (linear probing, power-of-two size, at most half full) of ids, FNV-1a
/// hashes. - Complexity: O(length) expected per lookup; O(total bytes + entries) memory.
struct ByteInterner: Sendable {
    private var arena: [UInt8] = []
    private var start: [Int32] = [0]     // entry i = arena[start[i]..<start[i + 1]]
    private var hashes: [UInt64] = []
    private var slots = [Int32](repeating: -1, count: 1024)

    var count: Int { hashes.count }

    private static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for x in b { h = (h ^ UInt64(x)) &* 0x100_0000_01b3 }
        return h
    }

    private func find(_ b: UnsafeBufferPointer<UInt8>, _ h: UInt64) -> (slot: Int, id: Int32) {
        let mask = slots.count - 1
        var s = Int(truncatingIfNeeded: h) & mask
        return arena.withUnsafeBufferPointer { ar in
            while true {
                let id = slots[s]
                if id < 0 { return (s, -1) }
                if hashes[Int(id)] == h {
                    let lo = Int(start[Int(id)]), hi = Int(start[Int(id) + 1])
                    if hi - lo == b.count && (b.count == 0 || memcmp(ar.baseAddress! + lo, b.baseAddress!, b.count) == 0) {
                        return (s, id)
                    }
                }
                s = (s + 1) & mask
            }
        }
    }

    /// Whether the bytes are an entry.
    func contains(_ b: UnsafeBufferPointer<UInt8>) -> Bool { find(b, Self.hash(b)).id >= 0 }

    /// The id of the bytes, adding them as `next` when new (`next` must be `count`'s value in the
    /// caller's id space — callers sharing one id space pass their own counter).
    mutating func intern(_ b: UnsafeBufferPointer<UInt8>, next: Int32) -> (id: Int32, isNew: Bool) {
        let h = Self.hash(b)
        let (s, id) = find(b, h)
        if id >= 0 { return (ids[Int(id)], false) }
        let e = Int32(hashes.count)
        arena.append(contentsOf: b)
        start.append(Int32(arena.count))
        hashes.append(h)
        ids.append(next)
        slots[s] = e
        if hashes.count * 2 > slots.count { grow() }
        return (next, true)
    }

    /// The caller's id of each entry.
    private var ids: [Int32] = []

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for e in 0..<hashes.count {
            var s = Int(truncatingIfNeeded: hashes[e]) & mask
            while bigger[s] >= 0 { s = (s + 1) & mask }
            bigger[s] = Int32(e)
        }
        slots = bigger
    }
}

/// `UInt64` keys interned as caller-given ids: an open-addressing table (linear probing,
/// power-of-two size, at most half full) of keys and ids. - Complexity: O(1) expected per lookup.
struct KeyInterner {
    private var keys = [UInt64](repeating: 0, count: 1024)
    private var ids = [Int32](repeating: -1, count: 1024)
    private var count = 0

    private static func slot(_ k: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    mutating func intern(_ key: UInt64, next: Int32) -> (id: Int32, isNew: Bool) {
        let mask = ids.count - 1
        var s = Self.slot(key, mask)
        while true {
            let id = ids[s]
            if id < 0 { break }
            if keys[s] == key { return (id, false) }
            s = (s + 1) & mask
        }
        keys[s] = key
        ids[s] = next
        count += 1
        if count * 2 > ids.count { grow() }
        return (next, true)
    }

    private mutating func grow() {
        var k2 = [UInt64](repeating: 0, count: keys.count * 2)
        var i2 = [Int32](repeating: -1, count: keys.count * 2)
        let mask = i2.count - 1
        for s in 0..<ids.count where ids[s] >= 0 {
            var t = Self.slot(keys[s], mask)
            while i2[t] >= 0 { t = (t + 1) & mask }
            k2[t] = keys[s]
            i2[t] = ids[s]
        }
        keys = k2
        ids = i2
    }
}

/// Foundation's `alphanumerics`, `letters` and `whitespacesAndNewlines` membership, with the sets
/// made once (each `CharacterSet.letters` access builds one) and ASCII answered without them.
enum TermCharacters {
    private static let alphanumerics = CharacterSet.alphanumerics
    private static let letters = CharacterSet.letters
    private static let whitespaces = CharacterSet.whitespacesAndNewlines

    static func isAlphanumeric(_ u: Unicode.Scalar) -> Bool {
        if u.isASCII { return isASCIILetter(u.value) || (0x30...0x39).contains(u.value) }
        return alphanumerics.contains(u)
    }

    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        u.isASCII ? isASCIILetter(u.value) : letters.contains(u)
    }

    static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        u.isASCII ? u.value == 0x20 || (0x09...0x0D).contains(u.value) : whitespaces.contains(u)
    }

    private static func isASCIILetter(_ v: UInt32) -> Bool { (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) }
}

/// English function words and the boilerplate of abstracts: never terms, and phrases break at them.
enum StopWords {
    static let set: Set<String> = Set("""
    a about above across after again against all almost alone along already also although always am among an and
    another any anyone anything are around as at be became because become becomes been before being below
    between both but by can cannot could did do does doing done down during each either else enough etc even
    ever every few for from further had has have having he her here hers herself him himself his how however i
    if in into is it its itself just least less let like made make makes many may me might more most mostly
    much must my myself neither no nor not now of off often on once one only onto or other others otherwise
    our ours ourselves out over own per perhaps quite rather same several shall she should since so some
    such than that the their theirs them themselves then there thereby therefore these they this those
    though through thus to together too toward towards under unless until up upon us very via was we well
    were what whatever when where whereas whether which while who whom whose why will with within without
    would yet you your yours
    able achieve achieved achieves achieving address addresses addressing aim aims al allow allows along
    also alternative analyze analyzed apply applied approach approaches based called
    challenge challenges challenging compared comparison consider considered considering demonstrate
    demonstrated demonstrates demonstrating describe described different due effective effectively
    efficient efficiently eg et existing experiment experimental experiments extensive fact finally first
    five four framework furthermore given highly ie important improve improved
    improvement improvements improves improving include includes including introduce introduced
    introduces investigate investigated latest lead leads mainly
    method methods moreover namely need needs new novel obtain obtained obtains outperform
    outperforms paper particular particularly perform performance performed performs possible present
    presented presents previous previously problem problems promising propose proposed proposes proposing
    provide provided provides recent recently related report reported require required
    requires respectively result results shown show showed shows significant significantly
    specifically state-of-the-art still studied studies study successfully suggest
    superior technique techniques three two typically use used useful uses using various way ways
    widely work works
    lack lacks lacking fail fails failed failing failure guide guides guidance conceptual
    understanding increased increasing insight insights perspective perspectives implication implications
    issue issues role roles case cases evidence contributing contribution
    contributions past decade decades year years overview review revisited toward
    github gitlab http https www com org edu html pdf url doi
    abstract background objective objectives conclusion conclusions purpose copyright rights reserved
    elsevier springer wiley ltd
    university universities institute department microsoft google facebook ibm baidu tencent
    alibaba huawei nvidia deepmind openai thunlp
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init))

    /// The same words for the byte-level path.
    static let bytes: ByteInterner = {
        var t = ByteInterner()
        for (i, w) in set.sorted().enumerated() {
            _ = Array(w.utf8).withUnsafeBufferPointer { t.intern($0, next: Int32(i)) }
        }
        return t
    }()
}
