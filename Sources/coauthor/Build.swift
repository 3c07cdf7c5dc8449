import ArgumentParser
import CoauthorGraph
import CoauthorOutput
import Foundation

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read the inputs once and save the resolved corpus as a binary snapshot.",
        discussion: """
        The snapshot (.coauthor) holds the papers, the resolved authors and who wrote what, and the \
        coauthorship graph under the default filters; every other command accepts it as its only \
        input and applies its own filters, skipping parsing and identity resolution (and, without \
        filters, building the graph). Identity options (--aliases, --merge-initials, --no-dedupe) are applied \
        here. The file is versioned and checksummed, little-endian, and written to a temporary name \
        first.

        Examples:
          coauthor build dblp-2016-authors.jsonl -o dblp.coauthor
          coauthor rank dblp.coauthor --by pagerank --top 50
        """)

    @OptionGroup(title: "Build options") var own: CommandOptions
    @OptionGroup var input: InputOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(name: .shortAndLong, help: "The snapshot file to write (conventionally *.coauthor).")
        var output: String
    }


    func run() throws {
        let clock = StepClock(enabled: input.timings)
        let (summary, corpus, stored) = try loadCorpus(input, clock: clock)
        // The graph under the default filters goes into the snapshot too, so that commands run
        // without filters skip building it.
        if stored?.options != GraphOptions() { try checkPairs(corpus, GraphOptions()) }
        let graph = stored?.options == GraphOptions() ? stored! : CoauthorGraph(corpus: corpus, options: GraphOptions(), threads: input.cores)
        clock.lap("build graph")
        ProcessLifetime.keep(corpus)
        ProcessLifetime.keep(graph)
        do {
            let bar = ShareProgress(label: "writing", total: Double(corpus.papers.count), unit: "papers")
            try Snapshot.write(corpus, info: Snapshot.Info(skippedRecords: summary.skipped, inputs: summary.files), graph: graph,
                               to: own.output, progress: bar.enabled ? { bar.update($0) } : nil)
            bar.finish()
        } catch {
            throw failed(error)
        }
        clock.lap("write snapshot")
        if !input.quiet {
            StdErr.write("wrote \(own.output): \(corpus.papers.count) papers, \(corpus.authors.count) authors\n")
        }
    }
}
