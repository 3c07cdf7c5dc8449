import CoauthorModel

/// Reads OpenAlex works (https://docs.openalex.org/api-entities/works/work-object) in the three
/// shapes they come in:
/// - one work, as `GET /works/W…` returns it;
/// - an API page of works, `{"meta": {…}, "results": [work, …]}` (or a bare array of works);
/// - JSON Lines, one work per line, as the snapshot and `--jsonl` exports write them.
///
///     {"id": "https://openalex.org/W2741809807",                     ← the record's id (bare `W…`)
///      "doi": "https://doi.org/10.7717/peerj.4375",                  ← bare DOI
///      "title": "The state of OA: …",                                ← else `display_name`
///      "publication_year": 2018, "publication_date": "2018-02-13",
///      "type": "article",                                            ← category
///      "primary_location": {"landing_page_url": "…",                 ← url
///                           "source": {"display_name": "PeerJ"}},    ← venue (else `host_venue`)
///      "authorships": [{"author": {"id": "https://openalex.org/A5023888391",
///                                  "display_name": "Heather Piwowar",
///                                  "orcid": "https://orcid.org/0000-0003-1613-5981"},
///                       "raw_author_name": "Heather A. Piwowar",
///                       "institutions": [{"id": "https://openalex.org/I…", "ror": "https://ror.org/…",
///                                         "display_name": "…", "country_code": "US", "type": "education"}],
///                       "countries": ["US"], …}],                 ← affiliations (`institutions(_:index:)`)
///      "is_authors_truncated": false,                                ← list endpoints cut at 100
///      "abstract_inverted_index": {"Despite": [0], …}}               ← abstract, rebuilt
///
/// An author is `author.display_name` (else `raw_author_name`) split by `NameParser`, with
/// `author.id` as `PersistentID(.openalex, "A…")` and `author.orcid` as `PersistentID(.orcid)` in
/// the bare `0000-0000-0000-000X` form (an ORCID with a wrong check digit is reported and left
/// out). `null` counts as absent. A work whose members have the wrong type is skipped with its
/// location (its line: JSON Lines line, or where it starts in the document).
///
/// A `.json` document is recognised by content (an `authorships` member or an `id` on
/// openalex.org, in the document or the first result); a `.jsonl` file whose first object is a
/// work is taken from the JSON Lines reader (`claimsByContent`). Another OpenAlex entity (an
/// author `A…`, a source `S…`) is reported as not a work.
public struct OpenAlexReader: RecordReader {
    public static let format = InputFormat.openalex
    public static let extensions: [String] = []
    public static let claimsByContent = ["jsonl", "ndjson"]

    /// An input read in pieces: whether it is JSON Lines of works or a results page / array of
    /// works (`RecordBoundary.jsonArray`, then its later pieces are arrays of works), told at its
    /// first piece, and the works of its earlier pieces.
    let pieces = PieceState((jsonLines: true, isPage: false, worksBefore: 0))

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        guard let first = firstByte(document.bytes), first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        return recognises(JSONOutline(document.bytes))
    }

    static func recognises(_ o: JSONOutline) -> Bool {
        switch o.kind {
        case .object:
            if isWork(o.keys, o.strings) || isOpenAlexID(o.strings["id"]) { return true }
            if o.keys.contains("results") {
                if let r = o.first("results") { return isWork(r.keys, r.strings) || isOpenAlexID(r.strings["id"]) }
                return o.keys.contains("meta") && o.strings["id"] == nil
            }
            return false
        case .array: return isWork(o.keys, o.strings)
        default: return false
        }
    }

    static func isWork(_ keys: [String], _ strings: [String: String]) -> Bool {
        keys.contains("authorships") || (strings["id"].map { $0.hasPrefix("https://openalex.org/W") } ?? false)
    }

    static func isOpenAlexID(_ id: String?) -> Bool { id?.hasPrefix("https://openalex.org/") ?? false }

    static func firstByte(_ b: [UInt8]) -> UInt8? {
        b.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        // A piece of a longer input (`SourceDocument.isPiece`) is cut at line ends only when the
        // input is JSON Lines of works.
        let outline = JSONOutline(document.bytes)
        if document.isPiece && document.pieceIndex == 0 {
            // As `RecordLoader.boundary(for:)` cut it: an array of works, a results page, else
            // JSON Lines of works (whose first piece may hold a single line).
            let page = outline.kind == .object && outline.keys.contains("results") && !outline.keys.contains("authorships")
            pieces.value = (!page && outline.kind != .array, page, 0)
        }
        if document.isPiece && document.pieceIndex > 0 && !pieces.value.jsonLines {
            // A later piece of a results page or an array of works: an array of works.
            guard case .array(let works) = try JSONParser.parse(document) else { return }
            try readWorks(works, member: nil, path: pieces.value.isPage ? "results" : nil, document: document, sink: sink)
            return
        }
        if (document.isPiece && pieces.value.jsonLines) || (outline.complete && outline.moreFollows && outline.kind == .object) {
            // JSON Lines: one work per line.
            try JSONLinesReader.forEachObject(in: document, sink: sink) { object, location in
                try OpenAlexReader.readWork(object, id: "line \(location.line)", location: location, sink: sink)
            }
            return
        }
        let value = try JSONParser.parse(document)
        let whole = document.location(at: 0)
        switch value {
        case .object(let o):
            if o["results"] != nil, o["authorships"] == nil {
                guard case .array(let works) = o["results"]! else {
                    throw RecordError.malformed(whole, "OpenAlex \"results\" must be an array, found \(o["results"]!.kindDescription)")
                }
                try readWorks(works, member: "results", document: document, sink: sink)
            } else {
                try OpenAlexReader.checkIsWork(o, at: whole)
                try OpenAlexReader.readWork(o, id: "work", location: SourceLocation(file: document.name, line: 1), sink: sink)
            }
        case .array(let works):
            try readWorks(works, member: nil, document: document, sink: sink)
        default:
            throw RecordError.malformed(whole, "expected an OpenAlex work, a results page or JSON Lines of works, found \(value.kindDescription)")
        }
    }

    /// `member`: where the works are in the document; `path`: what their ids say (`results[3]`).
    private func readWorks(_ works: [JSONValue], member: String?, path: String? = nil, document: SourceDocument, sink: RecordSink) throws {
        let path = path ?? member ?? ""
        let elements = JSONElementLocations(document, member: member)
        let before = document.isPiece ? pieces.value.worksBefore : 0
        if document.isPiece { pieces.value.worksBefore += works.count }
        try elements.forEach(works) { k, w, location in
            let i = before + k
            guard case .object(let o) = w else {
                try sink.skip(location, "\(path)[\(i)]: expected an OpenAlex work object, found \(w.kindDescription)")
                return
            }
            if i == 0 { try OpenAlexReader.checkIsWork(o, at: document.location(at: elements.offsets.first ?? 0)) }
            try OpenAlexReader.readWork(o, id: "\(path)[\(i)]", location: location, sink: sink)
        }
    }

    /// Another entity (an author, a source …) is not read as a work.
    static func checkIsWork(_ o: JSONObject, at location: SourceLocation) throws {
        guard o["authorships"] == nil, case .string(let id)? = o["id"] else { return }
        let bare = bareID(id)
        guard let kind = bare.first, kind != "W" else { return }
        let entity: String
        switch kind {
        case "A": entity = "an OpenAlex author"
        case "S": entity = "an OpenAlex source"
        case "I": entity = "an OpenAlex institution"
        case "T": entity = "an OpenAlex topic"
        case "C": entity = "an OpenAlex concept"
        case "P": entity = "an OpenAlex publisher"
        case "F": entity = "an OpenAlex funder"
        default: entity = "an OpenAlex entity"
        }
        throw RecordError.malformed(location, "\(entity) (\(bare)), not a work: read works (/works?filter=…) instead")
    }

    /// `https://openalex.org/W123` → `W123`.
    static func bareID(_ s: String) -> String {
        var t = Substring(s.trimmingSpaces())
        for p in ["https://openalex.org/", "http://openalex.org/", "https://api.openalex.org/works/", "https://api.openalex.org/"]
        where t.hasPrefix(p) {
            t = t.dropFirst(p.count)
            break
        }
        return String(t)
    }

    static func readWork(_ o: JSONObject, id fallbackID: String, location: SourceLocation, sink: RecordSink) throws {
        var warnings: [String] = []
        let record: PaperRecord
        do throws(FieldError) {
            record = try work(o, id: fallbackID, location: location, warnings: &warnings)
        } catch {
            try sink.skip(location, error.message)
            return
        }
        for w in warnings { sink.warn(location, w) }
        try sink.emit(record)
    }

    typealias FieldError = JSONLinesReader.FieldError
    static func string(_ v: JSONValue?, _ key: String) throws(FieldError) -> String? {
        guard let v else { return nil }
        return try JSONLinesReader.string(v, key)
    }

    /// One work's record.
    static func work(_ o: JSONObject, id fallbackID: String, location: SourceLocation,
                     warnings: inout [String]) throws(FieldError) -> PaperRecord {
        var id = fallbackID
        if let v = o["id"], let s = try JSONLinesReader.idString(v, "id") { id = bareID(s) }
        var title = try string(o["title"], "title")
        if title == nil { title = try string(o["display_name"], "display_name") }
        var year: Int?
        if let v = o["publication_year"] { year = try JSONLinesReader.yearValue(v) }
        var date: PaperDate?
        if let v = o["publication_date"] {
            do { date = try JSONLinesReader.dateValue(v) } catch { warnings.append("publication_date: \(error.message)") }
        }
        if let y = year, let d = date, d.year != y { date = nil }
        let doi = try string(o["doi"], "doi").flatMap(ReaderSupport.bareDOI)
        var venue: String?
        var url: String?
        if case .object(let loc)? = o["primary_location"] {
            url = try string(loc["landing_page_url"], "primary_location.landing_page_url")
            if case .object(let src)? = loc["source"] {
                venue = try string(src["display_name"], "primary_location.source.display_name")
            }
        }
        if venue == nil, case .object(let hv)? = o["host_venue"] {
            venue = try string(hv["display_name"], "host_venue.display_name")
        }
        let category = try string(o["type"], "type")
        var truncated = false
        if case .bool(let b)? = o["is_authors_truncated"] { truncated = b }
        var abstract: String?
        if case .object(let index)? = o["abstract_inverted_index"] { abstract = rebuildAbstract(index) }

        var authors: [AuthorName] = []
        var affiliations = AffiliationCollector()
        switch o["authorships"] {
        case nil, .null?:
            break
        case .array(let list)?:
            for (i, a) in list.enumerated() {
                guard case .object(let authorship) = a else {
                    if a.isNull { warnings.append("authorships[\(i)]: null ignored"); continue }
                    throw FieldError("authorships[\(i)] must be an object, found \(a.kindDescription)")
                }
                if let name = try author(authorship, index: i, warnings: &warnings) {
                    if JSONLinesReader.hasLetterOrDigit(name) {
                        for a in try institutions(authorship, index: i) { affiliations.link(author: authors.count, a) }
                        authors.append(name)
                    } else {
                        warnings.append("authorships[\(i)]: \"\(name.raw)\" has no letters or digits; not an author")
                    }
                } else {
                    warnings.append("authorships[\(i)]: author without a name ignored")
                }
            }
        case let v?:
            throw FieldError("\"authorships\" must be an array, found \(v.kindDescription)")
        }
        var record = PaperRecord(id: id, title: title ?? "", authors: authors, authorsTruncated: truncated, year: year,
                                 date: date, venue: venue, category: category, doi: doi, url: url,
                                 abstract: abstract, source: location)
        affiliations.apply(to: &record)
        return record
    }

    /// One authorship's affiliations: each of `institutions` (display name; OpenAlex id and ROR as
    /// `openalex:I…` and `ror:…`; `country_code`; `type`); then each code of `countries` that no
    /// institution carries, as a country-only affiliation; and, only when there is neither, each of
    /// `raw_affiliation_strings` as an address (its country is then read from the text).
    static func institutions(_ a: JSONObject, index i: Int) throws(FieldError) -> [Affiliation] {
        var out: [Affiliation] = []
        var codes = Set<String>()
        if case .array(let list)? = a["institutions"] {
            for (k, v) in list.enumerated() {
                guard case .object(let inst) = v else { continue }
                let path = "authorships[\(i)].institutions[\(k)]"
                var ids: [PersistentID] = []
                if let s = try JSONLinesReader.idString(inst["id"] ?? .null, "\(path).id") {
                    ids.append(PersistentID(.openalex, bareID(s)))
                }
                if let s = try string(inst["ror"], "\(path).ror") {
                    let bare = JSONLinesReader.trimmed(s)
                    let value = bare.hasPrefix("https://ror.org/") ? String(bare.dropFirst(16)) : bare
                    if !value.isEmpty { ids.append(PersistentID(.ror, value)) }
                }
                let code = try string(inst["country_code"], "\(path).country_code").map(JSONLinesReader.trimmed)
                let name = try string(inst["display_name"], "\(path).display_name").map(JSONLinesReader.trimmed) ?? ""
                guard !name.isEmpty || !ids.isEmpty else { continue }
                if let c = code, !c.isEmpty { codes.insert(c.uppercased()) }
                out.append(Affiliation(name: name, ids: ids, countryCode: code?.isEmpty == false ? code : nil,
                                       type: try string(inst["type"], "\(path).type")))
            }
        }
        var countryOnly = false
        if case .array(let list)? = a["countries"] {
            for v in list {
                guard case .string(let c) = v else { continue }
                let code = JSONLinesReader.trimmed(c).uppercased()
                guard !code.isEmpty, codes.insert(code).inserted else { continue }
                out.append(Affiliation(name: "", countryCode: code))
                countryOnly = true
            }
        }
        if out.isEmpty && !countryOnly, case .array(let list)? = a["raw_affiliation_strings"] {
            for v in list {
                guard case .string(let text) = v else { continue }
                let t = JSONLinesReader.trimmed(text)
                if !t.isEmpty { out.append(Affiliation(name: t)) }
            }
        }
        return out
    }

    /// One authorship: the name and ids of its `author`.
    static func author(_ a: JSONObject, index i: Int, warnings: inout [String]) throws(FieldError) -> AuthorName? {
        var displayName: String?
        var ids: [PersistentID] = []
        switch a["author"] {
        case .object(let au)?:
            displayName = try string(au["display_name"], "authorships[\(i)].author.display_name")
            if let v = au["orcid"], let s = try JSONLinesReader.idString(v, "authorships[\(i)].author.orcid") {
                if let orcid = PersistentID.orcid(normalizing: s) {
                    ids.append(orcid)
                } else {
                    warnings.append("authorships[\(i)]: \"\(s)\" is not a valid ORCID iD; ignored")
                }
            }
            if let v = au["id"], let s = try JSONLinesReader.idString(v, "authorships[\(i)].author.id") {
                ids.append(PersistentID(.openalex, bareID(s)))
            }
        case nil, .null?: break
        case let v?: throw FieldError("authorships[\(i)].author must be an object, found \(v.kindDescription)")
        }
        let raw = try string(a["raw_author_name"], "authorships[\(i)].raw_author_name")
        let text = JSONLinesReader.trimmed(displayName ?? "").isEmpty ? (raw ?? "") : displayName!
        guard var name = NameParser.parse(text) else { return nil }
        name.ids = ids + name.ids
        return name
    }

    /// The words of an inverted index put back in position order; nil when it is empty or unusable.
    static func rebuildAbstract(_ index: JSONObject) -> String? {
        var slots: [(Int, String)] = []
        for (word, positions) in index.members {
            guard case .array(let ps) = positions else { continue }
            for p in ps {
                guard let n = p.intValue, n >= 0, n < 1_000_000 else { continue }
                slots.append((n, word))
            }
        }
        guard !slots.isEmpty else { return nil }
        slots.sort { $0.0 < $1.0 }
        return slots.map(\.1).joined(separator: " ")
    }
}
