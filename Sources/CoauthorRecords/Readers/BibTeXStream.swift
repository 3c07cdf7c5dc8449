import CoauthorModel

// BibTeX read in pieces (`RecordBoundary.bibtex`): what the reader carries from piece to piece,
// and the first scan that tells which entries are cross-reference targets.
//
// Read whole, a child entry finds the entry its `crossref` names by offset, before it or after it
// (BibTeX's own order: the target comes after the entries that name it). Read in pieces, nothing
// before the piece is held, so the loader first scans the input once (`BibCrossrefScan`) for
// the keys that `crossref` fields name; the reading pass then keeps, of the entries read, only
// what those targets hand on (`CrossrefInfo`: year, date, venue) — memory in proportion to the
// number of targets, not of the entries. A child whose target comes later waits (with the records
// after it, which keep their order) until the target is read, as when read whole; one whose target
// is nowhere after it is emitted at once, its warning given at the end where the whole read gives it.
//
// One difference from the whole read: a target's year and venue are taken when the target is read,
// so an `@string` macro redefined between a target and a later child that uses it is read with
// its value at the target (the whole read re-reads the target with the value at the child).

/// The keys `crossref` fields name in one input, and those of them an entry header carries after
/// a `crossref` named them: found by a first pass over the input (`scan`, piece by piece), before
/// the reading pass.
/// - Complexity: one pass over the bytes, stopping at `@`, `c` and `C`; memory: the distinct targets.
public struct BibCrossrefScan: Sendable {
    /// Lower-cased targets named by `crossref = {…}` or `"…"` (TeX-decoded as the reader decodes them).
    var targets: Set<String> = []
    /// Targets that an entry header carries after the first `crossref` naming them.
    var laterEntries: Set<String> = []
    /// A `crossref` value made of macros or `#` joins: its target is not known here, so every
    /// entry's hand-on is kept and every child without its target waits (as when read whole).
    var unknownTargets = false

    public init() {}

    /// Whether the reading pass keeps what an entry with this (lower-cased) key hands on.
    func keeps(_ lowerKey: String) -> Bool { unknownTargets || targets.contains(lowerKey) }

    /// Whether an entry with this key may still come after a child naming it (so the child waits).
    func mayFollow(_ lowerKey: String) -> Bool { unknownTargets || laterEntries.contains(lowerKey) }

    /// The raw bytes of the `crossref` values decoded so far (each distinct value is decoded once;
    /// children naming the same target usually follow one another).
    private var seenValues: Set<[UInt8]> = []
    private var lastValue: [UInt8] = []

    /// Scans `p[0..<limit]` (a piece without its overlap), in order. It stops only at `@` and at
    /// `=`: a `crossref` field is found from its `=` (the name before it, after optional spaces),
    /// which visits the places the field-name search visited, in the same order, far fewer times
    /// (`c` is a common letter; `=` comes once per field).
    mutating func scan(_ p: UnsafeBufferPointer<UInt8>, limit: Int) {
        var k = 0
        let n = p.count
        while true {
            k = BibScanner.firstOf(p, k, limit, 0x40, 0x3D, 0x40, 0x3D)
            guard k < limit else { return }
            if p[k] == 0x3D {
                // `crossref` (any case), not the end of a longer name, then spaces, then this `=`.
                var s = k
                while s > 0, BibScanner.isSpace(p[s - 1]) { s -= 1 }
                s -= 8
                if s >= 0, s == 0 || !BibScanner.isIdent(p[s - 1]), BibCrossrefScan.isCrossref(p, s) {
                    k = max(crossref(p, at: s, n: n), k + 1)
                } else {
                    k += 1
                }
                continue
            }
            if p[k] == 0x40 {
                // An entry header (anywhere: the reader takes more than line starts): its key.
                if let open = RecordBoundary.bibHeaderEnd(p, k) {
                    let key = BibCrossrefScan.key(p, from: open)
                    if !key.isEmpty, !targets.isEmpty {
                        let lower = BibCrossrefScan.lower(UnsafeBufferPointer(rebasing: p[key]))
                        if targets.contains(lower) { laterEntries.insert(lower) }
                    }
                    k = open
                } else {
                    k += 1
                }
                continue
            }
        }
    }

    /// Whether `p[s..<s + 8]` is `crossref` in any case (as `crossref(_:at:n:)` compares it).
    @inline(__always)
    static func isCrossref(_ p: UnsafeBufferPointer<UInt8>, _ s: Int) -> Bool {
        let word: StaticString = "crossref"
        let w = word.utf8Start
        for m in 0..<8 where p[s + m] | 0x20 != w[m] { return false }
        return true
    }

    /// The citation key after an entry's opening brace, as `BibScanner.parseBody` reads it.
    static func key(_ p: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int> {
        var i = from
        while i < p.count, BibScanner.isSpace(p[i]) { i += 1 }
        return BibScanner.citationKey(p, at: i)
    }

    /// ASCII letters lower-cased, as BibTeX matches keys.
    static func lower<S: Sequence<UInt8>>(_ b: S) -> String {
        String(decoding: b.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// At `k`, where a `crossref` field name may start: the name (not the end of a longer name)
    /// with its `=` and value adds its target; returns where to go on.
    mutating func crossref(_ p: UnsafeBufferPointer<UInt8>, at k: Int, n: Int) -> Int {
        guard k + 8 <= n, k == 0 || !BibScanner.isIdent(p[k - 1]), BibCrossrefScan.isCrossref(p, k) else { return k + 1 }
        var j = k + 8
        while j < n, BibScanner.isSpace(p[j]) { j += 1 }
        guard j < n, p[j] == 0x3D else { return k + 1 }
        j += 1
        while j < n, BibScanner.isSpace(p[j]) { j += 1 }
        guard j < n else { return j }
        let c = p[j]
        guard c == 0x7B || c == 0x22 else {
            // A macro name or a number: its text is not known here.
            unknownTargets = true
            return j
        }
        var depth = c == 0x7B ? 1 : 0
        var e = j + 1
        while e < n {
            let b = p[e]
            if b == 0x7B { depth += 1 } else if b == 0x7D {
                depth -= 1
                if depth == 0 && c == 0x7B { break }
                if depth < 0 { return e }
            } else if b == 0x22, c == 0x22, depth == 0 { break }
            e += 1
        }
        guard e < n else { return e }   // not closed: the reader skips the entry
        var after = e + 1
        while after < n, BibScanner.isSpace(p[after]) { after += 1 }
        if after < n, p[after] == 0x23 {
            unknownTargets = true      // `{a} # b`: joined
            return after
        }
        let raw = UnsafeBufferPointer(rebasing: p[(j + 1)..<e])
        if lastValue.isEmpty || !lastValue.elementsEqual(raw) {
            lastValue.removeAll(keepingCapacity: true)
            lastValue.append(contentsOf: raw)
            if seenValues.insert(lastValue).inserted {
                targets.insert(BibCrossrefScan.lower(TeX.decodeVerbatim(raw).utf8))
            }
        }
        return e + 1
    }
}

/// What the BibTeX reader carries from piece to piece of one input (its `PieceState`).
struct BibCarry {
    var macros: [String: [UInt8]]?
    var expandedBytes = 0
    var queue: [(record: PaperRecord, waiting: Bool)] = []
    var queueHead = 0
    var waiting: [String: [Int]] = [:]
    var recentNames: NameInterner?
    var stream = BibStream()
}

/// The state of reading one input in pieces that the whole read does not need.
struct BibStream {
    /// The offset in the input of the piece's first byte.
    var pieceStart = 0
    /// Where reading goes on in a later piece, when the piece before ran past its end (an input
    /// offset): at `skipTo`, or at the first entry line at or after `resyncFrom`.
    var skipTo: Int?
    var resyncFrom: Int?
    /// The first scan's result (nil: keep every entry's hand-on, let every child wait).
    var scan: BibCrossrefScan?
    /// What the targets read so far hand on, by lower-cased key (the first entry with that key).
    var info: [String: CrossrefInfo] = [:]
    /// Children whose target is nowhere after them: their warnings, given at the end, by target.
    var missing: [String: [(SourceLocation, String)]] = [:]
    /// The order in which targets were first waited for or missed, for the warnings at the end.
    var firstNamed: [String: Int] = [:]
}
