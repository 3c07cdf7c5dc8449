import CoauthorExport
import CoauthorText
import Foundation

/// Output formats for tabular results.
enum TableFormat: String, CaseIterable {
    case table, csv, json
}

/// Writes standard output in one go.
func emit(_ s: String) {
    FileHandle.standardOutput.write(Data(s.utf8))
}

/// Writes a result to standard output, or with `-o FILE` to a temporary file in FILE's folder that
/// is then renamed over FILE, so no reader ever sees half a file and a failed run leaves an older
/// FILE intact. Errors (folder missing, no permission, FILE a directory): a message and exit 73.
func writeOutput(_ text: String, to path: String?) throws {
    guard let path else { emit(text); return }
    let url = URL(fileURLWithPath: path)
    let temp = url.deletingLastPathComponent()
        .appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp").path
    func fail(_ what: String) -> Error {
        let reason = String(cString: strerror(errno))
        unlink(temp)
        return CLIError.cannotCreate("\(path): cannot \(what): \(reason.lowercased())")
    }
    let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    if fd < 0 { throw fail("write") }
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes[done...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
        if n < 0 {
            if errno == EINTR { continue }
            let e = errno
            close(fd)
            errno = e
            throw fail("write")
        }
        done += n
    }
    if close(fd) != 0 { throw fail("write") }
    if rename(temp, path) != 0 { throw fail("replace") }
}
