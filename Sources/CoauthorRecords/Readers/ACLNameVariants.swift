import CoauthorModel

/// The ACL Anthology's list of canonical author names and their variant spellings
/// (`data/yaml/name_variants.yaml`, used by the Anthology until 2025):
///
///     - canonical: {first: Steven, last: Abney}
///       id: steven-abney                       ← optional: the person's Anthology id
///       comment: …                             ← optional
///       similar: [steven-abney-2]              ← optional: ids of different people with similar names
///       variants:
///       - {first: Steve, last: Abney}
///
/// Read with a parser for the small YAML subset the file uses (a block sequence of block mappings
/// whose values are plain or quoted scalars, flow mappings `{k: v, …}`, flow sequences `[a, …]` or
/// a block sequence of those), so no YAML library is needed; anything outside the subset is
/// reported with its line. `CoauthorGraph.AliasTable` turns the entries into a name thesaurus.
public struct ACLNameVariants: Sendable {
    public struct Name: Hashable, Sendable {
        public var first: String
        public var last: String
        public init(first: String, last: String) { self.first = first; self.last = last }
    }

    public struct Entry: Sendable {
        public var canonical: Name
        public var variants: [Name]
        public var id: String?
        public var similar: [String]
        public var comment: String?
        /// The line the entry starts on.
        public var line: Int
    }

    public var entries: [Entry]

    /// Reads a name_variants.yaml file.
    /// - Throws: `RecordError` for an unreadable file or text outside the supported subset.
    public static func load(path: String) throws -> ACLNameVariants {
        try parse(SourceDocument.load(path: path))
    }

    /// A YAML value of the subset.
    indirect enum Value: Equatable {
        case string(String)
        case map([(String, Value)])
        case list([Value])

        static func == (a: Value, b: Value) -> Bool {
            switch (a, b) {
            case let (.string(x), .string(y)): return x == y
            case let (.list(x), .list(y)): return x == y
            case let (.map(x), .map(y)): return x.count == y.count && zip(x, y).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: return false
            }
        }
    }

    public static func parse(_ document: SourceDocument) throws -> ACLNameVariants {
        let items = try parseItems(document)
        var entries: [Entry] = []
        for (line, pairs) in items {
            let loc = SourceLocation(file: document.name, line: line)
            func name(_ v: Value) throws -> Name {
                guard case .map(let kv) = v else { throw RecordError.malformed(loc, "expected {first: …, last: …}") }
                var first = "", last = ""
                for (k, x) in kv {
                    guard case .string(let s) = x else { throw RecordError.malformed(loc, "'\(k)' is not a string") }
                    if k == "first" { first = s } else if k == "last" { last = s }
                }
                return Name(first: first, last: last)
            }
            var canonical: Name?
            var entry = Entry(canonical: Name(first: "", last: ""), variants: [], id: nil, similar: [], comment: nil, line: line)
            for (key, value) in pairs {
                switch key {
                case "canonical":
                    canonical = try name(value)
                case "variants":
                    guard case .list(let l) = value else { throw RecordError.malformed(loc, "'variants' is not a list") }
                    entry.variants += try l.map(name)
                case "variant":
                    // One entry of the 2022 file writes `variant: {…}` for a single variant; the
                    // intent is plain, so it is read as one.
                    entry.variants.append(try name(value))
                case "id":
                    guard case .string(let s) = value, !s.isEmpty else { throw RecordError.malformed(loc, "'id' is not a string") }
                    entry.id = s
                case "similar":
                    guard case .list(let l) = value else { throw RecordError.malformed(loc, "'similar' is not a list") }
                    entry.similar = l.compactMap { if case .string(let s) = $0 { return s } else { return nil } }
                case "comment":
                    if case .string(let s) = value { entry.comment = s }
                default:
                    continue   // keys this program has no use for
                }
            }
            guard let c = canonical else { throw RecordError.malformed(loc, "entry without 'canonical'") }
            entry.canonical = c
            entries.append(entry)
        }
        return ACLNameVariants(entries: entries)
    }

    /// The top-level block sequence: each item's line and its key/value pairs.
    static func parseItems(_ document: SourceDocument) throws -> [(Int, [(String, Value)])] {
        var items: [(Int, [(String, Value)])] = []
        // The key whose value is a block sequence being read, and that sequence's indentation.
        var openKey: String?
        var openList: [Value] = []
        func closeList() {
            if let k = openKey, !items.isEmpty { items[items.count - 1].1.append((k, .list(openList))) }
            openKey = nil
            openList = []
        }
        let lines = document.text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, raw) in lines.enumerated() {
            let n = i + 1
            let loc = SourceLocation(file: document.name, line: n)
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let indent = line.prefix(while: { $0 == " " }).count
            let body = line.dropFirst(indent)
            if body.isEmpty || body.hasPrefix("#") || (indent == 0 && body == "---") { continue }
            if body.hasPrefix("\t") { throw RecordError.malformed(loc, "tabs are not allowed for indentation") }
            if body.hasPrefix("- ") || body == "-" {
                let rest = body.dropFirst(1).drop(while: { $0 == " " })
                if indent == 0 {
                    // A new entry; the rest of the line is its first key.
                    closeList()
                    items.append((n, []))
                    if !rest.isEmpty { try addPair(rest, loc: loc, items: &items, openKey: &openKey) }
                } else {
                    guard openKey != nil else { throw RecordError.malformed(loc, "a list item outside a list") }
                    var p = Parser(text: rest, location: loc)
                    openList.append(try p.value(flow: false))
                    try p.end()
                }
                continue
            }
            guard indent > 0, !items.isEmpty else {
                throw RecordError.malformed(loc, "expected '- ' starting an entry (a list of mappings)")
            }
            closeList()
            try addPair(body, loc: loc, items: &items, openKey: &openKey)
        }
        closeList()
        return items
    }

    /// `key: value` (or `key:` opening a block sequence) for the latest item.
    static func addPair(_ text: Substring, loc: SourceLocation, items: inout [(Int, [(String, Value)])],
                        openKey: inout String?) throws {
        guard let colon = text.firstIndex(of: ":") else { throw RecordError.malformed(loc, "expected 'key: value'") }
        let key = String(text[..<colon]).trimmingSpaces()
        let rest = text[text.index(after: colon)...].drop(while: { $0 == " " })
        if rest.isEmpty || rest.hasPrefix("#") {
            openKey = key
            return
        }
        var p = Parser(text: rest, location: loc)
        let v = try p.value(flow: false)
        try p.end()
        items[items.count - 1].1.append((key, v))
    }

    /// Reads one value: a flow mapping, a flow sequence, or a scalar.
    struct Parser {
        let chars: [Character]
        var i = 0
        let location: SourceLocation

        init(text: Substring, location: SourceLocation) {
            chars = Array(text)
            self.location = location
        }

        mutating func skipSpaces() { while i < chars.count, chars[i] == " " { i += 1 } }

        func fail(_ what: String) -> RecordError { .malformed(location, what) }

        /// Only spaces or a comment may follow.
        mutating func end() throws {
            skipSpaces()
            if i < chars.count && chars[i] != "#" { throw fail("unexpected '\(chars[i])'") }
        }

        mutating func value(flow: Bool) throws -> Value {
            skipSpaces()
            guard i < chars.count else { return .string("") }
            switch chars[i] {
            case "{":
                i += 1
                var pairs: [(String, Value)] = []
                while true {
                    skipSpaces()
                    guard i < chars.count else { throw fail("'{' without '}'") }
                    if chars[i] == "}" { i += 1; break }
                    guard case .string(let key) = try scalar(flow: true, stopAtColon: true) else { throw fail("bad key") }
                    skipSpaces()
                    guard i < chars.count, chars[i] == ":" else { throw fail("expected ':' after '\(key)'") }
                    i += 1
                    pairs.append((key, try value(flow: true)))
                    skipSpaces()
                    guard i < chars.count else { throw fail("'{' without '}'") }
                    if chars[i] == "," { i += 1 } else if chars[i] != "}" { throw fail("expected ',' or '}'") }
                }
                return .map(pairs)
            case "[":
                i += 1
                var list: [Value] = []
                while true {
                    skipSpaces()
                    guard i < chars.count else { throw fail("'[' without ']'") }
                    if chars[i] == "]" { i += 1; break }
                    list.append(try value(flow: true))
                    skipSpaces()
                    guard i < chars.count else { throw fail("'[' without ']'") }
                    if chars[i] == "," { i += 1 } else if chars[i] != "]" { throw fail("expected ',' or ']'") }
                }
                return .list(list)
            default:
                return try scalar(flow: flow, stopAtColon: false)
            }
        }

        mutating func scalar(flow: Bool, stopAtColon: Bool) throws -> Value {
            skipSpaces()
            guard i < chars.count else { return .string("") }
            if chars[i] == "'" {
                i += 1
                var s = ""
                while true {
                    guard i < chars.count else { throw fail("unterminated '…' string") }
                    if chars[i] == "'" {
                        if i + 1 < chars.count, chars[i + 1] == "'" { s.append("'"); i += 2; continue }
                        i += 1
                        return .string(s)
                    }
                    s.append(chars[i])
                    i += 1
                }
            }
            if chars[i] == "\"" {
                i += 1
                var s = ""
                while true {
                    guard i < chars.count else { throw fail("unterminated \"…\" string") }
                    let c = chars[i]
                    if c == "\"" { i += 1; return .string(s) }
                    if c == "\\" {
                        guard i + 1 < chars.count else { throw fail("unterminated \"…\" string") }
                        let e = chars[i + 1]
                        i += 2
                        switch e {
                        case "n": s.append("\n")
                        case "t": s.append("\t")
                        case "\\", "\"", "/": s.append(e)
                        case "u":
                            guard i + 4 <= chars.count, let v = UInt32(String(chars[i..<(i + 4)]), radix: 16),
                                  let u = Unicode.Scalar(v) else { throw fail("bad \\u escape") }
                            s.unicodeScalars.append(u)
                            i += 4
                        default: throw fail("unsupported escape \\\(e)")
                        }
                        continue
                    }
                    s.append(c)
                    i += 1
                }
            }
            // A plain scalar: to the end of the line (block), or to , ] } (flow); ': ' ends a key.
            var s = ""
            while i < chars.count {
                let c = chars[i]
                if flow && (c == "," || c == "]" || c == "}") { break }
                if stopAtColon && c == ":" { break }
                if c == "#" && (s.isEmpty || s.last == " ") { break }
                s.append(c)
                i += 1
            }
            return .string(s.trimmingSpaces())
        }
    }
}
