import ArgumentParser
import CoauthorGraph
import CoauthorRecords
import Foundation

/// Exit codes (sysexits.h): 0 success, 64 usage, 65 bad input data, 66 input missing or unreadable,
/// 73 output cannot be created, 70 internal error.
enum Exit {
    static let dataError = ExitCode(65)
    static let noInput = ExitCode(66)
    static let cannotCreate = ExitCode(73)
    static let software = ExitCode(70)
}

/// Standard error, unbuffered.
enum StdErr {
    static func write(_ s: String) {
        FileHandle.standardError.write(Data(s.utf8))
    }
    static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}

/// Loaded records, resolved identities and the filtered graph.
struct Loaded {
    var summary: LoadSummary
    var corpus: Corpus
    var graph: CoauthorGraph
}

/// Reads every input, resolves identities, builds the graph; prints diagnostics and progress on
/// standard error; maps input errors to exit codes.
func loadGraph(_ input: InputOptions, _ filters: GraphFilterOptions, years: YearRange) throws -> Loaded {
    do {
        var identity = IdentityOptions(mergeInitials: input.mergeInitials, deduplicate: !input.noDedupe)
        if let a = input.aliases { identity.aliases = try AliasTable.load(path: a) }
        let builder = CorpusBuilder(options: identity)
        let loader = RecordLoader(options: input.readerOptions, forcedFormat: input.inputFormat, strict: input.strict)
        let progress = Progress(enabled: !input.quiet && StdErr.isTerminal, label: "reading")
        var records = 0
        let summary = try loader.load(input.inputs, handler: { record in
            builder.add(record)
            records += 1
            if records & 0x3FFF == 0 { progress.update(records: records) }
        }, progress: { bytes, done, total in
            progress.update(records: records, filesDone: done, filesTotal: total)
        })
        progress.finish()
        if !input.quiet {
            for d in summary.diagnostics { StdErr.write("\(d)\n") }
            for f in summary.ignoredFiles { StdErr.write("\(f): warning: not a recognised record file; ignored\n") }
        }
        let corpus = builder.finish()
        if !input.quiet && corpus.report.unusableMentions > 0 {
            StdErr.write("coauthor: warning: \(corpus.report.unusableMentions) author mentions without a usable name were left out\n")
        }
        let graph = CoauthorGraph(corpus: corpus, options: filters.graphOptions(years: years))
        if !input.quiet && graph.hyperauthoredPapers > 0 {
            StdErr.write("coauthor: warning: \(graph.hyperauthoredPapers) papers with more than \(filters.maxAuthors) authors add no coauthor ties (--max-authors)\n")
        }
        return Loaded(summary: summary, corpus: corpus, graph: graph)
    } catch let e as RecordError {
        StdErr.write(errorLine(e))
        switch e {
        case .unreadable: throw Exit.noInput
        case .badOption: throw ExitCode.validationFailure
        default: throw Exit.dataError
        }
    }
}

func errorLine(_ e: RecordError) -> String {
    switch e {
    case .unreadable, .unknownFormat, .empty, .badOption: return "coauthor: error: \(e)\n"
    default: return "\(e)\n"
    }
}

/// A one-line progress display on standard error, shown only on a terminal and only once a step
/// has run for more than a second.
final class Progress {
    let enabled: Bool
    let label: String
    let start = Date()
    private var shown = false

    init(enabled: Bool, label: String) {
        self.enabled = enabled
        self.label = label
    }

    func update(records: Int, filesDone: Int? = nil, filesTotal: Int? = nil) {
        guard enabled else { return }
        let t = Date().timeIntervalSince(start)
        guard t > 1 else { return }
        shown = true
        let rate = Double(records) / max(t, 1e-9)
        var line = "\r\(label): \(records) records, \(Int(rate)) records/s"
        if let d = filesDone, let n = filesTotal, n > 1 {
            line += ", file \(d)/\(n)"
            if d > 0 && d < n { line += ", ETA \(Int(t / Double(d) * Double(n - d)))s" }
        }
        StdErr.write(line + "\u{1B}[K")
    }

    func finish() {
        if shown { StdErr.write("\r\u{1B}[K") }
    }
}
