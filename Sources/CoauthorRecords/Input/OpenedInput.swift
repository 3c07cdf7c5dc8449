import CoauthorModel
import Foundation

/// One input opened once and ready to read: whole (one document), or in pieces (`InputPieces`)
/// when its format is read in pieces and it is longer than one piece.
struct OpenedInput {
    enum Content {
        /// The whole input; with `damage`, the compressed data ended early or is damaged, and the
        /// document holds the good lines before it.
        case whole(SourceDocument, damage: InputDamage?)
        case pieces(InputPieces)
    }

    let input: InputFile
    /// The format, or nil when nothing recognises the content.
    let format: InputFormat?
    let content: Content
    /// The document the format was recognised from (the whole, or the first piece's bytes).
    let sniffed: SourceDocument
    /// The input is only blank space.
    let isBlank: Bool
    /// Where the input was spooled (BibTeX from standard input, a pipe or a FIFO), held while it is read.
    var spool: InputSpool? = nil
}

extension InputDamage {
    /// `gzip data damaged: …; the records before it are kept, the rest of FILE is not read`.
    func describe(_ input: InputFile) -> String {
        "\(input.compression?.rawValue ?? "compressed") input damaged: \(message); the records before this line are kept, "
            + "the rest of the file is not read"
    }
}

extension RecordLoader {
    /// Where a format read in pieces is cut; nil for the formats read whole: a profile page and
    /// CSL-YAML (small by nature: a page of one scholar's papers, a pandoc bibliography), Semantic
    /// Scholar responses and a single OpenAlex work or CSL item (one JSON value); these are held
    /// whole within `--max-input-size`. OpenAlex is read in pieces as JSON Lines of works, or as a
    /// results page or array of works cut between works; CSL-JSON as an array cut between items.
    /// BibTeX is cut before entry lines: its cross-references need a first pass over the file
    /// (`BibCrossrefScan`), so from standard input, a pipe or a FIFO it is spooled to a temporary
    /// file first (`open`).
    static func boundary(for format: InputFormat, _ sniffed: SourceDocument) -> RecordBoundary? {
        switch format {
        case .jsonl: return .lines
        case .openalex:
            let o = JSONOutline(sniffed.bytes)
            if o.complete && o.moreFollows && o.kind == .object { return .lines }
            if o.kind == .array { return .jsonArray(member: nil) }
            if o.kind == .object, o.keys.contains("results"), !o.keys.contains("authorships") {
                return .jsonArray(member: Array("results".utf8))
            }
            return nil
        case .cslJSON:
            return JSONOutline(sniffed.bytes).kind == .array ? .jsonArray(member: nil) : nil
        case .dblpXML: return .dblp
        case .pubmed: return .pubmed
        case .acl: return .acl
        case .ris: return .ris
        case .wos: return .wos
        case .medline: return .medline
        case .csv: return .delimited(UInt8(ascii: ","))
        case .tsv: return .delimited(0x09)
        case .scopus: return .delimited(UInt8(ascii: ","))
        case .bibtex: return .bibtex
        case .profile, .cslYAML, .s2: return nil
        }
    }

    /// Opens `path` once, tells its compression and format, and reads it whole or starts reading
    /// it in pieces (`pieces`: allowed for this input).
    /// - Throws: `RecordError` when it cannot be opened or read, is binary, is named as compressed
    ///   but is not, or exceeds `limits`.
    func open(_ path: String, pieces allowPieces: Bool) throws -> OpenedInput {
        let input = try InputFile(path: path, spoolable: true)
        let ext = RecordReaders.fileExtension(path)
        if let named = Compression.extensions[ext], input.compression != named {
            let first = input.head.prefix(4).map { String(format: "%02X", $0) }.joined(separator: " ")
            throw RecordError.malformed(SourceLocation(file: path, line: 1),
                                        "named .\(ext) but not \(named.rawValue) data (its first bytes are \(first.isEmpty ? "none" : first))")
        }
        // The first piece (or all of a short input), at least 64 KiB to tell the format from.
        var block = [UInt8](repeating: 0, count: max(chunkBytes, 1 << 16))
        var count = 0
        var damage: InputDamage?
        var ended = false
        while count < block.count {
            let n: Int
            do {
                n = try block.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...])) }
            } catch let d as InputDamage {
                damage = d
                break
            }
            if n == 0 { ended = true; break }
            count += n
        }
        block.removeSubrange(count...)
        try RecordLoader.checkText(block, path: path, input: input)

        func whole() throws -> OpenedInput {
            input.stopRecording()
            var bytes = block
            if damage != nil {
                if let nl = bytes.lastIndex(of: 0x0A) { bytes.removeSubrange((nl + 1)...) } else { bytes = [] }
            } else if !ended {
                let rest = try SourceDocument.readWhole(input, prefix: block, limits: limits)
                (bytes, damage) = (rest.bytes, rest.damage)
            }
            if bytes.count > limits.maxDocumentBytes { throw SourceDocument.tooLarge(path, limits) }
            let doc = try SourceDocument(name: path, bytes: bytes)
            return OpenedInput(input: input, format: forcedFormat ?? RecordReaders.detect(path: path, document: doc),
                               content: .whole(doc, damage: damage), sniffed: doc, isBlank: RecordLoader.isBlank(doc.bytes))
        }
        guard !(ended && count <= wholeBelow), damage == nil, allowPieces else { return try whole() }
        // Recognised from the first piece's whole lines (or, with no line end, its whole characters).
        var sniffBytes = block
        if let nl = sniffBytes.lastIndex(of: 0x0A) { sniffBytes.removeSubrange((nl + 1)...) }
        else { while let last = sniffBytes.last, last & 0x80 != 0 { sniffBytes.removeLast() } }
        guard let sniffed = try? SourceDocument(name: path, bytes: sniffBytes) else { return try whole() }
        let format = forcedFormat ?? RecordReaders.detect(path: path, document: sniffed)
        guard let format, let boundary = RecordLoader.boundary(for: format, sniffed) else { return try whole() }
        switch boundary {
        case .tagged, .bibtex:
            if !block.contains(0x0A), block.contains(0x0D) {
                return try whole()   // lines ended by carriage returns alone (`TextLines`): no cut is found
            }
        default: break
        }
        // BibTeX from standard input, a pipe or a FIFO: its cross-references need a first pass over
        // the input, which cannot be opened a second time (standard input not even when it is a
        // regular file), so it is spooled as it came (not decompressed; at most --max-input-size) to
        // a temporary file and read from there in pieces like a file, within the same limits and
        // with the same messages.
        if case .bibtex = boundary, input.regularSize == nil || path == "-" {
            guard let spool = try input.spool(limit: limits.maxDocumentBytes) else { return try whole() }
            let spooled = try spool.open(name: path)
            let pieces = InputPieces(spooled, first: [], boundary: boundary, chunkBytes: chunkBytes, limits: limits)
            return OpenedInput(input: spooled, format: format, content: .pieces(pieces), sniffed: sniffed,
                               isBlank: RecordLoader.isBlank(sniffed.bytes) && RecordLoader.isBlank(block), spool: spool)
        }
        input.stopRecording()
        let pieces = InputPieces(input, first: block, boundary: boundary, chunkBytes: chunkBytes, limits: limits)
        return OpenedInput(input: input, format: format, content: .pieces(pieces), sniffed: sniffed,
                           isBlank: RecordLoader.isBlank(sniffed.bytes) && RecordLoader.isBlank(block))
    }

    /// The first pass over a BibTeX file read in pieces: the keys its `crossref` fields name
    /// (`BibCrossrefScan`), read through a second opening of the file (or of the spool standard
    /// input went to), piece by piece (memory: a few pieces and the targets). Where that pass
    /// cannot read the file, it stops: the reading pass meets the same fault at the same place and
    /// reports it.
    func crossrefScan(_ path: String) -> BibCrossrefScan {
        var scan = BibCrossrefScan()
        guard let input = try? InputFile(path: path) else { return scan }
        let pieces = InputPieces(input, first: [], boundary: .bibtex, chunkBytes: chunkBytes, limits: limits)
        defer { pieces.cancel() }
        while let piece = try? pieces.next() {
            piece.bytes.withUnsafeBufferPointer { scan.scan($0, limit: $0.count - piece.overlap) }
        }
        return scan
    }

    static func isBlank(_ b: [UInt8]) -> Bool {
        b.allSatisfy { $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }
    }

    /// Record files are text: a NUL byte in the first 64 KiB means binary data (`/dev/zero`, an
    /// image, a compression `coauthor` does not read), said at once instead of read whole.
    static func checkText(_ b: [UInt8], path: String, input: InputFile) throws {
        let head = b.prefix(1 << 16)
        guard let z = head.firstIndex(of: 0) else { return }
        let line = head[..<z].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        var what = "binary data (a NUL byte), not a text record file"
        let magic = input.compression == nil ? Array(b.prefix(6)) : []
        if magic.starts(with: [0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00]) {
            what = "xz-compressed data, which coauthor does not read: unpack it with 'xz -d' (or recompress it with gzip, zstd or bzip2)"
        } else if magic.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            what = "a zip archive, which coauthor does not read: unpack it with 'unzip'"
        } else if magic.starts(with: [0xFF, 0xFE]) || magic.starts(with: [0xFE, 0xFF]) {
            what = "UTF-16 text, which coauthor does not read: convert it to UTF-8 (e.g. 'iconv -f UTF-16 -t UTF-8')"
        }
        throw RecordError.malformed(SourceLocation(file: path, line: line), what)
    }

    /// Reads an opened input into `sink` with the reader of `format`: whole, or piece by piece. When
    /// the compressed data is damaged, the records before the damage are read and the damage is a
    /// skipped record at its line (a reader's complaint about the cut-off end is not repeated);
    /// with `strict` it stops the run. `pieceDone` is called after each piece.
    func read(_ opened: OpenedInput, as format: InputFormat, into sink: RecordSink, pieceDone: (() -> Void)? = nil) throws {
        let reader = RecordReaders.reader(for: format).init(options: options)
        switch opened.content {
        case .whole(let doc, let damage):
            guard let damage else {
                try reader.read(doc, into: sink)
                return
            }
            do {
                try reader.read(doc, into: sink)
            } catch let e as RecordError {
                if case .strict = e { throw e }
            }
            try sink.skip(doc.endLocation, damage.describe(opened.input))
        case .pieces(let pieces):
            defer { pieces.cancel() }
            if let bib = reader as? BibTeXReader { bib.crossrefScan.value = crossrefScan(opened.spool?.path ?? opened.input.name) }
            while let piece = try pieces.next() {
                try reader.read(piece, into: sink)
                pieceDone?()
            }
            if let d = pieces.damage {
                try sink.skip(d.location, InputDamage(message: d.message).describe(opened.input))
            }
        }
    }
}
