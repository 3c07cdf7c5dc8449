import Foundation

/// A reader for the flat Parquet tables coauthor's Spark job writes (`Distributed/spark`), and for
/// any file restricted the same way; everything else is refused with a message that says what and
/// where (`FILE: column 'x': …`).
///
/// What it reads (Apache Parquet format 2.x, https://parquet.apache.org/docs/file-format/):
/// - the footer: `PAR1`, the FileMetaData struct in Thrift's compact protocol, its length (4 bytes,
///   little-endian), `PAR1`; unknown fields are skipped, so newer writers' extra metadata is fine;
/// - a flat schema: a root group whose children are leaf columns, REQUIRED or OPTIONAL (no
///   REPEATED, no nested groups), of physical type BOOLEAN, INT32, INT64, FLOAT, DOUBLE or
///   BYTE_ARRAY;
/// - column chunks UNCOMPRESSED, data pages v1 and v2, PLAIN values (booleans also RLE), definition levels in the
///   RLE/bit-packed hybrid (bit width 1); no dictionary pages (the job writes with
///   `parquet.enable.dictionary=false`).
///
/// - Complexity: O(file size) time; the file is read into memory once, values are copied out.
public struct ParquetTable: Sendable {
    public enum Values: Sendable, Equatable {
        case bool([Bool?])
        case int([Int64?])
        case double([Double?])
        case string([String?])
    }

    public struct Column: Sendable {
        public var name: String
        public var values: Values
    }

    public var rowCount: Int
    public var columns: [Column]
    private var index: [String: Int]

    public func column(_ name: String) -> Values? { index[name].map { columns[$0].values } }

    /// Reads one Parquet file.
    /// - Throws: `ParquetError` for a file that is not Parquet or uses a feature outside the subset.
    public init(path: String) throws(ParquetError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ParquetError(path: path, message: "cannot be read")
        }
        try self.init(bytes: [UInt8](data), path: path)
    }

    public init(bytes b: [UInt8], path: String) throws(ParquetError) {
        func fail(_ m: String) -> ParquetError { ParquetError(path: path, message: m) }
        let magic: [UInt8] = [0x50, 0x41, 0x52, 0x31]
        guard b.count >= 12, Array(b[0..<4]) == magic, Array(b[(b.count - 4)...]) == magic else {
            throw fail("not a Parquet file (no PAR1 magic at both ends)")
        }
        let footerLength = Int(UInt32(b[b.count - 8]) | UInt32(b[b.count - 7]) << 8 | UInt32(b[b.count - 6]) << 16 | UInt32(b[b.count - 5]) << 24)
        let footerStart = b.count - 8 - footerLength
        guard footerLength > 0, footerStart >= 4 else { throw fail("footer length \(footerLength) does not fit the file") }
        var meta: FileMetaData
        do {
            var r = ThriftReader(bytes: b, position: footerStart, end: b.count - 8)
            meta = try FileMetaData(&r)
        } catch {
            throw fail("unreadable footer: \(error.message)")
        }
        // Schema: the root, then its leaf children.
        guard let root = meta.schema.first else { throw fail("empty schema") }
        let leaves = Array(meta.schema.dropFirst())
        guard root.numChildren == leaves.count, leaves.allSatisfy({ $0.numChildren == 0 && $0.type != nil }) else {
            throw fail("nested schema (groups, lists or maps): coauthor reads flat tables only")
        }
        var columns: [Column] = []
        var index: [String: Int] = [:]
        for (i, leaf) in leaves.enumerated() {
            guard leaf.repetition != 2 else { throw fail("column '\(leaf.name)': REPEATED fields are not supported") }
            let values: Values
            switch leaf.type! {
            case 0: values = .bool([])
            case 1, 2: values = .int([])
            case 4, 5: values = .double([])
            case 6: values = .string([])
            default: throw fail("column '\(leaf.name)': physical type \(leaf.type!) is not supported")
            }
            index[leaf.name] = i
            columns.append(Column(name: leaf.name, values: values))
        }
        rowCount = Int(meta.numRows)
        for (g, group) in meta.rowGroups.enumerated() {
            guard group.columns.count == leaves.count else {
                throw fail("row group \(g) has \(group.columns.count) columns, the schema \(leaves.count)")
            }
            for (c, chunk) in group.columns.enumerated() {
                let leaf = leaves[c]
                let where_ = "column '\(leaf.name)', row group \(g)"
                guard chunk.codec == 0 else {
                    throw fail("\(where_): compression codec \(ParquetTable.codecName(chunk.codec)); coauthor reads uncompressed Parquet (write with compression=uncompressed)")
                }
                guard chunk.type == leaf.type else { throw fail("\(where_): physical type differs from the schema") }
                if chunk.dictionaryPageOffset != nil { throw fail("\(where_): dictionary encoding; write with parquet.enable.dictionary=false") }
                do {
                    try ParquetTable.readChunk(b, chunk: chunk, optional: leaf.repetition == 1, into: &columns[c].values)
                } catch {
                    throw fail("\(where_): \(error.message)")
                }
            }
        }
        for c in columns {
            let n: Int
            switch c.values {
            case .bool(let v): n = v.count
            case .int(let v): n = v.count
            case .double(let v): n = v.count
            case .string(let v): n = v.count
            }
            guard n == rowCount else { throw fail("column '\(c.name)' has \(n) values, the file \(rowCount) rows") }
        }
        self.columns = columns
        self.index = index
    }

    static func codecName(_ c: Int32) -> String {
        ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"].indices.contains(Int(c))
            ? ["UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"][Int(c)] : "#\(c)"
    }

    /// Reads the pages of one column chunk and appends its values.
    static func readChunk(_ b: [UInt8], chunk: ColumnMeta, optional: Bool, into values: inout Values) throws(DecodeError) {
        var position = Int(chunk.dataPageOffset)
        var remaining = chunk.numValues
        while remaining > 0 {
            guard position >= 0, position < b.count else { throw DecodeError("page offset \(position) outside the file") }
            var r = ThriftReader(bytes: b, position: position, end: b.count)
            let page = try PageHeader(&r)
            let start = r.position
            let end = start + Int(page.compressedSize)
            guard page.compressedSize >= 0, end <= b.count else { throw DecodeError("page runs past the end of the file") }
            guard page.compressedSize == page.uncompressedSize else { throw DecodeError("compressed page") }
            var count: Int
            var encoding: Int32 = 0
            var valueStart: Int
            var defined: [Bool]
            switch page.type {
            case 0:
                guard let h = page.v1 else { throw DecodeError("data page without its header") }
                guard h.encoding == 0 || (h.encoding == 3 && chunk.type == 0) else {
                    throw DecodeError("value encoding \(h.encoding) (only PLAIN, and RLE for booleans, is read)")
                }
                encoding = h.encoding
                count = Int(h.numValues)
                valueStart = start
                if optional {
                    guard h.definitionLevelEncoding == 3 else { throw DecodeError("definition levels not RLE-encoded") }
                    guard start + 4 <= end else { throw DecodeError("truncated definition levels") }
                    let length = Int(b[start]) | Int(b[start + 1]) << 8 | Int(b[start + 2]) << 16 | Int(b[start + 3]) << 24
                    guard start + 4 + length <= end else { throw DecodeError("definition levels run past the page") }
                    defined = try hybridBits(b, start + 4, start + 4 + length, count: count)
                    valueStart = start + 4 + length
                } else {
                    defined = []
                }
            case 3:
                guard let h = page.v2 else { throw DecodeError("data page v2 without its header") }
                guard h.encoding == 0 || (h.encoding == 3 && chunk.type == 0) else {
                    throw DecodeError("value encoding \(h.encoding) (only PLAIN, and RLE for booleans, is read)")
                }
                encoding = h.encoding
                guard h.repetitionLength == 0 else { throw DecodeError("repetition levels in a flat column") }
                count = Int(h.numValues)
                let levelsEnd = start + Int(h.definitionLength)
                guard levelsEnd <= end else { throw DecodeError("definition levels run past the page") }
                defined = optional ? try hybridBits(b, start, levelsEnd, count: count) : []
                valueStart = levelsEnd
            case 2:
                throw DecodeError("dictionary page; write with parquet.enable.dictionary=false")
            default:
                position = end
                continue
            }
            guard count > 0, Int64(count) <= remaining else { throw DecodeError("page value count \(count) does not fit the chunk") }
            let present = optional ? defined.reduce(0) { $0 + ($1 ? 1 : 0) } : count
            var p = valueStart
            var k = 0
            func isDefined(_ i: Int) -> Bool { !optional || defined[i] }
            switch values {
            case .int(var out):
                let width = chunk.type == 1 ? 4 : 8
                guard p + present * width <= end else { throw DecodeError("values run past the page") }
                for i in 0..<count {
                    guard isDefined(i) else { out.append(nil); continue }
                    var x: UInt64 = 0
                    for j in 0..<width { x |= UInt64(b[p + j]) << (8 * UInt64(j)) }
                    out.append(width == 4 ? Int64(Int32(truncatingIfNeeded: x)) : Int64(bitPattern: x))
                    p += width
                }
                values = .int(out)
            case .double(var out):
                let width = chunk.type == 4 ? 4 : 8
                guard p + present * width <= end else { throw DecodeError("values run past the page") }
                for i in 0..<count {
                    guard isDefined(i) else { out.append(nil); continue }
                    var x: UInt64 = 0
                    for j in 0..<width { x |= UInt64(b[p + j]) << (8 * UInt64(j)) }
                    out.append(width == 4 ? Double(Float(bitPattern: UInt32(truncatingIfNeeded: x))) : Double(bitPattern: x))
                    p += width
                }
                values = .double(out)
            case .bool(var out):
                var bits: [Bool]
                if encoding == 3 {
                    // RLE: a 4-byte length, then the hybrid encoding of bit width 1.
                    guard p + 4 <= end else { throw DecodeError("values run past the page") }
                    let length = Int(b[p]) | Int(b[p + 1]) << 8 | Int(b[p + 2]) << 16 | Int(b[p + 3]) << 24
                    guard p + 4 + length <= end else { throw DecodeError("values run past the page") }
                    bits = try hybridBits(b, p + 4, p + 4 + length, count: present)
                } else {
                    guard p + (present + 7) / 8 <= end else { throw DecodeError("values run past the page") }
                    bits = (0..<present).map { b[p + $0 / 8] >> UInt8($0 % 8) & 1 == 1 }
                }
                for i in 0..<count {
                    guard isDefined(i) else { out.append(nil); continue }
                    out.append(bits[k])
                    k += 1
                }
                values = .bool(out)
            case .string(var out):
                for i in 0..<count {
                    guard isDefined(i) else { out.append(nil); continue }
                    guard p + 4 <= end else { throw DecodeError("values run past the page") }
                    let n = Int(b[p]) | Int(b[p + 1]) << 8 | Int(b[p + 2]) << 16 | Int(b[p + 3]) << 24
                    guard n >= 0, p + 4 + n <= end else { throw DecodeError("a string runs past the page") }
                    guard let s = String(validating: b[(p + 4)..<(p + 4 + n)], as: UTF8.self) else {
                        throw DecodeError("a string is not valid UTF-8")
                    }
                    out.append(s)
                    p += 4 + n
                }
                values = .string(out)
            }
            remaining -= Int64(count)
            position = end
        }
    }

    /// `count` definition levels of bit width 1 from the RLE/bit-packed hybrid encoding.
    static func hybridBits(_ b: [UInt8], _ start: Int, _ end: Int, count: Int) throws(DecodeError) -> [Bool] {
        var out: [Bool] = []
        out.reserveCapacity(count)
        var p = start
        while out.count < count {
            var header = 0, shift = 0
            while true {
                guard p < end, shift < 63 else { throw DecodeError("truncated definition levels") }
                let byte = b[p]; p += 1
                header |= Int(byte & 0x7F) << shift
                shift += 7
                if byte & 0x80 == 0 { break }
            }
            if header & 1 == 0 {
                let run = header >> 1
                guard p < end else { throw DecodeError("truncated definition levels") }
                let v = b[p] & 1 == 1
                p += 1
                out.append(contentsOf: repeatElement(v, count: min(run, count - out.count)))
            } else {
                let values = (header >> 1) * 8
                guard p + values / 8 <= end else { throw DecodeError("truncated definition levels") }
                for i in 0..<values where out.count < count { out.append(b[p + i / 8] >> UInt8(i % 8) & 1 == 1) }
                p += values / 8
            }
        }
        return out
    }
}

/// A Parquet file coauthor cannot read, and why.
public struct ParquetError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String
    public var description: String { "\(path): \(message)" }
}

struct DecodeError: Error {
    var message: String
    init(_ m: String) { message = m }
}

// MARK: - Thrift compact protocol (the parts the footer and page headers use)

struct ThriftReader {
    let bytes: [UInt8]
    var position: Int
    let end: Int

    mutating func byte() throws(DecodeError) -> UInt8 {
        guard position < end else { throw DecodeError("Thrift data ends early") }
        defer { position += 1 }
        return bytes[position]
    }

    mutating func varint() throws(DecodeError) -> UInt64 {
        var x: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw DecodeError("varint too long") }
            x |= UInt64(b & 0x7F) << shift
            if b & 0x80 == 0 { return x }
            shift += 7
        }
    }

    mutating func zigzag() throws(DecodeError) -> Int64 {
        let u = try varint()
        return Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1)))
    }

    mutating func binary() throws(DecodeError) -> [UInt8] {
        let n = Int(try varint())
        guard n >= 0, position + n <= end else { throw DecodeError("Thrift string runs past its end") }
        defer { position += n }
        return Array(bytes[position..<(position + n)])
    }

    mutating func string() throws(DecodeError) -> String { String(decoding: try binary(), as: UTF8.self) }

    /// The next field of a struct: its id and compact type, or nil at the struct's end.
    mutating func field(last: inout Int16) throws(DecodeError) -> (id: Int16, type: UInt8)? {
        let h = try byte()
        if h == 0 { return nil }
        let delta = Int16(h >> 4)
        let id = delta != 0 ? last + delta : Int16(truncatingIfNeeded: try zigzag())
        last = id
        return (id, h & 0x0F)
    }

    mutating func listHeader() throws(DecodeError) -> (count: Int, type: UInt8) {
        let h = try byte()
        let short = Int(h >> 4)
        let n = short == 15 ? Int(try varint()) : short
        guard n >= 0, n <= end - position + 1 else { throw DecodeError("Thrift list too long") }
        return (n, h & 0x0F)
    }

    /// Skips a value of compact type `t`.
    mutating func skip(_ t: UInt8, depth: Int = 0) throws(DecodeError) {
        guard depth < 32 else { throw DecodeError("Thrift nesting too deep") }
        switch t {
        case 1, 2: return                       // booleans live in the field header
        case 3: _ = try byte()
        case 4, 5, 6: _ = try varint()
        case 7: guard position + 8 <= end else { throw DecodeError("Thrift data ends early") }; position += 8
        case 8: _ = try binary()
        case 9, 10:
            let (n, et) = try listHeader()
            for _ in 0..<n { if et == 1 || et == 2 { _ = try byte() } else { try skip(et, depth: depth + 1) } }
        case 11:
            let n = Int(try varint())
            if n > 0 {
                let kv = try byte()
                for _ in 0..<n { try skip(kv >> 4, depth: depth + 1); try skip(kv & 0x0F, depth: depth + 1) }
            }
        case 12:
            var last: Int16 = 0
            while let f = try field(last: &last) { try skip(f.type, depth: depth + 1) }
        default: throw DecodeError("unknown Thrift type \(t)")
        }
    }

    mutating func i32() throws(DecodeError) -> Int32 { Int32(truncatingIfNeeded: try zigzag()) }
    mutating func i64() throws(DecodeError) -> Int64 { try zigzag() }

    mutating func list<T>(_ element: (inout ThriftReader) throws(DecodeError) -> T) throws(DecodeError) -> [T] {
        let (n, _) = try listHeader()
        var out: [T] = []
        for _ in 0..<n { out.append(try element(&self)) }
        return out
    }
}

struct SchemaElement {
    var type: Int32?
    var repetition: Int32 = 0
    var name = ""
    var numChildren: Int32 = 0

    init(_ r: inout ThriftReader) throws(DecodeError) {
        var last: Int16 = 0
        while let f = try r.field(last: &last) {
            switch (f.id, f.type) {
            case (1, 5): type = try r.i32()
            case (3, 5): repetition = try r.i32()
            case (4, 8): name = try r.string()
            case (5, 5): numChildren = try r.i32()
            default: try r.skip(f.type)
            }
        }
    }
}

struct ColumnMeta {
    var type: Int32 = -1
    var codec: Int32 = 0
    var numValues: Int64 = 0
    var dataPageOffset: Int64 = 0
    var dictionaryPageOffset: Int64?

    init(_ r: inout ThriftReader) throws(DecodeError) {
        var last: Int16 = 0
        while let f = try r.field(last: &last) {
            switch (f.id, f.type) {
            case (1, 5): type = try r.i32()
            case (4, 5): codec = try r.i32()
            case (5, 6): numValues = try r.i64()
            case (9, 6): dataPageOffset = try r.i64()
            case (11, 6): dictionaryPageOffset = try r.i64()
            default: try r.skip(f.type)
            }
        }
    }
}

struct RowGroup {
    var columns: [ColumnMeta] = []

    init(_ r: inout ThriftReader) throws(DecodeError) {
        var last: Int16 = 0
        while let f = try r.field(last: &last) {
            if f.id == 1 && f.type == 9 {
                columns = try r.list { (r: inout ThriftReader) throws(DecodeError) -> ColumnMeta in
                    var meta: ColumnMeta?
                    var l: Int16 = 0
                    while let g = try r.field(last: &l) {
                        if g.id == 1 && g.type == 8 {
                            if !(try r.binary()).isEmpty { throw DecodeError("column data in another file (file_path)") }
                        } else if g.id == 3 && g.type == 12 {
                            meta = try ColumnMeta(&r)
                        } else {
                            try r.skip(g.type)
                        }
                    }
                    guard let meta else { throw DecodeError("column chunk without metadata") }
                    return meta
                }
            } else {
                try r.skip(f.type)
            }
        }
    }
}

struct FileMetaData {
    var schema: [SchemaElement] = []
    var numRows: Int64 = 0
    var rowGroups: [RowGroup] = []

    init(_ r: inout ThriftReader) throws(DecodeError) {
        var last: Int16 = 0
        while let f = try r.field(last: &last) {
            switch (f.id, f.type) {
            case (2, 9): schema = try r.list { (r: inout ThriftReader) throws(DecodeError) in try SchemaElement(&r) }
            case (3, 6): numRows = try r.i64()
            case (4, 9): rowGroups = try r.list { (r: inout ThriftReader) throws(DecodeError) in try RowGroup(&r) }
            default: try r.skip(f.type)
            }
        }
    }
}

struct PageHeader {
    struct V1 { var numValues: Int32 = 0, encoding: Int32 = 0, definitionLevelEncoding: Int32 = 0 }
    struct V2 { var numValues: Int32 = 0, encoding: Int32 = 0, definitionLength: Int32 = 0, repetitionLength: Int32 = 0 }
    var type: Int32 = -1
    var uncompressedSize: Int32 = 0
    var compressedSize: Int32 = 0
    var v1: V1?
    var v2: V2?

    init(_ r: inout ThriftReader) throws(DecodeError) {
        var last: Int16 = 0
        while let f = try r.field(last: &last) {
            switch (f.id, f.type) {
            case (1, 5): type = try r.i32()
            case (2, 5): uncompressedSize = try r.i32()
            case (3, 5): compressedSize = try r.i32()
            case (5, 12):
                var h = V1()
                var l: Int16 = 0
                while let g = try r.field(last: &l) {
                    switch (g.id, g.type) {
                    case (1, 5): h.numValues = try r.i32()
                    case (2, 5): h.encoding = try r.i32()
                    case (3, 5): h.definitionLevelEncoding = try r.i32()
                    default: try r.skip(g.type)
                    }
                }
                v1 = h
            case (8, 12):
                var h = V2()
                var l: Int16 = 0
                var compressed = true
                while let g = try r.field(last: &l) {
                    switch (g.id, g.type) {
                    case (1, 5): h.numValues = try r.i32()
                    case (4, 5): h.encoding = try r.i32()
                    case (5, 5): h.definitionLength = try r.i32()
                    case (6, 5): h.repetitionLength = try r.i32()
                    case (7, 1): compressed = true
                    case (7, 2): compressed = false
                    default: try r.skip(g.type)
                    }
                }
                _ = compressed  // the chunk's codec is UNCOMPRESSED, so either flag reads the same bytes
                v2 = h
            default: try r.skip(f.type)
            }
        }
    }
}
