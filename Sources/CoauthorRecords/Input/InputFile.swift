import CoauthorModel
import CoauthorOutput
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Limits on what one input may make `coauthor` hold, so that an input larger than memory, an
/// endless stream (`/dev/zero`) or a decompression bomb stops with a clear error (exit 65) instead
/// of exhausting memory.
public struct InputLimits: Sendable, Equatable {
    /// The most bytes (after decompression) of one input read whole into memory (the formats that
    /// are not streamed, and any input whose format is known only from its whole content).
    public var maxDocumentBytes: Int
    /// The most bytes (after decompression) of one record (a line of JSON Lines, an XML record) of a
    /// streamed input.
    public var maxRecordBytes: Int

    public init(maxDocumentBytes: Int = InputLimits.defaultDocumentBytes, maxRecordBytes: Int = InputLimits.defaultRecordBytes) {
        self.maxDocumentBytes = maxDocumentBytes
        self.maxRecordBytes = maxRecordBytes
    }

    /// Half the machine's memory, at most 64 GiB.
    public static let defaultDocumentBytes: Int = {
        let half = ProcessInfo.processInfo.physicalMemory / 2
        return Int(min(half, UInt64(64) << 30))
    }()
    /// 256 MiB: far above any real record (all of DBLP's longest line is under 100 KB).
    public static let defaultRecordBytes = 256 << 20

    /// `12 MiB`, `3 GiB`, `800 KiB`, `17 bytes`: a limit as messages print it.
    public static func describe(_ bytes: Int) -> String {
        let units = [(1 << 30, "GiB"), (1 << 20, "MiB"), (1 << 10, "KiB")]
        for (size, unit) in units where bytes >= size {
            let v = Double(bytes) / Double(size)
            return v == v.rounded() ? "\(Int(v)) \(unit)" : String(format: "%.1f %@", v, unit)
        }
        return "\(bytes) bytes"
    }

    /// Parses `500`, `64K`, `256M`, `4G` (binary units, optional `B`/`iB`).
    public static func parseSize(_ text: String) -> Int? {
        var t = text.uppercased().trimmingCharacters(in: .whitespaces)
        if t.hasSuffix("IB") { t.removeLast(2) } else if t.hasSuffix("B") { t.removeLast() }
        var shift = 0
        if let last = t.last, let s = ["K": 10, "M": 20, "G": 30, "T": 40][String(last)] { shift = s; t.removeLast() }
        guard let v = Int(t), v > 0, v <= Int.max >> shift else { return nil }
        return v << shift
    }
}

/// One input opened once — a file, a named FIFO, a device, a process substitution (`<(cmd)`) or
/// standard input (`-`) — read as a stream of bytes, decompressed on the way when its first bytes
/// are those of gzip, zstd or bzip2 (whatever it is called).
///
/// The first bytes are read to tell the compression (and whether the input is a snapshot) and are
/// then handed out again: nothing is read twice and nothing is lost, so pipes and FIFOs work.
public final class InputFile {
    /// The name used in messages: the path as given, or `-`.
    public let name: String
    private let fd: Int32
    private let ownsDescriptor: Bool
    /// The size in bytes of a regular file (nil for pipes, FIFOs, devices, standard input on a terminal).
    public let regularSize: Int?
    /// The compression found by its magic bytes, or nil for plain bytes.
    public let compression: Compression?
    /// The input's first bytes as stored (before decompression): up to `probeBytes`.
    public let head: [UInt8]
    /// Bytes of the stored (compressed) input read so far.
    public private(set) var storedBytesRead = 0
    private var pending: [UInt8]
    private var pendingStart = 0
    private var decompressor: Decompressor?
    private var inBuffer: UnsafeMutableRawBufferPointer?
    private var inStart = 0, inEnd = 0
    private var storedEOF = false
    /// The descriptor said end of file (the bytes kept in `pending` may still be unread).
    private var descriptorEOF = false
    private var failed: DecompressionError?
    /// The stored bytes read so far, while `recording` (see `spool`).
    private var recorded: [UInt8] = []
    private var recording = false

    /// How many bytes are read to tell the compression and the kind of input.
    public static let probeBytes = 16

    /// Opens `path` (or standard input for `-`) once and reads its first bytes; `name` (default:
    /// `path`) is what messages call it. With `spoolable`, an input that cannot be opened again
    /// (standard input, a pipe, a FIFO) keeps the stored bytes it reads until `stopRecording` or
    /// `spool`.
    /// - Throws: `RecordError.unreadable` when it does not exist, cannot be opened, is a directory,
    ///   or (standard input) is closed.
    public init(path: String, name: String? = nil, spoolable: Bool = false) throws {
        self.name = name ?? path
        let fd: Int32
        if path == "-" {
            fd = STDIN_FILENO
            ownsDescriptor = false
        } else {
            let d = open(path, O_RDONLY | O_CLOEXEC)
            guard d >= 0 else { throw RecordError.unreadable(path: path, reason: InputFile.reason(errno)) }
            fd = d
            ownsDescriptor = true
        }
        self.fd = fd
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            let e = errno
            if ownsDescriptor { close(fd) }
            throw RecordError.unreadable(path: path, reason: path == "-" && e == EBADF ? "standard input is closed" : InputFile.reason(e))
        }
        // A standard input closed when the tool started is held by a write-only placeholder
        // (`CoauthorOutput.StandardStreams.reserve`): it is closed all the same.
        if path == "-", fcntl(fd, F_GETFL) & O_ACCMODE == O_WRONLY {
            throw RecordError.unreadable(path: path, reason: "standard input is closed")
        }
        let mode = st.st_mode & S_IFMT
        if mode == S_IFDIR {
            if ownsDescriptor { close(fd) }
            throw RecordError.unreadable(path: path, reason: path == "-" ? "standard input is a directory" : "is a directory")
        }
        regularSize = mode == S_IFREG ? max(0, Int(st.st_size)) : nil
        // The first bytes: enough to tell the compression (a pipe may hand them over in pieces).
        var first = [UInt8](repeating: 0, count: InputFile.probeBytes)
        var got = 0
        while got < first.count {
            let n = first.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + got, $0.count - got) }
            if n < 0 {
                if errno == EINTR { continue }
                let e = errno
                if ownsDescriptor { close(fd) }
                throw RecordError.unreadable(path: path, reason: path == "-" && e == EBADF ? "standard input is closed" : InputFile.reason(e))
            }
            if n == 0 { descriptorEOF = true; break }
            got += n
        }
        first.removeSubrange(got...)
        head = first
        // An input that cannot be opened again keeps its stored bytes until the format is known,
        // in case it must be spooled to a file (`spool`).
        if spoolable && (path == "-" || regularSize == nil) {
            recording = true
            recorded = first
        }
        storedBytesRead = got
        compression = first.withUnsafeBytes { Compression.sniff($0) }
        pending = first
        if let c = compression {
            do { decompressor = try Decompressor(c) } catch {
                if ownsDescriptor { close(fd) }
                throw RecordError.unreadable(path: path, reason: error.message)
            }
        }
    }

    deinit {
        if ownsDescriptor { close(fd) }
        inBuffer?.deallocate()
    }

    static func reason(_ e: Int32) -> String {
        switch e {
        case ENOENT: return "no such file or directory"
        case EACCES, EPERM: return "permission denied"
        case EISDIR: return "is a directory"
        default: return String(cString: strerror(e))
        }
    }

    /// True when the input is a regular file read as stored: it can be read whole with `pread`.
    var isPlainRegularFile: Bool { regularSize != nil && compression == nil }

    /// The descriptor, for reading a plain regular file whole (`SourceDocument.readFile`).
    var descriptor: Int32 { fd }

    /// Reads up to `out.count` bytes (decompressed when the input is compressed).
    /// - Returns: the bytes written; 0 only at the end of the input.
    /// - Throws: `InputDamage` when the compressed data is damaged or ends early (what was
    ///   returned before is good); `RecordError.unreadable` on a read error.
    public func read(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        guard !out.isEmpty else { return 0 }
        if let f = failed { throw InputDamage(message: f.message) }
        guard let d = decompressor else { return try readStored(into: out) }
        if inBuffer == nil { inBuffer = .allocate(byteCount: 1 << 18, alignment: 16) }
        let buffer = inBuffer!
        while true {
            if inStart == inEnd || (d.atBoundary && inEnd - inStart < 4 && !storedEOF) {
                // Refill (keeping a short tail that may be the start of another member's magic).
                if inStart > 0 {
                    let tail = inEnd - inStart
                    if tail > 0 { buffer.baseAddress!.copyMemory(from: buffer.baseAddress! + inStart, byteCount: tail) }
                    inStart = 0
                    inEnd = tail
                }
                if !storedEOF {
                    let n = try readStored(into: UnsafeMutableRawBufferPointer(rebasing: buffer[inEnd...]))
                    if n == 0 { storedEOF = true } else { inEnd += n }
                }
            }
            if inStart == inEnd && storedEOF {
                if d.atBoundary && d.members > 0 { return 0 }
                let what = d.members == 0 && d.atBoundary ? "no \(d.kind.rawValue) data after the header bytes"
                    : "the \(d.kind.rawValue) data ends early (truncated)"
                failed = DecompressionError(message: what)
                throw InputDamage(message: what)
            }
            let result = d.step(UnsafeRawBufferPointer(rebasing: buffer[inStart..<inEnd]), out)
            if let f = result.failure {
                // The bytes before the fault go out first; the fault comes with the next read.
                failed = f
                if result.produced > 0 { return result.produced }
                throw InputDamage(message: f.message)
            }
            inStart += result.consumed
            if result.produced > 0 { return result.produced }
            if result.consumed == 0 && storedEOF {
                // The library wants more than there is: a member cut short, or a magic prefix at the end.
                let what = d.atBoundary ? "trailing bytes after the last \(d.kind.rawValue) data are not \(d.kind.rawValue) data"
                    : "the \(d.kind.rawValue) data ends early (truncated)"
                failed = DecompressionError(message: what)
                throw InputDamage(message: what)
            }
        }
    }

    /// Reads the stored bytes: the first ones kept at open, then the descriptor's.
    private func readStored(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        if pendingStart < pending.count {
            let n = min(out.count, pending.count - pendingStart)
            pending.withUnsafeBytes { out.baseAddress!.copyMemory(from: $0.baseAddress! + pendingStart, byteCount: n) }
            pendingStart += n
            if pendingStart == pending.count { pending = []; pendingStart = 0 }
            return n
        }
        if descriptorEOF { return 0 }
        let n = try readDescriptor(into: out)
        storedBytesRead += n
        if n == 0 { descriptorEOF = true }
        if recording, n > 0 { recorded.append(contentsOf: UnsafeRawBufferPointer(rebasing: out[0..<n])) }
        return n
    }

    /// One `read` of the descriptor (retried on EINTR): the bytes read, 0 at its end.
    fileprivate func readDescriptor(into out: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = Glibc.read(fd, out.baseAddress!, out.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw RecordError.unreadable(path: name, reason: InputFile.reason(errno))
        }
    }
}

extension InputFile {
    /// Stops keeping the stored bytes read (the input will not be spooled).
    func stopRecording() {
        recording = false
        recorded = []
    }

    /// Copies the whole input as stored (compressed or not: what came through the descriptor, from
    /// its first byte, not decompressed, so that a decompression bomb takes no more room on disk
    /// than it came in) to a temporary file in `$TMPDIR` (else `/tmp`), for an input that must be
    /// read twice but cannot be opened twice: BibTeX from standard input, a pipe or a FIFO. The file
    /// is made by `mkstemp` (mode 0600, a fresh name) and unlinked at once, so that it is gone
    /// however the run ends; it is read through `/proc/self/fd` while the spool is held.
    /// At most `limit` bytes are spooled (an endless stream must not fill the disk).
    /// - Returns: nil when this input kept no record of its bytes, or when the system cannot reopen
    ///   an unlinked file (no `/proc`); the caller then reads it whole as before.
    /// - Throws: `RecordError.unreadable` when the temporary file cannot be made or written,
    ///   `.malformed` when the input is longer than `limit`.
    func spool(limit: Int) throws -> InputSpool? {
        guard recording, access("/proc/self/fd", F_OK) == 0 else { return nil }
        let dir = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(dir)/coauthor-input-XXXXXX".utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else {
            throw RecordError.unreadable(path: name, reason: "cannot make a temporary file in \(dir) to spool it to: \(InputFile.reason(errno))")
        }
        let path = template.withUnsafeBufferPointer { String(cString: $0.baseAddress!) }
        unlink(path)
        let spool = InputSpool(fd: fd)
        func fail(_ e: Int32) -> RecordError {
            RecordError.unreadable(path: name, reason: "cannot spool it to a temporary file in \(dir): \(InputFile.reason(e))")
        }
        var total = 0
        func write(_ bytes: UnsafeRawBufferPointer) throws {
            total += bytes.count
            if total > limit {
                throw RecordError.malformed(SourceLocation(file: name, line: 1),
                                            "the input is larger than \(InputLimits.describe(limit)) as it came, the most spooled to a "
                                            + "temporary file (--max-input-size; BibTeX that cannot be opened twice is spooled)")
            }
            let e = writeAll(fd, bytes)
            if e != 0 { throw fail(e) }
        }
        try recorded.withUnsafeBytes { try write($0) }
        stopRecording()
        if !descriptorEOF {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
            defer { buffer.deallocate() }
            while true {
                let n = try readDescriptor(into: buffer)
                if n == 0 { break }
                try write(UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            }
            descriptorEOF = true
        }
        return spool
    }
}

/// A temporary file holding a spooled input (`InputFile.spool`), already unlinked: it lasts while
/// this is held, and each `open` reads it from the start.
final class InputSpool: @unchecked Sendable {
    private let fd: Int32
    /// A path that opens the file again (its own offset), while this is held.
    let path: String

    init(fd: Int32) {
        self.fd = fd
        path = "/proc/self/fd/\(fd)"
    }

    deinit { close(fd) }

    /// The spooled bytes as an input called `name` in messages.
    func open(name: String) throws -> InputFile { try InputFile(path: path, name: name) }
}

/// Compressed data that is damaged or ends early; what was read before it is good.
public struct InputDamage: Error, Sendable {
    public let message: String
}
