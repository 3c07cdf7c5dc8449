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
    private var a: A?
    private var b: B?
    private let lock = NSLock()
    func setA(_ v: A) { lock.lock(); a = v; lock.unlock() }
    func setB(_ v: B) { lock.lock(); b = v; lock.unlock() }
    var values: (A, B) { lock.lock(); defer { lock.unlock() }; return (a!, b!) }
}
