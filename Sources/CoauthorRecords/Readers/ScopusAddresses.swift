import CoauthorModel

/// The two address fields Scopus writes in every export form (CSV columns `Affiliations` and
/// `Correspondence Address`; BibTeX fields `affiliations`/`affiliation` and
/// `correspondence_address`/`correspondence_address1`), read by one set of rules.
enum ScopusAddresses {
    /// The paper's affiliations, `Address; Address; …` (each distinct organisation once, in
    /// Scopus's order, not one per author): linked to the author when the paper has one author,
    /// else kept for the paper, unlinked (`UnitCorpus` gives them to every author without a linked
    /// affiliation). Scopus's order is not the byline's, so no positional link is guessed.
    static func addPaperAffiliations(_ text: String, authorCount: Int, into collector: inout AffiliationCollector) {
        for a in text.components(separatedBy: "; ") where !a.trimmingSpaces().isEmpty {
            let aff = Affiliation(name: a.trimmingSpaces())
            if authorCount == 1 { collector.link(author: 0, aff) } else { collector.add(aff) }
        }
    }

    /// One corresponding author's entry of a `Correspondence Address`.
    struct Correspondent: Equatable {
        /// The name as written: `L.V. Bernardelli` (newer exports) or `Figueira, J.R.` (older).
        var name: String
        /// The address as written (the parts between the name and `email: …`, joined by `; `).
        var address: String
    }

    /// The entries of a `Correspondence Address`: `Name; Address; email: x` repeated (one per
    /// corresponding author), the `email:` part optional on the last one.
    ///
    /// - Complexity: O(n) in the text's length.
    static func correspondents(_ text: String) -> [Correspondent] {
        var out: [Correspondent] = []
        var name: String?
        var address: [String] = []
        func close() {
            if let n = name, !address.isEmpty { out.append(Correspondent(name: n, address: address.joined(separator: "; "))) }
            name = nil
            address = []
        }
        for raw in text.components(separatedBy: "; ") {
            let part = raw.trimmingSpaces()
            if part.isEmpty { continue }
            if part.lowercased().hasPrefix("email:") { close(); continue }
            if name == nil { name = part } else { address.append(part) }
        }
        close()
        return out
    }

    /// Links each corresponding author to their address: the first author (in byline order) whose
    /// family name's last word folds to the entry's and whose given name starts with the same letter, among
    /// those with no linked affiliation yet (an author linked by a fuller field keeps that link
    /// alone, so no organisation is counted twice in two spellings). An entry that names no such
    /// author is not used: its organisation is among the paper's affiliations already.
    ///
    /// - Complexity: O(c · a) for c entries and a authors.
    /// The last word of a family name, folded (`de Araújo` → `araujo`): particles are written
    /// inconsistently between the byline and the address.
    static func lastWord(_ family: String) -> Substring {
        CountryTable.fold(family).split(separator: " ").last ?? ""
    }

    static func linkCorrespondents(_ text: String, authors: [AuthorName], into collector: inout AffiliationCollector) {
        let entries = correspondents(text)
        guard !entries.isEmpty else { return }
        var linked = Set(collector.links.map { Int($0.author) })
        for e in entries {
            guard let n = NameParser.parse(e.name), let family = n.family else { continue }
            let f = lastWord(family), initial = n.given.flatMap { CountryTable.fold($0).first }
            guard let i = authors.indices.first(where: { i in
                !linked.contains(i) && authors[i].family.map(lastWord) == f
                    && (initial == nil || authors[i].given.flatMap { CountryTable.fold($0).first } == initial)
            }) else { continue }
            collector.link(author: i, Affiliation(name: e.address))
            linked.insert(i)
        }
    }
}
