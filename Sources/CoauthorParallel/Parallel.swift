import Dispatch
import Foundation

/// The one place the package starts threads: block-parallel loops for the algorithms (`map`), two
/// pieces at once for the graph builder and the input layer (`both`, `filled`, `joined`), worker
/// threads for read-ahead and producers (`thread`), a bound on the work handed ahead of its
/// consumer (`Window`), a serial background stage (`SerialWorker`) and concurrent waits on
/// blocking calls (`Pending`). Every parallel step gives the same result with one thread or many.
package enum Parallel {
    /// The number of blocks sources are split into for parallel accumulations.
    package static let blocks = 8

    /// The cores to use when the caller passes 0.
    package static var defaultThreads: Int { ProcessInfo.processInfo.activeProcessorCount }

    /// Runs `blocks` independent pieces of work on up to `threads` cores and returns their results
    /// in block order. The split into blocks does not depend on the thread count, so reductions over
    /// the results (summed in block order) give the same bits with 1 or 2 threads.
    package static func map<T: Sendable>(blocks: Int, threads: Int, _ work: @Sendable (Int) -> T) -> [T] {
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
    package static func ranges(_ n: Int, blocks: Int) -> [Range<Int>] {
        (0..<blocks).map { b in (n * b / blocks)..<(n * (b + 1) / blocks) }
    }

    /// A scratch array of `count` values that parallel blocks read whole and write in disjoint
    /// ranges (the caller keeps the ranges apart). Freed by `release()`.
    package struct Scratch<T>: @unchecked Sendable {
        package let base: UnsafeMutablePointer<T>
        package let count: Int
        package init(count: Int, value: T) {
            base = .allocate(capacity: max(count, 1))
            base.initialize(repeating: value, count: count)
            self.count = count
        }
        package init(_ values: [T]) {
            count = values.count
            base = .allocate(capacity: max(count, 1))
            _ = UnsafeMutableBufferPointer(start: base, count: count).initialize(from: values)
        }
        package var array: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }
        package func release() { base.deinitialize(count: count); base.deallocate() }
    }

    /// Starts `body` on a thread of its own (a read-ahead worker, a producer of input pieces),
    /// with `stackSize` bytes of stack when given.
    package static func thread(stackSize: Int? = nil, _ body: @escaping @Sendable () -> Void) {
        let t = Thread(block: body)
        if let stackSize { t.stackSize = stackSize }
        t.start()
    }

    /// How far a producer may run ahead of its consumer: `depth` slots, taken by `enter` (waiting
    /// while none is free) and given back by `leave`.
    package final class Window: @unchecked Sendable {
        private let free: DispatchSemaphore
        package init(depth: Int) {
            // Made at 0 and signalled: libdispatch traps when a semaphore is freed below its
            // initial value.
            free = DispatchSemaphore(value: 0)
            for _ in 0..<depth { free.signal() }
        }
        package func enter() { free.wait() }
        package func leave() { free.signal() }
    }

    /// A stage on a background thread that runs the work submitted to it one at a time, in the
    /// order submitted, with at most `depth` submissions waiting (`submit` blocks beyond that).
    package final class SerialWorker: @unchecked Sendable {
        private let queue: DispatchQueue
        private let window: Window
        package init(label: String, depth: Int) {
            queue = DispatchQueue(label: label)
            window = Window(depth: depth)
        }
        package func submit(_ work: @escaping @Sendable () -> Void) {
            window.enter()
            queue.async {
                work()
                self.window.leave()
            }
        }
        /// Waits until everything submitted has run.
        package func drain() { queue.sync {} }
    }

    /// Blocking calls running concurrently (draining a child process's pipes), waited for together.
    package final class Pending: @unchecked Sendable {
        private let group = DispatchGroup()
        package init(_ works: [@Sendable () -> Void]) {
            for w in works { DispatchQueue.global().async(group: group, execute: w) }
        }
        /// Waits until every call has returned.
        package func wait() { group.wait() }
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

/// Runs two independent pieces of work — on two threads when `parallel` — and returns both
/// results. Each piece computes the same value either way, so the result does not depend on it.
package func both<A: Sendable, B: Sendable>(parallel: Bool, _ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
    guard parallel else { return (a(), b()) }
    let box = BothBox<A, B>()
    DispatchQueue.concurrentPerform(iterations: 2) { i in
        if i == 0 { box.setA(a()) } else { box.setB(b()) }
    }
    return box.values
}

private final class BothBox<A, B>: @unchecked Sendable {
    @exclusivity(unchecked) private var a: A?
    @exclusivity(unchecked) private var b: B?
    private let lock = NSLock()
    func setA(_ v: A) { lock.lock(); a = v; lock.unlock() }
    func setB(_ v: B) { lock.lock(); b = v; lock.unlock() }
    var values: (A, B) { lock.lock(); defer { lock.unlock() }; return (a!, b!) }
}

/// Memory shared by the pieces of `both` (an array being filled, a file read in halves), which
/// write disjoint ranges of it.
package struct SharedStorage<T>: @unchecked Sendable {
    package let base: UnsafeMutablePointer<T>
    package init(_ buffer: UnsafeMutableBufferPointer<T>) { base = buffer.baseAddress! }
    package init(_ base: UnsafeMutablePointer<T>) { self.base = base }
}

/// An array of `count` elements whose element `i` is `value(i)`, made in two halves on two
/// threads when `parallel` (the same array either way).
package func filled<T>(count: Int, parallel: Bool, _ value: @escaping @Sendable (Int) -> T) -> [T] {
    guard count > 0 else { return [] }
    return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
        let out = SharedStorage(buffer)
        let half = count / 2
        _ = both(parallel: parallel,
                 { for i in 0..<half { (out.base + i).initialize(to: value(i)) } },
                 { for i in half..<count { (out.base + i).initialize(to: value(i)) } })
        initialized = count
    }
}

/// `a + b`, copied into the result in two pieces on two threads when `parallel`.
package func joined<T: Sendable>(_ a: [T], _ b: [T], parallel: Bool) -> [T] {
    guard !a.isEmpty, !b.isEmpty else { return a.isEmpty ? b : a }
    return [T](unsafeUninitializedCapacity: a.count + b.count) { buffer, initialized in
        let out = SharedStorage(buffer)
        _ = both(parallel: parallel,
                 { a.withUnsafeBufferPointer { out.base.initialize(from: $0.baseAddress!, count: a.count) } },
                 { b.withUnsafeBufferPointer { (out.base + a.count).initialize(from: $0.baseAddress!, count: b.count) } })
        initialized = a.count + b.count
    }
}
