// coauthor-synth: seeded synthetic paper records as JSON Lines (see SynthGenerator for the model).
//
// Usage: coauthor-synth [--papers N] [--authors N] [--communities N] [--seed S] [--years A-B]
//                       [--mixing P] [--growth G] [--team-mean M] [--team-tail T] [--team-shape A]
//                       [--team-scale L] [--max-team K]
//                       [--productivity-shape B] [--community-size-shape C] [-o FILE]
// Writes to FILE (atomically: FILE.tmp, then renamed) or standard output; a summary line on
// standard error. Same parameters and seed → the same bytes.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

func say(_ s: String) {
    let line = Array("coauthor-synth: \(s)\n".utf8)
    _ = line.withUnsafeBufferPointer { write(2, $0.baseAddress, $0.count) }
}

func fail(_ s: String) -> Never {
    say(s)
    exit(64)
}

let usage = """
usage: coauthor-synth [--papers N] [--authors N] [--communities N] [--seed S] [--years A-B]
                      [--mixing P] [--growth G] [--team-mean M] [--team-tail T] [--team-shape A]
                      [--team-scale L] [--max-team K] [--productivity-shape B] [--community-size-shape C] [-o FILE]
defaults: --papers 1000000, --authors 0.55 × papers, --communities authors / 1000 (≥ 1),
          --seed 1, --years 1990-2016, --mixing 0.1, --growth 0.05, --team-mean 1.8,
          --team-tail 0.03, --team-shape 2, --team-scale 4, --max-team 500,
          --productivity-shape 3, --community-size-shape 1.5
model: see SynthGenerator in Benchmarks/Synth/Synth.swift and README.md (Speed)
"""

var p = SynthParameters()
var authorsGiven = false, communitiesGiven = false
var output: String?
var args = Array(CommandLine.arguments.dropFirst())
while !args.isEmpty {
    let flag = args.removeFirst()
    if flag == "-h" || flag == "--help" {
        print(usage)
        exit(0)
    }
    guard !args.isEmpty else { fail("\(flag) needs a value\n\(usage)") }
    let v = args.removeFirst()
    func int() -> Int { guard let x = Int(v) else { fail("\(flag): not an integer: \(v)") }; return x }
    func double() -> Double { guard let x = Double(v), x.isFinite else { fail("\(flag): not a number: \(v)") }; return x }
    switch flag {
    case "--papers": p.papers = int()
    case "--authors": p.authors = int(); authorsGiven = true
    case "--communities": p.communities = int(); communitiesGiven = true
    case "--seed": guard let s = UInt64(v) else { fail("--seed: not an unsigned integer: \(v)") }; p.seed = s
    case "--years":
        let parts = v.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { fail("--years: expected A-B, got \(v)") }
        p.firstYear = a; p.lastYear = b
    case "--mixing": p.mixing = double()
    case "--growth": p.growth = double()
    case "--team-mean": p.teamMean = double()
    case "--team-tail": p.teamTail = double()
    case "--team-shape": p.teamShape = double()
    case "--team-scale": p.teamScale = double()
    case "--max-team": p.maxTeam = int()
    case "--productivity-shape": p.productivityShape = double()
    case "--community-size-shape": p.communitySizeShape = double()
    case "-o", "--output": output = v
    default: fail("unknown option \(flag)\n\(usage)")
    }
}
if !authorsGiven { p.authors = max(1, p.papers / 20 * 11) }
if !communitiesGiven { p.communities = max(1, p.authors / 1000) }
if let problem = p.problem() { fail(problem) }

let tmp = output.map { $0 + ".tmp" }
guard let file = tmp.map({ fopen($0, "wb") }) ?? fdopen(1, "wb") else { fail("cannot write \(tmp!): \(String(cString: strerror(errno)))") }
var generator = SynthGenerator(p)
var buffer: [UInt8] = []
buffer.reserveCapacity(1 << 21)
var bytes = 0
for _ in 0..<p.papers {
    generator.appendPaper(to: &buffer)
    if buffer.count >= 1 << 20 {
        guard fwrite(buffer, 1, buffer.count, file) == buffer.count else { fail("write failed: \(String(cString: strerror(errno)))") }
        bytes += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }
}
guard fwrite(buffer, 1, buffer.count, file) == buffer.count, fflush(file) == 0 else { fail("write failed: \(String(cString: strerror(errno)))") }
bytes += buffer.count
if let output, let tmp {
    guard fclose(file) == 0, rename(tmp, output) == 0 else { fail("cannot write \(output): \(String(cString: strerror(errno)))") }
}
say("\(p.papers) papers, author pool \(p.authors), \(p.communities) communities, seed \(p.seed), \(bytes) bytes")
