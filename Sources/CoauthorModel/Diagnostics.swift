/// A problem found in the input, located as `FILE:LINE[:COLUMN]`.
public struct Diagnostic: Sendable, CustomStringConvertible, Equatable {
    public enum Severity: String, Sendable { case warning, error }
    public var location: SourceLocation
    public var message: String
    public var severity: Severity

    public init(_ location: SourceLocation, _ message: String, severity: Severity = .error) {
        self.location = location
        self.message = Diagnostic.excerpt(message)
        self.severity = severity
    }

    /// The most characters of a message kept: messages quote the input (a header, a line, a
    /// value), and a 100 MB header line must not become a 100 MB error message.
    public static let messageLimit = 1_000

    /// `s` cut to `messageLimit` characters, with `… (N more bytes)`.
    public static func excerpt(_ s: String) -> String {
        guard s.utf8.count > messageLimit else { return s }
        let kept = s.prefix(messageLimit)
        guard kept.endIndex < s.endIndex else { return s }
        return kept + "… (\(s.utf8.count - kept.utf8.count) more bytes)"
    }

    /// `FILE:LINE[:COLUMN]: message` (warnings say so).
    public var description: String {
        severity == .warning ? "\(location): warning: \(message)" : "\(location): \(message)"
    }
}

/// An input problem that stops the run: nothing sensible can be read from the input.
public enum RecordError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The file or directory cannot be opened or read.
    case unreadable(path: String, reason: String)
    /// No reader recognises the input.
    case unknownFormat(path: String, hint: String)
    /// The bytes are not UTF-8; the location points at the first bad byte.
    case invalidUTF8(SourceLocation)
    /// The input holds no records at all.
    case empty(path: String)
    /// A document ends before its structure closes (truncated XML or JSON).
    case truncated(SourceLocation, String)
    /// The document is malformed beyond the record level (not a recoverable record error).
    case malformed(SourceLocation, String)
    /// `--strict`: the first record-level problem, promoted to a fatal error.
    case strict(Diagnostic)
    /// An option value is not usable (an aliases file with a bad line, an unknown column name …).
    case badOption(String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .unknownFormat(path, hint): return "\(path): unknown input format (\(Diagnostic.excerpt(hint)))"
        case let .invalidUTF8(loc): return "\(loc): invalid UTF-8"
        case let .empty(path): return "\(path): no records in input"
        case let .truncated(loc, what): return "\(loc): truncated document: \(Diagnostic.excerpt(what))"
        case let .malformed(loc, what): return "\(loc): \(Diagnostic.excerpt(what))"
        case let .strict(d): return "\(d) (--strict)"
        case let .badOption(what): return Diagnostic.excerpt(what)
        }
    }
}

/// Collects what readers emit: records, skipped-record diagnostics and warnings.
///
/// Readers call `emit` for each good record and `skip` for each malformed one; a skipped record
/// is counted and reported, never dropped silently. With `strict`, `skip` throws instead.
public final class RecordSink {
    @exclusivity(unchecked) public private(set) var diagnostics: [Diagnostic] = []
    @exclusivity(unchecked) public private(set) var skipped = 0
    @exclusivity(unchecked) public private(set) var emitted = 0
    public let strict: Bool
    private let handler: (PaperRecord) throws -> Void

    public init(strict: Bool = false, handler: @escaping (PaperRecord) throws -> Void) {
        self.strict = strict
        self.handler = handler
    }

    /// Passes one good record on. An `et al.` among its authors is not a person: it is left out and
    /// the list marked as cut short (`authorsTruncated`), whichever reader made the record.
    public func emit(_ record: PaperRecord) throws {
        emitted += 1
        if record.authors.contains(where: \.isEtAl) {
            var r = record
            r.authors.removeAll(where: \.isEtAl)
            r.authorsTruncated = true
            try handler(r)
            return
        }
        try handler(record)
    }

    /// Set by `RecordLoader.loadInterned`: readers that can (JSON Lines of the flat shape, BibTeX) hand
    /// over records whose authors are interned names (`emit(_:names:)`) instead of `AuthorName`s.
    @exclusivity(unchecked) public private(set) var interner: NameInterner?
    @exclusivity(unchecked) private var internedHandler: ((FlatRecord, UnsafeBufferPointer<Int32>) throws -> Void)?

    /// A sink that also takes records with interned authors.
    public init(strict: Bool = false, interner: NameInterner,
                handler: @escaping (PaperRecord) throws -> Void,
                interned: @escaping (FlatRecord, UnsafeBufferPointer<Int32>) throws -> Void) {
        self.strict = strict
        self.handler = handler
        self.interner = interner
        self.internedHandler = interned
    }

    /// Passes one good record on, still as bytes (valid during the call), whose authors are `names`
    /// (values of `interner`, in byline order).
    public func emit(_ record: FlatRecord, names: UnsafeBufferPointer<Int32>) throws {
        emitted += 1
        try internedHandler!(record, names)
    }

    /// Reports a malformed record that is left out; with `strict`, stops the run.
    public func skip(_ location: SourceLocation, _ message: String) throws {
        let d = Diagnostic(location, message)
        if strict { throw RecordError.strict(d) }
        skipped += 1
        diagnostics.append(d)
    }

    /// Reports something worth knowing that does not drop a record.
    public func warn(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message, severity: .warning))
    }
}
