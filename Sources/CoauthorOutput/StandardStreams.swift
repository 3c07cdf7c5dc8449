#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard input, output and error as a system tool treats them.
public enum StandardStreams {
    /// Call first thing in `main`: a descriptor among 0, 1, 2 that was closed when the program
    /// started (`cmd >&-`) gets a placeholder that fails every use — /dev/null opened for the
    /// wrong direction (write-only for standard input, read-only for the others) — so that no file
    /// opened later can take its number (an output file landing on descriptor 1 would receive
    /// standard output's text), and reading or writing it is an ordinary error (EBADF): a closed
    /// standard output is reported with exit 73, a closed standard error is silent.
    public static func reserve() {
        for fd in Int32(0)...2 where fcntl(fd, F_GETFD) < 0 && errno == EBADF {
            let placeholder = open("/dev/null", (fd == 0 ? O_WRONLY : O_RDONLY))
            if placeholder >= 0 && placeholder != fd {
                dup2(placeholder, fd)
                close(placeholder)
            }
        }
    }
}

/// Standard output: written whole, every error thrown (exit 73: full disk, a closed descriptor,
/// a broken pipe when SIGPIPE is ignored; with SIGPIPE at its default the process ends by that
/// signal, as `head` expects).
public enum StandardOutput {
    public static func write(_ s: String) throws(OutputError) {
        var s = s
        let e = s.withUTF8 { writeAll(STDOUT_FILENO, UnsafeRawBufferPointer($0)) }
        if e != 0 { throw .writeFailed("-", e) }
    }
}

/// Standard error: unbuffered; a failure to write it (closed, full disk) is ignored — there is
/// nowhere left to report it, and it must not stop the run or change its exit status.
public enum StandardError {
    public static func write(_ s: String) {
        var s = s
        _ = s.withUTF8 { writeAll(STDERR_FILENO, UnsafeRawBufferPointer($0)) }
    }

    public static var isTerminal: Bool { isatty(STDERR_FILENO) != 0 }
}
