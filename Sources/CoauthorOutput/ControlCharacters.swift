/// Characters from the data that would steer a terminal, a printer or a line-based format rather
/// than show: the C0 controls (ESC, BEL, NUL, backspace, …) other than tab, line feed and
/// carriage return; DEL; and the C1 controls U+0080–U+009F (U+009B is an 8-bit CSI, as good as
/// ESC `[` to many terminals). Each is replaced by U+FFFD, so a name that held an escape sequence
/// shows where it was (`Ann�[31m Lee`) and cannot recolour or retitle a terminal.
public enum ControlCharacters {
    /// The replacement shown in place of a control character.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// True for a control character other than tab, LF and CR.
    @inline(__always) public static func isControl(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return (v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D) || (v >= 0x7F && v <= 0x9F)
    }

    /// True when `s` holds a control character (tab, LF and CR count when `lineBreaks` is false).
    public static func contains(_ s: String, lineBreaks: Bool = true) -> Bool {
        // A native string's bytes in one scan (the same rule as `contains(utf8:)`).
        if lineBreaks, let found = s.utf8.withContiguousStorageIfAvailable({ contains(utf8: $0) }) { return found }
        return s.utf8.contains { b in
            // C1 controls are C2 80–C2 9F in UTF-8: the lead byte C2 is enough to look closer.
            b < 0x20 ? (!lineBreaks || (b != 0x09 && b != 0x0A && b != 0x0D)) : (b == 0x7F || b == 0xC2)
        } && s.unicodeScalars.contains { isControl($0) || (!lineBreaks && ($0 == "\t" || $0 == "\n" || $0 == "\r")) }
    }

    /// `s` with every control character replaced by U+FFFD; with `lineBreaks: false`, tab, LF and
    /// CR become spaces (for one-line fields: a label, a table cell). `s` itself when clean.
    public static func replaced(_ s: String, lineBreaks: Bool = true) -> String {
        guard contains(s, lineBreaks: lineBreaks) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isControl(u) {
                out.append(replacement)
            } else if !lineBreaks && (u == "\t" || u == "\n" || u == "\r") {
                out.append(" ")
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// True when the UTF-8 bytes `b` hold a control character (tab, LF and CR do not count): the
    /// byte-level `contains`, for readers that keep fields as bytes.
    @inline(__always) public static func contains(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        while i < n {
            let x = b[i]
            if x < 0x20 {
                if x != 0x09 && x != 0x0A && x != 0x0D { return true }
            } else if x == 0x7F {
                return true
            } else if x == 0xC2, i + 1 < n, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {   // C1: C2 80–C2 9F
                return true
            }
            i += 1
        }
        return false
    }

    /// Appends `b` to `out` with every control character replaced by U+FFFD (EF BF BD), as
    /// `replaced` does on a string.
    public static func append(replacing b: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var i = 0
        let n = b.count
        while i < n {
            let x = b[i]
            if (x < 0x20 && x != 0x09 && x != 0x0A && x != 0x0D) || x == 0x7F {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
            } else if x == 0xC2, i + 1 < n, b[i + 1] >= 0x80, b[i + 1] <= 0x9F {
                out.append(contentsOf: [0xEF, 0xBF, 0xBD])
                i += 1
            } else {
                out.append(x)
            }
            i += 1
        }
    }
}
