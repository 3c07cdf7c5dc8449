import CoauthorModel

/// A column of strings stored as one UTF-8 blob and `count + 1` offsets: string `i` is
/// `bytes[offsets[i]..<offsets[i + 1]]`, made a `String` only when read.
///
/// Millions of names and ids cost two allocations in all instead of one per string, and a snapshot
/// loads a column with two copies (`Snapshot`). Reads like `[String]` (a random-access collection of
/// `String`, comparable with an array literal); appended to, never edited in place.
///
/// - Complexity: subscript O(length of the string); append amortised O(length).
public struct StringColumn: Sendable, RandomAccessCollection, Equatable, ExpressibleByArrayLiteral {
    /// Every string's UTF-8 bytes, back to back.
    public private(set) var bytes: [UInt8]
    /// Where each string starts in `bytes`, and the end of the last (`count + 1` entries, from 0).
    public private(set) var offsets: [Int]

    public init() {
        bytes = []
        offsets = [0]
    }

    public init<S: Sequence>(_ strings: S) where S.Element == String {
        self.init()
        for s in strings { append(s) }
    }

    public init(arrayLiteral elements: String...) { self.init(elements) }

    /// A column from its raw parts; nil unless the offsets start at 0, never decrease and end at
    /// `bytes.count`.
    public init?(bytes: [UInt8], offsets: [Int]) {
        guard offsets.first == 0, offsets.last == bytes.count, nondecreasing(offsets) else { return nil }
        self.bytes = bytes
        self.offsets = offsets
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { offsets.count - 1 }

    public subscript(i: Int) -> String {
        let s = offsets[i], e = offsets[i + 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<e]), as: UTF8.self) }
    }

    /// The UTF-8 bytes of string `i`, without making a `String`.
    public func withUTF8<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let s = offsets[i], e = offsets[i + 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[s..<e])) }
    }

    public mutating func append(_ s: String) {
        bytes.append(contentsOf: s.utf8)
        offsets.append(bytes.count)
    }

    /// Appends the string whose UTF-8 bytes are `b` (valid UTF-8).
    public mutating func append(bytes b: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: b)
        offsets.append(bytes.count)
    }

    public mutating func reserveCapacity(_ n: Int, bytes b: Int = 0) {
        offsets.reserveCapacity(n + 1)
        if b > 0 { bytes.reserveCapacity(b) }
    }

    /// Each string's number among the column's distinct strings (first seen first), strings
    /// compared byte for byte, and the row where each distinct string is first seen. No `String`
    /// is made: the bytes are interned (`NameInterner`), so numbering a million names costs one
    /// hash each.
    /// - Complexity: O(total bytes) expected.
    public func distinctNumbers() -> (numbers: [Int32], firstRow: [Int]) {
        let n = count
        var numbers = [Int32](repeating: 0, count: n)
        var firstRow: [Int] = []
        let table = NameInterner(capacity: 2 * n)
        bytes.withUnsafeBufferPointer { all in
            for i in 0..<n {
                let b = UnsafeBufferPointer(rebasing: all[offsets[i]..<offsets[i + 1]])
                numbers[i] = table.value(of: b) {
                    firstRow.append(i)
                    return Int32(firstRow.count - 1)
                }
            }
        }
        return (numbers, firstRow)
    }

    /// Whether string `i` is empty.
    public func isEmpty(at i: Int) -> Bool { offsets[i] == offsets[i + 1] }

    /// Same strings, compared byte for byte.
    public static func == (a: StringColumn, b: StringColumn) -> Bool {
        a.offsets == b.offsets && a.bytes == b.bytes
    }
}

/// Each author's spellings, stored flat: author `i`'s are entries `start[i]..<start[i + 1]` of
/// `text` and `mentions`. Reads like `[[AuthorTable.Spelling]]`.
public struct SpellingColumn: Sendable, RandomAccessCollection, Equatable {
    public private(set) var start: [Int] = [0]
    public private(set) var text = StringColumn()
    public private(set) var mentions: [Int] = []

    public init() {}

    public init(_ rows: [[AuthorTable.Spelling]]) {
        start.reserveCapacity(rows.count + 1)
        for row in rows {
            for s in row { text.append(s.text); mentions.append(s.mentions) }
            start.append(mentions.count)
        }
    }

    /// A column from its raw parts; nil unless `start` runs from 0 to the number of spellings
    /// without decreasing and `text` and `mentions` have one entry per spelling.
    public init?(start: [Int], text: StringColumn, mentions: [Int]) {
        guard text.count == mentions.count, start.first == 0, start.last == mentions.count, nondecreasing(start)
        else { return nil }
        self.start = start
        self.text = text
        self.mentions = mentions
    }

    public var startIndex: Int { 0 }
    public var endIndex: Int { start.count - 1 }

    public subscript(i: Int) -> [AuthorTable.Spelling] {
        (start[i]..<start[i + 1]).map { AuthorTable.Spelling(text: text[$0], mentions: mentions[$0]) }
    }

    /// The preferred spelling of author `i` (the first), or "".
    public func first(of i: Int) -> String { start[i] < start[i + 1] ? text[start[i]] : "" }
}

/// Whether no element is smaller than the one before it.
func nondecreasing(_ a: [Int]) -> Bool {
    a.withUnsafeBufferPointer { o in
        var i = 1
        while i < o.count { if o[i] < o[i - 1] { return false }; i += 1 }
        return true
    }
}

/// Strings for some rows of a table (most rows have none): the rows that have one, ascending, and
/// their strings as a `StringColumn`. A million rows without a string cost nothing.
///
/// - Complexity: subscript O(log n) for n rows with a string; append amortised O(length).
public struct SparseStrings: Sendable, Equatable {
    /// The rows that have a string, ascending.
    public private(set) var rows: [Int32] = []
    /// Their strings, in the order of `rows`.
    public private(set) var strings = StringColumn()

    public init() {}

    /// From raw parts; nil unless `rows` ascend strictly and there is one string per row.
    public init?(rows: [Int32], strings: StringColumn) {
        guard rows.count == strings.count, zip(rows, rows.dropFirst()).allSatisfy({ $0 < $1 }) else { return nil }
        self.rows = rows
        self.strings = strings
    }

    /// The string of row `row`, or nil.
    public subscript(row row: Int) -> String? {
        var lo = 0, hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if Int(rows[mid]) < row { lo = mid + 1 } else { hi = mid }
        }
        return lo < rows.count && Int(rows[lo]) == row ? strings[lo] : nil
    }

    /// Gives row `row` the string `s`; rows must be given in ascending order (a lower or repeated
    /// row is ignored: the first string given a row stays).
    public mutating func append(row: Int, _ s: String) {
        guard rows.last.map({ Int($0) < row }) ?? true else { return }
        rows.append(Int32(row))
        strings.append(s)
    }
}
