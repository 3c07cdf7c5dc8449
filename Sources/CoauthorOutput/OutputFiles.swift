#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why an output cannot be written. The description is `PATH: what is wrong` (`-` reads
/// "standard output").
public enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The path cannot be written (folder missing, no permission, full disk, a directory, a
    /// block device, a broken pipe…): exit 73.
    case cannotWrite(path: String, reason: String)
    /// The path is a file this run reads (`-o` naming an input): exit 64.
    case namesInput(path: String)

    public var description: String {
        switch self {
        case let .cannotWrite(p, r): return "\(OutputError.display(p)): cannot write: \(r)"
        case let .namesInput(p): return "\(OutputError.display(p)): is an input of this run; refusing to overwrite it"
        }
    }

    /// The exit status (sysexits.h): 73 cannot create, 64 usage.
    public var exitCode: Int32 {
        switch self {
        case .cannotWrite: return 73
        case .namesInput: return 64
        }
    }

    static func display(_ path: String) -> String { path == "-" ? "standard output" : path }

    /// A failed `write` (standard output closed when the program started reads "it is closed").
    static func writeFailed(_ path: String, _ code: Int32) -> OutputError {
        .cannotWrite(path: path, reason: path == "-" && code == EBADF ? "it is closed" : reason(code))
    }

    /// `strerror` in lower case ("no space left on device").
    public static func reason(_ code: Int32) -> String {
        let s = String(cString: strerror(code))
        guard let first = s.first else { return "error \(code)" }
        return first.lowercased() + s.dropFirst()
    }
}

/// Writes all of `raw` to `fd` (retrying short writes and EINTR); returns 0 or the errno.
/// - Parameter progress: called with the share written (0…1), at most every 16 MiB.
package func writeAll(_ fd: Int32, _ raw: UnsafeRawBufferPointer, progress: ((Double) -> Void)? = nil) -> Int32 {
    var done = 0
    while done < raw.count {
        let n = write(fd, raw.baseAddress! + done, min(raw.count - done, 1 << 24))
        if n < 0 {
            if errno == EINTR { continue }
            return errno
        }
        if n == 0 { return EIO }
        done += n
        progress?(Double(done) / Double(raw.count))
    }
    return 0
}

/// A buffered UTF-8 text sink: into a file descriptor (flushed every 1 MiB) or into memory.
///
/// Writers call `write` without `try`; the first I/O error is kept and thrown by `finish()`, and
/// nothing more is written after it.
public final class TextSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private var error: Int32 = 0
    private let path: String
    /// Everything written, for an in-memory sink.
    public private(set) var bytes: [UInt8] = []

    /// An in-memory sink (tests, small outputs).
    public init() {
        fd = -1
        path = ""
        buffer.reserveCapacity(1 << 16)
    }

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer.reserveCapacity(1 << 20)
    }

    /// The text written so far (in-memory sinks).
    public var text: String { String(decoding: bytes + buffer, as: UTF8.self) }

    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if fd >= 0 && buffer.count >= 1 << 20 { drain() }
    }

    /// Raw bytes; a large block goes straight to the descriptor (no copy into the buffer).
    public func write(bytes block: [UInt8], progress: ((Double) -> Void)? = nil) {
        guard fd >= 0, block.count >= 1 << 20 else {
            buffer.append(contentsOf: block)
            if fd >= 0 && buffer.count >= 1 << 20 { drain() }
            return
        }
        drain()
        guard error == 0 else { return }
        error = block.withUnsafeBytes { writeAll(fd, $0, progress: progress) }
    }

    private func drain() {
        guard fd >= 0 else {
            bytes.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        if error == 0 { error = buffer.withUnsafeBytes { writeAll(fd, $0) } }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; throws the first error seen.
    public func finish() throws(OutputError) {
        drain()
        if error != 0 { throw .writeFailed(path, error) }
    }

    /// For in-memory sinks: moves the buffer into `bytes`.
    public func close() { drain() }
}

/// One file of an output: where it goes and how to render it.
public struct PlannedFile {
    public var path: String
    public var render: (TextSink) -> Void

    public init(path: String, render: @escaping (TextSink) -> Void) {
        self.path = path
        self.render = render
    }
}

/// The one way `coauthor` writes its outputs (results, exports, snapshots, drawings).
///
/// - A regular file (or a new one) is written to a temporary file in its folder
///   (`.NAME.tmp-PID-N`), flushed to disk and renamed over the target only when every file of the
///   set is complete: a failed or interrupted run never leaves a half-written file and the old
///   file stays as it was. The new file keeps the old one's permission bits.
/// - An existing character device or FIFO (`/dev/null`, `/dev/stdout`, a named pipe) is written
///   into, as `cp` does; it is never replaced by a regular file.
/// - A symbolic link is followed: the file it names is replaced, the link stays. A link to nothing
///   is refused (as `cp` refuses it).
/// - A directory, a block device or a socket is refused, and so is a file this run reads
///   (`ProtectedInputs`).
/// - Every write error (full disk, broken pipe, closed descriptor) is an `OutputError` naming the
///   path; temporary files are removed on error and on SIGINT/SIGTERM/SIGHUP (`Interrupts`).
public enum AtomicFiles {
    /// Where one target's bytes go.
    enum Destination {
        /// A temporary file renamed over `target` (regular or missing), keeping `mode` if it existed.
        case replace(target: String, mode: mode_t?)
        /// Written into an existing character device or FIFO.
        case stream(target: String)
    }

    /// How `path` is to be written; throws for what must not be written at all.
    static func destination(_ path: String) throws(OutputError) -> Destination {
        if path.isEmpty { throw .cannotWrite(path: path, reason: "empty file name") }
        var st = stat()
        if lstat(path, &st) != 0 {
            if errno == ENOENT { return .replace(target: path, mode: nil) }
            throw .cannotWrite(path: path, reason: OutputError.reason(errno))
        }
        var target = path
        if st.st_mode & S_IFMT == S_IFLNK {
            guard let real = realpath(path, nil) else {
                let e = errno
                throw .cannotWrite(path: path, reason: e == ENOENT ? "is a symbolic link to a missing file" : OutputError.reason(e))
            }
            target = String(cString: real)
            free(real)
            guard stat(target, &st) == 0 else { throw .cannotWrite(path: path, reason: OutputError.reason(errno)) }
        }
        if ProtectedInputs.contains(st) { throw .namesInput(path: path) }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .replace(target: target, mode: st.st_mode & 0o7777)
        case S_IFCHR, S_IFIFO: return .stream(target: target)
        case S_IFDIR: throw .cannotWrite(path: path, reason: "is a directory")
        case S_IFBLK: throw .cannotWrite(path: path, reason: "is a block device; refusing to write to it")
        case S_IFSOCK: throw .cannotWrite(path: path, reason: "is a socket")
        default: throw .cannotWrite(path: path, reason: "is not a regular file")
        }
    }

    /// Writes a set of files all or nothing (see the type's description). Each file is checked
    /// before anything is written.
    public static func write(_ files: [PlannedFile]) throws(OutputError) {
        var destinations: [Destination] = []
        for f in files { destinations.append(try destination(f.path)) }
        var temps: [Interrupts.TempFile] = []
        func cleanUp() { for t in temps { t.remove() } }
        let pid = getpid()
        for (i, f) in files.enumerated() {
            do throws(OutputError) {
                switch destinations[i] {
                case let .replace(target, mode):
                    let (dir, name) = split(target)
                    let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(pid)-\(i)"
                    let temp = Interrupts.TempFile(path: tmp)      // removed if a signal arrives
                    let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
                    if fd < 0 {
                        let e = errno
                        temp.forget()
                        throw .cannotWrite(path: f.path, reason: OutputError.reason(e))
                    }
                    temps.append(temp)
                    if let mode { _ = fchmod(fd, mode) }
                    try fill(fd, path: f.path, sync: true, render: f.render)
                case let .stream(target):
                    let fd = open(target, O_WRONLY | O_CLOEXEC | O_NOCTTY)
                    if fd < 0 { throw .cannotWrite(path: f.path, reason: OutputError.reason(errno)) }
                    try fill(fd, path: f.path, sync: false, render: f.render)
                }
            } catch {
                cleanUp()
                throw error
            }
        }
        var renamed = 0
        for (i, f) in files.enumerated() {
            guard case let .replace(target, _) = destinations[i] else { continue }
            let temp = temps[renamed]
            if rename(temp.path, target) != 0 {
                let reason = OutputError.reason(errno)
                for rest in temps[renamed...] { rest.remove() }
                throw .cannotWrite(path: f.path, reason: reason)
            }
            temp.forget()
            renamed += 1
        }
    }

    /// Renders into `fd`, then (for files) flushes to disk, and closes it.
    private static func fill(_ fd: Int32, path: String, sync: Bool, render: (TextSink) -> Void) throws(OutputError) {
        let sink = TextSink(fd: fd, path: path)
        render(sink)
        do { try sink.finish() } catch { close(fd); throw error }
        if sync && fsync(fd) != 0 && errno != EINVAL && errno != EROFS {
            let e = errno
            close(fd)
            throw .cannotWrite(path: path, reason: OutputError.reason(e))
        }
        if close(fd) != 0 && errno != EINTR { throw .cannotWrite(path: path, reason: OutputError.reason(errno)) }
    }

    /// One file from text, or standard output when `path` is nil or `-`.
    public static func write(_ text: String, to path: String?) throws(OutputError) {
        guard let path, path != "-" else { return try StandardOutput.write(text) }
        try write([PlannedFile(path: path) { $0.write(text) }])
    }

    /// One file from bytes (`-` is standard output).
    /// - Parameter progress: called with the share written (0…1).
    public static func write(bytes: [UInt8], to path: String, progress: ((Double) -> Void)? = nil) throws(OutputError) {
        if path == "-" { return try writeStandardOutput { $0.write(bytes: bytes, progress: progress) } }
        try write([PlannedFile(path: path) { $0.write(bytes: bytes, progress: progress) }])
    }

    /// Renders one file straight to standard output (`-o -`).
    public static func writeStandardOutput(_ render: (TextSink) -> Void) throws(OutputError) {
        let sink = TextSink(fd: STDOUT_FILENO, path: "-")
        render(sink)
        try sink.finish()
    }

    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }
}

/// The files this run reads: no output may replace one of them (`-o` naming an input).
public enum ProtectedInputs {
    private struct FileID: Hashable { var device: UInt64; var inode: UInt64 }
    nonisolated(unsafe) private static var ids: Set<FileID> = []
    private static let lock = Lock()

    /// Adds the files at `paths` (paths that do not exist, `-` and directories are skipped; a
    /// directory's files are added one by one by whoever reads them).
    public static func add<S: Sequence>(_ paths: S) where S.Element == String {
        for p in paths where p != "-" {
            var st = stat()
            guard stat(p, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { continue }
            let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
            lock.locked { _ = ids.insert(id) }
        }
    }

    static func contains(_ st: stat) -> Bool {
        guard st.st_mode & S_IFMT == S_IFREG else { return false }
        let id = FileID(device: UInt64(st.st_dev), inode: UInt64(st.st_ino))
        return lock.locked { ids.contains(id) }
    }
}

/// A pthread mutex.
final class Lock: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t> = {
        let m = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        pthread_mutex_init(m, nil)
        return m
    }()

    func locked<T>(_ body: () throws -> T) rethrows -> T {
        pthread_mutex_lock(mutex)
        defer { pthread_mutex_unlock(mutex) }
        return try body()
    }
}
