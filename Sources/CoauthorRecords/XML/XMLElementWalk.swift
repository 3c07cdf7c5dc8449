import CoauthorModel

/// A reader's position in the element tree: one case per element it knows, `ignore` for the rest.
/// The states at or after the first text-reading state collect their element's text.
protocol XMLWalkState: Equatable {
    static var ignore: Self { get }
    /// Whether the element's text (inner markup flattened) is collected for the reader.
    var capturesText: Bool { get }
}

/// What a reader does at each point of an element walk (`XMLInput.walk`).
struct XMLWalkHandlers<State: XMLWalkState> {
    /// The root element: checks it and returns its state.
    var root: (_ event: XMLScanner.Event, _ input: inout XMLInput) throws -> State
    /// The state of a child element named `name` under `parent` (`.ignore` when not read).
    var child: (_ parent: State, _ name: Range<Int>, _ scanner: XMLScanner) -> State
    /// A bad character or entity reference at `location`: the reader marks the open record or throws.
    var reference: (_ location: SourceLocation, _ message: String) throws -> Void
    /// An element opens (attributes are read from `input.scanner`); may change its state.
    var open: (_ state: inout State, _ parent: State, _ event: XMLScanner.Event, _ input: inout XMLInput) throws -> Void
    /// A text-collecting element closed: its collapsed text and its start's byte offset.
    var text: (_ state: State, _ text: String, _ offset: Int, _ input: inout XMLInput) throws -> Void
    /// Any other element closes.
    var close: (_ state: State, _ input: inout XMLInput) throws -> Void
    /// Elements left `.ignore` (by `child` and `open`) outside any text being collected are passed
    /// over whole by `XMLScanner.skipElement` when they are simple, their events never made: for
    /// readers whose `close` does nothing for `.ignore`.
    var skipsIgnored = false
}

extension XMLInput {
    /// Walks the document's elements with a stack of reader states, the element-path state
    /// machine the PubMed and ACL Anthology readers share: each start element's state comes from
    /// its parent's (`child`), the text of the outermost text-collecting element is gathered with
    /// its inner markup flattened and handed over once when it closes, and bad references are
    /// reported wherever they occur.
    /// - Complexity: O(document length); the stack is as deep as the element nesting.
    mutating func walk<State: XMLWalkState>(_ h: XMLWalkHandlers<State>) throws {
        var states: [State] = []
        states.reserveCapacity(32)
        var capture = State.ignore
        var captureDepth = 0
        var captureOffset = 0
        var captureText: [UInt8] = []   // kept as bytes; one string made when the element closes
        while let e = try next() {
            switch e.kind {
            case .startElement:
                if let (loc, message) = referenceProblem(e) { try h.reference(loc, message) }
                guard let parent = states.last else {
                    states.append(try h.root(e, &self))
                    continue
                }
                var state = h.child(parent, e.name, scanner)
                try h.open(&state, parent, e, &self)
                if h.skipsIgnored, state == .ignore, capture == .ignore, scanner.skipElement(e) { continue }
                if state.capturesText && capture == .ignore {
                    capture = state
                    captureDepth = scanner.depth
                    captureOffset = e.offset
                    captureText.removeAll(keepingCapacity: true)
                }
                states.append(state)
            case .text, .cdata:
                if let (loc, message) = referenceProblem(e) { try h.reference(loc, message) }
                if capture != .ignore { scanner.appendText(e, to: &captureText) }
            case .endElement:
                let state = states.removeLast()
                if capture != .ignore && scanner.depth + 1 == captureDepth {
                    try h.text(capture, XMLText.collapse(&captureText), captureOffset, &self)
                    capture = .ignore
                    continue
                }
                try h.close(state, &self)
            default:
                continue
            }
        }
    }
}

/// The element tree a reader knows, written once as data: for each parent state, the names of the
/// child elements it reads and their states (`child` of `XMLWalkHandlers`). Looked up by the
/// parent's raw value, the names compared in the order given; any other element is `.ignore`.
struct XMLElementTree<State: XMLWalkState & RawRepresentable & Sendable>: Sendable where State.RawValue == UInt8 {
    private var children: [[(name: StaticString, state: State)]] = []

    init(_ table: KeyValuePairs<State, [(StaticString, State)]>) {
        for (parent, list) in table {
            let i = Int(parent.rawValue)
            if children.count <= i { children += Array(repeating: [], count: i + 1 - children.count) }
            children[i] += list.map { (name: $0.0, state: $0.1) }
        }
    }

    /// The state of the child element named `n` (a range of `s`'s buffer) under `parent`.
    func child(of parent: State, _ n: Range<Int>, _ s: XMLScanner) -> State {
        let i = Int(parent.rawValue)
        guard i < children.count else { return .ignore }
        for c in children[i] where s.isName(n, c.name) { return c.state }
        return .ignore
    }
}
