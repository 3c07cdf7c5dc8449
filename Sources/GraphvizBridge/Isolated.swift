import CGraphviz
import CoauthorOutput
import CoauthorParallel
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Graphviz in a child process: one fresh process per rendering job, with a time limit.
///
/// Why: Graphviz 2.42 can abort the whole process (assertions such as sfdp + `splines=ortho`),
/// can run for minutes (dot on a thousand nodes, `splines=true` with sfdp), and its force-directed
/// engines are reproducible only for the first layout in a process. A fresh child per job makes
/// every output reproducible, turns an abort into `GraphvizError.crashed` and a runaway layout into
/// `GraphvizError.timedOut` — the caller's process never goes down.
///
/// The child is any executable that calls `IsolatedGraphviz.serve()` (the `coauthor` binary
/// re-invokes itself through a hidden subcommand). Protocol, over pipes (no files):
/// - standard input: the `GraphvizRequest` as JSON;
/// - standard output: one line of JSON (`Reply`), then the outputs' bytes back to back;
/// - exit status 0 for success, 1 for a `GraphvizError` (in the reply); anything else — a signal,
///   no reply — is a crash, reported with the last lines the child wrote to standard error.
///
/// The parent ignores SIGPIPE (process-wide) so that a child dying mid-request cannot kill it.
public struct IsolatedGraphviz: Sendable {
    public var executable: URL
    public var arguments: [String]
    /// Seconds before the child is stopped (SIGTERM, then SIGKILL after 2 s).
    public var timeout: Double

    public init(executable: URL, arguments: [String], timeout: Double = 120) {
        self.executable = executable
        self.arguments = arguments
        self.timeout = timeout
    }

    /// The reply header the child writes before the outputs' bytes.
    struct Reply: Codable {
        var error: GraphvizError?
        var layout: Layout?
        var warnings: [String]
        var formats: [OutputFormat]
        var lengths: [Int]
    }

    /// Runs one job in a fresh child process.
    public func render(_ request: GraphvizRequest) throws(GraphvizError) -> Rendered {
        IsolatedGraphviz.ignoreSIGPIPE
        let input: Data
        do { input = try JSONEncoder().encode(request) } catch { throw .isolation("cannot encode the request: \(error)") }

        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        // A Swift child that crashes would print its runtime's backtrace over Graphviz's last words.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment["COAUTHOR_PARENT_PID"] = String(getpid())
        process.environment = environment
        let stdinPipe = try ChildPipe(childReads: true), stdoutPipe = try ChildPipe(childReads: false),
            stderrPipe = try ChildPipe(childReads: false)
        process.standardInput = stdinPipe.childEnd
        process.standardOutput = stdoutPipe.childEnd
        process.standardError = stderrPipe.childEnd
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        do { try process.run() } catch {
            throw .isolation("cannot start \(executable.path): \(error.localizedDescription)")
        }
        // SIGINT/SIGTERM/SIGHUP of this process kill the child too (`Interrupts`); the child also
        // asks the kernel to kill it when this process dies (`serve`).
        let interruptToken = Interrupts.childStarted(process.processIdentifier)
        defer { Interrupts.childEnded(interruptToken) }
        // The child has its copies now; the parent keeps only its own ends, so the readers see the
        // end of the outputs when the child exits.
        for p in [stdinPipe, stdoutPipe, stderrPipe] { try? p.childEnd.close() }

        // Write the request and drain both outputs concurrently, so no pipe can fill up and block.
        let out = Collected(), err = Collected()
        let writer = stdinPipe.parentEnd
        let outReader = stdoutPipe.parentEnd, errReader = stderrPipe.parentEnd
        let io = Parallel.Pending([
            {
                try? writer.write(contentsOf: input)
                try? writer.close()
            },
            { out.data = (try? outReader.readToEnd()) ?? Data() },
            { err.data = (try? errReader.readToEnd()) ?? Data() },
        ])

        var timedOut = false
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            timedOut = true
            process.terminate()
            if exited.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                exited.wait()
            }
        }
        io.wait()
        if timedOut { throw .timedOut(seconds: timeout) }

        let stderrText = String(decoding: err.data, as: UTF8.self)
        if process.terminationReason == .uncaughtSignal {
            throw .crashed(signal: process.terminationStatus, message: IsolatedGraphviz.lastLines(stderrText))
        }
        guard let newline = out.data.firstIndex(of: UInt8(ascii: "\n")),
              let reply = try? JSONDecoder().decode(Reply.self, from: out.data[out.data.startIndex..<newline]) else {
            let why = IsolatedGraphviz.lastLines(stderrText)
            throw .crashed(signal: 0, message: "exit status \(process.terminationStatus)" + (why.isEmpty ? "" : ": \(why)"))
        }
        if let e = reply.error { throw e }
        guard process.terminationStatus == 0, reply.formats.count == reply.lengths.count else {
            throw .isolation("inconsistent reply (exit status \(process.terminationStatus))")
        }
        var outputs: [(format: OutputFormat, bytes: [UInt8])] = []
        var at = newline + 1
        for (f, n) in zip(reply.formats, reply.lengths) {
            guard n >= 0, at + n <= out.data.endIndex else { throw .isolation("truncated reply") }
            outputs.append((f, [UInt8](out.data[at..<(at + n)])))
            at += n
        }
        // Messages Graphviz or GTS printed directly (not through agerr) count as warnings.
        let printed = stderrText.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        return Rendered(layout: reply.layout, outputs: outputs, warnings: reply.warnings + printed)
    }

    /// The child's side: reads a request from standard input, renders it in this process and
    /// writes the reply to standard output. Returns the exit status (0 success, 1 `GraphvizError`).
    public static func serve() -> Int32 {
        // Die with the parent, whatever ends it (even SIGKILL): a layout left running alone would
        // hold a core at 100 % for nothing. If the parent is already gone, stop now.
        _ = cgv_die_with_parent()
        if let parent = ProcessInfo.processInfo.environment["COAUTHOR_PARENT_PID"].flatMap(Int32.init), getppid() != parent {
            return 1
        }
        let input = FileHandle.standardInput.readDataToEndOfFile()
        var reply = Reply(error: nil, layout: nil, warnings: [], formats: [], lengths: [])
        var body = Data()
        do {
            let request: GraphvizRequest
            do { request = try JSONDecoder().decode(GraphvizRequest.self, from: input) } catch {
                throw GraphvizError.isolation("unreadable request: \(error)")
            }
            let rendered = try Graphviz.render(request)
            reply.layout = rendered.layout
            reply.warnings = rendered.warnings
            for o in rendered.outputs {
                reply.formats.append(o.format)
                reply.lengths.append(o.bytes.count)
                body.append(contentsOf: o.bytes)
            }
        } catch let e as GraphvizError {
            reply.error = e
        } catch {
            reply.error = .isolation("\(error)")
        }
        var message = (try? JSONEncoder().encode(reply)) ?? Data()
        message.append(UInt8(ascii: "\n"))
        message.append(body)
        try? FileHandle.standardOutput.write(contentsOf: message)
        return reply.error == nil ? 0 : 1
    }

    /// The last few non-empty lines of a child's standard error.
    static func lastLines(_ s: String, count: Int = 3) -> String {
        s.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            .suffix(count).joined(separator: " / ")
    }

    /// Evaluated once: writing to a pipe whose reader died must be an error, not a signal.
    static let ignoreSIGPIPE: Void = { _ = signal(SIGPIPE, SIG_IGN) }()
}

/// A pipe between this process and one child, both ends opened close-on-exec (`pipe2(O_CLOEXEC)`).
///
/// Foundation's `Pipe` leaves its descriptors inheritable, so every other process started meanwhile
/// by another thread (a test suite runs many at once) inherits them; the parent's reader then sees
/// no end of the child's output until the last of those unrelated processes has exited too. In the
/// test suite that held the `IsolatedGraphviz` tests for minutes. With close-on-exec only the child
/// gets the pipe: `Process` duplicates `childEnd` onto its standard stream (the duplicate is
/// inheritable), and nothing else does.
private struct ChildPipe {
    /// The end this process reads or writes.
    let parentEnd: FileHandle
    /// The end the child gets as its standard input (`childReads`) or output; closed in the parent
    /// once the child has started.
    let childEnd: FileHandle

    init(childReads: Bool) throws(GraphvizError) {
        var fds: [Int32] = [-1, -1]
        guard ChildPipe.pipe2(&fds, O_CLOEXEC) == 0 else {
            throw .isolation("cannot create a pipe: \(String(cString: strerror(errno)))")
        }
        let readEnd = FileHandle(fileDescriptor: fds[0], closeOnDealloc: true)
        let writeEnd = FileHandle(fileDescriptor: fds[1], closeOnDealloc: true)
        parentEnd = childReads ? writeEnd : readEnd
        childEnd = childReads ? readEnd : writeEnd
    }

    /// `pipe2` (Linux, the BSDs and macOS 15+) looked up at run time: Swift's Glibc module does not
    /// declare it. Without it, `pipe` and `fcntl(FD_CLOEXEC)` right after (a process started in
    /// between would still inherit the pair).
    private static let pipe2: @Sendable (UnsafeMutablePointer<Int32>, Int32) -> Int32 = {
        typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
        #if canImport(Darwin)
        let everywhere = UnsafeMutableRawPointer(bitPattern: -2)   // RTLD_DEFAULT
        #else
        let everywhere: UnsafeMutableRawPointer? = nil              // RTLD_DEFAULT
        #endif
        if let symbol = dlsym(everywhere, "pipe2") {
            let f = unsafeBitCast(symbol, to: Pipe2.self)
            return { f($0, $1) }
        }
        return { fds, _ in
            guard pipe(fds) == 0 else { return -1 }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            return 0
        }
    }()
}

/// Bytes read on a background queue; read only after the group has finished.
private final class Collected: @unchecked Sendable {
    var data = Data()
}
