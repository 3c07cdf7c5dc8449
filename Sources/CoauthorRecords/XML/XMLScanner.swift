/// A byte-level, pull-style XML tokenizer for the XML readers (dblp, PubMed, ACL Anthology).
///
/// It reports start and end elements (with attributes), text, CDATA sections, comments and
/// processing instructions, checks well-formedness (names, quoting, matching end tags, one root
/// element, nesting depth), and decodes text only when a reader asks for it.
///
/// Safety: a DOCTYPE declaration, with or without an internal subset, is skipped unread. No external
/// DTD or entity is ever loaded and no entity declaration is ever expanded, so there is no XXE, no
/// network access and no "billion laughs". Only XML's five predefined entities, numeric character
/// references (`&#233;`, `&#x1F600;`) and the names in `Options.entities` are known; any other
/// reference is reported (`Event.badReference`) and the reader decides what to leave out.
///
/// Positions are absolute byte offsets into the document (`SourceDocument.location(at:)` turns them
/// into FILE:LINE:COLUMN). Events carry byte ranges, not strings; `decodedText`, `value(of:)` and
/// `attribute(_:)` make strings where they are needed.
///
/// Streaming: made with `isFinal: false`, the scanner returns nil with `needsInput` set when a token
/// runs past the bytes it has; `append` adds the next chunk (and drops consumed bytes) and `finish`
/// marks the end. A reader must be done with an event's ranges before it appends.
///
/// Not implemented (not needed by the formats read here): declared encodings other than UTF-8 (the
/// input is validated as UTF-8 before it gets here), namespaces (a prefixed name is just a name),
/// validation against a DTD, and the character-class details of non-ASCII names and text (bytes
/// ≥ 0x80 are accepted in names, control characters in text are not rejected).
public struct XMLScanner {
    public struct Options: Sendable {
        /// Elements nested deeper than this are an error (a guard against hostile input).
        public var maxDepth: Int
        /// The named entities that may be referenced.
        public var entities: XMLEntityTable

        public init(maxDepth: Int = 256, entities: XMLEntityTable = .predefined) {
            self.maxDepth = maxDepth
            self.entities = entities
        }
    }

    public enum EventKind: UInt8, Sendable {
        case startElement, endElement, text, cdata, comment, processingInstruction, doctype
    }

    /// One token. Ranges are absolute byte offsets.
    public struct Event: Sendable, Equatable {
        public var kind: EventKind
        /// Offset of the token's first byte (`<`, or the first byte of text).
        public var offset: Int
        /// Element name, processing-instruction target or DOCTYPE root name; empty otherwise.
        public var name: Range<Int>
        /// Text, CDATA or comment content, processing-instruction data, or the whole tag/declaration.
        public var content: Range<Int>
        /// A start element written `<a/>`; its end element is the next event.
        public var isEmptyElement = false
        /// The text (or, for a start element, some attribute value) holds a reference (`&…;`).
        public var hasReferences = false
        /// The text holds a carriage return (line ends are normalised when decoding).
        public var hasCarriageReturn = false
        /// Offset of the first reference that is not known (an undeclared entity, a character
        /// reference to a character XML forbids, a `&` that starts no reference); nil when all are fine.
        public var badReference: Int?
    }

    /// One attribute of the latest start element.
    public struct Attribute: Sendable, Equatable {
        public var name: Range<Int>
        public var value: Range<Int>
        public var hasReferences: Bool
        /// The value holds a tab, line feed or carriage return (each becomes a space when decoded).
        public var needsNormalisation: Bool
    }

    /// A document that is not well-formed XML, or that ends too early.
    public struct Error: Swift.Error, Sendable, Equatable, CustomStringConvertible {
        public enum Kind: Sendable { case truncated, malformed }
        public var kind: Kind
        /// Where the problem is (for a document that ends too early: the end).
        public var offset: Int
        public var message: String
        /// Where the element concerned was opened (a mismatched or unclosed element), if any.
        public var openedAt: Int?

        public var description: String { "offset \(offset): \(message)" }
    }

    private var buffer: [UInt8]
    /// Everything but the bytes, so that scanning can change it while the bytes are borrowed.
    private var core: Core
    /// Set when `next()` returned nil because a token runs past the bytes given so far.
    public private(set) var needsInput = false

    public var options: Options { core.options }
    public var isFinal: Bool { core.isFinal }
    /// The attributes of the latest start element (valid until the next start element).
    public var attributes: [Attribute] { core.attributes }

    /// A scanner over a whole document (`isFinal: true`) or over its first chunk.
    public init(bytes: [UInt8], isFinal: Bool = true, options: Options = Options()) {
        buffer = bytes
        core = Core(options: options, isFinal: isFinal)
    }

    /// The number of open elements (after a start element: including it; after an end element:
    /// without it).
    public var depth: Int { core.stackStarts.count }

    /// Absolute offset of the next unread byte.
    public var offset: Int { core.base + core.pos }

    private var base: Int { core.base }

    // MARK: Streaming

    /// Adds the next chunk of a streamed document. Bytes before the next token are dropped, so the
    /// ranges of events already returned may no longer be readable.
    public mutating func append<C: Collection>(_ chunk: C) where C.Element == UInt8 {
        let keep = core.pendingEnd.map { $0.offset - core.base } ?? core.pos
        if keep > 0 {
            buffer.removeSubrange(0..<keep)
            core.base += keep
            core.pos -= keep
        }
        buffer.append(contentsOf: chunk)
    }

    /// Marks the end of a streamed document.
    public mutating func finish() { core.isFinal = true }

    // MARK: Tokens

    /// The next event; nil at the end of the document (or, when streaming, when more input is needed:
    /// see `needsInput`).
    /// - Throws: `XMLScanner.Error` for a document that is not well-formed or ends too early.
    public mutating func next() throws -> Event? {
        if let e = core.pendingEnd {
            core.pendingEnd = nil
            core.pop()
            return e
        }
        needsInput = false
        while true {
            let n = buffer.count
            if core.pos >= n {
                if !core.isFinal { needsInput = true; return nil }
                try core.checkEnd(n)
                return nil
            }
            let step = try buffer.withUnsafeBufferPointer { try core.scan($0.baseAddress!, $0.count) }
            switch step {
            case .event(let e): return e
            case .skip: continue
            case .needMore: needsInput = true; return nil
            }
        }
    }

    /// Passes over the element `start` has just opened when all it holds is plain text — no `<`
    /// before its end tag, no `&` — and its end tag follows as `</name>`: the events it would give
    /// (the text and the end element) are not made, and the next event is what follows the end
    /// tag. Returns false, having read nothing, otherwise (markup or references inside, an end
    /// tag written otherwise, a malformed one, the end of the bytes): the caller reads the element
    /// event by event, which checks and reports all of it. For readers passing over elements they
    /// do not read (dblp's `<cite>`, `<pages>`, `<url>`…).
    /// - Complexity: O(length of the element), the search for `<` and `&` a word at a time.
    public mutating func skipPlainElement(_ start: Event) -> Bool {
        guard core.pendingEnd == nil, !start.isEmptyElement, let top = core.stackStarts.last else { return false }
        return buffer.withUnsafeBufferPointer { b -> Bool in
            let n = b.count
            let from = core.pos
            let lt = BibScanner.firstOf(b, from, n, XMLScanner.lt, XMLScanner.amp, XMLScanner.lt, XMLScanner.amp)
            guard lt < n, b[lt] == XMLScanner.lt else { return false }
            let length = core.stackBytes.count - top
            let end = lt + 2 + length
            guard end < n, b[lt + 1] == XMLScanner.slash, b[end] == XMLScanner.gt else { return false }
            let same = core.stackBytes.withUnsafeBufferPointer { s in
                var k = 0
                while k < length, s[top + k] == b[lt + 2 + k] { k += 1 }
                return k == length
            }
            guard same else { return false }
            if core.stackStarts.count == 1 { return false }   // the root: its end is the reader's business
            core.pop()
            core.pos = end + 1
            return true
        }
    }

    /// Passes over the whole element `start` has just opened — its text, child elements and their
    /// attributes — without making events or strings for any of it: a byte scan for its matching end
    /// tag that keeps the names of the elements open inside it. Every reference is checked and every
    /// tag read as the event-by-event scan reads it; at anything that is not simple — a comment,
    /// CDATA section or processing instruction inside, a bad or unknown reference, an end tag that
    /// does not match, anything malformed, nesting past `maxDepth`, a tag written with unusual
    /// spacing, the end of the bytes given so far — it returns false having changed nothing, and the
    /// caller reads the element event by event, which reports exactly what it would have. Returns
    /// true when the next event is what follows the element's end tag. For readers passing over
    /// whole subtrees they do not read (PubMed's MeSH lists, reference lists, histories…). Line
    /// numbers are unaffected: locations are counted from byte offsets, not from events.
    /// - Complexity: O(length of the element); text is crossed a word at a time.
    public mutating func skipElement(_ start: Event) -> Bool {
        guard core.pendingEnd == nil, !start.isEmptyElement, core.stackStarts.count > 1,
              let top = core.stackStarts.last else { return false }
        let depth = core.stackStarts.count
        let maxDepth = core.options.maxDepth
        let entities = core.options.entities
        // (Moved out while in use, so that appending copies nothing.)
        var names = core.skipNames   // (start, length) of each element open inside, back to back
        var attrs = core.skipAttributes   // (start, length) of the latest tag's attribute names
        core.skipNames = []
        core.skipAttributes = []
        names.removeAll(keepingCapacity: true)
        defer { core.skipNames = names; core.skipAttributes = attrs }
        let end: Int? = buffer.withUnsafeBufferPointer { b -> Int? in
            guard let p = b.baseAddress else { return nil }
            let n = b.count
            var i = core.pos
            while true {
                let j = BibScanner.firstOf(b, i, n, XMLScanner.lt, XMLScanner.amp, XMLScanner.lt, XMLScanner.amp)
                guard j + 1 < n else { return nil }
                if p[j] == XMLScanner.amp {
                    guard let r = XMLScanner.reference(p, j, n, entities) else { return nil }
                    i = r.end
                    continue
                }
                let c = p[j + 1]
                if c == XMLScanner.slash {
                    // An end tag, written `</name>`.
                    var k = j + 2
                    let nameStart = k
                    guard k < n, XMLScanner.isNameStart(p[k]) else { return nil }
                    k += 1
                    while k < n, XMLScanner.isNameChar(p[k]) { k += 1 }
                    guard k < n, p[k] == XMLScanner.gt else { return nil }
                    let length = k - nameStart
                    if names.isEmpty {
                        guard length == core.stackBytes.count - top else { return nil }
                        let same = core.stackBytes.withUnsafeBufferPointer { s in
                            var m = 0
                            while m < length, s[top + m] == p[nameStart + m] { m += 1 }
                            return m == length
                        }
                        return same ? k + 1 : nil
                    }
                    let openLength = names.removeLast(), openStart = names.removeLast()
                    guard openLength == length, XMLScanner.equal(p, openStart, nameStart, length) else { return nil }
                    i = k + 1
                    continue
                }
                // A start tag, written `<name( attr="value")*( )?/?>`.
                guard XMLScanner.isNameStart(c), depth + names.count / 2 < maxDepth else { return nil }
                var k = j + 2
                while k < n, XMLScanner.isNameChar(p[k]) { k += 1 }
                let nameStart = j + 1, nameLength = k - nameStart
                attrs.removeAll(keepingCapacity: true)
                var empty = false
                while true {
                    let spaceStart = k
                    while k < n, XMLScanner.isSpace(p[k]) { k += 1 }
                    guard k < n else { return nil }
                    if p[k] == XMLScanner.gt { k += 1; break }
                    if p[k] == XMLScanner.slash {
                        guard k + 1 < n, p[k + 1] == XMLScanner.gt else { return nil }
                        k += 2
                        empty = true
                        break
                    }
                    guard k > spaceStart, XMLScanner.isNameStart(p[k]) else { return nil }
                    let attrStart = k
                    k += 1
                    while k < n, XMLScanner.isNameChar(p[k]) { k += 1 }
                    let attrLength = k - attrStart
                    var a = 0
                    while a < attrs.count {
                        if attrs[a + 1] == attrLength, XMLScanner.equal(p, attrs[a], attrStart, attrLength) { return nil }
                        a += 2
                    }
                    attrs.append(attrStart)
                    attrs.append(attrLength)
                    guard k + 1 < n, p[k] == XMLScanner.eq else { return nil }
                    let quote = p[k + 1]
                    guard quote == XMLScanner.dquote || quote == XMLScanner.squote else { return nil }
                    k += 2
                    while true {
                        let v = BibScanner.firstOf(b, k, n, quote, XMLScanner.lt, XMLScanner.amp, quote)
                        guard v < n, p[v] != XMLScanner.lt else { return nil }
                        if p[v] == XMLScanner.amp {
                            guard let r = XMLScanner.reference(p, v, n, entities) else { return nil }
                            k = r.end
                            continue
                        }
                        k = v + 1
                        break
                    }
                }
                if !empty {
                    names.append(nameStart)
                    names.append(nameLength)
                }
                i = k
            }
        }
        guard let after = end else { return false }
        core.pop()
        core.pos = after
        return true
    }

    /// The scanner's state: position, open elements, attributes of the latest start tag.
    struct Core {
        let options: Options
        /// Absolute offset of `buffer[0]`.
        var base = 0
        /// Index in the buffer of the next token.
        var pos = 0
        var isFinal: Bool
        var attributes: [Attribute] = []
        // Open elements: their names' bytes back to back, where each starts, and each tag's offset.
        var stackBytes: [UInt8] = []
        var stackStarts: [Int] = []
        var stackOffsets: [Int] = []
        var pendingEnd: Event?
        /// `skipElement`'s scratch space, kept between calls.
        var skipNames: [Int] = []
        var skipAttributes: [Int] = []
        var rootSeen = false
        var rootClosed = false
        var doctypeSeen = false

        init(options: Options, isFinal: Bool) {
            self.options = options
            self.isFinal = isFinal
            attributes.reserveCapacity(8)
        }

        enum Step { case event(Event), skip, needMore }

        mutating func scan(_ p: UnsafePointer<UInt8>, _ n: Int) throws -> Step {
            let i = pos
            if p[i] != XMLScanner.lt { return try scanText(p, n, i) }
            if i + 1 >= n { return try incomplete(i, "end of file after '<'") }
            switch p[i + 1] {
            case XMLScanner.slash: return try scanEndTag(p, n, i)
            case XMLScanner.question: return try scanProcessingInstruction(p, n, i)
            case XMLScanner.bang: return try scanDeclaration(p, n, i)
            default: return try scanStartTag(p, n, i)
            }
        }

        /// A token that runs past the bytes: wait for more, or fail when there are no more.
        func incomplete(_ start: Int, _ what: @autoclosure () -> String) throws -> Step {
            if !isFinal { return .needMore }
            throw Error(kind: .truncated, offset: base + start, message: what())
        }

        func malformed(_ at: Int, _ what: String, openedAt: Int? = nil) -> Error {
            Error(kind: .malformed, offset: base + at, message: what, openedAt: openedAt)
        }

        mutating func scanText(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) throws -> Step {
            var j = start
            var amp = false, cr = false
            // To the next '<', eight bytes at a time, noting '&' and carriage returns on the way.
            let bytes = UnsafeBufferPointer(start: p, count: n)
            while true {
                j = BibScanner.firstOf(bytes, j, n, XMLScanner.lt, XMLScanner.amp, XMLScanner.cr, XMLScanner.lt)
                if j >= n { break }
                let c = p[j]
                if c == XMLScanner.lt { break }
                if c == XMLScanner.amp { amp = true } else { cr = true }
                j += 1
            }
            if j == n && !isFinal { return .needMore }
            if stackStarts.isEmpty {
                // Outside the root element only white space may appear.
                var k = start
                while k < j, XMLScanner.isSpace(p[k]) { k += 1 }
                if k < j {
                    throw malformed(k, rootClosed ? "text after the end of the root element"
                                                  : "text before the root element (not an XML document?)")
                }
                pos = j
                return .skip
            }
            var bad: Int?
            if amp, let b = firstBadReference(p, start, j) { bad = base + b }
            pos = j
            return .event(Event(kind: .text, offset: base + start, name: (base + start)..<(base + start),
                                content: (base + start)..<(base + j), hasReferences: amp, hasCarriageReturn: cr,
                                badReference: bad))
        }

        mutating func scanStartTag(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) throws -> Step {
            var j = start + 1
            guard XMLScanner.isNameStart(p[j]) else {
                throw malformed(start, "'<' is not followed by an element name (write &lt; for a literal '<')")
            }
            j += 1
            while j < n, XMLScanner.isNameChar(p[j]) { j += 1 }
            let nameEnd = j
            func tagName() -> String { XMLScanner.string(p, start + 1, nameEnd) }
            attributes.removeAll(keepingCapacity: true)
            var amp = false
            var bad: Int?
            var empty = false
            while true {
                let spaceStart = j
                while j < n, XMLScanner.isSpace(p[j]) { j += 1 }
                if j >= n { return try incomplete(start, "end of file inside the start tag <\(tagName())") }
                let c = p[j]
                if c == XMLScanner.gt { j += 1; break }
                if c == XMLScanner.slash {
                    if j + 1 >= n { return try incomplete(start, "end of file inside the start tag <\(tagName())") }
                    guard p[j + 1] == XMLScanner.gt else { throw malformed(j, "expected '>' after '/' in the start tag <\(tagName())>") }
                    j += 2
                    empty = true
                    break
                }
                guard j > spaceStart, XMLScanner.isNameStart(c) else {
                    throw malformed(j, "unexpected \(XMLScanner.describe(p, j, n)) in the start tag <\(tagName())>")
                }
                let attrStart = j
                j += 1
                while j < n, XMLScanner.isNameChar(p[j]) { j += 1 }
                let attrEnd = j
                func attrName() -> String { XMLScanner.string(p, attrStart, attrEnd) }
                while j < n, XMLScanner.isSpace(p[j]) { j += 1 }
                if j >= n { return try incomplete(start, "end of file inside the start tag <\(tagName())") }
                guard p[j] == XMLScanner.eq else {
                    throw malformed(j, "attribute \(attrName()) of <\(tagName())> has no value (expected '=')")
                }
                j += 1
                while j < n, XMLScanner.isSpace(p[j]) { j += 1 }
                if j >= n { return try incomplete(start, "end of file inside the start tag <\(tagName())") }
                let quote = p[j]
                guard quote == XMLScanner.dquote || quote == XMLScanner.squote else {
                    throw malformed(j, "the value of attribute \(attrName()) of <\(tagName())> is not in quotes")
                }
                j += 1
                let valueStart = j
                var valueAmp = false, normalise = false
                while j < n {
                    let b = p[j]
                    if b == quote { break }
                    if b <= XMLScanner.lt {
                        if b == XMLScanner.lt {
                            throw malformed(j, "'<' in the value of attribute \(attrName()) (write &lt;)")
                        }
                        if b == XMLScanner.amp { valueAmp = true }
                        else if b == XMLScanner.tab || b == XMLScanner.lf || b == XMLScanner.cr { normalise = true }
                    }
                    j += 1
                }
                if j >= n { return try incomplete(start, "end of file inside the start tag <\(tagName())") }
                let valueEnd = j
                j += 1
                for a in attributes where a.name.count == attrEnd - attrStart
                    && XMLScanner.equal(p, a.name.lowerBound - base, attrStart, attrEnd - attrStart) {
                    throw malformed(attrStart, "attribute \(attrName()) given twice in <\(tagName())>")
                }
                if valueAmp {
                    amp = true
                    if bad == nil, let b = firstBadReference(p, valueStart, valueEnd) { bad = base + b }
                }
                attributes.append(Attribute(name: (base + attrStart)..<(base + attrEnd),
                                            value: (base + valueStart)..<(base + valueEnd),
                                            hasReferences: valueAmp, needsNormalisation: normalise))
            }
            if stackStarts.isEmpty {
                if rootClosed {
                    throw malformed(start, "a second root element <\(tagName())> (a document has one root element)")
                }
                rootSeen = true
            }
            if stackStarts.count >= options.maxDepth {
                throw malformed(start, "elements nested more than \(options.maxDepth) deep")
            }
            stackStarts.append(stackBytes.count)
            stackBytes.append(contentsOf: UnsafeBufferPointer(start: p + start + 1, count: nameEnd - start - 1))
            stackOffsets.append(base + start)
            pos = j
            let e = Event(kind: .startElement, offset: base + start, name: (base + start + 1)..<(base + nameEnd),
                          content: (base + start)..<(base + j), isEmptyElement: empty, hasReferences: amp,
                          badReference: bad)
            if empty {
                pendingEnd = Event(kind: .endElement, offset: base + start, name: e.name, content: e.content,
                                   isEmptyElement: true)
            }
            return .event(e)
        }

        mutating func pop() {
            stackBytes.removeSubrange(stackStarts.removeLast()...)
            stackOffsets.removeLast()
            if stackStarts.isEmpty { rootClosed = true }
        }

        mutating func scanEndTag(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) throws -> Step {
            var j = start + 2
            if j >= n { return try incomplete(start, "end of file inside an end tag") }
            guard XMLScanner.isNameStart(p[j]) else { throw malformed(start, "'</' is not followed by an element name") }
            j += 1
            while j < n, XMLScanner.isNameChar(p[j]) { j += 1 }
            let nameEnd = j
            // (Made only for a message: not a string per end tag.)
            func name() -> String { XMLScanner.string(p, start + 2, nameEnd) }
            while j < n, XMLScanner.isSpace(p[j]) { j += 1 }
            if j >= n { return try incomplete(start, "end of file inside the end tag </\(name())") }
            guard p[j] == XMLScanner.gt else { throw malformed(j, "unexpected \(XMLScanner.describe(p, j, n)) in the end tag </\(name())>") }
            j += 1
            guard let top = stackStarts.last else {
                throw malformed(start, "end tag </\(name())> without a start tag")
            }
            let length = nameEnd - start - 2
            let same = length == stackBytes.count - top && stackBytes.withUnsafeBufferPointer { s in
                var k = 0
                while k < length, s[top + k] == p[start + 2 + k] { k += 1 }
                return k == length
            }
            guard same else {
                let open = String(decoding: stackBytes[top...], as: UTF8.self)
                throw malformed(start, "end tag </\(name())> does not match the start tag <\(open)>", openedAt: stackOffsets.last)
            }
            pop()
            pos = j
            return .event(Event(kind: .endElement, offset: base + start, name: (base + start + 2)..<(base + nameEnd),
                                content: (base + start)..<(base + j)))
        }

        mutating func scanProcessingInstruction(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) throws -> Step {
            var j = start + 2
            if j >= n { return try incomplete(start, "end of file inside a processing instruction") }
            guard XMLScanner.isNameStart(p[j]) else { throw malformed(start, "'<?' is not followed by a target name") }
            while j < n, XMLScanner.isNameChar(p[j]) { j += 1 }
            let targetEnd = j
            while j < n, XMLScanner.isSpace(p[j]) { j += 1 }
            let dataStart = j
            while j + 1 < n, !(p[j] == XMLScanner.question && p[j + 1] == XMLScanner.gt) { j += 1 }
            if j + 1 >= n {
                return try incomplete(start, "end of file inside the processing instruction <?\(XMLScanner.string(p, start + 2, targetEnd))")
            }
            pos = j + 2
            return .event(Event(kind: .processingInstruction, offset: base + start,
                                name: (base + start + 2)..<(base + targetEnd), content: (base + dataStart)..<(base + j)))
        }

        enum PrefixMatch { case yes, no, partial }

        static func prefix(_ p: UnsafePointer<UInt8>, _ n: Int, _ at: Int, _ lit: StaticString) -> PrefixMatch {
            let m = lit.utf8CodeUnitCount
            let l = lit.utf8Start
            var k = 0
            while k < m {
                if at + k >= n { return .partial }
                if p[at + k] != l[k] { return .no }
                k += 1
            }
            return .yes
        }

        /// Index of the first byte after the first `lit` at or after `from`, or nil.
        static func find(_ p: UnsafePointer<UInt8>, _ n: Int, _ from: Int, _ lit: StaticString) -> Int? {
            let m = lit.utf8CodeUnitCount
            let l = lit.utf8Start
            var j = from
            while j + m <= n {
                if p[j] == l[0] {
                    var k = 1
                    while k < m, p[j + k] == l[k] { k += 1 }
                    if k == m { return j + m }
                }
                j += 1
            }
            return nil
        }

        mutating func scanDeclaration(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) throws -> Step {
            let comment = Core.prefix(p, n, start, "<!--")
            if comment == .yes {
                guard let end = Core.find(p, n, start + 4, "-->") else {
                    return try incomplete(start, "end of file inside a comment")
                }
                pos = end
                return .event(Event(kind: .comment, offset: base + start, name: (base + start)..<(base + start),
                                    content: (base + start + 4)..<(base + end - 3)))
            }
            let cdata = Core.prefix(p, n, start, "<![CDATA[")
            if cdata == .yes {
                guard !stackStarts.isEmpty else { throw malformed(start, "a CDATA section outside the root element") }
                guard let end = Core.find(p, n, start + 9, "]]>") else {
                    return try incomplete(start, "end of file inside a CDATA section")
                }
                pos = end
                return .event(Event(kind: .cdata, offset: base + start, name: (base + start)..<(base + start),
                                    content: (base + start + 9)..<(base + end - 3)))
            }
            let doctype = Core.prefix(p, n, start, "<!DOCTYPE")
            if doctype == .yes { return try skipDoctype(p, n, start) }
            if comment == .partial || cdata == .partial || doctype == .partial {
                return try incomplete(start, "end of file inside a '<!' declaration")
            }
            throw malformed(start, "unknown declaration \(XMLScanner.describe(p, start, n)) (expected <!--, <![CDATA[ or <!DOCTYPE)")
        }

        /// Skips a DOCTYPE declaration and its internal subset without reading any of it: entity
        /// declarations are never stored, external identifiers never fetched.
        mutating func skipDoctype(_ p: UnsafePointer<UInt8>, _ n: Int, _ start: Int) throws -> Step {
            if rootSeen { throw malformed(start, "a DOCTYPE declaration after the root element") }
            if doctypeSeen { throw malformed(start, "a second DOCTYPE declaration") }
            let what = "end of file inside the DOCTYPE declaration"
            var j = start + 9
            let spaceStart = j
            while j < n, XMLScanner.isSpace(p[j]) { j += 1 }
            if j >= n { return try incomplete(start, what) }
            guard j > spaceStart, XMLScanner.isNameStart(p[j]) else { throw malformed(j, "expected the root element's name after <!DOCTYPE") }
            let nameStart = j
            while j < n, XMLScanner.isNameChar(p[j]) { j += 1 }
            let nameEnd = j
            func skipQuoted(_ j: inout Int) -> Bool {
                let q = p[j]
                j += 1
                while j < n, p[j] != q { j += 1 }
                if j >= n { return false }
                j += 1
                return true
            }
            outer: while true {
                if j >= n { return try incomplete(start, what) }
                let c = p[j]
                if c == XMLScanner.dquote || c == XMLScanner.squote {
                    if !skipQuoted(&j) { return try incomplete(start, what) }
                } else if c == XMLScanner.lbracket {
                    j += 1
                    // The internal subset: declarations, comments and processing instructions, none read.
                    while true {
                        if j >= n { return try incomplete(start, what) }
                        let d = p[j]
                        if d == XMLScanner.rbracket { j += 1; break }
                        if d == XMLScanner.dquote || d == XMLScanner.squote {
                            if !skipQuoted(&j) { return try incomplete(start, what) }
                        } else if d == XMLScanner.lt, Core.prefix(p, n, j, "<!--") == .yes {
                            guard let end = Core.find(p, n, j + 4, "-->") else { return try incomplete(start, what) }
                            j = end
                        } else if d == XMLScanner.lt, Core.prefix(p, n, j, "<?") == .yes {
                            guard let end = Core.find(p, n, j + 2, "?>") else { return try incomplete(start, what) }
                            j = end
                        } else {
                            j += 1
                        }
                    }
                } else if c == XMLScanner.gt {
                    j += 1
                    break outer
                } else {
                    j += 1
                }
            }
            doctypeSeen = true
            pos = j
            return .event(Event(kind: .doctype, offset: base + start, name: (base + nameStart)..<(base + nameEnd),
                                content: (base + start)..<(base + j)))
        }

        func checkEnd(_ n: Int) throws {
            if let top = stackStarts.last {
                let name = String(decoding: stackBytes[top...], as: UTF8.self)
                let count = stackStarts.count
                throw Error(kind: .truncated, offset: base + n,
                            message: "end of file inside <\(name)>" + (count > 1 ? " (\(count) elements still open)" : ""),
                            openedAt: stackOffsets.last)
            }
            if !rootSeen { throw Error(kind: .truncated, offset: base + n, message: "no root element") }
        }

        // MARK: References

        /// Index of the first bad reference in `p[from..<to]`, or nil.
        func firstBadReference(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> Int? {
            var i = from
            while i < to {
                if p[i] == XMLScanner.amp {
                    guard let r = XMLScanner.reference(p, i, to, options.entities) else { return i }
                    i = r.end
                } else {
                    i += 1
                }
            }
            return nil
        }

    }

    /// The reference starting at `p[i]` (an `&`), read no further than `to`: its scalar value and the
    /// index after its `;`; nil when it is not a known, valid reference.
    @inline(__always)
    static func reference(_ p: UnsafePointer<UInt8>, _ i: Int, _ to: Int, _ entities: XMLEntityTable) -> (scalar: UInt32, end: Int)? {
        var j = i + 1
        guard j < to else { return nil }
        if p[j] == hash {
            j += 1
            var radix: UInt32 = 10
            if j < to, p[j] == 0x78 { radix = 16; j += 1 }   // x
            let digits = j
            var v: UInt32 = 0
            while j < to, p[j] != semicolon {
                let c = p[j]
                let d: UInt32
                if c >= 0x30 && c <= 0x39 { d = UInt32(c - 0x30) }
                else if radix == 16 && c >= 0x61 && c <= 0x66 { d = UInt32(c - 0x61 + 10) }
                else if radix == 16 && c >= 0x41 && c <= 0x46 { d = UInt32(c - 0x41 + 10) }
                else { return nil }
                v = v * radix + d
                if v > 0x10FFFF { return nil }
                j += 1
            }
            guard j < to, j > digits, isXMLChar(v) else { return nil }
            return (v, j + 1)
        }
        let nameStart = j
        while j < to, p[j] != semicolon, j - nameStart <= 8 { j += 1 }
        guard j < to, p[j] == semicolon, let v = entities.lookup(p + nameStart, j - nameStart) else { return nil }
        return (v, j + 1)
    }

    /// XML 1.0's `Char`: the code points a document may hold.
    @inline(__always)
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x9 || v == 0xA || v == 0xD || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
            || (v >= 0x10000 && v <= 0x10FFFF)
    }

    /// Why the reference at `offset` (see `Event.badReference`) cannot be read, for a message.
    public func describeReference(at offset: Int) -> String {
        buffer.withUnsafeBufferPointer { buf -> String in
            let p = buf.baseAddress!
            let i = offset - base
            guard i >= 0, i < buf.count else { return "a bad reference" }
            var j = i + 1
            while j < buf.count, j - i < 40, p[j] != Self.semicolon, p[j] != Self.lt, !Self.isSpace(p[j]) { j += 1 }
            guard j < buf.count, p[j] == Self.semicolon else {
                return "'&' that starts no reference (write &amp; for a literal '&')"
            }
            let text = Self.string(p, i, j + 1)
            if i + 1 < j, p[i + 1] == Self.hash {
                return "invalid character reference \(text)"
            }
            let known = options.entities.entries.count > XMLEntityTable.predefinedEntries.count
                ? "XML's five and dblp.dtd's character entities" : "XML's five predefined entities"
            return "undeclared entity \(text) (no DTD is read; only \(known) and numeric references are known)"
        }
    }

    // MARK: Decoding

    /// The bytes of an absolute range as a string, undecoded.
    public func string(_ r: Range<Int>) -> String {
        buffer.withUnsafeBufferPointer { buf in
            String(decoding: UnsafeBufferPointer(rebasing: buf[(r.lowerBound - base)..<(r.upperBound - base)]), as: UTF8.self)
        }
    }

    /// The text of a text or CDATA event: references decoded (for text), line ends normalised.
    /// A bad reference is kept as written (readers check `Event.badReference` first).
    public func decodedText(_ e: Event) -> String {
        decode(e.content, references: e.kind == .text && e.hasReferences,
               carriageReturns: e.kind == .text ? e.hasCarriageReturn : true, attribute: false)
    }

    /// An attribute's value: references decoded, white space normalised as XML does.
    public func value(of a: Attribute) -> String {
        decode(a.value, references: a.hasReferences, carriageReturns: a.needsNormalisation, attribute: a.needsNormalisation)
    }

    /// The value of the latest start element's attribute `name`, or nil.
    public func attribute(_ name: StaticString) -> String? {
        for a in core.attributes where isName(a.name, name) { return value(of: a) }
        return nil
    }

    /// True when the bytes of `r` (an element or attribute name) are `name`.
    @inline(__always)
    public func isName(_ r: Range<Int>, _ name: StaticString) -> Bool {
        let m = name.utf8CodeUnitCount
        guard r.count == m else { return false }
        let l = name.utf8Start
        return buffer.withUnsafeBufferPointer { buf in
            let p = buf.baseAddress! + (r.lowerBound - base)
            var k = 0
            while k < m, p[k] == l[k] { k += 1 }
            return k == m
        }
    }

    /// Calls `body` with the bytes of an absolute range (valid only during the call).
    public func withBytes<T>(_ r: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>) throws -> T) rethrows -> T {
        try buffer.withUnsafeBufferPointer { buf in
            try body(UnsafeBufferPointer(rebasing: buf[(r.lowerBound - base)..<(r.upperBound - base)]))
        }
    }

    private func decode(_ r: Range<Int>, references: Bool, carriageReturns: Bool, attribute: Bool) -> String {
        buffer.withUnsafeBufferPointer { buf -> String in
            let p = buf.baseAddress! + (r.lowerBound - base)
            let n = r.count
            if !references && !carriageReturns {
                return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
            }
            var out = [UInt8]()
            out.reserveCapacity(n)
            Self.appendDecoded(p, n, references: references, carriageReturns: carriageReturns, attribute: attribute,
                               options.entities, to: &out)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Appends the text of a text or CDATA event, decoded as `decodedText` decodes it, to `out`:
    /// for collecting an element's text as bytes and making one string of it at the end.
    public func appendText(_ e: Event, to out: inout [UInt8]) {
        let references = e.kind == .text && e.hasReferences
        let carriageReturns = e.kind == .text ? e.hasCarriageReturn : true
        buffer.withUnsafeBufferPointer { buf in
            let p = buf.baseAddress! + (e.content.lowerBound - base)
            let n = e.content.count
            if !references && !carriageReturns {
                out.append(contentsOf: UnsafeBufferPointer(start: p, count: n))
            } else {
                Self.appendDecoded(p, n, references: references, carriageReturns: carriageReturns, attribute: false,
                                   options.entities, to: &out)
            }
        }
    }

    private static func appendDecoded(_ p: UnsafePointer<UInt8>, _ n: Int, references: Bool, carriageReturns: Bool,
                                      attribute: Bool, _ entities: XMLEntityTable, to out: inout [UInt8]) {
            var i = 0
            while i < n {
                let c = p[i]
                if c == Self.amp, references, let ref = Self.reference(p, i, n, entities) {
                    out.appendUTF8(ref.scalar)
                    i = ref.end
                    continue
                }
                if c == Self.cr {
                    out.append(attribute ? Self.space : Self.lf)
                    i += (i + 1 < n && p[i + 1] == Self.lf) ? 2 : 1
                    continue
                }
                if attribute && (c == Self.tab || c == Self.lf) {
                    out.append(Self.space)
                } else {
                    out.append(c)
                }
                i += 1
            }
    }

    // MARK: Sniffing

    /// The root element's name and attributes, read from at most the first `limit` bytes; nil when
    /// those bytes are not the start of an XML document.
    public static func rootElement(of bytes: [UInt8], limit: Int = 1 << 16) -> (name: String, attributes: [String: String])? {
        let final = bytes.count <= limit
        var s = XMLScanner(bytes: final ? bytes : Array(bytes[0..<limit]), isFinal: final)
        while let e = try? s.next() {
            guard e.kind == .startElement else { continue }
            var attrs: [String: String] = [:]
            for a in s.attributes { attrs[s.string(a.name)] = s.value(of: a) }
            return (s.string(e.name), attrs)
        }
        return nil
    }

    // MARK: Bytes

    static let tab: UInt8 = 0x09, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D, space: UInt8 = 0x20
    static let bang: UInt8 = 0x21, dquote: UInt8 = 0x22, hash: UInt8 = 0x23, amp: UInt8 = 0x26
    static let squote: UInt8 = 0x27, slash: UInt8 = 0x2F, semicolon: UInt8 = 0x3B, lt: UInt8 = 0x3C
    static let eq: UInt8 = 0x3D, gt: UInt8 = 0x3E, question: UInt8 = 0x3F
    static let lbracket: UInt8 = 0x5B, rbracket: UInt8 = 0x5D

    @inline(__always) static func isSpace(_ c: UInt8) -> Bool {
        c == space || c == lf || c == tab || c == cr
    }

    /// ASCII letters, `_`, `:` and any byte of a multi-byte UTF-8 sequence (not checked further).
    @inline(__always) static func isNameStart(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || c == 0x5F || c == 0x3A || c >= 0x80
    }

    @inline(__always) static func isNameChar(_ c: UInt8) -> Bool {
        isNameStart(c) || (c >= 0x30 && c <= 0x39) || c == 0x2D || c == 0x2E
    }

    static func string(_ p: UnsafePointer<UInt8>, _ from: Int, _ to: Int) -> String {
        String(decoding: UnsafeBufferPointer(start: p + from, count: max(0, to - from)), as: UTF8.self)
    }

    static func equal(_ p: UnsafePointer<UInt8>, _ a: Int, _ b: Int, _ count: Int) -> Bool {
        var k = 0
        while k < count, p[a + k] == p[b + k] { k += 1 }
        return k == count
    }

    /// The text at `i` for a message: a few bytes of markup, one character, or `end of file`.
    static func describe(_ p: UnsafePointer<UInt8>, _ i: Int, _ n: Int) -> String {
        guard i < n else { return "end of file" }
        if p[i] < 0x20 { return "character \(p[i])" }
        var j = i + 1
        if p[i] == lt {
            while j < n, j - i < 12, !isSpace(p[j]), p[j] != gt { j += 1 }
        } else {
            while j < n, p[j] & 0xC0 == 0x80 { j += 1 }
        }
        return "'\(string(p, i, j))'"
    }
}
