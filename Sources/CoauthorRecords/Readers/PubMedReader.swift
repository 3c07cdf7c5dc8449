import CoauthorModel

/// Reads PubMed/MEDLINE XML: the annual baseline and daily update files and `efetch` output
/// (root `<PubmedArticleSet>`; format: NLM's PubMed DTD, https://dtd.nlm.nih.gov/ncbi/pubmed/out/).
///
///     <PubmedArticle><MedlineCitation>
///       <PMID>29768149</PMID>                                         ← the record's id
///       <Article>
///         <Journal><JournalIssue><PubDate><Year>2018</Year>…          ← or <MedlineDate>2018 Jul-Aug
///                  <Title>The New England journal of medicine</Title> ← venue
///         <ArticleTitle>…</ArticleTitle>                               ← inner markup flattened
///         <ELocationID EIdType="doi">10.1056/…</ELocationID>
///         <AuthorList CompleteYN="Y">
///           <Author><LastName/><ForeName/><Initials/><Suffix/>
///                   <Identifier Source="ORCID">…</Identifier>
///                   <AffiliationInfo><Affiliation>Dept. …, Univ. …, City, Country.</Affiliation>
///                   </AffiliationInfo></Author>                      ← one per affiliation (an address)
///           <Author><CollectiveName>SYGMA 1 Investigators</CollectiveName></Author>
///     …</Article></MedlineCitation>
///     <PubmedData><ArticleIdList><ArticleId IdType="doi">…             ← DOI when no ELocationID has one
///
/// - A person is `LastName` (plus `Suffix`, which joins the family name) and `ForeName` (or, without
///   one, `Initials`). `CollectiveName` is a group author: kept in `groupAuthors`, not made a person.
///   An `Author` with `ValidYN="N"` is an entry NLM has marked as wrong; it is left out.
/// - `Identifier Source="ORCID"` of an author becomes `PersistentID(.orcid)` in the bare
///   `0000-0000-0000-000X` form (URL forms and missing hyphens are normalised; a wrong check digit
///   is reported and ignored). Affiliation identifiers (GRID, ISNI) are not person ids.
/// - `AuthorList CompleteYN="N"` sets `authorsTruncated`.
/// - `PubmedBookArticle` (NCBI Bookshelf) is read too: `BookDocument`'s PMID, ArticleTitle (else the
///   book's title), chapter authors (else the book's authors; editor lists are not authors) and the
///   book's `PubDate`.
/// - `DeleteCitation` (update files' list of withdrawn PMIDs) is not a record and is passed over.
public struct PubMedReader: XMLRootReader {
    public static let format = InputFormat.pubmed
    /// `.xml` is shared by several formats, so PubMed XML is recognised by its root element.
    public static let rootName: StaticString = "PubmedArticleSet"

    public init(options: ReaderOptions) {}

    /// Where the reader is in the element tree.
    enum State: UInt8, XMLWalkState {
        case ignore, set, article, bookArticle, citation, art, pubmedData, bookDocument, book, bookData
        case journal, journalIssue, pubDate, authorList, author, abstract, articleIdList, affiliationInfo
        // Elements whose text is read.
        case pmid, title, vernacularTitle, bookTitle, journalTitle, year, month, day, medlineDate
        case lastName, foreName, initials, suffix, collectiveName, identifier, elocation, abstractText, articleId
        case affiliation

        var capturesText: Bool { rawValue >= State.pmid.rawValue }
    }

    struct Article {
        var source = SourceLocation(file: "", line: 0)
        var isBook = false
        var pmid: String?
        var title: String?
        var vernacularTitle: String?
        var bookTitle: String?
        var journal: String?
        var year: String?
        var month: String?
        var day: String?
        var medlineDate: String?
        var authors: [AuthorName] = []
        var bookLevelAuthors: [AuthorName] = []
        /// Affiliations of `authors` and of `bookLevelAuthors`.
        var affiliations = AffiliationCollector()
        var bookLevelAffiliations = AffiliationCollector()
        var groups: [String] = []
        var truncated = false
        var elocationDOI: String?
        var articleIdDOI: String?
        var abstract: [String] = []
        var problem: (location: SourceLocation, message: String)?
    }

    struct Author {
        var offset = 0
        var valid = true
        var bookLevel = false
        var last: String?
        var fore: String?
        var initials: String?
        var suffix: String?
        var collective: String?
        var orcids: [String] = []
        var affiliations: [String] = []
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        var input = XMLInput(document)
        var article: Article?
        var author = Author()
        var authorListIsBookLevel = false
        var attributeFlag = false   // the capturing element's attribute that says its text is wanted

        try input.walk(XMLWalkHandlers<State>(
            root: { e, input in
                try input.expectRoot(e, Self.rootName, format: "a PubMed XML file")
                return .set
            },
            child: PubMedReader.tree.child,
            reference: { loc, message in
                guard article != nil else { throw RecordError.malformed(loc, message) }
                if article!.problem == nil { article!.problem = (loc, message) }
            },
            open: { state, parent, e, input in
                let s = input.scanner
                switch state {
                case .article, .bookArticle:
                    var a = Article()
                    a.source = input.lineLocation(at: e.offset)
                    a.isBook = state == .bookArticle
                    article = a
                case .authorList:
                    authorListIsBookLevel = parent == .book
                    if s.attribute("CompleteYN") == "N" && !authorListIsBookLevel { article?.truncated = true }
                    if s.attribute("Type") == "editors" { state = .ignore }
                case .author:
                    author = Author()
                    author.offset = e.offset
                    author.valid = s.attribute("ValidYN") != "N"
                    author.bookLevel = authorListIsBookLevel
                case .identifier:
                    attributeFlag = s.attribute("Source")?.uppercased() == "ORCID"
                case .elocation:
                    attributeFlag = s.attribute("EIdType") == "doi" && s.attribute("ValidYN") != "N"
                case .articleId:
                    attributeFlag = s.attribute("IdType") == "doi"
                default:
                    break
                }
            },
            text: { state, text, _, _ in
                PubMedReader.store(state, text, flag: attributeFlag, &article, &author)
            },
            close: { state, input in
                switch state {
                case .author:
                    if article != nil { self.finishAuthor(author, &article!, &input, sink) }
                case .article, .bookArticle:
                    if let a = article { try self.emit(a, sink) }
                    article = nil
                default:
                    break
                }
            },
            skipsIgnored: true))
    }

    /// The elements read, by parent.
    static let tree = XMLElementTree<State>([
        .set: [("PubmedArticle", .article), ("PubmedBookArticle", .bookArticle)],
        .article: [("MedlineCitation", .citation), ("PubmedData", .pubmedData)],
        .bookArticle: [("BookDocument", .bookDocument), ("PubmedBookData", .bookData)],
        .citation: [("PMID", .pmid), ("Article", .art)],
        .art: [("ArticleTitle", .title), ("VernacularTitle", .vernacularTitle), ("Journal", .journal),
               ("AuthorList", .authorList), ("ELocationID", .elocation), ("Abstract", .abstract)],
        .bookDocument: [("PMID", .pmid), ("ArticleTitle", .title), ("VernacularTitle", .vernacularTitle), ("Book", .book),
                        ("AuthorList", .authorList), ("ArticleIdList", .articleIdList), ("ELocationID", .elocation),
                        ("Abstract", .abstract)],
        .book: [("BookTitle", .bookTitle), ("PubDate", .pubDate), ("AuthorList", .authorList)],
        .journal: [("Title", .journalTitle), ("JournalIssue", .journalIssue)],
        .journalIssue: [("PubDate", .pubDate)],
        .pubDate: [("Year", .year), ("Month", .month), ("Day", .day), ("MedlineDate", .medlineDate)],
        .authorList: [("Author", .author)],
        .author: [("LastName", .lastName), ("ForeName", .foreName), ("Initials", .initials), ("Suffix", .suffix),
                  ("CollectiveName", .collectiveName), ("Identifier", .identifier), ("AffiliationInfo", .affiliationInfo)],
        .affiliationInfo: [("Affiliation", .affiliation)],
        .abstract: [("AbstractText", .abstractText)],
        .pubmedData: [("ArticleIdList", .articleIdList)],
        .bookData: [("ArticleIdList", .articleIdList)],
        .articleIdList: [("ArticleId", .articleId)],
    ])

    /// Stores the text of a finished element.
    static func store(_ state: State, _ text: String, flag: Bool, _ article: inout Article?, _ author: inout Author) {
        guard article != nil else { return }
        switch state {
        case .pmid: if article!.pmid == nil { article!.pmid = text }
        case .title: article!.title = text
        case .vernacularTitle: article!.vernacularTitle = text
        case .bookTitle: article!.bookTitle = text
        case .journalTitle: article!.journal = text
        case .year: article!.year = text
        case .month: article!.month = text
        case .day: article!.day = text
        case .medlineDate: article!.medlineDate = text
        case .lastName: author.last = text
        case .foreName: author.fore = text
        case .initials: author.initials = text
        case .suffix: author.suffix = text
        case .collectiveName: author.collective = text
        case .identifier: if flag { author.orcids.append(text) }
        case .affiliation: if !text.isEmpty { author.affiliations.append(text) }
        case .elocation: if flag, article!.elocationDOI == nil, !text.isEmpty { article!.elocationDOI = text }
        case .articleId: if flag, article!.articleIdDOI == nil, !text.isEmpty { article!.articleIdDOI = text }
        case .abstractText: if !text.isEmpty { article!.abstract.append(text) }
        default: break
        }
    }

    private func finishAuthor(_ a: Author, _ article: inout Article, _ input: inout XMLInput, _ sink: RecordSink) {
        guard a.valid else { return }
        if let last = a.last, !last.isEmpty {
            let given = (a.fore?.isEmpty == false ? a.fore : nil) ?? (a.initials?.isEmpty == false ? a.initials : nil)
            var family = last
            if let s = a.suffix, !s.isEmpty { family += " " + s }
            var ids: [PersistentID] = []
            for o in a.orcids {
                if let id = PersistentID.orcid(normalizing: o) {
                    if !ids.contains(id) { ids.append(id) }
                } else {
                    sink.warn(input.location(at: a.offset), "invalid ORCID '\(o)' of \(given.map { $0 + " " } ?? "")\(last) ignored")
                }
            }
            let raw = given.map { $0 + " " + family } ?? family
            let name = AuthorName(raw: raw, given: given, family: family, ids: ids)
            if a.bookLevel {
                for t in a.affiliations { article.bookLevelAffiliations.link(author: article.bookLevelAuthors.count, Affiliation(name: t)) }
                article.bookLevelAuthors.append(name)
            } else {
                for t in a.affiliations { article.affiliations.link(author: article.authors.count, Affiliation(name: t)) }
                article.authors.append(name)
            }
        } else if let c = a.collective, !c.isEmpty {
            if !a.bookLevel { article.groups.append(c) }
        } else {
            sink.warn(input.location(at: a.offset), "<Author> without LastName or CollectiveName left out")
        }
    }

    static let monthNames = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    private func emit(_ a: Article, _ sink: RecordSink) throws {
        let what = a.isBook ? "<PubmedBookArticle>" : "<PubmedArticle>"
        guard let pmid = try sink.usableID(a.pmid, at: a.source, missing: "\(what) without a PMID",
                                           problem: a.problem, idName: "PMID") else { return }
        var date: PaperDate?
        if let y = a.year, y.utf8.count == 4, let year = Int(y) {
            var month: Int?
            if let m = a.month {
                if let v = Int(m), (1...12).contains(v) { month = v }
                else if let i = PubMedReader.monthNames.firstIndex(of: String(m.lowercased().prefix(3))) { month = i + 1 }
            }
            var day: Int?
            if month != nil, let d = a.day, let v = Int(d), (1...31).contains(v) { day = v }
            date = PaperDate(year: year, month: month, day: day)
        } else if let m = a.medlineDate, let year = XMLText.firstYear(m) {
            date = PaperDate(year: year)
        }
        let title = (a.title?.isEmpty == false ? a.title : nil) ?? a.vernacularTitle ?? a.bookTitle ?? ""
        let authors = a.authors.isEmpty ? a.bookLevelAuthors : a.authors
        var record = PaperRecord(
            id: pmid, title: title, authors: authors, authorsTruncated: a.truncated,
            year: date?.year, date: date?.month != nil ? date : nil,
            venue: a.isBook ? (a.title != nil ? a.bookTitle : nil) : a.journal,
            doi: a.elocationDOI ?? a.articleIdDOI, url: "https://pubmed.ncbi.nlm.nih.gov/\(pmid)/",
            abstract: a.abstract.isEmpty ? nil : a.abstract.joined(separator: " "),
            groupAuthors: a.groups, nativeID: NativePaperID.pmid(pmid), source: a.source)
        (a.authors.isEmpty ? a.bookLevelAffiliations : a.affiliations).apply(to: &record)
        try sink.emit(record)
    }
}
