import CoauthorModel

/// Reads Semantic Scholar Graph API paper responses (https://api.semanticscholar.org/api-docs/graph):
///
///     {"paperId": "2d5673caa9e6…",                  ← the record's id
///      "externalIds": {"DOI": "10.1093/MIND/LIX.236.433", …},
///      "title": "…", "year": 1950, "publicationDate": "1950-10-01",
///      "venue": "…",                                 ← else journal.name, else publicationVenue.name
///      "publicationTypes": ["JournalArticle"],       ← the first is the category
///      "url": "…", "abstract": "…",
///      "authors": [{"authorId": "2262347", "name": "A. Turing",
///                   "externalIds": {"ORCID": "…"}}],   ← optional
///      "citations":  [paper | {"citingPaper": paper}, …],
///      "references": [paper | {"citedPaper": paper}, …]}
///
/// Every paper of a response is a record: the top-level paper (when it lists `authors`, or when the
/// response has no citation lists) and each paper in `citations` and `references`. Also read:
/// one citation or reference edge (`{"citingPaper": …}` / `{"citedPaper": …}`, as
/// `/paper/{id}/citations` lists them), a page `{"data": [...]}` of papers or edges, and a batch
/// response (a JSON array of papers; `null`s for unknown ids are passed over with a warning).
///
/// - An author is `name` split by `NameParser`, keyed by `authorId` as `PersistentID(.s2)` (S2's own
///   disambiguation; its names are abbreviated inconsistently, "E. Duflo" / "Esther Duflo"), with
///   an ORCID from the author's `externalIds` when the response has one.
/// - A paper listed twice in one response (same paperId) is read once.
/// - An unresolved reference (no paperId and no authors: S2 could not match the reference string
///   to a paper, e.g. "Author's names in italics refer to the Bibliography") is not a paper; they are
///   counted in one warning.
/// - An author response (`{"authorId", "name", "papers"}`) is not paper records: it is reported as
///   such instead of being misread.
public struct SemanticScholarReader: RecordReader {
    public static let format = InputFormat.s2
    public static let extensions: [String] = []

    public init(options: ReaderOptions) {}

    static let paperKeys = ["paperId", "citingPaper", "citedPaper"]

    public static func sniff(_ document: SourceDocument) -> Bool {
        guard let first = OpenAlexReader.firstByte(document.bytes),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        let o = JSONOutline(document.bytes)
        // One object after another is JSON Lines, not an API response.
        if o.kind == .object && o.complete && o.moreFollows { return false }
        switch o.kind {
        case .object:
            if o.keys.contains(where: paperKeys.contains) { return true }
            if o.keys.contains("authorId") { return true }           // an author response: reported
            if o.keys.contains("data"), let d = o.first("data") {
                return d.keys.contains(where: paperKeys.contains) || d.keys.contains("authorId")
            }
            return false
        case .array: return o.keys.contains("paperId")
        default: return false
        }
    }

    typealias FieldError = JSONLinesReader.FieldError

    /// Reading state for one response.
    final class Reading {
        let document: SourceDocument
        let sink: RecordSink
        @exclusivity(unchecked) var seen = Set<String>()
        @exclusivity(unchecked) var unresolved = 0
        init(document: SourceDocument, sink: RecordSink) {
            self.document = document
            self.sink = sink
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        let value = try JSONParser.parse(document)
        let whole = document.location(at: 0)
        let r = Reading(document: document, sink: sink)
        switch value {
        case .object(let o):
            if o["paperId"] != nil {
                try readResponse(o, r)
            } else if o["citingPaper"] != nil || o["citedPaper"] != nil {
                try readListed(value, path: "", location: SourceLocation(file: document.name, line: 1), r)
            } else if case .array(let data)? = o["data"] {
                if case .object(let first)? = data.first, first["authorId"] != nil, first["paperId"] == nil {
                    throw authorResponse(first, whole, inList: true)
                }
                try readList(data, member: "data", r)
            } else if o["authorId"] != nil {
                throw authorResponse(o, whole, inList: false)
            } else {
                let desc = JSONOutline(document.bytes).description
                throw RecordError.malformed(whole, "not a Semantic Scholar paper response: \(desc) (expected \"paperId\", \"citingPaper\"/\"citedPaper\" or a \"data\" page)")
            }
        case .array(let papers):
            try readList(papers, member: nil, r)
        default:
            throw RecordError.malformed(whole, "expected a Semantic Scholar paper response, found \(value.kindDescription)")
        }
        if r.unresolved > 0 {
            sink.warn(SourceLocation(file: document.name, line: 1),
                      "\(r.unresolved) unresolved reference\(r.unresolved == 1 ? "" : "s") (no paperId, no authors) not read as papers")
        }
    }

    func authorResponse(_ o: JSONObject, _ at: SourceLocation, inList: Bool) -> RecordError {
        var who = ""
        if let id = o["authorId"], let s = try? JSONLinesReader.idString(id, "authorId") { who = "authorId \(s)" }
        if case .string(let n)? = o["name"] { who += who.isEmpty ? "\"\(n)\"" : ", \"\(n)\"" }
        let what = inList ? "a page of Semantic Scholar authors" : "a Semantic Scholar author response"
        return RecordError.malformed(at, "\(what)\(who.isEmpty ? "" : " (\(who))"), not paper records: "
            + "request the papers instead (/paper/{id} with fields=authors, or /author/{id}/papers?fields=title,year,authors)")
    }

    /// A paper response: the paper itself, then its citations and references.
    private func readResponse(_ o: JSONObject, _ r: Reading) throws {
        var hasLists = false
        for key in ["citations", "references"] {
            if case .array(let a)? = o[key], !a.isEmpty { hasLists = true }
        }
        let hasAuthors: Bool
        if case .array? = o["authors"] { hasAuthors = true } else { hasAuthors = false }
        if hasAuthors || !hasLists {
            try readPaper(o, path: "paper", location: SourceLocation(file: r.document.name, line: 1), r)
        }
        for key in ["citations", "references"] {
            switch o[key] {
            case .array(let a)?: try readList(a, member: key, r)
            case nil, .null?: continue
            case let v?:
                try r.sink.skip(SourceLocation(file: r.document.name, line: 1),
                                "\"\(key)\" must be an array, found \(v.kindDescription); not read")
            }
        }
    }

    private func readList(_ list: [JSONValue], member: String?, _ r: Reading) throws {
        try JSONElementLocations(r.document, member: member).forEach(list) { i, v, location in
            try readListed(v, path: "\(member ?? "")[\(i)]", location: location, r)
        }
    }

    /// A list element: a paper, or an edge `{"citingPaper": paper}` / `{"citedPaper": paper}`.
    private func readListed(_ v: JSONValue, path: String, location: SourceLocation, _ r: Reading) throws {
        guard case .object(var o) = v else {
            if v.isNull {
                r.sink.warn(location, "\(path): null (an id the API did not find) passed over")
            } else {
                try r.sink.skip(location, "\(path): expected a paper object, found \(v.kindDescription)")
            }
            return
        }
        var p = path
        for key in ["citingPaper", "citedPaper"] where o["paperId"] == nil {
            guard let inner = o[key] else { continue }
            guard case .object(let paper) = inner else {
                try r.sink.skip(location, "\(path).\(key): expected a paper object, found \(inner.kindDescription)")
                return
            }
            o = paper
            p += "." + key
        }
        try readPaper(o, path: p, location: location, r)
    }

    private func readPaper(_ o: JSONObject, path: String, location: SourceLocation, _ r: Reading) throws {
        var warnings: [String] = []
        let record: PaperRecord?
        do throws(FieldError) {
            record = try SemanticScholarReader.paper(o, path: path, location: location, warnings: &warnings)
        } catch {
            try r.sink.skip(location, "\(path): \(error.message)")
            return
        }
        guard let record else { r.unresolved += 1; return }
        if o["paperId"] != nil, !r.seen.insert(record.id).inserted {
            r.sink.warn(location, "\(path): paper \(record.id) is listed again; read once")
            return
        }
        for w in warnings { r.sink.warn(location, "\(path): " + w) }
        try r.sink.emit(record)
    }

    static func string(_ v: JSONValue?, _ key: String) throws(FieldError) -> String? {
        guard let v else { return nil }
        guard let s = try JSONLinesReader.string(v, key) else { return nil }
        let t = JSONLinesReader.trimmed(s)
        return t.isEmpty ? nil : t
    }

    /// One paper's record; nil for an unresolved reference (no paperId, no authors).
    static func paper(_ o: JSONObject, path: String, location: SourceLocation,
                      warnings: inout [String]) throws(FieldError) -> PaperRecord? {
        var id: String?
        if let v = o["paperId"] { id = try JSONLinesReader.idString(v, "paperId") }
        var authors: [AuthorName] = []
        var listsAuthors = false
        switch o["authors"] {
        case nil, .null?:
            warnings.append("no authors in the response (request fields=authors)")
        case .array(let list)?:
            listsAuthors = !list.isEmpty
            for (i, a) in list.enumerated() {
                guard case .object(let au) = a else {
                    if a.isNull { warnings.append("authors[\(i)]: null ignored"); continue }
                    throw FieldError("authors[\(i)] must be an object, found \(a.kindDescription)")
                }
                guard let name = try author(au, index: i, warnings: &warnings) else {
                    warnings.append("authors[\(i)]: author without a name ignored")
                    continue
                }
                if JSONLinesReader.hasLetterOrDigit(name) {
                    authors.append(name)
                } else {
                    warnings.append("authors[\(i)]: \"\(name.raw)\" has no letters or digits; not an author")
                }
            }
        case let v?:
            throw FieldError("\"authors\" must be an array, found \(v.kindDescription)")
        }
        if id == nil && !listsAuthors { return nil }
        let title = try string(o["title"], "title") ?? ""
        var year: Int?
        if let v = o["year"] { year = try JSONLinesReader.yearValue(v) }
        var date: PaperDate?
        if let v = o["publicationDate"] {
            do throws(FieldError) { date = try JSONLinesReader.dateValue(v) } catch {
                warnings.append("publicationDate: \(error.message)")
            }
        }
        if let y = year, let d = date, d.year != y { date = nil }
        var doi: String?
        if case .object(let ext)? = o["externalIds"] {
            doi = try string(ext["DOI"], "externalIds.DOI").flatMap(ReaderSupport.bareDOI)
        }
        var venue = try string(o["venue"], "venue")
        if venue == nil, case .object(let j)? = o["journal"] { venue = try string(j["name"], "journal.name") }
        if venue == nil, case .object(let pv)? = o["publicationVenue"] { venue = try string(pv["name"], "publicationVenue.name") }
        var category: String?
        if case .array(let types)? = o["publicationTypes"], case .string(let t)? = types.first { category = t }
        let url = try string(o["url"], "url")
        let abstract = try string(o["abstract"], "abstract")
        return PaperRecord(id: id ?? path, title: title, authors: authors, year: year, date: date, venue: venue,
                           category: category, doi: doi, url: url, abstract: abstract, source: location)
    }

    /// `{"authorId", "name", "externalIds"?}`; nil when it has no name.
    static func author(_ a: JSONObject, index i: Int, warnings: inout [String]) throws(FieldError) -> AuthorName? {
        guard let text = try string(a["name"], "authors[\(i)].name"), var name = NameParser.parse(text) else { return nil }
        var ids: [PersistentID] = []
        if case .object(let ext)? = a["externalIds"], let v = ext["ORCID"],
           let s = try JSONLinesReader.idString(v, "authors[\(i)].externalIds.ORCID") {
            if let orcid = PersistentID.orcid(normalizing: s) {
                ids.append(orcid)
            } else {
                warnings.append("authors[\(i)]: \"\(s)\" is not a valid ORCID iD; ignored")
            }
        }
        if let v = a["authorId"], let s = try JSONLinesReader.idString(v, "authors[\(i)].authorId") {
            ids.append(PersistentID(.s2, s))
        }
        name.ids = ids + name.ids
        return name
    }
}
