/// A parser for the YAML that pandoc and pandoc-citeproc write for CSL references (`references:`
/// lists, Markdown metadata blocks), producing `JSONValue`s:
///
/// - block mappings and sequences by indentation, including compact forms (`- family: Pu`,
///   `- - 1953`) and sequences at their key's indentation (`author:⏎- family: …`);
/// - plain scalars over several lines, single-quoted (`''` for a quote) and double-quoted
///   (backslash escapes) scalars over several lines, with YAML's line folding;
/// - literal and folded block scalars (`|`, `>`, with `-`/`+` chomping and an indentation digit);
/// - flow sequences and mappings (`[1953, 4]`, `{family: Crick, given: F. H. C.}`);
/// - comments, a `%YAML` directive, `---` at the start, and `---`/`...` as the end of the document
///   (so a Markdown file's front matter can be read).
///
/// Every scalar is a string (`null`, `~` and an empty value are `null`): the CSL reader interprets
/// numbers itself. Anchors, aliases and tags are outside the subset and reported with their line.
///
/// Why not Yams: Yams 6.2.2 (libyaml) needs 0.72 s to compose `dblp/csl-yaml/conf/acl.yaml`
/// (2.1 MB, 4,679 references) into nodes and 1.2 s to load it as Swift values, on the project's
/// 2-core machine; this parser reads the same file into `JSONValue`s in 0.013–0.027 s (release
/// build, 5 runs; over 30 times faster; 0.05 s with the CSL mapping of every item), adds no C
/// library or package dependency to the build, and keeps the items' lines for `FILE:LINE` messages. What it does not support (anchors, aliases, tags, complex
/// keys, multi-document streams) pandoc does not write for references.
struct BlockYAML {
    struct Failure: Error, Equatable {
        var offset: Int
        var message: String
        /// The text ends inside a quoted scalar or a flow collection.
        var atEnd = false
    }

    /// One item of the watched list (`references`): its line and value, or why it could not be read.
    struct Item {
        var line: Int
        var value: JSONValue?
        var failure: Failure?
    }

    struct Result {
        var root: JSONValue
        /// The items of the top-level `references` list or of a top-level list; nil when the
        /// document has neither.
        var items: [Item]?
    }

    static let maxDepth = 200

    /// Parses a document. A malformed item of the watched list is returned as a failed item and
    /// reading goes on after it; other malformed text throws.
    static func parse(_ buf: UnsafeBufferPointer<UInt8>, itemsKey: String = "references") throws(Failure) -> Result {
        var p = Parser(b: buf, itemsKey: itemsKey)
        return try p.document()
    }

    struct Parser {
        let b: UnsafeBufferPointer<UInt8>
        let itemsKey: String
        var pos = 0
        var lineStart = 0
        var line = 1
        var depth = 0
        var items: [Item]?

        init(b: UnsafeBufferPointer<UInt8>, itemsKey: String) {
            self.b = b
            self.itemsKey = itemsKey
        }

        var col: Int { pos - lineStart }

        func fail(_ message: String, at: Int? = nil) -> Failure { Failure(offset: at ?? pos, message: message) }

        @inline(__always) func isEOL(_ i: Int) -> Bool {
            i >= b.count || b[i] == 0x0A || (b[i] == 0x0D && (i + 1 >= b.count || b[i + 1] == 0x0A))
        }

        @inline(__always) func isBlank(_ i: Int) -> Bool { i < b.count && (b[i] == 0x20 || b[i] == 0x09) }

        /// Moves to the start of the next line.
        mutating func toNextLine() {
            while pos < b.count, b[pos] != 0x0A { pos += 1 }
            if pos < b.count {
                pos += 1
                line += 1
            }
            lineStart = pos
        }

        /// True at `---` or `...` in column 0 followed by a blank or the line's end.
        func isDocumentMarker(_ i: Int) -> Bool {
            guard i + 3 <= b.count, i == 0 || b[i - 1] == 0x0A else { return false }
            let c = b[i]
            guard (c == UInt8(ascii: "-") || c == UInt8(ascii: ".")), b[i + 1] == c, b[i + 2] == c else { return false }
            return isEOL(i + 3) || isBlank(i + 3)
        }

        /// Goes to the first character of the next line with content (from the start of the
        /// current line), skipping blank and comment lines; returns its indentation, or nil at the
        /// end of the text or of the document (`---`, `...`). Calling it again stays put.
        mutating func nextContentLine() throws(Failure) -> Int? {
            pos = lineStart
            while pos < b.count {
                if isDocumentMarker(pos) { return nil }
                var i = pos
                while i < b.count, b[i] == 0x20 { i += 1 }
                if i < b.count, b[i] == 0x09 {
                    // A tab after the indentation is fine in a blank line only.
                    var j = i
                    while isBlank(j) { j += 1 }
                    if !isEOL(j) && b[j] != UInt8(ascii: "#") { throw fail("a tab in the indentation", at: i) }
                    i = j
                }
                if isEOL(i) || b[i] == UInt8(ascii: "#") {
                    toNextLine()
                    continue
                }
                let indent = i - pos
                pos = i
                return indent
            }
            return nil
        }

        /// After a value: only blanks and a comment may follow on the line; then the next line.
        mutating func endOfLine() throws(Failure) {
            while isBlank(pos) { pos += 1 }
            if !isEOL(pos) && b[pos] != UInt8(ascii: "#") {
                throw fail("unexpected text after the value")
            }
            toNextLine()
        }

        mutating func document() throws(Failure) -> Result {
            // Directives and the document start.
            while true {
                guard let indent = try nextContentLine() else {
                    if pos < b.count, isDocumentMarker(pos), b[pos] == UInt8(ascii: "-") {
                        pos += 3
                        if !isEOL(pos) { while isBlank(pos) { pos += 1 } ; if !isEOL(pos) { break } }
                        toNextLine()
                        continue
                    }
                    return Result(root: .null, items: nil)
                }
                if indent == 0, b[pos] == UInt8(ascii: "%") { toNextLine(); continue }
                break
            }
            guard let indent = try nextContentLine() else { return Result(root: .null, items: nil) }
            let root = try node(indent: indent, parent: -1, watch: true, topLevel: true)
            if try nextContentLine() != nil {
                throw fail("unexpected text at the top level (indentation or structure)")
            }
            return Result(root: root, items: items)
        }

        /// A node starting at `pos` (column `indent`, possibly inside a line after `- `).
        mutating func node(indent: Int, parent: Int, watch: Bool, topLevel: Bool) throws(Failure) -> JSONValue {
            depth += 1
            defer { depth -= 1 }
            guard depth < BlockYAML.maxDepth else { throw fail("nested deeper than \(BlockYAML.maxDepth) levels") }
            let c = b[pos]
            switch c {
            case UInt8(ascii: "-") where isEOL(pos + 1) || isBlank(pos + 1):
                return try sequence(indent: indent, watch: watch && topLevel)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                // A flow collection, unless it is a key (`[a, b]: …`).
                if !mappingKeyFollows() { return try inlineValue(parent: parent) }
            case UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
                // A block scalar, or what is refused (anchors, aliases, tags), even where a key follows.
                return try inlineValue(parent: parent)
            default: break
            }
            if mappingKeyFollows() { return try mapping(indent: indent, watch: watch && topLevel) }
            return try inlineValue(parent: parent)
        }

        /// True when the line from `pos` is `key: …` (a plain or quoted key).
        func mappingKeyFollows() -> Bool { keyEnd() != nil }

        /// The offset of the `:` ending a key that starts at `pos`, or nil.
        func keyEnd() -> Int? {
            var i = pos
            guard i < b.count else { return nil }
            let q = b[i]
            if q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
                i += 1
                while !isEOL(i) {
                    if b[i] == q {
                        if q == UInt8(ascii: "'"), i + 1 < b.count, b[i + 1] == q { i += 2; continue }
                        break
                    }
                    if q == UInt8(ascii: "\""), b[i] == UInt8(ascii: "\\") { i += 1 }
                    i += 1
                }
                guard !isEOL(i) else { return nil }
                i += 1
                while isBlank(i) { i += 1 }
                return i < b.count && b[i] == UInt8(ascii: ":") && (isEOL(i + 1) || isBlank(i + 1)) ? i : nil
            }
            if q == UInt8(ascii: "[") || q == UInt8(ascii: "{") || q == UInt8(ascii: "#") { return nil }
            while !isEOL(i) {
                let c = b[i]
                if c == UInt8(ascii: ":"), isEOL(i + 1) || isBlank(i + 1) { return i }
                if c == UInt8(ascii: "#"), i > pos, isBlank(i - 1) { return nil }
                i += 1
            }
            return nil
        }

        mutating func key() throws(Failure) -> String {
            guard let colon = keyEnd() else { throw fail("expected a mapping key") }
            let q = b[pos]
            var k: String
            if q == UInt8(ascii: "'") || q == UInt8(ascii: "\"") {
                pos += 1
                k = q == UInt8(ascii: "'") ? try singleQuoted(parent: -1) : try doubleQuoted(parent: -1)
            } else {
                var e = colon
                while e > pos, isBlank(e - 1) { e -= 1 }
                k = b.string(pos, e)
            }
            pos = colon + 1
            return k
        }

        mutating func mapping(indent: Int, watch: Bool) throws(Failure) -> JSONValue {
            var members: [JSONObject.Member] = []
            while true {
                let k = try key()
                while isBlank(pos) { pos += 1 }
                let watchChild = watch && k == itemsKey
                var value: JSONValue = .null
                if isEOL(pos) || b[pos] == UInt8(ascii: "#") {
                    toNextLine()
                    if let ind = try nextContentLine() {
                        if ind > indent {
                            value = try node(indent: ind, parent: indent, watch: watchChild, topLevel: watchChild)
                        } else if ind == indent, b[pos] == UInt8(ascii: "-"), isEOL(pos + 1) || isBlank(pos + 1) {
                            value = try sequence(indent: ind, watch: watchChild)
                        }
                    }
                } else {
                    // `key: value` on one line: a scalar or a flow collection (`key: a: b` is not YAML).
                    value = try inlineValue(parent: indent)
                }
                members.append((key: k, value: value))
                guard let ind = try nextContentLine(), ind >= indent else { break }
                if ind > indent { throw fail("unexpected indentation") }
                if b[pos] == UInt8(ascii: "-"), isEOL(pos + 1) || isBlank(pos + 1) { break }
            }
            return .object(JSONObject(members))
        }

        mutating func sequence(indent: Int, watch: Bool) throws(Failure) -> JSONValue {
            var elements: [JSONValue] = []
            if watch, items == nil { items = [] }
            while true {
                let itemLine = line
                let itemStart = pos
                pos += 1
                while isBlank(pos) { pos += 1 }
                do throws(Failure) {
                    var v: JSONValue = .null
                    if isEOL(pos) || b[pos] == UInt8(ascii: "#") {
                        toNextLine()
                        if let ind = try nextContentLine(), ind > indent {
                            v = try node(indent: ind, parent: indent, watch: false, topLevel: false)
                        }
                    } else {
                        v = try node(indent: col, parent: indent, watch: false, topLevel: false)
                    }
                    elements.append(v)
                    if watch { items!.append(Item(line: itemLine, value: v)) }
                } catch {
                    guard watch, !error.atEnd else { throw error }
                    // Leave the item out and go on at the next line indented no more than the list.
                    items!.append(Item(line: itemLine, value: nil, failure: error))
                    if lineStart <= itemStart { toNextLine() }
                    pos = lineStart
                    while let ind = try nextContentLine(), ind > indent { toNextLine() }
                }
                guard let ind = try nextContentLine(), ind == indent,
                      b[pos] == UInt8(ascii: "-"), isEOL(pos + 1) || isBlank(pos + 1) else {
                    if let ind = try nextContentLine(), ind > indent { throw fail("unexpected indentation") }
                    break
                }
            }
            return .array(elements)
        }

        /// A scalar or flow value that starts on the current line, then the line's end.
        mutating func inlineValue(parent: Int) throws(Failure) -> JSONValue {
            let c = b[pos]
            switch c {
            case UInt8(ascii: "'"):
                pos += 1
                let s = try singleQuoted(parent: parent)
                try endOfLine()
                return .string(s)
            case UInt8(ascii: "\""):
                pos += 1
                let s = try doubleQuoted(parent: parent)
                try endOfLine()
                return .string(s)
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let v = try flow()
                try endOfLine()
                return v
            case UInt8(ascii: "|"), UInt8(ascii: ">"):
                return try blockScalar(parent: parent)
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
                throw fail("YAML anchors, aliases and tags are not supported")
            default:
                return plain(parent: parent)
            }
        }

        /// A plain scalar from `pos`, continued on following lines indented more than `parent`.
        mutating func plain(parent: Int) -> JSONValue {
            var out: [UInt8] = []
            var first = true
            var firstText = ""
            while true {
                // This line's text, up to a comment.
                var e = pos
                while !isEOL(e) {
                    if b[e] == UInt8(ascii: "#"), e > lineStart, isBlank(e - 1) { break }
                    e += 1
                }
                var s = pos
                while s < e, isBlank(s) { s += 1 }
                var t = e
                while t > s, isBlank(t - 1) { t -= 1 }
                if first {
                    firstText = b.string(s, t)
                } else {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[s..<t]))
                }
                let hadComment = !isEOL(e)
                toNextLine()
                if hadComment { break }
                // Continuation lines: more indented than the parent; blank lines become line feeds.
                var blanks = 0
                var next = lineStart
                var continued = false
                while next < b.count {
                    if isDocumentMarker(next) { break }
                    var i = next
                    while isBlank(i) { i += 1 }
                    if isEOL(i) {
                        blanks += 1
                        while next < b.count, b[next] != 0x0A { next += 1 }
                        next += 1
                        continue
                    }
                    if i - next > parent, b[i] != UInt8(ascii: "#") { continued = true }
                    break
                }
                guard continued else { break }
                if first {
                    out.append(contentsOf: Array(firstText.utf8))
                    first = false
                }
                if blanks > 0 {
                    out.append(contentsOf: Array(repeating: 0x0A, count: blanks))
                } else {
                    out.append(0x20)
                }
                while lineStart < next {
                    toNextLine()
                }
                pos = lineStart
                while isBlank(pos) { pos += 1 }
            }
            let text = first ? firstText : String(decoding: out, as: UTF8.self)
            switch text {
            case "", "~", "null", "Null", "NULL": return .null
            default: return .string(text)
            }
        }

        /// Line folding inside quoted scalars: at a line break, `out` loses its trailing blanks and
        /// gets a space (or one line feed per empty line); `pos` goes to the next line's first
        /// non-blank character.
        mutating func foldLineBreak(_ out: inout [UInt8], escaped: Bool = false) {
            while let l = out.last, l == 0x20 || l == 0x09, !escaped { out.removeLast() }
            toNextLine()
            var blanks = 0
            while true {
                while isBlank(pos) { pos += 1 }
                guard pos < b.count, isEOL(pos) else { break }
                blanks += 1
                toNextLine()
            }
            if blanks > 0 {
                out.append(contentsOf: Array(repeating: 0x0A, count: blanks))
            } else if !escaped {
                out.append(0x20)
            }
        }

        /// A single-quoted scalar; `pos` is after the opening quote and ends after the closing one.
        mutating func singleQuoted(parent: Int) throws(Failure) -> String {
            let start = pos - 1
            let startLine = line
            var out: [UInt8] = []
            var run = pos
            while pos < b.count {
                let c = b[pos]
                if c == UInt8(ascii: "'") {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<pos]))
                    if pos + 1 < b.count, b[pos + 1] == UInt8(ascii: "'") {
                        out.append(c)
                        pos += 2
                        run = pos
                        continue
                    }
                    pos += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c == 0x0A || (c == 0x0D && isEOL(pos)) {
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: b[run..<pos]))
                    foldLineBreak(&out)
                    if isDocumentMarker(lineStart) { break }
                    run = pos
                    continue
                }
                pos += 1
            }
            var f = fail("unterminated single-quoted scalar (opened at line \(startLine))", at: start)
            f.atEnd = true
            throw f
        }

        /// A double-quoted scalar; `pos` is after the opening quote and ends after the closing one.
        mutating func doubleQuoted(parent: Int) throws(Failure) -> String {
            let start = pos - 1
            let startLine = line
            var out: [UInt8] = []
            while pos < b.count {
                let c = b[pos]
                if c == UInt8(ascii: "\"") {
                    pos += 1
                    return String(decoding: out, as: UTF8.self)
                }
                if c == 0x0A || (c == 0x0D && isEOL(pos)) {
                    foldLineBreak(&out)
                    continue
                }
                if c == UInt8(ascii: "\\") {
                    guard pos + 1 < b.count else { break }
                    let e = b[pos + 1]
                    pos += 2
                    switch e {
                    case UInt8(ascii: "0"): out.append(0)
                    case UInt8(ascii: "a"): out.append(0x07)
                    case UInt8(ascii: "b"): out.append(0x08)
                    case UInt8(ascii: "t"), 0x09: out.append(0x09)
                    case UInt8(ascii: "n"): out.append(0x0A)
                    case UInt8(ascii: "v"): out.append(0x0B)
                    case UInt8(ascii: "f"): out.append(0x0C)
                    case UInt8(ascii: "r"): out.append(0x0D)
                    case UInt8(ascii: "e"): out.append(0x1B)
                    case UInt8(ascii: " "), UInt8(ascii: "\""), UInt8(ascii: "/"), UInt8(ascii: "\\"): out.append(e)
                    case UInt8(ascii: "N"): out.append(contentsOf: [0xC2, 0x85])
                    case UInt8(ascii: "_"): out.append(contentsOf: [0xC2, 0xA0])
                    case UInt8(ascii: "L"): out.append(contentsOf: [0xE2, 0x80, 0xA8])
                    case UInt8(ascii: "P"): out.append(contentsOf: [0xE2, 0x80, 0xA9])
                    case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                        let n = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                        var v: UInt32 = 0
                        for _ in 0..<n {
                            guard pos < b.count, let d = hexDigit(b[pos]) else {
                                throw fail("invalid \\\(Character(Unicode.Scalar(e))) escape in a double-quoted scalar")
                            }
                            v = v << 4 | d
                            pos += 1
                        }
                        guard let scalar = Unicode.Scalar(v) else { throw fail("escape \\\(Character(Unicode.Scalar(e))) is not a Unicode scalar") }
                        out.append(contentsOf: Array(String(Character(scalar)).utf8))
                    case 0x0A, 0x0D:
                        pos -= 1
                        if e == 0x0D, pos + 1 < b.count, b[pos + 1] == 0x0A { pos += 1 }
                        foldLineBreak(&out, escaped: true)
                    default:
                        throw fail("invalid escape \\\(Character(Unicode.Scalar(e))) in a double-quoted scalar", at: pos - 2)
                    }
                    continue
                }
                out.append(c)
                pos += 1
            }
            var f = fail("unterminated double-quoted scalar (opened at line \(startLine))", at: start)
            f.atEnd = true
            throw f
        }

        func hexDigit(_ c: UInt8) -> UInt32? {
            switch c {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return UInt32(c - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(c - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(c - 0x41 + 10)
            default: return nil
            }
        }

        /// `|` or `>` with optional chomping (`-`, `+`) and indentation digit; the content is the
        /// following lines indented more than `parent` (blank lines included).
        mutating func blockScalar(parent: Int) throws(Failure) -> JSONValue {
            let literal = b[pos] == UInt8(ascii: "|")
            pos += 1
            var chomp: UInt8 = 0
            var explicitIndent: Int?
            while !isEOL(pos), !isBlank(pos) {
                let c = b[pos]
                if c == UInt8(ascii: "-") || c == UInt8(ascii: "+") { chomp = c }
                else if c >= 0x31 && c <= 0x39 { explicitIndent = Int(c - 0x30) }
                else { throw fail("invalid block scalar header") }
                pos += 1
            }
            try endOfLine()
            var lines: [(indent: Int, text: String)] = []   // indent -1: blank line
            var contentIndent = explicitIndent.map { max(parent, 0) + $0 }
            while lineStart < b.count, !isDocumentMarker(lineStart) {
                var i = lineStart
                while i < b.count, b[i] == 0x20 { i += 1 }
                if isEOL(i) {
                    lines.append((-1, ""))
                    toNextLine()
                    continue
                }
                let ind = i - lineStart
                if contentIndent == nil { contentIndent = ind }
                guard ind > parent, ind >= contentIndent! else { break }
                var e = i
                while !isEOL(e) { e += 1 }
                lines.append((ind, b.string(lineStart + contentIndent!, e)))
                toNextLine()
            }
            pos = lineStart
            // Trailing blank lines belong to the chomping, not the text.
            var trailing = 0
            while let l = lines.last, l.indent < 0 { lines.removeLast(); trailing += 1 }
            // Literal: every line break kept. Folded: a break between two lines of the same
            // indentation is a space, each blank line a line feed, and more-indented lines keep
            // their breaks.
            let ci = contentIndent ?? 0
            var text = ""
            var blanks = 0
            var previous: Int?
            for l in lines {
                if l.indent < 0 { blanks += 1; continue }
                if let p = previous {
                    if literal {
                        text += String(repeating: "\n", count: blanks + 1)
                    } else if blanks > 0 {
                        text += String(repeating: "\n", count: blanks) + (p > ci || l.indent > ci ? "\n" : "")
                    } else {
                        text += p > ci || l.indent > ci ? "\n" : " "
                    }
                } else {
                    text += String(repeating: "\n", count: blanks)
                }
                blanks = 0
                text += l.text
                previous = l.indent
            }
            if !lines.isEmpty {
                switch chomp {
                case UInt8(ascii: "-"): break
                case UInt8(ascii: "+"): text += String(repeating: "\n", count: trailing + 1)
                default: text += "\n"
                }
            }
            return .string(text)
        }

        // MARK: Flow collections

        mutating func flowSpace() throws(Failure) {
            while pos < b.count {
                let c = b[pos]
                if c == 0x20 || c == 0x09 || c == 0x0D { pos += 1; continue }
                if c == 0x0A { pos += 1; line += 1; lineStart = pos; continue }
                if c == UInt8(ascii: "#"), pos == lineStart || isBlank(pos - 1) {
                    while pos < b.count, b[pos] != 0x0A { pos += 1 }
                    continue
                }
                break
            }
        }

        /// `[…]` or `{…}` from `pos`, possibly over several lines.
        mutating func flow() throws(Failure) -> JSONValue {
            depth += 1
            defer { depth -= 1 }
            guard depth < BlockYAML.maxDepth else { throw fail("nested deeper than \(BlockYAML.maxDepth) levels") }
            let open = b[pos]
            let close: UInt8 = open == UInt8(ascii: "[") ? UInt8(ascii: "]") : UInt8(ascii: "}")
            let start = pos
            pos += 1
            var elements: [JSONValue] = []
            var members: [JSONObject.Member] = []
            while true {
                try flowSpace()
                guard pos < b.count else {
                    var f = fail("unterminated flow collection", at: start)
                    f.atEnd = true
                    throw f
                }
                if b[pos] == close { pos += 1; break }
                let first = try flowScalarOrCollection(inMapping: open == UInt8(ascii: "{"))
                try flowSpace()
                if pos < b.count, b[pos] == UInt8(ascii: ":") {
                    pos += 1
                    try flowSpace()
                    var value: JSONValue = .null
                    if pos < b.count, b[pos] != UInt8(ascii: ","), b[pos] != close {
                        value = try flowScalarOrCollection(inMapping: open == UInt8(ascii: "{"))
                    }
                    let k: String
                    switch first {
                    case .string(let s): k = s
                    case .null: k = ""
                    default: throw fail("a flow mapping key must be a scalar")
                    }
                    if open == UInt8(ascii: "{") {
                        members.append((key: k, value: value))
                    } else {
                        elements.append(.object(JSONObject([(key: k, value: value)])))
                    }
                } else if open == UInt8(ascii: "{") {
                    guard case .string(let k) = first else { throw fail("a flow mapping key must be a scalar") }
                    members.append((key: k, value: .null))
                } else {
                    elements.append(first)
                }
                try flowSpace()
                guard pos < b.count else { continue }
                if b[pos] == UInt8(ascii: ",") { pos += 1; continue }
                if b[pos] == close { pos += 1; break }
                throw fail("expected ',' or '\(Character(Unicode.Scalar(close)))' in a flow collection")
            }
            return open == UInt8(ascii: "[") ? .array(elements) : .object(JSONObject(members))
        }

        mutating func flowScalarOrCollection(inMapping: Bool) throws(Failure) -> JSONValue {
            let c = b[pos]
            switch c {
            case UInt8(ascii: "["), UInt8(ascii: "{"): return try flow()
            case UInt8(ascii: "'"):
                pos += 1
                return .string(try singleQuoted(parent: -1))
            case UInt8(ascii: "\""):
                pos += 1
                return .string(try doubleQuoted(parent: -1))
            case UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"):
                throw fail("YAML anchors, aliases and tags are not supported")
            default:
                // Plain: up to , ] } or ": " (line breaks and runs of blanks fold to one space).
                var out: [UInt8] = []
                var pendingSpace = false
                while pos < b.count {
                    let d = b[pos]
                    if d == UInt8(ascii: ",") || d == UInt8(ascii: "]") || d == UInt8(ascii: "}") { break }
                    if d == UInt8(ascii: ":") {
                        let n = pos + 1 < b.count ? b[pos + 1] : 0x20
                        if n == 0x20 || n == 0x09 || n == 0x0A || n == 0x0D || n == UInt8(ascii: ",")
                            || n == UInt8(ascii: "]") || n == UInt8(ascii: "}") { break }
                    }
                    if d == 0x20 || d == 0x09 || d == 0x0D || d == 0x0A {
                        if d == 0x0A { line += 1; lineStart = pos + 1 }
                        pendingSpace = true
                        pos += 1
                        continue
                    }
                    if d == UInt8(ascii: "#"), pendingSpace { break }
                    if pendingSpace, !out.isEmpty { out.append(0x20) }
                    pendingSpace = false
                    out.append(d)
                    pos += 1
                }
                let text = String(decoding: out, as: UTF8.self)
                switch text {
                case "", "~", "null", "Null", "NULL": return .null
                default: return .string(text)
                }
            }
        }
    }
}
