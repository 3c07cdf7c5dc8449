import ArgumentParser
import CoauthorExport
import CoauthorGraph
import CoauthorOutput
import CoauthorRecords
import Foundation

/// `coauthor authorships`: the map step of a cluster run (one authorship part per input file).
struct Authorships: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the authorship table (one row per author mention) for a Spark job.",
        discussion: """
        The map step of 'Distributed/spark' (see the README, "Beyond one machine"): every input file \
        is read alone, its identities keyed exactly as every other command keys them, and written as \
        one part DIR/part-NNNNN-NAME.jsonl: a header line (format, version, columns), then one JSON \
        row per author mention (paper, paper_id, year, position, author, name, ids, authors, venue). \
        A cluster runs it once per file, in parallel. Same input and options, same bytes. Parts are \
        written atomically (to a temporary name, then renamed).

        Identities: --aliases applies; --merge-initials needs the whole corpus and is refused. Records \
        of different files are not merged as duplicates (as --no-dedupe).

        Examples:
          coauthor authorships dblp-2016-authors.jsonl -o parts/
          coauthor authorships acl/xml/ -o parts/          # one part per XML file
          spark-submit Distributed/spark/coauthor_spark.py parts/ spark-out/
        """)

    @OptionGroup(title: "Authorships options") var own: CommandOptions
    @OptionGroup var input: InputOptions

    /// The options of this command (shown first in --help).
    struct CommandOptions: ParsableArguments {
        @Option(name: .shortAndLong, help: ArgumentHelp("Directory for the parts (made if missing).", valueName: "dir"))
        var output: String
    }


    func validate() throws {
        if input.mergeInitials {
            throw ValidationError("--merge-initials joins names across the whole corpus; a part is keyed per file: leave it out")
        }
    }

    func run() throws {
        let files: [String]
        do {
            let loader = RecordLoader(options: input.readerOptions, forcedFormat: input.inputFormat)
            // A file whose name says no format is recognised by its content when its part is read.
            files = try loader.expand(input.inputs).inputs
        } catch let e as RecordError {
            throw CLIError(e)
        }
        do {
            try FileManager.default.createDirectory(atPath: own.output, withIntermediateDirectories: true)
        } catch {
            throw CLIError.cannotCreate("cannot create \(own.output): \(error.localizedDescription)")
        }
        var total = 0
        for (index, file) in files.enumerated() {
            var one = input
            one.inputs = [file]
            one.noDedupe = true
            let clock = StepClock(enabled: input.timings)
            var made: CorpusBuilder?
            let (_, corpus, _) = try loadCorpus(one, clock: clock, builderOut: { made = $0 })
            guard let builder = made else { continue }
            let path = (own.output as NSString).appendingPathComponent(AuthorshipTable.partName(index: index, source: file))
            do {
                try AtomicFiles.write([PlannedFile(path: path) { sink in
                    AuthorshipTable.write(corpus: corpus, builder: builder, source: file,
                                          generator: Coauthor.configuration.version, to: sink)
                }])
            } catch {
                throw CLIError.cannotCreate("\(error)")
            }
            clock.lap("write \(path)")
            total += corpus.papers.count
            ProcessLifetime.keep(corpus)
            ProcessLifetime.keep(builder)
        }
        if !input.quiet { StdErr.write("wrote \(files.count) part(s) to \(own.output): \(total) papers\n") }
    }
}
