import CoauthorModel

/// Reads CSL-JSON (https://citeproc-js.readthedocs.io/en/latest/csl-json/markup.html): a JSON
/// array of CSL items, as Zotero, Mendeley, Better BibTeX, pandoc and citeproc tools export them
/// (a single item object, as DOI content negotiation returns it, is read too). The item mapping is
/// `CSL.record`, shared with `CSLYAMLReader`.
///
/// Recognised by content (`.json` says nothing): an array whose first element is an object with a
/// `type` and one of `id`, `title`, `author`, `issued`, `container-title`, `DOI` (and no OpenAlex
/// `authorships` or Semantic Scholar `paperId`). Each record's line is where its item starts.
public struct CSLJSONReader: RecordReader {
    public static let format = InputFormat.cslJSON
    public static let extensions: [String] = []

    /// Items read in the input's earlier pieces (an array read in pieces: `RecordBoundary.jsonArray`).
    let itemsBefore = PieceState(0)

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        guard let first = OpenAlexReader.firstByte(document.bytes),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else { return false }
        let o = JSONOutline(document.bytes)
        guard o.kind == .array || o.kind == .object else { return false }
        // One object after another is JSON Lines (on standard input no extension says so), never CSL-JSON.
        if o.kind == .object && o.complete && o.moreFollows { return false }
        return CSL.looksLikeItem(o.keys)
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        let value = try JSONParser.parse(document)
        let whole = document.location(at: 0)
        let items: [JSONValue]
        switch value {
        case .array(let a):
            items = a
        case .object(let o):
            // One item on its own must say it is one (CSL requires `type`).
            guard CSL.looksLikeItem(o.keys) else {
                let other = CSL.otherFormat(o.keys).map { " (\($0))" } ?? " (a CSL item needs \"type\" and \"id\", \"title\", \"author\" or \"issued\")"
                throw RecordError.malformed(whole, "not CSL-JSON: \(JSONOutline(document.bytes).description)\(other)")
            }
            items = [value]
        default:
            throw RecordError.malformed(whole, "expected CSL-JSON (an array of CSL items), found \(value.kindDescription)")
        }
        if document.pieceIndex == 0 { itemsBefore.value = 0 }
        let before = itemsBefore.value
        itemsBefore.value += items.count
        try JSONElementLocations(document, member: nil).forEach(items) { k, item, location in
            let i = before + k
            guard case .object(let o) = item else {
                try sink.skip(location, "item \(i + 1): expected a CSL item object, found \(item.kindDescription)")
                return
            }
            try CSL.read(o, fallbackID: "item \(i + 1)", location: location, into: sink)
        }
    }
}

/// The CSL data model (https://github.com/citation-style-language/schema, csl-data.json) as both
/// CSL-JSON and CSL-YAML write it. Values may be strings or numbers (YAML gives strings); a list
/// where a string is expected gives its first element (Crossref writes `container-title` as a list).
///
/// - `id` (default `item N`), `type` → category, `title`, `container-title` → venue (else
///   `event-title`, `event`, `collection-title`), `DOI` (bare), `URL`, `abstract`.
/// - `issued`: `{"date-parts": [[2015, 3, 1]]}`, `{"raw": "2015-03-01"}`, `{"literal": "…"}`,
///   pandoc-citeproc's list `[{year: '2015', month: '3'}]`, or an EDTF string `2015-03-01`;
///   the year, with month and day when valid (else the first four-digit run of raw/literal text).
/// - `author` (never `editor`): `{family, given, non-dropping-particle, dropping-particle, suffix}`
///   gives given = `given` and family = the particles, `family` and `suffix` joined by spaces (as
///   BibTeX joins von, Last and Jr: "Maarten de Rijke" → family "de Rijke"). A "particle" whose
///   first letter is not lower-case is not a von part by BibTeX's test and joins the given name
///   (pandoc-citeproc files DBLP's "Xin (Shin) Zhang" as dropping-particle `(Shin)`). A name with
///   only `literal` is a corporate author; a string is split by `NameParser`. An author's
///   `affiliation` list (Crossref: `[{"name": "Univ X, City, Country"}]`, or strings) gives that
///   author's affiliations.
/// - DBLP homonym numbers: pandoc-citeproc splits DBLP's "Michael Strube 0001" as family `'0001'`,
///   given `Michael Strube`. A four-digit family (or a family ending in a four-digit word) is put
///   back: the whole name becomes the id `dblp:Michael Strube 0001` and the name without the number
///   is split again as BibTeX splits "First von Last" (the family starts at the first lower-case
///   word, else it is the last word), so the mention is the one the DBLP BibTeX file gives.
enum CSL {
    typealias FieldError = JSONLinesReader.FieldError

    static let itemKeys: Set<String> = ["id", "title", "author", "issued", "container-title", "DOI"]

    /// An object with a `type` and a CSL member, not another JSON format's record.
    static func looksLikeItem(_ keys: [String]) -> Bool {
        keys.contains("type") && keys.contains(where: itemKeys.contains) && otherFormat(keys) == nil
    }

    /// What another reader would call these members, for messages; nil when they may be CSL.
    static func otherFormat(_ keys: [String]) -> String? {
        if keys.contains("authorships") { return "an OpenAlex work: use --input-format openalex" }
        if keys.contains("paperId") || keys.contains("citingPaper") || keys.contains("citedPaper") {
            return "a Semantic Scholar paper: use --input-format s2"
        }
        if keys.contains("results") && keys.contains("meta") { return "an OpenAlex results page: use --input-format openalex" }
        return nil
    }

    /// Emits one item's record, or skips it with the reason.
    static func read(_ o: JSONObject, fallbackID: String, location: SourceLocation, into sink: RecordSink) throws {
        var warnings: [String] = []
        let record: PaperRecord
        do throws(FieldError) {
            record = try CSL.record(o, fallbackID: fallbackID, location: location, warnings: &warnings)
        } catch {
            try sink.skip(location, "\(fallbackID): \(error.message)")
            return
        }
        for w in warnings { sink.warn(location, w) }
        try sink.emit(record)
    }

    /// A text value: a string (trimmed; empty is nil), a number, or the first text of a list.
    static func text(_ v: JSONValue?, _ key: String) throws(FieldError) -> String? {
        switch v {
        case nil, .null?: return nil
        case .string(let s)?:
            let t = JSONLinesReader.trimmed(s)
            return t.isEmpty ? nil : t
        case .integer(let i)?: return String(i)
        case .number(let d)?: return Int(exactly: d).map { String($0) } ?? String(d)
        case .array(let a)?:
            for e in a { if let t = try text(e, key) { return t } }
            return nil
        case let x?: throw FieldError("\"\(key)\" must be text, found \(x.kindDescription)")
        }
    }

    static func record(_ o: JSONObject, fallbackID: String, location: SourceLocation,
                       warnings: inout [String]) throws(FieldError) -> PaperRecord {
        let id = try text(o["id"], "id") ?? fallbackID
        let title = try text(o["title"], "title") ?? ""
        var venue = try text(o["container-title"], "container-title")
        for k in ["event-title", "event", "collection-title"] where venue == nil {
            if case .object? = o[k] { continue }
            venue = try text(o[k], k)
        }
        let doi = try text(o["DOI"], "DOI").flatMap(ReaderSupport.bareDOI)
        let url = try text(o["URL"], "URL")
        let abstract = try text(o["abstract"], "abstract")
        let category = try text(o["type"], "type")
        let (year, date) = issued(o["issued"])
        var authors: [AuthorName] = []
        var affiliations = AffiliationCollector()
        switch o["author"] {
        case nil, .null?: break
        case .array(let list)?:
            for (i, a) in list.enumerated() {
                guard let name = try name(a, index: i) else {
                    warnings.append("author[\(i)]: author without a name ignored")
                    continue
                }
                if JSONLinesReader.hasLetterOrDigit(name) {
                    // Crossref's CSL-JSON: `"affiliation": [{"name": "…"}]` (or plain strings).
                    if case .object(let ao) = a, case .array(let affs)? = ao["affiliation"] {
                        for v in affs {
                            var text: String?
                            if case .string(let t) = v { text = t }
                            if case .object(let ob) = v, case .string(let t)? = ob["name"] { text = t }
                            if let t = text.map(JSONLinesReader.trimmed), !t.isEmpty {
                                affiliations.link(author: authors.count, Affiliation(name: t))
                            }
                        }
                    }
                    authors.append(name)
                } else {
                    warnings.append("author[\(i)]: \"\(name.raw)\" has no letters or digits; not an author")
                }
            }
        case let v?:
            throw FieldError("\"author\" must be a list of names, found \(v.kindDescription)")
        }
        var record = PaperRecord(id: id, title: title, authors: authors, year: year, date: date, venue: venue,
                                 category: category, doi: doi, url: url, abstract: abstract, source: location)
        affiliations.apply(to: &record)
        return record
    }

    /// The year and date of an `issued` value in any of its spellings.
    static func issued(_ v: JSONValue?) -> (Int?, PaperDate?) {
        func number(_ v: JSONValue?) -> Int? {
            switch v {
            case .integer(let i)?: return i
            case .number(let d)?: return Int(exactly: d)
            case .string(let s)?:
                let t = JSONLinesReader.trimmed(s)
                guard !t.isEmpty, t.utf8.count <= 6, t.utf8.allSatisfy({ $0 &- 0x30 < 10 || $0 == 0x2D }) else { return nil }
                return Int(t)
            default: return nil
            }
        }
        func fromParts(_ y: Int?, _ m: Int?, _ d: Int?) -> (Int?, PaperDate?) {
            guard let y else { return (nil, nil) }
            var date = PaperDate(year: y)
            if let m, (1...12).contains(m) {
                date.month = m
                if let d, d >= 1, d <= ProfilePageReader.daysIn(month: m, year: y) { date.day = d }
            }
            return (y, date.month == nil ? nil : date)
        }
        func fromText(_ s: String) -> (Int?, PaperDate?) {
            if let d = ReaderSupport.numericDate(s) { return (d.year, d.month == nil ? nil : d) }
            return (ReaderSupport.firstYear(s), nil)
        }
        switch v {
        case .object(let o)?:
            if case .array(let parts)? = o["date-parts"], case .array(let first)? = parts.first {
                return fromParts(number(first.first), first.count > 1 ? number(first[1]) : nil,
                                 first.count > 2 ? number(first[2]) : nil)
            }
            if o["year"] != nil { return fromParts(number(o["year"]), number(o["month"]), number(o["day"])) }
            for k in ["raw", "literal"] {
                if case .string(let s)? = o[k] {
                    let r = fromText(s)
                    if r.0 != nil { return r }
                }
            }
            return (nil, nil)
        case .array(let a)?:
            return a.isEmpty ? (nil, nil) : issued(a[0])
        case .string(let s)?: return fromText(s)
        case .integer(let i)?: return (i, nil)
        default: return (nil, nil)
        }
    }

    /// One CSL name; nil when it has no name text.
    static func name(_ v: JSONValue, index i: Int) throws(FieldError) -> AuthorName? {
        switch v {
        case .null: return nil
        case .string(let s): return NameParser.parse(s)
        case .object(let o):
            let given = try text(o["given"], "author[\(i)].given")
            let family = try text(o["family"], "author[\(i)].family")
            let literal = try text(o["literal"], "author[\(i)].literal")
            let dropping = try text(o["dropping-particle"], "author[\(i)].dropping-particle")
            let nonDropping = try text(o["non-dropping-particle"], "author[\(i)].non-dropping-particle")
            let suffix = try text(o["suffix"], "author[\(i)].suffix")
            if family == nil, given == nil, let l = literal {
                let name = ReaderSupport.collapse(l)
                return AuthorName(raw: name, given: nil, family: name, isCorporate: true)
            }
            // A particle is one when its first letter is lower-case (BibTeX's von test); pandoc also
            // files DBLP's "Xin (Shin) Zhang" as dropping-particle "(Shin)": that is a given name.
            let particles = [dropping, nonDropping].compactMap { $0 }
            let givenSide = particles.filter { !startsLowerCase($0) }
            let fullGiven = givenSide.isEmpty ? given : ([given].compactMap { $0 } + givenSide).joined(separator: " ")
            return person(given: fullGiven, particles: particles.filter(startsLowerCase), family: family, suffix: suffix)
        default:
            throw FieldError("author[\(i)] must be a name object, found \(v.kindDescription)")
        }
    }

    /// given + particles + family + suffix, with a DBLP homonym number put back into an id.
    static func person(given: String?, particles: [String], family: String?, suffix: String?) -> AuthorName? {
        let givenWords = (given ?? "").split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        var familyWords = (particles + [family ?? ""]).flatMap {
            $0.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        }
        let suffixText = suffix.map(ReaderSupport.collapse) ?? ""
        var ids: [PersistentID] = []
        var g = givenWords
        if let last = familyWords.last, NameParser.isDBLPSuffix(last), givenWords.count + familyWords.count >= 2 {
            ids.append(PersistentID(.dblp, (givenWords + familyWords).joined(separator: " ")))
            familyWords.removeLast()
            if familyWords.isEmpty {
                // pandoc's split of "Given Family 0001": split the words again as BibTeX would.
                var familyStart = givenWords.count - 1
                for k in 0..<max(givenWords.count - 1, 0) where startsLowerCase(givenWords[k]) {
                    familyStart = k
                    break
                }
                g = Array(givenWords[..<familyStart])
                familyWords = Array(givenWords[familyStart...])
            }
        }
        var familyText = familyWords.joined(separator: " ")
        if !suffixText.isEmpty { familyText = familyText.isEmpty ? suffixText : familyText + " " + suffixText }
        var givenText = g.joined(separator: " ")
        if familyText.isEmpty {
            guard !givenText.isEmpty else { return nil }
            familyText = givenText
            givenText = ""
        }
        let raw = givenText.isEmpty ? familyText : givenText + " " + familyText
        return AuthorName(raw: raw, given: givenText.isEmpty ? nil : givenText, family: familyText, ids: ids)
    }

    /// BibTeX's case of a word: its first letter is lower-case.
    static func startsLowerCase(_ w: String) -> Bool {
        guard let first = w.unicodeScalars.first(where: { $0.properties.isAlphabetic }) else { return false }
        return first.properties.isLowercase
    }
}
