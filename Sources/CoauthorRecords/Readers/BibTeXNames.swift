import CoauthorModel

// BibTeX names: the author list split into names, and each name into given and family parts.


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
