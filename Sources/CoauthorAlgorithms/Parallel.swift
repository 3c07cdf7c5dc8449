import Dispatch
import Foundation

/// Runs `blocks` independent pieces of work on up to `threads` cores and returns their results in
/// block order. The split into blocks does not depend on the thread count, so reductions over the
/// results (summed in block order) give the same bits with 1 or 2 threads.
enum Parallel {
    /// The number of blocks sources are split into for parallel accumulations.
    static let blocks = 8

    /// The cores to use when the caller passes 0.
    static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    static func map<T: Sendable>(blocks: Int, threads: Int, _ work: @Sendable (Int) -> T) -> [T] {
        let box = Slots<T>(count: blocks)
        let t = threads <= 0 ? defaultThreads : threads
        if t == 1 || blocks == 1 {
            for b in 0..<blocks { box.set(b, work(b)) }
        } else {
            // A shared counter hands out blocks, so at most `t` run at once.
            let next = Counter()
            DispatchQueue.concurrentPerform(iterations: min(t, blocks)) { _ in
                while true {
                    let b = next.take()
                    if b >= blocks { break }
                    box.set(b, work(b))
                }
            }
        }
        return box.values()
    }

    /// Splits `0..<n` into `blocks` contiguous ranges of near-equal size.
    static func ranges(_ n: Int, blocks: Int) -> [Range<Int>] {
        (0..<blocks).map { b in (n * b / blocks)..<(n * (b + 1) / blocks) }
    }

    /// A scratch array of `count` values that parallel blocks read whole and write in disjoint
    /// ranges (the caller keeps the ranges apart). Freed by `release()`.
    struct Scratch<T>: @unchecked Sendable {
        let base: UnsafeMutablePointer<T>
        let count: Int
        init(count: Int, value: T) {
            base = .allocate(capacity: max(count, 1))
            base.initialize(repeating: value, count: count)
            self.count = count
        }
        init(_ values: [T]) {
            count = values.count
            base = .allocate(capacity: max(count, 1))
            _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: values)
        }
        var array: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }
        func release() { base.deinitialize(count: count); base.deallocate() }
    }

    private final class Slots<T>: @unchecked Sendable {
        @exclusivity(unchecked) private var slots: [T?]
        private let lock = NSLock()
        init(count: Int) { slots = Array(repeating: nil, count: count) }
        func set(_ i: Int, _ v: T) { lock.lock(); slots[i] = v; lock.unlock() }
        func values() -> [T] { slots.map { $0! } }
    }

    private final class Counter: @unchecked Sendable {
        @exclusivity(unchecked) private var value = 0
        private let lock = NSLock()
        func take() -> Int { lock.lock(); defer { value += 1; lock.unlock() }; return value }
    }
}

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
