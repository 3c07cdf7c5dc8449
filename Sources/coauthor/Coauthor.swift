import ArgumentParser

@main
struct Coauthor: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coauthor",
        abstract: "Turn paper records into a coauthorship graph.")
}
