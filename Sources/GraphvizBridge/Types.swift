/// The layout engines the bridge offers (Graphviz's layout plugins of the same name).
public enum LayoutEngine: String, CaseIterable, Sendable, Codable {
    /// Layered drawing (hierarchies; slow on large undirected graphs).
    case dot
    /// Stress majorisation.
    case neato
    /// Force-directed (Fruchterman–Reingold).
    case fdp
    /// Multiscale force-directed: the engine for large graphs.
    case sfdp
    /// Circular, one circle per biconnected component.
    case circo
    /// Radial: rings around a root node.
    case twopi

    /// The engine of a name, or `GraphvizError.unknownEngine` naming the valid ones.
    public init(validating name: String) throws(GraphvizError) {
        guard let e = LayoutEngine(rawValue: name) else {
            throw .unknownEngine(name, valid: LayoutEngine.allCases.map(\.rawValue))
        }
        self = e
    }
}

/// What a laid-out graph can be rendered to.
public enum OutputFormat: String, CaseIterable, Sendable, Codable {
    /// Graphviz's own SVG writer (always available).
    case svg
    /// Through Graphviz's cairo plugin (`libgvplugin_pango`); see `Graphviz.availableFormats()`.
    case png
    case pdf

    /// The format a file name asks for by its extension (case-insensitive), or nil.
    public init?(fileName: String) {
        guard let dot = fileName.lastIndex(of: ".") else { return nil }
        self.init(rawValue: fileName[fileName.index(after: dot)...].lowercased())
    }

    /// The Graphviz `format[:renderer]` string.
    var graphvizName: String {
        switch self {
        case .svg: return "svg"
        case .png: return "png:cairo"
        case .pdf: return "pdf:cairo"
        }
    }

    /// Whether rendering needs the cairo renderer.
    var needsCairo: Bool { self != .svg }
}

/// A node after layout, in Graphviz's coordinates: points (1/72 inch), y growing upwards.
///
/// Values are rounded to 1/100 point, the precision of Graphviz's own text outputs: the last bits
/// of a layout's doubles vary between runs of the same input (summation order), the rounded values
/// do not.
public struct LaidOutNode: Sendable, Equatable, Codable {
    /// The node's DOT name.
    public var name: String
    /// Centre.
    public var x: Double
    public var y: Double
    /// The box overlap removal kept apart (with `fixedsize=shape`: the shape and its label).
    public var width: Double
    public var height: Double
    /// The label's measured size (0 × 0 without a label).
    public var labelWidth: Double
    public var labelHeight: Double

    public init(name: String, x: Double, y: Double, width: Double, height: Double,
                labelWidth: Double = 0, labelHeight: Double = 0) {
        self.name = name
        self.x = x
        self.y = y
        self.width = width
        self.height = height
        self.labelWidth = labelWidth
        self.labelHeight = labelHeight
    }
}

/// Node positions and the drawing's bounding box after layout.
public struct Layout: Sendable, Equatable, Codable {
    /// Lower-left and upper-right corners of the drawing, in points.
    public var minX: Double, minY: Double, maxX: Double, maxY: Double
    /// Every node, in the graph's node order (the order of first mention in the DOT text).
    public var nodes: [LaidOutNode]
}

/// One rendering job: DOT text, an engine, the outputs wanted.
public struct GraphvizRequest: Sendable, Codable, Equatable {
    public var dot: String
    public var engine: LayoutEngine
    public var formats: [OutputFormat]
    /// Read node positions back after layout.
    public var readLayout: Bool
    /// Refuse inputs known to abort Graphviz 2.42 (see `Graphviz.knownHazard`). Only tests that
    /// check the crash containment of `IsolatedGraphviz` turn this off.
    public var checkHazards: Bool

    public init(dot: String, engine: LayoutEngine, formats: [OutputFormat] = [.svg], readLayout: Bool = false,
                checkHazards: Bool = true) {
        self.dot = dot
        self.engine = engine
        self.formats = formats
        self.readLayout = readLayout
        self.checkHazards = checkHazards
    }
}

/// What a rendering job produced.
public struct Rendered: Sendable, Equatable {
    /// Node positions, when asked for.
    public var layout: Layout?
    /// One output per requested format, in the order requested.
    public var outputs: [(format: OutputFormat, bytes: [UInt8])]
    /// Graphviz's warnings (captured, never printed).
    public var warnings: [String]

    public init(layout: Layout?, outputs: [(format: OutputFormat, bytes: [UInt8])], warnings: [String]) {
        self.layout = layout
        self.outputs = outputs
        self.warnings = warnings
    }

    /// The bytes of a format, if it was rendered.
    public func bytes(_ format: OutputFormat) -> [UInt8]? { outputs.first { $0.format == format }?.bytes }

    public static func == (a: Rendered, b: Rendered) -> Bool {
        a.layout == b.layout && a.warnings == b.warnings && a.outputs.count == b.outputs.count
            && zip(a.outputs, b.outputs).allSatisfy { $0.format == $1.format && $0.bytes == $1.bytes }
    }
}

/// Everything that can go wrong, with Graphviz's own messages where it gave some.
public enum GraphvizError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// The engine is not one of ours, or its plugin is not installed.
    case unknownEngine(String, valid: [String])
    /// The output format needs a plugin that is not installed (PNG/PDF need cairo).
    case formatUnavailable(String, available: [String])
    /// The DOT text could not be read.
    case syntax(String)
    /// The graph has no nodes.
    case emptyGraph
    /// An input known to abort Graphviz, refused before layout.
    case unsupported(String)
    case layoutFailed(String)
    case renderFailed(String)
    /// Graphviz could not allocate its context.
    case noContext
    /// The isolated layout process ran longer than its time limit and was killed.
    case timedOut(seconds: Double)
    /// The isolated layout process died (a signal, e.g. an assertion's abort); its last words.
    case crashed(signal: Int32, message: String)
    /// The isolated layout process could not be started or answered nonsense.
    case isolation(String)

    public var description: String {
        switch self {
        case .unknownEngine(let e, let valid):
            return "unknown layout engine '\(e)' (valid: \(valid.joined(separator: ", ")))"
        case .formatUnavailable(let f, let available):
            return "output format '\(f)' is not available: it needs Graphviz's cairo plugin (libgvplugin_pango); available: \(available.joined(separator: ", "))"
        case .syntax(let m): return "Graphviz could not read the graph: \(m)"
        case .emptyGraph: return "the graph has no nodes: nothing to lay out"
        case .unsupported(let m): return m
        case .layoutFailed(let m): return "layout failed: \(m)"
        case .renderFailed(let m): return "rendering failed: \(m)"
        case .noContext: return "Graphviz could not create its context"
        case .timedOut(let s): return "layout took longer than \(formatSeconds(s)) and was stopped"
        case .crashed(let sig, let m):
            return "Graphviz crashed (signal \(sig))" + (m.isEmpty ? "" : ": \(m)")
        case .isolation(let m): return "layout process failed: \(m)"
        }
    }
}

func formatSeconds(_ s: Double) -> String {
    s == s.rounded() ? "\(Int(s)) s" : "\(s) s"
}
