import Foundation

/// Counts finished units of work (sources of a single-source search) from any thread and reports
/// `(done, total)` to a callback, serialised, at most every `every` units and at the end.
public final class WorkProgress: @unchecked Sendable {
    public let total: Int
    private let every: Int
    private let report: @Sendable (_ done: Int, _ total: Int) -> Void
    @exclusivity(unchecked) private var done = 0
    private let lock = NSLock()

    public init(total: Int, every: Int = 64, report: @escaping @Sendable (_ done: Int, _ total: Int) -> Void) {
        self.total = total
        self.every = max(1, every)
        self.report = report
    }

    /// One more unit done.
    public func advance() { advance(by: 1) }

    /// `units` more units done.
    public func advance(by units: Int) {
        lock.lock()
        defer { lock.unlock() }
        let before = done
        done += units
        if done / every != before / every || done == total { report(done, total) }
    }
}
