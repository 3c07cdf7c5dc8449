#if canImport(Glibc)
import Glibc
private let systemWrite = Glibc.write
#elseif canImport(Darwin)
import Darwin
private let systemWrite = Darwin.write
#endif

/// A buffered UTF-8 text sink: into a file descriptor (flushed every 1 MiB) or into memory.
///
/// Writers call `write` without `try`; the first I/O error is kept and thrown by `finish()`, and
/// nothing more is written after it.
public final class TextSink {
    private var buffer: [UInt8] = []
    private let fd: Int32
    private var error: Int32 = 0
    /// Everything written, for an in-memory sink.
    public private(set) var bytes: [UInt8] = []

    /// An in-memory sink (tests, small outputs).
    public init() {
        fd = -1
        buffer.reserveCapacity(1 << 16)
    }

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 20)
    }

    /// The text written so far (in-memory sinks).
    public var text: String { String(decoding: bytes + buffer, as: UTF8.self) }

    public func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if fd >= 0 && buffer.count >= 1 << 20 { drain() }
    }

    private func drain() {
        guard fd >= 0 else {
            bytes.append(contentsOf: buffer)
            buffer.removeAll(keepingCapacity: true)
            return
        }
        guard error == 0 else { buffer.removeAll(keepingCapacity: true); return }
        var done = 0
        buffer.withUnsafeBytes { raw in
            while done < raw.count {
                let n = systemWrite(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    error = errno
                    return
                }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes what is buffered; throws the first error seen (as an errno description).
    func finish() throws(SinkError) {
        drain()
        if error != 0 { throw SinkError(errno: error) }
    }

    /// For in-memory sinks: moves the buffer into `bytes`.
    public func close() { drain() }
}

struct SinkError: Error {
    var errno: Int32
    var message: String { String(cString: strerror(errno)) }
}

/// One file of an export: where it goes and how to render it.
public struct PlannedFile {
    public var path: String
    public var render: (TextSink) -> Void

    public init(path: String, render: @escaping (TextSink) -> Void) {
        self.path = path
        self.render = render
    }
}

/// Writes a set of files so that a failed run never leaves a half-written export: every file is
/// rendered into a temporary file in its target's directory (`.NAME.tmp-PID-N`), flushed to disk,
/// and only when all of them are complete are they renamed into place. On any error the
/// temporary files are removed and the targets are left as they were.
public enum AtomicFiles {
    public static func write(_ files: [PlannedFile]) throws(ExportError) {
        var temps: [(tmp: String, target: String)] = []
        func cleanUp() { for t in temps { unlink(t.tmp) } }
        // A target that is a directory would only fail at the rename, after other files of the
        // set were already in place: refuse it before writing anything.
        for f in files {
            var st = stat()
            if stat(f.path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR {
                throw .cannotWrite(f.path, "is a directory")
            }
        }
        let pid = getpid()
        for (i, f) in files.enumerated() {
            let (dir, name) = split(f.path)
            let tmp = (dir.isEmpty ? "" : dir + "/") + ".\(name).tmp-\(pid)-\(i)"
            let fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if fd < 0 {
                let reason = String(cString: strerror(errno))
                cleanUp()
                throw .cannotWrite(f.path, reason)
            }
            temps.append((tmp, f.path))
            let sink = TextSink(fd: fd)
            f.render(sink)
            do {
                try sink.finish()
            } catch {
                close(fd)
                cleanUp()
                throw .cannotWrite(f.path, error.message)
            }
            if fsync(fd) != 0 && errno != EINVAL && errno != EROFS {
                let reason = String(cString: strerror(errno))
                close(fd)
                cleanUp()
                throw .cannotWrite(f.path, reason)
            }
            if close(fd) != 0 {
                let reason = String(cString: strerror(errno))
                cleanUp()
                throw .cannotWrite(f.path, reason)
            }
        }
        for (k, t) in temps.enumerated() {
            if rename(t.tmp, t.target) != 0 {
                let reason = String(cString: strerror(errno))
                for rest in temps[k...] { unlink(rest.tmp) }
                throw .cannotWrite(t.target, reason)
            }
        }
    }

    /// Renders one file straight to standard output (`-o -`).
    public static func writeStandardOutput(_ render: (TextSink) -> Void) throws(ExportError) {
        let sink = TextSink(fd: 1)
        render(sink)
        do { try sink.finish() } catch { throw .cannotWrite("-", error.message) }
    }

    static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        let dir = String(path[..<slash])
        return (dir.isEmpty ? "/" : dir, String(path[path.index(after: slash)...]))
    }
}
