import CoauthorModel

/// One record of a tagged-line format (RIS, MEDLINE/nbib, Web of Science): its tags in file
/// order, each with its values. A continuation line extends the field's last value with a space
/// (or, for a list tag such as Web of Science's `AU`, starts another value).
struct TaggedRecord {
    struct Field {
        var tag: String
        var values: [String]
        /// The values joined by spaces.
        var value: String { values.count == 1 ? values[0] : values.joined(separator: " ") }
    }

    var startLine: Int
    var fields: [Field]

    init(startLine: Int, tag: String, value: String) {
        self.startLine = startLine
        fields = [Field(tag: tag, values: [value])]
    }

    mutating func append(_ tag: String, _ value: String) {
        fields.append(Field(tag: tag, values: [value]))
    }

    /// The value of the first non-empty field among `names`, tried in order.
    func first(_ names: String...) -> String? {
        for n in names {
            for f in fields where f.tag == n {
                let v = f.value
                if !v.isEmpty { return v }
            }
        }
        return nil
    }

    /// Every non-empty value of every `name` field, in order.
    func list(_ name: String) -> [String] {
        fields.filter { $0.tag == name }.flatMap(\.values).filter { !$0.isEmpty }
    }
}

/// The line layout of a tagged-line format, and the loop its readers share.
struct TaggedLineFormat: Sendable {
    /// The tag of a tag line, else nil (a continuation or another line).
    let tag: @Sendable (UnsafeBufferPointer<UInt8>, TextLines.Line) -> String?
    /// Where a tag line's value starts (`TY  - value`: 6; `AU value`: 3).
    let valueOffset: Int
    /// The tags a record is made of; the others are passed over unread, with their continuations.
    let used: Set<String>
    /// Tags whose continuation lines are further values rather than more text.
    var listTags: Set<String> = []
    /// Whether continuation lines must be indented (MEDLINE, Web of Science) or may be any line (RIS).
    var indentedContinuations: Bool

    /// Reads `document` line by line: each used tag line goes to `onTag` with the record being
    /// collected (which it opens, extends, emits or closes), and each continuation line of a used
    /// tag extends the open record's last field. `onTag` returns false to stop reading.
    /// - Complexity: O(document length).
    func read(_ document: SourceDocument,
              onTag: (_ tag: String, _ value: String, _ line: Int, _ open: inout TaggedRecord?) throws -> Bool) throws -> TaggedRecord? {
        var open: TaggedRecord?
        var keeping = false          // the last tag is one the record uses (its continuations too)
        let lineBase = document.firstLine - 1   // a piece of a longer input starts on a later line
        try document.bytes.withUnsafeBufferPointer { buf in
            var lines = TextLines(buf)
            while let l = lines.next() {
                if let t = tag(buf, l) {
                    keeping = used.contains(t)
                    if !keeping { continue }
                    let value = l.count > valueOffset ? buf.collapsed(l.start + valueOffset, l.end) : ""
                    if try !onTag(t, value, l.number + lineBase, &open) { return }
                } else if keeping, open != nil, !open!.fields.isEmpty,
                          !indentedContinuations || (l.count > 0 && (buf[l.start] == 0x20 || buf[l.start] == 0x09)) {
                    let more = buf.collapsed(l.start, l.end)
                    guard !more.isEmpty else { continue }
                    let last = open!.fields.count - 1
                    if listTags.contains(open!.fields[last].tag) {
                        open!.fields[last].values.append(more)
                    } else {
                        // In place (no copy of the value so far): linear in the value's length
                        // however many continuation lines it has.
                        let k = open!.fields[last].values.count - 1
                        if open!.fields[last].values[k].isEmpty {
                            open!.fields[last].values[k] = more
                        } else {
                            open!.fields[last].values[k] += " "
                            open!.fields[last].values[k] += more
                        }
                    }
                }
            }
        }
        return open
    }
}

extension TaggedLineFormat {
    /// Reads records that open with `start` and close with `end` (RIS's `TY`…`ER`, Web of
    /// Science's `PT`…`ER`); `stop` (Web of Science's `EF`) ends the file. A record that is not
    /// closed before the next one opens or the file ends is skipped and counted, with its line.
    /// `stopped` (the reader's, kept from piece to piece of one input) says `stop` was met: a
    /// later piece is not read.
    func readRecords(_ document: SourceDocument, kind: String, start: String, end: String, stop: String? = nil,
                     stopped: PieceState<Bool>? = nil, into sink: RecordSink, emit: (TaggedRecord) throws -> Void) throws {
        let file = document.name
        if let stopped {
            if document.pieceIndex == 0 { stopped.value = false }
            if stopped.value { return }
        }
        let unfinished = try read(document) { t, value, line, open in
            switch t {
            case start:
                if let r = open {
                    try sink.skip(SourceLocation(file: file, line: r.startLine),
                                  "\(kind) record without \(end) (a new \(start) begins at line \(line)); skipped")
                }
                open = TaggedRecord(startLine: line, tag: start, value: value)
            case end:
                if let r = open { try emit(r) }
                open = nil
            case stop:
                stopped?.value = true
                return false
            default:
                open?.append(t, value)
            }
            return true
        }
        if let r = unfinished {
            try sink.skip(SourceLocation(file: file, line: r.startLine),
                          "\(kind) record without \(end) at the end of the file; skipped")
        }
    }
}

/// What a reader carries from piece to piece of one input read in pieces (`InputPieces`): each
/// input gets a reader instance of its own, which holds one of these; a reader resets it at a
/// document's first piece (`SourceDocument.pieceIndex` 0, also a whole document).
final class PieceState<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}
