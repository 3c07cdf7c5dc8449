import CoauthorModel
import CoauthorParallel
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The whole content of one input (a file or standard input), validated as UTF-8.
///
/// A leading byte-order mark is removed. Readers work either on `bytes` (fast scanners) or on
/// `text`, and turn byte offsets into `FILE:LINE:COLUMN` with `location(at:)`.
public final class SourceDocument: @unchecked Sendable {
    /// The name used in messages: the path as given, or `-` for standard input.
    public let name: String
    /// UTF-8 bytes without a byte-order mark.
    public let bytes: [UInt8]
    @exclusivity(unchecked) private var lineStartsCache: [Int]?
    @exclusivity(unchecked) private var textCache: String?

    /// The line of the input this document's first line is (1 unless the document is a piece of
    /// a longer input read in pieces).
    public let firstLine: Int
    /// True when the document is one of the pieces of a longer input, cut at record boundaries
    /// (`InputPieces`): a reader reads it as it reads the whole.
    public let isPiece: Bool
    /// Which piece of its input this is, from 0 (0 for a whole document). A reader that carries
    /// state from piece to piece of one input (a CSV header, a row count) starts afresh at 0.
    public let pieceIndex: Int
    /// How many of the last bytes are the start of the next piece, there to be seen and not read
    /// (BibTeX: the next entry's `@type{`, which ends what comes before it); 0 for the last piece
    /// and for a whole document.
    public let overlap: Int

    /// Wraps bytes after checking they are UTF-8.
    /// - Throws: `RecordError.invalidUTF8` at the first bad byte.
    public init(name: String, bytes: [UInt8], firstLine: Int = 1, isPiece: Bool = false, pieceIndex: Int = 0,
                overlap: Int = 0) throws {
        self.name = name
        self.firstLine = firstLine
        self.isPiece = isPiece
        self.pieceIndex = pieceIndex
        self.overlap = overlap
        var b = bytes
        if firstLine == 1, pieceIndex == 0, b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { b.removeFirst(3) }
        self.bytes = b
        if let bad = SourceDocument.firstInvalidUTF8(b) {
            throw RecordError.invalidUTF8(location(at: bad))
        }
    }

    /// Convenience for tests and in-memory inputs.
    public convenience init(name: String, text: String) {
        // A Swift String is always valid UTF-8.
        try! self.init(name: name, bytes: Array(text.utf8))
    }

    /// Reads a file, a FIFO, a device or standard input (`-`) whole, decompressed when it is gzip,
    /// zstd or bzip2 (`InputFile`), within `limits.maxDocumentBytes`.
    /// - Throws: `RecordError.unreadable` when it cannot be opened or read; `.malformed` when it is
    ///   larger than the limit or its compressed data is damaged.
    public static func load(path: String, limits: InputLimits = InputLimits()) throws -> SourceDocument {
        let input = try InputFile(path: path)
        let whole = try readWhole(input, limits: limits)
        if let damage = whole.damage {
            let doc = try SourceDocument(name: path, bytes: whole.bytes)
            throw RecordError.malformed(doc.endLocation, damage.describe(input))
        }
        return try SourceDocument(name: path, bytes: whole.bytes)
    }

    /// The rest of `input` after `prefix` (bytes already read from it), within `limits`: a plain
    /// regular file in one read of its size (on two threads from 32 MiB), anything else as it comes.
    /// When compressed data is damaged, the bytes before the damage up to the end of their last
    /// line come back with the damage.
    static func readWhole(_ input: InputFile, prefix: [UInt8] = [], limits: InputLimits) throws -> (bytes: [UInt8], damage: InputDamage?) {
        if prefix.isEmpty, input.isPlainRegularFile, let size = input.regularSize {
            if size > limits.maxDocumentBytes { throw tooLarge(input.name, limits) }
            guard lseek(input.descriptor, 0, SEEK_SET) == 0, let bytes = readFile(input.descriptor, limit: limits.maxDocumentBytes) else {
                throw RecordError.unreadable(path: input.name, reason: "read error")
            }
            if bytes.count > limits.maxDocumentBytes { throw tooLarge(input.name, limits) }
            return (bytes, nil)
        }
        // Grown by doubling (each byte zero-filled once), filled as the input comes.
        var out = prefix
        var count = prefix.count
        let first = max(prefix.count * 2, min(input.regularSize.map { $0 + 1 } ?? 1 << 16, limits.maxDocumentBytes + 1), 1 << 16)
        out.append(contentsOf: repeatElement(0, count: first - out.count))
        while true {
            if count == out.count {
                if count > limits.maxDocumentBytes { throw tooLarge(input.name, limits) }
                out.append(contentsOf: repeatElement(0, count: min(out.count, limits.maxDocumentBytes + 1 - out.count + 1)))
            }
            var damage: InputDamage?
            var n = 0
            var readError: Error?
            out.withUnsafeMutableBytes { raw in
                do { n = try input.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[count...])) }
                catch let d as InputDamage { damage = d }
                catch { readError = error }
            }
            count += n
            if let readError { throw readError }
            if let damage {
                out.removeSubrange(count...)
                if let nl = out.lastIndex(of: 0x0A) { out.removeSubrange((nl + 1)...) } else { out = [] }
                return (out, damage)
            }
            if n == 0 {
                out.removeSubrange(count...)
                return (out, nil)
            }
            if count > limits.maxDocumentBytes { throw tooLarge(input.name, limits) }
        }
    }

    static func tooLarge(_ name: String, _ limits: InputLimits) -> RecordError {
        .malformed(SourceLocation(file: name, line: 1),
                   "the input is larger than \(InputLimits.describe(limits.maxDocumentBytes)) (after decompression), the most read whole "
                   + "(--max-input-size; its format is not read in pieces)")
    }

    /// The location just after the last byte.
    var endLocation: SourceLocation {
        location(at: bytes.count, withColumn: false)
    }

    /// The whole file read with POSIX `read` into one array; nil when it cannot be read.
    ///
    /// The array is not zero-filled first: `read` writes into fresh capacity, so each page is
    /// touched once instead of twice. A file of 32 MiB or more is read as two halves on two
    /// threads (`pread`): the time goes on the kernel's page faults for the fresh capacity, which
    /// two cores take in parallel (on the 390 MB DBLP file 0.24 s → 0.1 s before parsing starts).
    static func readFile(_ fd: Int32, limit: Int) -> [UInt8]? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        let size = max(Int(st.st_size), 0)
        var out = [UInt8]()
        var capacity = size + 1   // + 1: end of file is seen without growing
        var failed = false
        while true {
            var endOfFile = false
            let start = out.count
            let room = capacity - start
            // A new array of the larger capacity: what was read so far, then up to `room` more.
            let previous = out
            out = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                let base = buffer.baseAddress!
                previous.withUnsafeBufferPointer { p in
                    if let b = p.baseAddress { base.initialize(from: b, count: p.count) }
                }
                var done = 0
                if start == 0 && size >= 1 << 25 {
                    // The file's size as `fstat` saw it, in two halves; a short half means the
                    // file shrank: then only what was read contiguously from the start counts.
                    let halves = [0..<size / 2, size / 2..<size]
                    let shared = SharedStorage(base)
                    @Sendable func half(_ h: Int) -> Int {
                        readFully(fd, into: UnsafeMutableRawPointer(shared.base + halves[h].lowerBound),
                                  count: halves[h].count, at: halves[h].lowerBound)
                    }
                    let got = both(parallel: true, { half(0) }, { half(1) })
                    if got.0 < 0 || got.1 < 0 { failed = true; count = 0; return }
                    done = got.0 < halves[0].count ? got.0 : halves[0].count + got.1
                    if done < size { endOfFile = true; count = done; return }
                    if lseek(fd, off_t(size), SEEK_SET) < 0 { failed = true; count = 0; return }
                }
                while done < room {
                    let n = read(fd, base + start + done, room - done)
                    if n < 0 { if errno == EINTR { continue }; failed = true; break }
                    if n == 0 { endOfFile = true; break }
                    done += n
                }
                count = start + done
            }
            if failed { return nil }
            if endOfFile { return out }
            if out.count > limit { return out }   // the caller says it is too large
            capacity *= 2                     // the file grew while being read
        }
    }

    /// The array being filled and each half's result, written by the two threads at disjoint places.
    /// `count` bytes of `fd` from `offset` on (fewer at its end); -1 on a read error.
    private static func readFully(_ fd: Int32, into target: UnsafeMutableRawPointer, count: Int, at offset: Int) -> Int {
        var done = 0
        while done < count {
            let n = pread(fd, target + done, count - done, off_t(offset + done))
            if n < 0 { if errno == EINTR { continue }; return -1 }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// The document as a Swift string.
    public var text: String {
        if let t = textCache { return t }
        let t = String(decoding: bytes, as: UTF8.self)
        textCache = t
        return t
    }

    /// Byte offsets where each line starts (line 1 starts at 0).
    public var lineStarts: [Int] {
        if let l = lineStartsCache { return l }
        var starts = [0]
        starts.reserveCapacity(bytes.count / 40 + 1)
        for (i, c) in bytes.enumerated() where c == 0x0A { starts.append(i + 1) }
        lineStartsCache = starts
        return starts
    }

    /// The 1-based line of a byte offset (in the whole input: `firstLine` for the first).
    public func line(at offset: Int) -> Int {
        let starts = lineStarts
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + firstLine
    }

    /// `FILE:LINE:COLUMN` of a byte offset; the column counts characters (Unicode scalars), from 1.
    public func location(at offset: Int, withColumn: Bool = true) -> SourceLocation {
        let line = line(at: offset)
        guard withColumn else { return SourceLocation(file: name, line: line) }
        return SourceLocation(file: name, line: line, column: column(at: offset, lineStart: lineStarts[line - firstLine]))
    }

    /// The column of a byte offset on the line starting at `lineStart`: Unicode scalars from 1 (the
    /// one count behind every `FILE:LINE:COLUMN`, here and in `XMLInput`).
    func column(at offset: Int, lineStart: Int) -> Int {
        var col = 1
        var i = lineStart
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return col
    }

    /// Offset of the first byte that breaks UTF-8, or nil.
    ///
    /// From 32 MiB on the bytes are checked as two pieces on two threads, cut at the first byte at
    /// or after the middle that is not a continuation byte: every sequence that starts before the
    /// cut ends before it, so the first bad byte is the first piece's, else the second's — the
    /// offset a single scan finds.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        b.withUnsafeBufferPointer { p -> Int? in
            guard p.count >= 1 << 25 else { return firstInvalidUTF8(p) }
            var cut = p.count / 2
            while cut < p.count && p[cut] & 0xC0 == 0x80 { cut += 1 }
            let halves = [0..<cut, cut..<p.count]
            let shared = SharedStorage(UnsafeMutablePointer(mutating: p.baseAddress!))
            @Sendable func half(_ h: Int) -> Int {
                let piece = UnsafeBufferPointer(start: shared.base + halves[h].lowerBound, count: halves[h].count)
                return firstInvalidUTF8(piece).map { $0 + halves[h].lowerBound } ?? -1
            }
            let found = both(parallel: true, { half(0) }, { half(1) })
            return found.0 >= 0 ? found.0 : found.1 >= 0 ? found.1 : nil
        }
    }

    /// The offset of the first byte of `p` that breaks UTF-8 (a single scan), or nil.
    static func firstInvalidUTF8(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
        let n = p.count
        var i = 0
        let raw = UnsafeRawBufferPointer(p)
        while i < n {
            // Eight ASCII bytes at a time (no byte with its high bit set).
            while i + 8 <= n, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
            if i >= n { break }
            let c = p[i]
            if c < 0x80 { i += 1; continue }
            let len: Int
            var minCode: UInt32
            var code: UInt32
            if c & 0xE0 == 0xC0 { len = 2; code = UInt32(c & 0x1F); minCode = 0x80 }
            else if c & 0xF0 == 0xE0 { len = 3; code = UInt32(c & 0x0F); minCode = 0x800 }
            else if c & 0xF8 == 0xF0 { len = 4; code = UInt32(c & 0x07); minCode = 0x10000 }
            else { return i }
            if i + len > n { return i }
            for k in 1..<len {
                let cc = p[i + k]
                if cc & 0xC0 != 0x80 { return i }
                code = (code << 6) | UInt32(cc & 0x3F)
            }
            if code < minCode || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF) { return i }
            i += len
        }
        return nil
    }
}
