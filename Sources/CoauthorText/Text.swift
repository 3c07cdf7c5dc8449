import CoauthorOutput
import Foundation

/// How text and numbers are spelled in each output format: the one place where a string is
/// escaped or a number printed, for the exports, the charts, the Graphviz input and the CLI.
///
/// Each format's policy is a small table (which scalars become what) run by one loop, `escaping`.
public enum Text {
    // MARK: Numbers

    /// The shortest text that reads back to the same Double (`0.1`, `1e-05`); whole numbers below
    /// 10^15 without a decimal point. NaN and infinities are the caller's business.
    public static func number(_ d: Double) -> String {
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    /// A number for XML formats (xs:double spelling: `NaN`, `INF`, `-INF`).
    public static func xmlNumber(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "INF" : "-INF" }
        return number(d)
    }

    /// A GML real: always with a decimal point (networkx's tokenizer reads `1e-05` as an integer
    /// followed by a key), `NAN`/`INF` for the non-finite values.
    public static func gmlReal(_ d: Double) -> String {
        if d.isNaN { return "NAN" }
        if d.isInfinite { return d > 0 ? "INF" : "-INF" }
        var s = "\(d)"
        if !s.contains(".") {
            if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) { s.insert(contentsOf: ".0", at: e) } else { s += ".0" }
        }
        return s
    }

    /// A JSON number, or null for NaN and infinities.
    public static func jsonNumber(_ d: Double) -> String { d.isFinite ? number(d) : "null" }

    /// A number in a CSV cell or a VOSviewer column: the shortest exact form, empty for NaN and
    /// infinities.
    public static func cellNumber(_ d: Double) -> String { d.isFinite ? number(d) : "" }

    /// At most `decimals` decimals, trailing zeros dropped ("0.5", "12"), never "-0": coordinates
    /// and sizes in DOT and SVG.
    public static func fixed(_ d: Double, decimals: Int = 3) -> String {
        var s = String(format: "%.\(decimals)f", d)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s == "-0" ? "0" : s
    }

    /// Six significant digits (`%.6g`) without trailing zeros, for people to read (tables,
    /// tooltips); `nan` for NaN; with `wholeNumbers`, integral values below 10^12 in full
    /// ("1234567" instead of "1.23457e+06").
    public static func significant(_ d: Double, nan: String = "-", wholeNumbers: Bool = false) -> String {
        if d.isNaN { return nan }
        if d == 0 { return "0" }
        if wholeNumbers && d == d.rounded() && abs(d) < 1e12 { return String(Int(d)) }
        var s = String(format: "%.6g", d)
        if s.contains(".") && !s.contains("e") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    // MARK: Strings

    /// `s` with each Unicode scalar for which `replace` gives a text replaced by it (the others
    /// kept), between `quote`s. The one loop behind every escaper below; when nothing is
    /// replaced, `s` itself comes back (quoted), without a copy scalar by scalar.
    /// - Complexity: O(length of `s`).
    public static func escaping(_ s: String, quote: String = "", _ replace: (Unicode.Scalar) -> String?) -> String {
        guard s.unicodeScalars.contains(where: { replace($0) != nil }) else { return quote.isEmpty ? s : quote + s + quote }
        var out = quote
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count + 16)
        for u in s.unicodeScalars {
            if let r = replace(u) { out += r } else { out.unicodeScalars.append(u) }
        }
        return out + quote
    }

    /// `&`, `<` and `>` as XML's predefined entities; nil for any other scalar.
    public static func markup(_ u: Unicode.Scalar) -> String? {
        switch u {
        case "&": return "&amp;"
        case "<": return "&lt;"
        case ">": return "&gt;"
        default: return nil
        }
    }

    /// Characters XML 1.0 cannot carry at all (C0 controls other than tab, LF and CR; U+FFFE,
    /// U+FFFF), and DEL and the C1 controls, which it can but which would steer a terminal
    /// (`ControlCharacters`).
    public static func isXMLForbidden(_ u: Unicode.Scalar) -> Bool {
        ControlCharacters.isControl(u) || u.value == 0xFFFE || u.value == 0xFFFF
    }

    /// XML character data and attribute values: `& < > "` as entities; in attribute values tab,
    /// LF and CR as character references (so attribute-value normalisation keeps them), in
    /// element content only CR (tab and LF stay literal: a reader that drops whitespace-only text
    /// events, as Gephi's does, would lose a referenced tab); characters XML 1.0 cannot carry at
    /// all (other C0 controls, U+FFFE, U+FFFF) and DEL and the C1 controls become U+FFFD.
    public static func xml(_ s: String, content: Bool = false) -> String {
        escaping(s) { u in
            if let e = markup(u) { return e }
            switch u {
            case "\"": return "&quot;"
            case "\t": return content ? nil : "&#9;"
            case "\n": return content ? nil : "&#10;"
            case "\r": return "&#13;"
            default: return isXMLForbidden(u) ? "\u{FFFD}" : nil
            }
        }
    }

    /// SVG text and attribute values as the charts write them: `& < > " '` as entities, tab, LF
    /// and CR literal, characters XML 1.0 forbids as U+FFFD.
    public static func svg(_ s: String) -> String {
        escaping(s) { u in
            if let e = markup(u) { return e }
            switch u {
            case "\"": return "&quot;"
            case "'": return "&apos;"
            default: return isXMLForbidden(u) ? "\u{FFFD}" : nil
            }
        }
    }

    /// XML character data added to Graphviz's SVG: `& < >` escaped; CR and the characters XML 1.0
    /// forbids dropped (tab and LF kept).
    public static func xmlCharacterData(_ s: String) -> String {
        escaping(s) { u in markup(u) ?? (u == "\r" || isXMLForbidden(u) ? "" : nil) }
    }

    /// An RFC 4180 field (`sep` is the delimiter): quoted when it holds the delimiter, a quote,
    /// CR or LF, with quotes doubled. `quoteAlso` adds characters that force quoting (VOSviewer
    /// asks for quotes around labels with commas or semicolons even in tab-separated files).
    /// Looked at scalar by scalar, as CSV readers read: a quote or CR with a combining mark on it
    /// (one `Character`, not equal to `"`) is still quoted and doubled, and so is the `"\r\n"` pair.
    /// Control characters (`ControlCharacters`) become U+FFFD. With `excelSafe`, a cell that a
    /// spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab or CR) gets a
    /// leading `'` (OWASP's advice for CSV injection).
    public static func delimited(_ s: String, sep: Character = ",", quoteAlso: Set<Character> = [],
                                 excelSafe: Bool = false) -> String {
        var s = ControlCharacters.replaced(s)
        if excelSafe, let f = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f) { s = "'" + s }
        let separator = sep.unicodeScalars
        guard s.unicodeScalars.contains(where: { u in
            u == "\"" || u == "\n" || u == "\r" || separator.contains(u) || (!quoteAlso.isEmpty && quoteAlso.contains(Character(u)))
        }) else {
            return s
        }
        return escaping(s, quote: "\"") { $0 == "\"" ? "\"\"" : nil }
    }

    /// A JSON string literal (the exports' and the CLI's JSON). Control characters, C1 included,
    /// as `\u` escapes.
    public static func json(_ s: String) -> String { json(s, inScript: false) }

    /// `inScript`: also `<`, `>` and `&` as `\u` escapes, so that the text can sit inside an HTML
    /// `<script>` element (no `</script>` or `<!--` can appear) and is never read as markup.
    public static func json(_ s: String, inScript: Bool) -> String {
        escaping(s, quote: "\"") { u in
            switch u {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "\n": return "\\n"
            case "\r": return "\\r"
            case "\t": return "\\t"
            default:
                guard u.value < 0x20 || ControlCharacters.isControl(u) || (inScript && (u == "<" || u == ">" || u == "&")) else { return nil }
                let h = String(u.value, radix: 16)
                return "\\u" + String(repeating: "0", count: 4 - h.count) + h
            }
        }
    }

    /// A GML string: ASCII only (networkx reads GML as ASCII), everything outside printable ASCII
    /// plus `&` and `"` as `&#N;` character references, which networkx and igraph decode.
    public static func gml(_ s: String) -> String {
        escaping(s, quote: "\"") { u in
            u.value >= 0x20 && u.value < 0x7F && u != "&" && u != "\"" ? nil : "&#\(u.value);"
        }
    }

    /// A double-quoted Pajek label as networkx reads it (shlex, POSIX rules): backslash and quote
    /// escaped with a backslash; line breaks, which a line-based format cannot hold, as spaces;
    /// other control characters (`ControlCharacters`) as U+FFFD.
    public static func pajek(_ s: String) -> String {
        escaping(s, quote: "\"") { u in
            switch u {
            case "\\": return "\\\\"
            case "\"": return "\\\""
            case "\n", "\r": return " "
            default: return ControlCharacters.isControl(u) ? "\u{FFFD}" : nil
            }
        }
    }

    /// A DOT double-quoted string for the plain DOT export: quote and backslash escaped, line
    /// breaks as `\n`, CR dropped, other control characters (`ControlCharacters`) as U+FFFD.
    public static func dot(_ s: String) -> String {
        escaping(s, quote: "\"") { u in
            switch u {
            case "\\": return "\\\\"
            case "\"": return "\\\""
            case "\n": return "\\n"
            case "\r": return ""
            default: return ControlCharacters.isControl(u) ? "\u{FFFD}" : nil
            }
        }
    }

    /// A double-quoted DOT string that Graphviz shows exactly as `s` (the styled DOT it lays out):
    /// - `"` and `\` are backslash-escaped (so a name holding `\N` or `\n` is not taken for one of
    ///   Graphviz's label escapes);
    /// - `&` becomes `&amp;` (Graphviz decodes HTML entities in labels and names before measuring
    ///   and re-escapes on output, so "AT&amp;T" as a name survives literally);
    /// - line breaks and other control characters (C0, DEL, C1) become spaces.
    public static func graphvizLabel(_ s: String) -> String {
        escaping(s, quote: "\"") { u in
            switch u {
            case "\"": return "\\\""
            case "\\": return "\\\\"
            case "&": return "&amp;"
            default: return u.value < 0x20 || ControlCharacters.isControl(u) ? " " : nil
            }
        }
    }

    /// Text inside a Graphviz HTML-like label: XML-escaped, control characters as spaces.
    public static func graphvizHTML(_ s: String) -> String {
        escaping(s) { u in
            if let e = markup(u) { return e }
            return u == "\"" ? "&quot;" : u.value < 0x20 || ControlCharacters.isControl(u) ? " " : nil
        }
    }
}
