import CoauthorOutput
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What an export wrote.
public struct ExportResult: Sendable {
    /// The files written, in order.
    public var files: [String]
    /// Things the user should know (e.g. communities VOSviewer cannot number).
    public var warnings: [String]
}

/// Writes a graph in one of the export formats.
///
/// Output paths by format: a file for `graphml`, `gexf`, `json`, `dot`, `gml` (or `-` for
/// standard output); for `pajek` the `.net` file, with `STEM.clu` (communities) and
/// `STEM.METRIC.vec` (one per metric) beside it; a directory (created when missing) for `csv`
/// (`nodes.csv`, `edges.csv`, `papers.csv`) and `vosviewer` (`map.txt`, `network.txt`, `vosviewer.json`).
public enum Exporter {
    public static func export(_ input: ExportInput, format: ExportFormat, to path: String) throws -> ExportResult {
        let model = try ExportModel(input)
        return try export(model, format: format, to: path)
    }

    public static func export(_ model: ExportModel, format: ExportFormat, to path: String) throws(ExportError) -> ExportResult {
        var warnings: [String] = []
        if format == .vosviewer, VOSviewerWriter.overflowCommunities(model) > 0 {
            warnings.append("VOSviewer numbers at most \(VOSviewerWriter.maxClusters) clusters: the authors of the \(VOSviewerWriter.overflowCommunities(model)) smallest communities get no cluster")
        }
        if path == "-" {
            guard let render = singleFileRenderer(format) else {
                throw .badOutputPath("-", "--to \(format.rawValue) writes several files; give a directory or file name, not '-'")
            }
            if format == .pajek, model.community != nil || !model.metrics.isEmpty {
                throw .badOutputPath("-", "--to pajek with communities or metrics writes .clu/.vec files beside the .net; give a file name, not '-'")
            }
            do { try AtomicFiles.writeStandardOutput { render(model, $0) } } catch { throw .output(error) }
            return ExportResult(files: ["-"], warnings: warnings)
        }
        let files = try plan(model, format: format, path: path)
        do { try AtomicFiles.write(files) } catch { throw .output(error) }
        return ExportResult(files: files.map(\.path), warnings: warnings)
    }

    /// The files a format writes for `path`, each with its renderer (nothing is written yet).
    public static func plan(_ m: ExportModel, format: ExportFormat, path: String) throws(ExportError) -> [PlannedFile] {
        guard !path.isEmpty else { throw .badOutputPath(path, "empty output path") }
        if format.writesDirectory {
            try makeDirectory(path)
            let dir = path.hasSuffix("/") ? String(path.dropLast()) : path
            switch format {
            case .csv:
                return [PlannedFile(path: dir + "/nodes.csv") { CSVWriter.writeNodes(m, to: $0) },
                        PlannedFile(path: dir + "/edges.csv") { CSVWriter.writeEdges(m, to: $0) },
                        PlannedFile(path: dir + "/papers.csv") { CSVWriter.writePapers(m, to: $0) }]
            default:
                return [PlannedFile(path: dir + "/map.txt") { VOSviewerWriter.writeMap(m, to: $0) },
                        PlannedFile(path: dir + "/network.txt") { VOSviewerWriter.writeNetwork(m, to: $0) },
                        PlannedFile(path: dir + "/vosviewer.json") { VOSviewerWriter.writeJSON(m, to: $0) }]
            }
        }
        if isDirectory(path) || path.hasSuffix("/") {
            throw .badOutputPath(path, "is a directory; --to \(format.rawValue) writes a file")
        }
        var files = [PlannedFile(path: path) { singleFileRenderer(format)!(m, $0) }]
        if format == .pajek {
            let stem = path.lowercased().hasSuffix(".net") ? String(path.dropLast(4)) : path
            if m.community != nil {
                files.append(PlannedFile(path: stem + ".clu") { PajekWriter.writePartition(m, to: $0) })
            }
            for c in m.metrics {
                let values: [Double]
                switch c.values {
                case .double(let v): values = v
                case .int(let v): values = v.map(Double.init)
                case .string: continue
                }
                files.append(PlannedFile(path: "\(stem).\(c.name).vec") { PajekWriter.writeVector(values, to: $0) })
            }
        }
        return files
    }

    static func singleFileRenderer(_ format: ExportFormat) -> ((ExportModel, TextSink) -> Void)? {
        switch format {
        case .graphml: return GraphMLWriter.write
        case .gexf: return GEXFWriter.write
        case .json: return NodeLinkJSONWriter.write
        case .pajek: return PajekWriter.writeNetwork
        case .dot: return PlainDOTWriter.write
        case .gml: return GMLWriter.write
        case .csv, .vosviewer: return nil
        }
    }

    static func isDirectory(_ path: String) -> Bool {
        var st = stat()
        return stat(path, &st) == 0 && (st.st_mode & S_IFMT) == S_IFDIR
    }

    /// `mkdir -p`; an existing non-directory is an error.
    static func makeDirectory(_ path: String) throws(ExportError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else {
                throw .badOutputPath(path, "exists and is not a directory; --to csv and --to vosviewer write a directory")
            }
            return
        }
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += part
            if stat(prefix, &st) != 0 && mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw .output(.cannotWrite(path: path, reason: OutputError.reason(errno)))
            }
            prefix += "/"
        }
    }
}
