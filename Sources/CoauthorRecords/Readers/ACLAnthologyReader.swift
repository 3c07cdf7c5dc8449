import CoauthorModel

/// Reads the ACL Anthology's metadata XML (`data/xml/*.xml` of github.com/acl-org/acl-anthology),
/// one collection per file.
///
///     <collection id="P19">                        ← or a new-style id: "2020.acl"
///       <volume id="1">
///         <meta><booktitle>Proceedings of …</booktitle><year>2019</year>…</meta>   ← venue, year
///         <frontmatter>…</frontmatter>              ← not a paper
///         <paper id="1">
///           <title>… <fixed-case>R</fixed-case>e… <tex-math>…</tex-math></title>  ← markup flattened
///           <author id="yang-liu-ict"><first>Yang</first><last>Liu</last></author>
///           <doi>10.18653/v1/P19-1001</doi> <url>P19-1001</url> <abstract>…</abstract>
///
/// - The id is the Anthology ID as the Anthology forms it: `2020.acl-main.1` (collection-volume.paper)
///   for new-style collections (the id starts with a digit); before 2020 a letter, two year digits,
///   and the volume and paper numbers padded to one and three digits (`P19-1001`) or, for workshops
///   (`W…`), `C69` and volumes 5 and up of `D19`, to two and two (`W19-0101`).
/// - `<author id>` becomes `PersistentID(.acl, id)`; `first` and `last` are the given and family
///   names (a `<variant>` in another script is not read). Editors are not authors.
/// - Year and venue come from the volume's `<meta>`; a paper with no authors is still a paper.
public struct ACLAnthologyReader: RecordReader {
    public static let format = InputFormat.acl
    /// `.xml` is shared by several formats, so Anthology XML is recognised by its root element.
    public static let extensions: [String] = []

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        guard let root = XMLScanner.rootElement(of: document.bytes) else { return false }
        return root.name == "collection" && root.attributes["id"] != nil
    }

    enum State: UInt8, XMLWalkState {
        case ignore, collection, volume, meta, paper, author
        // Elements whose text is read.
        case booktitle, year, title, first, last, doi, url, abstract

        var capturesText: Bool { rawValue >= State.booktitle.rawValue }
    }

    struct Paper {
        var source = SourceLocation(file: "", line: 0)
        var id: String?
        var title = ""
        var authors: [AuthorName] = []
        var doi: String?
        var url: String?
        var abstract: String?
        var problem: (location: SourceLocation, message: String)?
    }

    struct Author {
        var offset = 0
        var id: String?
        var first = ""
        var last = ""
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        var input = XMLInput(document)
        var collectionID = ""
        var volumeID: String?
        var volumeSource = SourceLocation(file: "", line: 0)
        var booktitle: String?
        var year: Int?
        var papers: [Paper] = []        // the volume's papers, emitted when its <meta> is known
        var paper: Paper?
        var author = Author()

        try input.walk(XMLWalkHandlers<State>(
            root: { e, input in
                try input.expectRoot(e, "collection", format: "an ACL Anthology XML file")
                guard let id = input.scanner.attribute("id"), !id.isEmpty else {
                    throw RecordError.malformed(input.location(at: e.offset), "<collection> without an id")
                }
                collectionID = id
                return .collection
            },
            child: ACLAnthologyReader.tree.child,
            reference: { loc, message in
                guard paper != nil else { throw RecordError.malformed(loc, message) }
                if paper!.problem == nil { paper!.problem = (loc, message) }
            },
            open: { state, _, e, input in
                let s = input.scanner
                switch state {
                case .volume:
                    volumeID = s.attribute("id")
                    volumeSource = input.location(at: e.offset)
                    booktitle = nil
                    year = nil
                    papers = []
                case .paper:
                    var p = Paper()
                    p.source = input.lineLocation(at: e.offset)
                    if let v = volumeID, let n = s.attribute("id") {
                        p.id = ACLAnthologyReader.anthologyID(collection: collectionID, volume: v, paper: n)
                    }
                    paper = p
                case .author:
                    author = Author()
                    author.offset = e.offset
                    author.id = s.attribute("id")
                default:
                    break
                }
            },
            text: { state, text, offset, input in
                switch state {
                case .booktitle: booktitle = text
                case .year:
                    if text.utf8.count == 4, let v = Int(text) { year = v }
                    else { sink.warn(input.location(at: offset), "year '\(text)' is not a year; ignored") }
                case .title: paper?.title = text
                case .first: author.first = text
                case .last: author.last = text
                case .doi: if !text.isEmpty { paper?.doi = text }
                case .url: if !text.isEmpty { paper?.url = text.hasPrefix("http") ? text : "https://aclanthology.org/" + text }
                case .abstract: if !text.isEmpty { paper?.abstract = text }
                default: break
                }
            },
            close: { state, input in
                switch state {
                case .author:
                    guard paper != nil else { break }
                    if let name = ACLAnthologyReader.name(author) {
                        paper!.authors.append(name)
                    } else {
                        sink.warn(input.location(at: author.offset), "<author> without a name left out")
                    }
                case .paper:
                    if let p = paper { papers.append(p) }
                    paper = nil
                case .volume:
                    if volumeID == nil, !papers.isEmpty {
                        for _ in papers { try sink.skip(volumeSource, "<volume> without an id: its papers have no Anthology ID") }
                        papers = []
                    }
                    for p in papers { try self.emit(p, year: year, venue: booktitle, sink) }
                    papers = []
                    volumeID = nil
                default:
                    break
                }
            }))
    }

    /// The elements read, by parent.
    static let tree = XMLElementTree<State>([
        .collection: [("volume", .volume)],
        .volume: [("meta", .meta), ("paper", .paper)],
        .meta: [("booktitle", .booktitle), ("year", .year)],
        .paper: [("title", .title), ("author", .author), ("doi", .doi), ("url", .url), ("abstract", .abstract)],
        .author: [("first", .first), ("last", .last)],
    ])

    static func name(_ a: Author) -> AuthorName? {
        authorName(first: a.first, last: a.last, id: a.id)
    }

    /// An Anthology author: `first` is the given name, `last` the family name (a single name is
    /// written as `last`; a lone `first` is used as the family name); nil when both are empty.
    public static func authorName(first: String, last: String, id: String?) -> AuthorName? {
        var given = XMLText.collapse(first), family = XMLText.collapse(last)
        if family.isEmpty { family = given; given = "" }
        guard !family.isEmpty else { return nil }
        let ids = id.map { [PersistentID(.acl, $0)] } ?? []
        return AuthorName(raw: given.isEmpty ? family : given + " " + family,
                          given: given.isEmpty ? nil : given, family: family, ids: ids)
    }

    /// The Anthology ID of a paper, formed as the Anthology does; nil when an old-style volume or
    /// paper id is not a number.
    public static func anthologyID(collection: String, volume: String, paper: String) -> String? {
        if let f = collection.utf8.first, f >= 0x30 && f <= 0x39 {
            return "\(collection)-\(volume).\(paper)"
        }
        guard let v = Int(volume), let p = Int(paper), v >= 0, p >= 0 else { return nil }
        func padded(_ x: Int, _ width: Int) -> String {
            let s = String(x)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        if collection.hasPrefix("W") || collection == "C69" || (collection == "D19" && v >= 5) {
            return "\(collection)-\(padded(v, 2))\(padded(p, 2))"
        }
        return "\(collection)-\(v)\(padded(p, 3))"
    }

    private func emit(_ p: Paper, year: Int?, venue: String?, _ sink: RecordSink) throws {
        // An id is never empty (`anthologyID`).
        guard let id = try sink.usableID(p.id, at: p.source, missing: "<paper> without a usable id",
                                         problem: p.problem, idName: "paper") else { return }
        try sink.emit(PaperRecord(id: id, title: p.title, authors: p.authors, year: year, venue: venue,
                                  doi: p.doi, url: p.url, abstract: p.abstract, source: p.source))
    }
}
