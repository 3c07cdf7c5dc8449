import CCompression

/// The compressions `coauthor` reads, recognised by their first bytes whatever the file is called.
public enum Compression: String, Sendable, CaseIterable {
    case gzip, zstd, bzip2

    /// The compression whose magic bytes start `b`, or nil: gzip `1F 8B`, zstd `28 B5 2F FD` (or a
    /// skippable frame `5? 2A 4D 18`), bzip2 `BZh1`…`BZh9`.
    public static func sniff(_ b: UnsafeRawBufferPointer) -> Compression? {
        if b.count >= 2, b[0] == 0x1F, b[1] == 0x8B { return .gzip }
        if b.count >= 4, b[0] == 0x28, b[1] == 0xB5, b[2] == 0x2F, b[3] == 0xFD { return .zstd }
        if b.count >= 4, b[0] & 0xF0 == 0x50, b[1] == 0x2A, b[2] == 0x4D, b[3] == 0x18 { return .zstd }
        if b.count >= 4, b[0] == 0x42, b[1] == 0x5A, b[2] == 0x68, b[3] >= 0x31, b[3] <= 0x39 { return .bzip2 }
        return nil
    }

    /// File extensions that name a compression; they are set aside before a reader is chosen by
    /// extension (`refs.bib.gz` is read as `.bib`), but the content decides whether and how an input
    /// is decompressed.
    public static let extensions: [String: Compression] = [
        "gz": .gzip, "gzip": .gzip, "zst": .zstd, "zstd": .zstd, "bz2": .bzip2, "bzip2": .bzip2,
    ]
}

/// What a decompression library said is wrong with its input.
struct DecompressionError: Error, Sendable {
    let message: String
}

/// One decompression stream through the system library (zlib, libzstd, libbz2): the only owner of
/// its handle, freed in `deinit`. Several gzip members, zstd frames or bzip2 streams one after the
/// other (as `pigz`, `cat a.gz b.gz` and the OpenAlex and Semantic Scholar dumps write them) are
/// read as one stream; bytes after the last one that do not start another are an error.
final class Decompressor {
    let kind: Compression
    private var gz: UnsafeMutablePointer<z_stream>?
    private var zs: OpaquePointer?
    private var bz: UnsafeMutablePointer<bz_stream>?
    /// True where the compressed input may end: before anything was read and between members,
    /// frames or streams.
    private(set) var atBoundary = true
    /// Members, frames or streams finished so far.
    private(set) var members = 0

    init(_ kind: Compression) throws(DecompressionError) {
        self.kind = kind
        switch kind {
        case .gzip:
            let s = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            s.initialize(to: z_stream())
            let rc = coauthor_inflate_init_gzip(s)
            guard rc == Z_OK else {
                s.deallocate()
                throw DecompressionError(message: "zlib cannot start (inflateInit2 returned \(rc))")
            }
            gz = s
        case .zstd:
            guard let c = ZSTD_createDCtx() else { throw DecompressionError(message: "libzstd cannot start (out of memory)") }
            zs = c
        case .bzip2:
            let s = UnsafeMutablePointer<bz_stream>.allocate(capacity: 1)
            s.initialize(to: bz_stream())
            let rc = BZ2_bzDecompressInit(s, 0, 0)
            guard rc == BZ_OK else {
                s.deallocate()
                throw DecompressionError(message: "libbz2 cannot start (BZ2_bzDecompressInit returned \(rc))")
            }
            bz = s
        }
    }

    deinit {
        if let s = gz { inflateEnd(s); s.deallocate() }
        if let c = zs { ZSTD_freeDCtx(c) }
        if let s = bz { BZ2_bzDecompressEnd(s); s.deallocate() }
    }

    /// Decompresses from the start of `input` into `output`.
    /// - Returns: the input bytes consumed and the output bytes written (both 0 only when `input`
    ///   is too short to say whether another member starts), and what is wrong with the data
    ///   (corrupt, wrong check value, trailing bytes) when the library stopped at a fault: the bytes
    ///   written before it are still handed out (a wrong CRC is found after the member's last byte).
    func step(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer)
        -> (consumed: Int, produced: Int, failure: DecompressionError?) {
        var produced = 0
        do {
            let r = try stepOrThrow(input, output, &produced)
            return (r.consumed, r.produced, nil)
        } catch {
            return (0, produced, error)
        }
    }

    private func stepOrThrow(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, _ produced: inout Int)
        throws(DecompressionError) -> (consumed: Int, produced: Int) {
        guard !input.isEmpty, !output.isEmpty else { return (0, 0) }
        if atBoundary && members > 0 {
            // Another member, frame or stream, or bytes that are not one.
            let need = kind == .gzip ? 2 : 4
            if input.count < need {
                // Too short to tell: a prefix of the magic waits for more input (at the end of the
                // input the caller reports it as trailing bytes).
                let magic: [UInt8] = kind == .gzip ? [0x1F, 0x8B] : kind == .zstd ? [0x28, 0xB5, 0x2F] : [0x42, 0x5A, 0x68]
                if zip(input, magic).allSatisfy({ $0 == $1 }) { return (0, 0) }
                throw trailing()
            }
            guard Compression.sniff(input) == kind else { throw trailing() }
            try restart()
        }
        switch kind {
        case .gzip: return try stepGzip(input, output, &produced)
        case .zstd: return try stepZstd(input, output, &produced)
        case .bzip2: return try stepBzip2(input, output, &produced)
        }
    }

    private func trailing() -> DecompressionError {
        let unit = kind == .gzip ? "gzip member" : kind == .zstd ? "zstd frame" : "bzip2 stream"
        return DecompressionError(message: "trailing bytes after the last \(unit) are not \(kind.rawValue) data")
    }

    private func restart() throws(DecompressionError) {
        switch kind {
        case .gzip:
            let rc = inflateReset(gz!)
            guard rc == Z_OK else { throw DecompressionError(message: "zlib cannot restart (inflateReset returned \(rc))") }
        case .zstd:
            break   // libzstd reads frame after frame by itself
        case .bzip2:
            BZ2_bzDecompressEnd(bz!)
            bz!.initialize(to: bz_stream())
            let rc = BZ2_bzDecompressInit(bz!, 0, 0)
            guard rc == BZ_OK else { throw DecompressionError(message: "libbz2 cannot restart (BZ2_bzDecompressInit returned \(rc))") }
        }
        atBoundary = false
    }

    private func stepGzip(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, _ written: inout Int)
        throws(DecompressionError) -> (consumed: Int, produced: Int) {
        let s = gz!
        let inCount = UInt32(clamping: input.count), outCount = UInt32(clamping: output.count)
        s.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress!.assumingMemoryBound(to: Bytef.self))
        s.pointee.avail_in = inCount
        s.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: Bytef.self)
        s.pointee.avail_out = outCount
        atBoundary = false
        let rc = inflate(s, Z_NO_FLUSH)
        let consumed = Int(inCount - s.pointee.avail_in), produced = Int(outCount - s.pointee.avail_out)
        written = produced
        switch rc {
        case Z_OK, Z_BUF_ERROR:
            return (consumed, produced)
        case Z_STREAM_END:
            atBoundary = true
            members += 1
            return (consumed, produced)
        case Z_MEM_ERROR:
            throw DecompressionError(message: "zlib: out of memory")
        default:
            // Z_DATA_ERROR ("incorrect data check" for a wrong CRC-32, "invalid block type" …) or
            // Z_NEED_DICT (never in gzip).
            let what = s.pointee.msg.map { String(cString: $0) } ?? "error \(rc)"
            throw DecompressionError(message: "corrupt gzip data (zlib: \(what))")
        }
    }

    private func stepZstd(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, _ written: inout Int)
        throws(DecompressionError) -> (consumed: Int, produced: Int) {
        var inb = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        var outb = ZSTD_outBuffer(dst: output.baseAddress, size: output.count, pos: 0)
        atBoundary = false
        let rc = ZSTD_decompressStream(zs!, &outb, &inb)
        written = outb.pos
        if ZSTD_isError(rc) != 0 {
            throw DecompressionError(message: "corrupt zstd data (libzstd: \(String(cString: ZSTD_getErrorName(rc))))")
        }
        if rc == 0 {
            // A frame ended (libzstd goes on to the next frame by itself when more input follows).
            atBoundary = true
            members += 1
        }
        return (inb.pos, outb.pos)
    }

    private func stepBzip2(_ input: UnsafeRawBufferPointer, _ output: UnsafeMutableRawBufferPointer, _ written: inout Int)
        throws(DecompressionError) -> (consumed: Int, produced: Int) {
        let s = bz!
        let inCount = UInt32(clamping: input.count), outCount = UInt32(clamping: output.count)
        s.pointee.next_in = UnsafeMutableRawPointer(mutating: input.baseAddress!).assumingMemoryBound(to: CChar.self)
        s.pointee.avail_in = inCount
        s.pointee.next_out = output.baseAddress!.assumingMemoryBound(to: CChar.self)
        s.pointee.avail_out = outCount
        atBoundary = false
        let rc = BZ2_bzDecompress(s)
        let consumed = Int(inCount - s.pointee.avail_in), produced = Int(outCount - s.pointee.avail_out)
        written = produced
        switch rc {
        case BZ_OK:
            return (consumed, produced)
        case BZ_STREAM_END:
            atBoundary = true
            members += 1
            return (consumed, produced)
        case BZ_DATA_ERROR: throw DecompressionError(message: "corrupt bzip2 data (libbz2: data integrity error, a wrong CRC or damaged block)")
        case BZ_DATA_ERROR_MAGIC: throw DecompressionError(message: "corrupt bzip2 data (libbz2: bad magic bytes)")
        case BZ_MEM_ERROR: throw DecompressionError(message: "libbz2: out of memory")
        default: throw DecompressionError(message: "corrupt bzip2 data (libbz2: error \(rc))")
        }
    }
}
