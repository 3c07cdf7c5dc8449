import CoauthorModel

/// Reads BibTeX and biblatex databases (`.bib`), from hand-made files to the whole DBLP export.
///
/// Syntax: entries `@type{key, field = value, …}` or `@type(…)`; values in braces (nested), in
/// double quotes (braces allowed inside), bare numbers and `@string` macro names, joined with `#`;
/// `@string{name = value}` (names are case-insensitive; `jan`…`dec` are predefined); `@comment`
/// and `@preamble` are ignored. Every other entry is a record (`@xdata` and `@set` too, as the
/// project counts entries). Text outside entries is a comment, and so is a line whose first
/// non-blank character is `%` (biber's reading; BibTeX would parse an `@` on such a line).
///
/// A citation key is one word, or several on one line before the comma: Scopus writes keys with
/// spaces (`@ARTICLE{Salvi Malacarne20221093,`), kept as written.
///
/// Records: `id` = the citation key, `title`, `year` (first four-digit run of `year`, else of
/// biblatex `date`, which also gives month and day), `venue` = journal / booktitle / journaltitle /
/// publisher (the first present), `category` = the entry type, `doi`, `url`, `abstract`, and the
/// authors of `author` (never `editor`). An entry with `crossref` takes a missing year and venue
/// (the target's booktitle, journal or title) from the entry it names, before or after it.
///
/// Names follow BibTeX ("First von Last", "von Last, First", "von Last, Jr, First"; von and Jr
/// parts join the family name; `{Wholly Braced}` is a corporate author; `and others` marks a
/// truncated list). A trailing DBLP homonym number (`Wei Wang 0001`) becomes a `dblp:` id.
///
/// A malformed entry (unclosed brace, missing comma or key, garbage) is skipped with its location,
/// and reading resumes at the next line that starts with `@`.
///
/// Into a sink with a name interner (`RecordLoader.loadInterned`, as the CLI reads), an entry goes
/// as bytes (`BibScanner.flatEntry`: no `String` per field, each distinct name span parsed once);
/// the records are those of the general path.
public struct BibTeXReader: RecordReader {
    public static let format = InputFormat.bibtex
    public static let bytePath = BytePath.ownNames
    public static let extensions = ["bib", "bibtex"]

    public init(options: ReaderOptions) {}

    /// True when the first thing after white space and `%` comment lines is `@word{` or `@word(`.
    public static func sniff(_ document: SourceDocument) -> Bool {
        document.bytes.withUnsafeBufferPointer { p -> Bool in
            let n = p.count
            var i = 0
            while i < n {
                let c = p[i]
                if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D { i += 1; continue }
                if c == 0x25 {                                   // % comment line
                    while i < n, p[i] != 0x0A { i += 1 }
                    continue
                }
                guard c == 0x40 else { return false }
                var k = i + 1
                while k < n, p[k] == 0x20 || p[k] == 0x09 { k += 1 }
                let start = k
                while k < n, BibScanner.isAlnum(p[k]) { k += 1 }
                guard k > start else { return false }
                while k < n, p[k] == 0x20 || p[k] == 0x09 || p[k] == 0x0A || p[k] == 0x0D { k += 1 }
                return k < n && (p[k] == 0x7B || p[k] == 0x28)
            }
            return false
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        try document.bytes.withUnsafeBufferPointer { p in
            var scanner = BibScanner(p: p, document: document, sink: sink)
            try scanner.run()
        }
    }

    /// Splits an `author` value (TeX markup as in the file) into names; for tests and callers that
    /// already hold a field value.
    static func parseAuthors(_ value: String) -> (authors: [AuthorName], truncated: Bool) {
        var v = value
        return v.withUTF8 { BibNames.parseList($0) }
    }
}

// MARK: - Names

/// BibTeX's name rules on raw (TeX) bytes.
enum BibNames {
    /// Splits on ` and ` at brace depth 0; drops `others` (→ truncated) and empty names. A list of
    /// plain words (most) is made straight from its word starts (`plainList`); any other is split
    /// by `forEachName` and each name parsed by `parseName`.
    /// - Complexity: O(n) in the bytes of the value, plus the names' own parsing.
    static func parseList(_ p: UnsafeBufferPointer<UInt8>) -> (authors: [AuthorName], truncated: Bool) {
        let n = p.count
        // Room for every word start of a plain list.
        let plain = withUnsafeTemporaryAllocation(of: Int.self, capacity: n / 2 + 2) { starts in
            notPlainInName.withUnsafeBufferPointer { plainList(p, starts, $0) }
        }
        if let plain { return plain }
        var authors: [AuthorName] = []
        let truncated = forEachName(p) { span, scratch in
            if let name = parseName(span, scratch: scratch) { authors.append(name) }
        }
        return (authors, truncated)
    }

    /// The names of an `author` value as `parseList` splits it, each as its trimmed bytes (the span
    /// `parseName` reads), with scratch room for `parseName`'s word starts; `others` is not passed
    /// on. Returns whether the list ends in `others` (is truncated).
    /// - Complexity: O(n) in the bytes of the value, plus `body`.
    static func forEachName(_ p: UnsafeBufferPointer<UInt8>,
                            _ body: (UnsafeBufferPointer<UInt8>, UnsafeMutableBufferPointer<Int>) -> Void) -> Bool {
        let n = p.count
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: max(n / 2 + 2, n / 4 + 40)) { ends in
            @inline(__always) func isOthers(_ a: Int, _ b: Int) -> Bool {
                b - a == 6 && lower(p[a]) == 0x6F && lower(p[a + 1]) == 0x74 && lower(p[a + 2]) == 0x68
                    && lower(p[a + 3]) == 0x65 && lower(p[a + 4]) == 0x72 && lower(p[a + 5]) == 0x73
            }
            var truncated = false
            let count = notPlainInName.withUnsafeBufferPointer { plainWords(p, ends, $0) }
            if count > 0 {
                // As `plainList`: names are the runs of words between the words `and` (not first or last).
                @inline(__always) func end(_ k: Int) -> Int { k + 1 < count ? ends[k + 1] - 1 : n }
                let scratch = UnsafeMutableBufferPointer(rebasing: ends[count...])
                var first = 0
                for k in 0...count {
                    guard k == count || (k > 0 && k < count - 1 && isAnd(p, ends[k], end(k))) else { continue }
                    if k > first {
                        let s = ends[first], e = end(k - 1)
                        if k - first == 1, isOthers(s, e) { truncated = true } else {
                            body(UnsafeBufferPointer(rebasing: p[s..<e]), scratch)
                        }
                    }
                    first = k + 1
                }
                return truncated
            }
            // As the general path of `parseList`: " and " at brace depth 0.
            var seps = 0
            var depth = 0
            var i = 0
            while i < n {
                let c = p[i]
                if c == 0x7B { depth += 1 } else if c == 0x7D { if depth > 0 { depth -= 1 } }
                else if depth == 0, isSpace(c), i + 4 < n, lower(p[i + 1]) == 0x61, lower(p[i + 2]) == 0x6E,
                        lower(p[i + 3]) == 0x64, isSpace(p[i + 4]) {                          // " and "
                    ends[seps] = i
                    seps += 1
                    i += 4
                    continue
                }
                i += 1
            }
            let scratch = UnsafeMutableBufferPointer(rebasing: ends[(seps + 1)...])
            var start = 0
            for k in 0...seps {
                let end = k < seps ? ends[k] : n
                var a = start, b = end
                start = end + 5
                while a < b, isSpace(p[a]) { a += 1 }
                while b > a, isSpace(p[b - 1]) { b -= 1 }
                guard a < b else { continue }
                if isOthers(a, b) { truncated = true; continue }
                body(UnsafeBufferPointer(rebasing: p[a..<b]), scratch)
            }
            return truncated
        }
    }

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    @inline(__always) static func lower(_ c: UInt8) -> UInt8 {
        c >= 0x41 && c <= 0x5A ? c | 0x20 : c
    }

    /// Bytes that keep a name off the plain path: `{ } \ ~ $ ,`, tab, line feed, carriage return.
    static let notPlainInName: [Bool] = (0..<256).map { c in
        [0x7B, 0x7D, 0x5C, 0x7E, 0x24, 0x2C, 0x09, 0x0A, 0x0D].contains(c)
    }

    /// A list written as plain words (see `plainWords`), the whole `author` value of most real
    /// files: one pass finds the word starts, the names are the runs of words between the words
    /// `and` (any case, not first or last: exactly where the general path finds " and "), and each
    /// is made by `plainName`. Nil when the list is not plain (the general path then reads it).
    /// - Complexity: O(n) in the bytes of the value, plus the names' strings.
    static func plainList(_ p: UnsafeBufferPointer<UInt8>, _ starts: UnsafeMutableBufferPointer<Int>,
                          _ table: UnsafeBufferPointer<Bool>) -> (authors: [AuthorName], truncated: Bool)? {
        let n = p.count
        let count = plainWords(p, starts, table)
        guard count > 0 else { return nil }
        @inline(__always) func end(_ k: Int) -> Int { k + 1 < count ? starts[k + 1] - 1 : n }
        var separators = 0
        if count > 2 {
            for k in 1..<(count - 1) where isAnd(p, starts[k], end(k)) { separators += 1 }
        }
        var authors: [AuthorName] = []
        authors.reserveCapacity(separators + 1)
        var truncated = false
        var first = 0
        for k in 0...count {
            guard k == count || (k > 0 && k < count - 1 && isAnd(p, starts[k], end(k))) else { continue }
            if k > first {
                let s = starts[first], e = end(k - 1)
                if k - first == 1, e - s == 6, lower(p[s]) == 0x6F, lower(p[s + 1]) == 0x74,
                   lower(p[s + 2]) == 0x68, lower(p[s + 3]) == 0x65, lower(p[s + 4]) == 0x72,
                   lower(p[s + 5]) == 0x73 {                                          // others
                    truncated = true
                } else {
                    authors.append(plainName(p, UnsafeMutableBufferPointer(rebasing: starts[first..<k]), k - first, e))
                }
            }
            first = k + 1
        }
        return (authors, truncated)
    }

    /// True when `s..<e` is the word `and` in any case.
    @inline(__always) static func isAnd(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> Bool {
        e - s == 3 && lower(p[s]) == 0x61 && lower(p[s + 1]) == 0x6E && lower(p[s + 2]) == 0x64
    }

    /// A name written as plain words ("First von Last" with single spaces between the words, no
    /// TeX markup, braces, commas, `--` or other white space) is most of every real file: its word
    /// starts go to `starts` in one pass over the bytes, and the count is returned; 0 when the name
    /// is not plain (or has more words than `starts` holds) and must take the general path.
    /// - Complexity: O(n) in the bytes of the name.
    @inline(__always)
    static func plainWords(_ p: UnsafeBufferPointer<UInt8>, _ starts: UnsafeMutableBufferPointer<Int>,
                           _ table: UnsafeBufferPointer<Bool>) -> Int {
        let n = p.count
        var count = 0
        var k = 0
        var prevSpace = true, prevDash = false                      // as if a space came first
        // Eight bytes at a time while the words have no control byte, when `starts` has room for
        // every word start (a word start is a non-space byte after a space: exact per-byte masks).
        if let base = p.baseAddress, starts.count > n / 2 {
            let raw = UnsafeRawPointer(base)
            while k + 8 <= n {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                if BibScanner.zeroBytes(w ^ BibScanner.broadcast(0x7B)) | BibScanner.zeroBytes(w ^ BibScanner.broadcast(0x7D))
                    | BibScanner.zeroBytes(w ^ BibScanner.broadcast(0x5C)) | BibScanner.zeroBytes(w ^ BibScanner.broadcast(0x7E))
                    | BibScanner.zeroBytes(w ^ BibScanner.broadcast(0x24)) | BibScanner.zeroBytes(w ^ BibScanner.broadcast(0x2C)) != 0 {
                    return 0                                        // { } \ ~ $ ,
                }
                if (w &- BibScanner.broadcast(0x20)) & ~w & 0x8080_8080_8080_8080 != 0 { break }   // a control byte
                let spaces = BibScanner.exactZeroBytes(w ^ BibScanner.broadcast(0x20))
                let dashes = BibScanner.exactZeroBytes(w ^ BibScanner.broadcast(0x2D))
                let afterSpace = (spaces << 8) | (prevSpace ? 0x80 : 0)   // byte j follows a space
                if spaces & afterSpace != 0 { return 0 }            // two spaces (or a leading one)
                if dashes & ((dashes << 8) | (prevDash ? 0x80 : 0)) != 0 { return 0 }   // --
                var wordStarts = afterSpace & ~spaces
                while wordStarts != 0 {
                    starts[count] = k + wordStarts.trailingZeroBitCount >> 3
                    count += 1
                    wordStarts &= wordStarts &- 1
                }
                prevSpace = spaces >> 63 != 0
                prevDash = dashes >> 63 != 0
                k += 8
            }
        }
        var prev: UInt8 = prevSpace ? 0x20 : prevDash ? 0x2D : 0x41
        for i in k..<n {
            let c = p[i]
            if table[Int(c)] { return 0 }
            if c == 0x20 {
                if prev == 0x20 { return 0 }                        // two spaces (or a leading one)
            } else if prev == 0x20 {
                if count == starts.count { return 0 }
                starts[count] = i
                count += 1
            } else if c == 0x2D, prev == 0x2D {
                return 0                                            // -- is an en dash
            }
            prev = c
        }
        return prev == 0x20 ? 0 : count                             // not a trailing space
    }

    /// The name of plain words (see `plainWords`) whose words start at `starts[0..<count]` and
    /// which ends at `n`, each part made straight from its byte span: exactly what the general path
    /// of `parseName` gives for such a name (its decoding and joining leave plain words as they
    /// are), without the word list on the heap.
    /// - Complexity: O(n) in the bytes of the name.
    static func plainName(_ p: UnsafeBufferPointer<UInt8>, _ starts: UnsafeMutableBufferPointer<Int>, _ count: Int,
                          _ n: Int) -> AuthorName {
        // Word k is starts[k] ..< end(k): single spaces between the words.
        @inline(__always) func end(_ k: Int) -> Int { k + 1 < count ? starts[k + 1] - 1 : n }
        @inline(__always) func span(_ a: Int, _ b: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: p[a..<b]), as: UTF8.self)
        }
        var words = count
        var suffix = -1                                             // a DBLP homonym number
        if count >= 2, n - starts[count - 1] == 4 {
            let s = starts[count - 1]
            if p[s] >= 0x30 && p[s] <= 0x39, p[s + 1] >= 0x30 && p[s + 1] <= 0x39,
               p[s + 2] >= 0x30 && p[s + 2] <= 0x39, p[s + 3] >= 0x30 && p[s + 3] <= 0x39 {
                suffix = s
                words -= 1
            }
        }
        let first = starts[0]
        let raw = span(first, end(words - 1))
        var ids: [PersistentID] = []
        if suffix >= 0 { ids.append(PersistentID(.dblp, raw + " " + span(suffix, n))) }
        var familyStart = words - 1
        for k in 0..<(words - 1) {
            // An ASCII letter first decides at once; anything else as `isLowerCase` says.
            let c = p[starts[k]]
            let lowerCase = TeXDecoder.isLetter(c) ? c >= 0x61 : isLowerCase(p, starts[k]..<end(k)) == true
            if lowerCase { familyStart = k; break }
        }
        let given: String? = familyStart > 0 ? span(first, end(familyStart - 1)) : nil
        let family = familyStart == 0 ? raw : span(starts[familyStart], end(words - 1))
        return AuthorName(raw: raw, given: given, family: family, ids: ids)
    }

    /// One name (trimmed, non-empty raw TeX bytes); `scratch` holds the word starts of a plain one.
    static func parseName(_ p: UnsafeBufferPointer<UInt8>, scratch: UnsafeMutableBufferPointer<Int>) -> AuthorName? {
        let n = p.count
        guard n > 0 else { return nil }
        let plain = notPlainInName.withUnsafeBufferPointer { plainWords(p, scratch, $0) }
        if plain > 0 { return plainName(p, scratch, plain, n) }
        // {Wholly Braced}: a corporate name, unless the group is one special character such as
        // {\"O} (a command first, and no space in what it decodes to).
        if p[0] == 0x7B, n >= 2, TeXDecoder.groupEnd(p, 0, n) == n, p[n - 1] == 0x7D {
            let name = TeX.decode(p)
            var k = 1
            while k < n - 1, isSpace(p[k]) { k += 1 }
            if p[k] != 0x5C || name.contains(" ") {
                guard !name.isEmpty else { return nil }
                return AuthorName(raw: name, given: nil, family: name, isCorporate: true)
            }
        }
        // Words (split on white space and ~ at depth 0), each with its comma-separated part.
        var words: [(range: Range<Int>, part: Int)] = []
        words.reserveCapacity(6)
        var part = 0
        var depth = 0
        var wordStart = -1
        var i = 0
        while i < n {
            let c = p[i]
            if depth == 0, isSpace(c) || c == 0x7E || c == 0x2C {
                if wordStart >= 0 { words.append((wordStart..<i, part)); wordStart = -1 }
                if c == 0x2C { part += 1 }
            } else {
                if c == 0x7B { depth += 1 } else if c == 0x7D, depth > 0 { depth -= 1 }
                if wordStart < 0 { wordStart = i }
            }
            i += 1
        }
        if wordStart >= 0 { words.append((wordStart..<n, part)) }
        // DBLP homonym number: a trailing four-digit word.
        var dblpSuffix: Range<Int>?
        if words.count >= 2, let last = words.last?.range, last.count == 4,
           last.allSatisfy({ p[$0] >= 0x30 && p[$0] <= 0x39 }) {
            dblpSuffix = last
            words.removeLast()
        }
        guard let firstWord = words.first?.range, let lastWord = words.last?.range else { return nil }
        let raw = TeX.decode(UnsafeBufferPointer(rebasing: p[firstWord.lowerBound..<lastWord.upperBound]))
        guard !raw.isEmpty else { return nil }
        var ids: [PersistentID] = []
        if let s = dblpSuffix {
            ids.append(PersistentID(.dblp, raw + " " + String(decoding: UnsafeBufferPointer(rebasing: p[s]), as: UTF8.self)))
        }
        /// The words `from..<to` decoded and joined by single spaces.
        func text(_ from: Int, _ to: Int) -> String {
            guard from < to else { return "" }
            // Fast path: plain words separated by single spaces are their own text.
            let span = UnsafeBufferPointer(rebasing: p[words[from].range.lowerBound..<words[to - 1].range.upperBound])
            if words[from].part == words[to - 1].part, TeX.scan(span) == .plain {
                return String(decoding: span, as: UTF8.self)
            }
            var out = ""
            for k in from..<to {
                let t = TeX.decode(UnsafeBufferPointer(rebasing: p[words[k].range]))
                if t.isEmpty { continue }
                if !out.isEmpty { out += " " }
                out += t
            }
            return out
        }
        let parts = (words.last?.part ?? 0) + 1
        var given = ""
        var family = ""
        if parts == 1 {
            // First von Last: the family starts at the first lower-case word; with none, it is the
            // last word.
            var familyStart = words.count - 1
            for k in 0..<(words.count - 1) where isLowerCase(p, words[k].range) == true {
                familyStart = k
                break
            }
            given = text(0, familyStart)
            family = text(familyStart, words.count)
        } else {
            // von Last, First  /  von Last, Jr, First (further commas join the First part).
            var bounds = Array(repeating: words.count, count: parts + 1)   // first word of each part
            for k in stride(from: words.count - 1, through: 0, by: -1) {
                bounds[words[k].part] = k
            }
            for q in stride(from: parts - 1, through: 0, by: -1) where bounds[q] > bounds[q + 1] {
                bounds[q] = bounds[q + 1]                                   // empty parts
            }
            family = text(bounds[0], bounds[1])
            if parts == 2 {
                given = text(bounds[1], words.count)
            } else {
                let jr = text(bounds[1], bounds[2])
                if !jr.isEmpty { family = family.isEmpty ? jr : family + " " + jr }
                // More than three parts: the rest is the First part, commas kept.
                given = (2..<parts).map { text(bounds[$0], bounds[$0 + 1]) }.filter { !$0.isEmpty }
                    .joined(separator: ", ")
            }
            if family.isEmpty { family = given; given = "" }
        }
        return AuthorName(raw: raw, given: given.isEmpty ? nil : given, family: family, ids: ids)
    }

    /// BibTeX's case of a word: the first letter at brace depth 0 decides. A special character
    /// `{\…}` counts by the first letter it decodes to (`{\"O}` upper, `{\ss}` lower); so does an
    /// accent or letter command written at depth 0 (`\v{S}`: upper; BibTeX itself would look at the
    /// `v`). Other braced groups are caseless and skipped, as are unknown commands' names.
    /// Nil when the word has no letter.
    static func isLowerCase(_ p: UnsafeBufferPointer<UInt8>, _ w: Range<Int>) -> Bool? {
        var i = w.lowerBound
        let end = w.upperBound
        while i < end {
            let c = p[i]
            if c == 0x7B {                                                  // {
                let close = TeXDecoder.groupEnd(p, i, end)
                if i + 1 < end, p[i + 1] == 0x5C,
                   let lc = firstLetterCase(TeX.decode(UnsafeBufferPointer(rebasing: p[i..<close]))) {
                    return lc
                }
                i = close
                continue
            }
            if c == 0x5C {                                                  // \ at depth 0
                var j = i + 1
                guard j < end else { return nil }
                let isAccent: Bool, isLetterCommand: Bool
                if TeXDecoder.isLetter(p[j]) {
                    while j < end, TeXDecoder.isLetter(p[j]) { j += 1 }
                    let name = String(decoding: UnsafeBufferPointer(rebasing: p[(i + 1)..<j]), as: UTF8.self)
                    isAccent = TeX.wordAccents[name] != nil
                    isLetterCommand = letterCommands.contains(name)
                    while j < end, isSpace(p[j]) { j += 1 }
                } else {
                    isAccent = TeX.symbolAccent(p[j]) != nil
                    isLetterCommand = false
                    j += min(TeXDecoder.scalarLength(p[j]), end - j)
                }
                if isAccent || isLetterCommand {
                    var k = j                                               // the command with its argument
                    if isAccent, k < end {
                        k = p[k] == 0x7B ? TeXDecoder.groupEnd(p, k, end) : min(k + TeXDecoder.scalarLength(p[k]), end)
                    }
                    if let lc = firstLetterCase(TeX.decode(UnsafeBufferPointer(rebasing: p[i..<k]))) { return lc }
                }
                i = j
                continue
            }
            if TeXDecoder.isLetter(c) { return c >= 0x61 }
            if c >= 0x80, let lc = scalarCase(p, i, end) { return lc }
            i += c >= 0x80 ? TeXDecoder.scalarLength(c) : 1
        }
        return nil
    }

    /// Control words that are letters (`\ss`, `\o`, `\AE` …).
    static let letterCommands: Set<String> = [
        "ss", "SS", "o", "O", "l", "L", "ae", "AE", "oe", "OE", "aa", "AA", "i", "j", "dh", "DH",
        "th", "TH", "ng", "NG", "dj", "DJ", "ij", "IJ",
    ]

    /// True when the first letter of `s` is lower case, false for any other letter, nil for none.
    static func firstLetterCase(_ s: String) -> Bool? {
        for u in s.unicodeScalars where isLetter(u) { return u.properties.isLowercase }
        return nil
    }

    static func isLetter(_ u: Unicode.Scalar) -> Bool {
        switch u.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter: return true
        default: return false
        }
    }

    /// The case of the UTF-8 scalar at `i`: true lower, false upper, nil uncased.
    static func scalarCase(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool? {
        let len = TeXDecoder.scalarLength(p[i])
        guard i + len <= end, len > 1 else { return nil }
        var v = UInt32(p[i]) & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07)
        for k in 1..<len { v = (v << 6) | (UInt32(p[i + k]) & 0x3F) }
        guard let s = Unicode.Scalar(v), isLetter(s) else { return nil }
        return s.properties.isLowercase
    }
}

// MARK: - Scanner

/// A problem with the entry being read: where, and what.
struct BibSyntaxError: Error {
    var offset: Int
    var message: String
    /// Where to resume (a line starting with `@`), when known.
    var resume: Int?
    /// The location of `offset`, when already computed.
    var location: SourceLocation?
}

/// A field value as written: one range of the document, or the bytes of a concatenation (kept in
/// the scanner's `joinedValues`, by index: so the fields of an entry are plain data, copied and
/// dropped without reference counting).
enum BibValue {
    case range(Range<Int>)
    case joined(Int)
}

/// The fields the reader uses.
enum BibField: Int, CaseIterable {
    case author, title, year, date, journal, booktitle, journaltitle, publisher, doi, url, abstract, crossref
}

/// Room for the used fields of the entry being read: one per scanner, reused for every entry.
final class BibFieldStore {
    let values: UnsafeMutablePointer<BibValue?>
    init() {
        values = .allocate(capacity: BibField.allCases.count)
        values.initialize(repeating: nil, count: BibField.allCases.count)
    }
    deinit { values.deallocate() }                      // `BibValue?` is plain data
}

/// The used fields of one entry: a view of its scanner's `BibFieldStore` (so passing it around
/// copies one pointer), valid until the scanner reads the next entry.
struct BibFields {
    let values: UnsafeMutablePointer<BibValue?>
    subscript(_ f: BibField) -> BibValue? {
        get { values[f.rawValue] }
        nonmutating set { values[f.rawValue] = newValue }
    }
}

/// What an entry hands on to the entries that cross-reference it.
struct CrossrefInfo {
    var year: Int?
    var date: PaperDate?
    var venue: String?
}

/// The byte-level state machine that reads one document.
struct BibScanner {
    let p: UnsafeBufferPointer<UInt8>
    let n: Int
    let document: SourceDocument
    let sink: RecordSink
    var i = 0
    /// `@string` macros by lower-cased name (raw TeX bytes).
    var macros: [String: [UInt8]]
    /// The concatenated values (`a # b`) of the entry being read, for `BibValue.joined`.
    var joinedValues: [[UInt8]] = []
    /// Bytes copied out of `@string` macros so far, and the most the document may have:
    /// `expansionLimit`. Macros that double at each step (`@string{b = a # a}`) would otherwise
    /// grow a 1.5 KB file to gigabytes.
    var expandedBytes = 0
    let expansionLimit: Int
    /// 64 MiB plus 4 bytes per input byte: far above what real files use (tugboat.bib's 4,839
    /// entries expand ~100 KB), far below what exhausts memory.
    static func expansionLimit(documentSize: Int) -> Int { 64 << 20 + 4 * documentSize }
    /// The used fields of the entry being read.
    let fieldStore = BibFieldStore()
    /// Suppresses warnings while re-reading an earlier entry for a cross-reference.
    var quiet = false
    /// The flat path's decoded field bytes and interned names of the entry being read.
    var flatScratch: [UInt8] = []
    var nameIDs: [Int32] = []
    /// The flat path's name spans seen lately → their values in the sink's interner (names made
    /// there by `addName`). Its own table, small enough to stay in the core's cache: the sink's
    /// table of every name is random reads into megabytes, a cache miss on nearly every mention
    /// (the same span meeting two values after a reset only means the builder resolves it twice).
    var recentNames = NameInterner(capacity: 1 << 14)
    static let recentLimit = 1 << 14

    // Incremental line counting for record locations.
    var countedTo = 0
    var countedLine = 1
    /// Where the line of `countedTo` starts, and the last column counted on it.
    var countedLineStart = 0
    var columnCache: (lineStart: Int, offset: Int, column: Int) = (0, 0, 1)
    /// The line of the entry being read, and the offset of its `@`.
    var entryLine = 1
    var entryStart = 0

    // Cross-references.
    /// Offsets of the `@` of every record entry read so far (for a lazily built key index).
    var entryStarts: [Int] = []
    /// Lower-cased key → offset of the first entry with that key; built on first need.
    var keyIndex: [String: Int]?
    var infoCache: [Int: CrossrefInfo] = [:]
    /// Records waiting for a cross-reference target further down (and those after them, in order).
    var queue: [(record: PaperRecord, waiting: Bool)] = []
    var queueHead = 0
    /// Lower-cased target key → queue positions waiting for it.
    var waiting: [String: [Int]] = [:]

    /// What `recordEntry` fills in (every member it sets is set for every record).
    static let blankRecord = PaperRecord(id: "", title: "", authors: [], source: SourceLocation(file: "", line: 0))

    static let monthNames = ["january", "february", "march", "april", "may", "june", "july", "august",
                             "september", "october", "november", "december"]

    init(p: UnsafeBufferPointer<UInt8>, document: SourceDocument, sink: RecordSink) {
        self.p = p
        self.n = p.count
        self.document = document
        self.sink = sink
        expansionLimit = BibScanner.expansionLimit(documentSize: p.count)
        var m: [String: [UInt8]] = [:]
        for name in BibScanner.monthNames {
            m[String(name.prefix(3))] = Array(name.prefix(1).uppercased().utf8) + Array(name.dropFirst().utf8)
        }
        self.macros = m
    }

    // MARK: character classes

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    @inline(__always) static func isAlnum(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39)
    }

    /// BibTeX identifier characters (entry types, field and macro names): printable, not
    /// white space and not one of `"#%'(),={}`.
    @inline(__always) static func isIdent(_ c: UInt8) -> Bool {
        inSet(c, 0xDFFF_EC52_0000_0000, 0x57FF_FFFF_FFFF_FFFF)
    }

    /// True for bytes from 0x80 up, and for ASCII bytes whose bit is set in `low` (0–63) or
    /// `high` (64–127): a character class in two constants, without a jump table.
    @inline(__always) static func inSet(_ c: UInt8, _ low: UInt64, _ high: UInt64) -> Bool {
        c >= 0x80 || ((c < 64 ? low : high) >> UInt64(c & 63)) & 1 != 0
    }

    /// Entry-type characters: identifier characters other than `@`.
    @inline(__always) static func isTypeChar(_ c: UInt8) -> Bool {
        c != 0x40 && isIdent(c)
    }

    /// Citation-key characters: anything but white space, `,`, `=`, braces, parentheses and `"`.
    @inline(__always) static func isKey(_ c: UInt8) -> Bool {
        inSet(c, 0xDFFF_ECFA_0000_0000, 0x57FF_FFFF_FFFF_FFFF)
    }

    @inline(__always) mutating func skipSpaces() {
        while i < n, BibScanner.isSpace(p[i]) { i += 1 }
    }

    /// Skips white space and `%` comment lines (between fields).
    @inline(__always) mutating func skipSpacesAndComments() {
        while i < n {
            let c = p[i]
            if BibScanner.isSpace(c) { i += 1 } else if c == 0x25 {
                while i < n, p[i] != 0x0A { i += 1 }
            } else { return }
        }
    }

    func text(_ r: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: p[r]), as: UTF8.self)
    }

    func lowerText(_ r: Range<Int>) -> String {
        let src = UnsafeBufferPointer(rebasing: p[r])
        return String(unsafeUninitializedCapacity: src.count) { out in
            for k in 0..<src.count {
                let c = src[k]
                out[k] = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
            }
            return src.count
        }
    }

    /// A short, printable description of the byte at `k` for messages.
    func describe(_ k: Int) -> String {
        guard k < n else { return "the end of the file" }
        let c = p[k]
        if c == 0x0A || c == 0x0D { return "the end of the line" }
        let len = min(TeXDecoder.scalarLength(c), n - k)
        return "'" + text(k..<(k + len)) + "'"
    }

    /// True when the `@` at `k` opens a line (after blanks) and looks like an entry: `@word{`/`@word(`.
    func isEntryStartLine(_ k: Int) -> Bool {
        guard k < n, p[k] == 0x40 else { return false }
        var b = k
        while b > 0, p[b - 1] == 0x20 || p[b - 1] == 0x09 { b -= 1 }
        guard b == 0 || p[b - 1] == 0x0A || p[b - 1] == 0x0D else { return false }
        return looksLikeEntry(k)
    }

    /// `@ ws* word ws* {` or `(` at `k`.
    func looksLikeEntry(_ k: Int) -> Bool {
        var j = k + 1
        while j < n, BibScanner.isSpace(p[j]) { j += 1 }
        let s = j
        while j < n, BibScanner.isTypeChar(p[j]) { j += 1 }
        guard j > s else { return false }
        while j < n, BibScanner.isSpace(p[j]) { j += 1 }
        return j < n && (p[j] == 0x7B || p[j] == 0x28)
    }


    /// The next line-start `@` at or after `k` (where reading resumes after an error), or `n`.
    func resyncPoint(from k: Int) -> Int {
        var j = max(k, 0)
        while j < n {
            if p[j] == 0x40, isEntryStartLine(j) { return j }
            j += 1
        }
        return n
    }

    /// The 1-based line of `offset`, counted incrementally for increasing offsets.
    mutating func line(at offset: Int) -> Int {
        guard offset >= countedTo else { return document.line(at: offset) }
        let end = min(offset, n)
        let c = BibScanner.countLineFeeds(p, countedTo, end)
        if c > 0 {
            var k = end - 1
            while p[k] != 0x0A { k -= 1 }
            countedLineStart = k + 1
        }
        countedLine += c
        countedTo = end
        return countedLine
    }

    // MARK: word-at-a-time scanning

    /// `b` in every byte of a word.
    @inline(__always) static func broadcast(_ b: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(b) }

    /// The high bit of each byte of `x` that is zero, exact up to the lowest zero byte (above it a
    /// borrow may mark more), which is all that `firstOf` uses.
    @inline(__always) static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// The high bit of exactly the zero bytes of `x`.
    @inline(__always) static func exactZeroBytes(_ x: UInt64) -> UInt64 {
        let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
        return ~(((x & low7) &+ low7) | x | low7)
    }

    /// The first offset in `from..<to` holding `a`, `b`, `c` or `d` (repeat one to look for fewer),
    /// or `to`. Reads eight bytes at a time (little-endian words, so the lowest marked byte is the
    /// first match).
    /// - Complexity: O(to − from), about a quarter of the instructions of a byte loop.
    @inline(__always)
    static func firstOf(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int,
                        _ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) -> Int {
        var k = from
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ma = broadcast(a), mb = broadcast(b), mc = broadcast(c), md = broadcast(d)
            while k + 8 <= to {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                let z = zeroBytes(w ^ ma) | zeroBytes(w ^ mb) | zeroBytes(w ^ mc) | zeroBytes(w ^ md)
                if z != 0 { return k + z.trailingZeroBitCount >> 3 }
                k += 8
            }
        }
        while k < to {
            let v = p[k]
            if v == a || v == b || v == c || v == d { return k }
            k += 1
        }
        return to
    }

    /// The number of line feeds in `from..<to`, eight bytes at a time (an exact count of zero bytes
    /// of `word ^ 0x0A…`: no borrows cross bytes).
    /// - Complexity: O(to − from).
    static func countLineFeeds(_ p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) -> Int {
        var k = from
        var count = 0
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            // Sixteen bytes at a time: each lane counts its line feeds (a true comparison is all
            // ones, -1), up to 255 blocks before the lanes are summed.
            let lf16 = SIMD16<UInt8>(repeating: 0x0A)
            while k + 16 <= to {
                var lanes = SIMD16<UInt8>()
                var blocks = 0
                while blocks < 255, k + 16 <= to {
                    let v = raw.loadUnaligned(fromByteOffset: k, as: SIMD16<UInt8>.self)
                    lanes &-= unsafeBitCast(v .== lf16, to: SIMD16<UInt8>.self)
                    k += 16
                    blocks += 1
                }
                count &+= Int(SIMD16<UInt16>(truncatingIfNeeded: lanes).wrappedSum())
            }
            let lf = broadcast(0x0A), low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            while k + 8 <= to {
                let x = raw.loadUnaligned(fromByteOffset: k, as: UInt64.self) ^ lf
                // A byte of x is zero exactly when its high bit stays clear in ((x & 7F) + 7F) | x.
                let t = ~(((x & low7) &+ low7) | x | low7)
                // One bit (0x80) per line feed; summed by one multiplication (no popcount needed).
                count &+= Int(((t >> 7) &* 0x0101_0101_0101_0101) >> 56)
                k += 8
            }
        }
        while k < to {
            if p[k] == 0x0A { count &+= 1 }
            k += 1
        }
        return count
    }

    /// `FILE:LINE:COLUMN` of `offset` (the column counts Unicode scalars), counted incrementally
    /// (no line table, no rescanning of long lines) for offsets at or after the last one counted.
    mutating func location(at offset: Int) -> SourceLocation {
        guard offset >= countedTo else { return document.location(at: offset) }
        let ln = line(at: offset)
        let end = min(offset, n)
        if columnCache.lineStart != countedLineStart || columnCache.offset > end {
            columnCache = (countedLineStart, countedLineStart, 1)
        }
        var col = columnCache.column
        var k = columnCache.offset
        while k < end {
            if p[k] & 0xC0 != 0x80 { col += 1 }
            k += 1
        }
        columnCache = (countedLineStart, end, col)
        return SourceLocation(file: document.name, line: ln, column: col)
    }

    // MARK: top level

    mutating func run() throws {
        while i < n {
            // Junk (a comment in BibTeX) up to the next '@'; a line starting with '%' is skipped whole.
            let c = p[i]
            if c == 0x25, isAtLineStart(i) {
                while i < n, p[i] != 0x0A { i += 1 }
                continue
            }
            guard c == 0x40 else { i += 1; continue }
            let at = i
            if !isAtLineStart(at) && !looksLikeEntry(at) {
                i += 1
                continue
            }
            do {
                entryLine = line(at: at)
                entryStart = at
                try entry(at: at)
            } catch let e as BibSyntaxError {
                let resume = e.resume ?? resyncPoint(from: max(e.offset, at + 1))
                try sink.skip(e.location ?? location(at: e.offset), e.message)
                i = max(resume, at + 1)
            }
        }
        try finishCrossrefs()
    }

    func isAtLineStart(_ k: Int) -> Bool {
        var b = k
        while b > 0, p[b - 1] == 0x20 || p[b - 1] == 0x09 { b -= 1 }
        return b == 0 || p[b - 1] == 0x0A || p[b - 1] == 0x0D
    }

    /// Reads the entry whose `@` is at `at`; leaves `i` after it.
    mutating func entry(at: Int) throws {
        i = at + 1
        skipSpaces()
        let typeStart = i
        while i < n, BibScanner.isTypeChar(p[i]) { i += 1 }
        guard i > typeStart else {
            throw BibSyntaxError(offset: i, message: "expected an entry type after '@', found \(describe(i))")
        }
        let type = lowerText(typeStart..<i)
        skipSpaces()
        if type == "comment" {
            // `@comment{…}` is skipped as a balanced group; a bare `@comment` just ends here.
            if i < n, p[i] == 0x7B || p[i] == 0x28 { i = skipCommentGroup(i) }
            return
        }
        guard i < n, p[i] == 0x7B || p[i] == 0x28 else {
            throw BibSyntaxError(offset: i, message: "expected '{' or '(' after '@\(type)', found \(describe(i))")
        }
        let close: UInt8 = p[i] == 0x7B ? 0x7D : 0x29
        i += 1
        switch type {
        case "preamble":
            skipSpaces()
            _ = try value(collect: false, context: .preamble)
            skipSpaces()
            try expectClose(close, after: "the @preamble value")
        case "string":
            skipSpacesAndComments()
            let nameStart = i
            while i < n, BibScanner.isIdent(p[i]) { i += 1 }
            guard i > nameStart else {
                throw BibSyntaxError(offset: i, message: "@string: expected a macro name, found \(describe(i))")
            }
            let name = lowerText(nameStart..<i)
            skipSpaces()
            guard i < n, p[i] == 0x3D else {
                throw BibSyntaxError(offset: i, message: "@string{\(name)}: expected '=', found \(describe(i))")
            }
            i += 1
            skipSpaces()
            let v = try value(collect: true, context: .macro(name))
            skipSpacesAndComments()
            if i < n, p[i] == 0x2C { i += 1; skipSpacesAndComments() }   // a trailing comma is harmless
            try expectClose(close, after: "the @string value")
            switch v {
            case .range(let r)?: macros[name] = Array(UnsafeBufferPointer(rebasing: p[r]))
            case .joined(let k)?: macros[name] = joinedValues[k]
            case nil: macros[name] = []
            }
        default:
            try recordEntry(at: at, type: type, close: close)
        }
    }

    /// Skips `{…}` or `(…)` of an `@comment`; stops early at a line that starts a new entry.
    mutating func skipCommentGroup(_ open: Int) -> Int {
        let o = p[open], c: UInt8 = o == 0x7B ? 0x7D : 0x29
        var depth = 0
        var k = open
        while k < n {
            let b = p[k]
            if b == o { depth += 1 } else if b == c {
                depth -= 1
                if depth == 0 { return k + 1 }
            } else if b == 0x40, isEntryStartLine(k) { return k }
            k += 1
        }
        return n
    }

    mutating func expectClose(_ close: UInt8, after what: String) throws {
        guard i < n, p[i] == close else {
            if i < n, p[i] == 0x40, isEntryStartLine(i) {
                throw BibSyntaxError(offset: i, message: "missing '\(Character(Unicode.Scalar(close)))' after \(what) (the next entry starts here)", resume: i)
            }
            throw BibSyntaxError(offset: i, message: "expected '\(Character(Unicode.Scalar(close)))' after \(what), found \(describe(i))")
        }
        i += 1
    }

    /// An entry whose closing brace never comes: reported at its `@`, resumed at the next entry.
    mutating func notClosed(_ entryName: String) -> BibSyntaxError {
        let loc = location(at: entryStart)
        if i < n {
            return BibSyntaxError(offset: entryStart,
                                  message: "\(entryName): entry not closed before the next entry at line \(line(at: i))",
                                  resume: i, location: loc)
        }
        return BibSyntaxError(offset: entryStart, message: "\(entryName): entry not closed at the end of the file",
                              resume: n, location: loc)
    }

    /// The entry fields, parsed from `i` (just after the opening delimiter).
    mutating func parseBody(close: UInt8, typeName: String, collect: Bool) throws -> (key: Range<Int>, fields: BibFields) {
        if !joinedValues.isEmpty { joinedValues.removeAll(keepingCapacity: true) }
        skipSpaces()
        let keyStart = i
        while i < n, BibScanner.isKey(p[i]) { i += 1 }
        var keyEnd = i
        // Scopus writes keys with spaces (`@ARTICLE{Salvi Malacarne20221093,`): further words on the
        // same line, up to a comma, are part of the key.
        if keyEnd > keyStart {
            var j = keyEnd, lastWordEnd = keyEnd
            while j < n, p[j] == 0x20 || p[j] == 0x09 || BibScanner.isKey(p[j]) {
                if BibScanner.isKey(p[j]) { lastWordEnd = j + 1 }
                j += 1
            }
            if j < n, p[j] == 0x2C { keyEnd = lastWordEnd }
        }
        i = keyEnd
        let key = keyStart..<i
        skipSpaces()
        if key.isEmpty || (i < n && p[i] == 0x3D) {
            throw BibSyntaxError(offset: keyStart, message: "@\(typeName): missing citation key")
        }
        let fields = BibFields(values: fieldStore.values)
        for f in BibField.allCases { fields[f] = nil }
        if i < n, p[i] == close { i += 1; return (key, fields) }
        guard i < n, p[i] == 0x2C else {
            if i < n, p[i] == 0x40, isEntryStartLine(i) { throw notClosed("@\(typeName){\(text(key))}") }
            throw BibSyntaxError(offset: i, message: "@\(typeName){\(text(key)): expected ',' after the citation key, found \(describe(i))")
        }
        i += 1
        let keyRange = key
        func entryName() -> String { "@\(typeName){\(text(keyRange))}" }
        while true {
            skipSpacesAndComments()
            guard i < n else { throw notClosed(entryName()) }
            let c = p[i]
            if c == close { i += 1; return (key, fields) }
            if c == 0x40, isEntryStartLine(i) { throw notClosed(entryName()) }
            let nameStart = i
            while i < n, BibScanner.isIdent(p[i]) { i += 1 }
            guard i > nameStart else {
                throw BibSyntaxError(offset: i, message: "\(entryName()): expected a field name, found \(describe(i))")
            }
            let nameEnd = i
            skipSpaces()
            guard i < n, p[i] == 0x3D else {
                throw BibSyntaxError(offset: i, message: "\(entryName()): expected '=' after field '\(text(nameStart..<nameEnd))', found \(describe(i))")
            }
            i += 1
            skipSpaces()
            let field = collect ? BibScanner.field(p, nameStart, nameEnd) : nil
            // The common value, one `{…}` group with no `@` inside and no `#` after it, is taken
            // here; anything else (and any error) goes through `value`, from the same place.
            var v: BibValue?
            let valueStart = i
            if let close = bracedValueEnd(valueStart) {
                i = close + 1
                skipSpaces()
                if i < n, p[i] == 0x23 {
                    i = valueStart
                    v = try value(collect: field != nil, context: .field(name: nameStart..<nameEnd, type: typeName, key: keyRange))
                } else if field != nil {
                    v = .range((valueStart + 1)..<close)
                }
            } else {
                v = try value(collect: field != nil, context: .field(name: nameStart..<nameEnd, type: typeName, key: keyRange))
            }
            if let f = field {
                if let first = fields[f] {
                    // A repeated field is ignored (BibTeX keeps the first); worth a warning when it
                    // says something else (DBLP repeats `url` for every electronic edition: not that).
                    if !quiet, f != .url, f != .doi, let second = v, !sameValue(first, second) {
                        sink.warn(location(at: nameStart),
                                  "\(entryName()): repeated field '\(text(nameStart..<nameEnd))' with another value ignored")
                    }
                } else {
                    fields[f] = v
                }
            }
            skipSpacesAndComments()
            guard i < n else { throw notClosed(entryName()) }
            if p[i] == 0x2C { i += 1; continue }
            if p[i] == close { i += 1; return (key, fields) }
            if p[i] == 0x40, isEntryStartLine(i) { throw notClosed(entryName()) }
            throw BibSyntaxError(offset: i, message: "\(entryName()): expected ',' or '\(Character(Unicode.Scalar(close)))' after field '\(text(nameStart..<nameEnd))', found \(describe(i))")
        }
    }

    /// The offset of the `}` that closes the `{` at `open`, when the group closes and holds no `@`
    /// (which could start the next entry: `value` decides that); nil otherwise, or when `open` is
    /// not a `{`.
    /// - Complexity: O(length of the group), eight bytes at a time.
    @inline(__always)
    func bracedValueEnd(_ open: Int) -> Int? {
        guard open < n, p[open] == 0x7B else { return nil }
        var depth = 1
        var k = open + 1
        while true {
            k = BibScanner.firstOf(p, k, n, 0x7B, 0x7D, 0x40, 0x40)
            guard k < n else { return nil }
            switch p[k] {
            case 0x7B: depth += 1
            case 0x7D:
                depth -= 1
                if depth == 0 { return k }
            default: return nil
            }
            k += 1
        }
    }

    /// Which used field the name at `s..<e` is (case-insensitive), if any.
    static func field(_ p: UnsafeBufferPointer<UInt8>, _ s: Int, _ e: Int) -> BibField? {
        @inline(__always) func eq(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == e - s else { return false }
            let w = word.utf8Start
            for k in 0..<(e - s) {
                let c = p[s + k]
                let l = c >= 0x41 && c <= 0x5A ? c | 0x20 : c
                if l != w[k] { return false }
            }
            return true
        }
        switch e - s {
        case 3: return eq("doi") ? .doi : eq("url") ? .url : nil
        case 4: return eq("year") ? .year : eq("date") ? .date : nil
        case 5: return eq("title") ? .title : nil
        case 6: return eq("author") ? .author : nil
        case 7: return eq("journal") ? .journal : nil
        case 8: return eq("abstract") ? .abstract : eq("crossref") ? .crossref : nil
        case 9: return eq("booktitle") ? .booktitle : eq("publisher") ? .publisher : nil
        case 12: return eq("journaltitle") ? .journaltitle : nil
        default: return nil
        }
    }

    /// What a value belongs to, for messages.
    enum ValueContext {
        case field(name: Range<Int>, type: String, key: Range<Int>)
        case macro(String)
        case preamble
    }

    func describe(_ c: ValueContext) -> String {
        switch c {
        case let .field(name, type, key): return "field '\(text(name))' of @\(type){\(text(key))}"
        case let .macro(name): return "@string{\(name)}"
        case .preamble: return "@preamble"
        }
    }

    /// A value: parts (`{…}`, `"…"`, digits, macro names) joined by `#`. With `collect`, returns it.
    mutating func value(collect: Bool, context: ValueContext) throws -> BibValue? {
        func field() -> String { describe(context) }
        var single: Range<Int>?
        var joined: [UInt8] = []
        var parts = 0
        while true {
            guard i < n else {
                throw BibSyntaxError(offset: n, message: "missing value of \(field()) at the end of the file")
            }
            let c = p[i]
            let partRange: Range<Int>
            var macro: [UInt8]?
            if c == 0x7B || c == 0x22 {
                let open = i
                var depth = 0
                var k = i + 1
                if c == 0x7B { depth = 1 }
                var closed = false
                // Only braces, the closing quote and `@` (a possible next entry) matter.
                let quote: UInt8 = c == 0x22 ? 0x22 : 0x7B
                while true {
                    k = BibScanner.firstOf(p, k, n, 0x7B, 0x7D, 0x40, quote)
                    guard k < n else { break }
                    let b = p[k]
                    if b == 0x7B { depth += 1 } else if b == 0x7D {
                        depth -= 1
                        if depth == 0 && c == 0x7B { closed = true; break }
                        if depth < 0 {
                            throw BibSyntaxError(offset: k, message: "unbalanced '}' in the quoted value of \(field())")
                        }
                    } else if b == 0x22, c == 0x22, depth == 0 {
                        closed = true; break
                    } else if b == 0x40, isEntryStartLine(k) {
                        let loc = location(at: open)
                        throw BibSyntaxError(
                            offset: open,
                            message: "unclosed \(c == 0x7B ? "'{'" : "'\"'") in the value of \(field()) (it runs into the next entry at line \(line(at: k)))",
                            resume: k, location: loc)
                    }
                    k += 1
                }
                guard closed else {
                    throw BibSyntaxError(offset: open, message: "unclosed \(c == 0x7B ? "'{'" : "'\"'") in the value of \(field()) (it runs to the end of the file)")
                }
                partRange = (open + 1)..<k
                i = k + 1
            } else if c >= 0x30 && c <= 0x39 {
                let s = i
                while i < n, p[i] >= 0x30 && p[i] <= 0x39 { i += 1 }
                partRange = s..<i
            } else if BibScanner.isIdent(c) && c != 0x40 {
                let s = i
                while i < n, BibScanner.isIdent(p[i]) { i += 1 }
                partRange = s..<i
                if collect {
                    let name = lowerText(partRange)
                    if let m = macros[name] { macro = m } else {
                        macro = []
                        if !quiet {
                            sink.warn(location(at: s), "undefined @string macro '\(text(partRange))' in \(field()) (read as empty)")
                        }
                    }
                }
            } else {
                throw BibSyntaxError(offset: i, message: "expected a value for \(field()), found \(describe(i))")
            }
            parts += 1
            if collect {
                if parts == 1, macro == nil {
                    single = partRange
                } else {
                    if let s = single { joined.append(contentsOf: UnsafeBufferPointer(rebasing: p[s])); single = nil }
                    if let m = macro {
                        expandedBytes += m.count
                        if expandedBytes > expansionLimit {
                            throw RecordError.malformed(location(at: i), "@string macros expand to more than \(expansionLimit) bytes (the limit: 64 MiB + 4 × the file size); macros that double at each step?")
                        }
                        joined.append(contentsOf: m)
                    } else {
                        joined.append(contentsOf: UnsafeBufferPointer(rebasing: p[partRange]))
                    }
                }
            }
            skipSpaces()
            if i < n, p[i] == 0x23 {                      // #
                i += 1
                skipSpaces()
                continue
            }
            break
        }
        guard collect else { return nil }
        if let s = single { return .range(s) }
        joinedValues.append(joined)
        return .joined(joinedValues.count - 1)
    }

    // MARK: records

    func sameValue(_ a: BibValue, _ b: BibValue) -> Bool {
        withValue(a) { x in withValue(b) { y in x.elementsEqual(y) } }
    }

    func withValue<T>(_ v: BibValue, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        switch v {
        case .range(let r): return body(UnsafeBufferPointer(rebasing: p[r]))
        case .joined(let k): return joinedValues[k].withUnsafeBufferPointer(body)
        }
    }

    func decoded(_ f: BibField, _ fields: BibFields) -> String? {
        guard let v = fields[f] else { return nil }
        let s = withValue(v) { TeX.decode($0) }
        return s.isEmpty ? nil : s
    }

    func verbatim(_ f: BibField, _ fields: BibFields) -> String? {
        guard let v = fields[f] else { return nil }
        let s = withValue(v) { TeX.decodeVerbatim($0) }
        return s.isEmpty ? nil : s
    }

    /// The first run of exactly four digits; negative when the text starts with `-` right before
    /// it (an EDTF year before year 0, as in biblatex's `date = {-3000~}`). `end` is the offset
    /// after the digits.
    static func firstYear(_ u: UnsafeBufferPointer<UInt8>) -> (year: Int, end: Int)? {
        let n = u.count
        var idx = 0
        while idx < n, u[idx] == 0x20 { idx += 1 }
        var sign = 1
        if idx < n, u[idx] == 0x2D { sign = -1; idx += 1 }
        while idx < n {
            guard u[idx] >= 0x30 && u[idx] <= 0x39 else { sign = 1; idx += 1; continue }
            var e = idx
            var v = 0
            var len = 0
            while e < n, u[e] >= 0x30 && u[e] <= 0x39 {
                if len < 5 { v = v * 10 + Int(u[e] - 0x30) }
                len += 1
                e += 1
            }
            if len == 4 { return (sign * v, e) }
            sign = 1
            idx = e
        }
        return nil
    }

    static func firstYear(_ s: String) -> (year: Int, end: Int)? {
        var s = s
        return s.withUTF8 { firstYear($0) }
    }

    /// biblatex `date`: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (a range `…/…` gives its start).
    static func parseDate(_ u: UnsafeBufferPointer<UInt8>) -> PaperDate? {
        guard let (y, end) = firstYear(u) else { return nil }
        var date = PaperDate(year: y)
        let rest = UnsafeBufferPointer(rebasing: u[end...])
        func two(_ k: Int) -> Int? {
            guard k + 1 < rest.count, rest[k] >= 0x30 && rest[k] <= 0x39, rest[k + 1] >= 0x30 && rest[k + 1] <= 0x39,
                  k + 2 == rest.count || !(rest[k + 2] >= 0x30 && rest[k + 2] <= 0x39) else { return nil }
            return Int(rest[k] - 0x30) * 10 + Int(rest[k + 1] - 0x30)
        }
        if rest.count >= 3, rest[0] == 0x2D, let m = two(1), m >= 1, m <= 12 {
            date.month = m
            if rest.count >= 6, rest[3] == 0x2D, let d = two(4), d >= 1,
               d <= ProfilePageReader.daysIn(month: m, year: y) {
                date.day = d
            }
        }
        return date
    }

    static func parseDate(_ s: String) -> PaperDate? {
        var s = s
        return s.withUTF8 { parseDate($0) }
    }

    /// `body` on the decoded text of a field, as bytes: the value itself when it has no markup
    /// (decoding would give the same bytes), else its decoded text. Nil when absent or empty.
    func withDecodedBytes<T>(_ f: BibField, _ fields: BibFields, _ body: (UnsafeBufferPointer<UInt8>) -> T?) -> T? {
        guard let v = fields[f] else { return nil }
        return withValue(v) { raw -> T? in
            if TeX.scan(raw) == .plain { return raw.isEmpty ? nil : body(raw) }
            var s = TeX.decode(raw)
            return s.isEmpty ? nil : s.withUTF8(body)
        }
    }

    /// The year (of `year`, else of `date`) and the date (`date`, when it agrees with `year`).
    func yearAndDate(_ fields: BibFields) -> (year: Int?, date: PaperDate?) {
        var year = withDecodedBytes(.year, fields) { BibScanner.firstYear($0)?.year }
        var date = withDecodedBytes(.date, fields) { BibScanner.parseDate($0) }
        if let y = year, let d = date, d.year != y { date = nil }
        if year == nil { year = date?.year }
        return (year, date)
    }

    mutating func recordEntry(at: Int, type: String, close: UInt8) throws {
        let (keyRange, fields) = try parseBody(close: close, typeName: type, collect: true)
        entryStarts.append(at)
        if let interner = sink.interner, queueHead == queue.count,
           try flatEntry(at: at, type: type, keyRange: keyRange, fields: fields, interner: interner) {
            return
        }
        let key = text(keyRange)
        let source = SourceLocation(file: document.name, line: entryLine)

        var authors: [AuthorName] = []
        var truncated = false
        if let a = fields[.author] {
            (authors, truncated) = withValue(a) { BibNames.parseList($0) }
        }
        let title = decoded(.title, fields) ?? ""
        let (year, date) = yearAndDate(fields)
        let venue = decoded(.journal, fields) ?? decoded(.booktitle, fields)
            ?? decoded(.journaltitle, fields) ?? decoded(.publisher, fields)
        // Filled in field by field rather than made by `PaperRecord.init`: the optimised
        // initializer loads its result twice and retains one load while releasing the other (an
        // outlined copy and destroy of the whole record: an atomic retain and release per string
        // and array), while copying the blank record copies only empty strings and arrays, which
        // need no reference counting (the parse of the DBLP slice: ~4 % faster).
        var record = BibScanner.blankRecord
        record.id = key
        record.title = title
        record.authors = authors
        record.authorsTruncated = truncated
        record.year = year ?? date?.year                    // as `PaperRecord.init`
        record.date = date
        record.venue = venue
        record.category = type
        record.doi = verbatim(.doi, fields)
        record.url = verbatim(.url, fields)
        record.abstract = decoded(.abstract, fields)
        record.source = source

        // Cross-references.
        var lowerKey: String?
        if keyIndex != nil {
            let lk = lowerText(keyRange)
            lowerKey = lk
            if keyIndex?[lk] == nil { keyIndex?[lk] = at }
        }
        if !waiting.isEmpty {
            let lk = lowerKey ?? lowerText(keyRange)
            if let positions = waiting.removeValue(forKey: lk) {
                let info = crossrefInfo(fields)
                infoCache[at] = info
                for q in positions {
                    BibScanner.inherit(&queue[q].record, info)
                    queue[q].waiting = false
                }
            }
        }
        var waits = false
        if record.year == nil || record.venue == nil, let cr = fields[.crossref] {
            // Keys match case-insensitively in ASCII, as in BibTeX (and as `lowerText` folds them).
            let target = String(decoding: withValue(cr) { TeX.decodeVerbatim($0) }.utf8.map {
                $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0
            }, as: UTF8.self)
            if !target.isEmpty {
                if let off = lookup(target) {
                    BibScanner.inherit(&record, info(at: off))
                } else {
                    waits = true
                    waiting[target, default: []].append(queue.count)
                }
            }
        }
        if queueHead == queue.count && !waits {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
            try sink.emit(record)
        } else {
            queue.append((record, waits))
            try flushQueue()
        }
    }

    /// Where a field of the flat path lies: in the document, or in `flatScratch` (decoded).
    enum FlatSpan {
        case absent
        case document(Range<Int>)
        case scratch(Range<Int>)

        var isAbsent: Bool { if case .absent = self { return true } else { return false } }
    }

    /// Field `f` as `decoded` (or, with `verbatim`, `verbatim`) gives it, as bytes: the value's own
    /// range when it has no markup (decoding gives the same bytes), else its decoded text appended
    /// to `flatScratch`. Absent when the field is absent or decodes to nothing.
    mutating func flatField(_ f: BibField, _ fields: BibFields, verbatim: Bool = false) -> FlatSpan {
        guard let v = fields[f] else { return .absent }
        let start = flatScratch.count
        var out = flatScratch
        flatScratch = []
        defer { flatScratch = out }
        return withValue(v) { raw -> FlatSpan in
            switch TeX.scan(raw) {
            case .plain:
                if raw.isEmpty { return .absent }
                if case .range(let r) = v { return .document(r) }
                out.append(contentsOf: raw)
            case .whitespace:
                TeX.collapse(raw, appendingTo: &out)
            case .markup:
                out.append(contentsOf: TeX.decodeMarkup(raw, verbatim: verbatim).utf8)
            }
            return out.count > start ? .scratch(start..<out.count) : .absent
        }
    }

    /// The value `NameInterner` holds for a BibTeX name span that makes no name.
    static let noName: Int32 = -1

    /// The record of the entry at `at` handed over as bytes (`RecordSink.emit(_:names:)`): fields
    /// as ranges of the document, or decoded into `flatScratch` when they have markup; authors as
    /// values of the sink's interner, each name span (the bytes `parseList` gives `parseName`)
    /// looked up in this reader's own table of recent spans (`recentNames`) and parsed once, on
    /// first sight. The record, warnings and cross-reference bookkeeping are those of the general
    /// path. False, having done nothing, when the entry must inherit from or wait for a
    /// cross-reference (the general path reads it).
    mutating func flatEntry(at: Int, type: String, keyRange: Range<Int>, fields: BibFields,
                            interner: NameInterner) throws -> Bool {
        flatScratch.removeAll(keepingCapacity: true)
        let (year, date) = yearAndDate(fields)
        var venue = flatField(.journal, fields)
        if venue.isAbsent { venue = flatField(.booktitle, fields) }
        if venue.isAbsent { venue = flatField(.journaltitle, fields) }
        if venue.isAbsent { venue = flatField(.publisher, fields) }
        if year == nil && date == nil || venue.isAbsent, fields[.crossref] != nil { return false }
        // Cross-reference bookkeeping, as the general path (with the queue empty, nothing waits).
        if keyIndex != nil {
            let lk = lowerText(keyRange)
            if keyIndex?[lk] == nil { keyIndex?[lk] = at }
        }
        let title = flatField(.title, fields)
        let doi = flatField(.doi, fields, verbatim: true)
        let url = flatField(.url, fields, verbatim: true)
        let abstract = flatField(.abstract, fields)
        let categoryStart = flatScratch.count
        flatScratch.append(contentsOf: type.utf8)
        let category = FlatSpan.scratch(categoryStart..<flatScratch.count)

        if recentNames.count >= BibScanner.recentLimit { recentNames = NameInterner(capacity: 1 << 14) }
        let local = recentNames
        var ids = nameIDs
        nameIDs = []
        ids.removeAll(keepingCapacity: true)
        var truncated = false
        if let a = fields[.author] {
            truncated = withValue(a) { list in
                BibNames.forEachName(list) { span, scratch in
                    let v = local.value(of: span) {
                        guard let name = BibNames.parseName(span, scratch: scratch) else { return BibScanner.noName }
                        return interner.addName(name)
                    }
                    if v >= 0 { ids.append(v) }
                }
            }
        }
        defer { nameIDs = ids }
        let location = SourceLocation(file: document.name, line: entryLine)
        try flatScratch.withUnsafeBufferPointer { sb in
            func bytes(_ s: FlatSpan) -> UnsafeBufferPointer<UInt8>? {
                switch s {
                case .absent: return nil
                case .document(let r): return UnsafeBufferPointer(rebasing: p[r])
                case .scratch(let r): return UnsafeBufferPointer(rebasing: sb[r])
                }
            }
            let record = FlatRecord(id: UnsafeBufferPointer(rebasing: p[keyRange]), title: bytes(title),
                                    venue: bytes(venue), category: bytes(category), doi: bytes(doi),
                                    abstract: bytes(abstract), url: bytes(url), year: year ?? date?.year, date: date,
                                    truncated: truncated, location: location, byteCount: i - at)
            try ids.withUnsafeBufferPointer { try sink.emit(record, names: $0) }
        }
        return true
    }

    static func inherit(_ record: inout PaperRecord, _ info: CrossrefInfo) {
        if record.year == nil {
            record.year = info.year
            if record.date == nil { record.date = info.date }
        }
        if record.venue == nil { record.venue = info.venue }
    }

    func crossrefInfo(_ fields: BibFields) -> CrossrefInfo {
        let (year, date) = yearAndDate(fields)
        let venue = decoded(.booktitle, fields) ?? decoded(.journal, fields)
            ?? decoded(.journaltitle, fields) ?? decoded(.title, fields)
        return CrossrefInfo(year: year, date: date, venue: venue)
    }

    /// The offset of the entry with the lower-cased key, building the key index on first use.
    mutating func lookup(_ lowerKey: String) -> Int? {
        if keyIndex == nil {
            var idx: [String: Int] = [:]
            for off in entryStarts {
                if let r = keyRange(at: off) {
                    let lk = lowerText(r)
                    if idx[lk] == nil { idx[lk] = off }
                }
            }
            keyIndex = idx
        }
        return keyIndex?[lowerKey]
    }

    /// The key of the entry whose `@` is at `off` (already read once, so well-formed).
    func keyRange(at off: Int) -> Range<Int>? {
        var k = off + 1
        while k < n, BibScanner.isSpace(p[k]) { k += 1 }
        while k < n, BibScanner.isTypeChar(p[k]) { k += 1 }
        while k < n, BibScanner.isSpace(p[k]) { k += 1 }
        guard k < n, p[k] == 0x7B || p[k] == 0x28 else { return nil }
        k += 1
        while k < n, BibScanner.isSpace(p[k]) { k += 1 }
        let s = k
        while k < n, BibScanner.isKey(p[k]) { k += 1 }
        return k > s ? s..<k : nil
    }

    /// What the entry at `off` hands on, re-reading it when needed.
    mutating func info(at off: Int) -> CrossrefInfo {
        if let c = infoCache[off] { return c }
        var sub = BibScanner(p: p, document: document, sink: sink)
        sub.macros = macros
        sub.quiet = true
        sub.i = off + 1
        sub.skipSpaces()
        while sub.i < n, BibScanner.isTypeChar(p[sub.i]) { sub.i += 1 }
        sub.skipSpaces()
        var result = CrossrefInfo()
        if sub.i < n, p[sub.i] == 0x7B || p[sub.i] == 0x28 {
            let close: UInt8 = p[sub.i] == 0x7B ? 0x7D : 0x29
            sub.i += 1
            if let body = try? sub.parseBody(close: close, typeName: "", collect: true) {
                result = sub.crossrefInfo(body.fields)
            }
        }
        infoCache[off] = result
        return result
    }

    /// Emits the records at the head of the queue that no longer wait.
    mutating func flushQueue() throws {
        while queueHead < queue.count, !queue[queueHead].waiting {
            let r = queue[queueHead].record
            queueHead += 1
            try sink.emit(r)
        }
        if queueHead == queue.count {
            queue.removeAll(keepingCapacity: true)
            queueHead = 0
        }
    }

    /// At the end of the file: targets never found are reported, and everything left is emitted.
    mutating func finishCrossrefs() throws {
        for (target, positions) in waiting.sorted(by: { $0.value[0] < $1.value[0] }) {
            for q in positions {
                queue[q].waiting = false
                sink.warn(queue[q].record.source, "@\(queue[q].record.category ?? "entry"){\(queue[q].record.id)}: crossref target '\(target)' not found")
            }
        }
        waiting.removeAll()
        try flushQueue()
    }
}
