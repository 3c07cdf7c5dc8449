import CoauthorExport
import Foundation

/// Output formats for tabular results.
enum TableFormat: String, CaseIterable {
    case table, csv, json
}

/// A deterministic JSON writer (keys in the order given, numbers printed the shortest exact way).
enum JSON {
    indirect enum Value {
        case null, bool(Bool), int(Int), double(Double), string(String)
        case array([Value])
        case object([(String, Value)])
    }

    static func render(_ v: Value, indent: Int = 0, pretty: Bool = true) -> String {
        var out = ""
        write(v, into: &out, indent: indent, pretty: pretty)
        return out
    }

    private static func write(_ v: Value, into out: inout String, indent: Int, pretty: Bool) {
        let pad = pretty ? String(repeating: "  ", count: indent + 1) : ""
        let close = pretty ? String(repeating: "  ", count: indent) : ""
        let nl = pretty ? "\n" : ""
        switch v {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += number(d)
        case .string(let s): out += quote(s)
        case .array(let a):
            if a.isEmpty { out += "[]"; return }
            out += "[" + nl
            for (i, x) in a.enumerated() {
                out += pad
                write(x, into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < a.count ? "," : "") + nl
            }
            out += close + "]"
        case .object(let o):
            if o.isEmpty { out += "{}"; return }
            out += "{" + nl
            for (i, (k, x)) in o.enumerated() {
                out += pad + quote(k) + (pretty ? ": " : ":")
                write(x, into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < o.count ? "," : "") + nl
            }
            out += close + "}"
        }
    }

    /// Shortest representation that reads back to the same Double; non-finite values become null.
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    static func quote(_ s: String) -> String { Text.json(s) }
}

/// Aligned plain-text rows: the first `leftColumns` columns left-aligned, the others right-aligned.
func alignedRows(_ rows: [[String]], header: [String]? = nil, leftColumns: Int = 1) -> String {
    let all = (header.map { [$0] } ?? []) + rows
    guard let width = all.map(\.count).max() else { return "" }
    var w = [Int](repeating: 0, count: width)
    for r in all { for (i, c) in r.enumerated() { w[i] = max(w[i], c.count) } }
    var out = ""
    for (ri, r) in all.enumerated() {
        var line = ""
        for (i, c) in r.enumerated() {
            let padding = String(repeating: " ", count: w[i] - c.count)
            let sep = i == 0 ? "" : "  "
            if i < leftColumns { line += sep + c + padding } else { line += sep + padding + c }
        }
        out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
        if ri == 0, header != nil {
            out += w.enumerated().map { String(repeating: "-", count: $0.element) }.joined(separator: "  ") + "\n"
        }
    }
    return out
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
