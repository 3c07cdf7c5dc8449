import CoauthorModel

// The records of BibTeX entries: as `PaperRecord`s (`recordEntry`) or as bytes (`flatEntry`).
extension BibScanner {
    // The rules both record builders follow, written once.

    /// The venue: the first of these fields present (decoded non-empty).
    static let venueFields: [BibField] = [.journal, .booktitle, .journaltitle, .publisher]

    /// Whether an entry takes its year or venue from the entry its `crossref` names: it lacks one
    /// of them and names one (the byte path then leaves the entry to the general path).
    static func needsCrossref(year: Int?, hasVenue: Bool, _ fields: BibFields) -> Bool {
        (year == nil || !hasVenue) && fields[.crossref] != nil
    }

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
        var venue: String?
        for f in BibScanner.venueFields where venue == nil { venue = decoded(f, fields) }
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
        if fields[.affiliations] != nil || fields[.correspondence] != nil {
            var affiliations = AffiliationCollector()
            if let a = decoded(.affiliations, fields) {
                ScopusAddresses.addPaperAffiliations(a, authorCount: authors.count, into: &affiliations)
            }
            if let c = decoded(.correspondence, fields) {
                ScopusAddresses.linkCorrespondents(c, authors: authors, into: &affiliations)
            }
            affiliations.apply(to: &record)
        }

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
        if BibScanner.needsCrossref(year: record.year, hasVenue: record.venue != nil, fields), let cr = fields[.crossref] {
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
    /// cross-reference, or has Scopus address fields (the general path reads it).
    mutating func flatEntry(at: Int, type: String, keyRange: Range<Int>, fields: BibFields,
                            interner: NameInterner) throws -> Bool {
        flatScratch.removeAll(keepingCapacity: true)
        let (year, date) = yearAndDate(fields)
        var venue = FlatSpan.absent
        for f in BibScanner.venueFields where venue.isAbsent { venue = flatField(f, fields) }
        // (`yearAndDate` gives no year only without a date.)
        if BibScanner.needsCrossref(year: year, hasVenue: !venue.isAbsent, fields) { return false }
        // Affiliations are not carried by `FlatRecord`: the general path reads such entries.
        if fields[.affiliations] != nil || fields[.correspondence] != nil { return false }
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
}
