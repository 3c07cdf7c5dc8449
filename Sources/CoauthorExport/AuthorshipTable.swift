import CoauthorGraph
import CoauthorOutput
import CoauthorModel
import CoauthorText

/// The authorship table `coauthor authorships` writes for a cluster job (Spark, `Distributed/spark`):
/// one JSON Lines part per input file, one row per author mention, so the reduce (pairs, edges,
/// metrics) can run anywhere under exactly coauthor's identity keys.
///
/// Layout of a part (UTF-8, `\n` line ends, no byte-order mark):
/// - line 1, the header: `{"format":"coauthor-authorships","version":1,"coauthor":"…","source":"FILE","papers":P,"rows":R,"columns":[…]}`;
///   a reader refuses a part whose `format`, `version` or `columns` differ from what it expects.
/// - then one row per usable author mention, papers in the order read, mentions in byline order:
///
/// | column | type | meaning |
/// |---|---|---|
/// | `paper` | int64 | the paper's number in this part (0, 1, …), its order for sums in paper order |
/// | `paper_id` | string | the source's own key |
/// | `year` | int32 or null | publication year |
/// | `position` | int32 | 1-based place among the paper's usable mentions (a person listed twice has two) |
/// | `author` | string | identity key (`docs/identity.md`: primary persistent id, else `given|family`) |
/// | `name` | string | the spelling as written (the display name is the most frequent spelling) |
/// | `ids` | array of string | persistent ids seen with the key (`orcid:…`, `dblp:…`), sorted |
/// | `authors` | int32 | the paper's distinct authors (identities), for the `--max-authors` cap |
/// | `venue` | string or null | journal, proceedings or container title |
///
/// Identity keys are those of coauthor's first, exact step: `--aliases` applies, `--merge-initials`
/// (which needs the whole corpus) does not. Records of different parts are never merged as
/// duplicates (as `--no-dedupe`): each part is one file, read alone.
///
/// Bytes are a function of the input alone (no time stamps, no paths other than `source` as given).
public enum AuthorshipTable {
    /// The table layout's version; bump it whenever a column is added, removed or changes meaning.
    public static let version = 1
    public static let format = "coauthor-authorships"
    public static let columns = ["paper", "paper_id", "year", "position", "author", "name", "ids", "authors", "venue"]

    /// Writes the part of one input file: the header, then a row per mention of every paper.
    /// - Parameters:
    ///   - corpus: the finished corpus of that one file.
    ///   - builder: the builder that made it (the mentions as written).
    ///   - source: the input's path as given (recorded in the header).
    ///   - generator: the coauthor version that wrote the part.
    public static func write(corpus: Corpus, builder: CorpusBuilder, source: String, generator: String,
                             to out: TextSink) {
        var rows = 0
        for p in 0..<corpus.papers.count { rows += builder.mentionCount(ofPaper: p) }
        let cols = columns.map { Text.json($0) }.joined(separator: ",")
        out.write("{\"format\":\(Text.json(format)),\"version\":\(version),\"coauthor\":\(Text.json(generator)),"
                  + "\"source\":\(Text.json(source)),\"papers\":\(corpus.papers.count),\"rows\":\(rows),\"columns\":[\(cols)]}\n")
        let papers = corpus.papers
        for p in 0..<papers.count {
            let head = "{\"paper\":\(p),\"paper_id\":\(Text.json(papers.id[p])),\"year\":"
                + (papers.yearOf(p).map(String.init) ?? "null")
            let tail = ",\"authors\":\(corpus.paperAuthors.rowLength(p)),\"venue\":"
                + (papers.venue[p].map { Text.json($0) } ?? "null") + "}\n"
            for (i, m) in builder.mentions(ofPaper: p).enumerated() {
                let ids = m.ids.map { Text.json($0.description) }.joined(separator: ",")
                out.write(head + ",\"position\":\(i + 1),\"author\":\(Text.json(m.key)),\"name\":\(Text.json(m.spelling)),"
                          + "\"ids\":[\(ids)]" + tail)
            }
        }
    }

    /// The part's file name for the input at `index` of a run: `part-NNNNN-BASENAME.jsonl`
    /// (a cluster job orders parts by name, which is the order the inputs were given).
    public static func partName(index: Int, source: String) -> String {
        let base = source == "-" ? "stdin" : String(source.split(separator: "/").last ?? "input")
        let safe = String(base.unicodeScalars.map { s -> Character in
            let v = s.value
            let ok = (v >= 0x30 && v <= 0x39) || (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) || s == "." || s == "-" || s == "_"
            return ok ? Character(s) : "_"
        })
        let n = String(index)
        return "part-" + String(repeating: "0", count: max(0, 5 - n.count)) + n + "-" + safe + ".jsonl"
    }
}
