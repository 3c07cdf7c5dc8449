import Foundation

/// Turns the TeX markup of BibTeX field values into plain Unicode text.
///
/// - Accents in every spelling (`{\"u}`, `\"{u}`, `\"u`, `\'{\i}`, `\c{c}`, `\v c` …) become the
///   precomposed character (NFC); `\i` and `\j` are dotless bases (`\'{\i}` → `í`, lone `\i` → `ı`).
/// - Letters and ligatures (`\ss`, `\o`, `\l`, `\ae`, `\OE`, `\aa` …), common symbols (`\S`,
///   `\ldots`, `\pounds`, Greek letters) and logos (`\TeX`, `\LaTeX`, `\BibTeX` …) become text.
/// - `---` → em dash, `--` → en dash, `~` → space, `\&` `\%` `\$` `\#` `\_` `\{` `\}` → the character;
///   math shifts (`$`) and all remaining braces are dropped.
/// - An unknown command is dropped and its arguments are kept as text (`\emph{Word}` → `Word`).
/// - White space runs become one space; the result is trimmed.
///
/// Braces are matched the BibTeX way (a backslash does not hide a brace from the counting); a
/// missing closing brace simply ends the text. Nothing here traps on any input.
enum TeX {
    /// Decodes a field value (TeX markup) into plain text.
    static func decode(_ text: UnsafeBufferPointer<UInt8>) -> String {
        switch scan(text) {
        case .plain: return String(decoding: text, as: UTF8.self)
        case .whitespace: return collapse(text)
        case .markup: return decodeMarkup(text, verbatim: false)
        }
    }

    /// Decodes a value kept verbatim by biblatex (`url`, `doi`): braces and `\url{}` wrappers go,
    /// escaped characters (`\_`, `\%`, `\~{}` …) are unescaped, `~` and `--` stay as they are.
    static func decodeVerbatim(_ text: UnsafeBufferPointer<UInt8>) -> String {
        switch scan(text) {
        case .plain: return String(decoding: text, as: UTF8.self)
        case .whitespace: return collapse(text)
        case .markup: return decodeMarkup(text, verbatim: true)
        }
    }

    /// A value that `scan` found to be `.markup`, decoded (as `decode`, or with `verbatim` as
    /// `decodeVerbatim`).
    static func decodeMarkup(_ text: UnsafeBufferPointer<UInt8>, verbatim: Bool) -> String {
        var d = TeXDecoder(verbatim: verbatim)
        d.run(text, 0, text.count, depth: 0)
        return d.finish()
    }

    /// Convenience for strings (tests, small values).
    static func decode(_ text: String) -> String {
        var t = text
        return t.withUTF8 { decode($0) }
    }

    static func decodeVerbatim(_ text: String) -> String {
        var t = text
        return t.withUTF8 { decodeVerbatim($0) }
    }

    enum Kind { case plain, whitespace, markup }

    /// What a value needs: nothing (`plain`), only white-space collapsing, or full decoding.
    ///
    /// Eight bytes at a time while the words hold none of `\ { } ~ $` nor control bytes (a word
    /// with one of the five is markup at once), checking `--` and two spaces in a row with exact
    /// per-byte masks, including across words; the rest byte by byte.
    /// - Complexity: O(n).
    @inline(__always)
    static func scan(_ p: UnsafeBufferPointer<UInt8>) -> Kind {
        let n = p.count
        if n == 0 { return .plain }
        var ws = p[0] == 0x20 || p[n - 1] == 0x20
        var prevSpace = false
        var prevDash = false
        var k = 0
        if let base = p.baseAddress {
            let raw = UnsafeRawPointer(base)
            let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
            let low7: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
            /// High bit of each byte that may be zero; nonzero exactly when some byte is zero.
            @inline(__always) func anyZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
            /// High bit of exactly the zero bytes.
            @inline(__always) func zeros(_ x: UInt64) -> UInt64 { ~(((x & low7) &+ low7) | x | low7) }
            while k + 8 <= n {
                let w = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: k, as: UInt64.self))
                if anyZero(w ^ (ones &* 0x5C)) | anyZero(w ^ (ones &* 0x7B)) | anyZero(w ^ (ones &* 0x7D))
                    | anyZero(w ^ (ones &* 0x7E)) | anyZero(w ^ (ones &* 0x24)) != 0 {
                    return .markup                              // \ { } ~ $
                }
                if (w &- (ones &* 0x20)) & ~w & highs != 0 { break }   // a byte below 0x20
                let dashes = zeros(w ^ (ones &* 0x2D)), spaces = zeros(w ^ (ones &* 0x20))
                // Byte j is bits 8j…8j+7 (little-endian): a pair is a mark and the mark 8 bits up.
                if dashes & (dashes >> 8) != 0 || (prevDash && dashes & 0x80 != 0) { return .markup }
                if spaces & (spaces >> 8) != 0 || (prevSpace && spaces & 0x80 != 0) { ws = true }
                prevDash = dashes >> 63 != 0
                prevSpace = spaces >> 63 != 0
                k += 8
            }
        }
        for c in UnsafeBufferPointer(rebasing: p[k...]) {
            switch c {
            case 0x5C, 0x7B, 0x7D, 0x7E, 0x24: return .markup   // \ { } ~ $
            case 0x2D:
                if prevDash { return .markup }
                prevDash = true; prevSpace = false
                continue
            case 0x20:
                if prevSpace { ws = true }
                prevSpace = true
            case 0x09, 0x0A, 0x0D:
                ws = true; prevSpace = true
            default:
                prevSpace = false
            }
            prevDash = false
        }
        return ws ? .whitespace : .plain
    }

    /// White space runs → one space, trimmed.
    static func collapse(_ p: UnsafeBufferPointer<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(p.count)
        collapse(p, appendingTo: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `collapse`, its bytes appended to `out`.
    static func collapse(_ p: UnsafeBufferPointer<UInt8>, appendingTo out: inout [UInt8]) {
        let start = out.count
        var pending = false
        for c in p {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D {
                if out.count > start { pending = true }
            } else {
                if pending { out.append(0x20); pending = false }
                out.append(c)
            }
        }
    }

    // MARK: tables

    /// Control symbols that take an accent argument (`\"u`) and the combining mark they add.
    static func symbolAccent(_ c: UInt8) -> Unicode.Scalar? {
        switch c {
        case 0x60: return "\u{300}"   // \`
        case 0x27: return "\u{301}"   // \'
        case 0x5E: return "\u{302}"   // \^
        case 0x7E: return "\u{303}"   // \~
        case 0x3D: return "\u{304}"   // \=
        case 0x2E: return "\u{307}"   // \.
        case 0x22: return "\u{308}"   // \"
        default: return nil
        }
    }

    /// Control words that take an accent argument (`\v{c}`).
    static let wordAccents: [String: Unicode.Scalar] = [
        "u": "\u{306}",   // breve
        "r": "\u{30A}",   // ring
        "H": "\u{30B}",   // double acute
        "v": "\u{30C}",   // caron
        "d": "\u{323}",   // dot below
        "c": "\u{327}",   // cedilla
        "k": "\u{328}",   // ogonek
        "b": "\u{331}",   // macron below
        "t": "\u{361}",   // tie
    ]

    /// Control words that stand for text.
    static let words: [String: String] = [
        // letters and ligatures
        "ss": "ß", "SS": "SS", "o": "ø", "O": "Ø", "l": "ł", "L": "Ł", "ae": "æ", "AE": "Æ",
        "oe": "œ", "OE": "Œ", "aa": "å", "AA": "Å", "i": "ı", "j": "ȷ", "dh": "ð", "DH": "Ð",
        "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ", "dj": "đ", "DJ": "Đ", "ij": "ĳ", "IJ": "Ĳ",
        // punctuation and symbols
        "ldots": "…", "dots": "…", "textellipsis": "…", "S": "§", "P": "¶", "pounds": "£",
        "textsterling": "£", "copyright": "©", "textcopyright": "©", "textregistered": "®",
        "texttrademark": "™", "dag": "†", "ddag": "‡", "textdagger": "†", "textdaggerdbl": "‡",
        "textendash": "–", "endash": "–", "textemdash": "—", "emdash": "—", "Dash": "—",
        "slash": "/", "textquoteleft": "‘", "lq": "‘", "textquoteright": "’", "rq": "’",
        "textquotedblleft": "“", "textquotedblright": "”", "guillemotleft": "«", "guillemetleft": "«",
        "guillemotright": "»", "guillemetright": "»", "textbackslash": "\\", "textasciitilde": "~",
        "textasciicircum": "^", "textunderscore": "_", "textbar": "|", "textless": "<",
        "textgreater": ">", "textdollar": "$", "textdegree": "°", "textperiodcentered": "·",
        "textbullet": "•", "euro": "€", "texteuro": "€", "textexclamdown": "¡", "textquestiondown": "¿",
        "times": "×", "pm": "±", "cdot": "·", "infty": "∞", "leq": "≤", "le": "≤", "geq": "≥",
        "ge": "≥", "neq": "≠", "ne": "≠", "to": "→", "rightarrow": "→", "leftarrow": "←",
        "approx": "≈", "sim": "∼", "ell": "ℓ", "partial": "∂", "nabla": "∇", "sum": "∑",
        // Greek
        "alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "varepsilon": "ε",
        "zeta": "ζ", "eta": "η", "theta": "θ", "vartheta": "ϑ", "iota": "ι", "kappa": "κ",
        "lambda": "λ", "mu": "μ", "nu": "ν", "xi": "ξ", "pi": "π", "varpi": "ϖ", "rho": "ρ",
        "varrho": "ϱ", "sigma": "σ", "varsigma": "ς", "tau": "τ", "upsilon": "υ", "phi": "φ",
        "varphi": "ϕ", "chi": "χ", "psi": "ψ", "omega": "ω", "Gamma": "Γ", "Delta": "Δ",
        "Theta": "Θ", "Lambda": "Λ", "Xi": "Ξ", "Pi": "Π", "Sigma": "Σ", "Upsilon": "Υ",
        "Phi": "Φ", "Psi": "Ψ", "Omega": "Ω",
        // logos
        "TeX": "TeX", "LaTeX": "LaTeX", "LaTeXe": "LaTeX2e", "BibTeX": "BibTeX", "SliTeX": "SliTeX",
        "AmSTeX": "AMS-TeX", "AMSTeX": "AMS-TeX", "AmSLaTeX": "AMS-LaTeX", "AmS": "AMS", "AMS": "AMS",
        "MF": "METAFONT", "METAFONT": "METAFONT", "MP": "MetaPost", "METAPOST": "MetaPost",
        "ConTeXt": "ConTeXt", "LuaTeX": "LuaTeX", "LuaLaTeX": "LuaLaTeX", "XeTeX": "XeTeX",
        "XeLaTeX": "XeLaTeX", "pdfTeX": "pdfTeX", "pdfLaTeX": "pdfLaTeX", "eTeX": "e-TeX",
        "PiCTeX": "PiCTeX", "TikZ": "TikZ", "TUB": "TUGboat", "PS": "PostScript",
        "POSTSCRIPT": "PostScript", "PostScript": "PostScript", "AllTeX": "(La)TeX",
        "Thanh": "Hàn Thế Thành", "NTG": "NTG", "TUG": "TUG",
        // biblatex punctuation commands
        "adddot": ".", "addperiod": ".", "addcomma": ",", "addcolon": ":", "addsemicolon": ";",
    ]

    /// Math operators: their name, then a space (`\log n` → `log n`).
    static let operators: Set<String> = [
        "log", "lg", "ln", "exp", "sin", "cos", "tan", "max", "min", "lim", "sup", "inf", "det",
        "dim", "gcd", "ker", "Pr", "arg", "deg", "mod", "bmod",
    ]

    /// Control words that make space.
    static let spaces: Set<String> = [
        "quad", "qquad", "enspace", "thinspace", "space", "nobreakspace", "par", "newline",
        "linebreak", "hfill", "hfil", "break", "medskip", "smallskip", "bigskip", "enskip",
        "addspace", "addnbspace", "addthinspace", "addabbrvspace",
    ]

    /// Control words whose first (braced) argument produces no text; a second one, as in
    /// `\foreignlanguage{polish}{…}` or `\href{url}{text}`, is kept as ordinary text.
    static let dropArgument: Set<String> = [
        "noopsort", "hphantom", "vphantom", "phantom", "hspace", "vspace", "label", "index",
        "footnote", "thanks", "selectlanguage", "foreignlanguage", "href", "textlang", "hyphenrules",
    ]

    /// Control words followed by a TeX dimension (`\kern-.1em`), which is dropped with them.
    static let takesDimension: Set<String> = ["kern", "hskip", "vskip", "mkern", "raise", "lower", "mskip"]

    /// Control words whose argument is verbatim.
    static let verbatimCommands: Set<String> = ["url", "path", "verb", "nolinkurl"]
}

/// The decoding state machine behind `TeX.decode`.
struct TeXDecoder {
    var out: [UInt8] = []
    var pendingSpace = false
    var combined = false
    let verbatim: Bool

    init(verbatim: Bool) { self.verbatim = verbatim }

    /// Nesting limit for accent arguments decoded recursively; deeper input is copied as text.
    static let maxDepth = 16

    mutating func finish() -> String {
        let s = String(decoding: out, as: UTF8.self)
        return combined ? s.precomposedStringWithCanonicalMapping : s
    }

    @inline(__always) mutating func space() {
        if !out.isEmpty { pendingSpace = true }
    }

    @inline(__always) mutating func flushSpace() {
        if pendingSpace { out.append(0x20); pendingSpace = false }
    }

    @inline(__always) mutating func emit(_ b: UInt8) {
        flushSpace()
        out.append(b)
    }

    mutating func emit(_ s: String) {
        if s.isEmpty { return }
        flushSpace()
        out.append(contentsOf: s.utf8)
    }

    mutating func emit(bytes p: UnsafeBufferPointer<UInt8>, _ from: Int, _ to: Int) {
        var k = from
        while k < to {
            let c = p[k]
            if isSpace(c) { space() } else { emit(c) }
            k += 1
        }
    }

    @inline(__always) func isSpace(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A)
    }

    /// Byte length of the UTF-8 sequence starting with `c` (1 for a stray continuation byte).
    @inline(__always) static func scalarLength(_ c: UInt8) -> Int {
        if c < 0xC0 { return 1 }
        if c < 0xE0 { return 2 }
        if c < 0xF0 { return 3 }
        return 4
    }

    func skipSpaces(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var k = i
        while k < end, isSpace(p[k]) { k += 1 }
        return k
    }

    /// The position after the group opened at `open` (`{` … matching `}`), or `end`.
    static func groupEnd(_ p: UnsafeBufferPointer<UInt8>, _ open: Int, _ end: Int) -> Int {
        var depth = 0
        var k = open
        while k < end {
            let c = p[k]
            if c == 0x7B { depth += 1 } else if c == 0x7D {
                depth -= 1
                if depth == 0 { return k + 1 }
            }
            k += 1
        }
        return end
    }

    mutating func run(_ p: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, depth: Int) {
        var i = start
        while i < end {
            let c = p[i]
            switch c {
            case 0x7B, 0x7D:                       // { }
                i += 1
            case 0x20, 0x09, 0x0A, 0x0D:
                space(); i += 1
            case 0x7E:                             // ~
                if verbatim { emit(c) } else { space() }
                i += 1
            case 0x24:                             // $
                if verbatim { emit(c) }
                i += 1
            case 0x2D:                             // -
                if !verbatim, i + 1 < end, p[i + 1] == 0x2D {
                    if i + 2 < end, p[i + 2] == 0x2D { emit("—"); i += 3 } else { emit("–"); i += 2 }
                } else {
                    emit(c); i += 1
                }
            case 0x5C:                             // \
                i = command(p, i, end, depth: depth)
            default:
                emit(c); i += 1
            }
        }
    }

    /// Handles the control sequence at `i` (a backslash); returns the position after it.
    mutating func command(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, depth: Int) -> Int {
        let j = i + 1
        guard j < end else { return end }
        let c = p[j]
        if TeXDecoder.isLetter(c) {
            var k = j
            while k < end, TeXDecoder.isLetter(p[k]) { k += 1 }
            let name = String(decoding: UnsafeBufferPointer(rebasing: p[j..<k]), as: UTF8.self)
            let after = skipSpaces(p, k, end)
            if let mark = TeX.wordAccents[name] {
                return accent(mark, p, after, end, depth: depth)
            }
            if let text = TeX.words[name] { emit(text); return after }
            if TeX.spaces.contains(name) { space(); return after }
            if TeX.operators.contains(name) {
                emit(name == "bmod" ? "mod" : name)
                space()
                return after
            }
            if TeX.verbatimCommands.contains(name) { return verbatimArgument(p, after, end) }
            if TeX.dropArgument.contains(name) {
                if after < end, p[after] == 0x7B { return TeXDecoder.groupEnd(p, after, end) }
                return after
            }
            if TeX.takesDimension.contains(name) { return skipDimension(p, after, end) }
            // Unknown: drop the command, keep whatever follows (its arguments) as text.
            return after
        }
        if verbatim {
            // Only escapes matter in verbatim fields.
            switch c {
            case 0x7E, 0x5E:                       // \~{} \^{}
                emit(c)
                var k = j + 1
                if k + 1 < end, p[k] == 0x7B, p[k + 1] == 0x7D { k += 2 }
                return k
            case 0x20, 0x09, 0x0A, 0x0D: space(); return j + 1
            default:
                if c >= 0x80 { return j }
                emit(c); return j + 1
            }
        }
        if let mark = TeX.symbolAccent(c) {
            return accent(mark, p, skipSpaces(p, j + 1, end), end, depth: depth, symbol: c)
        }
        switch c {
        case 0x26, 0x25, 0x24, 0x23, 0x5F, 0x7B, 0x7D:   // \& \% \$ \# \_ \{ \}
            emit(c); return j + 1
        case 0x20, 0x09, 0x0A, 0x0D, 0x5C, 0x2C, 0x3B, 0x3A:   // control space, \\, \, \; \:
            space(); return j + 1
        case 0x2D, 0x2F, 0x40, 0x21, 0x29, 0x28, 0x5B, 0x5D:   // \- \/ \@ \! \) \( \[ \]
            return j + 1
        default:
            // A backslash before anything else (a non-ASCII character …): drop the backslash.
            return j
        }
    }

    /// Applies an accent to the argument starting at `i` (after spaces were skipped).
    mutating func accent(_ mark: Unicode.Scalar, _ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int,
                         depth: Int, symbol: UInt8? = nil) -> Int {
        var argStart = i, argEnd = i, next = i
        if i < end {
            let c = p[i]
            if c == 0x7B {                                       // {arg}
                next = TeXDecoder.groupEnd(p, i, end)
                argStart = i + 1
                argEnd = max(argStart, p[next - 1] == 0x7D && next - 1 > i ? next - 1 : next)
            } else if c == 0x5C {                                // \i, \j, \o …
                var k = i + 1
                if k < end, TeXDecoder.isLetter(p[k]) {
                    while k < end, TeXDecoder.isLetter(p[k]) { k += 1 }
                } else if k < end {
                    k += TeXDecoder.scalarLength(p[k])
                }
                argEnd = min(k, end)
                next = skipSpaces(p, argEnd, end)
            } else if c == 0x7D {                                // {\'} – no argument
                next = i
            } else {                                             // one character
                argEnd = min(i + TeXDecoder.scalarLength(c), end)
                next = argEnd
            }
        }
        // Decode the argument on its own.
        var sub = TeXDecoder(verbatim: false)
        if depth < TeXDecoder.maxDepth {
            sub.run(p, argStart, argEnd, depth: depth + 1)
        } else {
            sub.emit(bytes: p, argStart, argEnd)
        }
        if sub.combined { combined = true }
        var arg = sub.out
        if arg.isEmpty {
            // `\~{}` and `\^{}` are the way to write a plain tilde or circumflex.
            if symbol == 0x7E || symbol == 0x5E, let s = symbol { emit(s) }
            return next
        }
        // Dotless i and j take the accent as ordinary i and j.
        if arg.count >= 2, arg[0] == 0xC4, arg[1] == 0xB1 { arg.replaceSubrange(0..<2, with: [0x69]) }
        else if arg.count >= 2, arg[0] == 0xC8, arg[1] == 0xB7 { arg.replaceSubrange(0..<2, with: [0x6A]) }
        let first = min(TeXDecoder.scalarLength(arg[0]), arg.count)
        flushSpace()
        out.append(contentsOf: arg[0..<first])
        out.append(contentsOf: String(mark).utf8)
        out.append(contentsOf: arg[first...])
        combined = true
        return next
    }

    /// `\url{…}`, `\path|…|`, `\verb+…+`: copies the argument as it stands.
    mutating func verbatimArgument(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        guard i < end else { return end }
        var k = i
        if p[k] == 0x2A { k += 1 }                               // \verb*
        guard k < end else { return end }
        let open = p[k]
        if open == 0x7B {
            let close = TeXDecoder.groupEnd(p, k, end)
            let inner = close > k + 1 && p[close - 1] == 0x7D ? close - 1 : close
            var v = TeXDecoder(verbatim: true)
            v.run(p, k + 1, inner, depth: TeXDecoder.maxDepth)
            flushSpace()
            if !v.out.isEmpty { out.append(contentsOf: v.out) }
            return close
        }
        if open >= 0x80 || isSpace(open) { return k }
        var e = k + 1
        while e < end, p[e] != open { e += 1 }
        emit(bytes: p, k + 1, e)
        return min(e + 1, end)
    }

    /// Skips a TeX dimension such as `-.1em`, `0.5ex`, `2pt plus 1fil`'s first part.
    func skipDimension(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int {
        var k = i
        if k < end, p[k] == 0x2D || p[k] == 0x2B { k += 1 }
        let digitsStart = k
        while k < end, (p[k] >= 0x30 && p[k] <= 0x39) || p[k] == 0x2E || p[k] == 0x2C { k += 1 }
        guard k > digitsStart else { return i }
        k = skipSpaces(p, k, end)
        // A unit: two letters (em, ex, pt, pc, in, cm, mm, bp, dd, cc, sp, mu).
        if k + 1 < end, TeXDecoder.isLetter(p[k]), TeXDecoder.isLetter(p[k + 1]) { k += 2 }
        return k
    }
}
