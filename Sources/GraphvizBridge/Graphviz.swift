import CGraphviz
import Foundation

/// In-process Graphviz (libgvc/libcgraph of the system's Graphviz).
///
/// Design:
/// - **One lock.** Graphviz keeps global state everywhere (error buffers, the lexer, layout
///   statics, libc's random streams), so every call into the library — including the ones that
///   free handles — runs while `Graphviz.lock` is held. The public API is synchronous and throwing.
/// - **One owner per handle.** `GraphvizSession` owns a `GVC_t` (`gvFreeContext`), `GraphHandle`
///   owns an `Agraph_t` and its layout (`gvFreeLayout`, then `agclose`), `RenderBuffer` owns the
///   bytes of `gvRenderData` (`gvFreeRenderData`). Each frees its handle exactly once, in its
///   `deinit`; the last two are non-copyable, and graphs live inside `GraphvizContext.withGraph`,
///   within a session's locked `render`, so they always die before their context. Contexts are
///   reused (one shared session per process): Graphviz 2.42 leaks about 3.6 KB per
///   `gvContext`/`gvFreeContext` pair, a reused context renders 1,000 times without growing.
/// - **Errors are values.** Graphviz reports through `agerr`; an `agseterrf` callback collects
///   the messages while the lock is held, and failures become a typed `GraphvizError` carrying
///   them. Nothing is printed. (A few code paths of Graphviz and of the GTS library write to file
///   descriptor 2 directly; `IsolatedGraphviz` captures those too.)
/// - **Reproducibility.** Before each layout libc's `rand()` and `drand48()` streams are put back
///   in their fresh-process state, so sfdp gives the same layout every time in one process (its
///   coarsening draws from `rand()` before seeding). fdp keeps other hidden state between layouts
///   in one process; `IsolatedGraphviz` (a fresh process per layout) is reproducible for every
///   engine and survives Graphviz's aborts, and is what the command-line tool uses.
/// - **Known hazards are refused**, see `knownHazard(engine:splines:)`.
/// - No temporary files, no `dot` subprocess: DOT goes in through `agmemread`, outputs come back
///   through `gvRenderData`.
public enum Graphviz {
    /// Serialises every call into Graphviz in this process.
    static let lock = NSLock()

    /// The session behind the static API, created on first use and kept for the process (Graphviz
    /// 2.42 leaks about 3.6 KB per `gvContext`/`gvFreeContext` pair, so contexts are reused).
    static let shared: Result<GraphvizSession, GraphvizError> = {
        do throws(GraphvizError) { return .success(try GraphvizSession()) } catch { return .failure(error) }
    }()

    /// Lays out and renders one graph in this process (through the shared session).
    public static func render(_ request: GraphvizRequest) throws(GraphvizError) -> Rendered {
        try shared.get().render(request)
    }

    /// The layout engines whose plugin is installed (of `LayoutEngine.allCases`).
    public static func availableEngines() -> [LayoutEngine] {
        guard let s = try? shared.get() else { return [] }
        return s.availableEngines()
    }

    /// The output formats Graphviz can produce here (PNG and PDF need the cairo renderer).
    public static func availableFormats() -> [OutputFormat] {
        guard let s = try? shared.get() else { return [] }
        return s.availableFormats()
    }

    /// Why an engine/attribute combination must not reach Graphviz 2.42, or nil when it is safe.
    ///
    /// `splines=ortho` makes sfdp and twopi abort the process in `maze.c: chkSgraph: Assertion
    /// 'np->cells[1]' failed` (already for `graph { a -- b }`). Other engines draw it.
    public static func knownHazard(engine: LayoutEngine, splines: String?) -> String? {
        guard let s = splines?.lowercased(), s == "ortho" else { return nil }
        if engine == .sfdp || engine == .twopi {
            return "splines=ortho is not supported with \(engine.rawValue): Graphviz 2.42 aborts on it (maze.c assertion); use splines=false, line, polyline or curved"
        }
        return nil
    }
}

/// Owns one Graphviz context (`GVC_t`, freed with `gvFreeContext` in `deinit`) and renders with
/// it, any number of times. Every use — including the final free — holds `Graphviz.lock`.
public final class GraphvizSession: @unchecked Sendable {
    // @unchecked: the only state is the context pointer, used only while Graphviz.lock is held.
    private let gvc: OpaquePointer

    public init() throws(GraphvizError) {
        Graphviz.lock.lock()
        defer { Graphviz.lock.unlock() }
        guard let c = gvContext() else { throw .noContext }
        gvc = c
    }

    deinit {
        Graphviz.lock.lock()
        _ = gvFreeContext(gvc)
        Graphviz.lock.unlock()
    }

    /// Lays out and renders one graph.
    public func render(_ request: GraphvizRequest) throws(GraphvizError) -> Rendered {
        Graphviz.lock.lock()
        defer { Graphviz.lock.unlock() }
        let log = ErrorLog.shared
        log.begin()
        defer { log.end() }
        return try GraphvizContext(gvc: gvc).render(request, log: log)
    }

    public func availableEngines() -> [LayoutEngine] {
        Graphviz.lock.lock()
        defer { Graphviz.lock.unlock() }
        let installed = Set(GraphvizContext(gvc: gvc).plugins(kind: "layout"))
        return LayoutEngine.allCases.filter { installed.contains($0.rawValue) }
    }

    public func availableFormats() -> [OutputFormat] {
        Graphviz.lock.lock()
        defer { Graphviz.lock.unlock() }
        return GraphvizContext(gvc: gvc).hasCairo ? OutputFormat.allCases : [.svg]
    }
}

/// Graphviz's messages during one locked call. Only touched while `Graphviz.lock` is held (the
/// C callback runs inside Graphviz calls, which all hold it), hence `@unchecked Sendable`.
final class ErrorLog: @unchecked Sendable {
    static let shared = ErrorLog()
    private var text = ""
    private var previous: agusererrf?

    func begin() {
        text = ""
        previous = agseterrf(errorCallback)
        _ = agseterr(AGWARN)
        _ = agreseterrors()
    }

    func end() {
        _ = agseterrf(previous)
        previous = nil
    }

    func append(_ s: String) { text += s }

    /// The messages so far, split into errors and warnings, and cleared. Graphviz calls the
    /// callback piecewise ("Error", ": ", "message\n"); a line starting with "Error:" or
    /// "Warning:" starts a message, other lines continue the previous one.
    func take() -> (errors: [String], warnings: [String]) {
        var errors: [String] = [], warnings: [String] = []
        var current: (isError: Bool, text: String)?
        func flush() {
            guard let c = current else { return }
            let t = c.text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !t.isEmpty { if c.isError { errors.append(t) } else { warnings.append(t) } }
            current = nil
        }
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("Error:") {
                flush(); current = (true, String(line.dropFirst(6)))
            } else if line.hasPrefix("Warning:") {
                flush(); current = (false, String(line.dropFirst(8)))
            } else if current != nil {
                current!.text += " " + line.trimmingCharacters(in: .whitespaces)
            } else {
                current = (true, String(line))
            }
        }
        flush()
        text = ""
        return (errors, warnings)
    }

    /// Errors joined for a message, or a fallback.
    func errorText(or fallback: String) -> String {
        let e = take().errors
        return e.isEmpty ? fallback : e.joined(separator: "; ")
    }
}

private let errorCallback: agusererrf = { message in
    if let message { ErrorLog.shared.append(String(cString: message)) }
    return 0
}

/// Operations on a borrowed `GVC_t` (owned by `GraphvizSession`). Use only while `Graphviz.lock`
/// is held.
struct GraphvizContext {
    let gvc: OpaquePointer

    /// Plugin names of a kind ("layout", "render", "device"), as Graphviz lists them.
    func plugins(kind: String) -> [String] {
        var count: Int32 = 0
        guard let list = kind.withCString({ k in gvPluginList(gvc, k, &count, nil) }) else { return [] }
        // gvPluginList hands over a malloc'd array of malloc'd strings.
        defer {
            for i in 0..<Int(count) { free(list[i]) }
            free(list)
        }
        return (0..<Int(count)).compactMap { list[$0].map { String(cString: $0) } }
    }

    var hasCairo: Bool { plugins(kind: "render").contains("cairo") }

    /// Reads `dot`, hands the graph to `body`, and closes it before returning.
    func withGraph<R>(dot: String, _ body: (inout GraphHandle) throws(GraphvizError) -> R) throws(GraphvizError) -> R {
        var graph = try GraphHandle(dot: dot, gvc: gvc)
        return try body(&graph)
    }

    func render(_ request: GraphvizRequest, log: ErrorLog) throws(GraphvizError) -> Rendered {
        let installed = plugins(kind: "layout")
        guard installed.contains(request.engine.rawValue) else {
            throw .unknownEngine(request.engine.rawValue,
                                 valid: LayoutEngine.allCases.map(\.rawValue).filter(installed.contains))
        }
        if request.formats.contains(where: \.needsCairo) && !hasCairo {
            let wanted = request.formats.first(where: \.needsCairo)!
            throw .formatUnavailable(wanted.rawValue, available: [OutputFormat.svg.rawValue])
        }
        return try withGraph(dot: request.dot) { (graph: inout GraphHandle) throws(GraphvizError) -> Rendered in
            guard graph.nodeCount > 0 else { throw .emptyGraph }
            if request.checkHazards, let why = Graphviz.knownHazard(engine: request.engine, splines: graph.attribute("splines")) {
                throw .unsupported(why)
            }
            try graph.layout(engine: request.engine, log: log)
            let layout = request.readLayout ? graph.readLayout() : nil
            var outputs: [(format: OutputFormat, bytes: [UInt8])] = []
            for f in request.formats {
                outputs.append((f, try graph.render(f, log: log)))
            }
            return Rendered(layout: layout, outputs: outputs, warnings: log.take().warnings)
        }
    }
}

/// Owns one `Agraph_t` read from DOT text, and its layout once laid out: `deinit` frees the
/// layout (`gvFreeLayout`) and then the graph (`agclose`). Lives inside
/// `GraphvizContext.withGraph`, so its context outlives it.
struct GraphHandle: ~Copyable {
    let graph: UnsafeMutablePointer<Agraph_t>
    let gvc: OpaquePointer
    private var layoutAttempted = false

    init(dot: String, gvc: OpaquePointer) throws(GraphvizError) {
        self.gvc = gvc
        agreadline(1)   // the lexer's line counter carries over from the previous read otherwise
        let g = dot.withCString { agmemread($0) }
        guard let g else {
            throw .syntax(ErrorLog.shared.errorText(or: "not a DOT graph"))
        }
        // cgraph's lexer keeps what it buffered beyond the first graph (the rest of its last line,
        // at least the newline) and feeds it to the *next* read, whose line numbers and even graph
        // would be off. Drain it now: whitespace ends in an empty read that flushes the buffer; a
        // graph is an error rather than a surprise for the next caller. (Lines after the first
        // graph's last line are never read.)
        var extra = 0
        while let more = agmemread("") {
            _ = agclose(more)
            extra += 1
        }
        _ = ErrorLog.shared.take()
        if extra > 0 {
            _ = agclose(g)   // not yet owned by this handle
            throw .syntax("the DOT text holds more than one graph")
        }
        graph = g
    }

    deinit {
        // gvFreeLayout checks what the layout allocated, so it is safe after a failed layout too.
        if layoutAttempted { _ = gvFreeLayout(gvc, graph) }
        _ = agclose(graph)
    }

    var nodeCount: Int { Int(agnnodes(graph)) }

    /// A graph attribute's value, or nil when unset.
    func attribute(_ name: String) -> String? {
        let value = name.withCString { n in agget(UnsafeMutableRawPointer(graph), UnsafeMutablePointer(mutating: n)) }
        guard let value else { return nil }
        let s = String(cString: value)
        return s.isEmpty ? nil : s
    }

    mutating func layout(engine: LayoutEngine, log: ErrorLog) throws(GraphvizError) {
        precondition(!layoutAttempted, "a graph is laid out once")
        layoutAttempted = true
        cgv_reset_libc_random()
        let rc = engine.rawValue.withCString { gvLayout(gvc, graph, $0) }
        guard rc == 0 else { throw .layoutFailed(log.errorText(or: "gvLayout returned \(rc)")) }
    }

    /// Node positions and the bounding box, rounded to 1/100 point.
    func readLayout() -> Layout {
        func r(_ v: Double) -> Double { (v * 100).rounded() / 100 }
        var nodes: [LaidOutNode] = []
        var n = agfstnode(graph)
        while let node = n {
            let p = cgv_node_coord(node)
            let label = cgv_node_label_size(node)
            let name = agnameof(UnsafeMutableRawPointer(node)).map { String(cString: $0) } ?? ""
            nodes.append(LaidOutNode(name: name, x: r(p.x), y: r(p.y),
                                     width: r(cgv_node_width(node) * 72), height: r(cgv_node_height(node) * 72),
                                     labelWidth: r(label.x), labelHeight: r(label.y)))
            n = agnxtnode(graph, node)
        }
        let bb = cgv_graph_bb(graph)
        return Layout(minX: r(bb.LL.x), minY: r(bb.LL.y), maxX: r(bb.UR.x), maxY: r(bb.UR.y), nodes: nodes)
    }

    func render(_ format: OutputFormat, log: ErrorLog) throws(GraphvizError) -> [UInt8] {
        var data: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let rc = format.graphvizName.withCString { gvRenderData(gvc, graph, $0, &data, &length) }
        let buffer = RenderBuffer(pointer: data, length: Int(length))
        guard rc == 0 else { throw .renderFailed(log.errorText(or: "gvRenderData returned \(rc)")) }
        return buffer.bytes
    }
}

/// Owns the output of `gvRenderData` (freed with `gvFreeRenderData`).
struct RenderBuffer: ~Copyable {
    let pointer: UnsafeMutablePointer<CChar>?
    let length: Int

    deinit { if let pointer { gvFreeRenderData(pointer) } }

    var bytes: [UInt8] {
        guard let pointer, length > 0 else { return [] }
        return pointer.withMemoryRebound(to: UInt8.self, capacity: length) { Array(UnsafeBufferPointer(start: $0, count: length)) }
    }
}
