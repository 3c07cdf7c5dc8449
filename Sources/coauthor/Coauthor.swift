import ArgumentParser
import CoauthorOutput
#if canImport(Glibc)
import Glibc
#endif

@main
struct Coauthor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coauthor",
        abstract: "Turn paper records into a coauthorship graph: who works with whom.",
        discussion: """
        Inputs: scholar-profile pages, BibTeX/biblatex, CSV/TSV, JSON Lines, dblp/PubMed/ACL \
        Anthology XML, OpenAlex works, Semantic Scholar paper responses, CSL-JSON and CSL-YAML, RIS, \
        Web of Science plain text and MEDLINE (.nbib), detected by extension then content \
        (--input-format forces one). Directories are read recursively; '-' is standard input.

        Exit codes: 0 success, 64 bad usage, 65 bad input data, 66 input missing or unreadable, \
        73 output cannot be written.
        """,
        version: "0.1.0",
        subcommands: [Stats.self, Rank.self, PathCommand.self, CommunitiesCommand.self, TimelineCommand.self, IndicatorsCommand.self,
                      Render.self, Report.self, Export.self, Identities.self, Build.self, Authorships.self, GraphvizWorker.self])

    /// ArgumentParser's `main`, with the one place where a command's error is printed: a
    /// `CLIError` as its line on standard error and its exit code; anything else (usage errors,
    /// `--help`, `ExitCode`) as ArgumentParser reports it.
    static func main() {
        StandardStreams.reserve()
        Interrupts.install()
        keepFreedMemory()
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch let e as CLIError {
            StdErr.write(e.line + "\n")
            exit(withError: e.exitCode)
        } catch {
            // An option spelled as other tools spell it: name the one meant (OptionSynonyms).
            if let hint = OptionSynonyms.hint(arguments: arguments, message: message(for: error)) {
                StdErr.write(CLIError.usage(hint).line + "\n")
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }

    /// glibc's allocator hands blocks over 32 MiB straight to the kernel (`mmap`) and gives them
    /// back on `free` (`munmap`), so each large array made while reading — the name tables as they
    /// double, the growing paper columns — arrives as fresh pages that the kernel must zero on first
    /// touch: on all of DBLP a quarter of the run's CPU went on such page faults. A command runs
    /// once and exits, so it keeps what it frees for its own later allocations instead: blocks up
    /// to 64 MiB come from the heap, and the heap is never trimmed. (Measured on DBLP 2016:
    /// parse + build + PageRank 6.2–6.4 s → 5.8–6.0 s, peak memory +7 %.)
    static func keepFreedMemory() {
        #if canImport(Glibc)
        // <malloc.h> is not part of the Glibc module: look `mallopt` up by name.
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        _ = mallopt(-3, 64 << 20)      // M_MMAP_THRESHOLD
        _ = mallopt(-1, Int32.max)     // M_TRIM_THRESHOLD
        #endif
    }
}
