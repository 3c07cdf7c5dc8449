/// Author spellings interned by their bytes, so that a name written ten times is parsed once.
///
/// An open-addressing hash table (linear probing, power-of-two capacity, load ≤ 1/2) over one
/// byte arena: each distinct byte string is copied into the arena once and gets a dense `Int32`
/// id (0, 1, 2 … in order of first sight). A slot is one `UInt64`: 32 bits of the hash (which
/// also place it) and the id + 1 (0: empty), so a probe touches one cache line of the table and
/// compares bytes only when the 32 hash bits are equal.
///
/// The hash is FNV-1a 64 (Fowler, Noll, Vo; `h = (h ⊕ byte) · 1099511628211` from
/// `14695981039346656037`), folded with its high half before masking so short ASCII names
/// spread over the low bits.
///
/// The caller attaches one `Int32` value to each id (`JSONLinesFastPath` stores the index of the
/// parsed `AuthorName`, or a negative code for a name that is no author).
///
/// - Complexity: O(length) per lookup (one hash, expected O(1) probes, one byte comparison on a
///   hit); memory: the distinct bytes once, plus 8 bytes per slot and 8 per id.
public final class NameInterner {
    private var arena: [UInt8] = []
    private var start: [Int32] = [0]
    /// Per id: the caller's value.
    public private(set) var values: [Int32] = []
    /// Per slot: hash bits << 32 | (id + 1), or 0 when empty.
    private var slots: [UInt64]
    private var mask: Int

    /// Parsed names not yet taken by `takeNames()`, in id order of their values.
    var pendingNames: [AuthorName] = []
    /// Names made so far (the value of the next new name).
    public private(set) var nameCount: Int32 = 0

    public init(capacity: Int = 1 << 16) {
        var c = 16
        while c < capacity { c <<= 1 }
        slots = [UInt64](repeating: 0, count: c)
        mask = c - 1
    }

    /// The number of distinct byte strings seen.
    public var count: Int { values.count }

    /// The bytes of id `i`.
    public func bytes(_ i: Int32) -> ArraySlice<UInt8> { arena[Int(start[Int(i)])..<Int(start[Int(i) + 1])] }

    /// FNV-1a 64 folded to 32 bits (they place the slot and are kept in it).
    @inline(__always)
    static func hash(_ b: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var h: UInt64 = 14695981039346656037
        for c in b { h = (h ^ UInt64(c)) &* 1099511628211 }
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }

    /// The value of `b`, calling `make` for it (once) on first sight.
    @inline(__always)
    public func value(of b: UnsafeBufferPointer<UInt8>, make: () -> Int32) -> Int32 {
        let h = NameInterner.hash(b)
        let tag = UInt64(h) << 32
        var i = Int(h) & mask
        while true {
            let slot = slots[i]
            if slot == 0 { break }
            if slot & 0xFFFF_FFFF_0000_0000 == tag {
                let id = Int(slot & 0xFFFF_FFFF) - 1
                if equal(id, b) { return values[id] }
            }
            i = (i + 1) & mask
        }
        // A full arena (2 GiB of distinct spellings) interns no more: each later new spelling
        // gets a value of its own on every sight (still correct, only slower).
        guard arena.count + b.count <= Int(Int32.max) else { return make() }
        let v = make()
        let id = values.count
        arena.append(contentsOf: b)
        start.append(Int32(arena.count))
        values.append(v)
        slots[i] = tag | UInt64(id + 1)
        if values.count * 2 > slots.count { grow() }
        return v
    }

    @inline(__always)
    private func equal(_ id: Int, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = Int(start[id]), e = Int(start[id + 1])
        guard e - s == b.count else { return false }
        if b.isEmpty { return true }
        return arena.withUnsafeBufferPointer { a in
            let p = a.baseAddress! + s, q = b.baseAddress!
            var k = 0
            while k < b.count {
                if p[k] != q[k] { return false }
                k += 1
            }
            return true
        }
    }

    private func grow() {
        let c = slots.count * 2
        var new = [UInt64](repeating: 0, count: c)
        let m = c - 1
        for slot in slots where slot != 0 {
            var i = Int(slot >> 32) & m
            while new[i] != 0 { i = (i + 1) & m }
            new[i] = slot
        }
        slots = new
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
