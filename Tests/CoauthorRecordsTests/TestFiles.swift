import Foundation
@testable import CoauthorModel
@testable import CoauthorRecords

/// A fresh directory for a test's input files.
struct ScratchDirectory {
    let url: URL
    var path: String { url.path }

    /// Writes `text` to the file `name` in the directory and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }
}

/// `body` with a fresh directory under the temporary directory, removed afterwards.
func withScratchDirectory<R>(_ label: String, _ body: (ScratchDirectory) throws -> R) throws -> R {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-\(label)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: url) }
    return try body(ScratchDirectory(url: url))
}

/// Reads `paths` the way the command-line tool does (`RecordLoader.loadInterned`) and hands each
/// record on as the `PaperRecord` it stands for: a byte-path record (`flat` true) with its interned
/// authors put back, any other as it comes.
func loadInternedRecords(_ loader: RecordLoader, _ paths: [String],
                         _ take: @escaping (_ record: PaperRecord, _ flat: Bool) throws -> Void) throws -> LoadSummary {
    let interner = NameInterner()
    var names: [AuthorName] = []
    return try loader.loadInterned(paths, interner: interner, interned: { r, n in
        names += interner.takeNames()
        var record = r.record
        record.authors = n.map { names[Int($0)] }
        try take(record, true)
    }, handler: { try take($0, false) })
}
