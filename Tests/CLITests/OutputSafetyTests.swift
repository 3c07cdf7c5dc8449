import CoauthorGraph
import CoauthorTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Runs `script` with `/bin/sh -c` in `dir`, with `$BIN` the coauthor binary and `$SEED` the demo
/// input (so redirections — a closed descriptor, a device, a pipe — are the shell's, as a user's).
func shell(_ script: String, in dir: URL) throws -> CLI.Result {
    var env = ProcessInfo.processInfo.environment
    env["BIN"] = CLI.binary.path
    env["SEED"] = CLI.repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt").path
    return try runTool(URL(fileURLWithPath: "/bin/sh"), ["-c", script], cwd: dir, environment: env)
}

/// The file type bits of `path` (not following a final symlink).
func fileType(_ path: String) -> mode_t {
    var st = stat()
    guard lstat(path, &st) == 0 else { return 0 }
    return st.st_mode & S_IFMT
}

/// Outputs never replace a device, a FIFO, a symlink or an input, and every write error is exit
/// 73 with `PATH: what is wrong` (issue 21). Device nodes are private ones made with `mknod` in a
/// scratch folder (the test runs as root in CI, as `mknod` needs; without root it fails, not skips).
@Suite(.serialized) struct OutputSafetyTests {
    /// The commands that print a result on standard output.
    static let printing = ["stats $SEED", "rank $SEED", "communities $SEED", "timeline $SEED",
                           "identities $SEED", "path $SEED --from 'Qin Huang' --to 'Qin Huang'"]

    @Test func privateDeviceNodeIsWrittenIntoNotReplaced() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try shell("""
            mknod null c 1 3 || exit 99
            mknod null.dot c 1 3 || exit 99
            "$BIN" export "$SEED" --to json -o null || exit 1
            "$BIN" export "$SEED" --to graphml -o null || exit 2
            "$BIN" timeline "$SEED" -o null || exit 3
            "$BIN" communities "$SEED" -o null || exit 4
            "$BIN" build "$SEED" -o null || exit 5
            "$BIN" render "$SEED" -o null.dot || exit 6
            """, in: d)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(d.path + "/null") == S_IFCHR)
        #expect(fileType(d.path + "/null.dot") == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.path).sorted() == ["null", "null.dot"])
    }

    @Test func fullDiskIsExit73NamingTheFile() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        _ = try shell("mknod full c 1 7", in: d)
        #expect(fileType(d.path + "/full") == S_IFCHR)
        for cmd in ["export $SEED --to json -o full", "export $SEED --to pajek -o full", "build $SEED -o full",
                    "timeline $SEED -o full", "communities $SEED -o full"] {
            let r = try shell("\"$BIN\" \(cmd)", in: d)
            #expect(r.status == 73, "\(cmd): \(r.status) \(r.stderr)")
            #expect(r.stderr.contains("full: cannot write: no space left on device"), "\(cmd): \(r.stderr)")
        }
        for cmd in Self.printing {
            let r = try shell("\"$BIN\" \(cmd) > full", in: d)
            #expect(r.status == 73, "\(cmd): \(r.status) \(r.stderr)")
            #expect(r.stderr == "coauthor: error: standard output: cannot write: no space left on device\n", "\(cmd): \(r.stderr)")
        }
        #expect(fileType(d.path + "/full") == S_IFCHR)
        #expect(try FileManager.default.contentsOfDirectory(atPath: d.path) == ["full"])   // no temporary file left
    }

    @Test func closedStandardOutputIsExit73() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        for cmd in Self.printing + ["export $SEED --to json -o -"] {
            let r = try shell("\"$BIN\" \(cmd) >&-", in: d)
            #expect(r.status == 73, "\(cmd): \(r.status) \(r.stderr)")
            #expect(r.stderr.hasSuffix("coauthor: error: standard output: cannot write: it is closed\n"), "\(cmd): \(r.stderr)")
        }
        // With standard output closed, a file opened for -o must not take descriptor 1.
        let r = try shell("\"$BIN\" export \"$SEED\" --to json -o out.json >&- && cat out.json", in: d)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("{"))
    }

    @Test func brokenPipeWithSIGPIPEIgnoredIsExit73() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        for cmd in Self.printing {
            // `true` has exited (the pipe has no reader) before coauthor writes.
            let r = try shell("trap '' PIPE; { sleep 0.3; \"$BIN\" \(cmd); echo $? > status; } | true; cat status", in: d)
            #expect(r.stdout == "73\n", "\(cmd): \(r.stdout) \(r.stderr)")
            #expect(r.stderr.hasSuffix("coauthor: error: standard output: cannot write: broken pipe\n"), "\(cmd): \(r.stderr)")
        }
    }

    @Test func closedStandardErrorNeitherTrapsNorChangesTheResult() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let expected = try shell("\"$BIN\" stats \"$SEED\"", in: d).stdout
        let ok = try shell("\"$BIN\" stats \"$SEED\" 2>&-", in: d)
        #expect(ok.status == 0)
        #expect(ok.stdout == expected)
        // An error with nowhere to report it still ends with its exit code.
        let missing = try shell("\"$BIN\" stats no-such-file.bib 2>&-", in: d)
        #expect(missing.status == 66)
        let full = try shell("mknod full c 1 7; \"$BIN\" export \"$SEED\" --to json -o full 2>&-", in: d)
        #expect(full.status == 73)
    }

    @Test func fifoOutputIsWrittenIntoLikeCp() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try shell("""
            mkfifo pipe || exit 99
            cat pipe > got &
            "$BIN" export "$SEED" --to json -o pipe || exit 1
            wait
            "$BIN" export "$SEED" --to json -o direct.json || exit 2
            cmp got direct.json || exit 3
            """, in: d)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(d.path + "/pipe") == S_IFIFO)
    }

    @Test func symlinkIsFollowedDanglingOneRefused() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try shell("""
            echo old > real.json && ln -s real.json link.json && ln -s nowhere dangling.json || exit 99
            "$BIN" export "$SEED" --to json -o link.json || exit 1
            """, in: d)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(fileType(d.path + "/link.json") == S_IFLNK)
        #expect(try String(contentsOfFile: d.path + "/real.json", encoding: .utf8).hasPrefix("{"))
        let dangling = try shell("\"$BIN\" export \"$SEED\" --to json -o dangling.json", in: d)
        #expect(dangling.status == 73)
        #expect(dangling.stderr == "coauthor: error: dangling.json: cannot write: is a symbolic link to a missing file\n")
        #expect(fileType(d.path + "/nowhere") == 0)
    }

    @Test func directoryAndBlockDeviceAreRefused() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        // Major 42 is reserved for demos: no driver, so even a wrong open could not reach a disk.
        _ = try shell("mkdir dir; mknod blk b 42 0", in: d)
        #expect(fileType(d.path + "/blk") == S_IFBLK)
        let blk = try shell("\"$BIN\" timeline \"$SEED\" -o blk", in: d)
        #expect(blk.status == 73)
        #expect(blk.stderr == "coauthor: error: blk: cannot write: is a block device; refusing to write to it\n")
        let dir = try shell("\"$BIN\" timeline \"$SEED\" -o dir", in: d)
        #expect(dir.status == 73)
        #expect(dir.stderr == "coauthor: error: dir: cannot write: is a directory\n")
        #expect(fileType(d.path + "/blk") == S_IFBLK)
    }

    @Test func outputNamingAnInputIsRefused() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let seed = CLI.repoRoot.appendingPathComponent("seeds/qin-huang-profile.txt").path
        _ = try shell("cp \"$SEED\" in.txt; ln -s in.txt alias.txt; mkdir dir; cp \"$SEED\" dir/profile.txt", in: d)
        let before = try Data(contentsOf: URL(fileURLWithPath: seed))
        for (cmd, named) in [("export in.txt --to json -o in.txt", "in.txt"), ("export in.txt --to json -o alias.txt", "alias.txt"),
                             ("timeline dir -o dir/profile.txt", "dir/profile.txt"), ("communities in.txt -o ./in.txt", "./in.txt"),
                             ("build in.txt -o in.txt", "in.txt")] {
            let r = try shell("\"$BIN\" \(cmd)", in: d)
            #expect(r.status == 64, "\(cmd): \(r.status) \(r.stderr)")
            #expect(r.stderr == "coauthor: error: \(named): is an input of this run; refusing to overwrite it\n", "\(cmd)")
        }
        #expect(try Data(contentsOf: d.appendingPathComponent("in.txt")) == before)
        #expect(try Data(contentsOf: d.appendingPathComponent("dir/profile.txt")) == before)
        // A snapshot given as input cannot be overwritten by the build that reads it.
        let snap = try shell("\"$BIN\" build in.txt -o s.coauthor && \"$BIN\" build s.coauthor -o s.coauthor", in: d)
        #expect(snap.status == 64, "\(snap.stderr)")
    }

    @Test func replacedFileKeepsItsPermissions() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let r = try shell("echo old > out.json; chmod 600 out.json; \"$BIN\" export \"$SEED\" --to json -o out.json && stat -c %a out.json", in: d)
        #expect(r.status == 0)
        #expect(r.stdout == "600\n")
    }
}

/// A snapshot forged with a valid checksum is `FILE: corrupt snapshot: …`, exit 65, for every
/// command (it used to trap in `Int(UInt64)` or an overflowing sum).
@Suite struct ForgedSnapshotCLITests {
    @Test func forgedSnapshotIsExit65() throws {
        let d = try CLI.scratch()
        defer { try? FileManager.default.removeItem(at: d) }
        let built = try shell("\"$BIN\" build \"$SEED\" -q -o s.coauthor", in: d)
        #expect(built.status == 0, "\(built.stderr)")
        let bytes = [UInt8](try Data(contentsOf: d.appendingPathComponent("s.coauthor")))
        // Two forgeries the loader used to trap on, each with a valid checksum: the first count
        // (the input list's) past Int.max, and the report's mention count past Int.max (found as
        // the words [5, mentions, unusable, aliased, initial merges, duplicates]).
        let corpus = try bytes.withUnsafeBytes { try Snapshot.decodeContents($0, path: "s") }.corpus
        let r = corpus.report
        let report: [UInt64] = [5] + [r.mentions, r.unusableMentions, r.aliasedMentions, r.initialMerges, r.duplicateMentions].map { UInt64($0) }
        let words = bytes.withUnsafeBytes { raw in (0..<(raw.count / 8)).map { raw.loadUnaligned(fromByteOffset: 8 * $0, as: UInt64.self) } }
        let at = try #require((4..<(words.count - 5)).first { Array(words[$0..<($0 + 6)]) == report })
        var byReason: [String: [UInt8]] = [:]
        for (reason, word) in [("count out of range", 4), ("report counts", at + 1)] {
            var forged = bytes
            forged.withUnsafeMutableBytes { $0.storeBytes(of: UInt64.max, toByteOffset: 8 * word, as: UInt64.self) }
            Snapshot.seal(&forged)
            byReason[reason] = forged
        }
        for (reason, forged) in byReason.sorted(by: { $0.key < $1.key }) {
            try Data(forged).write(to: d.appendingPathComponent("forged.coauthor"))
            for cmd in ["stats", "export --to json -o out.json"] {
                let run = try shell("\"$BIN\" \(cmd) forged.coauthor", in: d)
                #expect(run.status == 65, "\(reason), \(cmd): \(run.status) \(run.stderr)")
                #expect(run.stderr == "coauthor: error: forged.coauthor: corrupt snapshot: \(reason)\n", "\(cmd): \(run.stderr)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: d.path + "/out.json"))
    }
}
