import CoauthorOutput
/// Records read by a byte-level reader (JSON Lines of the flat shape), kept as bytes: no `String`
/// per field and no `PaperRecord` per record on the way from the reader to the corpus builder.
///
/// A batch holds its records' text fields back to back in one byte array, with a start and end
/// per field (start −1: the field is absent), and the other fields in flat arrays. `record(_:)`
/// makes the `PaperRecord` the general reader would have made, for the rare record that needs one
/// (a possible duplicate of another file's paper).
public struct FlatRecordBatch: Sendable {
    /// The text fields, in the order of their slots.
    public enum Field: Int, CaseIterable, Sendable {
        case id, title, venue, category, doi, abstract, url
    }
    static let fieldCount = Field.allCases.count

    public private(set) var bytes: [UInt8] = []
    /// Per record, per field: start and end in `bytes` (start −1: absent).
    private var spans: [Int32] = []
    public private(set) var year: [Int32] = []          // Int32.min: unknown
    public private(set) var month: [UInt8] = []         // 0: unknown
    public private(set) var day: [UInt8] = []
    public private(set) var truncated: [Bool] = []
    public private(set) var line: [Int32] = []
    /// Per record: its file, an index into `files`.
    public private(set) var file: [Int32] = []
    public private(set) var files: [String] = []

    public init() {}

    public var count: Int { year.count }

    /// Appends the bytes of one field (nil: absent); fields go in the order of `Field`.
    @inline(__always)
    /// With `clean`, control characters become U+FFFD (`ControlCharacters`), as `PaperRecord` does
    /// for its title and venue.
    mutating func appendField(_ b: UnsafeBufferPointer<UInt8>?, clean: Bool = false) {
        if let b {
            spans.append(Int32(truncatingIfNeeded: bytes.count))
            if clean && ControlCharacters.contains(utf8: b) {
                ControlCharacters.append(replacing: b, to: &bytes)
            } else {
                bytes.append(contentsOf: b)
            }
            spans.append(Int32(truncatingIfNeeded: bytes.count))
        } else {
            spans.append(-1)
            spans.append(-1)
        }
    }

    /// Ends a record whose fields were appended, with its other members.
    @inline(__always)
    mutating func endRecord(year y: Int?, date: PaperDate?, truncated t: Bool, location: SourceLocation) {
        year.append((y ?? date?.year).map { Int32(clamping: $0) } ?? .min)
        month.append(UInt8(clamping: date?.month ?? 0))
        day.append(UInt8(clamping: date?.day ?? 0))
        truncated.append(t)
        line.append(Int32(clamping: location.line))
        if files.isEmpty || files[files.count - 1] != location.file { files.append(location.file) }
        file.append(Int32(files.count - 1))
    }

    /// Whether field `f` of record `k` is present.
    @inline(__always) public func has(_ k: Int, _ f: Field) -> Bool { spans[2 * (k * FlatRecordBatch.fieldCount + f.rawValue)] >= 0 }

    /// The bytes of field `f` of record `k` (empty when absent).
    @inline(__always)
    public func withBytes<R>(_ k: Int, _ f: Field, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let i = 2 * (k * FlatRecordBatch.fieldCount + f.rawValue)
        let s = Int(spans[i]), e = Int(spans[i + 1])
        return try bytes.withUnsafeBufferPointer { b in
            try body(s < 0 ? UnsafeBufferPointer(start: nil, count: 0) : UnsafeBufferPointer(rebasing: b[s..<e]))
        }
    }

    /// Field `f` of record `k` as a string, or nil when absent.
    public func string(_ k: Int, _ f: Field) -> String? {
        has(k, f) ? withBytes(k, f) { String(decoding: $0, as: UTF8.self) } : nil
    }

    /// The year of record `k` (its date's year when it has no year of its own).
    public func yearOf(_ k: Int) -> Int? { year[k] == .min ? nil : Int(year[k]) }

    /// Where record `k` was read.
    public func location(_ k: Int) -> SourceLocation { SourceLocation(file: files[Int(file[k])], line: Int(line[k])) }

    /// The record as a `PaperRecord` without authors (they travel as interned names).
    public func record(_ k: Int) -> PaperRecord { withRecord(k, byteCount: 0) { $0.record } }

    /// `body` with record `k` as a `FlatRecord` (its fields pointing into this batch) of
    /// `byteCount` input bytes.
    public func withRecord<R>(_ k: Int, byteCount: Int, _ body: (FlatRecord) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { b in
            func field(_ f: Field) -> UnsafeBufferPointer<UInt8>? {
                let i = 2 * (k * FlatRecordBatch.fieldCount + f.rawValue)
                let s = Int(spans[i]), e = Int(spans[i + 1])
                return s < 0 ? nil : UnsafeBufferPointer(rebasing: b[s..<e])
            }
            let date: PaperDate? = month[k] == 0 ? nil
                : PaperDate(year: Int(year[k]), month: Int(month[k]), day: day[k] == 0 ? nil : Int(day[k]))
            return try body(FlatRecord(id: field(.id), title: field(.title), venue: field(.venue),
                                       category: field(.category), doi: field(.doi), abstract: field(.abstract),
                                       url: field(.url), year: yearOf(k), date: date, truncated: truncated[k],
                                       location: location(k), byteCount: byteCount))
        }
    }

    public mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        spans.removeAll(keepingCapacity: true)
        year.removeAll(keepingCapacity: true)
        month.removeAll(keepingCapacity: true)
        day.removeAll(keepingCapacity: true)
        truncated.removeAll(keepingCapacity: true)
        line.removeAll(keepingCapacity: true)
        file.removeAll(keepingCapacity: true)
        files.removeAll(keepingCapacity: true)
    }
}

/// One record read by a byte-level reader (JSON Lines of the flat shape, BibTeX), handed over as
/// bytes with its authors as interned names (`RecordSink.emit(_:names:)`): its text fields point
/// into the document or the reader's scratch bytes, so it is valid only during the call that hands
/// it over. `append(to:)` copies it into a batch; `record` makes the `PaperRecord` (without
/// authors) the reader's general path would have made.
public struct FlatRecord {
    /// The text fields in the order of `FlatRecordBatch.Field` (nil: absent).
    package var id, title, venue, category, doi, abstract, url: UnsafeBufferPointer<UInt8>?
    public var year: Int?
    public var date: PaperDate?
    public var truncated: Bool
    public var location: SourceLocation
    /// The bytes of the input this record was read from (for progress and reservations).
    public var byteCount: Int

    package init(id: UnsafeBufferPointer<UInt8>?, title: UnsafeBufferPointer<UInt8>?, venue: UnsafeBufferPointer<UInt8>?,
                 category: UnsafeBufferPointer<UInt8>?, doi: UnsafeBufferPointer<UInt8>?,
                 abstract: UnsafeBufferPointer<UInt8>?, url: UnsafeBufferPointer<UInt8>?, year: Int?, date: PaperDate?,
                 truncated: Bool, location: SourceLocation, byteCount: Int) {
        self.id = id
        self.title = title
        self.venue = venue
        self.category = category
        self.doi = doi
        self.abstract = abstract
        self.url = url
        self.year = year
        self.date = date
        self.truncated = truncated
        self.location = location
        self.byteCount = byteCount
    }

    public func append(to batch: inout FlatRecordBatch) {
        batch.appendField(id)
        batch.appendField(title, clean: true)
        batch.appendField(venue, clean: true)
        batch.appendField(category)
        batch.appendField(doi)
        batch.appendField(abstract)
        batch.appendField(url)
        batch.endRecord(year: year, date: date, truncated: truncated, location: location)
    }

    /// The record as a `PaperRecord` without authors (they travel as interned names).
    public var record: PaperRecord {
        func text(_ b: UnsafeBufferPointer<UInt8>?) -> String? { b.map { String(decoding: $0, as: UTF8.self) } }
        return PaperRecord(id: text(id) ?? "", title: text(title) ?? "", authors: [], authorsTruncated: truncated,
                           year: year, date: date, venue: text(venue), category: text(category), doi: text(doi),
                           url: text(url), abstract: text(abstract), source: location)
    }
}
