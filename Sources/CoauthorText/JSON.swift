/// A deterministic JSON writer for results (keys in the order given, numbers printed the shortest
/// exact way, non-finite numbers as null, strings escaped by `Text.json`), indented by two spaces
/// or compact.
public enum JSON {
    public indirect enum Value: Sendable {
        case null, bool(Bool), int(Int), double(Double), string(String)
        case array([Value])
        case object([(String, Value)])
    }

    public static func render(_ v: Value, indent: Int = 0, pretty: Bool = true) -> String {
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
        case .double(let d): out += Text.jsonNumber(d)
        case .string(let s): out += Text.json(s)
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
                out += pad + Text.json(k) + (pretty ? ": " : ":")
                write(x, into: &out, indent: indent + 1, pretty: pretty)
                out += (i + 1 < o.count ? "," : "") + nl
            }
            out += close + "}"
        }
    }
}
