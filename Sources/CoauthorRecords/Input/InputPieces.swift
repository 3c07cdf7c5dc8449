import CoauthorModel
import CoauthorParallel
import Foundation

/// An input read in pieces of about `chunkBytes`, each ending at a record boundary, on a thread of
/// its own (reading, decompressing, UTF-8 checking) while the caller parses the piece before: the
/// memory held is a few pieces, not the input. Records are never split: a piece grows until it
/// holds a boundary, up to `limits.maxRecordBytes`.
final class InputPieces: @unchecked Sendable {
    enum Item {
        case piece(SourceDocument)
        case failure(Error)
        case end
    }

    let name: String
    private let input: InputFile
    private let boundary: RecordBoundary
    private let chunkBytes: Int
    private let limits: InputLimits
    /// XML: the prolog and root start tag on one line (line feeds made spaces) and the root's end
    /// tag; a JSON array: no prolog, and what closes the first piece (`]`, or `]}` for a member).
    private var prolog: [UInt8] = []
    private var closing: [UInt8] = []

    private let lock = NSLock()
    private var queue: [Item] = []
    private var head = 0
    private let available = DispatchSemaphore(value: 0)
    private let room: Parallel.Window
    private var cancelled = false
    private var storedRead = 0
    private var decoded = 0
    /// Set when the compressed data was damaged: what, and where the good data ended.
    private(set) var damage: (message: String, location: SourceLocation)?

    /// - Parameter first: bytes already read (decompressed) from `input`, not yet in a piece.
    init(_ input: InputFile, first: [UInt8], boundary: RecordBoundary, chunkBytes: Int, limits: InputLimits, depth: Int = 2) {
        name = input.name
        self.input = input
        self.boundary = boundary
        self.chunkBytes = max(1, chunkBytes)
        self.limits = limits
        room = Parallel.Window(depth: max(1, depth))
        storedRead = input.storedBytesRead
        decoded = first.count
        if case .xml = boundary, let (p, c) = InputPieces.prolog(first) {
            prolog = p
            closing = c
        }
        if case .jsonArray(let member) = boundary { closing = RecordBoundary.jsonClosers(member: member) }
        Parallel.thread(stackSize: 1 << 20) { [self] in produce(first) }
    }

    /// The prolog up to and including the root start tag (line feeds and carriage returns made
    /// spaces, no byte-order mark) and the root's end tag, from the document's first bytes.
    static func prolog(_ b: [UInt8]) -> ([UInt8], [UInt8])? {
        var s = XMLScanner(bytes: b, isFinal: false)
        while let e = try? s.next() {
            guard e.kind == .startElement else { continue }
            var end = e.content.upperBound
            while end < b.count, b[end - 1] != 0x3E { end += 1 }
            var start = 0
            if b.count >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { start = 3 }
            let p = b[start..<end].map { $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
            return (p, Array("</".utf8) + Array(b[e.name]) + Array(">\n".utf8))
        }
        return nil
    }

    /// Bytes of the stored (compressed) input read so far (for progress).
    var storedBytesRead: Int {
        lock.lock()
        defer { lock.unlock() }
        return storedRead
    }

    /// Bytes of the input (decompressed) read so far.
    var bytesRead: Int {
        lock.lock()
        defer { lock.unlock() }
        return decoded
    }

    /// The next piece; nil at the end of the input (then `damage` says whether it ended early).
    func next() throws -> SourceDocument? {
        available.wait()
        lock.lock()
        let item = queue[head]
        queue[head] = .end
        head += 1
        if head == queue.count { queue.removeAll(keepingCapacity: true); head = 0 }
        lock.unlock()
        switch item {
        case .piece(let d):
            room.leave()
            return d
        case .failure(let e):
            throw e
        case .end:
            return nil
        }
    }

    /// Lets the reading thread stop (when the caller stops before the end).
    func cancel() {
        lock.lock()
        cancelled = true
        lock.unlock()
        room.leave()
    }

    private func put(_ item: Item) -> Bool {
        room.enter()
        lock.lock()
        defer { lock.unlock() }
        if cancelled { return false }
        queue.append(item)
        storedRead = input.storedBytesRead
        available.signal()
        return true
    }

    private func finish(_ item: Item) {
        lock.lock()
        queue.append(item)
        lock.unlock()
        available.signal()
    }

    private func produce(_ first: [UInt8]) {
        var carry = first
        var line = 1
        var isFirst = true
        var pieceIndex = 0
        var target = chunkBytes
        var ended = false
        var damaged: InputDamage?
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        /// No boundary after `chunkBytes` before this offset of `carry` (searched already).
        var searched = 0
        while true {
            // Fill to the target size (or the end).
            while carry.count < target && !ended && damaged == nil {
                let want = buffer.count
                var n = 0
                do {
                    n = try buffer.withUnsafeMutableBytes { try input.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[0..<want])) }
                } catch let d as InputDamage {
                    damaged = d
                } catch {
                    finish(.failure(error))
                    return
                }
                if n == 0 && damaged == nil { ended = true }
                carry.append(contentsOf: buffer[0..<n])
                lock.lock()
                decoded += n
                storedRead = input.storedBytesRead
                lock.unlock()
            }
            let last = ended && damaged == nil && carry.count <= chunkBytes
            var cut: Int
            if last {
                cut = carry.count
            } else if let c = carry.withUnsafeBufferPointer({ b in
                boundary.cut(b, size: chunkBytes, searched: searched, continuing: !isFirst)
            }) {
                cut = c
                searched = 0
            } else if ended && damaged == nil {
                cut = carry.count
            } else if damaged != nil {
                cut = 0
            } else {
                if carry.count > limits.maxRecordBytes {
                    finish(.failure(RecordError.malformed(
                        SourceLocation(file: name, line: line),
                        "a record longer than \(InputLimits.describe(limits.maxRecordBytes)) (--max-record-size; no record "
                        + "boundary in the input from here on)")))
                    return
                }
                searched = carry.count
                target = carry.count + max(chunkBytes, 1 << 16)
                continue
            }
            let final = ended && damaged == nil && cut == carry.count
            if cut > 0 || final {
                var bytes: [UInt8] = []
                bytes.reserveCapacity(cut + prolog.count + closing.count)
                if !isFirst { bytes.append(contentsOf: prolog) }
                if case .jsonArray(let member) = boundary, !isFirst, carry.first == UInt8(ascii: ",") {
                    // `[` over the comma before the piece's first element; the last piece ends
                    // with the array (what follows it in the document is not read).
                    bytes.append(UInt8(ascii: "["))
                    var end = cut
                    if final, let close = carry.withUnsafeBufferPointer({
                        RecordBoundary.jsonElements($0, member: member, continuing: true) { _ in true }
                    }) {
                        end = close + 1
                    }
                    bytes.append(contentsOf: carry[1..<end])
                } else {
                    bytes.append(contentsOf: carry[0..<cut])
                }
                var overlap = 0
                if !final {
                    // A later piece of a JSON array is the array alone: `]` closes it. A BibTeX
                    // piece shows the next entry's header, which ends the entry before it.
                    if case .jsonArray = boundary, !isFirst { bytes.append(UInt8(ascii: "]")) }
                    else if case .bibtex = boundary, cut < carry.count,
                            let end = carry.withUnsafeBufferPointer({ b -> Int? in
                                var at = cut
                                while at < b.count, b[at] != 0x40 { at += 1 }
                                return RecordBoundary.bibHeaderEnd(b, at)
                            }) {
                        overlap = end - cut
                        bytes.append(contentsOf: carry[cut..<end])
                    } else { bytes.append(contentsOf: closing) }
                }
                let doc: SourceDocument
                do {
                    doc = try SourceDocument(name: name, bytes: bytes, firstLine: line, isPiece: true, pieceIndex: pieceIndex,
                                             overlap: overlap)
                    pieceIndex += 1
                } catch {
                    finish(.failure(error))
                    return
                }
                line += carry.withUnsafeBufferPointer { BibScanner.countLineFeeds($0, 0, cut) }
                carry.removeSubrange(0..<cut)
                isFirst = false
                if !put(.piece(doc)) { return }
            }
            if final {
                finish(.end)
                return
            }
            if let d = damaged, cut == 0 || carry.withUnsafeBufferPointer({ boundary.cut($0, size: 0, searched: 0, continuing: !isFirst) }) == nil {
                let at = line + carry.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
                if case .bibtex = boundary {
                    // BibTeX, as when read whole: the good lines before the damage are the last
                    // piece (cross-references still waiting are settled at its end).
                    do {
                        let good = carry.lastIndex(of: 0x0A).map { Array(carry[...$0]) } ?? []
                        let doc = try SourceDocument(name: name, bytes: good, firstLine: line, isPiece: true,
                                                     pieceIndex: pieceIndex)
                        if !put(.piece(doc)) { return }
                    } catch {
                        finish(.failure(error))
                        return
                    }
                }
                lock.lock()
                damage = (d.message, SourceLocation(file: name, line: at))
                lock.unlock()
                finish(.end)
                return
            }
            target = chunkBytes
        }
    }
}
