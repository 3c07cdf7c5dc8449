import CoauthorGraph
import CoauthorRecords
import Foundation

// Reading the thesaurus files of identity resolution (`--aliases`): the types live in CoauthorGraph
// (`AliasTable`, `OrganizationAliases`), which depends on the record model only; reading their files
// needs the readers (the ACL Anthology's name variants are YAML), so it lives here.

extension AliasTable {
    /// Loads a thesaurus: ACL name variants for `.yaml`/`.yml`, else VOSviewer's format.
    /// - Throws: `RecordError` for an unreadable file or a line that does not fit the format.
    public static func load(path: String) throws -> AliasTable {
        switch RecordReaders.fileExtension(path) {
        case "yaml", "yml": return AliasTable(aclNameVariants: try ACLNameVariants.load(path: path))
        default: return try loadVOSviewer(path: path)
        }
    }

    /// Parses a VOSviewer thesaurus file.
    /// - Throws: `RecordError` for an unreadable file or a line without exactly two columns.
    public static func loadVOSviewer(path: String) throws -> AliasTable {
        var table = AliasTable()
        for p in try pairs(path: path) {
            guard table.add(label: p.label, replaceBy: p.replaceBy) else {
                throw RecordError.malformed(p.location, "label is not a name")
            }
        }
        return table
    }

    /// One line of a VOSviewer thesaurus.
    public struct Pair: Sendable {
        public var label: String
        public var replaceBy: String
        public var location: SourceLocation
    }

    /// The lines of a VOSviewer thesaurus file (`label<TAB>replace by`, an optional header `label…`),
    /// without those whose "replace by" is empty (VOSviewer keeps such a label as it is).
    /// - Throws: `RecordError` for an unreadable file or a line without exactly two columns.
    public static func pairs(path: String) throws -> [Pair] {
        let doc = try SourceDocument.load(path: path)
        var out: [Pair] = []
        var sawHeader = false
        for (i, raw) in doc.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
            let cols = line.split(separator: "\t", omittingEmptySubsequences: false)
            let loc = SourceLocation(file: path, line: i + 1)
            if !sawHeader {
                sawHeader = true
                if cols.first?.lowercased() == "label" { continue }
            }
            guard cols.count == 2 else {
                throw RecordError.malformed(loc, "expected two tab-separated columns (label, replace by), found \(cols.count)")
            }
            let replace = cols[1].trimmingCharacters(in: .whitespaces)
            if replace.isEmpty { continue }
            out.append(Pair(label: String(cols[0]), replaceBy: replace, location: loc))
        }
        return out
    }

    /// The thesaurus of the ACL Anthology's name variants (see the type's documentation).
    public init(aclNameVariants v: ACLNameVariants) {
        self.init()   // (an initializer in another module than the type's starts from the empty table)
        func author(_ n: ACLNameVariants.Name) -> AuthorName? {
            ACLAnthologyReader.authorName(first: n.first, last: n.last, id: nil)
        }
        // Which entries claim each name key.
        var claims: [String: [Int]] = [:]
        var order: [String] = []
        for (i, e) in v.entries.enumerated() {
            for n in [e.canonical] + e.variants {
                guard let a = author(n),
                      let k = NameKey.nameKey(given: a.given, family: a.family, raw: a.raw, corporate: false) else { continue }
                if claims[k] == nil { order.append(k) }
                if claims[k]?.last != i { claims[k, default: []].append(i) }
            }
        }
        for k in order {
            let who = claims[k]!
            guard who.count == 1 else { ambiguous.insert(k); continue }
            let e = v.entries[who[0]]
            guard let canonical = author(e.canonical) else { continue }
            replacements[k] = canonical
            if let id = e.id { ids[k] = PersistentID(.acl, id) }
        }
    }

}

extension OrganizationAliases {
    /// Reads an organisation thesaurus (VOSviewer's format, as `AliasTable.pairs` reads it).
    public static func load(path: String) throws -> OrganizationAliases {
        var table = OrganizationAliases()
        for p in try AliasTable.pairs(path: path) { table.add(label: p.label, replaceBy: p.replaceBy) }
        return table
    }
}
