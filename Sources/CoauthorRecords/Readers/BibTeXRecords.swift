import CoauthorModel

// The records of BibTeX entries: fields read once as bytes (`entryFields`), handed over as bytes
// (`emitInterned`) or as the `PaperRecord` made of them (`recordEntry`).
extension BibScanner {

    /// The venue: the first of these fields present (decoded non-empty).
    static let venueFields: [BibField] = [.journal, .booktitle, .journaltitle, .publisher]

    /// Whether an entry takes its year or venue from the entry its `crossref` names: it lacks one
    /// of them and names one (it is then handed over as a `PaperRecord`, which inherits them).
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

    /// The fields of an entry's record as bytes (`flatField`): what both forms of the record are
    /// made of, the `FlatRecord` handed over as bytes and the `PaperRecord` (`FlatRecord.record`).
    struct EntryFields {
        var title, venue, category, doi, abstract, url: FlatSpan
        var year: Int?
        var date: PaperDate?
    }

    /// Reads the record fields of an entry into `flatScratch` (emptied first) and spans of it or
    /// of the document. The one place their rules live: the title, abstract and venue (the first
    /// of `venueFields` present) decoded, `doi` and `url` verbatim, the year and date of
    /// `yearAndDate`, the entry type as the category.
    mutating func entryFields(type: String, _ fields: BibFields) -> EntryFields {
        flatScratch.removeAll(keepingCapacity: true)
        let (year, date) = yearAndDate(fields)
        var venue = FlatSpan.absent
        for f in BibScanner.venueFields where venue.isAbsent { venue = flatField(f, fields) }
        let title = flatField(.title, fields)
        let doi = flatField(.doi, fields, verbatim: true)
        let url = flatField(.url, fields, verbatim: true)
        let abstract = flatField(.abstract, fields)
        let categoryStart = flatScratch.count
        flatScratch.append(contentsOf: type.utf8)
        let category = FlatSpan.scratch(categoryStart..<flatScratch.count)
        // (`yearAndDate` gives no year only without a date.)
        return EntryFields(title: title, venue: venue, category: category, doi: doi, abstract: abstract, url: url,
                           year: year ?? date?.year, date: date)
    }

    /// `body` with the entry's record as a `FlatRecord` (without authors: `truncated` is the
    /// author list's flag), its fields pointing into the document and `flatScratch`.
    func withFlatRecord<R>(_ e: EntryFields, keyRange: Range<Int>, truncated: Bool, location: SourceLocation,
                           byteCount: Int, _ body: (FlatRecord) throws -> R) rethrows -> R {
        try flatScratch.withUnsafeBufferPointer { sb in
            func bytes(_ s: FlatSpan) -> UnsafeBufferPointer<UInt8>? {
                switch s {
                case .absent: return nil
                case .document(let r): return UnsafeBufferPointer(rebasing: p[r])
                case .scratch(let r): return UnsafeBufferPointer(rebasing: sb[r])
                }
            }
            return try body(FlatRecord(id: UnsafeBufferPointer(rebasing: p[keyRange]), title: bytes(e.title),
                                       venue: bytes(e.venue), category: bytes(e.category), doi: bytes(e.doi),
                                       abstract: bytes(e.abstract), url: bytes(e.url), year: e.year, date: e.date,
                                       truncated: truncated, location: location, byteCount: byteCount))
        }
    }

    /// Reads one record entry and hands its record over. Its fields are read once, as bytes
    /// (`entryFields`); the record then goes to the sink in one of two forms of the same fields:
    /// - as bytes (`RecordSink.emit(_:names:)`, into a sink with a name interner, as the CLI
    ///   reads), authors as values of the sink's interner (`emitInterned`), when it is handed
    ///   over as it is: it inherits nothing from a cross-reference, nothing waits before it, and it
    ///   has no Scopus address fields (`FlatRecord` carries no affiliations);
    /// - else as the `PaperRecord` of those bytes (`FlatRecord.record`) with its `AuthorName`s
    ///   (`BibNames.parseList`) and affiliations (`ScopusAddresses`), which may take a year and
    ///   venue from its `crossref` target, wait for a target further down, or wait behind an entry
    ///   that does.
    mutating func recordEntry(at: Int, type: String, close: UInt8) throws {
        let (keyRange, fields) = try parseBody(close: close, typeName: type, collect: true)
        let entry = entryFields(type: type, fields)
        let location = SourceLocation(file: document.name, line: entryLine)

        // Cross-references: this entry's key, and the entries that wait for it.
        var lowerKey: String?
        if stream != nil {
            // Read in pieces: what a target hands on is kept when it is read (the first entry with
            // its key), as nothing before the piece can be re-read.
            let lk = lowerText(keyRange)
            lowerKey = lk
            if stream!.scan?.keeps(lk) ?? true, stream!.info[lk] == nil { stream!.info[lk] = crossrefInfo(fields) }
        } else {
            entryStarts.append(at)
        }
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
        let inherits = BibScanner.needsCrossref(year: entry.year, hasVenue: !entry.venue.isAbsent, fields)
        // Affiliations are not carried by `FlatRecord`: such entries go as `PaperRecord`s.
        let hasAddresses = fields[.affiliations] != nil || fields[.correspondence] != nil
        if let interner = sink.interner, !inherits, !hasAddresses, queueHead == queue.count {
            try emitInterned(entry, keyRange: keyRange, fields: fields, location: location, byteCount: i - at,
                             interner: interner)
            return
        }

        var authors: [AuthorName] = []
        var truncated = false
        if let a = fields[.author] {
            (authors, truncated) = withValue(a) { BibNames.parseList($0) }
        }
        var record = withFlatRecord(entry, keyRange: keyRange, truncated: truncated, location: location,
                                    byteCount: 0) { $0.record }
        record.authors = authors
        if hasAddresses {
            var affiliations = AffiliationCollector()
            if let a = decoded(.affiliations, fields) {
                ScopusAddresses.addPaperAffiliations(a, authorCount: authors.count, into: &affiliations)
            }
            if let c = decoded(.correspondence, fields) {
                ScopusAddresses.linkCorrespondents(c, authors: authors, into: &affiliations)
            }
            affiliations.apply(to: &record)
        }
        var waits = false
        if inherits, let cr = fields[.crossref] {
            // Keys match case-insensitively in ASCII, as in BibTeX (and as `lowerText` folds them).
            let target = String(decoding: withValue(cr) { TeX.decodeVerbatim($0) }.utf8.map {
                $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0
            }, as: UTF8.self)
            if !target.isEmpty {
                if stream != nil {
                    if streamedCrossref(&record, target) {
                        waits = true
                        waiting[target, default: []].append(queue.count)
                    }
                } else if let off = lookup(target) {
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

    /// The record of `entry` handed over as bytes (`RecordSink.emit(_:names:)`), its authors as
    /// values of the sink's interner: each name span (the bytes `parseList` gives `parseName`)
    /// looked up in this reader's own table of recent spans (`recentNames`) and parsed once, on
    /// first sight.
    mutating func emitInterned(_ entry: EntryFields, keyRange: Range<Int>, fields: BibFields, location: SourceLocation,
                               byteCount: Int, interner: NameInterner) throws {
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
        try withFlatRecord(entry, keyRange: keyRange, truncated: truncated, location: location, byteCount: byteCount) { record in
            try ids.withUnsafeBufferPointer { try sink.emit(record, names: $0) }
        }
    }
}
