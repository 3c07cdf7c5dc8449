import ArgumentParser
import CoauthorExport
import CoauthorOutput
import CoauthorText
import Foundation

/// Output formats for tabular results.
enum TableFormat: String, CaseIterable {
    case table, csv, json
}

/// Writes standard output in one go; a write error (full disk, closed or broken pipe) is a
/// message and exit 73.
func emit(_ s: String) throws {
    do { try StandardOutput.write(s) } catch { throw failed(error) }
}

/// Writes a result to standard output, or with `-o FILE` through `AtomicFiles` (a temporary file
/// renamed over FILE; a device or FIFO written into; an input, a directory or a block device
/// refused). Errors: a message and exit 73 (64 for an input).
func writeOutput(_ text: String, to path: String?) throws {
    do { try AtomicFiles.write(text, to: path) } catch { throw failed(error) }
}

/// An output error as the command's error (its message and exit code).
func failed(_ e: OutputError) -> CLIError {
    CLIError(message: "\(e)", exitCode: ExitCode(e.exitCode))
}
