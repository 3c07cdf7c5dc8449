import ArgumentParser
import CoauthorExport
import CoauthorOutput
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

/// Writes standard output in one go; a write error (full disk, closed or broken pipe) is a
/// message and exit 73.
func emit(_ s: String) throws {
    do { try StandardOutput.write(s) } catch { throw failed(error) }
}

/// Writes a result to standard output, or with `-o FILE` through `AtomicFiles` (a temporary file
/// renamed over FILE; a device or FIFO written into; an input, a directory or a block device
/// refused). Errors: a message and exit 73 (64 for an input).
func writeOutput(_ text: String, to path: String?) throws {
    do { try AtomicFiles.write(text, to: path) } catch { throw failed(error) }
}

/// Prints an output error and gives its exit code.
func failed(_ e: OutputError) -> ExitCode {
    StdErr.write("coauthor: error: \(e)\n")
    return ExitCode(e.exitCode)
}
