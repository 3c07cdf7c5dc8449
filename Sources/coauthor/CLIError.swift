import ArgumentParser
import CoauthorRecords

/// An error a command stops with: what went wrong and the exit code (sysexits.h). Commands throw
/// it; `Coauthor.main` prints it, once, on standard error and exits with its code, so no command
/// prints an error line or picks an exit code by hand.
///
/// Printed as `coauthor: error: MESSAGE`, or, when the message already starts with where in an
/// input the problem is (`FILE:LINE[:COLUMN]: …`, `located`), as it is.
struct CLIError: Error {
    var message: String
    var exitCode: ExitCode
    /// The message starts with its place in an input and takes no `coauthor: error:` in front.
    var located = false

    /// 64: bad usage (options that contradict each other, a name not in the graph).
    static func usage(_ message: String) -> CLIError { CLIError(message: message, exitCode: .validationFailure) }
    /// 65: the input data cannot give the result (malformed, nothing left to draw).
    static func dataError(_ message: String) -> CLIError { CLIError(message: message, exitCode: ExitCode(65)) }
    /// 66: an input is missing or unreadable.
    static func noInput(_ message: String) -> CLIError { CLIError(message: message, exitCode: ExitCode(66)) }
    /// 73: an output cannot be created or written.
    static func cannotCreate(_ message: String) -> CLIError { CLIError(message: message, exitCode: ExitCode(73)) }
    /// 70: an internal error (a layout worker that failed, an inconsistent table).
    static func software(_ message: String) -> CLIError { CLIError(message: message, exitCode: ExitCode(70)) }

    /// The line written to standard error (without its newline).
    var line: String { located ? message : "coauthor: error: \(message)" }
}

extension CLIError {
    /// An input error: unreadable inputs exit 66, a bad reader option 64, anything else 65. Errors
    /// with a place in a file (malformed records with `--strict`, invalid UTF-8, truncated XML) are
    /// printed as `FILE:LINE[:COLUMN]: …`.
    init(_ e: RecordError) {
        switch e {
        case .unreadable: self = .noInput("\(e)")
        case .badOption: self = .usage("\(e)")
        case .unknownFormat, .empty: self = .dataError("\(e)")
        default: self = CLIError(message: "\(e)", exitCode: ExitCode(65), located: true)
        }
    }
}
