import Dispatch
import Foundation

/// Runs two independent pieces of work — on two threads when `parallel` — and returns both
/// results. Each piece computes the same value either way, so the result does not depend on it.
func both<A: Sendable, B: Sendable>(parallel: Bool, _ a: @Sendable () -> A, _ b: @Sendable () -> B) -> (A, B) {
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

/// The storage of an array being filled, shared by the two pieces of `both`, which write disjoint
/// ranges of it.
struct SharedStorage<T>: @unchecked Sendable {
    let base: UnsafeMutablePointer<T>
    init(_ buffer: UnsafeMutableBufferPointer<T>) { base = buffer.baseAddress! }
}

/// An array of `count` elements whose element `i` is `value(i)`, made in two halves on two
/// threads when `parallel` (the same array either way).
func filled<T>(count: Int, parallel: Bool, _ value: @escaping @Sendable (Int) -> T) -> [T] {
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
func joined<T: Sendable>(_ a: [T], _ b: [T], parallel: Bool) -> [T] {
    guard !a.isEmpty, !b.isEmpty else { return a.isEmpty ? b : a }
    return [T](unsafeUninitializedCapacity: a.count + b.count) { buffer, initialized in
        let out = SharedStorage(buffer)
        _ = both(parallel: parallel,
                 { a.withUnsafeBufferPointer { out.base.initialize(from: $0.baseAddress!, count: a.count) } },
                 { b.withUnsafeBufferPointer { (out.base + a.count).initialize(from: $0.baseAddress!, count: b.count) } })
        initialized = a.count + b.count
    }
}
