import CoauthorModel

/// Reads CSL-YAML: the `references:` list pandoc and pandoc-citeproc (`--bib2yaml`) write, in a
/// `.yaml` file or a Markdown document's metadata block, or a bare top-level list of CSL items.
///
///     ---
///     references:
///     - id: conf/acl/PuMPFLV15               ← the record's id
///       type: paper-conference               ← category
///       author:
///       - family: Pu
///         given: Xiao
///       - family: '0001'                     ← pandoc's split of DBLP's "Michael Strube 0001"
///         given: Michael Strube
///       issued:
///       - year: '2015'                       ← pandoc-citeproc; newer pandoc: `issued: 2015-03-01`
///       title: Leveraging compounds to improve noun phrase translation from chinese and
///         german
///       container-title: ACL (student research workshop)
///     ...
///
/// The YAML is read by `BlockYAML` (the subset pandoc writes; see there why not Yams) and each item
/// by `CSL.record`, as CSL-JSON items are. An item the YAML parser cannot read is skipped with its
/// location and reading goes on with the next item; a quoted scalar left open at the end of the
/// file is a truncated document.
///
/// Recognised by content (`.yaml` is also the ACL Anthology's name_variants.yaml): a top-level
/// `references:` key (after `---`, comments and other metadata keys), or a top-level list whose
/// first item starts with `id:`, `type:`, `author:` or `title:`.
public struct CSLYAMLReader: RecordReader {
    public static let format = InputFormat.cslYAML
    public static let extensions: [String] = []

    public init(options: ReaderOptions) {}

    public static func sniff(_ document: SourceDocument) -> Bool {
        document.sniffLines { buf, lines -> Bool in
            var frontMatter = false
            var first = true
            while let l = lines.next() {
                var s = l.start
                while s < l.end, buf[s] == 0x20 { s += 1 }
                if s == l.end || buf[s] == UInt8(ascii: "#") { continue }
                if first, buf[s] == UInt8(ascii: "%") { continue }
                if s == l.start, buf.has("---", at: s), l.count == 3 || buf[s + 3] == 0x20 {
                    if !first { return false }
                    frontMatter = true
                    first = false
                    continue
                }
                if s == l.start {
                    if buf.has("references:", at: s) {
                        var e = s + 11
                        while e < l.end, buf[e] == 0x20 { e += 1 }
                        return e == l.end || buf[e] == UInt8(ascii: "#") || buf[e] == UInt8(ascii: "[")
                    }
                    if first, buf.has("- ", at: s) {
                        var k = s + 2
                        while k < l.end, buf[k] == 0x20 { k += 1 }
                        return buf.has("id:", at: k) || buf.has("type:", at: k) || buf.has("author:", at: k)
                            || buf.has("title:", at: k)
                    }
                    // Another top-level key: only a metadata block may have references further on.
                    if !frontMatter { return false }
                }
                first = false
            }
            return false
        }
    }

    public func read(_ document: SourceDocument, into sink: RecordSink) throws {
        let parsed: Result<BlockYAML.Result, BlockYAML.Failure> = document.bytes.withUnsafeBufferPointer { buf in
            do throws(BlockYAML.Failure) { return .success(try BlockYAML.parse(buf)) } catch { return .failure(error) }
        }
        let result: BlockYAML.Result
        switch parsed {
        case .success(let r): result = r
        case .failure(let f):
            let loc = document.location(at: min(f.offset, document.bytes.count))
            if f.atEnd { throw RecordError.truncated(loc, f.message) }
            throw RecordError.malformed(loc, "invalid YAML: " + f.message)
        }
        var items = result.items
        if items == nil, case .object(let o) = result.root, case .array(let a)? = o["references"] {
            items = a.map { BlockYAML.Item(line: 1, value: $0) }            // `references: [...]`
        }
        guard let list = items else {
            if case .null = result.root { return }
            throw RecordError.malformed(document.location(at: 0),
                                        "no \"references\" list: CSL-YAML is `references:` followed by a list of CSL items")
        }
        for (i, item) in list.enumerated() {
            let location = SourceLocation(file: document.name, line: item.line)
            if let f = item.failure {
                try sink.skip(document.location(at: min(f.offset, document.bytes.count)),
                              "item \(i + 1) (line \(item.line)): invalid YAML: \(f.message)")
                continue
            }
            guard case .object(let o)? = item.value else {
                try sink.skip(location, "item \(i + 1): expected a CSL item (a mapping), found \(item.value?.kindDescription ?? "nothing")")
                continue
            }
            try CSL.read(o, fallbackID: "item \(i + 1)", location: location, into: sink)
        }
    }
}
