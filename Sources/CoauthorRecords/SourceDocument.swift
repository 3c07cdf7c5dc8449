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
    private var lineStartsCache: [Int]?
    private var textCache: String?

    /// Wraps bytes after checking they are UTF-8.
    /// - Throws: `RecordError.invalidUTF8` at the first bad byte.
    public init(name: String, bytes: [UInt8]) throws {
        self.name = name
        var b = bytes
        if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { b.removeFirst(3) }
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

    /// Reads a file, or standard input for `-`.
    public static func load(path: String) throws -> SourceDocument {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
                throw RecordError.unreadable(path: path, reason: "no such file or directory")
            }
            if isDir.boolValue { throw RecordError.unreadable(path: path, reason: "is a directory") }
            // Straight into the byte array: no `Data` copy beside it (a 400 MB input would
            // otherwise be held twice while it is converted).
            guard let bytes = readFile(path) else {
                throw RecordError.unreadable(path: path, reason: "permission denied or read error")
            }
            return try SourceDocument(name: path, bytes: bytes)
        }
        return try SourceDocument(name: path, bytes: [UInt8](data))
    }

    /// The whole file read with POSIX `read` into one array; nil when it cannot be read.
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        var out = [UInt8]()
        var capacity = max(Int(st.st_size), 0) + 1   // + 1: end of file is seen without growing
        while true {
            var failed = false
            let start = out.count
            out.reserveCapacity(capacity)
            let room = capacity - start
            out.append(contentsOf: repeatElement(0, count: room))
            let got = out.withUnsafeMutableBytes { raw -> Int in
                var done = 0
                while done < room {
                    let n = read(fd, raw.baseAddress! + start + done, room - done)
                    if n < 0 { if errno == EINTR { continue }; failed = true; return done }
                    if n == 0 { break }
                    done += n
                }
                return done
            }
            out.removeLast(room - got)
            if failed { return nil }
            if got < room { return out }      // end of file
            capacity *= 2                     // the file grew while being read
        }
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

    /// The 1-based line of a byte offset.
    public func line(at offset: Int) -> Int {
        let starts = lineStarts
        var lo = 0, hi = starts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if starts[mid] <= offset { lo = mid } else { hi = mid - 1 }
        }
        return lo + 1
    }

    /// `FILE:LINE:COLUMN` of a byte offset; the column counts characters (Unicode scalars), from 1.
    public func location(at offset: Int, withColumn: Bool = true) -> SourceLocation {
        let line = line(at: offset)
        guard withColumn else { return SourceLocation(file: name, line: line) }
        let start = lineStarts[line - 1]
        var col = 1
        var i = start
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] & 0xC0 != 0x80 { col += 1 }
            i += 1
        }
        return SourceLocation(file: name, line: line, column: col)
    }

    /// Offset of the first byte that breaks UTF-8, or nil.
    static func firstInvalidUTF8(_ b: [UInt8]) -> Int? {
        return b.withUnsafeBufferPointer { p -> Int? in
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
}
