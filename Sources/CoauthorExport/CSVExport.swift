import CoauthorOutput
import CoauthorText

/// `nodes.csv`, `edges.csv` and `papers.csv` for pandas: RFC 4180 (comma-separated, CRLF line ends, fields
/// quoted when they hold a comma, quote or line break, quotes doubled), UTF-8 without a byte-order
/// mark, one header row. Unknown values and NaN are empty fields (pandas reads NaN).
///
/// nodes.csv: `id,label,papers,first_year,last_year,[orcid,…],[metrics…],[community,community_label],[x,y]`
/// edges.csv: `source,target,weight,fractional,papers,first_year,last_year,paper_ids` (source and
/// target are node ids; paper_ids joined with "; ").
/// papers.csv: `id,title,year,venue,doi,n_authors,authors` for every paper the graph counts (after
/// the year filter), so an edge's `paper_ids` can be joined to titles and years; `n_authors` is the
/// number of distinct authors, `authors` their display names in byline order joined by "; ". Ids are the sources' own keys, prefixed with the file name where two input
/// files use the same key (`papers.tsv:p2`; see `ExportModel.paperID`).
public enum CSVWriter {
    public static func writeNodes(_ m: ExportModel, to out: TextSink) {
        let attrs = m.nodeAttributes()
        out.write((["id"] + attrs.map(\.name)).joined(separator: ",") + "\r\n")
        for v in 0..<m.nodeCount {
            var row = cell(m.ids[v], m)
            for a in attrs { row += "," + field(a.value(v), m) }
            out.write(row + "\r\n")
        }
    }

    public static func writeEdges(_ m: ExportModel, to out: TextSink) {
        let attrs = m.edgeAttributes()
        out.write((["source", "target"] + attrs.map(\.name)).joined(separator: ",") + "\r\n")
        for e in 0..<m.edgeCount {
            let s = Int(m.graph.edgeSource[e]), t = Int(m.graph.edgeTarget[e])
            var row = cell(m.ids[s], m) + "," + cell(m.ids[t], m)
            for a in attrs { row += "," + field(a.value(e), m) }
            out.write(row + "\r\n")
        }
    }

    public static func writePapers(_ m: ExportModel, to out: TextSink) {
        let p = m.graph.corpus.papers
        let pa = m.graph.corpus.paperAuthors
        let names = m.graph.corpus.authors.displayName
        out.write("id,title,year,venue,doi,n_authors,authors\r\n")
        for i in 0..<p.count where m.graph.paperKept[i] {
            let row = [cell(m.paperID[i], m), cell(p.title[i], m), p.yearOf(i).map(String.init) ?? "",
                       cell(p.venue[i] ?? "", m), cell(p.doi[i] ?? "", m), String(pa.rowLength(i)),
                       cell(pa.row(i).map { names[Int($0)] }.joined(separator: "; "), m)]
            out.write(row.joined(separator: ",") + "\r\n")
        }
    }

    /// A text cell: RFC 4180 quoting, control characters replaced, `=+-@` guarded with `--excel-safe`.
    static func cell(_ s: String, _ m: ExportModel) -> String { Text.delimited(s, excelSafe: m.excelSafe) }

    static func field(_ v: AttributeValue?, _ m: ExportModel) -> String {
        guard let v else { return "" }
        switch v {
        case .int(let i): return String(i)
        case .double(let d): return d.isFinite ? Text.number(d) : ""
        case .string(let s): return cell(s, m)
        }
    }
}
