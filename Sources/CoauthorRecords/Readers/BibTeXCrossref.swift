import CoauthorModel

// Cross-references: what an entry inherits from the entry its `crossref` names, before or after it.
extension BibScanner {
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
    /// (Read in pieces, the children emitted at once because their target is nowhere after them
    /// are reported here too, in the order of the targets' first naming, as the whole read does.)
    mutating func finishCrossrefs() throws {
        if let s = stream {
            let targets = Set(waiting.keys).union(s.missing.keys).sorted { s.firstNamed[$0, default: 0] < s.firstNamed[$1, default: 0] }
            for target in targets {
                for (location, message) in s.missing[target] ?? [] { sink.warn(location, message) }
                for q in waiting[target] ?? [] {
                    queue[q].waiting = false
                    sink.warn(queue[q].record.source, BibScanner.notFound(queue[q].record, target))
                }
            }
            stream!.missing.removeAll()
        } else {
            for (target, positions) in waiting.sorted(by: { $0.value[0] < $1.value[0] }) {
                for q in positions {
                    queue[q].waiting = false
                    sink.warn(queue[q].record.source, BibScanner.notFound(queue[q].record, target))
                }
            }
        }
        waiting.removeAll()
        try flushQueue()
    }

    static func notFound(_ r: PaperRecord, _ target: String) -> String {
        "@\(r.category ?? "entry"){\(r.id)}: crossref target '\(target)' not found"
    }

    /// Read in pieces: a child naming `target` (lower-cased) that lacks a year or venue. It
    /// inherits at once from a target read before; waits when the target may come after it; else
    /// (nowhere after it) is emitted as it is, its warning kept for the end. Returns whether it waits.
    mutating func streamedCrossref(_ record: inout PaperRecord, _ target: String) -> Bool {
        if let info = stream!.info[target] {
            BibScanner.inherit(&record, info)
            return false
        }
        if stream!.firstNamed[target] == nil { stream!.firstNamed[target] = stream!.firstNamed.count }
        if stream!.scan?.mayFollow(target) ?? true { return true }
        stream!.missing[target, default: []].append((record.source, BibScanner.notFound(record, target)))
        return false
    }
}
