/// Author spellings interned by their bytes, so that a name written ten times is parsed once.
///
/// An open-addressing hash table (linear probing, power-of-two capacity, load ≤ 1/2) over one
/// byte arena: each distinct byte string is copied into the arena once and gets a dense `Int32`
/// id (0, 1, 2 … in order of first sight). Each slot keeps the full 64-bit hash next to the id,
/// so a probe compares bytes only when the hashes are equal.
///
/// The hash is FNV-1a 64 (Fowler, Noll, Vo; `h = (h ⊕ byte) · 1099511628211` from
/// `14695981039346656037`), folded with its high half before masking so short ASCII names
/// spread over the low bits.
///
/// The caller attaches one `Int32` value to each id (`JSONLinesFastPath` stores the index of the
/// parsed `AuthorName`, or a negative code for a name that is no author).
///
/// - Complexity: O(length) per lookup (one hash, expected O(1) probes, one `memcmp` on a hit);
///   memory: the distinct bytes once, plus 12 bytes per slot and 4 per id.
public final class NameInterner {
    private var arena: [UInt8] = []
    private var start: [Int32] = [0]
    /// Per id: the caller's value.
    public private(set) var values: [Int32] = []
    private var slotHash: [UInt64]
    private var slotID: [Int32]
    private var mask: Int

    /// Parsed names not yet taken by `takeNames()`, in id order of their values.
    var pendingNames: [AuthorName] = []
    /// Names made so far (the value of the next new name).
    public private(set) var nameCount: Int32 = 0

    public init(capacity: Int = 1 << 16) {
        var c = 16
        while c < capacity { c <<= 1 }
        slotHash = [UInt64](repeating: 0, count: c)
        slotID = [Int32](repeating: -1, count: c)
        mask = c - 1
    }

    /// The number of distinct byte strings seen.
    public var count: Int { values.count }

    /// The bytes of id `i`.
    public func bytes(_ i: Int32) -> ArraySlice<UInt8> { arena[Int(start[Int(i)])..<Int(start[Int(i) + 1])] }

    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 14695981039346656037
        for c in b { h = (h ^ UInt64(c)) &* 1099511628211 }
        return h ^ (h >> 32)
    }

    /// The value of `b`, calling `make` for it (once) on first sight.
    @inline(__always)
    public func value(of b: UnsafeBufferPointer<UInt8>, make: () -> Int32) -> Int32 {
        let h = NameInterner.hash(b)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let id = slotID[i]
            if id < 0 { break }
            if slotHash[i] == h && equal(id, b) { return values[Int(id)] }
            i = (i + 1) & mask
        }
        // A full arena (2 GiB of distinct spellings) interns no more: each later new spelling
        // gets a value of its own on every sight (still correct, only slower).
        guard arena.count + b.count <= Int(Int32.max) else { return make() }
        let v = make()
        let id = Int32(values.count)
        arena.append(contentsOf: b)
        start.append(Int32(arena.count))
        values.append(v)
        slotHash[i] = h
        slotID[i] = id
        if values.count * 2 > slotID.count { grow() }
        return v
    }

    @inline(__always)
    private func equal(_ id: Int32, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(start[Int(id)]), e = Int(start[Int(id) + 1])
        guard e - s == b.count else { return false }
        if b.isEmpty { return true }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + s, b.baseAddress!, b.count) == 0 }
    }

    private func grow() {
        let c = slotID.count * 2
        var hashes = [UInt64](repeating: 0, count: c)
        var ids = [Int32](repeating: -1, count: c)
        let m = c - 1
        for j in 0..<slotID.count where slotID[j] >= 0 {
            var i = Int(truncatingIfNeeded: slotHash[j]) & m
            while ids[i] >= 0 { i = (i + 1) & m }
            ids[i] = slotID[j]
            hashes[i] = slotHash[j]
        }
        slotHash = hashes
        slotID = ids
        mask = m
    }

    /// Records a parsed name and returns its value (its index among all names made).
    func addName(_ a: AuthorName) -> Int32 {
        pendingNames.append(a)
        nameCount += 1
        return nameCount - 1
    }

    /// The names made since the last call, in order (name `k` of all is the `k`-th ever taken).
    public func takeNames() -> [AuthorName] {
        defer { pendingNames = [] }
        return pendingNames
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
