import ArgumentParser

/// Options users bring from other tools (or from older versions of this one) that `coauthor`
/// spells differently. When parsing fails on one of them, the error names the option meant instead
/// of the closest spelling by edit distance (which for `--metric` is `--strict`).
enum OptionSynonyms {
    /// Per command: what was typed → what is meant.
    static let table: [String: [String: String]] = {
        let years = ["--since": "--from-year", "--until": "--to-year", "--start-year": "--from-year",
                     "--end-year": "--to-year", "--year-from": "--from-year", "--year-to": "--to-year",
                     "--first-year": "--from-year", "--last-year": "--to-year"]
        let output = ["--out": "--output", "--output-file": "--output", "--outfile": "--output", "--write": "--output"]
        let common = years.merging(output) { a, _ in a }
        func with(_ own: [String: String]) -> [String: String] { common.merging(own) { _, b in b } }
        return [
            "stats": common,
            "indicators": with(["--per-year": "--by-year", "--yearly": "--by-year"]),
            "rank": with(["--metric": "--by", "--sort-by": "--by", "--order-by": "--by", "--sort": "--by",
                          "--measure": "--by", "--centrality": "--by", "--limit": "--top", "--head": "--top",
                          "--n": "--top", "--count": "--top", "--all": "--all-metrics", "--metrics": "--all-metrics"]),
            "path": with(["--source": "--from", "--target": "--to", "--start": "--from", "--end": "--to",
                          "--author": "--from"]),
            "communities": with(["--algorithm": "--method", "--metric": "--method", "--gamma": "--resolution",
                                 "--min-community-size": "--min-size", "--random-seed": "--seed"]),
            "timeline": with(["--ego": "--author", "--name": "--author", "--window-size": "--window",
                              "--slice": "--window", "--limit": "--top"]),
            "render": with(["--metric": "--size-by", "--size": "--size-by", "--colour-by": "--color-by",
                            "--color": "--color-by", "--colour": "--color-by", "--author": "--ego",
                            "--center": "--ego", "--centre": "--ego", "--focus": "--ego", "--engine": "--layout",
                            "--format": "--output", "--to": "--output"]),
            "export": with(["--from": "--from-year", "--format": "--to", "--metric": "--metrics",
                            "--community": "--communities", "--engine": "--layout"]),
            "identities": with(["--suggestions": "--suggest", "--duplicates": "--suggest", "--thesaurus": "--aliases"]),
            "build": output,
        ]
    }()

    /// "unknown option '--metric' for 'coauthor rank'; did you mean '--by'?" when `message`
    /// (ArgumentParser's) is about an unknown option of a command that has a synonym for it.
    static func hint(arguments: [String], message: String) -> String? {
        let prefix = "Unknown option '"
        guard let start = message.range(of: prefix),
              let end = message[start.upperBound...].firstIndex(of: "'") else { return nil }
        let typed = String(message[start.upperBound..<end])
        guard let command = arguments.first(where: { table[$0] != nil }),
              let meant = table[command]?[typed.split(separator: "=", maxSplits: 1).first.map(String.init) ?? typed]
        else { return nil }
        return "unknown option '\(typed)' for 'coauthor \(command)'; did you mean '\(meant)'? (see 'coauthor \(command) --help')"
    }
}
