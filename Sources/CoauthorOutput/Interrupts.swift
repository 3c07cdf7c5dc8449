#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What must not outlive the process when SIGINT, SIGTERM or SIGHUP ends it: temporary output
/// files (removed) and child processes (killed). `install()` sets the handler; it then restores
/// the signal's default action and raises it again, so the run ends with the signal the user sent.
///
/// The handler only reads fixed tables of C strings and process ids (`unlink` and `kill` are
/// async-signal-safe); a slot is cleared before its entry is dropped, and a path's C string is
/// never freed (a few bytes per output file), so the handler can never read freed memory.
public enum Interrupts {
    static let slots = 256
    /// Temporary file paths (nil: a free slot).
    nonisolated(unsafe) static let temps: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> = {
        let p = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
        p.initialize(repeating: nil, count: slots)
        return p
    }()
    /// Child process ids (0: a free slot).
    nonisolated(unsafe) static let children: UnsafeMutablePointer<pid_t> = {
        let p = UnsafeMutablePointer<pid_t>.allocate(capacity: slots)
        p.initialize(repeating: 0, count: slots)
        return p
    }()
    static let lock = Lock()

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (a signal ignored when the program
    /// started — `nohup`, a background job — stays ignored).
    public static func install() {
        _ = temps
        _ = children
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            var old = sigaction()
            sigaction(sig, nil, &old)
            if unsafeBitCast(old.__sigaction_handler.sa_handler, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                continue
            }
            var action = sigaction()
            action.__sigaction_handler.sa_handler = { sig in Interrupts.handle(sig) }
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            sigaction(sig, &action, nil)
        }
    }

    static func handle(_ sig: Int32) {
        for i in 0..<slots where children[i] > 0 { kill(children[i], SIGKILL) }
        for i in 0..<slots { if let p = temps[i] { unlink(p) } }
        signal(sig, SIG_DFL)
        raise(sig)
    }

    /// A temporary file that the handler removes; `forget()` once renamed into place or removed.
    final class TempFile {
        let path: String
        private var slot: Int?

        init(path: String) {
            self.path = path
            slot = Interrupts.lock.locked {
                guard let i = (0..<Interrupts.slots).first(where: { Interrupts.temps[$0] == nil }) else { return nil }
                Interrupts.temps[i] = strdup(path)
                return i
            }
        }

        func forget() {
            guard let i = slot else { return }
            Interrupts.lock.locked { Interrupts.temps[i] = nil }     // the string itself is kept
            slot = nil
        }

        func remove() {
            unlink(path)
            forget()
        }
    }

    /// Registers a child process to be killed if the run is interrupted; returns a token for
    /// `childEnded`.
    public static func childStarted(_ pid: pid_t) -> Int? {
        lock.locked {
            guard let i = (0..<slots).first(where: { children[$0] == 0 }) else { return nil }
            children[i] = pid
            return i
        }
    }

    public static func childEnded(_ token: Int?) {
        guard let token else { return }
        lock.locked { children[token] = 0 }
    }
}
