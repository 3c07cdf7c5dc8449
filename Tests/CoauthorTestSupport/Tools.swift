import Foundation

/// Where the tests find the repository and the shared data: the repository root (from this file's
/// place in it) and `../shared/data` beside it, so a clone at /somewhere/X reads /somewhere/shared.
public enum TestPaths {
    public static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    public static let sharedData = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
}

/// A test's set-up is missing (no venv, no tool): the test fails with this, it never skips.
public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String
    public init(_ d: String) { description = d }
}

/// The Python that runs the oracles and references: `COAUTHOR_PYTHON` (set by the README's test
/// command), else the repository's `.venv`. Throws when neither is there.
public func testPython() throws -> URL {
    if let p = ProcessInfo.processInfo.environment["COAUTHOR_PYTHON"] { return URL(fileURLWithPath: p) }
    let p = TestPaths.repoRoot.appendingPathComponent(".venv/bin/python")
    guard FileManager.default.isExecutableFile(atPath: p.path) else {
        throw TestSetupError("no .venv with networkx: run `bash Tests/scripts/setup.sh` (the README's test command does)")
    }
    return p
}

/// A program on PATH; a clear failure (never a skip) when it is missing.
public func testTool(_ name: String) throws -> URL {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
        let u = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
        if FileManager.default.isExecutableFile(atPath: u.path) { return u }
    }
    throw TestSetupError("\(name) not found: run `bash Tests/scripts/setup.sh`")
}

/// What a finished process left: its exit status and its standard output and error as text.
public struct ToolResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// The run was still going after its `timeout` and was terminated (a hang).
    public var timedOut = false
    public init(status: Int32, stdout: String, stderr: String, timedOut: Bool = false) {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
        self.timedOut = timedOut
    }
}

/// Runs `executable` with `arguments` (and `stdin`, else an empty standard input; in `cwd`; with
/// `environment` instead of this process's) and waits for it. Its outputs go to files, so a large
/// output can never block the child on a full pipe. With `timeout`, a run still going after that
/// many seconds is terminated and comes back with `timedOut` set.
public func runTool(_ executable: URL, _ arguments: [String], stdin: Data? = nil, cwd: URL? = nil,
                    environment: [String: String]? = nil, timeout: Double? = nil) throws -> ToolResult {
    let p = Process()
    p.executableURL = executable
    p.arguments = arguments
    if let cwd { p.currentDirectoryURL = cwd }
    if let environment { p.environment = environment }
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("coauthor-tool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let inURL = dir.appendingPathComponent("in"), outURL = dir.appendingPathComponent("out")
    let errURL = dir.appendingPathComponent("err")
    try (stdin ?? Data()).write(to: inURL)
    FileManager.default.createFile(atPath: outURL.path, contents: nil)
    FileManager.default.createFile(atPath: errURL.path, contents: nil)
    let input = try FileHandle(forReadingFrom: inURL), out = try FileHandle(forWritingTo: outURL),
        err = try FileHandle(forWritingTo: errURL)
    p.standardInput = input
    p.standardOutput = out
    p.standardError = err
    try p.run()
    var timedOut = false
    if let timeout {
        let deadline = Date().addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            p.terminate()
            timedOut = true
        }
    }
    p.waitUntilExit()
    try input.close()
    try out.close()
    try err.close()
    return ToolResult(status: p.terminationStatus,
                      stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                      stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self), timedOut: timedOut)
}

/// Runs a Python script of the repository (`script` relative to its root) in the test Python with
/// `arguments` and `input` as JSON on standard input (none when nil), and returns the JSON it
/// prints. A failing script throws with the end of its standard error.
public func runPythonJSON(_ script: String, _ arguments: [String] = [], input: Any? = nil) throws -> Any {
    let stdin = try input.map { try JSONSerialization.data(withJSONObject: $0) }
    let r = try runTool(try testPython(), [TestPaths.repoRoot.appendingPathComponent(script).path] + arguments, stdin: stdin)
    guard r.status == 0 else {
        throw TestSetupError("\(script) exited with \(r.status): \(r.stderr.suffix(2000))")
    }
    return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))
}
