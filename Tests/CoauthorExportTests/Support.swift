import CoauthorExport
import CoauthorGraph
import CoauthorRecords
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

/// A paper by authors given as "Given Family" (split at the first space) or a single word.
func paper(_ id: String, _ names: [String], year: Int? = nil) -> PaperRecord {
    let authors = names.map { n -> AuthorName in
        if let sp = n.firstIndex(of: " ") {
            return AuthorName(raw: n, given: String(n[..<sp]), family: String(n[n.index(after: sp)...]))
        }
        return AuthorName(raw: n, family: n)
    }
    return PaperRecord(id: id, title: "T " + id, authors: authors, year: year, source: SourceLocation(file: "mem", line: 1))
}

func graph(_ papers: [PaperRecord]) -> CoauthorGraph {
    let b = CorpusBuilder()
    for p in papers { b.add(p) }
    return CoauthorGraph(corpus: b.finish())
}

/// Names that break naive writers: markup characters, quotes, backslash escapes Graphviz would
/// expand, an entity-looking text, accents, CJK.
let trickyNames = ["Zoë Ångström", "黄 钦", "José Ñúñez", "O\"Brien <Lab> & Co", "Back\\slash \\N", "AT&amp;T Research"]

/// A small graph with two circles and the tricky names (display names as written).
func smallGraph() -> CoauthorGraph {
    graph([
        paper("p1", ["Ada Lovelace", "Zoë Ångström", "黄 钦"], year: 2018),
        paper("p2", ["Ada Lovelace", "Zoë Ångström"], year: 2019),
        paper("p3", ["Ada Lovelace", "José Ñúñez", "O\"Brien <Lab> & Co"], year: 2020),
        paper("p4", ["José Ñúñez", "O\"Brien <Lab> & Co"], year: 2021),
        paper("p5", ["Back\\slash \\N", "AT&amp;T Research"], year: 2016),
        paper("p6", ["Ada Lovelace", "Zoë Ångström"], year: 2022),
        paper("p7", ["Ada Lovelace", "Zoë Ångström"], year: 2022),
    ])
}

/// A synthetic coauthorship graph: `authors` people in groups of 12, papers of 2–5 authors, mostly
/// from one group and skewed towards its first members. Deterministic.
func syntheticGraph(authors: Int, seed: UInt64 = 3) -> CoauthorGraph {
    var rng = SplitMix64(seed: seed)
    let groupSize = 12
    let groups = max(1, authors / groupSize)
    var papers: [PaperRecord] = []
    for p in 0..<(authors * 3 / 2) {
        let g = rng.next(below: groups)
        let k = 2 + rng.next(below: 4)
        var members = Set<Int>()
        while members.count < k {
            if rng.next(below: 10) == 0 { members.insert(rng.next(below: authors)) } else {
                let u = Double(rng.next(below: 1 << 20)) / Double(1 << 20)
                members.insert(min(authors - 1, g * groupSize + Int(Double(groupSize) * u * u)))
            }
        }
        papers.append(paper("p\(p)", members.sorted().map { "Author Number\($0)" }, year: 2000 + rng.next(below: 20)))
    }
    return graph(papers)
}

/// Degree as a stand-in centrality (tests need a size column, not a real metric).
func degrees(_ g: CoauthorGraph) -> [Double] { (0..<g.nodeCount).map { Double(g.degree($0)) } }

/// What an SVG holds, read with Foundation's XMLParser: the text of every `<title>` of node and edge
/// groups, and every `<text>`.
final class SVGContents: NSObject, XMLParserDelegate {
    var nodeTitles: [String] = []
    var edgeTitles: [String] = []
    var texts: [String] = []
    var nodeGroups = 0
    private var groupClass: [String?] = []
    private var text: String?
    private var inTitle = false
    private var error: Error?

    static func parse(_ svg: String) throws -> SVGContents {
        let c = SVGContents()
        let p = XMLParser(data: Data(svg.utf8))
        p.delegate = c
        guard p.parse() else { throw p.parserError ?? c.error ?? NSError(domain: "XML", code: 1) }
        return c
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if name == "g" {
            groupClass.append(attributes["class"])
            if attributes["class"] == "node" { nodeGroups += 1 }
        }
        if name == "title" || name == "text" { text = "" }
        inTitle = name == "title"
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text? += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "g" { groupClass.removeLast() }
        if name == "title", let t = text {
            if groupClass.last == "node" { nodeTitles.append(t) }
            if groupClass.last == "edge" { edgeTitles.append(t) }
        }
        if name == "text", let t = text { texts.append(t) }
        if name == "title" || name == "text" { text = nil }
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) { error = parseError }
}
