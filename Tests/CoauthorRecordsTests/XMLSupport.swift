import CoauthorTestSupport
import Foundation
import Testing
@testable import CoauthorRecords

/// Runs an oracle script under `Tests/oracle/` with the given arguments and returns the JSON
/// object it prints; its standard error is quoted when it fails.
func runOracle(_ script: String, _ arguments: [String]) throws -> [String: Any] {
    guard let j = try runPythonJSON("Tests/oracle/\(script)", arguments) as? [String: Any] else {
        throw TestSetupError("\(script) printed no JSON object")
    }
    return j
}

/// Runs `Tests/oracle/xml_counts.py --records FILE` and returns its JSON object.
func xmlOracle(_ file: URL) throws -> [String: Any] {
    try runOracle("xml_counts.py", ["--records", file.path])
}

/// Every record a reader emits for a file, with the sink.
func readXMLFile<R: RecordReader>(_ reader: R.Type, _ url: URL) throws -> (records: [PaperRecord], sink: RecordSink) {
    var out: [PaperRecord] = []
    let sink = RecordSink { out.append($0) }
    try R(options: ReaderOptions(asOf: PaperDate(year: 2026))).read(SourceDocument.load(path: url.path), into: sink)
    return (out, sink)
}

/// The counts `xml_counts.py` prints, computed from records, with `key` naming each author.
struct XMLCounts: Equatable, CustomStringConvertible {
    var records = 0, mentions = 0, distinctAuthors = 0, pairs = 0
    var orcidMentions = 0, distinctOrcids = 0, idMentions = 0, distinctIds = 0, groupAuthors = 0
    var recordsWithoutAuthors = 0

    init(_ records: [PaperRecord], key: (AuthorName) -> String) {
        var authors = Set<String>(), pairs = Set<[String]>(), orcids = Set<String>(), ids = Set<String>()
        self.records = records.count
        for r in records {
            let names = r.authors.map(key)
            mentions += names.count
            if names.isEmpty { recordsWithoutAuthors += 1 }
            authors.formUnion(names)
            let distinct = Set(names).sorted()
            for i in 0..<distinct.count {
                for j in (i + 1)..<distinct.count { pairs.insert([distinct[i], distinct[j]]) }
            }
            for a in r.authors {
                for id in a.ids where id.kind == .orcid { orcidMentions += 1; orcids.insert(id.value) }
                for id in a.ids where id.kind == .acl { idMentions += 1; ids.insert(id.value) }
            }
            groupAuthors += r.groupAuthors.count
        }
        distinctAuthors = authors.count
        self.pairs = pairs.count
        distinctOrcids = orcids.count
        distinctIds = ids.count
    }

    init(oracle j: [String: Any]) {
        records = j["records"] as? Int ?? -1
        mentions = j["mentions"] as? Int ?? -1
        distinctAuthors = j["distinct_authors"] as? Int ?? -1
        pairs = j["pairs"] as? Int ?? -1
        orcidMentions = j["orcid_mentions"] as? Int ?? -1
        distinctOrcids = j["distinct_orcids"] as? Int ?? -1
        idMentions = j["id_mentions"] as? Int ?? -1
        distinctIds = j["distinct_ids"] as? Int ?? -1
        groupAuthors = j["group_authors"] as? Int ?? -1
        recordsWithoutAuthors = j["records_without_authors"] as? Int ?? -1
    }

    var description: String {
        "records \(records), mentions \(mentions), distinct \(distinctAuthors), pairs \(pairs), orcids \(orcidMentions)/\(distinctOrcids), "
            + "ids \(idMentions)/\(distinctIds), groups \(groupAuthors), without authors \(recordsWithoutAuthors)"
    }
}

/// One record as `xml_counts.py --records` lists it: id, year, title, author strings.
struct XMLOracleRecord: Equatable, CustomStringConvertible {
    var id: String
    var year: Int?
    var title: String
    var authors: [String]

    init(id: String, year: Int?, title: String, authors: [String]) {
        self.id = id; self.year = year; self.title = title; self.authors = authors
    }

    init?(_ any: Any) {
        guard let a = any as? [Any], a.count == 4 else { return nil }
        id = a[0] as? String ?? ""
        year = a[1] as? Int
        title = a[2] as? String ?? ""
        authors = a[3] as? [String] ?? []
    }

    var description: String {
        let y = year.map { String($0) } ?? "-"
        return "\(id) \(y) \(title) \(authors)"
    }
}

func xmlOracleRecords(_ j: [String: Any]) -> [XMLOracleRecord] {
    (j["details"] as? [Any] ?? []).compactMap { XMLOracleRecord($0) }
}

/// A tokenizer transcript: one line per event, for compact expectations.
func xmlEvent(_ e: XMLScanner.Event, _ s: XMLScanner) -> String {
    switch e.kind {
    case .startElement:
        let attrs = s.attributes.map { " \(s.string($0.name))=\(s.value(of: $0))" }.joined()
        return "<\(s.string(e.name))\(attrs)\(e.isEmptyElement ? "/" : "")>"
    case .endElement: return "</\(s.string(e.name))>"
    case .text: return (e.badReference == nil ? "text:" : "text!:") + s.decodedText(e)
    case .cdata: return "cdata:" + s.decodedText(e)
    case .comment: return "comment:" + s.string(e.content)
    case .processingInstruction: return "pi:\(s.string(e.name)):\(s.string(e.content))"
    case .doctype: return "doctype:" + s.string(e.name)
    }
}

func xmlTokens(_ xml: String, entities: XMLEntityTable = .predefined, maxDepth: Int = 256) throws -> [String] {
    var s = XMLScanner(bytes: Array(xml.utf8), options: .init(maxDepth: maxDepth, entities: entities))
    var out: [String] = []
    while let e = try s.next() { out.append(xmlEvent(e, s)) }
    return out
}

/// The same, fed in chunks of `chunk` bytes through the streaming interface.
func xmlStreamedTokens(_ xml: String, chunk: Int, entities: XMLEntityTable = .predefined) throws -> [String] {
    let bytes = Array(xml.utf8)
    var s = XMLScanner(bytes: [], isFinal: false, options: .init(entities: entities))
    var out: [String] = []
    var i = 0
    while true {
        while let e = try s.next() { out.append(xmlEvent(e, s)) }
        if !s.needsInput { break }
        if i >= bytes.count {
            s.finish()
        } else {
            s.append(bytes[i..<min(i + chunk, bytes.count)])
            i += chunk
        }
    }
    return out
}

/// The scanner error a document ends in (nil when it is well-formed).
func xmlScanError(_ xml: String, maxDepth: Int = 256) -> XMLScanner.Error? {
    var s = XMLScanner(bytes: Array(xml.utf8), options: .init(maxDepth: maxDepth))
    do {
        while try s.next() != nil {}
        return nil
    } catch let e as XMLScanner.Error {
        return e
    } catch {
        return nil
    }
}
