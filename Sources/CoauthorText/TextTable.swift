import Foundation

/// Plain-text tables for people: columns aligned to their widest cell (in characters), two spaces
/// between columns, a rule of dashes under the header, no trailing blanks.
public enum TextTable {
    /// The first `leftColumns` columns left-aligned, the others right-aligned.
    public static func aligned(_ rows: [[String]], header: [String]? = nil, leftColumns: Int = 1) -> String {
        aligned(rows, header: header) { $0 >= leftColumns }
    }

    /// Column `i` right-aligned when `rightAligned[i]`, else left-aligned.
    public static func aligned(_ rows: [[String]], header: [String]? = nil, rightAligned: [Bool]) -> String {
        aligned(rows, header: header) { rightAligned[$0] }
    }

    static func aligned(_ rows: [[String]], header: [String]?, isRightAligned: (Int) -> Bool) -> String {
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
                if isRightAligned(i) { line += sep + padding + c } else { line += sep + c + padding }
            }
            out += line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) + "\n"
            if ri == 0, header != nil {
                out += w.enumerated().map { String(repeating: "-", count: $0.element) }.joined(separator: "  ") + "\n"
            }
        }
        return out
    }
}
