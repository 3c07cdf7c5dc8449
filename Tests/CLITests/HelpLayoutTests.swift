import CoauthorTestSupport
import Foundation
import Testing

/// `coauthor COMMAND --help` as a user reads it (issue 23, point 4): the command's own options
/// first, then the shared sections (graph, input, identity, output); paragraphs wrapped by the help
/// formatter, examples one to a line, no value list printed twice, no line wider than the terminal.
@Suite(.serialized) struct HelpLayoutTests {
    /// Each subcommand, the title of its own section and options that must be in it (the first
    /// option of the section is one of the command's own: the section holds nothing else).
    static let commands: [(name: String, own: [String])] = [
        ("stats", ["--format", "--merges"]),
        ("rank", ["--by", "--top", "--all-metrics"]),
        ("path", ["--from", "--to"]),
        ("communities", ["--method", "--resolution", "--min-size"]),
        ("timeline", ["--author", "--window", "--pairs"]),
        ("indicators", ["--by-year"]),
        ("render", ["--ego", "--labels", "--size-by"]),
        ("report", ["--data-only", "--max-nodes"]),
        ("export", ["--to", "--metrics", "--communities"]),
        ("identities", ["--suggest", "--mentions"]),
        ("build", ["-o"]),
        ("authorships", ["-o"]),
    ]

    /// The options the command itself declares (its section may add shared metric options after them).
    static let firstOwn: [String: Set<String>] = [
        "stats": ["--format"], "rank": ["--by"], "path": ["--from"], "communities": ["--method"],
        "timeline": ["--author"], "indicators": ["--format"], "render": ["-o, --output"], "report": ["-o, --output"],
        "export": ["--to"], "identities": ["--format"], "build": ["-o, --output"], "authorships": ["-o, --output"],
    ]

    /// `coauthor ARGS` with the terminal width set (ArgumentParser reads COLUMNS).
    static func help(_ args: [String], columns: Int) throws -> String {
        var env = ProcessInfo.processInfo.environment
        env["COLUMNS"] = String(columns)
        let r = try runTool(CLI.binary, args, cwd: CLI.repoRoot, environment: env)
        #expect(r.status == 0, "\(args): exit \(r.status) \(r.stderr)")
        return r.stdout
    }

    /// The section headers (lines such as "RANK OPTIONS:") in order, each with its option labels.
    static func sections(_ text: String) -> [(title: String, options: [String])] {
        var out: [(String, [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if let last = line.last, last == ":", line.first?.isUppercase == true, line == line.uppercased(), !line.contains(" ") || line.hasSuffix("OPTIONS:") || line == "ARGUMENTS:" {
                out.append((String(line.dropLast()), []))
            } else if line.hasPrefix("  -") || line.hasPrefix("  <"), !out.isEmpty {
                let label = line.dropFirst(2).components(separatedBy: "  ")[0]
                out[out.count - 1].1.append(label)
            }
        }
        return out
    }

    @Test(arguments: commands.map(\.name)) func ownOptionsComeFirst(_ command: String) throws {
        let text = try Self.help([command, "--help"], columns: 80)
        let sections = Self.sections(text).filter { $0.title != "ARGUMENTS" && $0.title != "USAGE" }
        let own = Self.commands.first { $0.name == command }!.own
        let title = (command == "path" ? "PATH" : command.uppercased()) + " OPTIONS"
        try #require(!sections.isEmpty, "\(command): no option section")
        #expect(sections[0].title == title, "\(command): first section is \(sections[0].title)")
        let first = sections[0].options.first ?? ""
        #expect(Self.firstOwn[command]!.contains { first.hasPrefix($0 + " ") || first == $0 },
                "\(command): first option is '\(first)'")
        for option in own {
            #expect(sections[0].options.contains { $0.hasPrefix(option + " ") || $0 == option || $0.hasPrefix(option + ",") || $0.contains(", " + option) },
                    "\(command): \(option) is not in \(title)")
        }
        // The shared sections follow in one order (those the command has).
        let order = ["GRAPH OPTIONS", "INPUT OPTIONS", "IDENTITY OPTIONS", "OUTPUT OPTIONS", "OPTIONS"]
        let shared = sections.dropFirst().map(\.title)
        #expect(shared == order.filter(shared.contains), "\(command): sections \(shared)")
        #expect(shared.contains("INPUT OPTIONS") && shared.contains("IDENTITY OPTIONS"), "\(command): \(shared)")
        // The input options are not in the command's section.
        #expect(!sections[0].options.contains { $0.hasPrefix("--input-format") || $0.hasPrefix("--aliases") })
    }

    /// Every line fits in the terminal's 80 columns; examples are one to a line (the same lines at 80
    /// and at 400 columns); inside a paragraph a line is broken only where the next word would not
    /// fit (no ragged re-wrap of hand-broken lines).
    @Test(arguments: ["--help"] + commands.map(\.name)) func linesFitAndExamplesStayWhole(_ command: String) throws {
        let args = command == "--help" ? ["--help"] : [command, "--help"]
        let narrow = try Self.help(args, columns: 80)
        let wide = try Self.help(args, columns: 400)
        let lines = narrow.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for line in lines {
            #expect(line.count <= 80, "\(command): \(line.count) columns: '\(line)'")
        }
        // Examples: the lines of the Examples block are the same whatever the width.
        func examples(_ text: String) -> [String] {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            guard let start = lines.firstIndex(of: "Examples:") else { return [] }
            return Array(lines[(start + 1)...].prefix { !$0.isEmpty })
        }
        if command != "--help" {
            #expect(!examples(wide).isEmpty, "\(command): no examples")
        }
        #expect(examples(narrow) == examples(wide), "\(command): an example is broken at 80 columns: \(examples(narrow))")
        for line in examples(narrow) {
            #expect(line.hasPrefix("  ") && line.contains("coauthor") || line.hasPrefix("  spark-submit"),
                    "\(command): not an example command: '\(line)'")
        }
        // Paragraphs of the overview: a line that does not end a sentence or clause is broken only
        // where the next word would not have fitted.
        let overview = narrow.components(separatedBy: "\nUSAGE:")[0].split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (line, next) in zip(overview, overview.dropFirst())
        where !line.isEmpty && !next.isEmpty && !line.hasPrefix(" ") && !next.hasPrefix(" ") && !line.hasSuffix(":") {
            let word = next.split(separator: " ").first.map(String.init) ?? ""
            if ".;)".contains(line.last!) { continue }
            // ArgumentParser breaks at the last space within the first 80 characters, so a line
            // and the next word that make exactly 80 are broken too.
            #expect(line.count + 1 + word.count >= 80, "\(command): ragged break after '\(line)' before '\(word)'")
        }
    }

    /// An option's values are listed once: not in the help text and again in "(values: …)", nor as a
    /// value name such as <a|b|c> beside "(values: …)".
    @Test(arguments: commands.map(\.name)) func valueListsOnce(_ command: String) throws {
        let text = try Self.help([command, "--help"], columns: 400)
        for line in text.split(separator: "\n").map(String.init) where line.contains("(values: ") {
            let list = line.components(separatedBy: "(values: ")[1].components(separatedBy: CharacterSet(charactersIn: ";)"))[0]
            let values = list.components(separatedBy: ", ")
            let before = line.components(separatedBy: "(values: ")[0]
            if values.count >= 3 {
                let shown = values.filter { v in before.range(of: "\\b\(NSRegularExpression.escapedPattern(for: v))\\b", options: .regularExpression) != nil }
                #expect(shown.count < values.count, "\(command): the values are listed twice: '\(line)'")
            }
            #expect(!(before.contains("<") && before.components(separatedBy: ">")[0].contains("|")),
                    "\(command): a value name lists the values: '\(line)'")
        }
    }
}
