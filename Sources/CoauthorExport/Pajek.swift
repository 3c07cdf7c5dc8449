import CoauthorOutput
import CoauthorText

/// Pajek: the weighted network (`.net`), the communities as a partition (`.clu`) and metrics as
/// vectors (`.vec`), in Pajek's numbering (vertices `1…n` in node order).
///
/// Labels are double-quoted with `\"` and `\\` escapes (networkx reads them with shlex). networkx
/// keys the nodes of a Pajek file by label, so a display name that several authors share gets the
/// stable id appended (`Wei Wang (dblp:Wei Wang 0001)`); the vertex numbers are in the same order
/// as the other formats' nodes. With a layout, vertices carry `x y 0.5` scaled into Pajek's 0…1 box.
public enum PajekWriter {
    public static func writeNetwork(_ m: ExportModel, to out: TextSink) {
        let labels = m.uniqueLabels
        out.write("*Network coauthor\n")
        out.write("*Vertices \(m.nodeCount)\n")
        let scaled = m.positions.map(unitBox)
        for v in 0..<m.nodeCount {
            var line = "\(v + 1) \(Text.pajek(labels[v]))"
            if let (x, y) = scaled { line += " \(Text.number(x[v])) \(Text.number(y[v])) 0.5" }
            out.write(line + "\n")
        }
        out.write("*Edges\n")
        for e in 0..<m.edgeCount {
            let s = Int(m.graph.edgeSource[e]) + 1, t = Int(m.graph.edgeTarget[e]) + 1
            out.write("\(s) \(t) \(Text.number(m.weight(e)))\n")
        }
    }

    /// The community partition (`0` for a node in no community).
    public static func writePartition(_ m: ExportModel, to out: TextSink) {
        out.write("*Vertices \(m.nodeCount)\n")
        for c in m.community ?? [] { out.write("\(c)\n") }
    }

    /// One metric as a Pajek vector (NaN written as `NaN`).
    public static func writeVector(_ values: [Double], to out: TextSink) {
        out.write("*Vertices \(values.count)\n")
        for d in values { out.write((d.isFinite ? Text.number(d) : "NaN") + "\n") }
    }

    /// Positions scaled uniformly into [0, 1] (aspect ratio kept), as Pajek draws them.
    static func unitBox(_ p: PositionTable) -> ([Double], [Double]) {
        let xs = p.x.filter(\.isFinite), ys = p.y.filter(\.isFinite)
        guard let x0 = xs.min(), let x1 = xs.max(), let y0 = ys.min(), let y1 = ys.max() else { return (p.x, p.y) }
        let span = max(x1 - x0, y1 - y0, 1e-300)
        return (p.x.map { ($0 - x0) / span }, p.y.map { ($0 - y0) / span })
    }
}
