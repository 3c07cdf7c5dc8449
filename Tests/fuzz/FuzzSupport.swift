// Shared by every libFuzzer target (compiled into each by Tests/fuzz/build.sh, not part of the
// Swift package): runs one input through a reader, or through the snapshot loader.
import CoauthorGraph
import CoauthorRecords

enum Fuzz {
    static let options = ReaderOptions(asOf: PaperDate(year: 2026, month: 11, day: 27))

    /// One input through `format`'s reader: its sniff, the general path (PaperRecords) and, for the
    /// readers that have one, the byte path with interned names; then the records through the
    /// corpus builder and the graph. Errors are fine; a crash, a hang or a leak is a finding.
    static func reader(_ format: InputFormat, ext: String, _ data: UnsafeBufferPointer<UInt8>) {
        guard let doc = try? SourceDocument(name: "fuzz.\(ext)", bytes: Array(data)) else { return }
        let reader = RecordReaders.reader(for: format)
        _ = reader.sniff(doc)
        var records: [PaperRecord] = []
        let sink = RecordSink { records.append($0) }
        try? reader.init(options: options).read(doc, into: sink)
        let interner = NameInterner(capacity: 1 << 8)
        let flat = RecordSink(interner: interner, handler: { _ in }, interned: { _, _ in })
        try? reader.init(options: options).read(doc, into: flat)
        let builder = CorpusBuilder(options: IdentityOptions())
        for r in records { builder.add(r) }
        let corpus = builder.finish(threads: 1)
        _ = CoauthorGraph(corpus: corpus, options: GraphOptions(), threads: 1)
    }

    /// One input as a snapshot whose header is made valid first (magic, version, payload length,
    /// checksum), so that the fuzzer explores the structure behind the checksum: a forged
    /// snapshot must be an error, never a crash.
    static func snapshot(_ data: UnsafeBufferPointer<UInt8>) {
        var bytes = Array(data)
        if bytes.count >= 32 {
            for (i, b) in Snapshot.magic.enumerated() { bytes[i] = b }
            withUnsafeBytes(of: Snapshot.version.littleEndian) { for k in 0..<4 { bytes[8 + k] = $0[k] } }
            Snapshot.seal(&bytes)
        }
        _ = bytes.withUnsafeBytes { try? Snapshot.decodeContents($0, path: "fuzz.coauthor") }
    }
}
