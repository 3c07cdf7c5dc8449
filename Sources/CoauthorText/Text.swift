/// How text and numbers are spelled in each format.
public enum Text {
    // MARK: Numbers

    /// The shortest text that reads back to the same Double (`0.1`, `1e-05`); whole numbers below
    /// 10^15 without a decimal point. NaN and infinities are the caller's business.
    static func number(_ d: Double) -> String {
        if d == 0 { return "0" }
        if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
        return "\(d)"
    }

    /// A number for XML formats (xs:double spelling: `NaN`, `INF`, `-INF`).
    static func xmlNumber(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d > 0 ? "INF" : "-INF" }
        return number(d)
    }

    /// A GML real: always with a decimal point (networkx's tokenizer reads `1e-05` as an integer
    /// followed by a key), `NAN`/`INF` for the non-finite values.
    static func gmlReal(_ d: Double) -> String {
        if d.isNaN { return "NAN" }
        if d.isInfinite { return d > 0 ? "INF" : "-INF" }
        var s = "\(d)"
        if !s.contains(".") {
            if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) { s.insert(contentsOf: ".0", at: e) } else { s += ".0" }
        }
        return s
    }

    // MARK: Strings

    /// XML character data and attribute values: `& < > "` as entities; in attribute values tab,
    /// LF and CR as character references (so attribute-value normalisation keeps them), in
    /// element content only CR (tab and LF stay literal: a reader that drops whitespace-only text
    /// events, as Gephi's does, would lose a referenced tab); characters XML 1.0 cannot carry at
    /// all (other C0 controls, U+FFFE, U+FFFF) become U+FFFD.
    static func xml(_ s: String, content: Bool = false) -> String {
        var needs = false
        for u in s.unicodeScalars where u.value < 0x20 || u == "&" || u == "<" || u == ">" || u == "\"" || u.value == 0xFFFE || u.value == 0xFFFF {
            needs = true
            break
        }
        guard needs else { return s }
        var out = ""
        out.unicodeScalars.reserveCapacity(s.unicodeScalars.count + 16)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t": out += content ? "\t" : "&#9;"
            case "\n": out += content ? "\n" : "&#10;"
            case "\r": out += "&#13;"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += "\u{FFFD}"
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// An RFC 4180 field (`sep` is the delimiter): quoted when it holds the delimiter, a quote,
    /// CR or LF, with quotes doubled. `quoteAlso` adds characters that force quoting (VOSviewer
    /// asks for quotes around labels with commas or semicolons even in tab-separated files).
    static func delimited(_ s: String, sep: Character = ",", quoteAlso: Set<Character> = []) -> String {
        guard s.contains(where: { $0 == sep || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" || quoteAlso.contains($0) }) else {
            return s
        }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }

    /// A JSON string literal (also used by the CLI's JSON output).
    public static func json(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// A JSON number, or null for NaN and infinities.
    static func jsonNumber(_ d: Double) -> String { d.isFinite ? number(d) : "null" }

    /// A GML string: ASCII only (networkx reads GML as ASCII), everything outside printable ASCII
    /// plus `&` and `"` as `&#N;` character references, which networkx and igraph decode.
    static func gml(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            if u.value >= 0x20 && u.value < 0x7F && u != "&" && u != "\"" {
                out.unicodeScalars.append(u)
            } else {
                out += "&#\(u.value);"
            }
        }
        return out + "\""
    }

    /// A double-quoted Pajek label as networkx reads it (shlex, POSIX rules): backslash and quote
    /// escaped with a backslash; line breaks, which a line-based format cannot hold, as spaces.
    static func pajek(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n", "\r": out += " "
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }

    /// A DOT double-quoted string: quote and backslash escaped, line breaks as `\n`.
    static func dot(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": break
            default: out.unicodeScalars.append(u)
            }
        }
        return out + "\""
    }
}

extension String {
    func replacingAll(_ a: Character, with b: String) -> String {
        var out = ""
        for c in self { if c == a { out += b } else { out.append(c) } }
        return out
    }
}
