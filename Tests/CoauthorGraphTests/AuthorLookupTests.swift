import Foundation
import Testing
import CoauthorRecords
@testable import CoauthorGraph

/// Finding authors by what commands print: every display name leads back to its author, on real
/// exports whose authors are keyed by ids (OpenAlex, ORCIDs in PubMed and Web of Science).
@Suite struct AuthorLookupTests {
    static let data = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/data")
    static let exports = ["openalex/openalexpro_search_biodiversity_finance_page1.json",
                          "pubmed/pubmed21n1298-first300.xml", "wos/brunalab_coauthors_nsf_savedrecs.txt",
                          "scopus/bibliometrix_scopus_sample.csv"]

    static func graph(_ relative: String) throws -> CoauthorGraph {
        let b = CorpusBuilder()
        let loader = RecordLoader(options: ReaderOptions(asOf: PaperDate(year: 2026, month: 1, day: 1)))
        _ = try loader.load([data.appendingPathComponent(relative).path], handler: { b.add($0) })
        return CoauthorGraph(corpus: b.finish())
    }

    @Test(arguments: exports) func everyDisplayNameFindsItsAuthor(_ file: String) throws {
        let g = try AuthorLookupTests.graph(file)
        let lookup = AuthorLookup(g)
        var byName: [String: [Int]] = [:]
        for v in 0..<g.nodeCount { byName[g.name(v), default: []].append(v) }
        var idKeyed = 0, ambiguous = 0
        for v in 0..<g.nodeCount {
            if NameKey.isIDKey(g.key(v)) { idKeyed += 1 }
            #expect(try lookup.node(named: g.key(v)) == v)
            do {
                let found = try lookup.node(named: g.name(v))
                #expect(byName[g.name(v)]!.count == 1, "\(g.name(v)) is shared but was not reported ambiguous")
                #expect(found == v, "\(file): '\(g.name(v))' found \(g.key(found)), not \(g.key(v))")
            } catch .ambiguous(_, let candidates) {
                ambiguous += 1
                // Only a name several authors share is ambiguous, and every one of them is offered.
                #expect(Set(candidates.map(\.key)) .isSuperset(of: byName[g.name(v)]!.map { g.key($0) }))
                #expect(candidates.count >= 2)
            } catch {
                Issue.record("\(file): '\(g.name(v))': \(error)")
            }
        }
        // OpenAlex and PubMed carry ids (the case that failed before).
        if file.hasPrefix("openalex") || file.hasPrefix("pubmed") { #expect(idKeyed > 0, "\(file) has no id-keyed authors") }
        #expect(ambiguous < g.nodeCount / 10)
    }

    @Test func foldedSpellingsAndSuggestions() throws {
        let g = try AuthorLookupTests.graph("openalex/openalexpro_search_biodiversity_finance_page1.json")
        let lookup = AuthorLookup(g)
        let daily = try lookup.node(named: "Gretchen C. Daily")
        #expect(NameKey.isIDKey(g.key(daily)))
        #expect(try lookup.node(named: "Daily, Gretchen C.") == daily)
        #expect(try lookup.node(named: "Gretchen C Daily") == daily)
        #expect(throws: AuthorLookupError.self) { try lookup.node(named: "Gretchen Daly") }
        do {
            _ = try lookup.node(named: "Gretchen Daly")
        } catch .notFound(_, let suggestions) {
            #expect(suggestions.first == "Gretchen C. Daily")
        } catch {
            Issue.record("\(error)")
        }
    }
}
