import CoauthorModel

/// Why a name typed by a user names no single author of a graph.
public enum AuthorLookupError: Error, Equatable, CustomStringConvertible {
    /// Nothing matches; `suggestions` are what to type instead (closest names first).
    case notFound(String, suggestions: [String])
    /// Several authors answer to the name; `candidates` are their identity keys (each works).
    case ambiguous(String, candidates: [AuthorLookup.Candidate])

    public var description: String {
        switch self {
        case .notFound(let text, let suggestions):
            var msg = "no author named '\(text)' in the graph"
            if !suggestions.isEmpty {
                msg += "; did you mean: " + suggestions.map { "'\($0)'" }.joined(separator: ", ") + "?"
            }
            return msg
        case .ambiguous(let text, let candidates):
            return "'\(text)' names \(candidates.count) authors; give one of their keys instead: "
                + candidates.map { "'\($0.key)' (\($0.name), \($0.papers) paper\($0.papers == 1 ? "" : "s"))" }
                    .joined(separator: ", ")
        }
    }
}

/// Finds the node of an author by what a user types: an identity key (`orcid:0000-…`,
/// `qin|huang`), the display name any command prints (also for authors keyed by an id, whose key
/// is not their name), any spelling the records used, or a name that folds to the same key
/// ("Huang, Qin", "qin huang"); a DBLP name typed without its homonym number finds the bare name.
/// A name that several authors share is reported as ambiguous with their keys, never guessed.
///
/// - Complexity: O(N) to build the key index; the name indexes (one name parse per display name
///   and spelling) are built on the first lookup that is not a key.
public final class AuthorLookup {
    /// An author a name could mean.
    public struct Candidate: Sendable, Equatable {
        public var key: String
        public var name: String
        public var papers: Int
    }

    public let graph: CoauthorGraph
    private var byKey: [String: Int32] = [:]
    /// Exact display names and spellings → nodes (each node once per name).
    private var byText: [String: [Int32]] = [:]
    /// Folded name keys (`given|family`, ids ignored) of display names and spellings → nodes.
    private var byNameKey: [String: [Int32]] = [:]
    private var namesIndexed = false

    public init(_ graph: CoauthorGraph) {
        self.graph = graph
        byKey.reserveCapacity(graph.nodeCount)
        for v in 0..<graph.nodeCount { byKey[graph.key(v)] = Int32(v) }
    }

    /// The node `text` names.
    /// - Throws: `AuthorLookupError.notFound` with suggestions, or `.ambiguous` with the keys of
    ///   every author the name fits.
    public func node(named text: String) throws(AuthorLookupError) -> Int {
        if let v = byKey[text] { return Int(v) }
        indexNames()
        if let exact = byText[text] { return try one(exact, text) }
        guard let parsed = NameParser.parse(text) else { throw .notFound(text, suggestions: suggest(text)) }
        if let k = NameKey.key(for: parsed), let v = byKey[k] { return Int(v) }
        if let k = NameKey.nameKey(given: parsed.given, family: parsed.family, raw: parsed.raw, corporate: false) {
            if let nodes = byNameKey[k] { return try one(nodes, text) }
            // A name typed without its DBLP number: the key of the bare name.
            if let v = byKey[k] { return Int(v) }
        }
        throw .notFound(text, suggestions: suggest(text))
    }

    private func one(_ nodes: [Int32], _ text: String) throws(AuthorLookupError) -> Int {
        if nodes.count == 1 { return Int(nodes[0]) }
        let candidates = nodes.map { v in
            Candidate(key: graph.key(Int(v)), name: graph.name(Int(v)), papers: Int(graph.nodePapers[Int(v)]))
        }.sorted { ($0.papers, $1.key) > ($1.papers, $0.key) }
        throw .ambiguous(text, candidates: candidates)
    }

    private func indexNames() {
        if namesIndexed { return }
        namesIndexed = true
        let authors = graph.corpus.authors
        // Every name of node v is added before the next node's, so a repeat is always the last entry.
        func add(_ v: Int32, _ text: String) {
            if byText[text]?.last != v { byText[text, default: []].append(v) }
            guard let parsed = NameParser.parse(text),
                  let k = NameKey.nameKey(given: parsed.given, family: parsed.family, raw: parsed.raw,
                                          corporate: false) else { return }
            if byNameKey[k]?.last != v { byNameKey[k, default: []].append(v) }
        }
        for v in 0..<graph.nodeCount {
            let node = Int32(v)
            let a = Int(graph.nodeAuthor[v])
            add(node, authors.displayName[a])
            if a < authors.spellings.count {
                for s in authors.spellings[a] where s.text != authors.displayName[a] { add(node, s.text) }
            }
        }
    }

    /// Up to five names closest to `text` (edit distance on folded names), each as it can be typed
    /// back: the display name, or the key when several authors share that name.
    public func suggest(_ text: String) -> [String] {
        indexNames()
        let target = Array(NameKey.norm(text).unicodeScalars.filter { NameKey.isLetterOrNumber($0) })
        guard !target.isEmpty else { return [] }
        var scored: [(distance: Int, name: String)] = []
        for v in 0..<graph.nodeCount {
            let name = graph.name(v)
            let cand = Array(NameKey.norm(name).unicodeScalars.filter { NameKey.isLetterOrNumber($0) })
            if abs(cand.count - target.count) > max(3, target.count / 2) { continue }
            let d = editDistance(target, cand)
            if d <= max(2, target.count / 3) {
                scored.append((d, (byText[name]?.count ?? 1) > 1 ? graph.key(v) : name))
            }
        }
        scored.sort { ($0.distance, $0.name) < ($1.distance, $1.name) }
        var seen = Set<String>()
        return scored.map(\.name).filter { seen.insert($0).inserted }.prefix(5).map { $0 }
    }
}

/// Levenshtein distance.
public func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}
